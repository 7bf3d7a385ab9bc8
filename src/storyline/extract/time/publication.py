"""Publication dates: read what the input states, infer an interval from the content otherwise.

`read_published` understands ISO dates, written dates ("December 10, 2023", "10 Dec 2023",
"Sun, 10 Dec 2023 ...") and numeric ones ("12/10/2023"). A numeric date whose day and month
could be swapped is read with the locale hint (month first for US English, day first
elsewhere) and reported as ambiguous: the caller records both readings rather than guess
silently. `infer_published` gives, for an article with no date at all, the interval its content
supports: from the latest date it mentions in the past tense to a year after it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from storyline.clean.dateline import month_day
from storyline.extract.time.normalise import month_number
from storyline.model import Flag, PartialDate

_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b")
_WRITTEN_MDY = re.compile(r"([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_WRITTEN_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})")
DAY_FIRST_LOCALES = ("gb", "uk", "in", "au", "nz", "ie", "za", "pk", "af", "ng", "ke", "fr", "de", "es", "it")


@dataclass(frozen=True)
class Published:
    date: PartialDate
    ambiguous: tuple[dt.date, ...] = ()  # both readings, when a numeric date could be either
    note: str = ""


def day_first(locale: str | None, url: str | None = None) -> bool | None:
    """Whether numeric dates put the day first: True, False, or None when nothing hints."""
    hints = [(locale or "").lower().replace("_", "-")]
    if url:
        host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0]
        hints.append(host.rsplit(".", 1)[-1])
    for hint in hints:
        if hint in ("en-us", "us"):
            return False
        if hint.split("-")[-1] in DAY_FIRST_LOCALES or hint in DAY_FIRST_LOCALES:
            return True
    return None


# Publication years outside these are placeholders of empty fields ("0001-01-01", "9999-12-31"),
# not dates: relative expressions resolved against them give years like 2 or 10000.
FIRST_YEAR, LAST_YEAR = 1800, 2999


def read_published(raw: str | None, locale: str | None = None, url: str | None = None) -> Published:
    """The publication date a string states (see the module docstring); unknown when unreadable
    or outside the years 1800-2999 (placeholders such as "0001-01-01")."""
    if not raw or not raw.strip():
        return Published(PartialDate.unknown())
    parsed = PartialDate.parse(raw.strip())
    if parsed.start is not None:
        out = Published(parsed)
    elif m := _NUMERIC.match(raw):
        out = _numeric(m, day_first(locale, url))
    else:
        out = Published(_written(raw))
    start, end = out.date.start, out.date.end
    if start is not None and end is not None and not (start.year >= FIRST_YEAR and end.year <= LAST_YEAR):
        return Published(PartialDate.unknown(), note=f"{raw.strip()!r} is a placeholder, not a publication date")
    return out


def _written(raw: str) -> PartialDate:
    for pattern, order in ((_WRITTEN_MDY, (0, 1, 2)), (_WRITTEN_DMY, (1, 0, 2))):
        if m := pattern.search(raw):
            parts = m.groups()
            try:
                month = month_number(parts[order[0]])
                return PartialDate.day(date(int(parts[2]), month, int(parts[order[1]])))
            except (KeyError, ValueError):
                continue
    return PartialDate.unknown()


def _numeric(m: re.Match[str], dmy: bool | None) -> Published:
    a, b, y = int(m.group(1)), int(m.group(2)), m.group(3)
    if len(y) == 2:
        return Published(PartialDate.unknown(), note=f"two-digit year in {m.group(0).strip()!r}: not read")
    readings: list[tuple[str, date]] = []
    for label, (month, day) in (("month first", (a, b)), ("day first", (b, a))):
        try:
            readings.append((label, date(int(y), month, day)))
        except ValueError:
            continue
    if not readings:
        return Published(PartialDate.unknown(), note=f"impossible date {m.group(0).strip()!r}")
    if len({d for _, d in readings}) == 1:
        return Published(PartialDate.day(readings[0][1]))
    both = tuple(d for _, d in readings)
    text = m.group(0).strip()
    if dmy is None:
        note = (f"ambiguous numeric date {text!r}: {both[0]} (month first) or {both[1]} (day first); "
                "no locale hint, kept as the range between them")
        return Published(PartialDate.between(*both), both, note)
    chosen = both[1] if dmy else both[0]
    note = (f"ambiguous numeric date {text!r}: read {'day' if dmy else 'month'} first by the locale hint "
            f"as {chosen}; the other reading is {both[0] if dmy else both[1]}")
    return Published(PartialDate.day(chosen), both, note)


def infer_published(text: str, doc: Any = None, found: list[Any] | None = None) -> PartialDate | None:
    """For an undated article: from the latest fully dated past reference to a year after it.

    `found` is what `extractor.find(text, None, doc)` returned, when the caller has it already.
    """
    from storyline.extract.time.extractor import find
    from storyline.extract.time.resolver import date_of_value

    latest: date | None = None
    for f in found if found is not None else find(text, None, doc):
        d = date_of_value(f.norm.value)
        if d.end is None or d.precision in ("unknown",) or f.direction > 0:
            continue
        latest = d.end if latest is None or d.end > latest else latest
    if latest is None:
        return None
    return PartialDate.between(latest, latest + timedelta(days=365))


def dateline_day(dateline: str, inferred: PartialDate) -> PartialDate:
    """A dateline's day without its year ("OSLO, March 16 (Reuters)", "OSLO, 16th March") placed
    in the inferred interval: the first such day in it (one at most in a year), else the interval
    unchanged. The month and day are read as cleaning reads a dateline's (`clean.dateline.month_day`)."""
    found = month_day(dateline)
    if inferred.start is None or inferred.end is None or found is None:
        return inferred
    month, day = found
    for year in range(inferred.start.year, inferred.end.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if inferred.start <= d <= inferred.end:
            return PartialDate.day(d)
    return inferred


@dataclass(frozen=True)
class Publication:
    """What the input states of a page's publication (`date`), what its dateline says instead
    (`inferred`), and the `date_conflict` flag of an ambiguous numeric date."""

    date: PartialDate
    inferred: PartialDate | None = None
    flag: Flag | None = None


def publication(raw: str | None, dateline_date: str | None = None, locale: str | None = None,
                url: str | None = None, dateline: str | None = None) -> Publication:
    """The publication date from input metadata, else the dateline's full date, and a flag when it
    is ambiguous.

    An ambiguous numeric date ("12/10/2023") is read by the locale hint (or kept as the range
    between its two readings when there is none) and reported by a `date_conflict` flag naming
    both readings, so it is never guessed silently. A dateline whose month and day are those of
    one reading ("OSLO, Oct 12 (Reuters)") settles it: with no hint, that reading is the stated
    day (the page states no other); against the hint's reading, it is `published_inferred` (and
    the corpus step re-dates the page's dates to it, `redate`); the flag says which.
    """
    stated = read_published(raw, locale, url)
    if stated.date.start is None and dateline_date:
        stated = read_published(dateline_date, locale, url)
    if not stated.ambiguous:
        return Publication(stated.date)
    detail = f"publication date: {stated.note}"
    found = month_day(dateline) if dateline else None
    fitting = [d for d in stated.ambiguous if found == (d.month, d.day)]
    if len(fitting) != 1:
        return Publication(stated.date, flag=Flag(type="date_conflict", detail=detail, score=0.5))
    day = fitting[0]
    said = f"the dateline {dateline!r} gives {day}"
    if stated.date.precision != "day":
        return Publication(PartialDate.day(day), flag=Flag(
            type="date_conflict", detail=f"{detail}; {said}: read so", score=0.5))
    if stated.date.start == day:
        return Publication(stated.date, flag=Flag(type="date_conflict", detail=f"{detail}; {said} too", score=0.5))
    return Publication(stated.date, PartialDate.day(day), Flag(
        type="date_conflict", detail=f"{detail}; {said}: published_inferred", score=0.5))


def stated_publication(
    raw: str | None, dateline_date: str | None = None, locale: str | None = None, url: str | None = None
) -> tuple[PartialDate, Flag | None]:
    """`publication`'s date and flag, without a dateline to settle an ambiguous numeric date."""
    found = publication(raw, dateline_date, locale, url)
    return found.date, found.flag
