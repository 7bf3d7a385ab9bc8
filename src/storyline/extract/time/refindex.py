"""The stored index of dated references the `date_conflict` corpus step reads.

Every article the step sees leaves its references in `time_refs`: its months and days
(`ref`, with the month as a column), its periods counted from the page's date (`rel`) and
the periods it dates with a written year (`known`, whose words also go to `time_ref_words`).
A new batch then reads only what can conflict with it, by indexed queries:

- a month named without its year: the firm references to that month that share a content word
  with it, by the keys `<month>f:<stem>` (firm) and `<month>l:<stem>` (a month without its
  year) in `time_ref_words`: never every reference to the month;
- a weekday, once a year is voted for: the days of that year on that weekday whose sentences
  share a content word with the weekday's, by the keys `<year>w<isoweekday>:<stem>`: never
  every day of the year;
- a relative reference: the `known` references holding its rarest words (`time_ref_words`):
  a reference that must share at least `k` of `n` words holds one of any `n - k + 1` of them;
- and for the order of arrival not to matter, the older pages a new firm reference may now
  contradict: those naming the same month without a year in a sentence sharing a word with it,
  and those with relative references sharing words with a new `known` one (keys `r:<stem>`).

The cost of a batch is the number of references sharing words with its own, not the size of the
store: at most `POSTINGS_READ` of them under any one key (the latest), each key counted no
further than one past that cap and read by one bounded index range, and at most `SHARING_READ`
for one sentence's words, its rarest keys first. In a store where a storyline's common words are under thousands
of references each, a lookup then costs what it costs in a small one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache
from sys import intern
from typing import Any

from sqlalchemy import Connection, Integer, bindparam, delete, insert, select, update

from storyline.extract.time.corpus import Ref, sentence_without
from storyline.store import schema
from storyline.store.migrations import meta_value, set_meta

KINDS = ("ref", "rel", "known")
_CHUNK = 500
# The most references read under one key (a month and a word, a day of the week and a word, a relative word):
# the latest stored. A busy store holds thousands under a common word; a verdict needs a few
# agreeing witnesses, and reading them all would make each new article cost more as the store
# grows.
POSTINGS_READ = 200
# The most references one lookup (the words of one sentence) reads in all: its rarest keys first.
# A sentence has a dozen words; in a store where each of them is busy, 200 under each would
# still be thousands of references to compare for every month an article names.
SHARING_READ = 400


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _row(kind: str, ref: Ref, stated: dict[tuple[str, int, int], str] | None = None,
         text: str | None = None) -> dict[str, Any]:
    """A `time_refs` row; `stated`: (kind, start, end) -> the value against the stated date of a
    re-dated page's reference (its `stated_value`, when it differs from the value); `text`: its
    page's clean text, which its `sentence` is cut from (`sentence_without`; null without it)."""
    before = (stated or {}).get((kind, ref.start, ref.end))
    sentence = sentence_without(text, ref.start, ref.end) if text is not None else None
    return {"article_id": ref.article, "kind": kind, "value": ref.value, "month": ref.value[5:7] or None,
            "firm": int(ref.firm), "start": ref.start, "end": ref.end, "text": ref.text,
            "words": " ".join(sorted(ref.words)), "stated_value": before if before != ref.value else None,
            "sentence": sentence}


def _month_key(month: str, firm: bool, word: str) -> str:
    return f"{month}{'f' if firm else 'l'}:{word}"


def _day_key(year: int, weekday: int, word: str) -> str:
    return f"{year}w{weekday}:{word}"


def _day(ref: Ref) -> date | None:
    """The day a reference dates, if it dates one."""
    try:
        return date.fromisoformat(ref.value) if len(ref.value) == 10 else None
    except ValueError:
        return None


def keys_of(kind: str, ref: Ref) -> list[str]:
    """The `time_ref_words` keys a reference of another kind than `known` is found under."""
    if kind == "rel":
        return [f"r:{w}" for w in sorted(ref.words)]
    return month_keys(kind, ref) + day_keys(kind, ref)


def month_keys(kind: str, ref: Ref) -> list[str]:
    """A month firm or without its year, by its sentence's words (`<month>f:<stem>`, `<month>l:<stem>`)."""
    month = ref.value[5:7]
    if kind != "ref" or not month or not (ref.firm or len(ref.value) == 7):
        return []
    return [_month_key(month, ref.firm, w) for w in sorted(ref.words)]


def day_keys(kind: str, ref: Ref) -> list[str]:
    """A day, by its year, its weekday and its sentence's words (`<year>w<isoweekday>:<stem>`)."""
    day = _day(ref) if kind == "ref" else None
    return [_day_key(day.year, day.isoweekday(), w) for w in sorted(ref.words)] if day else []


# the columns a reference is read with: all but its sentence, read only for those compared
_COLUMNS = tuple(c for c in schema.time_refs.c if c.name != "sentence")
_AT = {c.name: i for i, c in enumerate(_COLUMNS)}  # column -> its place among `_COLUMNS`
_ID, _ARTICLE, _KIND, _VALUE = _AT["id"], _AT["article_id"], _AT["kind"], _AT["value"]
_FIRM, _START, _END, _TEXT, _WORDS = _AT["firm"], _AT["start"], _AT["end"], _AT["text"], _AT["words"]


def _ref(row: Any, at: int = 0) -> Ref:
    """A stored reference from a row holding `_COLUMNS` from its `at`-th column: its article id,
    value and words shared with every other reference read that has them (`sys.intern`): a
    large store's batch reads hundreds of thousands. Its sentence is not read here
    (`corpus.SentenceReader` reads it by `Ref.row` when compared). Read by position: a
    SQLAlchemy row's attributes cost ten times more."""
    return Ref(intern(row[at + _ARTICLE]), row[at + _START], row[at + _END], row[at + _TEXT],
               intern(row[at + _VALUE]), bool(row[at + _FIRM]), frozenset(map(intern, row[at + _WORDS].split())),
               row=row[at + _ID])


KEYED = "time_ref_keys_indexed"  # meta key: references stored before their keys existed have them
DAY_KEYED = "time_ref_day_keys_indexed"  # meta key: so have days stored before their keys existed


def key_older_refs(conn: Connection) -> int:
    """Once per store: the keys of the `ref` and `rel` references stored before they had any
    (the date_conflict step of an older release), and the day keys of days stored before
    those existed; returns key rows written."""
    done = {key for key in (KEYED, DAY_KEYED) if meta_value(conn, key) is not None}
    written = 0
    if KEYED not in done:
        written = _key_refs(conn, ("ref", "rel"), keys_of)
    elif DAY_KEYED not in done:
        written = _key_refs(conn, ("ref",), day_keys)
    for key in (KEYED, DAY_KEYED):
        if key not in done:
            set_meta(conn, key, "1")
    return written


SENTENCES = "time_ref_sentences_filled"  # meta key: rows stored before schema 14 have their sentence


def fill_older_sentences(conn: Connection) -> int:
    """Once per store: the `sentence` of the references stored before the column existed (schema
    14), cut from their pages' texts `_CHUNK` pages at a time; returns rows filled. Here and not
    in the migration, which any command opening the store runs and which changes the store's
    shape only: like the index's other one-off fills (`key_older_refs`), the step does it, on
    its next run. A row still without one is cut from its page by `corpus.SentenceReader`."""
    if meta_value(conn, SENTENCES) is not None:
        return 0
    t, a = schema.time_refs, schema.articles
    ids = list(conn.execute(select(t.c.article_id).where(t.c.sentence.is_(None)).distinct()
                            .order_by(t.c.article_id)).scalars())
    filled = 0
    for chunk in _chunks(ids):
        texts = dict(conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(chunk))).tuples().all())
        rows = conn.execute(select(t.c.id, t.c.article_id, t.c.start, t.c.end)
                            .where(t.c.article_id.in_(chunk), t.c.sentence.is_(None))).all()
        cut = [{"row": r.id, "cut": sentence_without(texts[r.article_id], r.start, r.end)}
               for r in rows if r.article_id in texts]
        if cut:
            conn.execute(update(t).where(t.c.id == bindparam("row")).values(sentence=bindparam("cut")), cut)
        filled += len(cut)
    set_meta(conn, SENTENCES, "1")
    return filled


def _key_refs(conn: Connection, kinds: tuple[str, ...], keys: Any) -> int:
    """Write the `keys(kind, ref)` of every stored reference of these kinds, a page at a time."""
    t, w = schema.time_refs, schema.time_ref_words
    written, last = 0, 0
    while True:
        page = conn.execute(select(*_COLUMNS).where(t.c.id > last, t.c.kind.in_(kinds)).order_by(t.c.id)
                            .limit(_CHUNK)).all()
        if not page:
            return written
        rows = [{"word": key, "ref_id": r.id, "article_id": r.article_id}
                for r in page for key in keys(r.kind, _ref(r))]
        if rows:
            conn.execute(insert(w), rows)
        written, last = written + len(rows), page[-1].id


# `RefIndex`'s reads, built once (a batch makes hundreds): how many references are under each of
# up to `_KEYS_PER_READ` keys, counted no further than one past the cap (an index range each,
# never longer than the cap, however many references share the key); the references under small
# keys, all of them; the latest `read` under one big key
_w, _t = schema.time_ref_words, schema.time_refs
_KEYS_PER_READ = 128
_ALL_POSTINGS = select(_w.c.word.label("posting"), *_COLUMNS).join(_t, _t.c.id == _w.c.ref_id)
_POSTINGS = _ALL_POSTINGS.where(_w.c.word.in_(bindparam("keys", expanding=True)))
_LATEST = (select(_w.c.word, _w.c.ref_id).where(_w.c.word == bindparam("key")).order_by(_w.c.ref_id.desc())
           .limit(bindparam("read", type_=Integer)).subquery("latest"))  # an index range, never longer
_LATEST_POSTINGS = select(_LATEST.c.word.label("posting"), *_COLUMNS).select_from(
    _LATEST.join(_t, _t.c.id == _LATEST.c.ref_id))


@lru_cache(maxsize=2 * _KEYS_PER_READ)
def _capped_sizes(keys: int, paramstyle: str) -> str:
    """SQL giving (slot, size) for each of `keys` keys bound in order, then the cap, a size
    counted no further than the cap. Written out in the driver's own parameter style and run as
    it is: SQLAlchemy's compiler would take longer over a compound of a hundred selects than the
    query takes to run."""
    mark = "?" if paramstyle == "qmark" else "%s"
    return " UNION ALL ".join(
        f"SELECT {slot} AS slot, (SELECT count(*) FROM (SELECT 1 FROM {_w.name} WHERE word = {mark} "
        f"LIMIT {mark}) AS s{slot}) AS size" for slot in range(keys))


class RefIndex:
    """Reads and writes the index inside one transaction, caching what a batch asks twice."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._sizes: dict[str, int] = {}  # key -> references under it, counted up to one past the cap
        self._postings: dict[str, list[int]] = {}  # key -> reference ids (read once per batch)
        self._by_id: dict[int, Ref] = {}

    def add(self, refs: dict[str, dict[str, list[Ref]]], stated: dict[tuple[str, int, int], str] | None = None,
            texts: Mapping[str, str] | None = None) -> None:
        """Store the references of some articles: article id -> kind -> refs, each with its
        sentence cut from `texts` (article id -> clean text; `stated`: see `_row`)."""
        plain = [(kind, ref) for kinds in refs.values() for kind, items in kinds.items() if kind != "known"
                 for ref in items]

        def row(kind: str, ref: Ref) -> dict[str, Any]:
            return _row(kind, ref, stated, (texts or {}).get(ref.article))

        self._add_plain(plain, row)
        self._add_known([ref for kinds in refs.values() for ref in kinds.get("known", [])], row)
        self._sizes.clear()
        self._postings.clear()

    def replace(self, article_id: str, refs: dict[str, list[Ref]], text: str | None = None) -> None:
        """Replace the stored references of a page whose dates were resolved again against its
        inferred date (`redate`) by `refs` (kind -> refs, made from its new values): a reference
        whose value changed keeps the one it had against the stated date in `stated_value`; one
        whose expression was left unresolved is no longer a reference. Its old references no
        longer corroborate the stated year when other pages are checked. Their sentences are cut
        again from `text`, the page's clean text (the same: re-dating changes values, not text)."""
        t, w = schema.time_refs, schema.time_ref_words
        old = self.conn.execute(select(t.c.id, t.c.kind, t.c.start, t.c.end, t.c.value, t.c.stated_value)
                                .where(t.c.article_id == article_id)).all()
        stated = {(r.kind, r.start, r.end): r.stated_value or r.value for r in old}
        self.conn.execute(delete(w).where(w.c.article_id == article_id))
        self.conn.execute(delete(t).where(t.c.article_id == article_id))
        for r in old:  # an id may be given again (SQLite): never read back from the cache
            self._by_id.pop(r.id, None)
        self.add({article_id: refs}, stated, {article_id: text} if text is not None else None)

    def _add_known(self, known: list[Ref], row: Callable[[str, Ref], dict[str, Any]]) -> None:
        """Store `known` references and their words (plain, for `known_sharing`): two statements
        for all of them, not two per reference."""
        t, w = schema.time_refs, schema.time_ref_words
        if not known:
            return
        ids = self.conn.execute(insert(t).returning(t.c.id, sort_by_parameter_order=True),
                                [row("known", ref) for ref in known]).scalars().all()
        rows = [{"word": word, "ref_id": ref_id, "article_id": ref.article}
                for ref, ref_id in zip(known, ids, strict=True) for word in ref.words]
        for chunk in _chunks(rows):
            self.conn.execute(insert(w), list(chunk))

    def _add_plain(self, plain: list[tuple[str, Ref]], row: Callable[[str, Ref], dict[str, Any]]) -> None:
        """Store `ref` and `rel` references, and the keys of those found by their words."""
        t, w = schema.time_refs, schema.time_ref_words
        if not plain:
            return
        ids = self.conn.execute(insert(t).returning(t.c.id, sort_by_parameter_order=True),
                                [row(kind, ref) for kind, ref in plain]).scalars().all()
        rows = [{"word": key, "ref_id": ref_id, "article_id": ref.article}
                for (kind, ref), ref_id in zip(plain, ids, strict=True) for key in keys_of(kind, ref)]
        for chunk in _chunks(rows):
            self.conn.execute(insert(w), list(chunk))

    def of_articles(self, article_ids: Sequence[str]) -> dict[str, dict[str, list[Ref]]]:
        """article id -> kind -> its stored references."""
        t = schema.time_refs
        out: dict[str, dict[str, list[Ref]]] = defaultdict(lambda: {k: [] for k in KINDS})
        for chunk in _chunks(sorted(set(article_ids))):
            for row in self.conn.execute(select(*_COLUMNS).where(t.c.article_id.in_(chunk)).order_by(t.c.id)):
                out[row[_ARTICLE]][row[_KIND]].append(_ref(row))
        return out

    def sharing(self, *lookups: Iterable[str]) -> list[Ref]:
        """The references found under the keys of any of these lookups (each the keys of one
        sentence's words), at most `POSTINGS_READ` (the latest) under each key and
        `SHARING_READ` for each lookup, its rarest keys first (`_rarest`)."""
        wanted = [sorted(set(keys)) for keys in lookups]
        self._count([k for keys in wanted for k in keys])
        return self._read(sorted({k for keys in wanted for k in self._rarest(keys, SHARING_READ)}))

    def _rarest(self, keys: Sequence[str], budget: int) -> list[str]:
        """The keys with references, fewest first, as long as their references fit in `budget`
        (the first always): a word many sentences share says least about which event a
        sentence tells of, and reading every busy key would make a lookup cost more as the
        store grows."""
        chosen: list[str] = []
        read = 0
        for key in sorted((k for k in keys if self._sizes[k]), key=lambda k: (self._sizes[k], k)):
            read += min(self._sizes[key], POSTINGS_READ)
            if chosen and read > budget:
                break
            chosen.append(key)
        return chosen

    def _count(self, keys: Iterable[str]) -> None:
        """How many references are under each key not counted yet, counted no further than one
        past the cap (`_capped_sizes`): from the index alone, `_KEYS_PER_READ` keys per query."""
        for chunk in _chunks(sorted({k for k in keys if k not in self._sizes}), _KEYS_PER_READ):
            query = _capped_sizes(len(chunk), self.conn.dialect.paramstyle)
            params = tuple(p for key in chunk for p in (key, POSTINGS_READ + 1))
            for slot, size in self.conn.exec_driver_sql(query, params):
                self._sizes[chunk[int(slot)]] = int(size)

    def _read(self, keys: Sequence[str]) -> list[Ref]:
        """The references under these counted keys (each read once per batch), in the order
        they were stored: a small key's all, in one query per 500 keys, a big key's latest
        `POSTINGS_READ` on its own."""
        todo = [k for k in keys if k not in self._postings]
        self._postings.update({k: [] for k in todo})
        for chunk in _chunks([k for k in todo if 0 < self._sizes[k] <= POSTINGS_READ]):
            self._add_rows(_POSTINGS, {"keys": list(chunk)})
        for key in (k for k in todo if self._sizes[k] > POSTINGS_READ):
            self._add_rows(_LATEST_POSTINGS, {"key": key, "read": POSTINGS_READ})
        return [self._by_id[i] for i in sorted({i for k in keys for i in self._postings[k]})]

    def _add_rows(self, query: Any, params: dict[str, Any]) -> None:
        """Read a postings query's rows (the key, then `_COLUMNS`): by position (`_ref`)."""
        for row in self.conn.execute(query, params):
            ref_id = row[1 + _ID]
            self._postings[row[0]].append(ref_id)
            if ref_id not in self._by_id:
                self._by_id[ref_id] = _ref(row, 1)

    def firm_sharing(self, month: str, *sentences: Iterable[str]) -> list[Ref]:
        """Firm references to this month whose sentences share a content word with one of
        `sentences` (each a sentence's words)."""
        return self.sharing(*([_month_key(month, True, w) for w in words] for words in sentences))

    def loose_sharing(self, month: str, *sentences: Iterable[str]) -> list[Ref]:
        """References to this month without a year whose sentences share a word with one of `sentences`."""
        return self.sharing(*([_month_key(month, False, w) for w in words] for words in sentences))

    def relative_sharing(self, *sentences: Iterable[str]) -> list[Ref]:
        """Relative references whose sentences share a word with one of `sentences`."""
        return self.sharing(*([f"r:{w}" for w in words] for words in sentences))

    def days_sharing(self, days: Iterable[Ref], year: int) -> list[Ref]:
        """References to days of `year` on the weekday of one of `days` whose sentences share a
        word with its sentence (by the day keys: never every day of the year)."""
        return self.sharing(*([_day_key(year, day.isoweekday(), word) for word in ref.words]
                              for ref in days if (day := _day(ref))))

    def known_sharing(self, words: frozenset[str], at_least: int) -> list[Ref]:
        """`known` references sharing at least `at_least` of `words`: looked up by the rarest
        `len(words) - at_least + 1` of them (one of which any such reference must hold), the
        latest `POSTINGS_READ` under each."""
        if len(words) < at_least:
            return []
        self._count(words)
        rarest = sorted(words, key=lambda word: (self._sizes[word], word))[:len(words) - at_least + 1]
        return [r for r in self._read(sorted(rarest)) if len(r.words & words) >= at_least]
