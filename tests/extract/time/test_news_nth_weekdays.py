"""A weekday counted within its month ("the third Sunday in June"), the first of a year or
month, and a year a relative clause picks out ("the year the club was founded"), on sentences
written for the tests (published Wednesday 2024-12-18 unless said otherwise)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


@pytest.mark.parametrize(("text", "expression", "value"), [
    # told in the past: the one at or before the publication day
    ("On the third Sunday in June, the ferry ran late.", "the third Sunday in June", "2024-06-16"),
    ("The rally was held on the second Tuesday of March.", "the second Tuesday of March", "2024-03-12"),
    ("The last Monday of May was the hottest day.", "The last Monday of May", "2024-05-27"),
    # told ahead: the coming one
    ("The parade will be on the fourth Thursday in November.", "the fourth Thursday in November", "2025-11-27"),
    ("The council will vote on the first Monday of February.", "the first Monday of February", "2025-02-03"),
    # a year written with it
    ("The race took place on the last Sunday of May 2031.", "the last Sunday of May 2031", "2031-05-25"),
    ("The 3rd Saturday of October, 2019 was wet.", "The 3rd Saturday of October, 2019", "2019-10-19"),
])
def test_a_weekday_counted_in_its_month(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_a_fifth_weekday_the_month_lacks_has_no_value(nlp: Any) -> None:
    # February 2024 has four Fridays
    assert values(process(nlp, "The shop opened on the fifth Friday of February 2024."))[
        "the fifth Friday of February 2024"] is None


def test_a_weekday_counted_in_its_month_turns_the_year_in_the_month_itself(nlp: Any) -> None:
    # published Monday 2025-06-02: the first Friday of June is still ahead, so one told in the past is last year's
    found = values(process(nlp, "The fair was held on the second Saturday in June.", published="2025-06-02"))
    assert found["the second Saturday in June"] == "2024-06-08"


@pytest.mark.parametrize("text", [
    "The house was built during the year the railway reached the town.",
    "She was born the year her uncle won the cup.",
    "It was the year when everything at the mill changed.",
])
def test_a_year_a_relative_clause_picks_out_is_no_expression(nlp: Any, text: str) -> None:
    assert "the year" not in values(process(nlp, text))


@pytest.mark.parametrize(("text", "value"), [
    ("Profit rose in the year that ended in June.", "2024"),
    ("Sales fell during the year, the company said.", "2024"),
    ("The code dates to 1987, the year the council last revised it.", "1987"),
])
def test_the_year_without_such_a_clause_stays(nlp: Any, text: str, value: str) -> None:
    assert values(process(nlp, text))["the year"] == value


@pytest.mark.parametrize(("text", "expression", "value"), [
    # published 2024-12-18: ahead, the coming New Year's Day; otherwise this year's
    ("The club will pick a new coach by the first of the year.", "the first of the year", "2025-01-01"),
    ("Ticket sales have doubled since the first of the year.", "the first of the year", "2024-01-01"),
    ("The new fares start on the first of next month.", "the first of next month", "2025-01-01"),
    ("The ban took effect on the first of 2019.", "the first of 2019", "2019-01-01"),
])
def test_the_first_of_a_year_or_month_is_its_first_day(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value
