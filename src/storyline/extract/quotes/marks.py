"""Quotation-mark pairing: where the directly quoted passages of a text are.

The text is read paragraph by paragraph (a paragraph is a run of text between line breaks).
Curly marks say which side they are on (“ opens, ” closes, except a ” that starts a paragraph
before a word; « », „ likewise); a straight `"`
or a doubled `''` is read from its neighbours (before a word: opening; after a word and before
a space or punctuation: closing; else it opens when no quote is open and closes otherwise); a
back-tick pair opens. An opening mark met while a quote of the same paragraph is still open
restarts the quote there (the earlier mark was never closed).
A quote left open at the end of its paragraph continues into the next one when that paragraph
starts with an opening mark (the newspaper convention for a quote over several paragraphs);
otherwise it ends with its paragraph. Single marks (‘ ’) are nested quotes inside a double
quote and are left alone there; in a paragraph without double marks they are quotes when they
stand at word edges (so apostrophes — "Taliban’s", "don't" — never open a quote). Straight
single marks (`'We will stay,' the mayor said`) count only in a text without any double mark
(where a writer uses single marks for quotes, not for headlines and nested quotes), in a
paragraph without curly ones, and only as a pair closed after a sentence's punctuation within
the paragraph.

A `Passage` is one quotation: one piece per paragraph it spans, each piece being the
characters between the marks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
AFTER_OPEN = "([{—–-/:"
BEFORE_CLOSE = ".,;:!?)]}—–-'’…"
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
_PARAGRAPH = re.compile(r"[^\n]+")


class Pieced:
    """A span told as pieces (start, end) in text order: from the first one's start to the last
    one's end."""

    pieces: Sequence[tuple[int, int]]

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


@dataclass(frozen=True)
class Passage(Pieced):
    """One quotation: its inner pieces (start, end) and the span with its marks (outer)."""

    pieces: tuple[tuple[int, int], ...]
    outer_start: int
    outer_end: int

    def text(self, source: str) -> str:
        return " ".join(source[s:e].strip() for s, e in self.pieces)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-empty line of the text."""
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]


def _side(text: str, i: int, length: int, start: int, end: int) -> str:
    """Which side a straight mark is on, from its neighbours: `open` before a word, `close`
    after one, `toggle` when it cannot be told."""
    before = text[i - 1] if i > start else " "
    after = text[i + length] if i + length < end else " "
    if (before.isspace() or before in AFTER_OPEN) and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in BEFORE_CLOSE):
        return "close"
    return "toggle"


def _marks(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """(position, length, side) of every double quotation mark in text[start:end]."""
    i = start
    while i < end:
        pair = text[i : i + 2]
        if pair in ("``", "''"):
            yield i, 2, "open" if pair == "``" else _side(text, i, 2, start, end)
            i += 2
            continue
        ch = text[i]
        if ch in OPENING:  # an opening mark after a sentence's punctuation and before a space is a typo
            typo = i > start and text[i - 1] in ",.?!" and (i + 1 >= end or text[i + 1].isspace())
            yield i, 1, "close" if typo else "open"  # for a closing one ("…over,“ said Lee")
        elif ch in CLOSING:  # a closing mark that starts a paragraph is a typo for an opening one
            yield i, 1, "open" if not text[start:i].strip() and text[i + 1:i + 2].isalnum() else "close"
        elif ch == '"':
            yield i, 1, _side(text, i, 1, start, end)
        i += 1


def _single_marks(text: str, start: int, end: int, straight: bool = False) -> Iterator[tuple[int, int, str]]:
    """Single curly marks at word edges: ‘ before a word, ’ after one and before a non-letter;
    else, in a text without double marks (`straight`), straight ones (`_straight_singles`)."""
    curly = False
    for i in range(start, end):
        ch = text[i]
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if ch == SINGLE_OPEN and not before.isalnum() and after.isalnum():
            curly = True
            yield i, 1, "open"
        elif ch == SINGLE_CLOSE and (before.isalnum() or before in ".,!?") and not after.isalnum():
            curly = True
            yield i, 1, "close"
    if straight and not curly:
        yield from _straight_singles(text, start, end)


def _straight_singles(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """"'We will stay,' the mayor said.": straight single marks in a text without double marks
    (where quotation marks are single) and a paragraph without curly ones, only as pairs within
    the paragraph: one before a word after a space or the
    paragraph's start opens, one after a sentence's punctuation and before a non-letter closes. An
    apostrophe never does ("don't", "the soldiers' homes", "the '90s" with no closing mark)."""
    opened: int | None = None
    for i in range(start, end):
        if text[i] != "'":
            continue
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if (before.isspace() or before in AFTER_OPEN) and after.isalnum():
            opened = i
        elif opened is not None and before in ".,!?…" and not after.isalnum():
            yield opened, 1, "open"
            yield i, 1, "close"
            opened = None


def _starts_with_opening(text: str, start: int, end: int) -> bool:
    stripped = text[start:end].lstrip()
    return bool(stripped) and (stripped[0] in OPENING or stripped[0] == '"' or stripped.startswith("``"))


class _Pairer:
    """Pairs marks paragraph by paragraph, carrying a quote left open into the next paragraph."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[Passage] = []
        self.pieces: list[tuple[int, int]] = []  # pieces of a quote open from earlier paragraphs
        self.outer = 0
        self.open_at: int | None = None

    def _emit(self, end_piece: tuple[int, int] | None, outer_end: int) -> None:
        pieces = [*self.pieces, *([end_piece] if end_piece else [])]
        pieces = [p for p in pieces if self.text[p[0]:p[1]].strip()]
        if pieces:
            self.found.append(Passage(tuple(pieces), self.outer, outer_end))
        self.pieces, self.open_at = [], None

    def paragraph(self, para: tuple[int, int], marks: list[tuple[int, int, str]], continues: bool) -> None:
        for pos, length, side in marks:
            if side == "open" and self.open_at is not None and not self.pieces:
                self.outer, self.open_at = pos, pos + length  # the earlier mark was never closed
            elif self.open_at is None and side in ("open", "toggle"):
                if not self.pieces:
                    self.outer = pos
                self.open_at = pos + length
            elif self.open_at is not None and side in ("close", "toggle"):
                self._emit((self.open_at, pos), pos + length)
        if self.open_at is not None:
            self.pieces.append((self.open_at, para[1]))
            self.open_at = None
            if not continues:
                self._emit(None, para[1])


def find_passages(text: str) -> list[Passage]:
    """Every quotation in the text, in order, with pieces per paragraph (see module doc)."""
    pairer = _Pairer(text)
    paras = paragraphs(text)
    straight = "''" not in text and not any(c in text for c in "\"“”„«»")  # single marks are the quotes
    for n, para in enumerate(paras):
        marks = list(_marks(text, *para)) or list(_single_marks(text, *para, straight))
        nxt = paras[n + 1] if n + 1 < len(paras) else None
        pairer.paragraph(para, marks, nxt is not None and _starts_with_opening(text, *nxt))
    return pairer.found
