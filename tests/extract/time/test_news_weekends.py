"""A holiday's weekend ("Memorial Day weekend"), on sentences written for the tests (published
Wednesday 2024-12-18)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


@pytest.mark.parametrize(("text", "expression", "value"), [
    # Memorial Day 2024 fell on Monday May 27: the weekend before it
    ("Beaches were crowded over Memorial Day weekend.", "Memorial Day weekend", "2024-W21-WE"),
    # Labor Day 2024: Monday September 2
    ("The fair closed after the long Labor Day weekend.", "the long Labor Day weekend", "2024-W35-WE"),
    # Thanksgiving 2024: Thursday November 28, its weekend after it
    ("Stores stayed open through the Thanksgiving holiday weekend.", "the Thanksgiving holiday weekend",
     "2024-W48-WE"),
])
def test_a_holiday_weekend_is_the_weekend_of_the_holiday(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_a_counted_weekend_keeps_its_duration(nlp: Any) -> None:
    found = values(process(nlp, "The mayor spent the three-day Memorial Day weekend at the lake."))
    assert found["three-day"] == "P3D"
    assert found["Memorial Day weekend"] == "2024-W21-WE"


def test_a_holiday_alone_stays_its_day(nlp: Any) -> None:
    assert values(process(nlp, "The parade on Memorial Day drew thousands."))["Memorial Day"] == "2024-05-27"


def test_a_holiday_with_its_year_after_a_comma_is_that_years(nlp: Any) -> None:
    found = values(process(nlp, "The last dinner we shared was Thanksgiving, 2009."))
    assert found == {"Thanksgiving, 2009": "2009-11-26"}


def test_a_count_after_a_holiday_is_no_year(nlp: Any) -> None:
    found = values(process(nlp, "On Christmas, 2,000 volunteers served meals."))
    assert found == {"Christmas": "2023-12-25"}
