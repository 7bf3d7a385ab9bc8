"""Transcript lines: `PENCE: Well, look, ...` and headlines such as `Sanders: Clinton needs ...`.

A paragraph that starts (after an optional opening quotation mark) with a short speaker label —
one to four capitalised words, not a place or date — and a colon is a direct statement of that
speaker; the paragraphs after it that open with a quotation mark and carry no label of their
own continue it (a transcript quoted over several paragraphs). The colon is the cue. Credit and
contact lines (`Contributing: Jane Doe`, `Twitter: @name`) and tallies (`Sanders: 1,547.`) are
not statements.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storyline.extract.quotes.attribution import Found
from storyline.extract.quotes.marks import paragraphs
from storyline.model import Mention

_LABEL = re.compile(r"[\"“]?\s*((?:[A-Z][\w.'’-]*\s?){1,4}):\s+\S")
NOT_SPEAKERS = frozenset({
    "note", "editor's note", "update", "updated", "photo", "related", "read more", "source", "sources",
    "watch", "video", "correction", "clarification", "q", "a", "question", "answer", "warning", "breaking",
    "exclusive", "opinion", "analysis", "live", "listen", "see also", "also read", "advertisement", "tags",
    "the latest", "latest", "live updates", "fact check", "explainer", "watch live", "editorial",
    # credit and contact lines: "Contributing: Jane Doe", "BYLINE: ...", "Twitter: @name"
    "contributing", "byline", "twitter", "email", "e-mail", "follow", "contact", "reporting", "additional reporting",
    "credit", "photos", "editor’s note",
})
PLACE_TYPES = frozenset({"GPE", "LOC", "DATE", "TIME", "CARDINAL", "FAC", "EVENT"})


def _label(text: str, para: tuple[int, int], mentions: Sequence[Mention]) -> tuple[int, int] | None:
    m = _LABEL.match(text, para[0], para[1])
    if m is None:
        return None
    start, end = m.span(1)
    end = start + len(m.group(1).rstrip())
    if m.group(1).strip().lower() in NOT_SPEAKERS:
        return None
    if any(x.start < end and x.end > start and x.type in PLACE_TYPES for x in mentions):
        return None
    return start, end


def transcript_lines(text: str, mentions: Sequence[Mention]) -> list[Found]:
    """Every labelled paragraph as a direct statement of its label (see module doc)."""
    out: list[Found] = []
    current: Found | None = None
    for n, para in enumerate(paragraphs(text)):
        label = _label(text, para, mentions)
        if label is not None:
            content_start = text.index(":", label[1]) + 1
            current = Found([(content_start, para[1])], True, None, cue_text=":", paragraph=n, label=label)
            out.append(current)
        elif current is not None and text[para[0]:para[1]].lstrip()[:1] in ('"', "“"):
            current.pieces.append(para)
        else:
            current = None
    for found in out:
        found.pieces = [_strip(text, s, e) for s, e in found.pieces]
    return [f for f in out if all(e > s for s, e in f.pieces) and _says_something(text, f)]


def _says_something(text: str, found: Found) -> bool:
    """A tally line (`Sanders: 1,547.`) reports a number, not a statement: a line needs a word."""
    return any(c.isalpha() for s, e in found.pieces for c in text[s:e])


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\"“”"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "\"“”"):
        end -= 1
    return start, end
