"""Normalisation: the TIMEX3 type and value of a recognised expression.

Each recognition rule has a function here that turns its match into a value, resolved against
the anchor (the article's publication day) and the tense direction (`tense`). Without an anchor
relative expressions keep TIMEX3 placeholders ("XXXX-08", "XXXX-WXX-6") or no value at all
(`None`: "last year" with no publication date), never a guess. Impossible dates ("February 30")
get no value and a note.
"""

from __future__ import annotations

import calendar
import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import Enum
from typing import Any

from storyline.extract.time import dates
from storyline.extract.time.lexicon import lexicon
from storyline.extract.time.recognise import ORDINAL_DAYS, Candidate

Type = str  # "DATE" | "TIME" | "DURATION" | "SET"


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against.

    `anchor` is the publication day (deictic expressions: "yesterday", "last week"); `reference`
    the narrative's reference time, the last day the text has named (TimeML's anchor for
    expressions that continue a narrative: "at 10 p.m.", "the next morning"); `quarter` the
    quarter under discussion (the last one named: "the quarter", "the 1988 period"); `year` the
    last year and month named ("that year", "the following month"), `season` the last season.
    """

    anchor: date | None
    direction: int = 0
    reference: date | None = None
    quarter: str | None = None
    year: int | None = None
    month: str | None = None
    season: str | None = None  # the last season named, YYYY-SU ("that summer")


@dataclass(frozen=True)
class WeekdayMisfit:
    """A weekday written beside a date that is not its own ("Monday, March 4" in a year where March
    4 is a Tuesday): the weekday as written, the day, and the date nearest the anchor with that
    month, day and weekday (None when the year was written or no anchor is known)."""

    weekday: str
    day: date
    fits: date | None = None

    @property
    def note(self) -> str:
        """What it contradicts, as flag details say it: "Monday does not fit 2025-03-04, a Tuesday"."""
        return f"{self.weekday} does not fit {self.day.isoformat()}, a {self.day.strftime('%A')}"

    @property
    def notes(self) -> list[str]:
        """`note`, then the date that fits when one does ("2024-03-04 is a Monday")."""
        fits = [f"{self.fits.isoformat()} is a {self.fits.strftime('%A')}"] if self.fits else []
        return [self.note, *fits]


class Order(Enum):
    """How a numeric date's day and month were read ("03/08/2021"): `ONE_WAY` when only one
    reading is a date ("15/08/2021") or the form says which (dotted, day first: "03.08.2021");
    `AMBIGUOUS` when both are, read month first and noted; `PAGE` when an ambiguous one was read in
    the order the page's other numeric dates show (`extractor._page_order`)."""

    ONE_WAY = "one way"
    AMBIGUOUS = "ambiguous"
    PAGE = "page"


@dataclass
class Normalised:
    type: Type
    value: str | None
    stated: date | None = None  # an explicit date that was written out (for consistency checks)
    notes: list[str] = field(default_factory=list)  # a misfit weekday's are its own (`described`)
    misfit: WeekdayMisfit | None = None  # a weekday beside `stated` that is not its own (`wd_date`)
    order: Order | None = None  # a numeric date's reading of its day and month (`numeric`); None for others

    def described(self) -> list[str]:
        """The notes, then a misfit weekday's (`WeekdayMisfit.notes`): what flag details give."""
        return [*self.notes, *(self.misfit.notes if self.misfit else [])]


# the note on a day of history named without its year ("9/11", "the Sept. 11 attacks"): an event
# the text refers to, not a day its narrative moves to
DAY_OF_HISTORY = "day of history"

# rules whose value depends on the tense of the governing verb
DIRECTIONAL = frozenset({"wd_date", "month_day", "second_day", "week_of", "nth_weekday", "first_of", "day_month",
                         "month", "weekday", "rel_season", "holiday", "half", "clock", "weekend", "quarter_code",
                         "ordinal_day", "overnight", "first_day", "rel_unit"})  # rel_unit: "this weekend" alone

_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_NTH_WEEKDAY = _ORDINAL | {"fifth": 5, "5th": 5, "last": -1, "final": -1}


def _words(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def month_number(word: str) -> int:
    return lexicon().months[word.lower().rstrip(".")]


def weekday_number(word: str) -> int:
    return lexicon().weekdays[word.lower().rstrip(".")]


def number(word: str) -> float | None:
    """A number written in digits or words ("12", "1.5", "twenty-five", "a"); None for "several".

    Of a range ("two to three", "12-18") the first number is taken.
    """
    w = _words(word).replace(",", "")
    if (whole := re.fullmatch(r"(.+?)\s+and\s+a\s+half", w)) and (n := number(whole.group(1))) is not None:
        return n + 0.5  # "two and a half"
    first = re.split(r"\s+(?:to|or|and)\s+", w)[0]
    if first != w:
        return number(first)
    if re.fullmatch(r"\d+(?:\.\d+)?-\d+(?:\.\d+)?", w):
        return number(w.split("-")[0])
    try:
        return float(w)
    except ValueError:
        pass
    nums = lexicon().numbers
    if w in nums:
        return nums[w]
    parts = w.split("-")
    if len(parts) == 2 and all(p in nums and nums[p] is not None for p in parts):
        return float(nums[parts[0]] or 0) + float(nums[parts[1]] or 0)
    return None


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else str(n)


_SHORT_YEAR_AHEAD = 10  # a two-digit year is at most this many years after the publication


def year_of(text: str, anchor: date | None) -> int | None:
    """A written year; a two-digit one ("'98") is the latest year ending in those digits that is
    at most ten years after the anchor (news looks back further than it looks ahead: "the summer
    of '69" written in 2022 is 1969, "by '30" 2030); none without an anchor."""
    t = text.strip("'’‘")
    if len(t) == 4:
        return int(t)
    if anchor is None:
        return None
    limit = anchor.year + _SHORT_YEAR_AHEAD
    y = limit - limit % 100 + int(t)
    return y if y <= limit else y - 100


def unit_code(word: str) -> str:
    w = word.lower()
    if w == "centuries":
        return "CE"
    return lexicon().units.get(w, lexicon().units.get(w[:-1], "X"))


# --------------------------------------------------------------------------- explicit dates


def _day_value(c: Candidate, ctx: Context) -> Normalised:
    month, day = month_number(c.group("m")), day_number(c)
    written = c.group("y")
    year = year_of(written, ctx.anchor) if written else None
    if written and year is None:
        return Normalised("DATE", None, notes=[f"two-digit year {written!r} and no publication date"])
    if (yrel := c.group("yrel").lower()) and ctx.anchor is not None:
        year = ctx.anchor.year + _REL_SHIFT[yrel]
    if year is not None:
        try:
            d = date(year, month, day)
        except ValueError:
            return Normalised("DATE", None, notes=[f"impossible date {c.match.group(0)!r}"])
        return Normalised("DATE", d.isoformat(), stated=d)
    if not _possible(month, day):
        return Normalised("DATE", None, notes=[f"impossible date {c.match.group(0)!r}"])
    if (named := _named_day(c, month, day, ctx.anchor)) is not None:
        return Normalised("DATE", named.isoformat(), stated=named, notes=[DAY_OF_HISTORY])
    if ctx.anchor is None:
        return Normalised("DATE", f"XXXX-{month:02d}-{day:02d}")
    d2 = dates.month_day_date(ctx.anchor, month, day, ctx.direction, c.group("rel").lower())
    if d2 is not None and d2 > ctx.anchor and ctx.direction < 0 and not c.group("rel") \
            and _ENDED_BEFORE.search(c.match.string, max(0, c.start - 16), c.start):
        # "the fiscal year ended Nov. 30", "the offer expired Dec. 1": what has ended ended before the publication day
        d2 = dates.month_day_date(ctx.anchor, month, day, ctx.direction, "last")
    return Normalised("DATE", d2.isoformat() if d2 else None, stated=d2)


_ENDED_BEFORE = re.compile(r"\b(?:ended|closed|expired|finished|concluded)\s+(?:on\s+)?$", re.IGNORECASE)
_NEXT_NOUN = re.compile(r"(?:st|nd|rd|th)?\s+(?:[A-Za-z]+[\s-]+)?([A-Za-z]+)")


def _named_day(c: Candidate, month: int, day: int, anchor: date | None) -> date | None:
    """"the Sept. 11 attacks", "the Jan. 6 committee": a day of history news names without its
    year (`named_days` in the lexicon), when a noun of it follows and it is not after the anchor."""
    if c.rule not in ("month_day", "day_month") or c.group("d2"):
        return None
    nxt = _NEXT_NOUN.match(c.match.string, c.end)
    words = {w.lower() for w in (nxt.group(0).split() if nxt else [])}
    for spec in lexicon().named_days:
        if (spec.get("month"), spec.get("day")) != (month, day):
            continue
        fixed = date(int(spec["year"]), month, day)
        if (anchor is None or fixed <= anchor) and words & {str(n).lower() for n in spec.get("nouns") or []}:
            return fixed
    return None


def second_day(c: Candidate, ctx: Context) -> Normalised:
    """The "12" of "April 11 and 12": the first day's value with this day."""
    first = _day_value(c, ctx)
    day = int(c.group("d2"))
    if first.stated is None and first.value and _possible(month_number(c.group("m")), day):
        return Normalised("DATE", f"{first.value[:-2]}{day:02d}")  # no publication date: "XXXX-04-12"
    if first.stated is None:
        return Normalised("DATE", None, notes=first.notes or [f"impossible date {c.match.group(0)!r}"])
    try:
        d = first.stated.replace(day=day)
    except ValueError:
        return Normalised("DATE", None, notes=[f"impossible date {c.match.group(0)!r}"])
    return Normalised("DATE", d.isoformat(), stated=d)


def second_year(c: Candidate, ctx: Context) -> Normalised:
    """The "16" of "2015-16": the year of the first one's century (the next after "1999-00")."""
    first, short = int(c.group("y")), int(c.match.string[c.start:c.end])
    return Normalised("DATE", f"{first // 100 * 100 + short + (100 if short < first % 100 else 0):04d}")


def day_number(c: Candidate) -> int:
    """The day of the month, written in digits ("17", "17th") or as a word ("eighth")."""
    if c.group("d"):
        return int(c.group("d"))
    return ORDINAL_DAYS[re.sub(r"[\s-]+", "-", c.group("dw").lower())]


def _possible(month: int, day: int) -> bool:
    try:
        date(2000, month, day)  # a leap year: February 29 is possible
    except ValueError:
        return False
    return True


def wd_date(c: Candidate, ctx: Context) -> Normalised:
    """"Tuesday (December 17)": the written date, checked against the weekday."""
    out = _day_value(c, ctx)
    wd = weekday_number(c.group("wd"))
    if out.stated is not None and out.stated.isoweekday() != wd:
        fit = None
        if not c.group("y") and ctx.anchor is not None:
            fit = _fitting_date(ctx.anchor, out.stated.month, out.stated.day, wd)
        out.misfit = WeekdayMisfit(c.group("wd"), out.stated, fit)  # its notes: `WeekdayMisfit.notes`
    return out


def _fitting_date(anchor: date, month: int, day: int, weekday: int) -> date | None:
    """The date nearest the anchor (within 30 years) with this month, day and weekday."""
    for delta in range(0, 31):
        for year in (anchor.year - delta, anchor.year + delta):
            try:
                d = date(year, month, day)
            except ValueError:
                continue
            if d.isoweekday() == weekday:
                return d
    return None


def week_of(c: Candidate, ctx: Context) -> Normalised:
    """"the week of March 9": the ISO week of that day; "the last week of May": the ISO week most
    of whose days are the month's last (its first: the month's first)."""
    if nth := c.group("nth").lower():
        m = month_number(c.group("m"))
        y = int(c.group("y")) if re.fullmatch(r"\d{4}", c.group("y")) else \
            dates.month_year(ctx.anchor, m, ctx.direction) if ctx.anchor else None
        if y is None:
            return Normalised("DATE", None)
        if nth in ("last", "final"):
            middle = dates.add_months(date(y, m, 1), 1) - timedelta(days=4)
        else:
            middle = date(y, m, 4) + timedelta(weeks=_ORDINAL[nth] - 1)
        return Normalised("DATE", dates.week_value(middle))
    day = _day_value(c, ctx)
    if day.stated is None:
        return Normalised("DATE", None, notes=day.notes)
    return Normalised("DATE", dates.week_value(day.stated), stated=day.stated, notes=day.notes)


def nth_weekday(c: Candidate, ctx: Context) -> Normalised:
    """"the third Sunday in June", "the last Monday of May": that day of the month, the month's
    year written or, without one, the one whose day the tense points to (past: at or before the
    publication day, future: after it; no tense: the month's nearest year)."""
    m, wd, nth = month_number(c.group("m")), weekday_number(c.group("wd")), _NTH_WEEKDAY[c.group("nth").lower()]
    if re.fullmatch(r"\d{4}", c.group("y")):
        day = _nth_weekday_of(int(c.group("y")), m, wd, nth)
        return Normalised("DATE", day.isoformat() if day else None, stated=day)
    if ctx.anchor is None:
        return Normalised("DATE", None)
    y = dates.month_year(ctx.anchor, m, ctx.direction)
    day = _nth_weekday_of(y, m, wd, nth)
    if day is not None and ctx.direction * (day - ctx.anchor).days < 0:  # "held on the second Saturday in June", June 2
        day = _nth_weekday_of(y + ctx.direction, m, wd, nth)
    return Normalised("DATE", day.isoformat() if day else None)


def first_of(c: Candidate, ctx: Context) -> Normalised:
    """"the first of the year": New Year's Day, the coming one when the clause points ahead ("will
    sign by the first of the year"), else the publication year's ("since the first of the
    year"); "the first of next month", "the first of 2031": that first day."""
    if c.group("y"):
        return Normalised("DATE", f"{c.group('y')}-01-01")
    if ctx.anchor is None:
        return Normalised("DATE", None)
    if c.group("the_year"):
        return Normalised("DATE", f"{ctx.anchor.year + (1 if ctx.direction > 0 else 0)}-01-01")
    shift = _REL_SHIFT[c.group("rel").lower()]
    if c.group("unit").lower() == "year":
        return Normalised("DATE", f"{ctx.anchor.year + shift}-01-01")
    return Normalised("DATE", dates.add_months(ctx.anchor.replace(day=1), shift).isoformat())


def _nth_weekday_of(y: int, m: int, wd: int, nth: int) -> date | None:
    """The nth (from 1; -1 the last) ISO weekday `wd` of month `m` of `y`; None past the month's end."""
    days = [d for d in range(1, calendar.monthrange(y, m)[1] + 1) if date(y, m, d).isoweekday() == wd]
    return date(y, m, days[nth if nth < 0 else nth - 1]) if nth < 0 or nth <= len(days) else None


def iso(c: Candidate, ctx: Context) -> Normalised:
    try:
        d = date(int(c.group("y")), int(c.group("mo")), int(c.group("d")))
    except ValueError:
        return Normalised("DATE", None, notes=[f"impossible date {c.match.group(0)!r}"])
    if c.group("h"):  # a timestamp: its clock time as written, to the second if given
        seconds = f":{c.group('s')}" if c.group("s") else ""
        return Normalised("TIME", f"{d.isoformat()}T{c.group('h')}:{c.group('mi')}{seconds}", stated=d)
    return Normalised("DATE", d.isoformat(), stated=d)


def numeric(c: Candidate, ctx: Context) -> Normalised:
    """12/10/2023: month first unless that is impossible; both readings possible is noted."""
    a, b = int(c.group("a")), int(c.group("b"))
    year = year_of(c.group("y"), ctx.anchor)
    if year is None:
        return Normalised("DATE", None, notes=["two-digit year and no publication date"])
    readings = []
    for month, day in ((b, a), (a, b)) if c.group("dot") else ((a, b), (b, a)):  # "15.08.2021": day first
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return Normalised("DATE", None, notes=[f"impossible date {c.match.group(0)!r}"])
    if len(set(readings)) > 1 and not c.group("dot"):
        return Normalised("DATE", readings[0].isoformat(), stated=readings[0], order=Order.AMBIGUOUS,
                          notes=[f"ambiguous: {readings[0]} (month first) or {readings[1]} (day first)"])
    return Normalised("DATE", readings[0].isoformat(), stated=readings[0], order=Order.ONE_WAY)


def month_year(c: Candidate, ctx: Context) -> Normalised:
    year = year_of(c.group("y"), ctx.anchor)
    month = month_number(c.group("m"))
    return Normalised("DATE", dates.month_value(year, month) if year else None)


def month_ana(c: Candidate, ctx: Context) -> Normalised:
    """"August of that year": the month of the year the text last named (else of the publication's)."""
    base = ctx.year if ctx.year is not None else ctx.anchor.year if ctx.anchor else None
    if base is None:
        return Normalised("DATE", None)
    return Normalised("DATE", dates.month_value(base + _ANAPHORIC[_words(c.group("ana"))], month_number(c.group("m"))))


def month(c: Candidate, ctx: Context) -> Normalised:
    m = month_number(c.group("m"))
    if ctx.anchor is None:
        return Normalised("DATE", f"XXXX-{m:02d}")
    yrel = c.group("yrel").lower()
    if yrel:  # "July last year"
        return Normalised("DATE", dates.month_value(ctx.anchor.year + _REL_SHIFT[yrel], m))
    rel = c.group("rel").lower()
    year = dates.month_year(ctx.anchor, m, ctx.direction, rel)
    if not rel and ctx.direction < 0 and _DEADLINE_BEFORE.search(c.match.string, max(0, c.start - 30), c.start):
        # "extended the order to early May", "rulings are unlikely before June": a limit the tense
        # puts most of a year back is the coming month when that is near
        ahead = dates.month_year(ctx.anchor, m, 1)
        if (year * 12 + m) < (ctx.anchor.year * 12 + ctx.anchor.month) - 6 and \
                (ahead * 12 + m) - (ctx.anchor.year * 12 + ctx.anchor.month) <= 3:
            year = ahead
    return Normalised("DATE", dates.month_value(year, m))


_DEADLINE_BEFORE = re.compile(r"\b(?:until|till|before|to|by)\s+(?:at\s+(?:the\s+)?(?:least|earliest|latest)\s+)?$",
                              re.IGNORECASE)  # "delayed the trial until at least May"


def year(c: Candidate, ctx: Context) -> Normalised:
    return Normalised("DATE", c.group("y"))


def short_year(c: Candidate, ctx: Context) -> Normalised:
    """"in '98": the year in the century nearest the publication date; none without one."""
    written = c.group("y")
    y = year_of(written, ctx.anchor)
    if y is None:
        return Normalised("DATE", None, notes=[f"two-digit year {written!r} and no publication date"])
    return Normalised("DATE", f"{y:04d}")


def spelled_year(words: str) -> int | None:
    """"nineteen ninety-one" 1991, "nineteen hundred" 1900, "two thousand and one" 2001."""
    parts = re.split(r"[\s-]+", words.strip().lower())

    def total(rest: list[str]) -> int:
        return sum(int(lexicon().numbers.get(p) or 0) for p in rest if p not in ("oh", "and"))

    if parts[:2] == ["two", "thousand"]:
        return 2000 + total(parts[2:])
    if parts[0] == "nineteen":
        return 1900 + (0 if parts[1:] == ["hundred"] else total(parts[1:]))
    return None


def year_words(c: Candidate, ctx: Context) -> Normalised:
    y = spelled_year(c.group("yw"))
    return Normalised("DATE", str(y) if y else None)


_REL_DAY = {"next": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}


def rel_day(c: Candidate, ctx: Context) -> Normalised:
    """"the next morning", "the following day", "the previous night": a day counted from the one
    the narrative last named (the publication day when it has named none)."""
    base = ctx.reference or ctx.anchor
    pod = c.group("pod").lower()
    if base is None:
        return Normalised("DATE" if pod == "day" else "TIME", None)
    value = (base + timedelta(days=_REL_DAY[c.group("rd").lower()])).isoformat()
    return Normalised("DATE", value) if pod == "day" else Normalised("TIME", f"{value}T{lexicon().parts_of_day[pod]}")


def event_day(c: Candidate, ctx: Context) -> Normalised:
    """"the sixth day of the blockade", "the strike in its third day": the day the narrative is on
    (the publication day when it has named none)."""
    base = ctx.reference or ctx.anchor
    return Normalised("DATE", base.isoformat() if base else None)


def apposed_day(c: Candidate, ctx: Context) -> Normalised:
    """"Dec. 9, the day before the strike began": the day the text has just named (the extractor keeps
    the expression only right after a date)."""
    return Normalised("DATE", ctx.reference.isoformat() if ctx.reference else None)


def unit_before(c: Candidate, ctx: Context) -> Normalised:
    """"the day before", "the night before", "the year prior", "the week before last": counted
    back from the narrative's last day, month or year (the publication's when it has named none)."""
    unit, back = c.group("unit").lower(), 2 if "last" in c.group("how").lower() else 1
    if unit == "year":
        base_year = ctx.year if ctx.year is not None else ctx.anchor.year if ctx.anchor else None
        return Normalised("DATE", None if base_year is None else str(base_year - back))
    if unit == "month":
        named = date(int(ctx.month[:4]), int(ctx.month[5:]), 1) if ctx.month else ctx.anchor
        return Normalised("DATE", None if named is None else dates.add_months(named, -back).isoformat()[:7])
    base = ctx.reference or ctx.anchor
    kind = "TIME" if unit == "night" else "DATE"
    if base is None:
        return Normalised(kind, None)
    if unit == "week":
        return Normalised("DATE", dates.week_value(base - timedelta(weeks=back)))
    day = (base - timedelta(days=back)).isoformat()
    return Normalised(kind, f"{day}TNI" if unit == "night" else day)


def decade(c: Candidate, ctx: Context) -> Normalised:
    digits = c.group("dec").strip("'’‘")
    if len(digits) == 4 and digits.endswith("00") and int(digits) <= 1900:
        return Normalised("DATE", digits[:2])  # "the late 1700s", "the early 1900s": a century ("the 2000s" a decade)
    if len(digits) == 4:
        return Normalised("DATE", digits[:3])
    century = "19" if ctx.anchor is None or int("20" + digits) > ctx.anchor.year else str(ctx.anchor.year)[:2]
    return Normalised("DATE", century + digits[0])


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                 "eighties": 8, "nineties": 9}


def decade_word(c: Candidate, ctx: Context) -> Normalised:
    """"the nineties": the latest such decade before the anchor (the 1900s without one)."""
    d = _DECADE_WORDS[c.group("dw").lower()]
    century = 19 if ctx.anchor is None or 2000 + 10 * d > ctx.anchor.year else ctx.anchor.year // 100
    return Normalised("DATE", f"{century}{d}")


def century(c: Candidate, ctx: Context) -> Normalised:
    return Normalised("DATE", f"{int(c.group('cn')) - 1:02d}")


# --------------------------------------------------------------------------- relative to the anchor


def _pod(c: Candidate, value: str | None, base: Type = "DATE") -> Normalised:
    """A day with a part of day ("Friday morning", "last night") is a TIME (TIMEX3 guidelines)."""
    pod = (c.group("pod") or c.group("pod0")).lower()  # "Friday morning", "overnight Tuesday"
    if not pod:
        return Normalised(base, value)
    if value is None:
        return Normalised("TIME", None)
    return Normalised("TIME", f"{value}T{lexicon().parts_of_day[pod]}")


def weekday(c: Candidate, ctx: Context) -> Normalised:
    wd = weekday_number(c.group("wd"))
    if ctx.anchor is None:
        return _pod(c, f"XXXX-WXX-{wd}")
    d = dates.weekday_date(ctx.anchor, wd, ctx.direction, c.group("rel").lower())
    return _pod(c, d.isoformat())


_DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
            "the day before yesterday": -2, "the day after tomorrow": 2}


def deictic(c: Candidate, ctx: Context) -> Normalised:
    word = _words(c.group("deictic"))
    if ctx.anchor is None:
        return Normalised("TIME" if word == "tonight" or c.group("pod") else "DATE", None)
    value = (ctx.anchor + timedelta(days=_DEICTIC[word])).isoformat()
    if word == "tonight":
        return Normalised("TIME", f"{value}TNI")
    return _pod(c, value)


def pod_rel(c: Candidate, ctx: Context) -> Normalised:
    rel = c.group("rel").lower()
    if ctx.anchor is None:
        return Normalised("TIME", None)
    shift = {"this": 0, "last": -1, "yesterday": -1, "tomorrow": 1}[rel]
    if rel == "last" and c.group("pod").lower() != "night":
        shift = -1
    return _pod(c, (ctx.anchor + timedelta(days=shift)).isoformat())


def clock(c: Candidate, ctx: Context) -> Normalised:
    named = c.group("named").lower()
    if named:
        hour, minute = (24, 0) if named == "midnight" else (12, 0)
    else:
        hour, minute = int(number(c.group("h")) or 0), int(c.group("mi") or 0)
        if hour > 12 and (c.group("ap") or c.group("half")):  # "14:30" alone is the 24-hour clock
            return Normalised("TIME", None)
        if _afternoon(c) and hour < 12:
            hour += 12
        elif _morning(c) and hour == 12:
            hour = 0
    # a clock time with no day of its own continues the narrative: the day the text last named
    base = ctx.reference or ctx.anchor
    day = base.isoformat() if base else "XXXX-XX-XX"
    if ctx.anchor is not None and c.group("wd"):
        day = dates.weekday_date(ctx.anchor, weekday_number(c.group("wd")), ctx.direction).isoformat()
        return Normalised("TIME", f"{day}T{hour:02d}:{minute:02d}")  # "10 p.m. Wednesday": a TIME too
    if ctx.anchor is not None and c.group("deictic"):
        day = (ctx.anchor + timedelta(days=_DEICTIC[_words(c.group("deictic"))])).isoformat()
    if c.group("m"):
        day = _clock_date(c, ctx)
    return Normalised("TIME", f"{day}T{hour:02d}:{minute:02d}")


def _clock_date(c: Candidate, ctx: Context) -> str:
    """The date written after a clock time ("6:45 a.m. Nov. 9", "noon March 3, 2031"): with its
    year, else the tense's occurrence nearest the anchor; XXXX for the year with no anchor."""
    month, day = month_number(c.group("m")), int(c.group("cd"))
    written = c.group("cy")
    with contextlib.suppress(ValueError):
        if written:
            return date(int(written), month, day).isoformat()
        if ctx.anchor is not None and (found := dates.month_day_date(ctx.anchor, month, day, ctx.direction)):
            return found.isoformat()
    return f"XXXX-{month:02d}-{day:02d}"


def _afternoon(c: Candidate) -> bool:
    """"p.m.", "in the afternoon", "in the evening", "at night" (but "2 at night" is early morning)."""
    half = _words(c.group("half"))
    return c.group("ap").lower().startswith("p") or half in ("in the afternoon", "in the evening") or \
        (half == "at night" and (number(c.group("h")) or 0) >= 6)


def _morning(c: Candidate) -> bool:
    return c.group("ap").lower().startswith("a") or _words(c.group("half")) == "in the morning"


def _unit_value(anchor: date, unit: str, shift: int) -> str | None:
    """This/last/next week, month, quarter, year, decade, century (shift 0, -1, +1); a season of
    sport, politics or television ("this season", "last season's peak loads") by its year."""
    code = {"week": "W", "month": "M", "year": "Y", "quarter": "Q", "decade": "DE", "century": "CE",
            "season": "Y"}.get(unit)
    if unit == "weekend":
        return dates.week_value(anchor + timedelta(weeks=shift)) + "-WE"
    if unit in ("decade", "century"):
        years = 10 if unit == "decade" else 100
        return str(anchor.year + shift * years)[:3 if unit == "decade" else 2]
    if code is None:
        return None
    return dates.shifted(anchor, shift, code)


_REL_SHIFT = {"this": 0, "current": 0, "the current": 0, "the same": 0,
              "last": -1, "past": -1, "previous": -1, "prior": -1, "the previous": -1, "the prior": -1,
              "the last": -1, "the latest": -1,
              "next": 1, "coming": 1, "the coming": 1, "the following": 1, "the next": 1, "the past": -1}


_IN_YEARS = {"DE": "10Y", "CE": "100Y", "Q": "3M"}
_ANAPHORIC = {"that": 0, "the same": 0, "that same": 0, "the following": 1, "the previous": -1, "the prior": -1}


# "the start of the next quarter", "the middle of the next decade": a point in the period, no duration
_POINT_IN = re.compile(r"(?:early|mid|late|the\s+(?:end|beginning|start|middle|turn)\s+of|(?:the\s+)?end\s+of)\b",
                       re.IGNORECASE)


def _the_last_span(c: Candidate, rel: str, unit: str) -> bool:
    """"over the last year", "in the last week": the span up to now, as "the past year" ("the last
    week of the session" is a week; "the last quarter" the quarter before)."""
    return rel == "the last" and unit in _SPAN_UNITS and not c.match.string.startswith(" of ", c.end) \
        and bool(_SPAN_BEFORE.search(c.match.string, max(0, c.start - 12), c.start))


_SPAN_BEFORE = re.compile(r"\b(?:over|within|for|throughout)\s+$", re.IGNORECASE)


_SPAN_UNITS = frozenset({"day", "week", "month", "year", "decade", "century"})


_NEXT_SPAN_BEFORE = re.compile(r"\b(?:over|for|within|in|during|throughout|through)\s+$", re.IGNORECASE)


def rel_unit(c: Candidate, ctx: Context) -> Normalised:
    rel, unit = _words(c.group("rel")), c.group("unit").lower()
    if unit == "year" and rel in _ANAPHORIC and ctx.year is not None:
        # anaphoric (TimeML): counted from the last year the text named, not from the publication
        return Normalised("DATE", str(ctx.year + _ANAPHORIC[rel]))
    if unit == "week" and rel in _ANAPHORIC and ctx.reference is not None:
        return Normalised("DATE", dates.week_value(ctx.reference + timedelta(weeks=_ANAPHORIC[rel])))
    if unit == "month" and rel in _ANAPHORIC and ctx.month is not None:
        named = date(int(ctx.month[:4]), int(ctx.month[5:]), 1)
        return Normalised("DATE", dates.add_months(named, _ANAPHORIC[rel]).isoformat()[:7])
    if rel == "the next" and unit == "year" and ctx.direction < 0 and ctx.year is not None \
            and not _NEXT_SPAN_BEFORE.search(c.match.string, max(0, c.start - 12), c.start):
        # "moved away the next year" after "closed in 2011": the year after the one named, as "the following year"
        return Normalised("DATE", str(ctx.year + 1))
    if (rel in ("the past", "past", "the next") or _the_last_span(c, rel, unit)) and unit not in ("weekend",) \
            and not _POINT_IN.match(c.match.group(0)):
        code = unit_code(unit)
        if code in _IN_YEARS:  # as `duration`: "the past decade" P10Y, "the next quarter" P3M
            return Normalised("DURATION", "P" + _IN_YEARS[code])
        return Normalised("DURATION", f"P1{code}" if code not in ("X",) else None)
    if unit == "quarter" and rel in ("this", "the same") and ctx.quarter is not None:
        return Normalised("DATE", ctx.quarter)  # "This quarter's loss" in a report on the third quarter
    if unit == "quarter" and rel in _ANAPHORIC and _ANAPHORIC[rel] < 0 and ctx.quarter is not None:
        y, q = int(ctx.quarter[:4]), int(ctx.quarter[-1])  # "up from the previous quarter": the one before
        return Normalised("DATE", f"{y - (q == 1)}-Q{q - 1 or 4}")
    if ctx.anchor is None:
        return Normalised("DATE", None)
    if unit == "weekend" and rel in ("coming", "the coming"):  # "this coming weekend": the first not begun
        return Normalised("DATE", _unit_value(ctx.anchor, unit, 0 if ctx.anchor.isoweekday() < 6 else 1))
    if unit == "weekend" and rel == "this" and ctx.direction < 0 and ctx.anchor.isoweekday() < 6:
        # "said this weekend" on a Monday: the weekend just gone, not the coming one
        return Normalised("DATE", _unit_value(ctx.anchor, unit, -1))
    return Normalised("DATE", _unit_value(ctx.anchor, unit, _REL_SHIFT.get(rel, 0)))


def rel_season(c: Candidate, ctx: Context) -> Normalised:
    code = lexicon().seasons[c.group("season").lower()]
    written = c.group("y") or (str(spelled_year(c.group("yw")) or "") if c.group("yw") else "")
    if written:  # "the summer of '69": a two-digit year in the century nearest the publication date
        y = year_of(written, ctx.anchor)
        if y is None:
            return Normalised("DATE", None, notes=[f"two-digit year {written!r} and no publication date"])
        return Normalised("DATE", f"{y:04d}-{code}")
    if c.group("ana"):  # "the fall of that year": of the year the text last named (else the publication's)
        base = ctx.year if ctx.year is not None else ctx.anchor.year if ctx.anchor else None
        year = None if base is None else base + _ANAPHORIC[_words(c.group("ana"))]
        return Normalised("DATE", f"{year:04d}-{code}" if year is not None else f"XXXX-{code}")
    if ctx.anchor is None:
        return Normalised("DATE", f"XXXX-{code}")
    if c.group("yrel"):  # "the summer of last year"
        return Normalised("DATE", f"{ctx.anchor.year + _REL_SHIFT[c.group('yrel').lower()]:04d}-{code}")
    rel = c.group("rel").lower()
    if rel == "that":
        return Normalised("DATE", _that_season(code, ctx))
    mid = _SEASON_MONTH[code]
    if rel in ("last", "past", "previous"):
        y = ctx.anchor.year if mid + 1 < ctx.anchor.month else ctx.anchor.year - 1
    elif rel in ("next", "coming"):
        y = ctx.anchor.year if mid - 1 > ctx.anchor.month else ctx.anchor.year + 1
    elif rel == "this":
        y = ctx.anchor.year
    else:
        y = dates.month_year(ctx.anchor, mid, ctx.direction)
    return Normalised("DATE", f"{y}-{code}")


def _that_season(code: str, ctx: Context) -> str:
    """"that summer": the same season the text named last ("in the summer of 1991 ... what I
    learned that summer"), else that season in the year it last named ("In 1991 ... that
    summer"), else in the publication's year."""
    if ctx.season is not None and ctx.season.endswith(code):
        return ctx.season
    if ctx.year is not None:
        return f"{ctx.year:04d}-{code}"
    return f"{ctx.anchor.year:04d}-{code}" if ctx.anchor else f"XXXX-{code}"


def offset(c: Candidate, ctx: Context) -> Normalised:
    n = number(c.group("num"))
    unit = unit_code(c.group("unit"))
    back = _words(c.group("dir")) in ("ago", "earlier", "before", "since")
    if n is None:
        return Normalised("DATE", "PAST_REF" if back else "FUTURE_REF")
    if unit in ("H", "MIN") and _words(c.group("dir")) == "ago":  # counted from the publication, to a day
        if n < 24 or unit == "MIN":  # "three hours ago": that day
            n, unit = 0, "D"
        elif n % 24 == 0:  # "24 hours ago", "48 hours ago": whole days before it
            n, unit = n // 24, "D"
    if ctx.anchor is None or unit in ("H", "MIN", "S"):
        return Normalised("DATE", None)
    if n != int(n) and unit in _IN_SMALLER:  # "a half-century ago": 50 years
        factor, unit = _IN_SMALLER[unit]
        n *= factor
    return Normalised("DATE", dates.shifted(ctx.anchor, -n if back else n, unit))


_IN_SMALLER = {"CE": (100, "Y"), "DE": (10, "Y"), "Y": (12, "M")}


def ago_adj(c: Candidate, ctx: Context) -> Normalised:
    """"the year-ago quarter", "last year's period": the quarter under discussion a year before
    (the last reported quarter's when none is); "the year-earlier" alone is last year."""
    if ctx.anchor is None and ctx.quarter is None:
        return Normalised("DATE", None)
    unit = c.group("unit").lower()
    if unit in ("quarter", "period") or c.group("qago"):
        return Normalised("DATE", _year_before(ctx))
    return Normalised("DATE", str(ctx.anchor.year - 1) if ctx.anchor else None)


def _year_before(ctx: Context) -> str | None:
    """The quarter a year before the one under discussion (or the last reported one)."""
    if ctx.quarter is not None:
        return f"{int(ctx.quarter[:4]) - 1}{ctx.quarter[4:]}"
    if ctx.anchor is None:
        return None
    last = dates.quarter(ctx.anchor) - 1 or 4
    return f"{ctx.anchor.year - 1 - (1 if last == 4 else 0)}-Q{last}"


def quarter(c: Candidate, ctx: Context) -> Normalised:
    n = _ORDINAL[c.group("qn").lower()]
    written = c.group("y1") or c.group("y2")
    if written:
        return Normalised("DATE", f"{written}-Q{n}")
    yrel = (c.group("yrel") or c.group("yrel2")).lower()
    if yrel and ctx.anchor is not None:  # "this year's third quarter", "the third quarter of last year"
        return Normalised("DATE", f"{ctx.anchor.year + _REL_SHIFT[yrel]}-Q{n}")
    if ctx.anchor is None:
        return Normalised("DATE", f"XXXX-Q{n}")
    # business news reports quarters that have begun: a later one is last year's
    y = ctx.anchor.year - (1 if n > dates.quarter(ctx.anchor) else 0)
    return Normalised("DATE", f"{y}-Q{n}")


def quarter_code(c: Candidate, ctx: Context) -> Normalised:
    """"Q3", "Q4 2012", "H1", "FY2013": a quarter or half as `quarter` and `half` read them
    written out; a fiscal year is the year it is named for."""
    if fy := c.group("fy"):  # "FY25": the latest such year at most ten years ahead, as "'25"
        fiscal = year_of(fy, ctx.anchor)
        return Normalised("DATE", str(fiscal) if fiscal else None)
    code, n = c.group("code"), int(c.group("n"))
    if code == "H" and n > 2:
        return Normalised("DATE", None)
    written = c.group("y0") or c.group("y")
    if not written and c.group("fy2"):  # "Q1 FY25"
        written = str(year_of(c.group("fy2"), ctx.anchor) or "")
    if written:
        return Normalised("DATE", f"{written}-{code}{n}")
    if ctx.anchor is None:
        return Normalised("DATE", f"XXXX-{code}{n}")
    if code == "H":
        y = ctx.anchor.year - (1 if n == 2 and ctx.anchor.month <= 6 and ctx.direction <= 0 else 0)
    else:
        y = ctx.anchor.year - (1 if n > dates.quarter(ctx.anchor) else 0)
    return Normalised("DATE", f"{y}-{code}{n}")


def year_period(c: Candidate, ctx: Context) -> Normalised:
    """"the 1988 quarter": that year's quarter of the one under discussion (else of the last reported)."""
    if ctx.quarter is not None:
        return Normalised("DATE", f"{c.group('y')}-Q{ctx.quarter[-1]}")
    last = dates.quarter(ctx.anchor) - 1 if ctx.anchor else 0
    return Normalised("DATE", f"{c.group('y')}-Q{last or 4}" if ctx.anchor else None)


def the_year(c: Candidate, ctx: Context) -> Normalised:
    """"the year", "the full year": the year of the report; set beside a year it names that year
    ("in 1996, the year Congress last overhauled the law")."""
    if apposed := APPOSED_YEAR.search(c.match.string, max(0, c.start - 8), c.start):
        return Normalised("DATE", apposed.group(1))
    return Normalised("DATE", str(ctx.anchor.year) if ctx.anchor else None)


APPOSED_YEAR = re.compile(r"\b((?:1[5-9]|20)\d\d),\s*$")


def weekend(c: Candidate, ctx: Context) -> Normalised:
    """"the weekend": the one just past on a weekday (the coming one with a future verb)."""
    if ctx.anchor is None:
        return Normalised("DATE", None)
    on_weekend = ctx.anchor.isoweekday() >= 6
    shift = 0 if on_weekend or ctx.direction > 0 else -1
    return Normalised("DATE", dates.week_value(ctx.anchor + timedelta(weeks=shift)) + "-WE")


def point_of(c: Candidate, ctx: Context) -> Normalised:
    """"the end of the month", "the start of the week": the current month or week (TimeML gives
    a point in a period the period's value, as "the end of 1990" 1990)."""
    if ctx.anchor is None:
        return Normalised("DATE", None)
    return Normalised("DATE", _unit_value(ctx.anchor, c.group("unit").lower(), 0))


def new_year(c: Candidate, ctx: Context) -> Normalised:
    """"in the new year": the year after the publication's in its second half ("reappointed in
    the new year" in December), the publication's own in its first ("the ferry will keep running in
    the new year" on January 2)."""
    if ctx.anchor is None:
        return Normalised("DATE", None)
    return Normalised("DATE", str(ctx.anchor.year + (ctx.anchor.month >= 7)))


_QUARTER_SHIFT = {"current": 0, "this": 0, "next": 1, "coming": 1}


_ANAPHORIC_QUARTER = frozenset({"the", "that", "this", "same"})


def quarter_rel(c: Candidate, ctx: Context) -> Normalised:
    """"the latest quarter", "the current quarter", "the quarter"; the definite and demonstrative
    ones ("the quarter", "that quarter") and a period standing for a quarter ("the latest
    period") refer back to the quarter under discussion when the text has named one (TimeML
    anaphora), else to the last one reported."""
    words = _words(c.match.group(0)).split()
    qual = _words(c.group("qr")) or words[0]
    if (qual in _ANAPHORIC_QUARTER or c.group("qp")) and ctx.quarter is not None:
        return Normalised("DATE", ctx.quarter)
    if ctx.anchor is None:
        return Normalised("DATE", None)
    if qual == "same":
        return Normalised("DATE", None)
    shift = _QUARTER_SHIFT.get(qual, -1)
    return Normalised("DATE", dates.shifted(ctx.anchor, shift, "Q"))


def half(c: Candidate, ctx: Context) -> Normalised:
    n = 1 if c.group("hn").lower() == "first" else 2
    written = c.group("y")
    if written:
        return Normalised("DATE", f"{written}-H{n}")
    if ctx.anchor is None:
        return Normalised("DATE", f"XXXX-H{n}")
    if yrel := c.group("yrel").lower():  # "the first half of last year"
        return Normalised("DATE", f"{ctx.anchor.year + _REL_SHIFT[yrel]}-H{n}")
    # "the second half" before July is last year's unless the clause points ahead; "the second
    # half of the year" names the publication's year unless the clause tells of the past
    past = ctx.direction < 0 if c.group("the_year") else ctx.direction <= 0
    y = ctx.anchor.year - (1 if n == 2 and ctx.anchor.month <= 6 and past else 0)
    return Normalised("DATE", f"{y}-H{n}")


_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|may|might|can|shall|should|must)\s+$", re.IGNORECASE)


def duration(c: Candidate, ctx: Context) -> Normalised:
    if _words(c.match.group(0)) in ("one day", "some day") and \
            _MODAL_BEFORE.search(c.match.string, max(0, c.start - 8), c.start):
        return Normalised("DATE", "FUTURE_REF")  # "The village will one day be ...": some day in the future
    n = number(c.group("num"))
    code = unit_code(c.group("unit"))
    if code == "2W":
        code, n = "W", None if n is None else 2 * n
    if n is not None:
        code, n = _timebank_unit(code, n)
    if n is not None and (c.group("frac") or c.group("frac2")):
        n += 0.5  # "5 1/2 hours", "two and a half years", "a year and a half"
    return Normalised("DURATION", "P" + (_period(n, code) if n is not None else _period_x(code)))


def _timebank_unit(code: str, n: float) -> tuple[str, float]:
    """Decades, centuries and quarters in the units TimeBank writes them: years and months."""
    if code in ("DE", "CE", "Q"):
        return ("M", n * 3) if code == "Q" else ("Y", n * (10 if code == "DE" else 100))
    return code, n


def long_unit(c: Candidate, ctx: Context) -> Normalised:
    """"decade-long", "the month-long strike": a duration of one unit (decades and centuries in years)."""
    code, n = _timebank_unit(unit_code(c.group("unit")), 1)
    return Normalised("DURATION", "P" + _period(n, code))


_TIME_UNITS = frozenset({"H", "MIN", "S"})
_SMALLER = {"Y": ("M", 12), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}


def _period_x(code: str) -> str:
    return f"TX{code[0]}" if code in _TIME_UNITS else f"X{code}"


def _part(n: float, code: str) -> tuple[str, str]:
    """(date part, time part) of an ISO 8601 period for `n` units."""
    text = f"{_fmt(n)}{code[0] if code in _TIME_UNITS else code}"
    return ("", text) if code in _TIME_UNITS else (text, "")


def _period(n: float, code: str) -> str:
    """An ISO 8601 period body: a fraction goes to the next smaller unit (5.5 hours: "T5H30M").

    TIMEX3 values write "5 1/2 hours" as PT5H30M and "two and a half years" as P2Y6M; a fraction
    with no whole smaller unit stays decimal.
    """
    whole = int(n)
    smaller = _SMALLER.get(code)
    rest = (n - whole) * smaller[1] if smaller else 0.0
    if n == whole or smaller is None or rest != int(rest):
        d, t = _part(n, code)
    else:
        d1, t1 = _part(whole, code) if whole else ("", "")
        d2, t2 = _part(rest, smaller[0])
        d, t = d1 + d2, t1 + t2
    return d + (f"T{t}" if t else "")


def vague(c: Candidate, ctx: Context) -> Normalised:
    if _words(c.group("q")) == "past":  # "in past years": the past as a whole
        return Normalised("DATE", "PAST_REF")
    code = unit_code(c.group("unit"))
    if code in ("H", "MIN", "S"):
        return Normalised("DURATION", f"PTX{code[0]}")
    return Normalised("DURATION", f"PX{'Y' if code in ('DE', 'CE') else code}")  # as `duration`: decades in years


def holiday(c: Candidate, ctx: Context) -> Normalised:
    """A holiday of `time.yaml`: the occurrence in the year written, else the one the tense and
    "last"/"next" pick among those around the anchor (the nearest with neither). A lunar month
    named as a whole ("Ramadan") is the range of its days, `first/last` (`_span_value`)."""
    name = _words(c.group("hol")).replace("’", "'")
    spec = lexicon().holidays[name]
    written = c.group("y")
    if written:
        day = _nearest(holiday_spans(name, [int(written)]), ctx.anchor)
        return _at_part_of_day(spec, _span_value(day, wkend=False))
    if "year" in spec:  # a day of history: "9/11"
        d = dates.holiday_date(spec, int(spec["year"]))
        return Normalised("DATE", d.isoformat() if d else None, notes=[DAY_OF_HISTORY])
    if ctx.anchor is None:
        return Normalised("DATE", None)
    anchor, rel = ctx.anchor, c.group("rel").lower()
    options = holiday_spans(name, [anchor.year - 1, anchor.year, anchor.year + 1])
    nearest = _nearest(options, anchor)
    if rel == "last" or (ctx.direction < 0 and not rel):
        pick = [s for s in options if s[0] <= anchor][-1:]
    elif rel == "next" or (ctx.direction > 0 and not rel):
        pick = [s for s in options if s[1] >= anchor][:1]
    else:
        pick = [nearest] if nearest else []
    told_on = ctx.direction < 0 and _ON_BEFORE.search(c.match.string, max(0, c.start - 4), c.start)
    if not rel and not told_on and pick and nearest and _away(pick[0], anchor) > 183 and _away(nearest, anchor) <= 92:
        # as for days of a month: a tense's pick half a year away loses to one within three months
        # ("a month before Election Day"), unless the past is told on that day ("defeated her on Election Day")
        pick = [nearest]
    return _at_part_of_day(spec, _span_value(pick[0] if pick else None, wkend=bool(c.group("wkend"))))


def _at_part_of_day(spec: dict[str, Any], norm: Normalised) -> Normalised:
    """A holiday that is a part of its day (`part_of_day` in time.yaml: "election night") is a TIME
    on that day ("2024-11-05TNI")."""
    pod = spec.get("part_of_day")
    if not pod or norm.value is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", norm.value):
        return norm
    return Normalised("TIME", f"{norm.value}T{pod}", stated=norm.stated, notes=norm.notes)


Span = tuple[date, date]


def holiday_spans(name: str, years: list[int]) -> list[Span]:
    """The occurrences of the holiday `name` in `years`; a name given as `one_of` others ("Eid":
    Eid al-Fitr or Eid al-Adha) has all of theirs."""
    spec = lexicon().holidays[name]
    if "one_of" in spec:
        return sorted(s for other in spec["one_of"] for s in holiday_spans(str(other).lower(), years))
    return dates.holiday_spans(spec, years)


def _away(span: Span, anchor: date) -> int:
    """Days from the anchor to the span (0 inside it)."""
    return max((span[0] - anchor).days, (anchor - span[1]).days, 0)


def _nearest(spans: list[Span], anchor: date | None) -> Span | None:
    if not spans:
        return None
    return spans[0] if anchor is None else min(spans, key=lambda s: _away(s, anchor))


def _span_value(span: Span | None, wkend: bool) -> Normalised:
    if span is None:
        return Normalised("DATE", None)
    if span[0] != span[1]:
        return Normalised("DATE", f"{span[0].isoformat()}/{span[1].isoformat()}")
    return Normalised("DATE", _weekend_of(span[0]) if wkend else span[0].isoformat())


def _weekend_of(day: date) -> str:
    """The weekend a holiday belongs to: the one before a Monday or Tuesday holiday ("Memorial Day
    weekend"), the one after a holiday later in the week ("Thanksgiving weekend")."""
    weekday = day.isoweekday()
    saturday = day - timedelta(days=weekday + 1) if weekday <= 2 else day + timedelta(days=6 - weekday)
    return dates.week_value(saturday) + "-WE"


_ON_BEFORE = re.compile(r"\bon\s+$", re.IGNORECASE)


def ref(c: Candidate, ctx: Context) -> Normalised:
    return Normalised("DATE", lexicon().refs[_words(c.group("ref"))])


def this_moment(c: Candidate, ctx: Context) -> Normalised:
    """"at this moment", "in this difficult moment": the present (PRESENT_REF)."""
    return Normalised("DATE", "PRESENT_REF")


def set_(c: Candidate, ctx: Context) -> Normalised:
    return Normalised("SET", lexicon().sets[_words(c.group("set"))])


def freq_set(c: Candidate, ctx: Context) -> Normalised:
    """"twice a week" P1W, "every two weeks" P2W, "every other year" P2Y: a SET of that period."""
    word = _words(c.group("num"))
    n = 2.0 if word == "other" else number(word) if word else 1.0
    code = unit_code(c.group("unit"))
    if n is None:
        return Normalised("SET", "P" + _period_x(code))  # "every few days"
    return Normalised("SET", "P" + _period(n, code))


def set_wd(c: Candidate, ctx: Context) -> Normalised:
    """"every Monday", "Mondays", "Tuesday nights": a SET (TIMEX3), with its part of day."""
    pod = c.group("pod").lower()
    part = f"T{lexicon().parts_of_day[pod]}" if pod else ""
    return Normalised("SET", f"XXXX-WXX-{weekday_number(c.group('wd'))}{part}")


class _FirstDay(Candidate):
    """The first day of "9-10 March" read as a day of its own: its number where the day's is."""

    def group(self, name: str) -> str:
        return super().group("d0" if name == "d" else name)


def first_day(c: Candidate, ctx: Context) -> Normalised:
    """"9" of "9-10 March", "between 9 and 11 March": that day of the month (and year) written after."""
    return _day_value(_FirstDay(c.start, c.end, c.rule, c.match), ctx)


def ordinal_day(c: Candidate, ctx: Context) -> Normalised:
    """"on the 17th": that day of the month of the narrative's last named day, else of the month
    around the publication day the tense points to (past: the last 17th up to it, future: the
    next one from it, no direction: the publication month's)."""
    day = int(c.group("d"))
    base = ctx.reference or ctx.anchor
    if base is None:
        return Normalised("DATE", f"XXXX-XX-{day:02d}")
    shifts = (0,) if ctx.reference is not None or ctx.direction == 0 else \
        (0, -1) if ctx.direction < 0 else (0, 1)
    for shift in shifts:
        first = dates.add_months(base.replace(day=1), shift)
        if day > calendar.monthrange(first.year, first.month)[1]:
            continue
        d = first.replace(day=day)
        if ctx.reference is not None or ctx.direction == 0 or (d - base).days * ctx.direction >= 0:
            return Normalised("DATE", d.isoformat())
    return Normalised("DATE", None, notes=[f"no such day {c.match.group(0)!r} near {base.isoformat()}"])


def overnight(c: Candidate, ctx: Context) -> Normalised:
    """"overnight" (an adverb): the night before the publication day, as "last night" ("shelled the
    city overnight"); the coming one when the clause points ahead ("will be closed overnight")."""
    if ctx.anchor is None:
        return Normalised("TIME", "XXXX-XX-XXTNI")
    night = ctx.anchor if ctx.direction > 0 else ctx.anchor - timedelta(days=1)
    return Normalised("TIME", f"{night.isoformat()}TNI")


HANDLERS: dict[str, Callable[[Candidate, Context], Normalised]] = {
    "wd_date": wd_date, "month_day": _day_value, "second_day": second_day, "second_year": second_year,
    "week_of": week_of, "nth_weekday": nth_weekday, "first_of": first_of,
    "day_month": _day_value, "month_year": month_year, "month_ana": month_ana,
    "month": month, "iso": iso, "numeric": numeric, "decade": decade, "decade_word": decade_word,
    "century": century, "year": year, "short_year": short_year, "year_words": year_words, "rel_day": rel_day,
    "weekday": weekday, "deictic": deictic, "pod_rel": pod_rel, "clock": clock, "rel_unit": rel_unit,
    "rel_season": rel_season, "offset": offset, "ago_adj": ago_adj, "quarter": quarter, "quarter_code": quarter_code,
    "quarter_rel": quarter_rel, "year_period": year_period, "weekend": weekend, "the_year": the_year, "half": half,
    "duration": duration, "vague": vague, "holiday": holiday, "point_of": point_of, "new_year": new_year,
    "unit_before": unit_before, "apposed_day": apposed_day, "event_day": event_day, "ordinal_day": ordinal_day,
    "first_day": first_day, "long_unit": long_unit,
    "overnight": overnight,
    "ref": ref, "this_moment": this_moment, "to_this_day": this_moment,
    "set": set_, "set_wd": set_wd, "freq_set": freq_set,
}  # fmt: skip


def normalise(c: Candidate, ctx: Context) -> Normalised:
    """The type and value of one candidate; never raises for odd input (value None instead)."""
    try:
        return HANDLERS[c.rule](c, ctx)
    except (KeyError, ValueError, OverflowError) as err:
        return Normalised("DATE", None, notes=[f"not normalised: {err}"])
