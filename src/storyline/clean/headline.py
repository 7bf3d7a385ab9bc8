"""Headline detection for plain-text documents that come without a title."""

from __future__ import annotations

import re

from storyline.clean.dateline import is_date_line
from storyline.clean.lines import Line

MAX_HEADLINE_CHARS = 200
MIN_WORDS = 3
_LETTER = re.compile(r"[^\W\d_]")
_BYLINE = re.compile(r"(?i)(?:by|posted by|written by|from)\s")


def looks_like_headline(text: str) -> bool:
    """A short single line of three words or more, no final period, not a date or a byline.

    A final "?", "!" or closing quote is fine; ".", ",", ";" and ":" are not.
    """
    text = text.strip()
    if not text or len(text) >= MAX_HEADLINE_CHARS or len(text.split()) < MIN_WORDS:
        return False
    if text[-1] in ".,;:" or _LETTER.search(text) is None:
        return False
    return not is_date_line(text) and _BYLINE.match(text) is None


def find_title(lines: list[Line]) -> str | None:
    """The first kept line when it looks like a headline and more text follows it."""
    kept = [line for line in lines if line.kept][:2]
    if len(kept) == 2 and looks_like_headline(kept[0].text):
        return kept[0].text.strip()
    return None
