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
                               ("OSLO (Reuters)", PartialDate.between(date(2022, 3, 3), date(2023, 3, 3)))):
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
    for dateline in ("OSLO (Reuters)", "Omar 5 (Reuters)", "OSLO, June 31 (Reuters)"):
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
    for dateline in (None, "OSLO (Reuters)", "OSLO, Oct 11 (Reuters)"):  # nothing to settle it with
        left = publication("10/12/2023", locale="en", dateline=dateline)
        assert left.date.precision == "range" and left.inferred is None and left.flag is not None
