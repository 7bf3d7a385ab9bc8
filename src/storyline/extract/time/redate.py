"""A misdated page's own dates, resolved again against its inferred publication date.

The `date_conflict` corpus step finds a page whose stated date does not fit what the store
says (`corpus.check`) and gives it `published_inferred`. The page's relative time expressions
("on Saturday", "in May", "last week": those written without their year) were resolved by the
per-document stage against the stated date, so they, and the dates of the page's quotes
(`said_on`), claims (`as_of`) and events (`when`), are wrong by as much as the stated date is.

A page the per-document stage flagged with `published_inferred` (a weekday that does not fit
its written date, `conflict.check_document`: the year its weekdays fit; an ambiguous numeric
date whose dateline, or whose own dates, give the other reading, `publication.publication` and
`publication.settle_by_content`: that day; a dateline whose full date contradicts the stated
day, `publication.dateline_contradiction`: the dateline's day) is re-dated the same way by the
step, with its own flag, before its batch is checked (`corpus.page_conflict`).

This module re-resolves them in the corpus stage from what is stored: the article's clean text
and its stored time expressions. There is no parse here, so the tense direction each directional
expression took is recovered from its stored value: the recogniser and normaliser (`extractor.find`)
are run again without a parse against the stated date with each direction (past, none, future),
and the directions that reproduce the stored value are the expression's. The text is then
resolved against the inferred date with those directions; an expression whose value is not
reproduced against the stated date (a rule that needs the parse), or whose possible directions
give different values against the inferred date, is left unresolved (its no-anchor value, a
placeholder such as `XXXX-WXX-6`) rather than kept wrong. Expressions written with their year
come out the same, so only the relative ones change.

`published_inferred` known to the day is the anchor. Known only to a year, the stated day is
moved to that year: month- and year-level values are taken; a day- or week-level value only if
it is the stored value moved by the same whole years (the page's weekdays fall on the same days
of the moved year: "on Saturday" moves from 2023-06-10 to 2021-06-10 only if that is a
Saturday), else it is left unresolved.

Facts follow the expressions they were dated by: a quote, claim or event whose date is that of a
changed expression near it (in its sentence, else anywhere in the page) takes the expression's
new date (the inferred publication date when it is left unresolved); one dated by the stated
publication date (no expression of its own) takes the inferred one. The stated values are
kept: `timexes.stated_value`, `Quote.said_on_stated`, `Claim.as_of_stated`, and the flag's
detail lists every change. A stored page's events are joined again by the `events` step
(`events.rejoin_later`) and its claims linked again by the `claim_links` step
(`claims.relink_later`); a page of the batch is joined and linked with its new dates in the
first place (both steps run after this one).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from storyline.extract.time.corpus import _sentence_bounds
from storyline.extract.time.extractor import Found, find
from storyline.extract.time.resolver import date_of_value, timex_dates
from storyline.model import Article, Event, Flag, PartialDate, ProcessedArticle, Timex

log = logging.getLogger(__name__)

_DIRECTIONS = (-1, 0, 1)
_YEAR_START = re.compile(r"^(\d{4})(?=-)")
_DAY_LEVEL = frozenset({"day", "week"})


@dataclass
class Redated:
    """What re-dating one page changed."""

    anchor: date | None = None  # the day the page's expressions were resolved against again
    by_year: bool = False  # only the year is inferred: the anchor is the stated day moved to it
    timexes: list[tuple[dict[str, Any], str | None]] = field(default_factory=list)  # (stored row, new value)
    quotes: int = 0
    claims: int = 0
    events: list[tuple[str, str, str]] = field(default_factory=list)  # (type, stated date, new date)

    def summary(self) -> str:
        if not self.timexes and not self.quotes and not self.claims and not self.events:
            return ""
        moved = ", ".join(f"{row['text']!r} {row['value']} -> {value or 'unresolved'}" for row, value in self.timexes)
        facts = f"{self.quotes} quote(s), {self.claims} claim(s), {len(self.events)} event(s)"
        moves = Counter((old, new) for _, old, new in self.events)
        events = "".join(f"; {n} event(s) {old} -> {new}" for (old, new), n in sorted(moves.items()))
        against = f"{self.anchor} (the stated day in the inferred year)" if self.by_year else f"{self.anchor}"
        return f"re-dated against {against}: {moved or 'no expression'}; {facts}{events}"


# --------------------------------------------------------------------------- expressions

def _by_span(found: Iterable[Found]) -> dict[tuple[int, int], str | None]:
    return {(f.start, f.end): f.norm.value for f in found}


def _run(text: str, anchor: date | None, directions: dict[int, int] | int) -> dict[tuple[int, int], str | None]:
    """Every expression's value against `anchor`, with every direction forced to `directions`
    (an int) or each expression's by its start (0 where none is given)."""
    chosen = directions
    if isinstance(chosen, int):
        return _by_span(find(text, anchor, None, lambda c: chosen))
    return _by_span(find(text, anchor, None, lambda c: chosen.get(c.start, 0)))


@lru_cache(maxsize=2)
def _placeholders(text: str) -> dict[tuple[int, int], str | None]:
    """Every expression's value without an anchor (`_unresolved`), found once per page."""
    return _by_span(find(text, None))


def revalued(text: str, stored: list[dict[str, Any]], stated: date, anchor: date) -> dict[tuple[int, int], str | None]:
    """(start, end) -> the new value of each stored expression whose value changes when the page
    is resolved against `anchor` instead of `stated` (None: left unresolved; see the module)."""
    spans = {(t["start"], t["end"]): t["value"] for t in stored}
    tried = {d: _run(text, stated, d) for d in _DIRECTIONS}
    fits = {span: [d for d in _DIRECTIONS if span in tried[d] and tried[d][span] == value]
            for span, value in spans.items()}
    low = {span[0]: ds[0] for span, ds in fits.items() if ds}
    high = {span[0]: ds[-1] for span, ds in fits.items() if ds}
    again = [_run(text, stated, low), _run(text, stated, high)]
    new = [_run(text, anchor, low), _run(text, anchor, high)]
    moved: dict[tuple[int, int], str | None] = {}
    ahead: dict[int, dict[tuple[int, int], str | None]] = {}
    for span, value in spans.items():
        if value is None:
            continue
        reproduced = bool(fits[span]) and all(run.get(span) == value for run in again)
        if reproduced and new[0].get(span) == new[1].get(span):
            if new[0].get(span) != value:
                moved[span] = new[0].get(span)
            continue
        if not reproduced and fits[span]:  # the stated run with its directions gave other values
            ahead = ahead or {d: _run(text, anchor, d) for d in _DIRECTIONS}
            if all(ahead[d].get(span) == value for d in fits[span]):
                continue  # the anchor does not move it (written out): it stays
        moved[span] = _unresolved(_placeholders(text).get(span))
    return moved


def _unresolved(value: str | None) -> str | None:
    """The value of an expression left unresolved: its TIMEX3 placeholder without an anchor
    ("XXXX-WXX-6"), else none (not a duration standing for a date the parse made of it)."""
    return value if value is not None and "X" in value else None


def _moved_by_years(old: str, new: str, years: int) -> bool:
    """Whether `new` is the value `old` moved by this many whole years ("2023-06-10" -> "2021-06-10")."""
    a, b = _YEAR_START.match(old), _YEAR_START.match(new)
    return a is not None and b is not None and int(b.group(1)) - int(a.group(1)) == years and old[4:] == new[4:]


def anchor_for(stated: date, inferred: PartialDate) -> tuple[date, bool] | None:
    """The day to resolve against and whether only the year is known (`published_inferred` of
    year precision: the stated day moved to that year); None when neither."""
    if inferred.start is None:
        return None
    if inferred.precision == "day":
        return inferred.start, False
    if inferred.precision == "year":
        year = inferred.start.year
        try:
            return stated.replace(year=year), True
        except ValueError:  # February 29
            return stated.replace(year=year, day=28), True
    return None


def year_only(moved: dict[tuple[int, int], str | None], stored: list[dict[str, Any]], years: int,
              text: str) -> dict[tuple[int, int], str | None]:
    """With only the year inferred: a day- or week-level value is kept only if it is the stored one
    moved by whole years, else left unresolved (see the module)."""
    values = {(t["start"], t["end"]): t["value"] for t in stored}
    out: dict[tuple[int, int], str | None] = {}
    for span, new in moved.items():
        old = values[span] or ""
        if new is not None and date_of_value(new).precision in _DAY_LEVEL | {"unknown"} \
                and not _moved_by_years(old, new, years):
            new = _unresolved(_placeholders(text).get(span))
        out[span] = new
    return out


# --------------------------------------------------------------------------- facts

def _distance(s: int, e: int, start: int, end: int) -> int:
    return start - e if e <= start else s - end if s >= end else 0


@dataclass
class Dating:
    """The page's dated expressions before and after, and what a fact's date becomes."""

    text: str
    stated: PartialDate
    inferred: PartialDate
    old: list[tuple[int, int, PartialDate]]
    new: dict[int, tuple[int, int, PartialDate]]  # by start

    def moved(self, when: PartialDate, start: int, end: int) -> PartialDate | None:
        """The new date of a fact at [start, end) dated `when`, or None if it does not change."""
        if when.start is None:
            return None
        same = [(s, e) for s, e, d in self.old if d == when]
        s_start, s_end = _sentence_bounds(self.text, start, end)
        near = [(s, e) for s, e in same if s >= s_start and e <= s_end]
        if near or (same and when != self.stated):
            s, e = min(near or same, key=lambda x: _distance(x[0], x[1], start, end))
            after = self.new.get(s)
            if after is not None and after[1] == e:
                return after[2] if after[2] != when else None
            return self.inferred  # the expression is left unresolved: the page's inferred date
        if when == self.stated:
            return self.inferred  # dated by the (stated) publication date
        return None


def dating(article: Article, stored: list[dict[str, Any]], moved: dict[tuple[int, int], str | None],
           inferred: PartialDate) -> Dating:
    def result(values: dict[tuple[int, int], str | None]) -> ProcessedArticle:
        return ProcessedArticle(article=article, timexes=[
            Timex(article=article.id, start=t["start"], end=t["end"], text=t["text"], type=t["type"],
                  value=values.get((t["start"], t["end"]), t["value"])) for t in stored])

    old = timex_dates(result({}))
    new = {s: (s, e, d) for s, e, d in timex_dates(result(moved))}
    return Dating(article.text, article.published, inferred, old, new)


def _evidence_span(record: dict[str, Any]) -> tuple[int, int] | None:
    evidence = record.get("evidence") or []
    if not evidence:
        return None
    return int(evidence[0]["start"]), int(evidence[0]["end"])


# --------------------------------------------------------------------------- the store

def _rows(conn: Any, table: Any, article_id: str) -> list[Any]:
    from sqlalchemy import select

    return list(conn.execute(select(table).where(table.c.article_id == article_id).order_by(table.c.id)).mappings())


def redate_article(conn: Any, article: Article, flag: Flag, *, stored: bool) -> Redated | None:
    """Re-resolve a page just flagged `date_conflict` (with `article.published_inferred` set)
    against its inferred date and write what changes: its time expressions, its quotes'
    `said_on`, claims' `as_of` and events' `when` (per-article records), the flag's detail.
    `stored`: the page was joined into events by an earlier run (queued to be joined again)."""
    from sqlalchemy import update

    from storyline.resolve.claims import relink_later
    from storyline.resolve.events import rejoin_later
    from storyline.store import schema

    stated, inferred = article.published.start, article.published_inferred
    if stated is None or article.published.precision != "day" or inferred is None:
        return None
    found = anchor_for(stated, inferred)
    if found is None:
        return None
    anchor, by_year = found
    if anchor == stated:
        return None
    t = schema.timexes
    timexes = [dict(r) for r in _rows(conn, t, article.id)]
    dated = [r for r in timexes if r["value"] is not None and r.get("stated_value") is None]
    moved = revalued(article.text, dated, stated, anchor)
    if by_year:
        moved = year_only(moved, dated, anchor.year - stated.year, article.text)
    out = Redated(anchor=anchor, by_year=by_year)
    for row in dated:
        span = (row["start"], row["end"])
        if span in moved:
            conn.execute(update(t).where(t.c.id == row["id"]).values(value=moved[span], stated_value=row["value"]))
            out.timexes.append((row, moved[span]))
    fact_date = dating(article, dated, moved, inferred)
    out.quotes = _redate_records(conn, schema.quotes, article.id, "said_on", fact_date)
    out.claims = _redate_records(conn, schema.claims, article.id, "as_of", fact_date)
    out.events = _redate_events(conn, article.id, fact_date)
    if out.events and stored:
        rejoin_later(conn, [article.id])
    if out.claims and stored:
        relink_later(conn, [article.id])
    if summary := out.summary():
        flag.detail = f"{flag.detail}; {summary}"
        log.info("%s: %s", article.id, summary)
    return out


def _redate_records(conn: Any, table: Any, article_id: str, key: str, fact_date: Dating) -> int:
    from sqlalchemy import update

    changed = 0
    for row in _rows(conn, table, article_id):
        record = dict(row["record"])
        span = _evidence_span(record)
        when = PartialDate.model_validate(record.get(key) or {})
        new = fact_date.moved(when, *span) if span else None
        if new is None:
            continue
        record[f"{key}_stated"] = record.get(f"{key}_stated") or record.get(key)
        record[key] = new.model_dump(mode="json")
        conn.execute(update(table).where(table.c.id == row["id"]).values(record=record))
        changed += 1
    return changed


def _redate_events(conn: Any, article_id: str, fact_date: Dating) -> list[tuple[str, str, str]]:
    from sqlalchemy import update

    from storyline.store import schema

    t = schema.article_events
    changed: list[tuple[str, str, str]] = []
    for row in _rows(conn, t, article_id):
        event = Event.model_validate(row["record"])
        span = (event.evidence[0].start, event.evidence[0].end) if event.evidence else None
        new = fact_date.moved(event.when, *span) if span else None
        if new is None:
            continue
        changed.append((event.event, str(event.when), str(new)))
        event = event.model_copy(update={"when": new})
        conn.execute(update(t).where(t.c.id == row["id"]).values(record=event.model_dump(mode="json")))
    return changed
