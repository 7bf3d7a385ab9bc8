"""Halves of a year ("the second half of the year"), on sentences written for the tests
(published Wednesday 2024-12-18 unless said)."""

from __future__ import annotations

from typing import Any

from tests.extract.time.helpers import process, values


def test_a_half_before_a_hyphen_is_no_half_year(nlp: Any) -> None:
    found = values(process(nlp, "The league's first half-Irish captain retired."))
    assert not any("half" in expression for expression in found)


def test_the_second_half_of_the_year_is_the_publications_unless_told_as_past(nlp: Any) -> None:
    published = "2024-04-10"
    ahead = values(process(nlp, "Lawmakers face a crowded agenda in the second half of the year.", published))
    assert ahead["the second half of the year"] == "2024-H2"
    told = values(process(nlp, "Profits rose in the second half of the year, the bank said.", published))
    assert told["the second half of the year"] == "2023-H2"
    bare = values(process(nlp, "Margins narrowed in the second half.", published))
    assert bare["the second half"] == "2023-H2"
