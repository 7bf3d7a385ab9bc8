"""Halves of a year ("the second half of the year"), on sentences written for the tests
(published Wednesday 2024-12-18 unless said)."""

from __future__ import annotations

from typing import Any

from tests.extract.time.helpers import process, values


def test_a_half_before_a_hyphen_is_no_half_year(nlp: Any) -> None:
    found = values(process(nlp, "The league's first half-Irish captain retired."))
    assert not any("half" in expression for expression in found)
