"""Datelines: a date-only first line ("December 10, 2023") or a lead-in such as
"KABUL, Aug 27 (Reuters) -", "WASHINGTON (AP) —" or "Kabul, Dec 17 –".

Pure string functions (standard library and regular expressions only); the pipeline decides
where to look (the start of the text) and whether to remove what is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (
    r"(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
WEEKDAY = r"(?i:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?i:day)?\.?"
_YEAR = r"(?:19|20)\d\d"
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"

# a month and day, with or without the year ("March 16", "Dec. 10, 2023", "16th March"): the one
# pattern of each order for full dates (`parse_full_date`) and a dateline's day (`month_day`)
_MDY = re.compile(rf"\b(?P<m>{MONTH})\s*(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?\b")
_DMY = re.compile(rf"\b(?P<d>{_DAY})\s+(?P<m>{MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b")
_ISO = re.compile(rf"(?P<y>{_YEAR})-(?P<mm>[01]\d)-(?P<d>[0-3]\d)\b")

_DATE = rf"(?:{MONTH}\s*{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{MONTH}(?:,?\s+{_YEAR})?|{_YEAR}-[01]\d-[0-3]\d)"
_TIME = r"\d{1,2}[:.]\d{2}(?:\s*(?i:[ap]\.?m\.?))?(?:\s*\(?[A-Z]{2,5}\)?)?"
_NUMERIC_DATE = r"[01]?\d/[0-3]?\d/(?:19|20)?\d\d"
_DATE_LINE = re.compile(
    rf"(?i:(?:(?:last\s+)?(?:published|updated|posted)(?:\s+on)?\s*:?\s*))?"
    rf"(?:{_TIME}\s*[,|•–—-]?\s*)?(?:{WEEKDAY},?\s+)?(?:{_DATE}|{_NUMERIC_DATE})"
    rf"(?:\s*(?:[,|•–—-]|\bat\b)?\s*{_TIME})?\s*\.?"
)

_WORD = r"[A-Z][\w.'’-]*"
_PLACE = rf"(?P<place>{_WORD}(?:[ ]{_WORD}){{0,3}}(?:,[ ]{_WORD}(?:[ ]{_WORD}){{0,2}})?)"
_SHORT_DATE = rf"(?:{MONTH}\s*{_DAY}(?:,?\s+{_YEAR})?|{_DAY}\s+{MONTH}(?:,?\s+{_YEAR})?|{WEEKDAY})"  # "16th March" too
_SEP = r"--|[-–—_:]"
_LEAD = re.compile(
    rf"{_PLACE}(?:,?\s+(?P<date>{_SHORT_DATE}))?"
    rf"(?:\s*\((?P<agency>[^()]{{1,30}})\)(?:\s*(?P<sep>{_SEP}))?|\s*(?P<sep2>{_SEP}))"
)
_AGENCIES = frozenset({
    "ap", "afp", "reuters", "ani", "ians", "pti", "xinhua", "dpa", "efe", "upi", "cnn",
    "bloomberg", "voa", "tass", "ria", "sputnik", "irna", "kuna", "wam", "spa", "anadolu",
    "yonhap", "kyodo", "bernama", "apa", "ansa", "ap/reuters", "rfe/rl", "bna", "tolonews",
    "pajhwok",
})  # fmt: skip
# Upper-case words that open a line like a dateline place but are section labels.
_KICKERS = frozenset({
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "WATCH", "OPINION", "ANALYSIS", "EDITORIAL",
    "COMMENTARY", "NOTE", "EDITOR'S", "REVIEW", "VIDEO", "PHOTO", "PHOTOS", "FILE", "LIVE",
    "FACT CHECK", "Q&A",
})  # fmt: skip


@dataclass(frozen=True)
class Dateline:
    """A dateline found at the start of a line: its text, where it ends, and its ISO date."""

    text: str
    end: int
    iso: str | None = None
    whole_line: bool = False


def parse_full_date(text: str) -> str | None:
    """ISO date of the first complete (day, month and year) date in `text`, else None."""
    for pattern in (_MDY, _DMY, _ISO):
        m = pattern.search(text)
        if m is None or not m.group("y"):
            continue
        groups = m.groupdict()
        month = int(groups["mm"]) if groups.get("mm") else _MONTHS[groups["m"][:3].lower()]
        day = int(re.sub(r"\D", "", m.group("d")))
        try:
            return date(int(m.group("y")), month, day).isoformat()
        except ValueError:
            return None
    return None


def month_day(text: str) -> tuple[int, int] | None:
    """The month and day of the first date written in `text`, with or without its year ("OSLO,
    March 16 (Reuters)", "16th March", "Dec. 10, 2023"), else None. The day is not checked
    against the month (a caller placing it in a year does)."""
    found = [m for m in (_MDY.search(text), _DMY.search(text)) if m is not None]
    if not found:
        return None
    m = min(found, key=lambda m: m.start())
    return _MONTHS[m.group("m")[:3].lower()], int(re.sub(r"\D", "", m.group("d")))


_WEEKDAYS = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}
# the weekday a lead-in gives in place of a day: last before the agency, or the end of the label
_WEEKDAY_ONLY = re.compile(rf",\s*(?P<wd>{WEEKDAY})\s*(?:\(|$)")


def weekday_only(dateline: str) -> int | None:
    """The ISO weekday (1 Monday ... 7 Sunday) of a dateline that gives a weekday and no day
    ("KABUL, Tuesday (Reuters)", "LONDON, Tues (Reuters)", "KABUL, Tuesday"), else None; one with a month and day too
    ("WASHINGTON, Tuesday, March 3 (AP)") is dated by them."""
    m = _WEEKDAY_ONLY.search(dateline)
    if m is None or month_day(dateline) is not None:
        return None
    return _WEEKDAYS[m.group("wd")[:3].lower()]


def is_date_line(text: str) -> bool:
    """True when `text` is nothing but a date (optionally with weekday, time, "Updated:")."""
    return _DATE_LINE.fullmatch(text.strip()) is not None


def _is_agency(token: str, caps_place: bool) -> bool:
    """A known agency, or (after an upper-case place) any short upper-case token."""
    t = token.strip()
    if t.lower() in _AGENCIES:
        return True
    return caps_place and t.isupper() and 2 <= len(t) <= 8 and t.replace("/", "").isalpha()


def lead_in(text: str) -> Dateline | None:
    """The dateline lead-in that starts `text` ("WASHINGTON (AP) —"), if any."""
    m = _LEAD.match(text)
    if m is None:
        return None
    place, day, agency = m.group("place"), m.group("date"), m.group("agency")
    sep = m.group("sep") or m.group("sep2")
    end = m.end()
    rest = text[end : end + 1]
    if sep and rest and not rest.isspace():
        return None
    head = place.split(",")[0].strip()
    if head.upper() in _KICKERS:
        return None
    caps_place = head.isupper()
    agency_ok = agency is not None and _is_agency(agency, caps_place)
    if agency is not None and not agency_ok and not (day and sep and parse_full_date(day)):
        # a parenthesis that names no agency makes no dateline, unless a full date and a dash
        # before the story make it one: "OSLO, March 16, 2022 (Fjord Courier) -" (an outlet of its own)
        return None
    if not (day or agency_ok or (caps_place and sep and sep != ":")):
        return None
    label = text[: m.start("sep") if m.group("sep") else m.start("sep2") if sep else end].strip()
    return Dateline(text=label, end=end, iso=parse_full_date(day) if day else None)


def find(text: str) -> Dateline | None:
    """A dateline at the start of one stripped line: a date-only line or a lead-in."""
    if is_date_line(text):
        stripped = text.strip()
        return Dateline(text=stripped, end=len(text), iso=parse_full_date(stripped), whole_line=True)
    return lead_in(text)
