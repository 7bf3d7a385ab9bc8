"""A weekday naming a deadline's day, on sentences written for the tests (published Wednesday
2024-12-18)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


@pytest.mark.parametrize(("text", "value"), [
    # set in the past, the deadline still ahead: the nearest Friday, not the one before the setting
    ("The regulator set the bakery a Thursday deadline to answer.", "2024-12-19"),
    ("The mayor had set the orchestra a Thursday deadline.", "2024-12-19"),
    # the nearest Monday is two days back
    ("The landlord set a Monday deadline for the rent.", "2024-12-16"),
])
def test_a_weekday_deadline_is_the_nearest_such_day(nlp: Any, text: str, value: str) -> None:
    day = next(t for t in process(nlp, text).timexes if t.type == "DATE")
    assert day.value == value


def test_a_possessive_weekday_deadline_keeps_the_tense(nlp: Any) -> None:
    assert values(process(nlp, "The bakery missed Friday's deadline."))["Friday"] == "2024-12-13"
