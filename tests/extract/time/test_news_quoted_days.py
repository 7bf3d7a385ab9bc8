"""A deictic word inside a quotation the narrative has dated, on sentences written for the tests
(published Wednesday 2024-12-18)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process


def _found(text: str, nlp: Any) -> dict[str, str | None]:
    return {t.text: t.value for t in process(nlp, text).timexes}


@pytest.mark.parametrize(("text", "expression", "value"), [
    # the quotation follows the day its words were said
    ("The harbour master spoke on Monday night. “Tonight's storm shut the pier,” he said.", "Tonight", "2024-12-16TNI"),
    ("The coach was asked about it on Monday.\n\n“We trained twice today,” she said.", "today", "2024-12-16"),
    ("The baker wrote on Sunday: \"I sold every loaf today and none yesterday.\"", "yesterday", "2024-12-14"),
])
def test_a_deictic_word_in_a_dated_quotation_is_said_on_that_day(
        nlp: Any, text: str, expression: str, value: str) -> None:
    assert _found(text, nlp)[expression] == value


@pytest.mark.parametrize("text", [
    "“We will vote today,” the mayor said.",  # no day named: the publication day
    "The vote is on Friday. “We campaign today,” the mayor said.",  # a day ahead dates no words said
    "The mayor spoke on Monday. The council met later. Then the clerks argued about the budget for a long while, "
    "the treasurer read out every line of the accounts, the members asked about each road and each school, and the "
    "chair adjourned twice for coffee before anyone could agree on the order of the remaining business, which took "
    "the rest of the evening and most of the night as well, so that by the time the lights went out in the hall the "
    "cleaners had already arrived. “We vote today,” the mayor said.",  # too far back
])
def test_an_undated_quotation_keeps_the_publication_day(nlp: Any, text: str) -> None:
    assert _found(text, nlp)["today"] == "2024-12-18"
