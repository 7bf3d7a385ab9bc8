"""Ranges of years written with two digits for the second ("the 2015-16 season"), on sentences
written for the tests (published Wednesday 2024-12-18)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


@pytest.mark.parametrize(("text", "first", "second", "value"), [
    ("The club's 2021-22 season was its worst in a decade.", "2021", "22", "2022"),
    ("Enrolment fell during the 1998-99 school year.", "1998", "99", "1999"),
    ("The budget for 1999-00 was balanced.", "1999", "00", "2000"),
    ("He chaired the panel from 2009-13 and again in 2016.", "2009", "13", "2013"),
    ("The 2023/24 accounts show a small surplus.", "2023", "24", "2024"),
])
def test_the_second_year_of_a_range_is_an_expression(nlp: Any, text: str, first: str, second: str,
                                                     value: str) -> None:
    found = values(process(nlp, text))
    assert found[first] == first
    assert found[second] == value


@pytest.mark.parametrize("text", [
    "The fare rose 2020-15% at peak hours.",
    "A report dated 2021-05 was filed.",
    "Call the desk on 2024-11-30 for tickets.",
])
def test_no_second_year_where_none_is_ranged(nlp: Any, text: str) -> None:
    found = values(process(nlp, text))
    assert not any(len(expression) == 2 for expression in found)


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The permit runs until March 15 of next year.", "March 15 of next year", "2025-03-15"),
    ("The pact was signed on 3 May of last year.", "3 May of last year", "2023-05-03"),
])
def test_a_day_of_a_relative_year_is_one_expression(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value
