"""Article text cut into paragraphs and highlighted segments, for the HTML templates.

Nothing here writes markup: a paragraph is a list of `Segment`s (plain text plus the CSS
classes and anchor ids of the spans that cover it), and the templates print each segment's
text through Jinja's autoescaping. Spans may overlap (a quote containing an event sentence):
the text is cut at every span boundary, and each piece carries the classes of all the spans
covering it.

Offsets index the article's clean text, as everywhere in storyline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class Span:
    """A highlightable span of the text: `kind` becomes the CSS class `hl-<kind>`."""

    start: int
    end: int
    kind: str
    anchor: str | None = None  # element id placed on the span's first segment
    title: str | None = None  # tooltip


@dataclass
class Segment:
    text: str
    kinds: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    @property
    def css(self) -> str:
        return " ".join(["hl"] + [f"hl-{k}" for k in self.kinds]) if self.kinds else ""

    @property
    def marked(self) -> bool:
        """Part of the evidence the page was opened for (drawn as `<mark>`)."""
        return "evidence" in self.kinds

    @property
    def anchor(self) -> str | None:
        return self.anchors[0] if self.anchors else None

    @property
    def title(self) -> str:
        return "; ".join(self.titles)


@dataclass
class Paragraph:
    start: int
    end: int
    segments: list[Segment]


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank paragraph (text between line breaks), in order."""
    bounds: list[tuple[int, int]] = []
    pos = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _segments(text: str, start: int, end: int, spans: list[Span]) -> list[Segment]:
    inside = [s for s in spans if s.start < end and s.end > start and s.end > s.start]
    cuts = sorted({start, end} | {max(start, min(end, c)) for s in inside for c in (s.start, s.end)})
    segments = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in inside if s.start <= a and s.end >= b]
        segments.append(Segment(
            text=text[a:b],
            kinds=sorted({s.kind for s in covering}),
            anchors=[s.anchor for s in sorted(covering, key=lambda s: s.kind != "evidence")
                     if s.anchor and s.start == a],
            titles=[s.title for s in covering if s.title],
        ))
    return segments


def paragraphs(text: str, spans: list[Span] | None = None) -> list[Paragraph]:
    """The text's paragraphs, each cut into segments at the boundaries of `spans`.

    A span crossing a paragraph break is highlighted in both paragraphs; its anchor goes on
    its first segment only."""
    spans = spans or []
    return [Paragraph(s, e, _segments(text, s, e, spans)) for s, e in paragraph_bounds(text)]


def in_context(text: str, start: int, end: int, kind: str = "evidence") -> Paragraph:
    """The paragraph(s) holding text[start:end], with that span highlighted.

    An evidence span crossing paragraph breaks gets all the paragraphs it touches, joined."""
    bounds = paragraph_bounds(text) or [(0, len(text))]
    touched = [(s, e) for s, e in bounds if s < max(end, start + 1) and e > start] or [
        min(bounds, key=lambda b: abs(b[0] - start))]
    first, last = touched[0][0], touched[-1][1]
    first, last = min(first, start), max(last, end)
    return Paragraph(first, last, _segments(text, first, last, [Span(start, end, kind)]))
