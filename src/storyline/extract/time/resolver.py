"""Dates of facts: the public resolver other extractors call for `said_on`, `as_of`, `when`.

    from storyline.extract.time import resolve_in_sentence

    quote.said_on = resolve_in_sentence(result, quote_start, quote_end)

It reads `result.timexes` (run after the `timexes` extractor: put "timexes" in `requires`) and
`result.sentences`, and never fails: what it cannot date is `PartialDate.unknown()`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta

from storyline.model import PartialDate, ProcessedArticle, Timex

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_WEEKEND = re.compile(r"^(\d{4}-W\d{2})-WE$")
_SEASON_SPAN = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
_RANGE_GLUE = re.compile(r"^\s*(?:-|–|—|to|through|thru|until|till|and|or|&)\s*$", re.IGNORECASE)


def date_of_value(value: str | None) -> PartialDate:
    """A TIMEX3 DATE/TIME value as a PartialDate.

    Days, weeks, months and years map to their own precision; a datetime to its day; quarters,
    halves, seasons and decades to ranges; anything else (durations, PRESENT_REF, "XXXX-08")
    is unknown.
    """
    if not value or "X" in value:
        return PartialDate.unknown()
    v = value.split("T", 1)[0] if re.match(r"^\d{4}-\d{2}-\d{2}T", value) else value
    if m := _WEEKEND.match(v):
        week = PartialDate.parse(m.group(1))
        if week.start is not None and week.end is not None:
            return PartialDate.between(week.start + timedelta(days=5), week.end)
    if m := _QUARTER.match(v):
        y, q = int(m.group(1)), int(m.group(2))
        return _months(y, 3 * q - 2, y, 3 * q)
    if m := _HALF.match(v):
        y, h = int(m.group(1)), int(m.group(2))
        return _months(y, 6 * h - 5, y, 6 * h)
    if m := _SEASON.match(v):
        y, (first, last) = int(m.group(1)), _SEASON_SPAN[m.group(2)]
        return _months(y, first, y + (1 if last < first else 0), last)
    if m := _DECADE.match(v):
        d = int(m.group(1)) * 10
        return PartialDate.between(date(d, 1, 1), date(d + 9, 12, 31))
    return PartialDate.parse(v)


def _months(y1: int, m1: int, y2: int, m2: int) -> PartialDate:
    first, last = PartialDate.month(y1, m1), PartialDate.month(y2, m2)
    assert first.start is not None and last.end is not None
    return PartialDate.between(first.start, last.end)


def timex_dates(result: ProcessedArticle) -> list[tuple[int, int, PartialDate]]:
    """The dated expressions of an article as (start, end, date), ranges joined.

    Two dated expressions joined only by a dash, "to", "through", "and" or "or" ("November
    30-December 1", "Saturday and Sunday", "1996 to 2001") become one range covering both.
    """
    text = result.article.text
    dated = [(t.start, t.end, d) for t in _dated(result.timexes) if (d := date_of_value(t.value)).start]
    out: list[tuple[int, int, PartialDate]] = []
    for start, end, d in dated:
        if out and _RANGE_GLUE.match(text[out[-1][1]:start]):
            s0, _, d0 = out[-1]
            if d0.start is not None and d.end is not None and d0.start <= d.end:
                out[-1] = (s0, end, PartialDate.between(d0.start, d.end))
                continue
        out.append((start, end, d))
    return out


def _dated(timexes: list[Timex]) -> list[Timex]:
    return sorted((t for t in timexes if t.type in ("DATE", "TIME") and t.value), key=lambda t: t.start)


def resolve_span(result: ProcessedArticle, start: int, end: int) -> PartialDate | None:
    """The date that the dated expressions inside [start, end) state (the one nearest the middle
    of the span when there are several), or None when there is none."""
    inside = [(s, e, d) for s, e, d in timex_dates(result) if s >= start and e <= end]
    if not inside:
        return None
    middle = (start + end) / 2
    return min(inside, key=lambda x: abs((x[0] + x[1]) / 2 - middle))[2]


def resolve_in_sentence(result: ProcessedArticle, start: int, end: int, *, fallback: bool = True,
                        outside: Sequence[tuple[int, int]] = ()) -> PartialDate:
    """The date of the fact at [start, end) of `result.article.text`.

    Looks at the sentence(s) holding the span (from `result.sentences`; the span itself when
    there are none) and returns the date of the dated time expression nearest the span there
    ("the board announced in a release on Monday, March 3, that ..." gives 2025-03-03; "talks on
    Saturday and Sunday" gives the two-day range). With none, it falls back to the article's
    publication date (whose own precision says how exact that is), then to the inferred
    publication interval, then unknown; `fallback=False` returns unknown instead.

    Expressions inside an `outside` stretch do not date the fact: the words a quote reports tell
    when what they report happened, not when it was said ("'Last year the port grew,' she said",
    "officials expect the minister to visit in April": said on the publication day), except one
    right after the span ("said on Thursday it would cut jobs", where the reported words may be
    taken to start before the day).
    """
    s_start, s_end = _sentence_bounds(result, start, end)
    text = result.article.text
    found = [(s, e, d) for s, e, d in timex_dates(result) if s >= s_start and e <= s_end
             and not _reported(text, s, e, end, outside)]
    if found:
        return min(found, key=lambda x: _distance(x[0], x[1], start, end))[2]
    if not fallback:
        return PartialDate.unknown()
    article = result.article
    if article.published.start is not None:
        return article.published
    return article.published_inferred or PartialDate.unknown()


_RIGHT_AFTER = re.compile(r"\s*(?:(?:on|in|at|during|by)\s+)?", re.IGNORECASE)


def _reported(text: str, s: int, e: int, end: int, outside: Sequence[tuple[int, int]]) -> bool:
    """Whether the expression at [s, e) lies in one of the `outside` stretches and does not
    follow the span (ending at `end`) right away."""
    if not any(o_start <= s and e <= o_end for o_start, o_end in outside):
        return False
    return not (s >= end and _RIGHT_AFTER.fullmatch(text, end, s))


def _sentence_bounds(result: ProcessedArticle, start: int, end: int) -> tuple[int, int]:
    if not result.sentences:
        return start, end
    starts = [s.start for s in result.sentences]
    first = max(0, bisect_right(starts, start) - 1)
    last = max(first, bisect_right(starts, max(start, end - 1)) - 1)
    return result.sentences[first].start, result.sentences[last].end


def _distance(s: int, e: int, start: int, end: int) -> int:
    if e <= start:
        return start - e
    if s >= end:
        return s - end
    return 0
