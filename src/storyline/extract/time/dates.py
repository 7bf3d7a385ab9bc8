"""Calendar arithmetic for resolving relative expressions against an anchor date.

`direction` is the tense of the governing verb: -1 past (the occurrence on or before the
anchor), +1 future (on or after), 0 unknown (the nearest occurrence; for months, the anchor's
year). Values are TIMEX3 strings at the granularity of the expression.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from convertdate import hebrew, persian
from hijridate import Gregorian, Hijri
from lunardate import LunarDate

from storyline.extract.time.hindu import amavasya_evenings


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def weekday_date(anchor: date, weekday: int, direction: int, modifier: str = "") -> date:
    """The date of ISO `weekday` (Monday = 1) relative to `anchor`.

    `last`/`past`/`previous` is the latest one strictly before the anchor, `next`/`coming` the
    first strictly after, `this` the one in the anchor's ISO week; otherwise the tense decides
    (the anchor's own weekday counts for both directions). With no tense the nearest one is
    taken (HeidelTime's and SUTime's strategy for news): "Thursday" in a present-tense sentence
    of a Wednesday is tomorrow, "Monday" is two days ago.
    """
    back = (anchor.isoweekday() - weekday) % 7  # days back to the previous (or same) one
    ahead = (weekday - anchor.isoweekday()) % 7
    if modifier in ("last", "past", "previous"):
        return anchor - timedelta(days=back or 7)
    if modifier in ("next", "coming", "following"):
        return anchor + timedelta(days=ahead or 7)
    if modifier == "this":
        return anchor + timedelta(days=weekday - anchor.isoweekday())
    if direction > 0 or (direction == 0 and ahead < back):
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def month_year(anchor: date, month: int, direction: int, modifier: str = "") -> int:
    """The year of a month named without one ("in August"): by modifier, then tense.

    The tense picks the occurrence on its side of the anchor. With no tense it is the anchor's
    year, unless that is more than half a year away and the other side has one within three
    months ("January" in a late-October text is the coming one).
    """
    here = anchor.month
    if modifier == "last":
        # the month just gone is "last month": "last February" written in March is a year before
        return anchor.year if month < here - 1 else anchor.year - 1
    if modifier in ("past", "previous"):
        return anchor.year if month < here else anchor.year - 1
    if modifier in ("next", "coming", "following"):
        return anchor.year if month > here else anchor.year + 1
    year = anchor.year - 1 if direction < 0 and month > here else anchor.year + 1 if direction > 0 and month < here \
        else anchor.year
    gap = abs((year * 12 + month) - (anchor.year * 12 + here))
    if gap > 6 and direction == 0:
        other = year + 1 if (year, month) < (anchor.year, here) else year - 1
        if abs((other * 12 + month) - (anchor.year * 12 + here)) <= 3:
            return other
    return year


def month_day_date(anchor: date, month: int, day: int, direction: int, modifier: str = "") -> date | None:
    """A day written without its year ("Sept. 30"): by modifier ("last Oct. 23": the latest
    before the anchor), then tense, else the nearest; None if impossible."""
    options: list[date] = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    if not options:
        return None
    if modifier in ("last", "past", "next", "coming"):
        side = [d for d in options if (d < anchor if modifier in ("last", "past") else d > anchor)]
        return (side[-1] if modifier in ("last", "past") else side[0]) if side else None
    nearest = min(options, key=lambda d: abs((d - anchor).days))
    side = [d for d in options if (d <= anchor if direction < 0 else d >= anchor)] if direction else []
    if not side:
        return nearest
    pick = side[-1] if direction < 0 else side[0]
    # as for months: a tense pick half a year away loses to a date within three months
    if abs((pick - anchor).days) > 183 and abs((nearest - anchor).days) <= 92:
        return nearest
    return pick


def add_months(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def shifted(anchor: date, amount: float, unit: str) -> str | None:
    """The value of "N units ago/later" (amount signed) at the unit's granularity."""
    n = int(amount)
    if n != amount:
        return None
    try:
        if unit == "D":
            return day_value(anchor + timedelta(days=n))
        if unit == "W":
            return week_value(anchor + timedelta(weeks=n))
        if unit == "2W":
            return week_value(anchor + timedelta(weeks=2 * n))
        if unit == "M":
            d = add_months(anchor, n)
            return month_value(d.year, d.month)
        if unit == "Q":
            d = add_months(anchor, 3 * n)
            return f"{d.year}-Q{quarter(d)}"
        if unit == "Y":
            return str(anchor.year + n)
        if unit == "DE":
            return str(anchor.year + 10 * n)
        if unit == "CE":
            return str(anchor.year + 100 * n)
    except (ValueError, OverflowError):
        return None
    return None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth (1-based; -1 = last) ISO weekday of a month."""
    days = [date(year, month, d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    matching = [d for d in days if d.isoweekday() == weekday]
    return matching[nth - 1 if nth > 0 else nth]


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def holiday_date(spec: dict[str, Any], year: int) -> date | None:
    """The first day of the holiday's first occurrence in `year` (`holiday_spans`)."""
    spans = holiday_spans(spec, [year])
    return spans[0][0] if spans else None


def holiday_spans(spec: dict[str, Any], years: Iterable[int]) -> list[tuple[date, date]]:
    """Every occurrence of a holiday that begins in one of the Gregorian `years`, as its first and
    last day (the same day but for a lunar month named as a whole: "Ramadan"), in order.

    A spec of the Gregorian calendar (`_holiday_day`) falls once a year; one of the Islamic
    calendar (`hijri_month`, with `hijri_day` a day of it, without a whole month), read in the
    Umm al-Qura calendar, 11 days earlier each year and so twice in some Gregorian years; one of
    the Chinese calendar (`lunar_month`, `lunar_day`) once a year, and one of the Hebrew calendar
    (`hebrew_month`, `hebrew_day`) and of the Solar Hijri calendar (`persian_month`, `persian_day`)
    too; `days` lists a holiday's days, and `amavasya` (`hindu.amavasya_evenings`) computes those of
    the years the list leaves out (Diwali).
    """
    wanted = sorted(set(years))
    if not wanted:
        return []
    if "hijri_month" in spec:
        spans = _hijri_spans(spec, wanted)
    elif "lunar_month" in spec:
        spans = [(d, d) for y in wanted if (d := _lunar_day(spec, y)) is not None]
    elif "hebrew_month" in spec:
        spans = [(d, d) for y in wanted for hy in (y + 3760, y + 3761) if (d := _hebrew_day(spec, hy)) is not None]
    elif "persian_month" in spec:
        spans = [(d, d) for y in wanted for py in (y - 622, y - 621) if (d := _persian_day(spec, py)) is not None]
    elif "days" in spec or "amavasya" in spec:
        spans = [(d, d) for d in _listed_or_computed(spec, wanted)]
    else:
        spans = [(d, d) for y in wanted if (d := _holiday_day(spec, y)) is not None]
    after = timedelta(days=int(spec.get("after", 0)))
    return sorted({(a + after, b + after) for a, b in spans if a.year in wanted})  # a day two years give, once


def _listed_or_computed(spec: dict[str, Any], years: list[int]) -> list[date]:
    """The days `days` lists, and for a year it has none of, the evening of the amavasya closing
    the amanta month `amavasya`."""
    listed = [d for d in map(_as_date, spec.get("days") or []) if d is not None]
    covered = {d.year for d in listed}
    month = spec.get("amavasya")
    computed = [d for y in years if month is not None and y not in covered for d in amavasya_evenings(int(month), y)]
    return listed + computed


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _hijri_spans(spec: dict[str, Any], years: list[int]) -> list[tuple[date, date]]:
    """The Umm al-Qura days (or whole months) of the Hijri years that overlap `years`; none
    outside the calendar's table (1343-1500 AH, 1924-2077)."""
    month, day = int(spec["hijri_month"]), spec.get("hijri_day")
    out: list[tuple[date, date]] = []
    try:
        first = Gregorian(years[0], 1, 1).to_hijri().year
        last = Gregorian(years[-1], 12, 31).to_hijri().year
    except (OverflowError, ValueError):
        return out
    for hy in range(first, last + 1):
        try:
            start = Hijri(hy, month, int(day) if day is not None else 1)
            end = start if day is not None else Hijri(hy, month, start.month_length())
            out.append((date(*start.to_gregorian().datetuple()), date(*end.to_gregorian().datetuple())))
        except (OverflowError, ValueError):
            continue
    return out


def _lunar_day(spec: dict[str, Any], year: int) -> date | None:
    """The day of the Chinese calendar's `lunar_month`/`lunar_day` in its year that begins in the
    Gregorian `year` (lunardate's table: 1900-2099)."""
    try:
        solar = LunarDate(year, int(spec["lunar_month"]), int(spec.get("lunar_day", 1))).to_solar_date()
    except ValueError:
        return None
    return date(solar.year, solar.month, solar.day)


def _hebrew_day(spec: dict[str, Any], year: int) -> date | None:
    """The Gregorian day of `hebrew_month`/`hebrew_day` (Nisan 1 ... Elul 6, Tishrei 7 ... Adar
    12, convertdate's numbering) in the Hebrew `year`; a day of Adar is in Adar II (13) in a leap
    year, where Purim is kept."""
    month = int(spec["hebrew_month"])
    try:
        if month == 12 and hebrew.leap(year):
            month = 13
        return date(*hebrew.to_gregorian(year, month, int(spec.get("hebrew_day", 1))))
    except (ValueError, TypeError, OverflowError):
        return None


def _persian_day(spec: dict[str, Any], year: int) -> date | None:
    """The Gregorian day of `persian_month`/`persian_day` (Farvardin 1 ... Esfand 12) in the Solar
    Hijri `year`, whose 1 Farvardin (Nowruz) is the day of the March equinox at Tehran's meridian
    (convertdate, through pymeeus's equinox)."""
    try:
        return _solar_hijri(year, int(spec["persian_month"]), int(spec.get("persian_day", 1)))
    except (ValueError, TypeError, OverflowError):
        return None


@lru_cache(maxsize=256)
def _solar_hijri(year: int, month: int, day: int) -> date:
    """Kept: convertdate finds the equinox afresh each time (some 10 ms)."""
    if not (1 <= month <= 12 and 1 <= day <= persian.month_length(year, month)):
        raise ValueError(f"no day {day} of month {month} in Solar Hijri {year}")
    return date(*persian.to_gregorian(year, month, day))


def _holiday_day(spec: dict[str, Any], year: int) -> date | None:
    try:
        if "year" in spec:
            return date(int(spec["year"]), int(spec["month"]), int(spec["day"]))
        if "easter" in spec:
            return easter(year) + timedelta(days=int(spec["easter"]))
        if "on_or_after" in spec:
            first = date(year, int(spec["month"]), int(spec["on_or_after"]))
            return first + timedelta(days=(int(spec["weekday"]) - first.isoweekday()) % 7)
        if "weekday" in spec:
            return nth_weekday(year, int(spec["month"]), int(spec["weekday"]), int(spec.get("nth", 1)))
        return date(year, int(spec["month"]), int(spec["day"]))
    except (KeyError, ValueError, IndexError):
        return None
