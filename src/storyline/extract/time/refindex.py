"""The stored index of dated references the `date_conflict` corpus step reads.

Every article the step sees leaves its references in `time_refs`: its months and days
(`ref`, with the month as a column), its periods counted from the page's date (`rel`) and
the periods it dates with a written year (`known`, whose words also go to `time_ref_words`).
A new batch then reads only what can conflict with it, by indexed queries:

- a month named without its year: the firm references to that month (`kind, month, firm`);
- a weekday, once a year is voted for: the days of that year on that weekday (`kind, value`);
- a relative reference: the `known` references holding its rarest words (`time_ref_words`):
  a reference that must share at least `k` of `n` words holds one of any `n - k + 1` of them;
- and for the order of arrival not to matter, the older pages a new firm reference may now
  contradict: those naming the same month without a year, and those with relative references.

The cost of a batch is the number of references to the months it names, not the size of the
store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select

from storyline.extract.time.corpus import Ref
from storyline.store import schema

KINDS = ("ref", "rel", "known")
_CHUNK = 500


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


def _row(kind: str, ref: Ref) -> dict[str, Any]:
    return {"article_id": ref.article, "kind": kind, "value": ref.value, "month": ref.value[5:7] or None,
            "firm": int(ref.firm), "start": ref.start, "end": ref.end, "text": ref.text,
            "words": " ".join(sorted(ref.words))}


def _ref(row: Any) -> Ref:
    return Ref(row.article_id, row.start, row.end, row.text, row.value, bool(row.firm),
               frozenset(row.words.split()))


class RefIndex:
    """Reads and writes the index inside one transaction, caching what a batch asks twice."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._months: dict[str, list[Ref]] = {}
        self._loose: dict[str, list[Ref]] = {}

    def add(self, refs: dict[str, dict[str, list[Ref]]]) -> None:
        """Store the references of some articles: article id -> kind -> refs."""
        t, w = schema.time_refs, schema.time_ref_words
        plain = [_row(kind, ref) for kinds in refs.values() for kind, items in kinds.items() if kind != "known"
                 for ref in items]
        if plain:
            self.conn.execute(insert(t), plain)
        for ref in (ref for kinds in refs.values() for ref in kinds.get("known", [])):
            key = self.conn.execute(insert(t).values(**_row("known", ref))).inserted_primary_key
            if key is not None and ref.words:
                self.conn.execute(insert(w), [{"word": word, "ref_id": key[0], "article_id": ref.article}
                                              for word in ref.words])
        self._months.clear()
        self._loose.clear()

    def of_articles(self, article_ids: Sequence[str]) -> dict[str, dict[str, list[Ref]]]:
        """article id -> kind -> its stored references."""
        t = schema.time_refs
        out: dict[str, dict[str, list[Ref]]] = defaultdict(lambda: {k: [] for k in KINDS})
        for chunk in _chunks(sorted(set(article_ids))):
            for row in self.conn.execute(select(t).where(t.c.article_id.in_(chunk)).order_by(t.c.id)):
                out[row.article_id][row.kind].append(_ref(row))
        return out

    def firm_in_month(self, month: str) -> list[Ref]:
        """Every firm reference (a year written) to this month, of any article."""
        if month not in self._months:
            t = schema.time_refs
            query = select(t).where(t.c.kind == "ref", t.c.month == month, t.c.firm == 1)
            self._months[month] = [_ref(r) for r in self.conn.execute(query)]
        return self._months[month]

    def days_like(self, days: Iterable[date], year: int) -> list[Ref]:
        """References to days of `year` on the same weekdays as `days`."""
        weekdays = {d.isoweekday() for d in days}
        first = date(year, 1, 1)
        values = [(first + timedelta(n)).isoformat() for n in range(366)
                  if (first + timedelta(n)).year == year and (first + timedelta(n)).isoweekday() in weekdays]
        t = schema.time_refs
        out: list[Ref] = []
        for chunk in _chunks(values):
            out += [_ref(r) for r in self.conn.execute(select(t).where(t.c.kind == "ref", t.c.value.in_(chunk)))]
        return out

    def known_sharing(self, words: frozenset[str], at_least: int) -> list[Ref]:
        """`known` references sharing at least `at_least` of `words`: looked up by the rarest
        `len(words) - at_least + 1` of them (one of which any such reference must hold)."""
        if len(words) < at_least:
            return []
        w, t = schema.time_ref_words, schema.time_refs
        query = select(w.c.word, func.count()).where(w.c.word.in_(sorted(words))).group_by(w.c.word)
        counts: dict[str, int] = {word: int(n) for word, n in self.conn.execute(query).all()}
        rarest = sorted(words, key=lambda word: (counts.get(word, 0), word))[:len(words) - at_least + 1]
        rarest = [word for word in rarest if counts.get(word)]
        if not rarest:
            return []
        ids = select(w.c.ref_id).where(w.c.word.in_(rarest)).distinct().scalar_subquery()
        found = [_ref(r) for r in self.conn.execute(select(t).where(t.c.id.in_(ids)))]
        return [r for r in found if len(r.words & words) >= at_least]

    def loose_in_month(self, month: str) -> list[Ref]:
        """References to this month written without a year (`2021-08` from "in August")."""
        if month not in self._loose:
            t = schema.time_refs
            query = select(t).where(t.c.kind == "ref", t.c.month == month, t.c.firm == 0, func.length(t.c.value) == 7)
            self._loose[month] = [_ref(r) for r in self.conn.execute(query)]
        return self._loose[month]

    def relative(self) -> list[Ref]:
        """Every relative reference (few: "last year's election", "two years since the war")."""
        t = schema.time_refs
        return [_ref(r) for r in self.conn.execute(select(t).where(t.c.kind == "rel"))]
