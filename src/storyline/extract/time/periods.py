"""`date_conflict` from relative references to known periods.

A page refers to a period relative to its own date: "last year's withdrawal", "the withdrawal
two years ago", "two years since the withdrawal", "are trying to restore power 20 years after
the invasion", "this year's election". The tense of such a
reference (back with "last", "ago", "since"; forward with "next"; none with "this") and its
distance count from the publication date to a year. When other stored articles date the period
*firmly* (a year written out, "completed their withdrawal in August 2021", in a sentence that
shares content words with the page's), the count must land on their year. If it does not, the
stated date is off by the difference: the publication year that makes the count fit is
inferred (stated 2023, "last year's withdrawal" firmly 2021: published in 2022).

Only year-level counts are used; months named without a year are the month check's
(`storyline.extract.time.corpus.month_conflicts`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline.extract.time import similar
from storyline.extract.time.corpus import MIN_AGREEING, Ref, agreed_year, content_words, same_subject, sentence_of
from storyline.model import Article

MIN_SHARED_PERIOD = 3  # content words a relative reference and a firm one must share
_HAS_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_YEAR_VALUE = re.compile(r"^(\d{4})(?:-|$)")
_RELATIVE = re.compile(r"\b(?:last|next|this|coming|previous|ago|earlier|later|since)\b", re.IGNORECASE)
_YEARS = re.compile(r"^P(\d+)Y$")
_SINCE_AFTER = re.compile(r"\s+(?:since|after)\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\s+((?:[\w-]+\s+){0,3}[\w-]+)")  # "last year's [presidential election]"
_PAST = re.compile(r"\b(?:[Ww]as|[Ww]ere|[Hh]ad|[Dd]id|[a-z]{3,}ed)\b")  # a crude past tense


@dataclass(frozen=True)
class PeriodConflict:
    """A relative reference of the page, the firm reference it contradicts, and the year that fits."""

    ref: Ref
    firm: Ref
    published_year: int


def _ref(article: Article, t: dict[str, Any], value: str, firm: bool, period: str | None = None) -> Ref:
    """A Ref whose words are those of `period` (default: the sentence without the expression)."""
    if period is None:
        period = sentence_of(article.text, t["start"], t["end"]).replace(t["text"], " ")
    return Ref(article.id, t["start"], t["end"], t["text"], value, firm, content_words(period))


def known_periods(article: Article, timexes: list[dict[str, Any]]) -> list[Ref]:
    """Dates with a written year ("in August 2021", "in 2021"): periods this article dates firmly."""
    out = []
    for t in timexes:
        m = _YEAR_VALUE.match(t.get("value") or "")
        if t.get("type") == "DATE" and m and m.group(1) in _HAS_YEAR.findall(t["text"]):
            out.append(_ref(article, t, m.group(1), True))
    return out


def counted_year(article: Article, t: dict[str, Any]) -> tuple[int, str | None] | None:
    """The year a relative reference counts to from the stated date, and the words naming the period.

    "last year's withdrawal", "this year's election" carry the year as their value and name the
    period after the possessive; a bare "last year" or "two years ago" names no period, and
    matching it by the words of its sentence against other articles flagged one news article in
    ten in a general corpus, so it is not used. A duration of years followed by "since" or "after" ("two years
    since the withdrawal") counts back from the publication year to the period named after it,
    but only in a sentence told from the present: not when the sentence writes a year of its
    own ("in 2021, 20 years after ...") or its verb before the duration is in the past tense
    ("returned 20 years after ..."), for then the count starts from that time, not from today.
    """
    value, text = t.get("value") or "", t["text"]
    anchor = article.published.start
    if anchor is None or article.published.precision != "day" or _HAS_YEAR.search(text):
        return None
    if t.get("type") == "DATE" and re.fullmatch(r"\d{4}", value) and _RELATIVE.search(text):
        named = _POSSESSIVE.match(article.text, t["end"])
        return (int(value), named.group(1)) if named else None
    years = _YEARS.match(value)
    link = _SINCE_AFTER.match(article.text, t["end"])
    if t.get("type") != "DURATION" or years is None or link is None:
        return None
    sentence = sentence_of(article.text, t["start"], t["end"])
    before, _, after = sentence.partition(text)
    if _HAS_YEAR.search(sentence) or _PAST.search(before):
        return None
    return anchor.year - int(years.group(1)), after[len(link.group(0)):]


def relative_refs(article: Article, timexes: list[dict[str, Any]]) -> list[Ref]:
    """The page's year-level references counted from its stated date (value: the year counted to)."""
    out = []
    for t in timexes:
        counted = counted_year(article, t)
        if counted is not None:
            out.append(_ref(article, t, f"{counted[0]:04d}", False, counted[1]))
    return out


def period_conflicts(anchor: date, mine: list[Ref], known: list[Ref]) -> list[PeriodConflict]:
    """Relative references whose counted year no firm reference to the same period shares.

    The firm references must share `MIN_SHARED_PERIOD` words with the period named and, when
    both sentences are at hand, tell of the same event (`similar.same_event`). At least two other
    articles must give the period the same year (`corpus.agreed_year`); the
    firm reference sharing the most content words is the period meant; the publication
    year that fits is the stated year moved by the difference between its year and the count.
    """
    out = []
    for ref in mine:
        same = [k for k in known if same_subject(ref.words, k.words, MIN_SHARED_PERIOD)]
        if not could_agree(ref, same):  # before any embedding: the sentences can only take some away
            continue
        if ref.sentence and all(k.sentence for k in same):  # and their sentences tell of the same event
            same = [k for k, yes in zip(same, similar.same_event([(ref.sentence, k.sentence) for k in same]),
                                        strict=True) if yes]
        agreed = agreed_year(same, lambda k: k.value)
        if agreed is None or ref.value in {k.value for k in same}:
            continue
        firm = max((k for k in same if k.value == agreed), key=lambda k: len(ref.words & k.words))
        out.append(PeriodConflict(ref, firm, anchor.year + int(firm.value) - int(ref.value)))
    return out


def could_agree(ref: Ref, same: list[Ref]) -> bool:
    """Whether some year other than `ref`'s is given by `corpus.MIN_AGREEING` articles in as
    many different sentences: what `agreed_year` needs of the references left after embedding."""
    articles: dict[str, set[str]] = defaultdict(set)
    sentences: dict[str, set[frozenset[str]]] = defaultdict(set)
    for k in same:
        articles[k.value].add(k.article)
        sentences[k.value].add(k.words)
    return any(len(articles[y]) >= MIN_AGREEING and len(sentences[y]) >= MIN_AGREEING
               for y in articles if y != ref.value)


def published_years(conflicts: list[PeriodConflict]) -> Counter[int]:
    return Counter(c.published_year for c in conflicts)


def reason(c: PeriodConflict) -> str:
    return (f"{c.ref.text!r} counts to {c.ref.value} from the stated date, but {c.firm.article} dates that "
            f"period {c.firm.value} ({c.firm.text!r}): it fits publication in {c.published_year}")
