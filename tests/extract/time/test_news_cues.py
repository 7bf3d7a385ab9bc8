"""Words before an expression that say which way it points, whatever the parse makes of the verb;
sentences written for the tests (published Wednesday 2024-12-18 unless said otherwise)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


@pytest.mark.parametrize(("text", "expression", "value"), [
    # the nearest September lies behind (2024-09); "come September" is the next one
    ("Come September, the new rules bind every school in the county.", "September", "2025-09"),
    ("The farmers warned that come September, the silos would stand empty.", "September", "2025-09"),
    ("The ruling will weigh on the board come September.", "September", "2025-09"),
])
def test_come_and_a_month_lies_ahead(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


@pytest.mark.parametrize(("text", "expression", "value"), [
    # the nearest February lies ahead (2025-02); "back in February" looks back to the last one
    ("The council approved the budget back in February.", "February", "2024-02"),
    ("The sale of the stadium back in February still rankles the fans.", "February", "2024-02"),
    ("The letter his lawyer sent back in February is the key exhibit.", "February", "2024-02"),
    # a return, not a look back: the verb decides
    ("The crews will come back in February to finish the roof.", "February", "2025-02"),
])
def test_back_in_a_month_looks_back(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("She might run for the Senate one day, her aides say.", "one day", "FUTURE_REF"),
    ("The river could flood the valley one day.", "one day", "FUTURE_REF"),
    ("The court left them with one day to file.", "one day", "P1D"),
    ("The vote will come one day after the hearing.", "one day", "P1D"),
    ("The repairs may take one day.", "one day", "P1D"),
])
def test_one_day_ahead_is_some_day_in_the_future(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value
