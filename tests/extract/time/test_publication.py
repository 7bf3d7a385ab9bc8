"""Publication dates: stated forms, ambiguous numeric dates, inference for undated pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from storyline.extract.time.publication import read_published, stated_publication
from storyline.model import PartialDate
from tests.extract.time.helpers import process


def test_written_and_iso_dates() -> None:
    assert read_published("2023-12-10").date == PartialDate.day(date(2023, 12, 10))
    assert read_published("December 10, 2023").date == PartialDate.day(date(2023, 12, 10))
    assert read_published("Sun, 10 Dec 2023 08:00:00 GMT").date == PartialDate.day(date(2023, 12, 10))
    assert read_published("2021-08").date.precision == "month"


def test_ambiguous_numeric_date_uses_the_locale_and_says_so() -> None:
    us, us_flag = stated_publication("12/10/2023", locale="en-US")
    uk, uk_flag = stated_publication("12/10/2023", locale="en-GB")
    assert us == PartialDate.day(date(2023, 12, 10))
    assert uk == PartialDate.day(date(2023, 10, 12))
    assert us_flag is not None and "ambiguous" in us_flag.detail and "2023-10-12" in us_flag.detail
    assert uk_flag is not None and uk_flag.type == "date_conflict"


def test_ambiguous_numeric_date_without_a_hint_is_a_range() -> None:
    published, flag = stated_publication("12/10/2023", locale="en")
    assert published == PartialDate.between(date(2023, 10, 12), date(2023, 12, 10))
    assert flag is not None


def test_unambiguous_and_bad_numeric_dates() -> None:
    assert stated_publication("25/10/2023")[0] == PartialDate.day(date(2023, 10, 25))
    assert stated_publication("25/10/2023")[1] is None
    assert stated_publication("31/02/2023")[0] == PartialDate.unknown()
    assert stated_publication("12/10/23")[0] == PartialDate.unknown()
    assert stated_publication(None, "2021-08-27")[0] == PartialDate.day(date(2021, 8, 27))


def test_placeholder_dates_of_empty_fields_are_no_publication_dates() -> None:
    for raw in ("0001-01-01T00:00:00", "9999-12-31", "31/12/9999", "1/1/0001"):
        assert stated_publication(raw)[0] == PartialDate.unknown()
    assert stated_publication("0001-01-01", "2021-08-27")[0] == PartialDate.day(date(2021, 8, 27))  # the dateline's
    assert stated_publication("1851-09-18")[0] == PartialDate.day(date(1851, 9, 18))  # an old paper's archive


def test_undated_article_gets_an_inferred_interval(nlp: Any) -> None:
    result = process(nlp, "The law was passed on March 3, 2022, and protests followed.", None)
    inferred = result.article.published_inferred
    assert inferred is not None and inferred.start == date(2022, 3, 3)
    assert inferred.end is not None and inferred.end > inferred.start


def test_a_publication_known_to_an_interval_resolves_what_both_ends_agree_on(nlp: Any) -> None:
    text = "The ferry board said on Saturday that traffic fell last year. It met in August. The pier opens next year."
    for published in ("2023-10-12/2023-12-10", "2023-10"):  # both readings of "12/10/2023"; a month
        got = {t.text: t.value for t in process(nlp, text, published).timexes}
        assert got == {"Saturday": "XXXX-WXX-6", "last year": "2022", "August": "2023-08", "next year": "2024"}
    # a year: August told in the past may be last year's (a page of January) or this year's
    got = {t.text: t.value for t in process(nlp, text, "2023").timexes}
    assert got["August"] == "XXXX-08" and got["last year"] == "2022"


def test_an_undated_article_places_its_datelines_day_in_the_inferred_interval(nlp: Any) -> None:
    from storyline.extract.spacy_layers import SentenceExtractor
    from storyline.extract.time.extractor import TimexExtractor
    from storyline.model import Article, ProcessedArticle

    text = "The harbour board said on March 3, 2022 that the ferry pier would reopen in the spring."
    for dateline, inferred in (("OSLO, March 16 (Reuters)", PartialDate.day(date(2022, 3, 16))),
                               ("OSLO, Feb. 20 (Reuters)", PartialDate.day(date(2023, 2, 20))),
                               ("OSLO (Reuters)", PartialDate.between(date(2022, 3, 3), date(2023, 3, 3))),
                               # a weekday is one day in seven of the year-long interval: no narrower
                               ("OSLO, Wednesday (Reuters)", PartialDate.between(date(2022, 3, 3), date(2023, 3, 3)))):
        result = ProcessedArticle(article=Article(id="t", document="t", text=text, dateline=dateline))
        doc = nlp(text)
        SentenceExtractor()(result, doc)
        TimexExtractor()(result, doc)
        assert result.article.published_inferred == inferred


def test_a_datelines_day_is_read_as_cleaning_reads_it_ordinals_too() -> None:
    from storyline.extract.time.publication import dateline_day

    interval = PartialDate.between(date(2022, 3, 3), date(2023, 3, 3))
    for dateline in ("OSLO, March 16 (Reuters)", "OSLO, 16th March (Reuters)", "OSLO, March 16th",
                     "Bergen, 16 Mar. (NTB)"):
        assert dateline_day(dateline, interval) == PartialDate.day(date(2022, 3, 16)), dateline
    assert dateline_day("OSLO, 2nd Feb (Reuters)", interval) == PartialDate.day(date(2023, 2, 2))
    for dateline in ("OSLO (Reuters)", "Omar 5 (Reuters)", "OSLO, June 31 (Reuters)", "OSLO, Friday (Reuters)"):
        assert dateline_day(dateline, interval) == interval, dateline  # no day, no such day
    spring = PartialDate.between(date(2022, 3, 3), date(2022, 6, 1))
    assert dateline_day("OSLO, 20th Dec (Reuters)", spring) == spring  # not in the interval


def test_a_dateline_settles_an_ambiguous_numeric_date() -> None:
    from storyline.extract.time.publication import publication

    uk = "https://harbour.example.co.uk/pier"  # day first: 10/12/2023 is 2023-12-10
    against = publication("10/12/2023", url=uk, dateline="OSLO, Oct 12 (Reuters)")
    assert against.date == PartialDate.day(date(2023, 12, 10))
    assert against.inferred == PartialDate.day(date(2023, 10, 12))
    assert against.flag is not None and "the dateline 'OSLO, Oct 12 (Reuters)' gives 2023-10-12" in against.flag.detail
    agrees = publication("10/12/2023", url=uk, dateline="OSLO, 10th December (Reuters)")
    assert agrees.date == PartialDate.day(date(2023, 12, 10)) and agrees.inferred is None
    no_hint = publication("10/12/2023", locale="en", dateline="OSLO, Oct 12 (Reuters)")
    assert no_hint.date == PartialDate.day(date(2023, 10, 12)) and no_hint.inferred is None
    assert no_hint.flag is not None and "read so" in no_hint.flag.detail
    assert against.cites_dateline and agrees.cites_dateline and no_hint.cites_dateline  # its evidence: the dateline
    for dateline in (None, "OSLO (Reuters)", "OSLO, Oct 11 (Reuters)"):  # nothing to settle it with
        left = publication("10/12/2023", locale="en", dateline=dateline)
        assert left.date.precision == "range" and left.inferred is None and left.flag is not None
        assert not left.cites_dateline and left.flag.evidence == []  # a flag about the metadata alone


def test_a_dateline_that_contradicts_the_stated_day_gives_published_inferred() -> None:
    from storyline.extract.time.publication import publication

    for dateline, iso in (("LONDON, March 3, 2019 (Reuters)", "2019-03-03"), ("Oslo, 3 March 2019", "2019-03-03"),
                          ("March 3, 2019", "2019-03-03"), ("Published: March 3, 2019", "2019-03-03")):
        found = publication("2019-03-10", iso, dateline=dateline)
        assert found.date == PartialDate.day(date(2019, 3, 10)), dateline  # what the input states stays
        assert found.inferred == PartialDate.day(date(2019, 3, 3)) and found.cites_dateline
        assert found.flag is not None and found.flag.type == "date_conflict"
        assert f"the dateline {dateline!r} dates the page 2019-03-03, 7 days before the stated 2019-03-10" \
            in found.flag.detail
    ahead = publication("2019-02-20", "2019-03-03", dateline="Oslo, 3 March 2019")
    assert ahead.inferred == PartialDate.day(date(2019, 3, 3)) and ahead.flag is not None
    assert "11 days after the stated 2019-02-20" in ahead.flag.detail


def test_a_dateline_a_day_or_two_off_or_an_update_stamp_is_no_contradiction() -> None:
    from storyline.extract.time.publication import publication

    # a wire story dated in Asia a day ahead of its American metadata; one filed late, out two days later
    for stated in ("2019-03-02", "2019-03-04", "2019-03-05", "2019-03-01T23:30:00-05:00"):
        found = publication(stated, "2019-03-03", dateline="SEOUL, March 3, 2019 (Yonhap)")
        assert found.flag is None and found.inferred is None, stated
    # a stamp of a later change dates the change, not the story
    for stamp in ("Updated: March 10, 2019", "Last updated March 10, 2019", "UPDATED March 10, 2019"):
        found = publication("2019-03-03", "2019-03-10", dateline=stamp)
        assert found.flag is None and found.inferred is None, stamp
    # the dateline's date is the stated one when the input states none; a dateline without a
    # year within the slack, or that gives no day, contradicts nothing
    assert publication(None, "2019-03-03", dateline="Oslo, 3 March 2019").flag is None
    assert publication("2019-03-04", None, dateline="OSLO, March 3 (Reuters)").flag is None
    assert publication("2019-03-10", None, dateline="OSLO, Sunday (Reuters)").flag is None
    # a stated month or year is not contradicted by a day
    assert publication("2019-03", "2019-03-20", dateline="Oslo, 20 March 2019").flag is None


def test_a_dateline_without_its_year_that_contradicts_the_stated_day_is_flagged() -> None:
    from storyline.extract.time.publication import nearest_day, publication

    found = publication("2019-03-10", None, dateline="OSLO, March 3 (Reuters)")
    assert found.date == PartialDate.day(date(2019, 3, 10)) and found.cites_dateline
    assert found.inferred == PartialDate.day(date(2019, 3, 3))
    assert found.flag is not None and found.flag.type == "date_conflict" and found.flag.score == 1.0
    assert "the dateline 'OSLO, March 3 (Reuters)' dates the page 2019-03-03, 7 days before the stated " \
           "2019-03-10 (the dateline gives no year: its month and day nearest the stated day)" in found.flag.detail
    # the year that puts the month and day nearest the stated day, across the turn of the year
    december = publication("2020-01-03", None, dateline="OSLO, 20th Dec (Reuters)")
    assert december.inferred == PartialDate.day(date(2019, 12, 20))
    assert december.flag is not None and "14 days before the stated 2020-01-03" in december.flag.detail
    january = publication("2019-12-28", None, dateline="Tromso, Jan 9 -")
    assert january.inferred == PartialDate.day(date(2020, 1, 9))
    assert january.flag is not None and "12 days after the stated 2019-12-28" in january.flag.detail
    assert publication("2019-12-31", None, dateline="OSLO, Jan 2 (Reuters)").flag is None  # two days on
    # a month and day no year has, and February 29 far from a leap year, give no day
    for dateline in ("OSLO, Feb 30 (Reuters)", "OSLO, June 31 (Reuters)", "OSLO, Feb 29 (Reuters)"):
        assert publication("2019-03-10", None, dateline=dateline).flag is None, dateline
    assert nearest_day("OSLO, Feb 29 (Reuters)", date(2019, 3, 10)) is None
    assert nearest_day("OSLO, Feb 29 (Reuters)", date(2020, 3, 10)) == date(2020, 2, 29)
    # a stamp of a later change, written without its year, flags nothing either
    for stamp in ("Updated: March 10", "Last updated 10 March"):
        assert publication("2019-03-03", None, dateline=stamp).flag is None, stamp


def test_a_datelines_weekday_that_no_day_near_the_stated_one_has_is_flagged() -> None:
    from storyline.extract.time.publication import DATELINE_SLACK, publication, weekday_days

    # invented: 2019-03-12 is a Tuesday. Filed on a Tuesday, out on the stated day: from the
    # Sunday before (a day dated ahead, across time zones) to the Thursday after (out late)
    week = [date(2019, 3, d) for d in range(9, 17)]  # Saturday 9 ... Saturday 16
    flagged = {d for d in week if publication(d.isoformat(), None, dateline="KABUL, Tuesday (Reuters)").flag}
    assert flagged == {date(2019, 3, 9), date(2019, 3, 15), date(2019, 3, 16)}  # 3 or 4 days either way
    assert DATELINE_SLACK == 2 and weekday_days(date(2019, 3, 15), 2) == (date(2019, 3, 12), date(2019, 3, 19))
    assert weekday_days(date(2019, 3, 12), 2) == (date(2019, 3, 12), date(2019, 3, 12))
    found = publication("2019-03-15", None, dateline="KABUL, Tuesday (Reuters)")
    assert found.flag is not None and found.flag.type == "date_conflict" and found.flag.score == 1.0
    assert found.date == PartialDate.day(date(2019, 3, 15)) and found.cites_dateline
    assert found.inferred is None  # a weekday gives no day: the stated day stays the anchor
    assert found.flag.detail.startswith(
        "publication date: the dateline 'KABUL, Tuesday (Reuters)' gives a Tuesday and no day, but no Tuesday is "
        "within 2 days of the stated 2019-03-15, a Friday (the nearest before it 2019-03-12, 3 days before; after "
        "it 2019-03-19, 4 days after)")
    assert "no published_inferred" in found.flag.detail
    # other spellings of the weekday; a caps place with a dash and no agency
    for dateline in ("WASHINGTON, Tues (AP)", "ROME, Tue. (ANSA)", "KABUL, Tuesday"):
        assert publication("2019-03-16", None, dateline=dateline).flag is not None, dateline
    # not flagged: a weekday beside a month and day (dated by them), an ambiguous, partial or
    # absent stated date, a stamp of a later change
    assert publication("2019-03-16", None, dateline="WASHINGTON, Tuesday, March 15 (AP)").flag is None
    assert publication("2019-03-16", None, dateline="WASHINGTON (AP)").flag is None
    ambiguous = publication("03/09/2019", None, locale="en", dateline="KABUL, Thursday (Reuters)")
    assert ambiguous.flag is not None and "ambiguous numeric date" in ambiguous.flag.detail  # that flag only
    assert not ambiguous.cites_dateline and ambiguous.inferred is None
    for stated in ("2019-03", "2019-W11", "2019", None):
        assert publication(stated, None, dateline="KABUL, Saturday (Reuters)").flag is None, stated
    assert publication("2019-03-15", None, dateline="Updated, Tuesday (Reuters)").flag is None


def test_the_contradicting_datelines_span_is_the_flags_evidence() -> None:
    from storyline.clean import clean_document
    from storyline.document_stage import build_article
    from storyline.model import Document

    text = "OSLO, March 3, 2019 (Fjord Wire) - The ferry company said on Friday it would cut fares."
    kept = Document(id="k", text=text, published="2019-03-10", format="jsonl")
    article = build_article(kept, clean_document(kept))
    [flag] = [f for f in article.flags if f.type == "date_conflict"]
    assert article.published_inferred == PartialDate.day(date(2019, 3, 3))
    assert [(e.start, e.end, e.text) for e in flag.evidence] == [(0, 32, "OSLO, March 3, 2019 (Fjord Wire)")]
    # a plain-text page: cleaning keeps the dateline as a paragraph of its own, the flag's evidence
    cut = Document(id="c", text=text, published="2019-03-10", format="text")
    article = build_article(cut, clean_document(cut))
    [flag] = [f for f in article.flags if f.type == "date_conflict"]
    assert [(e.start, e.end, e.text) for e in flag.evidence] == [(0, 32, "OSLO, March 3, 2019 (Fjord Wire)")]
    assert article.text.startswith("OSLO, March 3, 2019 (Fjord Wire) -\n\nThe ferry company said")
    assert article.removed == [] and article.published_inferred == PartialDate.day(date(2019, 3, 3))
    # a dateline with an ordinal day and no year, on a plain-text page
    ordinal = Document(id="o", text="BERGEN, 3rd March (Reuters) - The quay reopened.", published="2019-03-10",
                       format="text")
    article = build_article(ordinal, clean_document(ordinal))
    [flag] = [f for f in article.flags if f.type == "date_conflict"]
    assert [e.text for e in flag.evidence] == ["BERGEN, 3rd March (Reuters)"]
    assert article.published_inferred == PartialDate.day(date(2019, 3, 3))


def test_the_datelines_evidence_is_its_line_not_an_earlier_mention() -> None:
    from storyline.extract.time.publication import dateline_evidence

    text = "Ferry fares to fall from March 3, 2019 on\n\nMarch 3, 2019\n\nThe fares fall."
    found = dateline_evidence("a", text, "March 3, 2019", [])
    assert found is not None and (found.start, found.end) == (43, 56) and found.text == "March 3, 2019"
    assert dateline_evidence("a", "The fares fall on March 3, 2019.", "March 3, 2019", []) is None


def _settled(nlp: Any, text: str, published: str, url: str | None = None) -> Any:
    from storyline.clean import clean_document
    from storyline.document_stage import build_article
    from storyline.extract.spacy_layers import SentenceExtractor
    from storyline.extract.time.extractor import TimexExtractor
    from storyline.model import Document, ProcessedArticle

    document = Document(id="s", text=text, published=published, url=url, format="jsonl", language="en")
    result = ProcessedArticle(article=build_article(document, clean_document(document)))
    doc = nlp(result.article.text)
    SentenceExtractor()(result, doc)
    TimexExtractor()(result, doc)
    return result


def test_an_ambiguous_date_is_settled_by_the_pages_own_dates(nlp: Any) -> None:
    # 10/12/2023: October 12 or December 10. A vote told in the past on November 20 (with or
    # without its year), or a weekday that is November 14's in 2023 only, was not written on October 12
    for text, evidence in (
            ("The harbour board voted on November 20 to close the old pier. The chair said on Tuesday that the "
             "ferries would stop in January.", "November 20"),
            ("The harbour board voted on November 20, 2023 to close the old pier.", "November 20, 2023"),
            ("The harbour board met on Tuesday, Nov. 14 and voted to close the old pier.", "Tuesday, Nov. 14")):
        result = _settled(nlp, text, "10/12/2023")
        article = result.article
        assert article.published == PartialDate.day(date(2023, 12, 10)) and article.published_inferred is None, text
        [flag] = [f for f in article.flags if f.type == "date_conflict"]
        assert "the page's dates fit 2023-12-10 only (against 2023-10-12: " in flag.detail and "read so" in flag.detail
        assert [e.text for e in flag.evidence] == [evidence]
    # resolved against the day it is read as ("Tuesday" was left unresolved between the readings)
    assert {t.text: t.value for t in result.timexes} == {"Tuesday, Nov. 14": "2023-11-14"}
    first = _settled(nlp, "The harbour board voted on November 20 to close the old pier. The chair said on Tuesday "
                          "that the ferries would stop in January.", "10/12/2023")
    assert {t.text: t.value for t in first.timexes} == {"November 20": "2023-11-20", "Tuesday": "2023-12-05",
                                                        "January": "2024-01"}
    # a vote still ahead on a day of 2023 is not told on December 10
    ahead = _settled(nlp, "The harbour board will vote on November 20, 2023 on the old pier.", "10/12/2023")
    assert ahead.article.published == PartialDate.day(date(2023, 10, 12))


def test_an_ambiguous_date_settled_against_its_locale_hint_is_published_inferred(nlp: Any) -> None:
    text = "The harbour board voted on November 20 to close the old pier. The chair said on Tuesday it was sad."
    us = _settled(nlp, text, "10/12/2023", "https://harbour.example.us/pier")  # month first: 2023-10-12
    assert us.article.published == PartialDate.day(date(2023, 10, 12))
    assert us.article.published_inferred == PartialDate.day(date(2023, 12, 10))
    [flag] = [f for f in us.article.flags if f.type == "date_conflict"]
    assert flag.detail.endswith(": published_inferred")
    uk = _settled(nlp, text, "10/12/2023", "https://harbour.example.co.uk/pier")  # day first: agrees
    assert uk.article.published == PartialDate.day(date(2023, 12, 10)) and uk.article.published_inferred is None
    assert [f for f in uk.article.flags if f.type == "date_conflict"][0].detail.endswith(" too")


def test_an_ambiguous_date_nothing_settles_stays_ambiguous(nlp: Any) -> None:
    for text in (
            "The harbour board said on Tuesday that the old pier would close.",  # no day of its own
            "The harbour board voted on October 5 to close the old pier.",  # before both readings
            "The board voted on November 20 to close the pier and will meet again on October 30, 2023.",  # both off
    ):
        result = _settled(nlp, text, "10/12/2023")
        assert result.article.published == PartialDate.between(date(2023, 10, 12), date(2023, 12, 10)), text
        assert result.article.published_inferred is None
        [flag] = [f for f in result.article.flags if f.type == "date_conflict"]
        assert "fit" not in flag.detail and flag.evidence == []
    # 01/12/2024: January 12 or December 1. "November 28" told in the past is six weeks before one,
    # three days before the other: both can be, and nothing is settled
    result = _settled(nlp, "The harbour board voted on November 28 to close the old pier.", "01/12/2024")
    assert result.article.published.precision == "range"


def test_a_datelines_weekday_picks_the_one_reading_that_has_it_near() -> None:
    from storyline.extract.time.publication import SettledBy, dateline_settles

    def picked(stated: tuple[date, date], dateline: str) -> tuple[date, SettledBy] | None:
        found = dateline_settles(stated, dateline)
        return None if found is None else (found.day, found.by)

    # invented: 03/09/2019 is 2019-03-09, a Saturday, or 2019-09-03, a Tuesday. A Saturday is 3 and
    # 4 days from that Tuesday, a Tuesday 4 and 3 days from that Saturday: one reading fits each
    readings = (date(2019, 3, 9), date(2019, 9, 3))
    assert picked(readings, "KABUL, Saturday (Reuters)") == (date(2019, 3, 9), SettledBy.WEEKDAY)
    assert picked(readings, "KABUL, Tues. (Reuters)") == (date(2019, 9, 3), SettledBy.WEEKDAY)
    found = dateline_settles(readings, "KABUL, Saturday (Reuters)")
    assert found is not None and found.said == (
        "the dateline 'KABUL, Saturday (Reuters)' gives a Saturday and no day: a Saturday is within 2 days of "
        "2019-03-09 only (the nearest to 2019-09-03, a Tuesday: 2019-08-31, 3 days before; 2019-09-07, 4 days "
        "after), so it gives 2019-03-09")
    # both fit: a Thursday is 2 days from either reading; a Sunday, a Monday likewise
    for weekday in ("Thursday", "Sunday", "Monday"):
        assert picked(readings, f"KABUL, {weekday} (Reuters)") is None, weekday
    # neither fits: 04/05/2019 is 2019-04-05, a Friday, or 2019-05-04, a Saturday; a Tuesday is 3 or
    # more days from each. A Monday is 2 days after the Saturday and 3 from the Friday: it picks it
    assert picked((date(2019, 4, 5), date(2019, 5, 4)), "ROME, Tuesday (ANSA)") is None
    assert picked((date(2019, 4, 5), date(2019, 5, 4)), "ROME, Monday (ANSA)") == (date(2019, 5, 4), SettledBy.WEEKDAY)
    # a stamp of a later change dates the change: it picks nothing
    assert picked(readings, "Updated, Saturday (Reuters)") is None
    # a dateline with a month and day is read by them, its weekday aside
    assert picked(readings, "KABUL, Saturday, Sept 3 (Reuters)") == (date(2019, 9, 3), SettledBy.MONTH_DAY)


def test_a_datelines_weekday_is_left_to_the_page_and_cited() -> None:
    from storyline.extract.time.publication import publication

    # the metadata stage leaves a weekday's pick to the time extractor, which weighs it against the
    # page's dates (`settle_by_content`); it cites the dateline either way (`cites_dateline`: the
    # caller, holding the clean text, adds its span)
    saturday = publication("03/09/2019", None, locale="en", dateline="KABUL, Saturday (Reuters)")
    assert saturday.date.precision == "range" and saturday.inferred is None
    assert saturday.flag is not None and saturday.flag.score == 0.5 and "the dateline" not in saturday.flag.detail
    assert saturday.cites_dateline and saturday.flag.evidence == []
    dated = publication("03/09/2019", None, locale="en", dateline="KABUL, Saturday, Sept 3 (Reuters)")
    assert dated.date == PartialDate.day(date(2019, 9, 3))
    assert dated.flag is not None and dated.flag.detail.endswith("the dateline 'KABUL, Saturday, Sept 3 (Reuters)' "
                                                                 "gives 2019-09-03: read so")


def test_a_datelines_weekday_settles_an_ambiguous_date_the_page_does_not_contradict(nlp: Any) -> None:
    # invented: 03/09/2019 is 2019-03-09, a Saturday, or 2019-09-03, a Tuesday; nothing else dated
    text = "KABUL, Saturday (Reuters) - The council met to discuss the water supply."
    plain = _settled(nlp, text, "03/09/2019").article  # no hint: read so
    assert plain.published == PartialDate.day(date(2019, 3, 9)) and plain.published_inferred is None
    [flag] = [f for f in plain.flags if f.type == "date_conflict"]
    assert flag.detail.endswith("so it gives 2019-03-09: read so")
    assert [e.text for e in flag.evidence] == ["KABUL, Saturday (Reuters)"]
    tuesday = text.replace("Saturday", "Tuesday")
    us = _settled(nlp, tuesday, "03/09/2019", url="https://news.example.us/a").article  # month first ...
    assert us.published == PartialDate.day(date(2019, 3, 9))
    assert us.published_inferred == PartialDate.day(date(2019, 9, 3))  # ... against the dateline's reading
    [flag] = [f for f in us.flags if f.type == "date_conflict"]
    assert flag.detail.endswith("so it gives 2019-09-03: published_inferred")
    uk = _settled(nlp, tuesday, "03/09/2019", url="https://news.example.co.uk/a").article  # day first: agrees
    assert uk.published == PartialDate.day(date(2019, 9, 3)) and uk.published_inferred is None
    [flag] = [f for f in uk.flags if f.type == "date_conflict"]
    assert flag.detail.endswith("so it gives 2019-09-03 too")


def test_an_ambiguous_date_a_datelines_weekday_picks_but_the_page_contradicts_stays_ambiguous(nlp: Any) -> None:
    # invented: 10/12/2023 is 2023-10-12, a Thursday, or 2023-12-10, a Sunday. A Wednesday dateline
    # fits the Thursday only; the vote told in the past on November 20 cannot be told on October 12.
    # The two disagree: nothing is settled, as when nothing settles (the page's dates do not settle it
    # the other way against the dateline either)
    text = ("OSLO, Wednesday (Reuters) - The harbour board voted on November 20 to close the old pier.\n\n"
            "The chair said the ferries would stop in January.")
    article = _settled(nlp, text, "10/12/2023").article
    assert article.published == PartialDate.between(date(2023, 10, 12), date(2023, 12, 10))
    assert article.published_inferred is None
    [flag] = [f for f in article.flags if f.type == "date_conflict"]
    assert flag.detail.endswith(
        "; the dateline 'OSLO, Wednesday (Reuters)' gives a Wednesday and no day: a Wednesday is within 2 days "
        "of 2023-10-12 only (the nearest to 2023-12-10, a Sunday: 2023-12-06, 4 days before; 2023-12-13, 3 days "
        "after), so it gives 2023-10-12, but the page's dates do not fit it ('November 20': 2023-11-20 is told "
        "in the past, 39 days after it): not settled")
    assert [e.text for e in flag.evidence] == ["OSLO, Wednesday (Reuters)", "November 20"]
    # with a hint, the hint's reading stays, with no published_inferred
    hinted = _settled(nlp, text, "10/12/2023", url="https://news.example.us/a").article
    assert hinted.published == PartialDate.day(date(2023, 10, 12)) and hinted.published_inferred is None
    # without the dateline the page's dates settle it the other way
    plain = _settled(nlp, text.split(" - ", 1)[1], "10/12/2023").article
    assert plain.published == PartialDate.day(date(2023, 12, 10))


def test_an_update_stamp_does_not_settle_an_ambiguous_date_by_its_month_and_day() -> None:
    from storyline.extract.time.publication import dateline_settles, publication

    # invented: 03/10/2019 is 2019-03-10 or 2019-10-03; a stamp of a change dates the change, a day
    # after the publication: the reading with its month and day is not the page's for it (a stamp
    # after both readings, or one without its year, bounds neither)
    readings = (date(2019, 3, 10), date(2019, 10, 3))
    assert dateline_settles(readings, "Updated: October 3, 2019") is None
    assert dateline_settles(readings, "Last modified March 10") is None
    stamped = publication("03/10/2019", "2019-10-03", locale="en", dateline="Updated: October 3, 2019")
    assert stamped.date == PartialDate.between(*readings) and stamped.inferred is None
    assert stamped.flag is not None and "the dateline" not in stamped.flag.detail and not stamped.cites_dateline
    # a dateline of the story with the same month and day settles it, as before
    assert dateline_settles(readings, "OSLO, March 10 (Reuters)") is not None


def test_an_update_stamp_rules_out_a_reading_after_its_day() -> None:
    from storyline.extract.time.publication import SettledBy, dateline_settles, publication

    # invented: 03/10/2019 is 2019-03-10 or 2019-10-03; a page updated on 2019-06-01 was not
    # published in October
    readings = (date(2019, 3, 10), date(2019, 10, 3))
    settled = dateline_settles(readings, "Updated: June 1, 2019")
    assert settled is not None and settled.day == date(2019, 3, 10) and settled.by is SettledBy.UPDATE_STAMP
    plain = publication("03/10/2019", "2019-06-01", dateline="Updated: June 1, 2019")  # no hint: read so
    assert plain.date == PartialDate.day(date(2019, 3, 10)) and plain.inferred is None and plain.cites_dateline
    assert plain.flag is not None and plain.flag.detail.endswith(
        "; the update stamp 'Updated: June 1, 2019' dates a change on 2019-06-01, 124 days before 2019-10-03: "
        "the page was published by then, so it gives 2019-03-10: read so")
    hinted = publication("03/10/2019", "2019-06-01", locale="en-GB", dateline="Last updated 1 June 2019")
    assert hinted.date == PartialDate.day(date(2019, 10, 3)) and hinted.inferred == PartialDate.day(date(2019, 3, 10))
    # not ruled out: a reading within two days after the stamp (time zones), a numeric stamp
    assert dateline_settles((date(2019, 1, 2), date(2019, 2, 1)), "Updated: January 31, 2019") is None
    assert dateline_settles(readings, "Updated: 06/01/2019") is None


def test_an_update_stamp_that_settles_is_the_flags_evidence(nlp: Any) -> None:
    text = "Updated: June 1, 2019\n\nThe council said it would reopen the old library."
    article = _settled(nlp, text, "03/10/2019").article
    assert article.published == PartialDate.day(date(2019, 3, 10)) and article.published_inferred is None
    [flag] = [f for f in article.flags if f.type == "date_conflict"]
    assert [e.text for e in flag.evidence] == ["Updated: June 1, 2019"] and "the update stamp" in flag.detail


def test_an_ambiguous_date_the_pages_dates_settle_cites_the_first_few_that_did(nlp: Any) -> None:
    from storyline.extract.time.publication import SETTLING_EVIDENCE

    # invented: every one of these days, told in the past, is weeks after 2023-10-12
    text = ("The harbour board voted on November 20, 2023 to close the old pier. It met again on November 22, "
            "2023, signed the order on November 24, 2023 and shut the gates on November 27, 2023.")
    article = _settled(nlp, text, "10/12/2023").article
    assert article.published == PartialDate.day(date(2023, 12, 10))
    [flag] = [f for f in article.flags if f.type == "date_conflict"]
    assert flag.detail.count("is told in the past") == 4  # the detail gives every reason
    assert [e.text for e in flag.evidence] == ["November 20, 2023", "November 22, 2023", "November 24, 2023"]
    assert len(flag.evidence) == SETTLING_EVIDENCE
    assert all(article.text[e.start:e.end] == e.text and e.article == "s" for e in flag.evidence)
