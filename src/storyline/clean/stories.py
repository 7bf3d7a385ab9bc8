"""Stories in a clean text: a digest page holds several, each becomes its own article.

`split_stories` returns the character spans of the stories. Boundaries are only ever placed at
blank lines, and only where two signals agree:

1. **Structure.** A candidate boundary is a blank line that starts a new *section*: on a page
   whose paragraphs are separated by single line breaks, every block of several paragraphs is a
   section, and the short blocks before it (a headline, a standfirst) belong to it (digest pages
   glue stories this way). A page whose paragraphs are all separated by blank lines gives no
   structural boundary: there, a headline-like line is far more often a subheading than a new
   story, and vocabulary alone does not tell them apart reliably enough (measured: it split
   one news article in seven), so such pages stay whole.
2. **Topic.** Adjacent sections are separate stories only if they share little vocabulary: the
   cosine similarity of their content-word counts is below `MAX_SIMILARITY`, and each is at
   least `MIN_WORDS` long. Otherwise they are sections of one article (a subheading) and are
   joined back.

A text with no such boundary is one story, the whole text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

BLANK = re.compile(r"\n[ \t]*\n\s*")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}")
STOP = frozenset({
    "about", "above", "after", "again", "against", "also", "among", "another", "because", "been", "before",
    "being", "below", "between", "both", "could", "does", "doing", "down", "during", "each", "either", "every",
    "from", "further", "have", "having", "here", "into", "itself", "just", "more", "most", "much", "must",
    "never", "only", "other", "ours", "over", "said", "same", "says", "should", "since", "some", "such",
    "than", "that", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "through",
    "under", "until", "very", "were", "what", "when", "where", "which", "while", "will", "with", "would",
    "your", "year", "years", "told", "according",
})
MIN_SECTION_LINES = 3
MIN_LINE_CHARS = 40
MIN_WORDS = 25  # words of four letters or more
MAX_SIMILARITY = 0.25
HEADLINE_MAX_WORDS = 16  # a title line: at most this many words, no final full stop


@dataclass(frozen=True)
class Story:
    start: int
    end: int
    title: str | None = None


@dataclass(frozen=True)
class _Block:
    start: int
    end: int
    text: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.text.split("\n") if line.strip()]

    def is_section(self) -> bool:
        return sum(1 for line in self.lines if len(line) >= MIN_LINE_CHARS) >= MIN_SECTION_LINES

    def is_headline(self) -> bool:
        lines = self.lines
        if len(lines) != 1:
            return False
        line = lines[0].strip()
        return len(line.split()) <= HEADLINE_MAX_WORDS and not line.endswith((".", ",", ";", ":")) \
            and line[:1].isupper()


def blocks(text: str) -> list[_Block]:
    out, start = [], 0
    for gap in BLANK.finditer(text):
        if gap.start() > start:
            out.append(_Block(start, gap.start(), text[start:gap.start()]))
        start = gap.end()
    if start < len(text):
        out.append(_Block(start, len(text), text[start:]))
    return out


def sections(parts: list[_Block]) -> list[list[_Block]]:
    """Group blocks into sections by structure (see the module docstring)."""
    if sum(1 for b in parts if b.is_section()) < 2:
        return [parts]
    groups: list[list[_Block]] = [[]]
    for block in parts:
        groups[-1].append(block)
        if block.is_section():
            groups.append([])
    if groups[-1] and len(groups) > 1:  # trailing short blocks (a sign-off) stay with the last story
        groups[-2] += groups.pop()
    return [g for g in groups if g]


def _vector(group: list[_Block]) -> Counter[str]:
    words = (w.lower() for b in group for w in WORD.findall(b.text))
    return Counter(w for w in words if w not in STOP)


def cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(n * b[w] for w, n in a.items() if w in b)
    norm = math.sqrt(sum(n * n for n in a.values())) * math.sqrt(sum(n * n for n in b.values()))
    return dot / norm if norm else 0.0


def _separate(a: list[_Block], b: list[_Block]) -> bool:
    size = (sum(len(WORD.findall(x.text)) for x in a), sum(len(WORD.findall(x.text)) for x in b))
    return min(size) >= MIN_WORDS and cosine(_vector(a), _vector(b)) < MAX_SIMILARITY


def split_stories(text: str) -> list[Story]:
    """Spans of the stories in `text`, in order; one story when the text is not a digest."""
    groups = sections(blocks(text))
    if len(groups) < 2:
        return [Story(0, len(text))]
    stories: list[list[_Block]] = [groups[0]]
    for group in groups[1:]:
        if _separate(stories[-1], group):
            stories.append(group)
        else:
            stories[-1] = stories[-1] + group
    if len(stories) == 1:
        return [Story(0, len(text))]
    return [Story(s[0].start, s[-1].end, _title(s)) for s in stories]


def _title(group: list[_Block]) -> str | None:
    first = group[0]
    return first.text.strip() if first.is_headline() and len(group) > 1 else None
