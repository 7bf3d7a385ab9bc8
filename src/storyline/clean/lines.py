"""Lines of the input text with their input offsets: the unit every cleaning step works on.

A `Line` keeps three views of one input line:

- `raw_start`/`raw_end`: where the line's content sits in `Document.text` (terminator excluded);
- `base`: the content after mojibake repair and inline cuts, whitespace untouched;
- `text`: `base` after the whitespace policy (equal to `base` under `preserve`).

Offsets of `base` map back to the input through `raw_index`, so every `Removal` carries input
offsets even after earlier edits. The map is exact unless mojibake repair changed the line
(`fixed`), where it is proportional and removals are located by search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from storyline.model import Removal

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")


@dataclass(slots=True)
class Line:
    """One input line and what cleaning made of it."""

    raw_start: int
    raw_end: int
    eol: str
    base: str
    text: str = ""
    fixed: bool = False
    reason: str | None = None
    offsets: list[int] | None = field(default=None, repr=False)

    @property
    def blank(self) -> bool:
        """True when nothing but whitespace is left of the line."""
        return not self.text or self.text.isspace()

    @property
    def kept(self) -> bool:
        """True when the line is still in the text and not blank."""
        return self.reason is None and not self.blank

    def raw_index(self, i: int) -> int:
        """Input offset of position `i` of `base`."""
        if self.offsets is not None:
            return self.offsets[max(0, min(i, len(self.offsets) - 1))]
        if self.fixed and self.base:
            span = self.raw_end - self.raw_start
            return self.raw_start + round(min(i, len(self.base)) * span / len(self.base))
        return self.raw_start + i

    def cut(self, spans: list[tuple[int, int]], reason: str, raw: str) -> list[Removal]:
        """Remove non-overlapping `base` spans (in order), recording each as a `Removal`."""
        removals: list[Removal] = []
        if self.offsets is None:
            self.offsets = [self.raw_index(i) for i in range(len(self.base) + 1)]
        pieces: list[str] = []
        offsets: list[int] = []
        last = 0
        for start, end in spans:
            removals.append(self._removal(start, end, reason, raw))
            pieces.append(self.base[last:start])
            offsets.extend(self.offsets[last:start])
            last = end
        pieces.append(self.base[last:])
        offsets.extend(self.offsets[last:])
        self.base = "".join(pieces)
        self.offsets = offsets
        return removals

    def _removal(self, start: int, end: int, reason: str, raw: str) -> Removal:
        removed = self.base[start:end]
        a, b = self.raw_index(start), self.raw_index(end)
        if self.fixed and raw[a:b] != removed:
            found = raw.find(removed, self.raw_start, self.raw_end)
            a, b = (found, found + len(removed)) if found >= 0 else (self.raw_start, self.raw_end)
        return Removal(reason=reason, text=raw[a:b], raw_start=a, raw_end=b)

    def rstrip(self) -> None:
        """Drop trailing whitespace from `base` (silently: it is not content)."""
        stripped = self.base.rstrip()
        if len(stripped) < len(self.base):
            if self.offsets is not None:
                del self.offsets[len(stripped) + 1 :]
            self.base = stripped

    def removal(self, reason: str, raw: str, strip: bool = True) -> Removal:
        """Mark the whole line removed and record it (input span without outer whitespace,
        unless `strip` is False)."""
        self.reason = reason
        a, b = self.raw_start, self.raw_end
        while strip and a < b and raw[a].isspace():
            a += 1
        while strip and b > a and raw[b - 1].isspace():
            b -= 1
        return Removal(reason=reason, text=raw[a:b], raw_start=a, raw_end=b)


def split_lines(raw: str) -> list[Line]:
    """The lines of `raw` ("\\r\\n", "\\r" and "\\n" end a line), with their input offsets."""
    if "\r" not in raw:
        return _split_lf(raw)
    lines: list[Line] = []
    for m in _LINE.finditer(raw):
        start, end = m.span(1)
        if start == len(raw) and lines and not m.group(2):
            break
        lines.append(Line(raw_start=start, raw_end=end, eol=m.group(2), base=m.group(1)))
        if not m.group(2):
            break
    return lines


def _split_lf(raw: str) -> list[Line]:
    """Fast path of `split_lines` for text whose only line break is "\\n"."""
    parts = raw.split("\n")
    lines: list[Line] = []
    start = 0
    last = len(parts) - 1
    for i, part in enumerate(parts):
        if i == last and not part and i > 0:
            break
        end = start + len(part)
        lines.append(Line(raw_start=start, raw_end=end, eol="\n" if i < last else "", base=part))
        start = end + 1
    return lines
