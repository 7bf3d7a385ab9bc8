"""`date_conflict`: the stated publication date does not fit the content.

Per document (a pure function of the article and its expressions): a weekday written beside a
date ("Tuesday (December 17)") must be that date's weekday. When, resolved against the stated
publication date, it is not, but the same month, day and weekday meet in another year, the
page is flagged with both and `published_inferred` is the year that fits. The page's own dates
are resolved again against that year by the corpus step (`redate`, `corpus.page_conflict`): this
stage stays a pure function of one page.

Across the corpus (`DateConflictStep`): see `storyline.extract.time.corpus`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from storyline.model import Article, Evidence, Flag, PartialDate, ProcessedArticle, WeekdayMismatch

if TYPE_CHECKING:
    from storyline.extract.time.extractor import Found


def check_document(result: ProcessedArticle, found: list[Found]) -> None:
    """Note every written weekday that disagrees with its date (`Article.weekday_mismatches`,
    exported with its evidence) and add a `date_conflict` flag when they outnumber those that agree."""
    article = result.article
    bad = [f for f in found if misfit_weekday(article.text, f)]
    good = [f for f in found if f.rule == "wd_date" and f.norm.stated and not f.norm.described()]
    article.weekday_mismatches = [m for f in bad if (m := mismatch(article, f)) is not None]
    if not bad or len(good) >= len(bad):
        return
    fits = Counter(_fitting_year(f) for f in bad)
    fits.pop(None, None)
    reasons = "; ".join(f"{f.text!r}: {', '.join(f.norm.described())}" for f in bad)
    detail = f"weekday and date disagree under the stated date {article.published}: {reasons}"
    evidence = [Evidence.of(article.id, article.text, f.start, f.end) for f in bad]
    if fits:
        year, _ = fits.most_common(1)[0]
        assert year is not None
        detail += f"; the weekdays fit {year}"
        if article.published_inferred is None:  # else inferred to the day already (`publication`)
            article.published_inferred = PartialDate.year(year)
    article.flags.append(Flag(type="date_conflict", detail=detail, score=len(bad) / (len(bad) + len(good)),
                              evidence=evidence))


def mismatch(article: Article, f: Found) -> WeekdayMismatch | None:
    """The export's record of a weekday that is not its written date's (the normaliser's
    `WeekdayMisfit` on "Monday, March 4": Monday, 2025-03-04 a Tuesday, fits 2024-03-04)."""
    misfit = f.norm.misfit
    if misfit is None:
        return None
    return WeekdayMismatch(weekday=misfit.weekday, date=misfit.day, date_weekday=misfit.day.strftime("%A"),
                           fits=misfit.fits, evidence=Evidence.of(article.id, article.text, f.start, f.end))


def misfit_weekday(text: str, f: Found) -> bool:
    """A weekday written beside a date that is not that date's weekday ("Monday, March 4" in a
    year where March 4 is a Tuesday: the normaliser's `misfit`), not one of a list of days."""
    return f.rule == "wd_date" and f.norm.misfit is not None and not in_a_list(text, f.start, f.end)


_LIST_BEFORE = re.compile(r"day\s*(?:,|and|or|&|to|-|–)\s*$", re.IGNORECASE)
_LIST_AFTER = re.compile(r"^\s*(?:and|&|to|-|–)\s*\d")


def in_a_list(text: str, start: int, end: int) -> bool:
    """"Sunday and Monday, 30 June and 1 July": weekdays and dates pair up in order, so the
    weekday next to a date is not that date's weekday."""
    return bool(_LIST_BEFORE.search(text[max(0, start - 12):start]) or _LIST_AFTER.match(text[end:end + 8]))


def _fitting_year(f: Found) -> int | None:
    fits = f.norm.misfit.fits if f.norm.misfit else None
    return fits.year if fits else None
