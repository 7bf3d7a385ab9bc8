"""Expressions recent news writes that the first rules missed, on sentences written for the tests
(published Wednesday 2024-12-18 unless said otherwise)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Lawmakers hope to pass the bill by the end of the week.", "the end of the week", "2024-W51"),
    ("The fund was launched at the start of the month.", "the start of the month", "2024-12"),
    ("Talks could resume in the middle of the month.", "the middle of the month", "2024-12"),
])
def test_a_point_in_the_current_week_or_month(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Retailers slashed prices on Black Friday.", "Black Friday", "2023-11-24"),
    ("The markets were shut for Martin Luther King Jr. Day.", "Martin Luther King Jr. Day", "2024-01-15"),
    ("He flew home on New Year’s Day.", "New Year’s Day", "2024-01-01"),
    ("Crowds gathered in Dublin on St. Patrick's Day.", "St. Patrick's Day", "2024-03-17"),
    ("The family met on Mother's Day.", "Mother's Day", "2024-05-12"),
])
def test_holidays_of_recent_news(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text, published="2024-06-12"))[expression] == value


def test_a_holiday_a_tense_would_put_half_a_year_away_is_the_near_one(nlp: Any) -> None:
    # published 2012-10-06: "Election Day" a month ahead, whatever the past tense of "reported" says
    result = process(nlp, "The government reported a drop in unemployment a month before Election Day.",
                     published="2012-10-06")
    assert values(result)["Election Day"] == "2012-11-06"
