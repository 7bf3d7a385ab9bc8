"""Seasons referred back to ("that summer"), on sentences written for the tests (published
Wednesday 2024-12-18)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


@pytest.mark.parametrize(("text", "value"), [
    ("In the summer of 1987 she picked apples in Kent. What she saved that summer paid for college.", "1987-SU"),
    ("The dam was finished in 2011. That winter the valley flooded.", "2011-WI"),
    ("The firm moved to Leeds in 2006; that fall it hired 40 people.", "2006-FA"),
    ("Rents doubled in 2015, and in that spring the shop closed.", "2015-SP"),
])
def test_that_season_is_the_one_the_text_named(nlp: Any, text: str, value: str) -> None:
    found = values(process(nlp, text))
    season = next(expression for expression in found if expression.lower().startswith("that "))
    assert found[season] == value


def test_the_same_season_named_before_wins_over_a_later_year(nlp: Any) -> None:
    text = ("In the summer of 1987 she picked apples in Kent. The farm had opened in 1950 and still sells "
            "cider today. What she learned that summer stayed with her.")
    assert values(process(nlp, text))["that summer"] == "1987-SU"


@pytest.mark.parametrize("text", [
    "Shares that fall below a dollar are delisted.",
    "Ideas that spring from fear rarely last.",
])
def test_fall_and_spring_after_that_can_be_verbs(nlp: Any, text: str) -> None:
    found = values(process(nlp, text))
    assert not any("fall" in expression or "spring" in expression for expression in found)
