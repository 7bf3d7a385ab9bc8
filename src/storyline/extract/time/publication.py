"""Publication dates: read what the input states, infer an interval from the content otherwise.

`read_published` understands ISO dates, written dates ("December 10, 2023", "10 Dec 2023",
"Sun, 10 Dec 2023 ...") and numeric ones ("12/10/2023"). A numeric date whose day and month
could be swapped is read with the locale hint (month first for US English, day first
elsewhere) and reported as ambiguous: the caller records both readings rather than guess
silently. `infer_published` gives, for an article with no date at all, the interval its content
supports: from the latest date it mentions in the past tense to a year after it.

`publication` also flags (`date_conflict`) a dateline whose full date, or month and day placed in
the nearest year, or weekday without a day, contradicts an unambiguous stated day
(`dateline_contradiction`, `weekday_contradiction`), and
a dateline settles an ambiguous numeric date by its month and day, an update stamp by ruling out
a reading after its day (`dateline_settles`);
`settle_by_content` settles one that no dateline's month and day settled by a weekday only one
reading has near it, unless the page's own dates contradict that reading, else by the page's own
dates (`contradictions`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING, Any

from storyline.clean.dateline import month_day, parse_full_date, weekday_only
from storyline.extract.time.normalise import month_number
from storyline.model import Article, Evidence, Flag, PartialDate, Removal

if TYPE_CHECKING:
    from storyline.extract.time.extractor import Found

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
    (`inferred`), and the `date_conflict` flag of an ambiguous numeric date or of a dateline that
    contradicts the stated date, or whose dateline settled the ambiguous date (`cites_dateline`:
    its evidence is the dateline's span, which the caller, holding the clean text, adds:
    `dateline_evidence`)."""

    date: PartialDate
    inferred: PartialDate | None = None
    flag: Flag | None = None
    cites_dateline: bool = False


# A dateline's day this many days or fewer from the stated day is the same publication: a wire
# story filed in Asia is dated a day ahead of its American metadata, one filed late at night
# appears the next morning, a Friday story in the weekend edition.
DATELINE_SLACK = 2
# A first line stamping a later change ("Updated: March 10, 2019", "Last modified ...") dates the
# change, not the publication: it never contradicts the stated date.
_CHANGE_STAMP = re.compile(r"^\W*(?:last\s+)?(?:updated|modified|edited|revised|amended|corrected)\b", re.IGNORECASE)
# A day written without its year and told in the past (or the future) is the nearest such day
# behind (ahead); one more than half a year away would have been written with its year.
YEARLESS_REACH = 183


def nearest_day(dateline: str, around: date) -> date | None:
    """The day of a dateline written without its year ("OSLO, Oct 12 (Reuters)"): its month and
    day (`clean.dateline.month_day`) in the year that puts it nearest `around` (a December
    dateline on a page stated 3 January is the previous year's). None without a month and day,
    for one no year has ("Feb 30"), or when the nearest is more than `YEARLESS_REACH` days away
    (February 29 on a page of a year far from a leap year's)."""
    found = month_day(dateline)
    if found is None:
        return None
    days = []
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            days.append(date(year, *found))
        except ValueError:
            continue
    nearest = min(days, key=lambda d: abs((d - around).days), default=None)
    return nearest if nearest is not None and abs((nearest - around).days) <= YEARLESS_REACH else None


def _read_dateline(stated: date, dateline_date: str | None, dateline: str) -> tuple[date | None, str]:
    """The day a dateline gives (its full date, else its month and day nearest the stated day)
    and how it was read, for the flag's detail."""
    if not dateline_date:
        return nearest_day(dateline, stated), " (the dateline gives no year: its month and day nearest the stated day)"
    try:
        return date.fromisoformat(dateline_date), ""
    except ValueError:
        return None, ""


def dateline_contradiction(stated: PartialDate, dateline_date: str | None,
                           dateline: str | None) -> Publication | None:
    """The `date_conflict` of a dateline whose full date ("LONDON, March 3, 2019 (Reuters) -",
    "Oslo, 3 March 2019:", a first line "March 3, 2019"), or whose month and day without the year
    ("OSLO, March 3 (Reuters) -": placed by `nearest_day`), is more than `DATELINE_SLACK` days
    from an unambiguous stated day (input metadata, HTML meta), else None.

    The dateline is written with the story and its relative dates ("said on Tuesday") count from
    it, so it is `published_inferred` and the corpus step re-dates the page to it (`redate`), as a
    page flagged by its own weekdays. Whether the stated date is a republication's or a later
    update's that kept the original dateline, the text was written on the dateline's day: both
    are flagged. A stamp of a later change ("Updated: ...") is no dateline of the story and
    flags nothing. A dateline with a weekday and no day ("KABUL, Tuesday (Reuters) -") is
    flagged without `published_inferred` when no day of its weekday is within the slack
    (`weekday_contradiction`)."""
    if stated.precision != "day" or stated.start is None or not dateline or _CHANGE_STAMP.match(dateline):
        return None
    day, read = _read_dateline(stated.start, dateline_date, dateline)
    if day is None and not dateline_date:
        return weekday_contradiction(stated, dateline)
    if day is None or abs(gap := (day - stated.start).days) <= DATELINE_SLACK:
        return None
    side = "before" if gap < 0 else "after"
    detail = (f"publication date: the dateline {dateline!r} dates the page {day}, {abs(gap)} days {side} "
              f"the stated {stated.start}{read}: the text is dated by its dateline (republished, or updated "
              f"keeping it): published_inferred")
    return Publication(stated, PartialDate.day(day), Flag(type="date_conflict", detail=detail, score=1.0),
                       cites_dateline=True)


def weekday_days(stated: date, weekday: int) -> tuple[date, date]:
    """The days of this ISO weekday nearest `stated`: the latest on or before it and the
    earliest on or after it (both `stated` when it is that weekday)."""
    before = stated - timedelta(days=(stated.isoweekday() - weekday) % 7)
    return before, before if before == stated else before + timedelta(days=7)


def weekday_gaps(stated: date, weekday: int) -> tuple[date, int, date, int]:
    """The days of this ISO weekday nearest `stated` (`weekday_days`), each with its distance
    in days: the one on or before it and how far back, the one on or after it and how far on."""
    before, after = weekday_days(stated, weekday)
    return before, (stated - before).days, after, (after - stated).days


def weekday_fits(stated: date, weekday: int) -> bool:
    """Whether a story filed on this ISO weekday can be published on `stated`: a day of that
    weekday is within `DATELINE_SLACK` days of it, before or after (`weekday_contradiction`)."""
    _, back, _, ahead = weekday_gaps(stated, weekday)
    return back <= DATELINE_SLACK or ahead <= DATELINE_SLACK


def weekday_contradiction(stated: PartialDate, dateline: str) -> Publication | None:
    """The `date_conflict` of a dateline that gives a weekday and no day ("KABUL, Tuesday
    (Reuters) -", `clean.dateline.weekday_only`) when no day of that weekday is within
    `DATELINE_SLACK` days of the stated day (already a day, unambiguous: `dateline_contradiction`).

    The story was filed on that weekday, on some day around the publication: the nearest such
    day on or before the stated day (a Tuesday dateline on a Wednesday page: filed the day
    before, out the next morning or a time zone on) or, within the slack, the one after it (a
    wire story dated in Asia ahead of its American metadata). When neither is within the slack,
    every day of that weekday is as far from the stated day as a full-date dateline that is
    flagged: with the slack of 2 days, a weekday 3 or 4 days from the stated one either way.
    The flag has no `published_inferred`: a weekday gives one day in seven, no day nor
    interval, so the stated day stays the anchor of the page's dates."""
    wanted = weekday_only(dateline)
    if wanted is None or stated.start is None or weekday_fits(stated.start, wanted):
        return None
    before, back, after, ahead = weekday_gaps(stated.start, wanted)
    name = before.strftime("%A")
    detail = (f"publication date: the dateline {dateline!r} gives a {name} and no day, but no {name} is within "
              f"{DATELINE_SLACK} days of the stated {stated.start}, a {stated.start.strftime('%A')} (the nearest "
              f"before it {before}, {back} days before; after it {after}, {ahead} days after): the text was not "
              f"filed about the stated day (republished, or updated keeping its dateline); a weekday gives no "
              f"day: no published_inferred")
    return Publication(stated, None, Flag(type="date_conflict", detail=detail, score=1.0), cites_dateline=True)


def dateline_evidence(article_id: str, text: str, dateline: str | None, removed: list[Removal]) -> Evidence | None:
    """The dateline's span in the clean text: at the start of one of its first lines, where
    cleaning keeps it (`jsonl`, `csv`: the `preserve` policy; text and HTML when the document
    stage asks: `clean_document(keep_dateline=True)`). None when cleaning removed it (a
    `removed` piece of reason "dateline", with its raw offsets) or it is not found there."""
    if not dateline or any(r.reason == "dateline" for r in removed):
        return None
    m = re.compile(rf"^[^\S\n]*({re.escape(dateline)})", re.MULTILINE).search(text, 0, 400 + len(dateline))
    return None if m is None else Evidence.of(article_id, text, m.start(1), m.end(1))


def publication(raw: str | None, dateline_date: str | None = None, locale: str | None = None,
                url: str | None = None, dateline: str | None = None) -> Publication:
    """The publication date from input metadata, else the dateline's full date, and a flag when it
    is ambiguous.

    An ambiguous numeric date ("12/10/2023") is read by the locale hint (or kept as the range
    between its two readings when there is none) and reported by a `date_conflict` flag naming
    both readings, so it is never guessed silently. A dateline whose month and day are those of
    one reading ("OSLO, Oct 12 (Reuters)", `dateline_settles`) settles it: with no hint, that
    reading is the stated day (the page states no other); against the hint's reading, it is
    `published_inferred` (and the corpus step re-dates the page's dates to it, `redate`); the flag
    says which and cites the dateline (`cites_dateline`). A dateline whose weekday without a day
    only one reading has within the slack is left to `settle_by_content`, which weighs it against
    the page's own dates; the flag cites the dateline. One nothing settles is flagged about the
    metadata alone: no evidence (the page's own dates may settle it later, `settle_by_content`). An
    unambiguous stated day that the dateline's full date (or month and day in the nearest year)
    contradicts is flagged with the dateline's day as `published_inferred` (`dateline_contradiction`).
    """
    stated = read_published(raw, locale, url)
    if stated.date.start is None and dateline_date:
        stated = read_published(dateline_date, locale, url)
    elif not stated.ambiguous and (against := dateline_contradiction(stated.date, dateline_date, dateline)):
        return against
    if not stated.ambiguous:
        return Publication(stated.date)
    detail = f"publication date: {stated.note}"
    settled = dateline_settles(stated.ambiguous, dateline) if dateline else None
    if settled is None:
        return Publication(stated.date, flag=Flag(type="date_conflict", detail=detail, score=0.5))
    if settled.by is SettledBy.WEEKDAY:  # weighed against the page's dates first: `settle_by_content`
        return Publication(stated.date, flag=Flag(type="date_conflict", detail=detail, score=0.5),
                           cites_dateline=True)
    flag = Flag(type="date_conflict", detail=detail, score=0.5)
    inferred = _settle(flag, stated.date, settled.day, settled.said)
    return Publication(stated.date if stated.date.precision == "day" else PartialDate.day(settled.day),
                       inferred, flag, cites_dateline=True)


def _settle(flag: Flag, stated: PartialDate, day: date, said: str) -> PartialDate | None:
    """Records on the ambiguous date's flag that `said` settles it as `day`, and returns the
    `published_inferred` that follows: none when the stated date is the range of both readings
    (no locale hint: the day becomes the stated one, "read so") or is that day already ("too");
    the day when the hint read the other ("published_inferred")."""
    if stated.precision != "day":
        flag.detail += f"; {said}: read so"
        return None
    if stated.start == day:
        flag.detail += f"; {said} too"
        return None
    flag.detail += f"; {said}: published_inferred"
    return PartialDate.day(day)


class SettledBy(Enum):
    """What of a dateline settles an ambiguous numeric date (`dateline_settles`)."""

    MONTH_DAY = "month and day"  # "OSLO, Oct 12 (Reuters)": settles it at once (`publication`)
    UPDATE_STAMP = "update stamp"  # "Updated: March 10, 2019" before one reading only: at once, too
    WEEKDAY = "weekday"  # "KABUL, Tuesday (Reuters)": unless the page's dates contradict it (`settle_by_content`)


@dataclass(frozen=True)
class Settlement:
    """The reading of an ambiguous numeric date a dateline fits, how (for the flag's detail), and by what."""

    day: date
    said: str
    by: SettledBy


def dateline_settles(readings: tuple[date, ...], dateline: str) -> Settlement | None:
    """The one reading of an ambiguous numeric date a dateline fits, else None: the reading whose
    month and day the dateline gives ("OSLO, Oct 12 (Reuters)"), or for a dateline with a weekday
    and no day ("KABUL, Tuesday (Reuters)", `clean.dateline.weekday_only`) the reading that has a
    day of that weekday within `DATELINE_SLACK` days (`weekday_fits`) when the other has none.
    None when both readings fit or neither does. A stamp of a later change ("Updated: March 10,
    2019", `_CHANGE_STAMP`) dates the change, a day after the publication: a reading that has its
    month and day is no more the publication's than the other, but one after its day cannot be
    the publication's (`_update_bounds`)."""
    if _CHANGE_STAMP.match(dateline):
        return _update_bounds(readings, dateline)
    found = month_day(dateline)
    fitting = [d for d in readings if found == (d.month, d.day)]
    if len(fitting) == 1:
        return Settlement(fitting[0], f"the dateline {dateline!r} gives {fitting[0]}", SettledBy.MONTH_DAY)
    wanted = weekday_only(dateline)
    if wanted is None:
        return None
    fitting = [d for d in readings if weekday_fits(d, wanted)]
    if len(fitting) != 1 or len(readings) != 2:
        return None
    day, other = fitting[0], readings[1] if fitting[0] == readings[0] else readings[0]
    before, back, after, ahead = weekday_gaps(other, wanted)
    name = before.strftime("%A")
    return Settlement(day, f"the dateline {dateline!r} gives a {name} and no day: a {name} is within "
                           f"{DATELINE_SLACK} days of {day} only (the nearest to {other}, a "
                           f"{other.strftime('%A')}: {before}, {back} days before; {after}, {ahead} days "
                           f"after), so it gives {day}", SettledBy.WEEKDAY)


def _update_bounds(readings: tuple[date, ...], stamp: str) -> Settlement | None:
    """The one reading on or before the day of a change stamp's full date ("Updated: March 10,
    2019"; not one without its year nor a numeric one) when the other is more than
    `DATELINE_SLACK` days after it (a page is published before it is updated; a day or two may be
    time zones), else None."""
    iso = parse_full_date(stamp)
    if iso is None or len(readings) != 2:
        return None
    changed = date.fromisoformat(iso)
    after = [d for d in readings if (d - changed).days > DATELINE_SLACK]
    if len(after) != 1:
        return None
    day = readings[1] if after[0] == readings[0] else readings[0]
    return Settlement(day, f"the update stamp {stamp!r} dates a change on {changed}, {(after[0] - changed).days} "
                           f"days before {after[0]}: the page was published by then, so it gives {day}",
                      SettledBy.UPDATE_STAMP)


def stated_publication(
    raw: str | None, dateline_date: str | None = None, locale: str | None = None, url: str | None = None
) -> tuple[PartialDate, Flag | None]:
    """`publication`'s date and flag, without a dateline to settle an ambiguous numeric date."""
    found = publication(raw, dateline_date, locale, url)
    return found.date, found.flag


# --------------------------------------------------------------------------- settled by the content

_AMBIGUOUS = "publication date: ambiguous numeric date"
# The page's expressions that settled an ambiguous date cited as the flag's evidence: the first
# few in the text (the detail gives every reason).
SETTLING_EVIDENCE = 3
_DAY = re.compile(r"^\d{4}-\d\d-\d\d")


def unsettled_readings(article: Article) -> tuple[date, date] | None:
    """The two readings of the page's ambiguous numeric date when its dateline's month and day
    (or an update stamp's day) did not settle it (`publication`), else None."""
    if _ambiguity_flag(article) is None or article.published_inferred is not None:
        return None
    both = read_published(article.published_raw).ambiguous
    if len(both) != 2:
        return None
    settled = dateline_settles(both, article.dateline) if article.dateline else None
    return None if settled is not None and settled.by is not SettledBy.WEEKDAY else (both[0], both[1])


def _ambiguity_flag(article: Article) -> Flag | None:
    """The `date_conflict` flag `publication` gave the page's ambiguous numeric date, if any."""
    own = [f for f in article.flags if f.type == "date_conflict" and f.detail.startswith(_AMBIGUOUS)]
    return own[-1] if own else None


@dataclass(frozen=True)
class Against:
    """Why one reading of an ambiguous date does not fit the page: the expression and the reason."""

    found: Found
    reason: str


def contradictions(text: str, reading: date, run: list[Found], other: list[Found], doc: Any) -> list[Against]:
    """What in the page, resolved against `reading` (`run`), cannot be so (`other`: the same
    page against the other reading):

    - a weekday beside a date that is not its own under this reading ("on Tuesday, Nov. 14"
      placed in the year before, when 2023-11-14 is a Tuesday; not a weekday of a list);
    - a day written with its year (its value the same against both readings) told in the past
      but more than `DATELINE_SLACK` days after the reading, or in the future but as long before;
    - a day written without its year, told in the past or the future, that this reading puts
      more than `YEARLESS_REACH` days away (the other reading nearer).
    """
    from storyline.extract.time import tense
    from storyline.extract.time.conflict import misfit_weekday

    others = {(f.start, f.end): f.norm.value for f in other}
    out: list[Against] = []
    for f in run:
        value = f.norm.value or ""
        if misfit_weekday(text, f) and f.norm.misfit is not None:
            out.append(Against(f, f.norm.misfit.note))
            continue
        if f.norm.type != "DATE" or not _DAY.match(value) or len(value) != 10:
            continue
        day = date.fromisoformat(value)
        if others.get((f.start, f.end)) == value:  # written with its year (or placed alike): ordered by tense
            told = tense.cued_direction(text, f.start) or tense.direction(doc, f.start, f.end)
            if told < 0 and (day - reading).days > DATELINE_SLACK:
                out.append(Against(f, f"{day} is told in the past, {(day - reading).days} days after it"))
            elif told > 0 and (reading - day).days > DATELINE_SLACK:
                out.append(Against(f, f"{day} is told as ahead, {(reading - day).days} days before it"))
        elif f.direction != 0 and abs((day - reading).days) > YEARLESS_REACH:
            out.append(Against(f, f"written without its year it would be {day}, "
                                  f"{abs((day - reading).days)} days {'back' if day < reading else 'ahead'}"))
    return out


def settle_by_content(article: Article, found: list[Found], doc: Any) -> list[Found]:
    """An ambiguous numeric publication date no dateline's month and day settled
    (`unsettled_readings`), settled by a dateline's weekday without a day that only one reading
    has near it (`dateline_settles`) unless the page's own dates contradict that reading (then it
    stays ambiguous, the detail saying both, the evidence the contradicting expressions beside the
    dateline), else by what the page dates: when the `contradictions` of one reading are some and
    the other's none, the other is the page's. Settled, with no locale hint (the stated range of both readings) it
    becomes the stated day and the page's expressions are those resolved against it (returned);
    against the hint's reading it is `published_inferred` and the corpus step re-dates the page
    (`redate`). The flag's detail gives the reasons, its evidence the expressions that decided it
    (the other reading's contradictions: the first `SETTLING_EVIDENCE` in the text). Otherwise
    nothing changes (`found` returned: ambiguous, as before)."""
    from storyline.extract.time.extractor import find

    readings = unsettled_readings(article)
    flag = _ambiguity_flag(article)
    if readings is None or flag is None:
        return found
    runs = {r: find(article.text, r, doc) for r in readings}
    against = {r: contradictions(article.text, r, runs[r], runs[o], doc)
               for r, o in (readings, readings[::-1])}
    weekday = dateline_settles(readings, article.dateline) if article.dateline else None
    if weekday is not None:
        if wrong := against[weekday.day]:
            flag.detail += f"; {weekday.said}, but the page's dates do not fit it ({_reasons(wrong)}): not settled"
            _cite(flag, article, wrong)
            return found
        return _settled_to(article, flag, weekday.day, weekday.said, runs[weekday.day], found)
    fits = [r for r in readings if not against[r]]
    if len(fits) != 1:
        return found
    day = fits[0]
    other = readings[1] if day == readings[0] else readings[0]
    _cite(flag, article, against[other])
    said = f"the page's dates fit {day} only (against {other}: {_reasons(against[other])})"
    return _settled_to(article, flag, day, said, runs[day], found)


def _reasons(wrong: list[Against]) -> str:
    return "; ".join(f"{a.found.text!r}: {a.reason}" for a in wrong)


def _cite(flag: Flag, article: Article, wrong: list[Against]) -> None:
    """The first `SETTLING_EVIDENCE` expressions of `wrong` in the text, as the flag's evidence."""
    spans = sorted({(a.found.start, a.found.end) for a in wrong})[:SETTLING_EVIDENCE]
    flag.evidence += [Evidence.of(article.id, article.text, start, end) for start, end in spans]


def _settled_to(article: Article, flag: Flag, day: date, said: str, run: list[Found],
                found: list[Found]) -> list[Found]:
    """The page's ambiguous date settled as `day` (`_settle`): with no locale hint it becomes the
    stated day and the page's expressions are `run` (resolved against it); else `found`."""
    ranged = article.published.precision != "day"
    inferred = _settle(flag, article.published, day, said)
    if ranged:
        article.published = PartialDate.day(day)
        return run
    article.published_inferred = inferred
    return found
