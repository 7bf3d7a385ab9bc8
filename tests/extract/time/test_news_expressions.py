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
