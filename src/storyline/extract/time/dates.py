"""Calendar arithmetic for resolving relative expressions against an anchor date.

`direction` is the tense of the governing verb: -1 past (the occurrence on or before the
anchor), +1 future (on or after), 0 unknown (the nearest occurrence; for months, the anchor's
year). Values are TIMEX3 strings at the granularity of the expression.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


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


def holiday_date(spec: dict[str, int], year: int) -> date | None:
    """The holiday's date in `year`; `after` days after the day the rest of the spec gives
    (Black Friday: the day after Thanksgiving)."""
    day = _holiday_day(spec, year)
    return day + timedelta(days=int(spec["after"])) if day is not None and "after" in spec else day


def _holiday_day(spec: dict[str, int], year: int) -> date | None:
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
