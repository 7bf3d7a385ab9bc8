"""Helpers shared by the clean-stage tests."""

from __future__ import annotations

from storyline.clean import CleanText, clean_document
from storyline.model import Document


def clean(text: str, fmt: str = "text", title: str | None = None) -> CleanText:
    """Clean `text` given as a document of format `fmt`, checking the removal invariant."""
    result = clean_document(Document(id="t", text=text, format=fmt, title=title))
    for removal in result.removed:
        assert text[removal.raw_start : removal.raw_end] == removal.text, removal
    return result


def reasons(result: CleanText) -> list[str]:
    """The removal reasons of a result, in input order."""
    return [r.reason for r in result.removed]
