"""The `timexes` extractor: recognise, normalise, check, and fill `ProcessedArticle.timexes`."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from storyline.extract.time import tense
from storyline.extract.time.dates import shifted
from storyline.extract.time.lexicon import lexicon
from storyline.extract.time.normalise import (
    APPOSED_YEAR,
    DAY_OF_HISTORY,
    DIRECTIONAL,
    Context,
    Normalised,
    Order,
    day_number,
    month_number,
    normalise,
    weekday_number,
)
from storyline.extract.time.recognise import POSSESSIVE, Candidate, candidates, stretch_verb_before, words_of
from storyline.model import Article, ProcessedArticle, Timex

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Found:
    """One time expression with its normalisation and the direction its verb gave."""

    start: int
    end: int
    text: str
    rule: str
    norm: Normalised
    direction: int

    def timex(self, article_id: str) -> Timex:
        return Timex(article=article_id, start=self.start, end=self.end, text=self.text,
                     type=self.norm.type, value=self.norm.value)


def anchor_of(article: Article) -> date | None:
    """The day relative expressions are resolved against: the publication day, if known to the day."""
    p = article.published
    return p.start if p.precision == "day" else None


def find(text: str, anchor: date | None, doc: Any = None,
         direction_of: Callable[[Candidate], int] | None = None) -> list[Found]:
    """Every time expression in `text`, normalised against `anchor` (None: unresolved placeholders).

    `doc` is the spaCy Doc of `text` (for tense); without one, no direction is assumed.
    `direction_of` gives the direction of each expression whose rule takes one instead (the
    corpus stage, which has no parse, re-resolves a stored page against another anchor with the
    directions that reproduce its stored values: `redate`).
    """
    out: list[Found] = []
    discourse = Discourse()
    cands = candidates(text)
    for n, cand in enumerate(cands):
        if cand.rule == "set" and _modifies_noun(doc, cand):
            continue
        if cand.rule == "overnight" and _no_night(doc, cand):
            continue
        if cand.rule == "ref" and (_dated_next(text, cand, cands[n + 1:n + 2]) or _modifier_of_noun(doc, cand)):
            continue
        if cand.rule == "holiday" and _in_a_person(doc, cand):
            continue
        if cand.rule == "month" and _in_a_longer_person(doc, cand):
            continue
        if cand.rule == "the_year" and _year_of_a_clause(text, doc, cand):
            continue
        if cand.rule == "vague" and (_modified_unit(doc, cand) or _no_object_of_verb(text, doc, cand)):
            continue
        if cand.rule == "duration" and (_one_day_told_past(text, cand, doc) or _unit_on_noun(doc, cand)):
            continue
        direction = (tense.cued_direction(text, cand.start) or tense.direction(doc, cand.start, cand.end)) \
            if cand.rule in DIRECTIONAL else 0
        if cand.rule == "weekday" and direction == 0 and _CLOSING_AFTER.match(text, cand.end):
            direction = -1  # "shares fell from Friday's close": a price quoted at a close is past
        if _stamp_day(text, cand):
            direction = 0  # "Updated Thursday": the nearest Sunday
        if cand.rule == "weekday" and _DEADLINE_AFTER.match(text, cand.end) and \
                _ARTICLE_BEFORE.search(text, max(0, cand.start - 4), cand.start):
            direction = 0  # "the court set a Monday deadline": the deadline's day, whatever the tense of its setting
        if cand.rule == "month" and (POSSESSIVE.match(text, cand.end)
                                     or _AHEAD_OF.search(text, max(0, cand.start - 20), cand.start)):
            # "campaigning ahead of November's vote", "a drive ahead of the February ballot": the event's
            # month, not the clause's tense
            direction = 0
        if direction_of is not None and cand.rule in DIRECTIONAL:
            direction = direction_of(cand)
        if cand.rule in ("ref", "this_moment") and _told_as_past(doc, cand):
            continue
        if cand.rule == "apposed_day" and not _after_a_date(text, out, cand):
            continue
        reference = _day_after_clock(text, cand, cands[n + 1:n + 2], doc, anchor) or \
            (None if _time_stamp(text, cand) else discourse.reference)
        said_on = _attributed_day(text, cand, cands[n + 1:n + 4], doc, anchor) or \
            _quote_day(text, cand, discourse, anchor)
        norm = normalise(cand, Context(said_on or anchor, direction, reference,
                                       discourse.quarter_at(text, cand.start), discourse.year_at(cand.start),
                                       discourse.month, discourse.season))
        norm = _page_order(cands, cand, norm)
        norm = _year_of_range_end(text, cand, cands[n + 1:n + 2], norm)
        norm = _year_after(text, cand, cands[n + 1:n + 2], norm)
        if cand.rule in _YEAR_BACK and norm.value and _YEAR.match(norm.value):
            norm = _quarter_context(text, out, cand.start, norm)
        norm = _joined_weekday(text, out, cand, norm)
        norm = _weekday_of_set(text, out, cand, norm)
        norm = _some_day(text, cand, doc, norm)
        norm = _in_units_ahead(text, cand, doc, anchor, norm)
        norm = _clock_of_set(text, out, cand, [c for c in cands[n + 1:n + 2] if not _modifies_noun(doc, c)], norm)
        if discourse.quarter_at(text, cand.start) is None:
            norm = _quarter_ended(text, cand, cands[n + 1:n + 2], anchor, norm)
        found = _day_beside(text, _found(text, cand, norm, direction))
        discourse.update(found)
        out.append(found)
    return out


def _page_order(cands: list[Candidate], cand: Candidate, norm: Normalised) -> Normalised:
    """A numeric date whose day and month could be swapped ("03/08/2021") is read in the order
    the page's other numeric dates show, when they show one ("15/08/2021" elsewhere: day first;
    "08/15/2021": month first; both or neither: month first, noted as ambiguous)."""
    if norm.order is not Order.AMBIGUOUS or not norm.stated:
        return norm
    orders = {_order(int(c.group("a")), int(c.group("b"))) for c in cands if c.rule == "numeric" and not c.group("dot")}
    if orders - {0} != {1}:
        return norm
    day = date(norm.stated.year, norm.stated.day, norm.stated.month)
    # the ambiguity's note, the one note `numeric` writes, gives way to how it was read
    return replace(norm, value=day.isoformat(), stated=day, order=Order.PAGE,
                   notes=["read day first, as the page's other numeric dates"])


def _order(a: int, b: int) -> int:
    """1 when a numeric date can only be day first, -1 only month first, 0 either way."""
    return 1 if a > 12 >= b else -1 if b > 12 >= a else 0


_APPOSING = re.compile(r",\s")


def _after_a_date(text: str, before: list[Found], cand: Candidate) -> bool:
    """The expression follows a date to the day and a comma ("Dec. 9, the day before ..."), which
    is not a day of history ("Sept. 11, the day the towers fell" is that day, but no narrative's)."""
    if not before or not _APPOSING.fullmatch(text, before[-1].end, cand.start):
        return False
    last = before[-1].norm
    return bool(_DAY_VALUE.match(last.value or "")) and DAY_OF_HISTORY not in last.notes


# "Friday's close", "Tuesday's closing level": a market's close quoted as a figure ("Sunday's closing
# ceremony" is an event, either way)
_CLOSING_AFTER = re.compile(r"['’]s\s+(?:close(?![\w-])|closing\s+(?:price|prices|level|levels|value|values|bid|bids|"
                            r"quote|quotes|rate|rates|figure|figures)\b)", re.IGNORECASE)
# a weekday naming a deadline's day ("set the firm a Thursday deadline"; "missed Friday's deadline" keeps the tense)
_DEADLINE_AFTER = re.compile(r"\s+(?:midnight\s+|noon\s+)?deadline\b", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|the)\s+$", re.IGNORECASE)
_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T|$)")
_YEAR_OF = re.compile(r"^(\d{4})(?:-|$)")
_MONTH_OF = re.compile(r"^(\d{4}-[01]\d)(?:-|$)")
_SEASON = re.compile(r"^\d{4}-(?:SP|SU|FA|WI)$")
_TOPIC_QUARTER_RULES = frozenset({"quarter", "quarter_rel", "quarter_code"})
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


@dataclass
class Discourse:
    """What the text has named so far: the last day (the narrative's reference time) and the
    quarters named (for the quarter under discussion)."""

    reference: date | None = None
    days: list[tuple[int, date]] = field(default_factory=list)  # every day named, by where it ends
    year: int | None = None  # the last year named (for "that year", "the following year")
    month: str | None = None  # the last month named, YYYY-MM ("that month", "the following month")
    season: str | None = None  # the last season named, YYYY-SU ("that summer")
    year_end: int = 0
    first_quarter: str | None = None
    last_quarter: str | None = None
    last_quarter_end: int = 0

    def update(self, found: Found) -> None:
        value = found.norm.value or ""
        if y := _YEAR_OF.match(value):
            self.year, self.year_end = int(y.group(1)), found.end
        if mo := _MONTH_OF.match(value):
            self.month = mo.group(1)
        if _SEASON.match(value):
            self.season = value
        if (m := _DAY.match(value)) and DAY_OF_HISTORY not in found.norm.notes:
            with contextlib.suppress(ValueError):
                self.reference = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                self.days.append((found.end, self.reference))
        if found.rule in _TOPIC_QUARTER_RULES and _QUARTER.match(value):
            self.first_quarter = self.first_quarter or value
            self.last_quarter, self.last_quarter_end = value, found.end

    def year_at(self, start: int) -> int | None:
        """The last year named, if named recently enough to be the one "that year" refers to."""
        return self.year if start - self.year_end <= _YEAR_REACH else None

    def quarter_at(self, text: str, start: int) -> str | None:
        """The quarter under discussion at `start`: the last one named in the same paragraph, else
        the first one the text named (a report's lead names the quarter it reports on)."""
        if self.last_quarter is not None and not _PARAGRAPH_BREAK.search(text, self.last_quarter_end, start):
            return self.last_quarter
        return self.first_quarter


_QUOTE_REACH = 400  # characters from the day named to the quote that day dates


def _quote_day(text: str, cand: Candidate, discourse: Discourse, anchor: date | None) -> date | None:
    """"Flint spoke on Monday night. “Tonight's vote settles nothing,”": a deictic word inside a
    quotation is said on the day the narrative named just before the quotation opened (named
    outside it, before the publication day, at most `_QUOTE_REACH` characters back), not on the
    publication day; None when there is no such day."""
    if cand.rule != "deictic" or anchor is None:
        return None
    opening = _quotation_opening(text, cand.start)
    named = [(end, day) for end, day in discourse.days if end <= opening] if opening is not None else []
    if opening is None or not named or opening - named[-1][0] > _QUOTE_REACH or named[-1][1] >= anchor:
        return None
    return named[-1][1]


# after a quotation's close, its attribution up to the end of the sentence: '“Today we act,” the mayor said Monday.'
_ATTRIBUTION = re.compile(r"[^.!?\n“\"]{1,100}")
# a clause of its own between the quotation and the day: '”, said Ana Ruiz, whose term begins on Monday.'
_OTHER_CLAUSE = re.compile(r"\w\s*[,;:(]|\b(?:who|whom|whose|which|that|when|while|after|before|as|and|but)\b",
                           re.IGNORECASE)


def _attributed_day(text: str, cand: Candidate, later: list[Candidate], doc: Any, anchor: date | None) -> date | None:
    """'“Today, we open the docks,” the minister said in a post Monday.': a deictic word inside a
    quotation whose attribution, right after it closes, names the day it was said counts from that
    day (before `_quote_day`'s day named before the quotation); None without one."""
    if cand.rule != "deictic" or anchor is None:
        return None
    opening = _quotation_opening(text, cand.start)
    if opening is None:
        return None
    close = text.find("”" if text[opening] == "“" else '"', cand.end)
    after = _ATTRIBUTION.match(text, close + 1) if close >= 0 else None
    if after is None or _PARAGRAPH_BREAK.search(text, cand.end, close):
        return None
    day = next((c for c in later if c.rule in _DAY_RULES and after.start() <= c.start and c.end <= after.end()), None)
    if day is None or _OTHER_CLAUSE.search(text, close + 1, day.start):
        return None
    direction = tense.direction(doc, day.start, day.end) if day.rule in DIRECTIONAL else 0
    value = normalise(day, Context(anchor, direction)).value or ""
    return date.fromisoformat(value[:10]) if _DAY_VALUE.match(value[:10]) else None


def _quotation_opening(text: str, at: int) -> int | None:
    """Where the quotation holding `at` opens, within its paragraph (None outside one)."""
    breaks = [m.end() for m in _PARAGRAPH_BREAK.finditer(text, 0, at)]
    start = breaks[-1] if breaks else 0
    curly_open, curly_close = text.rfind("“", start, at), text.rfind("”", start, at)
    if curly_open > curly_close:
        return curly_open
    straight = [i for i in range(start, at) if text[i] == '"']
    return straight[-1] if len(straight) % 2 == 1 and straight[-1] > curly_close else None


_YEAR_REACH = 1000  # characters: "the previous fiscal year" pages after a year is named is the publication's
_RECENTLY = frozenset({"recently", "lately"})


# between a clock time and the day it is on: a time zone, "local time", a time given in another zone
_CLOCK_TO_DAY = re.compile(r"\s*(?:(?-i:[A-Z]{2,4})\s*)?(?:(?:local|(?-i:Eastern|Central|Mountain|Pacific))\s+"
                           r"(?:(?:standard|daylight)\s+)?time\s*)?(?:\([^()\n]{1,25}\)\s*)?"
                           r",?\s*(?:(?-i:on)\s+)?", re.IGNORECASE)
_ON_DAY = re.compile(r",?\s+on\s+", re.IGNORECASE)
_DAY_RULES = frozenset({"weekday", "deictic", "month_day", "wd_date", "day_month", "iso"})


def _day_after_clock(text: str, cand: Candidate, after: list[Candidate], doc: Any, anchor: date | None) -> date | None:
    """The day a clock time is on when the day follows it after a time zone or a second time:
    "at 7 a.m. local time on Sunday", "at 9:20 a.m. (0620 GMT) Friday" (TimeML: two expressions,
    the time's value on that day); the day a day of something under way is, named right after it
    ("entered its third day on Monday")."""
    own = cand.match.groupdict()
    if not after or after[0].rule not in _DAY_RULES:
        return None
    if cand.rule == "event_day":  # "the strike entered its third day on Monday": that Monday
        if not _ON_DAY.fullmatch(text, cand.end, after[0].start):
            return None
    elif cand.rule != "clock" or own.get("wd") or own.get("deictic") \
            or not _CLOCK_TO_DAY.fullmatch(text, cand.end, after[0].start):
        return None
    day = after[0]
    direction = tense.direction(doc, day.start, day.end) if day.rule in DIRECTIONAL else 0
    value = normalise(day, Context(anchor, direction)).value or ""
    return date.fromisoformat(value[:10]) if _DAY_VALUE.match(value[:10]) else None


_STAMP_WORD = r"\b(?:updated|update|posted|published|modified|edited)(?:\s+(?:at|on))?\s*:?"
_STAMP_BEFORE = re.compile(rf"(?:^|{_STAMP_WORD})\s*[\[(]?\s*$", re.IGNORECASE)
_STAMP_WORD_BEFORE = re.compile(rf"{_STAMP_WORD}\s*$", re.IGNORECASE)


def _time_stamp(text: str, cand: Candidate) -> bool:
    """A clock time opening its line ("[1:44 p.m.] The committee ...", a live report's entry) or
    following "updated", "update", "posted" ("This story was updated at 8:15 p.m.", "(Update at
    8:15 p.m.: ...)") stamps the page: the publication day, not the day the story last named."""
    if cand.rule != "clock" or cand.match.groupdict().get("wd") or cand.match.groupdict().get("deictic"):
        return False
    line_start = text.rfind("\n", 0, cand.start) + 1
    return bool(_STAMP_BEFORE.search(text[line_start:cand.start]))


def _stamp_day(text: str, cand: Candidate) -> bool:
    """A weekday right after "updated", "posted" ("Updated Thursday at 9:05 a.m."): the day of a
    change to the page, as near the publication day as may be, whatever the participle's tense
    says (a page dated Saturday updated Sunday; one dated by its update, that day)."""
    line_start = text.rfind("\n", 0, cand.start) + 1
    return cand.rule == "weekday" and not cand.match.group("rel") and \
        bool(_STAMP_WORD_BEFORE.search(text[line_start:cand.start]))


_JOINING = re.compile(r"\s*,?\s*(?:and|or|through|thru|to|-|–)\s*(?:on\s+)?|\s*,\s*", re.IGNORECASE)


def _joined_weekday(text: str, before: list[Found], cand: Candidate, norm: Normalised) -> Normalised:
    """"canceled his trips Monday and Tuesday", "Monday through Friday": a weekday joined to an
    earlier one of the same week is the first such day after it (on a Monday, "Monday and
    Tuesday" are today and tomorrow, whatever the tense says of Tuesday alone)."""
    if cand.rule != "weekday" or cand.match.group("rel") or not before or before[-1].rule != "weekday" \
            or not _JOINING.fullmatch(text, before[-1].end, cand.start):
        return norm
    first, value = before[-1].norm.value or "", norm.value or ""
    if not (_DAY_VALUE.match(first[:10]) and _DAY_VALUE.match(value[:10])):
        return norm
    start = date.fromisoformat(first[:10])
    gap = weekday_number(cand.match.group("wd")) - start.isoweekday()
    if gap <= 0:
        return norm
    day = (start + timedelta(days=gap)).isoformat()
    return replace(norm, value=day + value[10:])


_SET_JOINING = re.compile(r"\s*,?\s*(?:and|or)\s+|\s*,\s*", re.IGNORECASE)
_SET_WEEKDAY = re.compile(r"^XXXX-WXX-[1-7]")


def _weekday_of_set(text: str, before: list[Found], cand: Candidate, norm: Normalised) -> Normalised:
    """"every Monday and Wednesday", "each Tuesday or Friday night": a weekday joined to a recurring
    one recurs too (a SET, `XXXX-WXX-3`), as "on Monday and Thursday nights" does."""
    if cand.rule != "weekday" or cand.group("rel") or cand.group("early") or not before \
            or not _SET_WEEKDAY.match(before[-1].norm.value or "") or before[-1].norm.type != "SET" \
            or before[-1].rule != "set_wd" or not _SET_JOINING.fullmatch(text, before[-1].end, cand.start):
        return norm
    pod = cand.group("pod").lower()
    part = f"T{lexicon().parts_of_day[pod]}" if pod else ""
    return replace(norm, type="SET", value=f"XXXX-WXX-{weekday_number(cand.group('wd'))}{part}", stated=None)


_RANGE_JOIN = re.compile(r"\s*(?:,\s*)?(?:and|to|through|thru|until|till|-|–|—)\s*", re.IGNORECASE)
_RANGE_START = frozenset({"month_day", "day_month", "month"})
_RANGE_END = frozenset({"month_day", "day_month", "month_year"})


def _yearless(cand: Candidate) -> bool:
    """A day or month named without a year of its own: none written ("2013"), none relative
    ("last", "next year")."""
    return not (cand.group("y") or cand.group("rel") or cand.group("yrel"))


def _year_of_range_end(text: str, cand: Candidate, after: list[Candidate], norm: Normalised) -> Normalised:
    """"between Feb. 4 and March 2, 2013", "November and December 2014": a day or month without
    its year takes the year written at the end of the range (the year before when it comes
    later in the year: "Dec. 28 to Jan. 3, 2021")."""
    if cand.rule not in _RANGE_START or not _yearless(cand) \
            or not after or after[0].rule not in _RANGE_END or not after[0].group("y") \
            or not _RANGE_JOIN.fullmatch(text, cand.end, after[0].start):
        return norm
    end = normalise(after[0], Context(None))
    if end.value is None or not _MONTH_OF.match(end.value):
        return norm
    year, end_month = int(end.value[:4]), int(end.value[5:7])
    month = _month_of(cand)
    if month is None:
        return norm
    year -= month > end_month
    if cand.rule == "month":
        return replace(norm, value=f"{year:04d}-{month:02d}", stated=None)
    try:
        day = date(year, month, day_number(cand))
    except ValueError:
        return norm
    return replace(norm, value=day.isoformat(), stated=day)


_IN_YEAR_RULES = frozenset({"holiday", "month_day", "day_month", "month"})
_IN_JOIN = re.compile(r",?\s+in\s+")


def _year_after(text: str, cand: Candidate, after: list[Candidate], norm: Normalised) -> Normalised:
    """"on Election Day in 2016", "on Christmas Eve in 2009": a day or month named without its year
    takes the year that follows it (two expressions, as TimeML writes them)."""
    if cand.rule not in _IN_YEAR_RULES or not _yearless(cand) \
            or not after or after[0].rule != "year" or not _IN_JOIN.fullmatch(text, cand.end, after[0].start) \
            or not _YEAR.match(after[0].match.group(0)):
        return norm
    mid_year = date(int(after[0].match.group(0)), 7, 2)  # the nearest occurrence to it lies in that year
    return normalise(cand, Context(mid_year))


# between a recurring day and its clock time ("every Monday at 9 a.m.", "Fridays, noon") and
# between a clock time and its recurring day ("at 9 a.m. every Monday", "at noon on Fridays")
_SET_TO_CLOCK = re.compile(r"\s*,?\s*(?:(?:starting|beginning)\s+)?(?:at\s+|from\s+)?", re.IGNORECASE)
_CLOCK_TO_SET = re.compile(r"\s*,?\s*(?:on\s+)?", re.IGNORECASE)
_CLOCK_TO_CLOCK = re.compile(r"\s*,?\s*(?:and|or|to|until|till|through|-|–)\s*(?:at\s+)?", re.IGNORECASE)
_SET_DAY = re.compile(r"^(XXXX-WXX-[1-7]|XXXX-XX-XX)(?:T(?:[A-Z]{2}|\d\d:\d\d))?$")
_EVERY_DAY = frozenset({"P1D"})


def _clock_of_set(text: str, before: list[Found], cand: Candidate, after: list[Candidate],
                  norm: Normalised) -> Normalised:
    """"every Monday at 9 a.m.", "at noon each Friday", "daily at 6 p.m.": a clock time beside a
    recurring day recurs with it (TimeML: a SET, `XXXX-WXX-1T09:00`, `XXXX-XX-XXT18:00`), not a
    time on the day the narrative last named."""
    own = cand.match.groupdict()
    if cand.rule != "clock" or own.get("wd") or own.get("deictic") or not norm.value or "T" not in norm.value:
        return norm
    recurring: str | None = None
    if before and before[-1].norm.type == "SET" and (
            _SET_TO_CLOCK.fullmatch(text, before[-1].end, cand.start)
            or (before[-1].rule == "clock" and _CLOCK_TO_CLOCK.fullmatch(text, before[-1].end, cand.start))):
        recurring = before[-1].norm.value  # "every Monday at 9 a.m. and 5 p.m.": the second recurs too
    elif after and after[0].rule in ("set", "set_wd") and _CLOCK_TO_SET.fullmatch(text, cand.end, after[0].start):
        recurring = normalise(after[0], Context(None)).value
    if recurring in _EVERY_DAY:
        recurring = "XXXX-XX-XX"
    day = _SET_DAY.match(recurring or "")
    if day is None:
        return norm
    return replace(norm, type="SET", value=day.group(1) + norm.value[norm.value.index("T"):], stated=None)


_ENDED_ON = re.compile(r"\s+(?:that\s+|which\s+)?(?P<how>ended|ending|ends)\s+(?:on\s+)?", re.IGNORECASE)


def _quarter_ended(text: str, cand: Candidate, after: list[Candidate], anchor: date | None,
                   norm: Normalised) -> Normalised:
    """"the quarter ended April 30", the text having named no quarter before: a company's quarter
    of February to April, the calendar quarter most of its months lie in (`Q1`), not the last reported
    one. After a quarter named ("its fiscal first quarter ... the quarter ended Sept. 28") it is
    that one (anaphora, as "the quarter" alone), and an ordinal keeps its own name ("the fourth
    quarter ended June 30" is the company's fourth)."""
    if cand.rule != "quarter_rel" or words_of(cand.match.group(0)) != "the quarter" or not after \
            or after[0].rule != "month_day" or not (m := _ENDED_ON.fullmatch(text, cand.end, after[0].start)):
        return norm
    direction = tense.PAST if m.group("how").lower() == "ended" else tense.NONE
    end = normalise(after[0], Context(anchor, direction)).value or ""
    if not _DAY_VALUE.match(end):
        return norm
    middle = date.fromisoformat(end) - timedelta(days=45)
    return replace(norm, type="DATE", value=f"{middle.year}-Q{(middle.month - 1) // 3 + 1}", stated=None)


_SOME_DAY = frozenset({"one day", "some day"})
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|for|with|within|after|of|than|to|by|about|only|just|least|per|every|each|"
                                 r"the|a|first|last|single)\s+$", re.IGNORECASE)
_MEASURED_BEFORE = re.compile(r"\b(?:take|takes|took|taken|taking|last|lasts|lasted|need|needs|needed|spend|spends|"
                              r"spent|wait|waits|waited|require|requires|required|give|gives|gave)\s+$", re.IGNORECASE)
_RELATIVE_AFTER = re.compile(r"\s+(?:after|before|later|earlier|ago|of|to|at\s+a\s+time)\b", re.IGNORECASE)


def _some_day(text: str, cand: Candidate, doc: Any, norm: Normalised) -> Normalised:
    """"a contender for the court one day", "whether or not it happens one day": "one day" in a
    clause that points ahead is some day in the future (FUTURE_REF), not a duration; "in one day",
    "for one day", "one day after the vote" stay durations."""
    if cand.rule != "duration" or words_of(cand.match.group(0)) not in _SOME_DAY \
            or norm.value == "FUTURE_REF" or _PREPOSITION_BEFORE.search(text, max(0, cand.start - 12), cand.start) \
            or _MEASURED_BEFORE.search(text, max(0, cand.start - 12), cand.start) \
            or _RELATIVE_AFTER.match(text, cand.end):
        return norm
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand") if doc is not None else None
    if span is None or len(span) == 0 or span.root.dep_ not in ("npadvmod", "advmod", "tmod") \
            or tense.direction(doc, cand.start, cand.end) != tense.FUTURE:
        return norm  # "may take one day": what it takes, a duration
    return replace(norm, type="DATE", value="FUTURE_REF", stated=None)


_ONE_PART = frozenset({"one day", "one night", "one morning", "one evening", "one afternoon"})


def _one_day_told_past(text: str, cand: Candidate, doc: Any) -> bool:
    """"One day the dog ran off", "they left late one night": "one day" as an adverb of a past
    clause is some past day of the story, neither a duration nor a date the text gives: no
    expression ("for one day", "one day after the vote", "took one day" stay durations)."""
    before = max(0, cand.start - 12)
    if words_of(cand.match.group(0)) not in _ONE_PART or _PREPOSITION_BEFORE.search(text, before, cand.start) \
            or _MEASURED_BEFORE.search(text, before, cand.start) or _RELATIVE_AFTER.match(text, cand.end):
        return False
    span = _token_span(doc, cand)
    return span is not None and span.root.dep_ in ("npadvmod", "advmod", "tmod") and \
        tense.direction(doc, cand.start, cand.end) == tense.PAST


_IN_BEFORE = re.compile(r"\bin\s+$", re.IGNORECASE)
_PLAIN_COUNT = re.compile(r"(?:an?(?!\s+(?:couple|few|dozen|number)\b)|one|two|three|four|five|six|seven|eight|nine|"
                          r"ten|eleven|twelve|\d+)\s", re.IGNORECASE)  # not "in a couple weeks": a rough count
# "in a year in which ...", "in a year marking ...", "in a year or two" (vague: left a duration)
_NOUN_AFTER = re.compile(r"\s+(?:in\s+which|when|that|of|or|(?-i:[a-z]+ing))\b", re.IGNORECASE)
_PERIOD = re.compile(r"^P(\d+)([YMWD])$")
_RANGE_IN = re.compile(r"\d\s*[-–]\s*\d|\s(?:to|or)\s", re.IGNORECASE)
_RANKING = frozenset({"first", "last", "only"})


def _in_units_ahead(text: str, cand: Candidate, doc: Any, anchor: date | None, norm: Normalised) -> Normalised:
    """"will be repaid in five years", "could shut down again in three weeks": a count of units
    after "in" on a verb that points ahead is the point that far from the publication day
    (TimeML: a DATE, "2029", "2024-W07"), not a duration. Not a noun's ("the first time in a
    month", "the best season in eight years", "in a year in which ..."), not with a modifier ("in
    the next five days", "in about two years"), not for a present progressive ("is facing the
    fallout in a year ...")."""
    if cand.rule != "duration" or anchor is None or doc is None or not _PLAIN_COUNT.match(cand.match.group(0)) \
            or not _IN_BEFORE.search(text, max(0, cand.start - 4), cand.start) or _NOUN_AFTER.match(text, cand.end):
        return norm
    period = _PERIOD.match(norm.value or "")
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    if period is None or span is None or len(span) == 0:
        return norm
    verb = tense.governing_verb(span.root)
    if verb is None or span.root.dep_ != "pobj" or span.root.head.lower_ != "in" or span.root.head.head.i != verb.i \
            or tense.progressive(verb) or tense.direction(doc, cand.start, cand.end) != tense.FUTURE:
        return norm
    if any(t.tag_ in ("JJS", "RBS") or t.lower_ in _RANKING for t in doc[max(verb.i, span.start - 6):span.start]):
        return norm  # "the proudest moment in eight years": since then, no point ahead
    if _RANGE_IN.search(cand.match.group(0)) or any(c.dep_ in ("acl", "relcl") for c in span.root.children):
        return norm  # "in 15 to 20 years" (vague), "in a year marked by ...": a kind of year, no point
    value = shifted(anchor, int(period.group(1)), period.group(2))
    return replace(norm, type="DATE", value=value, stated=None) if value else norm


def _month_of(cand: Candidate) -> int | None:
    """The month number of a candidate that names one ("Feb. 4", "November")."""
    word = cand.group("m")
    return month_number(word) if word else None


def _dated_next(text: str, cand: Candidate, after: list[Candidate]) -> bool:
    """"most recently last October", "as recently as last spring": the date that follows says when;
    "recently" only leads to it."""
    return cand.match.group(0).lower() in _RECENTLY and bool(after) and \
        text[cand.end:after[0].start] in (" ", ", ", " on ", " in ", " as ")


def _told_as_past(doc: Any, cand: Candidate) -> bool:
    """"soon" in a past-tense clause ("that soon grew into a stack") is "soon after", no FUTURE_REF;
    "this moment" in one ("at this moment she understood") is the narrative's moment, no PRESENT_REF."""
    if cand.rule != "this_moment" and cand.match.group(0).lower() != "soon":
        return False
    return tense.direction(doc, cand.start, cand.end) == tense.PAST


def _modifies_noun(doc: Any, cand: Candidate) -> bool:
    """"quarterly dividend", "daily newspaper": a frequency adjective on a noun is no SET ("on a
    daily basis" is one)."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand") if doc is not None else None
    return span is not None and len(span) == 1 and span[0].dep_ == "amod" and span[0].head.lower_ != "basis"


# "did not happen overnight", "became a star overnight", "almost overnight": suddenly, no night
_SUDDEN_VERBS = frozenset({"happen", "change", "become", "transform", "disappear", "vanish", "evaporate", "emerge",
                           "appear", "materialize", "materialise", "turn", "occur", "come"})
_SUDDEN_ADVERBS = frozenset({"almost", "virtually", "seemingly", "practically", "literally", "nearly", "quite",
                             "not", "never"})


def _no_night(doc: Any, cand: Candidate) -> bool:
    """"overnight" modifying a noun ("overnight stay", "the overnight rate") or said of a change
    ("did not happen overnight", "almost overnight", "became famous overnight"): no night of its own."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand") if doc is not None else None
    if span is None or len(span) != 1:
        return False
    word = span[0]
    if word.dep_ in ("amod", "compound", "nmod") or word.pos_ in ("ADJ", "NOUN"):
        return True
    near = [*word.children, *(t for t in word.head.children if t.i < word.i)]
    return word.head.lemma_.lower() in _SUDDEN_VERBS or \
        any(t.dep_ == "neg" or t.lower_ in _SUDDEN_ADVERBS for t in near)


_TIME_NOUNS = frozenset({"past", "future"})


def _modifier_of_noun(doc: Any, cand: Candidate) -> bool:
    """"the past two elections", "the past few cycles", "the future senator", "the past tense":
    "past" and "future" modifying a noun after them are adjectives, no PAST_REF or FUTURE_REF
    ("in the past", "the past and the future" are)."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand") if doc is not None else None
    if span is None or len(span) == 0:
        return False
    word = span[-1]
    return word.lower_ in _TIME_NOUNS and word.dep_ in ("amod", "compound", "nmod") and word.head.i > word.i


_AHEAD_OF = re.compile(r"\bahead\s+of\s+(?:the\s+)?$", re.IGNORECASE)


def _in_a_longer_person(doc: Any, cand: Candidate) -> bool:
    """"the painter April Jensen", "the singer June Holloway": a month's name that begins a
    PERSON spaCy marks over more words is a first name ("In August Trump tweeted" keeps its month:
    spaCy marks "August" a DATE there)."""
    span = _token_span(doc, cand)
    return span is not None and _person_holding(doc, span, alone=False)


def _token_span(doc: Any, cand: Candidate) -> Any:
    """The candidate's tokens in the parse (None without a parse or tokens)."""
    span = doc.char_span(cand.start, cand.end, alignment_mode="expand") if doc is not None else None
    return span if span is not None and len(span) > 0 else None


def _person_holding(doc: Any, span: Any, alone: bool) -> bool:
    """Whether a PERSON spaCy marks holds the span and more words (or, `alone`, just the span)."""
    return any(e.label_ == "PERSON" and e.start <= span.start and e.end >= span.end and (len(e) > len(span) or alone)
               for e in doc.ents)


def _in_a_person(doc: Any, cand: Candidate) -> bool:
    """"Tariq Ramadan", "Ramadan Kadyrov", "Mohamed Eid": a holiday's name that is part of a
    person's name, where spaCy marks a PERSON holding more than it (or a one-word name: "Ramadan
    said"; not the object of a preposition, which is the time: "a truce during Ramazan") or the
    capitalised name right after it that it is a compound of, is no date; a holiday named after a
    person that spaCy marks as one is ("Martin Luther King Jr. Day")."""
    span = _token_span(doc, cand)
    if span is None:
        return False
    if _person_holding(doc, span, alone=len(span) == 1 and span[0].dep_ != "pobj"):
        return True
    last = span[-1]
    head = last.head
    return bool(last.dep_ == "compound" and head.i == last.i + 1 and head.ent_type_ == "PERSON"
                and head.text[:1].isupper())


def _modified_unit(doc: Any, cand: Candidate) -> bool:
    """"the long hours after the shift", "opening hours before lunch": a bare plural unit a word
    before it modifies is a kind of hours, no stretch of time ("hours later", "barely days into a
    contract" are; so is one after an adjective spaCy hangs on it that completes a verb: "went dark hours
    later", "turned cold hours after")."""
    span = _token_span(doc, cand)
    if span is None or len(span) != 1:
        return False
    return any(t.dep_ in ("compound", "nmod", "det", "poss", "nummod") or
               (t.dep_ == "amod" and not (t.i > 0 and doc[t.i - 1].pos_ in ("VERB", "AUX")))
               for t in span[0].lefts)


def _unit_on_noun(doc: Any, cand: Candidate) -> bool:
    """"a night person", "a day job": one unit after "a" that spaCy hangs, as a compound, on the
    noun right after it names a kind of person or thing, no stretch of time ("a week to decide",
    "a month or two" stay)."""
    span = _token_span(doc, cand)
    if span is None or len(span) != 2 or span[0].lower_ not in ("a", "an"):
        return False
    unit = span[-1]
    return bool(unit.dep_ == "compound" and unit.head.i == unit.i + 1 and unit.head.pos_ == "NOUN")


def _no_object_of_verb(text: str, doc: Any, cand: Candidate) -> bool:
    """A bare plural unit after one of the lexicon's `stretch_verbs` counts only as the verb's
    object in spaCy's parse ("would take months to settle"; not "what it takes years from now")."""
    if cand.group("q") or not stretch_verb_before(text, cand.start) or \
            re.search(r"\b(?:for|over|within|in)\s+$", text[max(0, cand.start - 8):cand.start], re.IGNORECASE):
        return False
    span = _token_span(doc, cand)
    if span is None or len(span) != 1:
        return doc is not None
    unit = span[0]
    return not (unit.dep_ in ("dobj", "npadvmod") and unit.head.i == unit.i - 1
                and unit.head.pos_ in ("VERB", "AUX"))


_RELATIVE_PRONOUNS = frozenset({"that", "which", "who"})


def _year_of_a_clause(text: str, doc: Any, cand: Candidate) -> bool:
    """"during the year Smith won the title", "the year when everything changed": a year a
    relative clause with a subject of its own picks out is some other year than the report's, and
    unstated: no expression ("the year that ended in June" and "the year ended Sept. 30" stay the
    year; set beside a year, "in 1996, the year Congress last overhauled the law", it is that year)."""
    span = _token_span(doc, cand)
    if span is None or APPOSED_YEAR.search(text, max(0, cand.start - 8), cand.start):
        return False
    if any(child.dep_ == "relcl" and any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in _RELATIVE_PRONOUNS
                                         for t in child.children)
           for child in span[-1].children):
        return True
    # parsed otherwise ("built during the year the railway reached the town": "reached" a conjunct; "born
    # the year her uncle won": "year" a modifier of "won", a clause of its own): a subject right after it
    # whose verb is not the one the year hangs from, or is a subordinate one the year modifies directly
    subject = next((t for t in doc[span.end:span.end + 6] if t.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ in _RELATIVE_PRONOUNS or subject.left_edge.i != span.end or \
            subject.head.i < subject.i or subject.head.pos_ not in ("VERB", "AUX"):
        return False
    year = span[-1]
    return bool(subject.head != _verb_of(year) or (year.dep_ == "npadvmod" and subject.head.dep_ != "ROOT"))


def _verb_of(token: Any) -> Any:
    """The verb a token hangs from (the root of its sentence when none)."""
    while token.pos_ not in ("VERB", "AUX") and token.head != token:
        token = token.head
    return token


_YEAR_BACK = frozenset({"offset", "ago_adj"})
_YEAR = re.compile(r"^\d{4}$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_CONTEXT_CHARS = 300


def _quarter_context(text: str, before: list[Found], start: int, norm: Normalised) -> Normalised:
    """"a year ago", "last year" next to a quarter: the same quarter a year before.

    In "third-quarter profit rose from $2 million a year ago", the year-ago expression refers
    to the quarter under discussion, not to the whole year.
    """
    for f in reversed(before):
        if start - f.end > _CONTEXT_CHARS or "\n\n" in text[f.end:start]:
            break
        m = _QUARTER.match(f.norm.value or "")
        if m and int(m.group(1)) == int(norm.value or 0) + 1:
            return replace(norm, value=f"{norm.value}-Q{m.group(2)}")
    return norm


# only "the day": "a day after the vote" is a duration anchored on the vote (TimeBank's "two days
# later" P2D), "every day after Monday" a SET
_DAY_BESIDE = re.compile(r"\bthe\s+day\s+(before|after)\s+$", re.IGNORECASE)
_DAY_VALUE = re.compile(r"^\d{4}-\d\d-\d\d$")


def _day_beside(text: str, found: Found) -> Found:
    """"the day before last Tuesday's vote", "the day after Christmas": one expression
    (TimeML), the day next to the one named."""
    m = _DAY_BESIDE.search(text, max(0, found.start - 20), found.start)
    if m is None or not _DAY_VALUE.match(found.norm.value or ""):
        return found
    day = date.fromisoformat(found.norm.value or "") + timedelta(days=-1 if m.group(1).lower() == "before" else 1)
    norm = replace(found.norm, type="DATE", value=day.isoformat())
    return Found(m.start(), found.end, text[m.start():found.end], found.rule, norm, found.direction)


def agreeing(unanchored: list[Found], at_first: list[Found], at_last: list[Found]) -> list[Found]:
    """For a publication date known only to an interval (a month, a year, the two readings of an
    ambiguous "12/10/2023"): an expression takes the value it has against both ends when the two
    agree ("last year" in a page of October or December 2023 is 2022), else it stays unresolved
    (a weekday). Resolution only moves forward with the anchor, so the value holds in between."""
    first = {(f.start, f.end): f for f in at_first}
    last = {(f.start, f.end): f for f in at_last}
    out = []
    for f in unanchored:
        a, b = first.get((f.start, f.end)), last.get((f.start, f.end))
        same = a is not None and b is not None and a.norm.value is not None and \
            (a.norm.type, a.norm.value) == (b.norm.type, b.norm.value)
        out.append(a if same and a is not None else f)
    return out


def _found(text: str, cand: Candidate, norm: Normalised, direction: int) -> Found:
    return Found(cand.start, cand.end, text[cand.start:cand.end], cand.rule, norm, direction)


class TimexExtractor:
    """DATE, TIME, DURATION and SET expressions with TIMEX3 values (see the package docstring)."""

    name = "timexes"
    version = "72"  # 44: holidays of other calendars; 45: a weekday dateline checked against the page, no stamp
    # settles; 46: "Ramzan", "Ramazan", and a one-word PERSON after a preposition stays a holiday; 47: the
    # Hebrew calendar's holidays; 48: Nowruz as 1 Farvardin of the Solar Hijri calendar; 49: Diwali
    # computed outside India's list; 50: "the (holy) month of May/Ramadan" one expression; 51: an update
    # stamp rules out a reading of an ambiguous publication date after its day; 52: "(Update at 4:10 p.m.:"
    # and "Updated Thursday" stamp the page (the weekday the nearest), a capitalised time word opening a line
    # is no part of a name on the line before, "a May <noun>" is the month; 53: a clock time and the date right
    # after it one TIME ("6:45 a.m. Nov. 9"); 54: "to this day" PRESENT_REF, "as recently as <date>" the date alone,
    # "the last half century"; 55: "appeared in The Sun.", "April Jensen", "first half billion dollar rower",
    # a rate with an aside, "ahead of the February ballot" the nearest, "up to this moment"; 56: no day in
    # "Easter eggs" (time.yaml holiday_kinds), "the late 1700s" a century, "a matter of days"; 57: "the third
    # Sunday in June" that day, no "the year" a relative clause picks out ("the year the railway came"); 58: a
    # bare plural unit counted from something ("hours later", "weeks before the vote") a vague duration; 59: "a
    # Friday deadline" the nearest Friday; 60: no month in "the March on Westminster"; 61: no day in "Merry Christmas"
    # 62: "the marches slated for Saturday" in a past clause the nearest Saturday; 63: "election night" a TIME;
    # 64: "the first of the year" (of next month, of 2019) its first day; 65: "today" in a dated quotation
    # 66: "that same month", "Weekend Edition Saturday" a programme, "140,000 new claims a day" a rate, "said this
    # weekend" on a Monday the weekend just gone; 67: no "one day" of a past story, "May to July" a month;
    # 68: "Saturday Night Live" a title; 69: "the distant past", no "by the year", "the year 2031", "years
    # younger", "end-of-the-month", "a quarter (31%)", "a night person", "the sixth day of", "Flashback Friday";
    # 70: "take months", "spent years" a stretch; 71: "today" in a
    # quotation whose attribution names its day ('“Today we act,” she said Monday.'); 72: "the next year" of a
    # past clause the year after the one named
    requires: tuple[str, ...] = ("parser", "sentences")
    produces: tuple[str, ...] = ("timexes", "article.flags", "article.published_inferred")

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        from storyline.extract.time.conflict import check_document
        from storyline.extract.time.publication import dateline_day, infer_published, settle_by_content

        article = result.article
        anchor = anchor_of(article)
        found = find(article.text, anchor, doc)
        first, last = article.published.start, article.published.end
        if anchor is None and first is not None and last is not None:
            found = agreeing(found, find(article.text, first, doc), find(article.text, last, doc))
        found = settle_by_content(article, found, doc)
        result.timexes = [f.timex(article.id) for f in found]
        check_document(result, found)
        if article.published.start is None and article.published_inferred is None:
            # undated: `found` was resolved without an anchor, as the inference needs
            article.published_inferred = infer_published(article.text, doc, found if anchor is None else None)
            if article.published_inferred is not None and article.dateline:
                article.published_inferred = dateline_day(article.dateline, article.published_inferred)

