"""Recognition: where the time expressions are.

A set of rules, each a regular expression built from the lexicon (`storyline/data/time.yaml`),
is run over the clean text. Overlapping matches are resolved by keeping the longest (then the
earliest, then the rule listed first), so "Tuesday (December 17)" wins over "Tuesday" and
"December 17". Spans follow TimeML: determiners and modifiers ("the", "early", "last") belong
to the expression, prepositions ("on", "in") do not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from storyline.extract.time.lexicon import Lexicon, lexicon


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    key: re.Pattern[str] | None = None  # a word every match contains, searched in lower-cased text


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: str
    match: re.Match[str]

    def group(self, name: str) -> str:
        """A named group of the match: "" when it did not match or the rule has no such group."""
        try:
            return self.match.group(name) or ""
        except IndexError:
            return ""


def _word_pattern(word: str) -> str:
    """A lexicon word or phrase as a pattern: any run of spaces between its words, and either
    apostrophe (news writes "New Year’s Day")."""
    return re.escape(word).replace(r"\ ", r"\s+").replace("'", "['’]")


def _alt(words: Iterable[str], full: Iterable[str] = ()) -> str:
    """An alternation of words, longest first; abbreviations (not in `full`) may end in '.'."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    names = set(full)
    parts = []
    for w in items:
        parts.append(_word_pattern(w) + (r"\.?" if names and w not in names else ""))
    return "(?:" + "|".join(parts) + ")"


def _full_names(words: dict[str, int]) -> set[str]:
    """The longest word for each value: the full name ("july"), the others abbreviations."""
    best: dict[int, str] = {}
    for w, v in words.items():
        if len(w) > len(best.get(v, "")):
            best[v] = w
    return set(best.values())


# "past" alone is a preposition ("keep the agency open past Nov. 21"): a modifier only after "this"
REL = r"last|next|this|coming|(?<=this\s)past|(?<=the\s)previous|(?<=the\s)following"  # "Following Tuesday's vote"
THIS_PAST = r"(?:this\s+(?=(?:past|coming)\s))?"  # "this past Saturday", "this coming spring": "this" belongs to it
# "end-2025", "by end-June": the wire services' "the end of", hyphened
MOD = r"(?:(?:early|mid|late|the\s+(?:end|beginning|start|middle|turn)\s+of|(?:the\s+)?end\s+of|end(?=-\w))[\s-]*)?"
APPROX = (r"(?:(?:about|nearly|almost|more\s+than|less\s+than|fewer\s+than|at\s+least|at\s+most|some|"
          r"up\s+to|roughly|around|approximately|under|another|a\s+full|the\s+full)\s+)*")
YEAR = r"(?:1[5-9]|20)\d\d"
SHORT_YEAR = r"['’‘]\d\d"  # "'98", "’98", "‘98" (news often sets the apostrophe as an opening quote)
# "Sept. 11 last year", "March 15 of next year": the day in that year
YREL = r"(?:\s+of)?\s+(?P<yrel>last|this|next)\s+year(?![\w'’-])"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
             "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
             "eighteenth", "nineteenth", "twentieth"]
ORDINAL_DAYS = {w: i + 1 for i, w in enumerate(_ORDINALS)} \
    | {f"twenty-{w}": 21 + i for i, w in enumerate(_ORDINALS[:9])} | {"thirtieth": 30, "thirty-first": 31}
# a day written as an ordinal word, as broadcast transcripts write it: "March eighth"
DAY_WORDS = "|".join(sorted(ORDINAL_DAYS, key=len, reverse=True)).replace("-", "[\\s-]")
# a year spoken as words, as broadcast transcripts write them: "nineteen ninety-one", "two thousand"
YEAR_WORDS = (rf"(?:nineteen[\s-]+(?:{_TENS}(?:[\s-]+{_ONES})?|{_TEENS}|hundred|oh[\s-]+{_ONES})"
              rf"|two[\s-]+thousand(?:[\s-]+(?:and[\s-]+)?(?:{_TEENS}|{_ONES}))?)(?![\w-])")


def _rules(lx: Lexicon) -> list[tuple[str, str]]:
    month = _alt(lx.months, _full_names(lx.months))
    wd = _alt(lx.weekdays, _full_names(lx.weekdays))
    num = r"(?:\d+(?:[.,]\d+)?|" + _alt(lx.numbers) + r"(?:-" + _alt(k for k in lx.numbers if k.isalpha()) + r")?)"
    units = _alt(lx.units)
    unit_plural = r"(?:" + units + r"s?|centuries)"
    pod = _alt(lx.parts_of_day)
    season = _alt(lx.seasons)
    day = rf"(?:(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)|(?P<dw>{DAY_WORDS})(?![\w-]))"
    y = rf"(?P<y>{YEAR}|{SHORT_YEAR})(?![\d,]\d)"
    # the day a clock time is on, written right after it: "9 a.m. Tuesday", "6:45 a.m. Nov. 9" (TimeML: one
    # expression, "twelve o'clock January 3, 1984"); a date after "on" stays apart ("9 a.m. on April 4")
    tail = (rf"(?:\s+(?:(?-i:on)\s+)?(?:(?P<wd>{wd})(?!\w)|(?P<deictic>yesterday|today|tomorrow))"
            rf"|\s+(?P<m>{month})\s+(?P<cd>[0-3]?\d)(?!\d|:\d|[.,]\d)(?:,\s*(?P<cy>{YEAR})(?![\d,]\d))?)?")
    num_range = rf"(?:{num}\s+(?:to|or|and)\s+|{num}-)?{num}"
    zones = "|".join(re.escape(z) for z in sorted(lx.time_zones, key=len, reverse=True)) or "GMT|UTC"
    return [
        ("wd_date", rf"(?:{THIS_PAST}(?:coming|past)\s+)?(?P<wd>{wd})\s*(?:,\s*|\(\s*(?:on\s+)?|\s+)"
                    rf"(?:the\s+)?(?P<m>{month})\s+{day}"
                    rf"(?:,?\s+{y})?\s*\)?"),
        # "Tuesday, 17 December", "Tuesday (17 December)", and British style without the comma: "Tuesday 17 December"
        ("wd_date", rf"(?P<wd>{wd})\s*(?:,\s*|\(\s*|\s)(?:the\s+)?{day}\s+(?:of\s+)?(?P<m>{month})(?:,?\s+{y})?\s*\)?"),
        ("month_day", rf"{MOD}(?:{THIS_PAST}(?P<rel>last|next|this|coming|(?<=this\s)past)\s+)?(?P<m>{month})\s+{day}"
                      rf"(?:(?:\s+(?:and|or)\s+|(?P<dash>[-–]|\s+(?:to|through|until|till)\s+))(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|[.,:]\d|\s*%|\s+(?:percent|per|[a-z]+s)\b))?(?:,?\s+{y}|{YREL})?"),
        # "on the 17th", "by the 3rd.": a day of the month the narrative is in (not "the 17th floor")
        ("ordinal_day", r"(?:(?<=\bon\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bfrom\s)|(?<=\bsince\s)|(?<=\bbefore\s)|"
                        r"(?<=\bafter\s)|(?<=\bthrough\s))the\s+(?P<d>[12]?\d|3[01])(?:st|nd|rd|th)"
                        r"(?=\s*[,.;:!?)]|\s*$|\s+(?:and|or|to|at|in|when|but|until|through)\b)"),
        ("week_of", rf"the\s+week\s+of\s+(?P<m>{month})\s+{day}(?:,?\s+{y})?"),
        # "the last week of May", "the first week of January 2014": that week of the month
        ("week_of", rf"the\s+(?P<nth>first|second|third|fourth|last|final)\s+week\s+(?:of|in)\s+(?P<m>{month})"
                    rf"(?:,?\s+{y})?(?![\w'’])"),
        # "the third Sunday in June", "the last Monday of May 2031": that weekday of the month
        ("nth_weekday", rf"(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|5th)\s+"
                        rf"(?P<wd>{wd})\s+(?:of|in)\s+(?P<m>{month})(?:,?\s+{y})?(?![\w'’])"),
        # "by the first of the year", "the first of next month", "the first of 2031": that first day
        ("first_of", rf"the\s+first\s+of\s+(?:(?P<the_year>the\s+(?:new\s+)?year)|(?P<rel>next|this|last)\s+"
                     rf"(?P<unit>year|month)|(?P<y>{YEAR}))(?![\w'’-])"),
        # "9-10 March", "from 9 to 11 March", "between 9 and 11 March": a first day before it takes its month
        ("day_month", rf"(?:the\s+)?(?:(?P<d0>[0-3]?\d)(?:st|nd|rd|th)?"
                      rf"(?P<join>\s*[-–]\s*|\s+(?:to|and|until|till|through)\s+))?"
                      rf"(?:the\s+)?{day}\s+(?:of\s+)?(?P<m>{month})(?:,?\s+{y}|{YREL})?"),
        ("month_year", rf"{MOD}(?P<m>{month}),?\s+(?:of\s+)?{y}"),
        # "August of that year", "June of the following year": the month of the year last named
        ("month_ana", rf"{MOD}(?P<m>{month})\s+(?:of\s+)?(?P<ana>that|the\s+same|the\s+following|the\s+previous|"
                      rf"the\s+prior)\s+year(?![\w'’-])"),
        ("month", rf"{MOD}(?P<m>{month})\s+of\s+(?P<yrel>last|this|next)\s+year(?![\w'’-])"),  # "July of this year"
        ("month", rf"{MOD}(?:{THIS_PAST}(?P<rel>{REL})\s+)?(?P<m>{month})"
                  rf"(?:\s+(?P<yrel>last|this|next)\s+year(?![\w'’-]))?(?!\w|['’](?!s\b))"),  # "November's race"
        # "2021-08-15", and a timestamp "2024-03-03T14:05:00Z" (its zone or offset left out of the value)
        ("iso", r"(?P<y>\d{4})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?!\d)(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)"
                r"(?::(?P<s>[0-5]\d)(?:\.\d+)?)?(?:Z|[+-][01]\d:?[0-5]\d)?(?![\w:]))?"),
        ("numeric", r"(?<![\d/])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])"),
        # "15.08.2021": the dotted form of continental Europe, day first (with its four-digit year only)
        ("numeric", r"(?<![\d.])(?P<a>\d{1,2})(?P<dot>\.)(?P<b>\d{1,2})\.(?P<y>(?:1[89]|20)\d\d)(?![\d]|\.\d)"),
        ("decade", rf"(?:the\s+(?=early|mid|late))?{MOD}(?:the\s+)?(?P<dec>(?:1[5-9]|20)\d0|['’‘]\d0|\d0)['’]?s\b"),
        ("decade_word", r"(?:the\s+)?(?:early\s+|mid-?|late\s+)?(?P<dw>twenties|thirties|forties|fifties|sixties|"
                        r"seventies|eighties|nineties)(?!\w)"),
        ("century", r"(?:the\s+)?(?P<cn>\d{1,2})(?:st|nd|rd|th)[\s-]+century"),
        # "by the year 2030": one expression, as "the year two thousand"
        ("year", rf"{MOD}(?:(?P<fiscal>fiscal)\s+(?:year\s+)?|(?:pre|post)-|the\s+year\s+)?(?P<y>{YEAR})"
                 rf"(?![\d,]\d|\.\d|%|-[A-Za-z])"),
        # "in '98", "since ’05", "from '98 to '02": a year written with two digits after a preposition
        ("short_year", r"(?:(?<=\bin\s)|(?<=\bof\s)|(?<=\bby\s)|(?<=\bto\s)|(?<=\bsince\s)|(?<=\buntil\s)|"
                       r"(?<=\bfrom\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bduring\s)|(?<=\bthrough\s)|(?<=\d[-–]))"
                       rf"(?P<y>{SHORT_YEAR})(?![\w'’‘%]|[.,:/]\d)"),
        ("year_words", rf"(?P<the_year>the\s+year\s+)?(?P<yw>{YEAR_WORDS})"),
        # "the day before", "the year prior", "the week before last": counted back from the narrative
        ("unit_before", r"the\s+(?P<unit>year|month|week|day|night)\s+(?P<how>before\s+last|before|earlier|prior)"
                        r"(?:\s+that)?(?![\w'’-])"),
        # "Dec. 9, the day before the strike began": a day set beside a date names it (the extractor keeps
        # it only right after one)
        ("apposed_day", r"(?<=,\s)the\s+day(?=\s+(?:before|after|of|when|that)\s)"),
        # "the sixth day of the strike", "the siege in its third day": a day of something under way, the day the
        # narrative is on ("her first day in office" is no such point)
        ("event_day", r"(?:the\s+|(?<=\bits\s))(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                      r"[1-9]\d?(?:st|nd|rd|th))\s+(?:straight\s+|consecutive\s+)?day(?![\w'’-])"),
        ("rel_day", r"(?:the\s+)?(?P<rd>next|following|previous|preceding|same)\s+"
                    r"(?P<pod>day|morning|afternoon|evening|night)(?![\w-])"),
        # "on Monday and Thursday nights": a weekday joined to a plural one is part of the same SET
        ("set_wd", rf"(?P<wd>{_alt(_full_names(lx.weekdays))})(?=\s*(?:,|and|or|,\s*and)\s+"
                   rf"{_alt(_full_names(lx.weekdays))}(?:s|\s+(?P<pod>{pod})s)(?![\w'’]))"),
        # "overnight Tuesday": the night of that day, as "Tuesday overnight"
        ("weekday", rf"(?:{THIS_PAST}(?P<rel>{REL})\s+|(?P<early>early|late)\s+|(?P<pod0>overnight)\s+)?"
                    rf"(?P<wd>{wd})(?!\w)"
                    rf"(?:\s+(?P<pod>{pod}))?"),
        ("deictic", rf"(?:(?P<adv>earlier|later|early|late)\s+)?(?P<deictic>the\s+day\s+before\s+yesterday|"
                    rf"the\s+day\s+after\s+tomorrow|yesterday|today|tomorrow|tonight)(?:\s+(?P<pod>{pod}))?"),
        ("pod_rel", rf"(?P<rel>this|last|tomorrow|yesterday)\s+(?P<pod>{pod})"),
        ("clock", r"(?:(?:around|about|approximately|shortly\s+(?:after|before))\s+)?(?P<h>[012]?\d)"
                  r"(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
                  r"(?:\s+(?P<tz>(?-i:[A-Z]{2,4}T?)\b))?" + tail),
        ("clock", r"(?P<named>noon|midnight|midday)" + tail),  # "at midday": noon, as British news writes it
        # a 24-hour or unmarked clock after a preposition of time: "at 14:30 GMT", "by 09:00 local time"
        ("clock", r"(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\buntil\s)|(?<=\bfrom\s)|(?<=\bbefore\s)|(?<=\bafter\s)|"
                  r"(?<=\baround\s))(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])"
                  r"(?:\s+(?P<tz>(?-i:[A-Z]{2,4}T?)\b))?" + tail),
        # the wire services' four-digit clock with its zone: "at 0900 GMT", "by 1415 UTC", "2300 local time";
        # not in brackets, where it restates the time before it in another zone ("at 10:35 a.m. (0735 GMT)":
        # one expression)
        ("clock", rf"(?<!\()(?<!\(\s)(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)(?:\s+(?P<tz>(?-i:{zones}))\b|"
                  rf"(?=\s+local\s+time\b))" + tail),
        # a 24-hour clock with its zone needs no preposition: "Updated 14:05 GMT, 3 March 2024"
        ("clock", rf"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?![\d:])\s+(?P<tz>(?-i:{zones}))\b" + tail),
        ("clock", r"(?P<h>[01]?\d|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o['’]clock)?"
                  r"\s+(?P<half>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)(?![\w-])"),
        ("rel_unit", rf"{MOD}(?:(?P<adv>earlier|later)\s+)?(?:this\s+(?=(?:past|coming)\s+weekend))?"
                     rf"(?P<rel>this|last|next|coming|past|previous|prior|current|"
                     rf"the\s+(?:coming|current|same|following|previous|prior|past|last|next)|that\s+same(?=\s+(?:year|month|week))|that(?=\s+(?:year|month|week))|the\s+latest(?=\s+(?:fiscal\s+)?year))"
                     rf"\s+(?:fiscal\s+(?=year))?"
                     rf"(?P<unit>week(?:end)?|month|year|quarter|decade|century|season)(?![\w-])(?:\s+or\s+so(?!\w))?"),
        ("rel_season", rf"{MOD}(?:{THIS_PAST}(?P<rel>last|this|next|the|coming|past|previous|that)\s+)?"
                       rf"(?P<season>{season})"
                       rf"(?:\s+(?:of\s+)?(?:(?P<y>{YEAR}|{SHORT_YEAR}(?![\w'’‘]))|(?P<yw>{YEAR_WORDS}))|\s+of\s+(?P<yrel>last|this|next)\s+year(?![\w'’-])"
                       rf"|\s+of\s+(?P<ana>that|the\s+same|the\s+following|the\s+previous|the\s+prior)\s+year(?![\w'’-]))?"
                       rf"(?!\w)"),
        ("offset", rf"{APPROX}(?P<num>{num})(?:\s+or\s+so)?[\s-]+(?P<unit>{unit_plural})(?:\s+or\s+so)?\s+"
                   rf"(?P<dir>ago|earlier|from\s+now|hence)(?![\w-])"),
        ("ago_adj", r"(?:the\s+)?(?:(?:comparable|corresponding)\s+)?(?:year-earlier|year-ago|prior-year|"
                    r"year\s+earlier|year\s+ago)(?:\s+(?P<unit>quarter|period|month|year|level|levels))?"),
        ("ago_adj", r"(?P<qago>last\s+year['’]s\s+(?:(?:comparable|corresponding|same)\s+)?(?:quarter|period)|"
                    r"the\s+(?:comparable|corresponding|same)\s+(?:quarter|period)\s+(?:of\s+)?"
                    r"(?:last\s+year|a\s+year\s+(?:ago|earlier)))(?![\w-])"),
        ("quarter", rf"(?:the\s+)?(?:(?P<y1>{YEAR})\s+|fiscal\s+|(?P<yrel>this|last|next)\s+year['’]s\s+)?"
                    rf"(?P<qn>first|second|third|fourth|1st|2nd|3rd|4th)"
                    rf"[\s-]+(?:fiscal[\s-]+)?quarter(?![\w])(?:\s+of\s+(?:(?:fiscal\s+|(?-i:FY)\s?)?(?P<y2>{YEAR})|"
                    rf"(?P<yrel2>this|last|next)\s+year(?![\w'’-])))?"),
        ("quarter_rel", r"(?:the|that|this|last|next)\s+(?P<qr>(?:latest|current|last|previous|past|same|prior|"
                        r"coming|next|recent|just-ended|just\s+ended)\s+)?quarter(?![\w-])|the\s+(?P<qp>latest|most\s+recent)\s+"
                        r"(?:period|fiscal\s+quarter)(?!\w)"),
        ("half", rf"(?:the\s+)?(?P<hn>first|second|last)\s+half(?:\s+of\s+(?:(?P<the_year>the\s+year)|(?:fiscal\s+)?"
                 rf"(?P<y>{YEAR})|(?P<yrel>this|last|next)\s+year(?![\w'’-])))?(?![\w-])"),  # not "first half-white"
        # "the first two quarters of 2031": a half of that year (a count of quarters otherwise)
        ("half", rf"(?:the\s+)?(?P<hn>first|last)\s+two\s+quarters\s+of\s+(?:(?P<y>{YEAR})|"
                 rf"(?P<yrel>this|last|next)\s+year(?![\w'’-]))"),
        ("year_period", rf"the\s+(?P<y>{YEAR})\s+(?:quarter|period)(?!\w)"),
        # business shorthand: "Q3", "Q4 2012", "2013 Q1", "H1"; "FY2013", "FY 2013" a (fiscal) year
        ("quarter_code", rf"(?:(?P<y0>{YEAR})\s+)?(?-i:(?P<code>[QH])(?P<n>[1-4]))(?![\w-])"
                         rf"(?:(?:\s+|\s*/\s*)(?P<y>{YEAR})(?!\w)|\s+(?-i:FY)\s?(?P<fy2>{YEAR}|\d\d)(?!\w))?"
                         rf"(?!\s+(?-i:[A-Z]))"),  # not "H2 Hummer"; "Q1 FY25" a quarter of that fiscal year
        ("quarter_code", rf"(?-i:FY)\s?(?P<fy>{YEAR}|\d\d)(?!\w)"),  # "FY2013", "FY25"
        ("weekend", r"the\s+weekend(?!\w)"),
        # "struck the port overnight": the night just gone (the extractor drops the adjective, "an overnight
        # stay", and the idiom, "did not happen overnight", "almost overnight")
        ("overnight", r"(?<!\ban\s)(?<!\bthe\s)overnight(?![\w-])"),
        # "the end of the month", "at the start of the week": a point in the current one
        ("point_of", r"(?:the\s+(?:end|beginning|start|middle)|(?<!\bthe\s)end)\s+of\s+the\s+"
                     r"(?P<unit>week|month)(?![\w-])"),
        # "by week's end", "month-end": the end of the current one ("year-end" is left out: TimeBank
        # values it as the year, its last month or its last day)
        ("point_of", r"(?P<unit>month|week)(?:['’]s\s+end|[\s-]end)(?![\w-])"),
        # "the end-of-the-month deadline", "an end-of-week vote": the end of the current one, as a modifier
        ("point_of", r"end-of-(?:the-)?(?P<unit>month|week)(?![\w-])"),
        # "in the new year" (lower case: "the New Year" is the holiday)
        ("new_year", r"the\s+(?-i:new)\s+year(?![\w'’-])"),
        ("the_year", rf"{MOD}the\s+(?:full\s+|fiscal\s+|whole\s+|entire\s+)?year(?![\w-])"),
        ("duration", rf"{APPROX}(?:the\s+)?(?:(?P<rel>past|last|next|first|final|coming|previous|following|"
                     rf"latest|initial|remaining|recent|other)\s+(?!an?\s))?(?P<num>{num_range})(?P<frac>\s+1/2|\s+and\s+(?:a\s+)?half)?"
                     rf"(?:\s+or\s+so)?[\s-]+(?:(?:more|additional|extra|trading|business|working|straight|consecutive)\s+)?"
                     rf"(?P<unit>{unit_plural})(?:-long)?(?![\w-])(?P<frac2>\s+and\s+a\s+half)?"),  # "two-week-long"
        # "a decade-long war", "the month-long strike": one unit
        ("long_unit", r"(?P<unit>year|month|week|day|night|decade|hour|minute|century)-long(?![\w-])"),
        # "the year-earlier nine months": a duration of the year before (the period, not the year)
        ("duration", rf"(?:the\s+)?(?:year-earlier|year-ago|prior-year)\s+(?P<num>{num})\s+"
                     rf"(?P<unit>months|weeks)(?![\w-])"),
        ("vague", r"(?:(?P<q>recent|coming|past|several|many|few|a\s+matter\s+of|the\s+(?:past|last|next|coming)\s+"
                  r"(?:few|several)|the\s+coming|a\s+few|the\s+past|the\s+last|"
                  # "the first hours of flooding", "the early years": a stretch of unstated length
                  # ("the early hours" are the small hours, a part of the night)
                  r"the\s+(?:first|final|opening|closing|initial|early(?!\s+hours))|the)\s+)?"
                  r"(?P<unit>years|months|weeks|days|decades|hours|minutes|centuries)(?:(?P<long>-long)|(?![\w-]))"
                  r"(?P<ahead>\s+ahead\b)?"),
        # "Memorial Day weekend", "the long Labor Day weekend", "the Thanksgiving holiday weekend": its
        # weekend ("the three-day Labor Day weekend": "three-day" is a duration of its own)
        ("holiday", rf"(?:(?P<rel>last|this|next)\s+|the\s+(?:long\s+)?"
                    rf"(?=(?:{_alt(lx.holidays)})\s+(?:holiday\s+)?weekend))?"
                    rf"(?P<hol>{_alt(lx.holidays)})(?:(?P<wkend>\s+(?:holiday\s+)?weekend(?![\w-]))|,?\s+(?P<y>{YEAR})(?![\d,]\d))?(?!\w)"),
        ("ref", rf"(?P<ref>{_alt(lx.refs)})(?![\w-])"),
        # "at this moment", "in this critical moment", "up to this moment": the present, a deictic point (TimeML
        # PRESENT_REF); the preposition stays out, as for any expression ("the moment he left" is no point of its own)
        ("this_moment", r"(?:(?<=\bat\s)|(?<=\bin\s)|(?<=\bfor\s)|(?<=\bto\s))this\s+(?:[a-z]+\s+)?moment(?![\w'’-])"),
        # "continues to this day", "a mystery to this day": up to the present, whatever the tense (PRESENT_REF)
        ("to_this_day", r"(?<=\bto\s)this\s+(?:very\s+)?day(?![\w'’-])"),
        ("set", rf"(?P<set>{_alt(lx.sets)})(?![\w-])"),
        # "twice a week", "three times a year" (TimeML: the whole phrase a SET); "every two weeks"
        ("freq_set", rf"(?:once|twice|thrice|(?:{num})\s+times)\s+(?:a|an|per|each|every)\s+"
                     rf"(?P<unit>{units})(?![\w-])(?!\s+(?:as|more|less)\b)"),  # not "nine times a year as much"
        ("freq_set", rf"(?:every|each)\s+(?P<num>other|{num})\s+(?P<unit>{unit_plural})(?![\w-])"),
        ("set_wd", rf"(?:every|each)\s+(?:other\s+)?(?P<wd>{wd})(?!\w)(?:\s+(?P<pod>{pod})(?!\w))?"),
        ("set_wd", rf"(?P<wd>{_alt(_full_names(lx.weekdays))})(?:s|\s+(?P<pod>{pod})s)(?![\w'’])"),  # "Tuesdays"
    ]


def _plain(words: Iterable[str]) -> str:
    """An alternation of lower-case words for a key pattern (case-sensitive, so `re` can skip ahead fast)."""
    return "|".join(_word_pattern(str(w)) for w in sorted(set(words), key=len, reverse=True))


def _keys(lx: Lexicon) -> dict[str, str]:
    """For each rule, what every one of its matches contains (lower case). Rules are only run
    near these (`_windows`): case-insensitive patterns are slow to try at every position of a
    long text, a case-sensitive alternation of words is fast to find."""
    zones = _plain(z.lower() for z in lx.time_zones) or "gmt|utc"
    months, weekdays = f"(?:{_plain(lx.months)})(?![a-z])", f"(?:{_plain(lx.weekdays)})s?(?![a-z])"
    units = f"(?:{_plain(lx.units)})s?(?![a-z])|centur"
    return {
        "wd_date": weekdays, "weekday": weekdays, "set_wd": weekdays,
        "month_day": months, "week_of": months, "nth_weekday": weekdays, "first_of": r"first\s+of",
        "day_month": months, "month_year": months, "month_ana": months,
        "month": months, "ordinal_day": r"the\s+\d\d?(?:st|nd|rd|th)",
        "iso": r"\d-[01]\d-", "numeric": r"\d/\d|\d\.\d\d?\.[12]\d{3}", "decade": r"\d0['’]?s", "decade_word": "ties",
        "century": "century", "year": r"(?:1[5-9]|20)\d\d", "short_year": r"['’‘]\d\d",
        "year_words": r"nineteen|thousand",
        "rel_day": r"(?:next|following|previous|preceding|same)\s+(?:day|morning|afternoon|evening|night)",
        "event_day": r"(?:nd|rd|th)\s+(?:straight\s+|consecutive\s+)?day",
        "unit_before": r"(?:year|month|week|day|night)\s+(?:before|earlier|prior)", "apposed_day": r",\sthe\s+day",
        "deictic": "yesterday|today|tomorrow|tonight", "pod_rel": _plain(lx.parts_of_day),
        "clock": rf"\d\s*[ap]\.?m|\d\s+(?:{zones})\b|\d{{4}}\s+local\s+time|\d:[0-5]\d|noon|midnight|midday|"
                 r"in\s+the\s+(?:morning|afternoon|evening)|at\s+night",
        "rel_unit": "week|month|year|quarter|decade|centur|season", "rel_season": _plain(lx.seasons),
        "offset": "ago|earlier|now|hence", "ago_adj": "year", "quarter": "quarter", "quarter_rel": "quarter|period",
        "half": "half|quarters", "year_period": "quarter|period",
        "quarter_code": r"(?<![a-z0-9])(?:[qh][1-4]|fy\s?\d)", "weekend": "weekend", "the_year": "year",
        "overnight": "overnight",
        "point_of": r"of\s+the\s+(?:week|month)|(?:month|week)(?:['’]s\s+|[\s-])end|end-of-", "new_year": r"new\s+year",
        "duration": units, "vague": units, "long_unit": "-long", "holiday": _plain(lx.holidays), "ref": _plain(lx.refs),
        "this_moment": "moment", "to_this_day": r"to\s+this\s+(?:very\s+)?day",
        "set": _plain(lx.sets), "freq_set": r"times|once|twice|thrice|every|each",
    }  # fmt: skip


@lru_cache(maxsize=4)
def _compiled(lx: Lexicon) -> tuple[Rule, ...]:
    keys = _keys(lx)
    return tuple(Rule(name, re.compile(r"(?<![\w'’])(?<![A-Za-z]-)" + pat, re.IGNORECASE),
                      re.compile(keys[name]) if name in keys else None)
                 for name, pat in _rules(lx))


def rules() -> tuple[Rule, ...]:
    return _compiled(lexicon())


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_BEFORE, _AFTER = 120, 160  # how far a match reaches before and after its key (generously)


def _windows(lower: str, key: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """The stretches of text a rule can match in: around each occurrence of its key, merged."""
    if key is None:
        return [(0, len(lower))]
    out: list[tuple[int, int]] = []
    for k in key.finditer(lower):
        start, end = max(0, k.start() - _BEFORE), min(len(lower), k.end() + _AFTER)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def candidates(text: str) -> list[Candidate]:
    """Every rule match, overlapping ones resolved (longest, then earliest, then rule order)."""
    found: list[tuple[int, int, int, Candidate]] = []
    lower = text.translate(_ASCII_LOWER)  # same length as `text`: ASCII letters only
    for order, rule in enumerate(rules()):
        for w_start, w_end in _windows(lower, rule.key):
            for m in rule.pattern.finditer(text, w_start, w_end):
                start, end = _trim(text, m.start(), m.end())
                start = _with_month_of(text, rule.name, m, _without_article_of_modifier(text, start, end))
                if end > start and plausible(rule.name, m, text):
                    found.append((-(end - start), start, order, Candidate(start, end, rule.name, m)))
    found.sort(key=lambda f: f[:3])
    taken: list[tuple[int, int]] = []
    kept: list[Candidate] = []
    for _, start, _, cand in found:
        if any(start < e and s < cand.end for s, e in taken):
            continue
        taken.append((start, cand.end))
        kept += _coordinated_days(cand) + _year_range_end(text, cand)
    return sorted(kept, key=lambda c: c.start)


# "the 2015-16 season", "1999-00": the second year of a range of years, written with two digits
_SHORT_YEAR_AFTER = re.compile(r"[-–/](?P<yy>\d\d)(?![\w'’%.,]\d|[\w'’%-])")


def _year_range_end(text: str, cand: Candidate) -> list[Candidate]:
    """"2015-16", "the 1999-00 season": the second year is an expression of its own (TimeML
    annotates each end of a range, as in "1991 to 1997"); it comes after the first year in the
    same or the next century ("2015-12" may be a month: not after a later year)."""
    if cand.rule != "year" or not cand.group("y") or cand.match.end("y") != cand.end:
        return []
    m = _SHORT_YEAR_AFTER.match(text, cand.end)
    if m is None:
        return []
    first, second = int(text[cand.end - 2:cand.end]), int(m.group("yy"))
    if not (second > first or (first == 99 and second == 0)):
        return []
    return [Candidate(m.start("yy"), m.end("yy"), "second_year", cand.match)]


def _days_before_month(cand: Candidate) -> list[Candidate]:
    """"9-10 March", "between 9 and 11 March": two expressions, the first day (`first_day`) taking
    the month and year written after the second; only when it comes first ("9-3 March": the second
    alone)."""
    first = cand.group("d0")
    if not first:
        return [cand]
    second = Candidate(cand.match.end("join"), cand.end, cand.rule, cand.match)
    if int(first) < 1 or cand.group("d") and int(first) >= int(cand.group("d")):
        return [second]
    return [Candidate(cand.start, cand.match.start("join"), "first_day", cand.match), second]


def _coordinated_days(cand: Candidate) -> list[Candidate]:
    """"April 11 and 12", "Oct. 20-21", "March 18 through 20": two expressions (TimeML), the second
    day taking the first one's month."""
    if cand.rule == "day_month":
        return _days_before_month(cand)
    if cand.rule != "month_day" or cand.match.group("d2") is None:
        return [cand]
    first_end = cand.match.end("d") if cand.match.group("d") else cand.match.end("dw")
    first, second = cand.match.group("d"), cand.match.group("d2")
    if cand.match.group("dash") and not (first and int(second) > int(first)):
        return [Candidate(cand.start, first_end, cand.rule, cand.match)]  # "May 5-3": no range of days
    return [Candidate(cand.start, first_end, cand.rule, cand.match),
            Candidate(cand.match.start("d2"), cand.match.end("d2"), "second_day", cand.match)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " \t\r\n,":
        end -= 1
    while start < end and text[start] in " \t\r\n,":
        start += 1
    return start, end


_MODIFIER_END = re.compile(r"(?P<article>(?:the|a|an)\s+)(?:\S+\s+)*?\S+-(?:year|month|week|day|hour|minute|"
                           r"quarter|century|earlier|ago|\d{4}|long)", re.IGNORECASE)


def _without_article_of_modifier(text: str, start: int, end: int) -> int:
    """TimeML leaves the article out when the expression is a hyphenated modifier of another noun:
    "the [30-day] notice period", "the [third-quarter] loss", "a [month-long] strike", "The [year-earlier] results" (the
    article is the noun's); "the [year-ago quarter]" is a time noun and keeps it."""
    m = _MODIFIER_END.fullmatch(text, start, end)
    return m.end("article") if m else start


_MONTH_OF = re.compile(r"\bthe\s+(?:[A-Za-z-]+\s+){0,2}?month\s+of\s+$", re.IGNORECASE)


def _with_month_of(text: str, rule: str, m: re.Match[str], start: int) -> int:
    """TimeML's extent holds the determiner and premodifiers of a month named with its noun: "the
    month of May", "the holy month of Ramadan" (a holiday that is a whole month) are one expression,
    the month's value."""
    name = "hol" if rule == "holiday" else "m" if rule in ("month", "month_year") else None
    if name is None or start != m.start(name) or not _a_whole_month(rule, m):
        return start
    before = _MONTH_OF.search(text, max(0, start - 40), start)
    return before.start() if before else start


def _a_whole_month(rule: str, m: re.Match[str]) -> bool:
    if rule != "holiday":
        return True
    spec = lexicon().holidays.get(words_of(m.group("hol")).replace("’", "'"), {})
    return "hijri_month" in spec and "hijri_day" not in spec


_NEXT_WORD = re.compile(r"\s*([%$]|[A-Za-z]+)")
_ABBREV_ALONE = ("month", "weekday", "holiday")


def _name_ok(word: str | None, alone: bool) -> bool:
    """Month and weekday names count when capitalised; a bare abbreviation needs its dot."""
    if word is None:
        return True
    if not word[:1].isupper():
        return False
    return not (alone and len(word.rstrip(".")) <= 4 and not word.endswith(".")
                and word.lower() not in ("may", "june", "july"))


def plausible(rule: str, m: re.Match[str], text: str) -> bool:
    """Lexical checks a regular expression cannot make well: capitals, counts, lone words."""
    groups = m.groupdict()
    alone = rule in _ABBREV_ALONE
    if not (_name_ok(groups.get("m"), alone) and _name_ok(groups.get("wd"), alone)):
        return False
    if rule == "year":
        return _year_ok(m, text)
    if rule == "short_year":
        nxt = _NEXT_WORD.match(text, m.end())  # "in '20 minutes'" is a title, "by '20 percent" a typo
        word = nxt.group(1).lower() if nxt else ""
        return not (word in lexicon().count_nouns | {"%", "$", "percent"} or word in lexicon().units
                    or word.endswith("s") and word[:-1] in lexicon().units)
    if rule == "unit_before":
        # "the day before the vote", "the day before last Tuesday's vote": an anchor the text names
        how = m.group("how").lower()
        return " that" in m.group(0) or not (_EVENT_AFTER.match(text, m.end()) or
                                             how == "prior" and _TO.match(text, m.end()))
    if rule == "the_year" and _BEFORE_EVENT.match(text, m.end()) and \
            not _APPOSED.search(text, max(0, m.start() - 8), m.start()):
        return False  # "the year before the audit": not this year ("in 2007, the year before the crash": 2007)
    if rule == "the_year" and _BY_THE.search(text, max(0, m.start() - 4), m.start()) and \
            words_of(m.group(0)) == "the year" and _CLAUSE_ENDS.match(text, m.end()):
        return False  # "worse by the year", "rented by the year": each year in turn, no year of its own
    if rule == "year_words":
        return _year_words_ok(m, text)
    if rule == "deictic" and _generic_day(m, text):
        return False
    if rule in _NAMEABLE and _in_a_name(m, text):
        return False
    if _title_words(rule, groups, m, text) or _in_a_title(m, text):
        return False
    if rule == "ref" and _discourse_now(m, text):
        return False
    if rule == "ref" and words_of(m.group(0)) == "soon":
        return not (_AS_BEFORE.search(text, max(0, m.start() - 4), m.start()) or _SOON_AFTER.match(text, m.end()))
    if rule == "decade" and _YEAR_POSSESSIVE.fullmatch(m.group(0)) and _NOUN_AFTER.match(text, m.end()):
        return False  # "2010’s oil spill", "all of 2020's gains": the year's (the year rule takes it)
    if rule == "decade" and re.fullmatch(r"\d0", groups.get("dec") or "") and _measured_tens(m, text):
        return False  # "a man in his 60s", "highs in the 60s", "support in the mid-60s"
    if rule == "month" and m.group(0) == "March" and re.match(r"\s+(?:for|For)\s+(?:Our\s+)?[A-Z]", text[m.end():]):
        return False  # "the March for Life", "March for Our Lives", "a “March For Trump” rally": a march
    if rule == "month" and m.group(0) == "March" and re.search(r"\b[Tt]he\s+$", text[max(0, m.start() - 4):m.start()]) \
            and re.match(r"\s+on\s+(?-i:[A-Z])", text[m.end():]):
        return False  # "the March on Westminster", "the March on Rome" (a name after "on"): a march
    if rule == "month" and re.match(r"\s+of\s+(?:the|a|an)\b", text[m.end():]):
        return False  # "the March of the Silent Lanterns"
    if rule == "month" and words_of(m.group(0)) == "may" and (POSSESSIVE.match(text, m.end()) or not (
            _MAY_MONTH.search(text, max(0, m.start() - 24), m.start()) or (
                _MONTH_AFTER_MAY.match(text, m.end()) and not _NAME_BEFORE.search(text, max(0, m.start() - 24),
                                                                                  m.start())))):
        # "Prime Minister Theresa May", "invited May to visit", "from May's office": a name; "in May",
        # "last May", "last May's vote", "a May rally"
        return False
    if rule == "holiday" and _kind_after(m, text):
        return False  # "Easter eggs", "Christmas trees": a kind of thing, no day
    if rule == "holiday" and _MERRY_BEFORE.search(text, max(0, m.start() - 8), m.start()):
        return False  # "wished the crowd a Merry Christmas", "saying 'Merry Christmas' again": a greeting, no day
    if rule == "weekday" and _ABBREVIATED_AFTER_THE.search(text, max(0, m.start() - 4), m.start()) and \
            len(m.group("wd").rstrip(".")) <= 4:
        return False  # "appeared in The Sun.": a name; "the" comes before no abbreviated day
    if rule == "weekday" and _DAY_AS_KIND.match(text, m.end()):
        return False  # "a Sunday school teacher": a kind of school, no day
    if rule == "clock" and re.search(r"\bhigh\s+$", text[max(0, m.start() - 6):m.start()], re.I):
        return False  # "High Noon"
    if rule == "vague" and (groups.get("q") or "").lower() == "the" and not groups.get("ahead") \
            and not groups.get("long"):  # "the years-long dispute" is one
        return bool(_OVER.search(text, max(0, m.start() - 8), m.start()))  # "the days of", but "over the years"
    if rule == "vague" and not groups.get("q") and not groups.get("long"):
        # "for years", "within hours"; "hours later", "weeks before the vote", "barely days into a contract": a stretch
        # of unstated length counted from something (not the noun of a phrase: "a couple of weeks after"; the
        # extractor drops a modified noun: "long hours after")
        before = text[max(0, m.start() - 8):m.start()]
        if stretch_verb_before(text, m.start()):
            return True  # "would take months to settle", "spent years planning" (the extractor checks the parse)
        return bool(re.search(r"\b(?:for|over|within|in)\s+$", before, re.I)
                    or (_COUNTED_FROM.match(text, m.end()) and not re.search(r"\bof\s+$", before, re.I)))
    if rule == "rel_season" and not (groups.get("rel") or groups.get("y") or groups.get("yrel")
                                     or m.group(0)[:1].isalpha()
                                     and m.group(0).split()[0].lower() in ("early", "late", "mid")):
        return False
    if rule == "rel_season" and not (groups.get("y") or groups.get("yw") or groups.get("yrel") or groups.get("ana")) \
            and _no_season(m, text):
        return False
    if rule == "rel_season" and (groups.get("rel") or "").lower() == "that" and _season_verb(m, text):
        return False
    if rule == "half" and (groups.get("hn") or "").lower() == "last" and " of " not in m.group(0):
        return False  # "the last half" of a game
    if rule == "half" and _HALF_A_NUMBER.match(text, m.end()):
        return False  # "the first half billion dollar rower", "the first half million": a number
    if rule == "half" and " of " not in m.group(0) and _HALF_OF_SOMETHING.match(text, m.end()):
        return False  # "the second half of the game", "the first half of the century": no half of this year
    if rule == "duration":
        return _duration_ok(m, text)
    if rule == "set" and _rate(text[max(0, m.start() - 40):m.start()]):
        return False  # "10,000 units annually", "rise 8.5% annually": a rate, as "$1.76 a year"
    return not (rule == "offset" and _a_second(groups))


_COUNTED_FROM = re.compile(r"\s+(?:later|after|before|earlier|into|afterwards?)\b")


# a year ending in 0 with a possessive before a noun is the year's, not a decade ("the 1960's" is one)
_YEAR_POSSESSIVE = re.compile(r"(?:1[5-9]|20)\d0['’]s")
_NOUN_AFTER = re.compile(r"\s+[“\"]?(?!(?:and|or|to|through|until|when|while|as|in|at|on|with|by|for|from|after|"
                         r"before|but|that|which|who|is|was|were|are|had|have|has)\b)[A-Za-z]", re.IGNORECASE)


# "the fall of Rome", "the spring of discontent": a downfall, a source, a figure; "the fall of that
# year", "the summer of '69" stay seasons
_OF_NO_YEAR = re.compile(r"\s+of\s+(?!(?:(?:1[5-9]|20)\d\d|['’‘]\d\d|that|this|last|next|the\s+(?:same|following|"
                         r"previous|prior|next|year)|(?:early|late|mid)\b)\b)", re.IGNORECASE)
_NAME_AFTER = re.compile(r"\s+(?-i:[A-Z])")


def _no_season(m: re.Match[str], text: str) -> bool:
    """"the fall of Mubarak", "the spring of the revolt"; "the Winter Olympics", "the
    Summer Games" (a season capitalised in mid-sentence before a capitalised word: a name)."""
    season = m.group("season")
    if season.lower() in ("fall", "spring") and _OF_NO_YEAR.match(text, m.end()):
        return True
    return season[:1].isupper() and bool(_NAME_AFTER.match(text, m.end())) and \
        not _SENTENCE_START.search(text, max(0, m.start("season") - 4), m.start("season"))


_WHEN_BEFORE = re.compile(r"\b(?:in|during|by|until|till|since|through|throughout|over|of|from|before|after|"
                          r"earlier|later|early|late|mid)\s+$", re.IGNORECASE)


def _season_verb(m: re.Match[str], text: str) -> bool:
    """"prices that fall", "ideas that spring from": after "that", "fall" and "spring" are verbs
    unless a preposition of time comes before ("in that fall"), "that" opens the clause ("; that
    fall he married") or the clause ends after them ("left that spring.")."""
    if m.group("season").lower() not in ("fall", "spring"):
        return False
    return not (_WHEN_BEFORE.search(text, max(0, m.start() - 12), m.start())
                or re.search(r"(?:^|[,;:]\s*|[.!?]\s+|\n\s*)$", text[max(0, m.start() - 4):m.start()])
                or re.match(r"\s*[,.;:!?)]", text[m.end():]))


# after "the day before": a clause goes on ("the day before, and ...", "the day before when") or an
# anchor follows ("the day before the vote", "the year prior to the merger")
_EVENT_AFTER = re.compile(r"\s+(?!(?:and|but|or|when|while|as|in|at|on|with|by|for|from|after|so|because|to|that|"
                          r"which|who|he|she|they|it|we|i|you)\b)[\w“\"'‘$]", re.IGNORECASE)
_TO = re.compile(r"\s+to\b", re.IGNORECASE)  # "the year prior to the merger"
_BEFORE_EVENT = re.compile(r"\s+(?:before|prior)\b", re.IGNORECASE)
_BY_THE = re.compile(r"\bby\s+$", re.IGNORECASE)
_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;:!?)\"”]|$|(?:and|or|but)\b)", re.IGNORECASE)
_APPOSED = re.compile(r"\b(?:1[5-9]|20)\d\d,\s*$")
POSSESSIVE = re.compile(r"['’]s\b")  # after a word: "November's", "May's"
_ABBREVIATED_AFTER_THE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_DAY_AS_KIND = re.compile(r"[\s-]+(?:school|schools|best)\b", re.IGNORECASE)  # also "a Sunday-school teacher"
_HALF_OF_SOMETHING = re.compile(r"\s+of\s+(?!fiscal\b)", re.IGNORECASE)
_HALF_A_NUMBER = re.compile(r"[\s-]+(?:million|billion|trillion|dozen)\b", re.IGNORECASE)


def _discourse_now(m: re.Match[str], text: str) -> bool:
    """"Now, ..." opening a sentence is a discourse marker; "the future of X" is X's prospects."""
    word = m.group(0)
    if word == "Now" and text.startswith(",", m.end()):
        return True
    return words_of(word) == "the future" and text.startswith(" of ", m.end())


_NAMEABLE = frozenset({"deictic", "rel_unit", "ref"})
_CAPITALISED_BEFORE = re.compile(r"\b[A-Z][\w'’-]*[^\S\n]+[\"“]?$")  # a name does not run over a line break


# what a lone "May" needs before it to be the month
# "a May to July fall", "May and June": a month named after it (not after a name: "Theresa May and June ...")
_NAME_BEFORE = re.compile(r"(?-i:[A-Z][a-z]+)\.?\s+$")
_MONTH_AFTER_MAY = re.compile(r"\s*(?:,\s*)?(?:and|or|to|through|[-–])\s*(?-i:January|February|March|April|June|July|"
                              r"August|September|October|November|December)\b", re.IGNORECASE)
_MAY_MONTH = re.compile(r"(?:\b(?:in|since|until|till|by|through|from|of|during|throughout|before|after|between|"
                        r"last|next|this|the|a|early|late|mid|end|as\s+(?:early|late|soon)\s+as|at\s+(?:least|most|the\s+latest))\s+|"
                        r"\bmid-|[-–]\s*|"
                        r"(?:January|February|March|April|June|July|August|September|October|November|December)"
                        r"(?:\s*,)?\s+(?:and|or|to|through)\s+)$", re.IGNORECASE)


_AGE_BEFORE = re.compile(r"\b(?:his|her|their|its|my|your|our)\s+(?:(?:early|mid|late)[\s-]+|teens\s+(?:and|or)\s+|"
                         r"(?:early|mid|late)[\s-]+\d0s\s+(?:and|or|to)\s+(?:(?:early|mid|late)[\s-]+)?)?$",
                         re.IGNORECASE)
_MEASURE = re.compile(r"\b(?:high|low|temperature|degree|percent|percentage|point|approval|support|rating|poll|"
                      r"share|rate|mph|score|age|aged)s?\b|%", re.IGNORECASE)


def _measured_tens(m: re.Match[str], text: str) -> bool:
    """A two-digit number of tens with no apostrophe ("60s") counts an age, a temperature or a
    share when a possessive or a word of measure comes before it in its sentence."""
    before = text[max(0, m.start() - 60):m.start()]
    before = re.split(r"[.!?]\s", before)[-1]
    return bool(_AGE_BEFORE.search(before) or _MEASURE.search(before))


_TITLE_UNIT = re.compile(r"\d+\s+(?-i:[A-Z][a-z]+)")
_SENTENCE_START = re.compile(r"(?:(?:^|[.!?:]\s+|\n\s*)[\"“‘'(\[]?|[\"“‘'(\[]\s*)$")


def _title_words(rule: str, groups: dict[str, str | None], m: re.Match[str], text: str) -> bool:
    """Words of a time capitalised in mid-sentence are a title: "60 Minutes", "Saturday Night
    Live", "Monday Night Football", "the Daily Mail", "Sign up for Daily Newsletters"; a unit
    capitalised after a number in digits is one wherever it stands ('on "60 Minutes."', '"48
    Hours" aired': a sentence's first word is the number, the unit stays lower case)."""
    if rule == "duration" and not groups.get("rel") and _TITLE_UNIT.fullmatch(m.group(0)):
        return True
    if _SENTENCE_START.search(text, max(0, m.start() - 4), m.start()):
        return False
    if rule == "duration" and not groups.get("rel"):
        return (groups.get("unit") or "")[:1].isupper()
    if rule == "weekday":
        return (groups.get("pod") or "")[:1].isupper()
    if rule in ("rel_unit", "ref"):  # "on This Week", "Resources for the Future"
        return m.group(0).split()[-1][:1].isupper()
    return rule == "set" and m.group(0)[:1].isupper()


@lru_cache(maxsize=4)
def _titles(lx: Lexicon) -> re.Pattern[str] | None:
    names = sorted(lx.titles, key=len, reverse=True)
    return re.compile("|".join(_word_pattern(n) for n in names)) if names else None


_TITLE_REACH = 30  # characters a title may stretch before or after a time word it holds


def _in_a_title(m: re.Match[str], text: str) -> bool:
    """A time word inside a name of the lexicon's `titles` ("said on Fox News Sunday", "the
    Tuesday Group's co-chair"), written with its capitals."""
    titles = _titles(lexicon())
    if titles is None:
        return False
    return any(t.start() <= m.start() and m.end() <= t.end()
               for t in titles.finditer(text, max(0, m.start() - _TITLE_REACH), m.end() + _TITLE_REACH))


def _in_a_name(m: re.Match[str], text: str) -> bool:
    """"Harbour Radio Today", "This Week With Clara Moreno": capitalised in mid-sentence after a
    capitalised word (or its opening quote), the words are part of a name; not after a line that
    ends in one ("... our Terms of Use" then "At the moment, ..." on the next line)."""
    return m.group(0)[:1].isupper() and bool(_CAPITALISED_BEFORE.search(text, max(0, m.start() - 30), m.start()))


_OF_BEFORE = re.compile(r"(?<!\bas\s)\bof\s+$", re.IGNORECASE)


def _generic_day(m: re.Match[str], text: str) -> bool:
    """"the people of tomorrow", "the heroes of yesterday": an age, not a day ("as of today" is one)."""
    return m.group(0).lower() in ("tomorrow", "yesterday") and not text.startswith(("'", "’"), m.end()) and \
        bool(_OF_BEFORE.search(text, max(0, m.start() - 6), m.start()))


def _a_second(groups: dict[str, str | None]) -> bool:
    """"a second time" is no duration."""
    unit, num = (groups.get("unit") or "").lower(), (groups.get("num") or "").lower()
    return unit.startswith("second") and num in ("a", "an")


_AGE = re.compile(r"\s+(?:old|older|younger)\b", re.IGNORECASE)  # "twenty years younger": an age apart
_SHARE_AFTER = re.compile(r"\s*\(\s*\d[\d.]*\s*(?:%|percent)\s*\)")  # "roughly a quarter (31%) of the riders": a share
_FRACTION_OF = re.compile(r"\s+of\s+(?!(?:fiscal\s+)?(?:the\s+)?(?:\d{4}|year)\b)", re.IGNORECASE)


def _duration_ok(m: re.Match[str], text: str) -> bool:
    """Not an age ("37 years old", "twenty years younger": TimeML leaves ages out), a fraction ("a quarter
    of the market", "roughly a quarter (31%)"), a rate ("$1.76 a year") nor "a second time"."""
    groups = m.groupdict()
    if _a_second(groups) or _AGE.match(text, m.end()):
        return False
    if m.group(0).endswith("-long") and (groups.get("num") or "").lower() in ("a", "an"):
        return False  # "a decades-long battle", "a month-long strike": the article is the noun's (vague, long_unit)
    if text[max(0, m.start() - 1):m.start()] in ("$", "€", "£", "¥"):
        return False  # "a $12-an-hour minimum wage": money by the hour
    if not groups.get("rel") and (groups.get("num") or "").lower() in ("a", "an") and \
            _rate(text[max(0, m.start("num") - 40):m.start("num")], per=True):
        return False
    if (m.group("unit") or "").lower().startswith("quarter") and (_FRACTION_OF.match(text, m.end())
                                                                  or _SHARE_AFTER.match(text, m.end())):
        return False
    return not (words_of(m.group(0)).endswith(("first two quarters", "last two quarters"))
                and _OF_YEAR.match(text, m.end()))  # "the first two quarters of 2031": a half


_OF_YEAR = re.compile(r"\s+of\s+(?:(?:1[5-9]|20)\d\d|(?:this|last|next)\s+year)\b", re.IGNORECASE)
_OVER = re.compile(r"\b(?:over|through|throughout)\s+$", re.IGNORECASE)
_AS_BEFORE = re.compile(r"\bas\s+$", re.IGNORECASE)
_SOON_AFTER = re.compile(r"\s+(?:as|after|afterwards?|thereafter|before)\b", re.IGNORECASE)
_YEAR_PREP = re.compile(r"\b(?:in|by|since|until|till|before|after|of|from|to|through|year)\s+$", re.IGNORECASE)


_WORD_BEFORE = re.compile(r"\b([A-Za-z]+)\s+$")


def stretch_verb_before(text: str, start: int) -> bool:
    """Whether one of the lexicon's `stretch_verbs` ("take", "spent") comes right before `start`."""
    before = _WORD_BEFORE.search(text, max(0, start - 12), start)
    return before is not None and before.group(1).lower() in lexicon().stretch_verbs


def words_of(s: str) -> str:
    """`s` in lower case with its whitespace runs as single spaces (how phrases are compared)."""
    return " ".join(s.lower().split())


def _year_words_ok(m: re.Match[str], text: str) -> bool:
    """"nineteen ninety-one" is a year; "two thousand" only after "the year" or a preposition and
    not counting something ("two thousand troops", "two thousand dollars")."""
    nxt = _NEXT_WORD.match(text, m.end())
    word = nxt.group(1) if nxt else ""
    if word.lower() in lexicon().count_nouns or (word.islower() and word.endswith("s") and len(word) > 3):
        return False
    if m.group("yw").lower().startswith("nineteen") or m.group("the_year"):
        return True
    return bool(_YEAR_PREP.search(text, max(0, m.start() - 10), m.start()))


def _year_ok(m: re.Match[str], text: str) -> bool:
    if m.group("fiscal"):
        return True
    before = text[max(0, m.start() - 4):m.start()]
    if re.search(r"[$£€#]\s*$|No\.\s*$", before):
        return False
    nxt = _NEXT_WORD.match(text, m.end())
    return not (nxt and nxt.group(1).lower() in lexicon().count_nouns | {"%", "$"})


_RATE = re.compile(r"(?:[$£€]\s*\d[\d,.]*(?:\s+(?:million|billion))?|\d[\d,.]*\s+(?:(?:million|billion)\s+)?[a-z]+s|"
                   r"\d[\d,.]*\s*(?:%|percent)|"
                   r"(?:two|three|four|five|six|seven|eight|nine|ten|dozen|hundred|thousand|several|many)\s+[a-z]+s)"
                   r"(?:\s*\([^()\n]{1,30}\))?\s+$", re.IGNORECASE)  # "90 million crates ($310 million) a week"


_MERRY_BEFORE = re.compile(r"\bmerry\s+$", re.IGNORECASE)


def _kind_after(m: re.Match[str], text: str) -> bool:
    """A holiday's name before one of the lexicon's `holiday_kinds` ("Easter eggs")."""
    nxt = _NEXT_WORD.match(text, m.end())
    return nxt is not None and nxt.group(1).lower() in lexicon().holiday_kinds and not m.groupdict().get("y")


# a count before "a day" with one word more or none: "140,000 new claims a day", "about 12,000 a day"
_COUNT_PER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\s+[a-z]+)?(?:\s+[a-z]+s)?\s+$", re.IGNORECASE)


def _rate(before: str, per: bool = False) -> bool:
    """"700 seats a week", "$1.76 a year", "90 million crates ($310 million) a week": a rate (a count
    per period), not a duration; `per` (before "a day", not "each month") also a count written with
    thousands and a word more or none ("140,000 new claims a day", "about 12,000 a day")."""
    return bool(_RATE.search(before) or (per and _COUNT_PER.search(before)))
