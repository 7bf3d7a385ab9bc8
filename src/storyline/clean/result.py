"""The result of cleaning one document."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.model import Removal


@dataclass(frozen=True)
class CleanText:
    """Clean text of one document plus what cleaning found and removed.

    `text` is the string every evidence offset of the project indexes. `removed` lists what was
    taken out, each with offsets into the *input* text (`Document.text`), in input order.
    """

    text: str
    removed: list[Removal] = field(default_factory=list)
    title: str | None = None
    dateline: str | None = None
    dateline_date: str | None = None
    language: str | None = None
    language_score: float = 0.0
    mojibake_fixed: bool = False
