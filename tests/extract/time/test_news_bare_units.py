"""A bare plural unit counted from something ("hours later", "weeks before the vote"), on
sentences written for the tests (published Wednesday 2024-12-18)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process


def _typed(text: str, nlp: Any) -> dict[str, tuple[str, str | None]]:
    return {t.text: (t.type, t.value) for t in process(nlp, text).timexes}


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The keeper was freed, and the lighthouse went dark hours later.", "hours", "PTXH"),
    ("Minutes later, the ferry left the harbour.", "Minutes", "PTXM"),
    ("The orchard was sold only weeks before the frost.", "weeks", "PXW"),
    ("The coach was fired barely days into his contract.", "days", "PXD"),
    ("The bridge reopened months after the flood.", "months", "PXM"),
    ("Residents still talk about the blaze years afterwards.", "years", "PXY"),
])
def test_a_bare_plural_unit_counted_from_something_is_a_vague_duration(
        nlp: Any, text: str, expression: str, value: str) -> None:
    assert _typed(text, nlp)[expression] == ("DURATION", value)


@pytest.mark.parametrize(("text", "unit"), [
    ("The nurses dreaded the long hours after the storm.", "hours"),
    ("Opening hours before the festival are short.", "hours"),
    ("The rumour spread in a couple of days before the fair.", "days"),  # the phrase's noun, no stretch of its own
    ("Cows need days of rest.", "days"),  # counted from nothing
])
def test_a_modified_or_embedded_plural_unit_is_no_stretch_of_its_own(nlp: Any, text: str, unit: str) -> None:
    assert unit not in _typed(text, nlp)


def test_a_bare_plural_after_for_still_counts(nlp: Any) -> None:
    assert _typed("The generator hummed for hours.", nlp)["hours"] == ("DURATION", "PTXH")
