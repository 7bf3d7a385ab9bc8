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

Pages whose paragraphs are all separated by blank lines (most web text) have no such structure;
there a new story can only start at a **headline**: a one-line block of at most
`STORY_HEADLINE_MAX_WORDS` words, no final full stop, at least `MIN_HEADLINE_WORDS` content
words, not a numbered list item, no slash or address (a photo credit, a link). It starts a
story only if every one of these holds:

- both sides are long enough: the story it ends and the rest of the page have at least
  `MIN_STORY_WORDS` words each (a subheading ends a short passage just as often);
- the topic changes: the content words of the `WINDOW` words before and after it have a cosine
  below `MAX_WINDOW_SIMILARITY` (sections of one article share far more);
- the headline announces what follows, not what came before: at most `MAX_HEADLINE_BEFORE` of
  its content words occur in the `WINDOW` words before it.

On both layouts a boundary is refused when a **rare name** (a capitalised word rarer than
`RARE_NAME_ZIPF` on wordfreq's scale, e.g. "Crutcher", "DuVernay"; common names like "Trump"
or "Taliban" are shared by unrelated stories) from the first `WINDOW` / 2 words after it
already occurs before it: the same people and organisations mean the same story goes on.

A text with no such boundary is one story, the whole text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

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
STORY_HEADLINE_MAX_WORDS = 20
MIN_HEADLINE_WORDS = 4  # content words
MIN_STORY_WORDS = 150  # words of four letters or more
WINDOW = 300  # words either side of a headline compared for a change of topic
MAX_WINDOW_SIMILARITY = 0.08
MAX_HEADLINE_BEFORE = 0.34
RARE_NAME_ZIPF = 3.0
NUMBERED = re.compile(r"\s*\d+[.)]\s")
POSSESSIVE = re.compile(r"['’]s?$")
CREDIT = re.compile(r"/|@|https?:")  # "Name/Staff", "Getty/Instagram", an address: a credit or a link
NAME = re.compile(r"\b[A-Z][A-Za-z]{2,}\b")


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
    parts = blocks(text)
    groups = sections(parts)
    stories = _join_sections(text, groups) if len(groups) > 1 else _split_at_headlines(text, parts)
    if len(stories) < 2:
        return [Story(0, len(text))]
    return [Story(s[0].start, s[-1].end, _title(s)) for s in stories]


def _join_sections(text: str, groups: list[list[_Block]]) -> list[list[_Block]]:
    stories: list[list[_Block]] = [groups[0]]
    for group in groups[1:]:
        if _separate(stories[-1], group) and not _continues(text, group[0].start):
            stories.append(group)
        else:
            stories[-1] = stories[-1] + group
    return stories


def _split_at_headlines(text: str, parts: list[_Block]) -> list[list[_Block]]:
    """Stories of a page whose paragraphs are all separated by blank lines (module docstring)."""
    stories: list[list[_Block]] = [[]]
    for i, block in enumerate(parts):
        if stories[-1] and _starts_story(text, stories[-1], block, parts[i + 1:]):
            stories.append([])
        stories[-1].append(block)
    return stories


def _starts_story(text: str, story: list[_Block], block: _Block, rest: list[_Block]) -> bool:
    if not _is_story_headline(block):
        return False
    if min(_words(story), _words(rest)) < MIN_STORY_WORDS:
        return False
    before = " ".join(text[:block.start].split()[-WINDOW:])
    after = " ".join(text[block.end:].split()[:WINDOW])
    if cosine(_counts(before), _counts(after)) >= MAX_WINDOW_SIMILARITY:
        return False
    heading = set(_counts(block.text))
    if len(heading & set(_counts(before))) > MAX_HEADLINE_BEFORE * len(heading):
        return False
    return not _continues(text, block.start)


def _is_story_headline(block: _Block) -> bool:
    lines = block.lines
    if len(lines) != 1 or NUMBERED.match(lines[0]) or CREDIT.search(lines[0]):
        return False
    line = lines[0].strip()
    return len(line.split()) <= STORY_HEADLINE_MAX_WORDS and not line.endswith((".", ",", ";", ":", '"', "”")) \
        and len(_counts(line)) >= MIN_HEADLINE_WORDS


def _continues(text: str, at: int) -> bool:
    """Whether a rare name from the opening after `at` already occurs before it."""
    opening = " ".join(text[at:].split()[:WINDOW // 2])
    names = {m.group() for m in NAME.finditer(opening) if _rare(m.group())}
    return any(re.search(rf"\b{re.escape(name)}\b", text[:at]) for name in names)


@lru_cache(maxsize=50_000)
def _rare(name: str) -> bool:
    return zipf_frequency(name.lower(), "en") < RARE_NAME_ZIPF


def _words(group: list[_Block]) -> int:
    return sum(len(WORD.findall(b.text)) for b in group)


def _counts(text: str) -> Counter[str]:
    words = (POSSESSIVE.sub("", w.lower()) for w in WORD.findall(text))
    return Counter(w for w in words if w not in STOP)


def _title(group: list[_Block]) -> str | None:
    first = group[0]
    return first.text.strip() if first.is_headline() and len(group) > 1 else None
