"""Words of a season that name no time, on sentences written for the tests (published Wednesday
2024-12-18)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


@pytest.mark.parametrize("text", [
    "Crowds marked the fall of the old regime with fireworks.",
    "Historians still argue about the fall of the Roman Republic.",
    "Poets wrote of the spring of the revolt for decades.",
    "She skated for her country at the Winter Olympics in Norway.",
    "The team trained hard for the Summer Games in Paris.",
])
def test_a_downfall_or_a_name_is_no_season(nlp: Any, text: str) -> None:
    found = values(process(nlp, text))
    assert not any(word in expression.lower() for expression in found for word in ("fall", "spring", "winter",
                                                                                   "summer"))


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The fall of 1998 was wet across the plains.", "The fall of 1998", "1998-FA"),
    ("Sales slowed in the fall, the company said.", "the fall", "2024-FA"),
    ("Winter storms closed the pass in the winter.", "the winter", "2024-WI"),
])
def test_seasons_stay_seasons(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value
