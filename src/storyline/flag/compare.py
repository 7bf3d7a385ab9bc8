"""Compare two articles word by word: is one a copy, a truncated copy, a spun rewrite of the other?

The texts are aligned on lower-cased words (difflib's SequenceMatcher, no junk heuristic). From
the alignment:
- `similarity`  matched words × 2 / (words of both), 1.0 for the same text;
- `containment` matched words / words of the shorter text (1.0: the shorter is wholly inside);
- `swaps`       replaced runs of at most `MAX_SWAP` words on both sides ("year" → "12 months",
                "Security Council" → "Safety Council"): the trace of a synonym spinner.

Kinds, in order: `spun` (at least half contained; at least `MIN_SWAPS` swaps and 1.5 per 100
aligned words; and most differences are swaps, not inserted or deleted passages: a human edit
changes passages, a spinner changes words), `copy` (similarity ≥ 0.9), `truncated` (the shorter
is ≥ 0.9 contained and at most 80% as long), `edited` (similarity ≥ 0.6), else `unrelated`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

WORD = re.compile(r"\w+(?:['’]\w+)*")
MAX_SWAP = 3
MIN_SWAPS = 5
COPY = 0.9
TRUNCATED = 0.9
SPUN_CONTAINMENT = 0.5
SPUN_RATE = 0.015
SPUN_SWAP_SHARE = 0.6
EDITED = 0.6


@dataclass(frozen=True)
class Words:
    """A text's words, lower-cased, with their character spans."""

    text: str
    tokens: list[str]
    spans: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str) -> Words:
        matches = list(WORD.finditer(text))
        return cls(text, [m.group().lower() for m in matches], [m.span() for m in matches])

    def span(self, i: int, j: int) -> tuple[int, int]:
        """Characters of words i..j-1 (an empty run sits where word i would start)."""
        if i >= j:
            at = self.spans[i][0] if i < len(self.spans) else len(self.text)
            return at, at
        return self.spans[i][0], self.spans[j - 1][1]


@dataclass(frozen=True)
class Difference:
    """One place where the copy differs from the original, with spans in both."""

    op: str  # replace, insert, delete
    original: tuple[int, int]
    copy: tuple[int, int]


@dataclass(frozen=True)
class Comparison:
    kind: str
    similarity: float
    containment: float
    swaps: int
    aligned: int
    differences: list[Difference] = field(default_factory=list)

    def describe(self, original: Words, copy: Words, limit: int = 4) -> str:
        """A human-readable account of what differs: counts, then the first few swaps."""
        inserted = sum(1 for d in self.differences if d.op == "insert")
        deleted = sum(1 for d in self.differences if d.op == "delete")
        parts = [f"similarity {self.similarity:.2f}", f"{self.swaps} word swaps",
                 f"{inserted} insertions", f"{deleted} deletions"]
        examples = [
            f"'{original.text[d.original[0]:d.original[1]]}' → '{copy.text[d.copy[0]:d.copy[1]]}'"
            for d in self.differences if d.op == "replace"
        ][:limit]
        return "; ".join(parts) + (f" (e.g. {', '.join(examples)})" if examples else "")


def compare(original: Words, copy: Words) -> Comparison:
    """Align `copy` against `original` and classify the relation."""
    matcher = SequenceMatcher(None, original.tokens, copy.tokens, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    total = len(original.tokens) + len(copy.tokens)
    shorter = min(len(original.tokens), len(copy.tokens)) or 1
    differences = [
        Difference(op, original.span(i1, i2), copy.span(j1, j2))
        for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"
    ]
    swaps = sum(
        1 for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op == "replace" and i2 - i1 <= MAX_SWAP and j2 - j1 <= MAX_SWAP
    )
    similarity = 2 * matched / total if total else 1.0
    containment = matched / shorter
    swap_share = swaps / len(differences) if differences else 0.0
    kind = _kind(similarity, containment, swaps, swap_share, matched, len(original.tokens), len(copy.tokens))
    return Comparison(kind, round(similarity, 3), round(containment, 3), swaps, matched, differences)


def _kind(
    similarity: float, containment: float, swaps: int, swap_share: float, matched: int, n_orig: int, n_copy: int
) -> str:
    spinner_like = swaps >= MIN_SWAPS and swaps >= SPUN_RATE * matched and swap_share >= SPUN_SWAP_SHARE
    if containment >= SPUN_CONTAINMENT and spinner_like:
        return "spun"
    if similarity >= COPY:
        return "copy"
    if containment >= TRUNCATED and min(n_orig, n_copy) <= 0.8 * max(n_orig, n_copy):
        return "truncated"
    if similarity >= EDITED:
        return "edited"
    return "unrelated"
