"""The public resolver other extractors call for `said_on`, `as_of` and `when`."""

from __future__ import annotations

from datetime import date
from typing import Any

from storyline.extract.time import date_of_value, resolve_in_sentence, resolve_span, timex_dates
from storyline.model import PartialDate
from tests.extract.time.helpers import process


def test_date_of_value() -> None:
    assert date_of_value("2024-12-17") == PartialDate.day(date(2024, 12, 17))
    assert date_of_value("2024-12-17T19:15") == PartialDate.day(date(2024, 12, 17))
    assert date_of_value("2024-W50").precision == "week"
    assert date_of_value("2024-Q3") == PartialDate.between(date(2024, 7, 1), date(2024, 9, 30))
    assert date_of_value("199").start == date(1990, 1, 1)
    for unresolved in (None, "", "P2W", "PRESENT_REF", "XXXX-08", "XXXX-WXX-6"):
        assert date_of_value(unresolved) == PartialDate.unknown()


def test_sentence_date_for_a_quote(nlp: Any) -> None:
    text = ('The spokesman spoke at length. The charity wrote in a report on Tuesday, December 17, that '
            '"thousands will need shelter". Nothing else was said.')
    result = process(nlp, text)
    quote = text.index('"thousands')
    assert resolve_in_sentence(result, quote, quote + 10) == PartialDate.day(date(2024, 12, 17))


def test_range_of_two_days(nlp: Any) -> None:
    text = "A US delegation will meet Taliban officials in Doha on Saturday and Sunday."
    result = process(nlp, text, "2021-10-08")
    assert resolve_in_sentence(result, 0, 10) == PartialDate.between(date(2021, 10, 9), date(2021, 10, 10))
    joined = timex_dates(process(nlp, "They met November 30-December 1 in Dushanbe."))
    assert joined[0][2] == PartialDate.between(date(2024, 11, 30), date(2024, 12, 1))


def test_fallback_to_publication_date(nlp: Any) -> None:
    result = process(nlp, "The envoy said the talks were useful.")
    assert resolve_in_sentence(result, 0, 5) == PartialDate.day(date(2024, 12, 18))
    assert resolve_in_sentence(result, 0, 5, fallback=False) == PartialDate.unknown()
    assert resolve_span(result, 0, len(result.article.text)) is None
    undated = process(nlp, "The envoy said the talks were useful.", None)
    assert resolve_in_sentence(undated, 0, 5) == PartialDate.unknown()


def test_expressions_in_reported_words_do_not_date_the_saying(nlp: Any) -> None:
    text = "Last year, the ferry carried 9,000 cars, the harbour master said."
    result = process(nlp, text)
    cue = text.index("said")
    reported = (0, text.index(", the harbour"))
    assert resolve_in_sentence(result, cue, cue + 4) == PartialDate.year(2023)
    assert resolve_in_sentence(result, cue, cue + 4, outside=[reported]) == PartialDate.day(date(2024, 12, 18))


def test_a_day_right_after_the_cue_dates_it_even_inside_the_reported_words(nlp: Any) -> None:
    text = "The ferry company said on Monday it would cut sailings in March."
    result = process(nlp, text)
    cue = text.index("said")
    reported = (text.index("on Monday"), len(text) - 1)
    assert resolve_in_sentence(result, cue, cue + 4, outside=[reported]) == PartialDate.day(date(2024, 12, 16))
