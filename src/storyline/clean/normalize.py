"""Mojibake repair (ftfy) and the two whitespace policies.

- `preserve` (structured input: jsonl, csv): whitespace is left exactly as given, so offsets into
  the clean text equal offsets into the input wherever nothing was removed.
- `collapse` (raw input: text, html, feed, warc): line breaks become "\\n", any unicode space or
  tab becomes " ", runs of spaces become one, each line is stripped, and the caller joins
  paragraphs with one blank line.

ftfy runs only on lines a cheap regex flags as possible UTF-8-read-as-Latin-1/cp1252 mojibake,
and is configured not to touch text that is fine (no quote uncurling, no ligature or width
folding, no HTML unescaping; Unicode normalisation only under `collapse`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Literal

import ftfy
from ftfy import TextFixerConfig

from storyline.clean.lines import Line

Policy = Literal["preserve", "collapse"]

STRUCTURED_FORMATS = frozenset({"jsonl", "csv"})

# A UTF-8 lead byte (0xC2-0xF4) read as Latin-1/cp1252, followed by a continuation byte
# (0x80-0xBF) read the same way: the signature of mojibake such as "â€™" or "Ã©".
_CONTINUATION = (
    "\x80-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[\xc2-\xf4][{_CONTINUATION}]")


def policy_for(fmt: str) -> Policy:
    """`preserve` for structured formats, `collapse` for everything else."""
    return "preserve" if fmt in STRUCTURED_FORMATS else "collapse"


@cache
def _config(policy: Policy) -> TextFixerConfig:
    return TextFixerConfig(
        unescape_html=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        normalization="NFC" if policy == "collapse" else None,
        explain=False,
    )


def may_be_mojibake(text: str) -> bool:
    """Cheap test: could ftfy repair something here? (False for all-ASCII text.)"""
    return not text.isascii() and _MOJIBAKE.search(text) is not None


def fix_mojibake(text: str, policy: Policy) -> str:
    """`text` with mojibake repaired by ftfy (unchanged when it looks fine)."""
    if not may_be_mojibake(text):
        return text
    fixed: str = ftfy.fix_text(text, _config(policy))
    return fixed


def repair_lines(lines: list[Line], raw: str, policy: Policy) -> bool:
    """Repair mojibake line by line (after NFC under `collapse`); True if ftfy changed any."""
    nfc = policy == "collapse" and not raw.isascii() and not unicodedata.is_normalized("NFC", raw)
    suspicious = may_be_mojibake(unicodedata.normalize("NFC", raw) if nfc else raw)
    if not (suspicious or nfc):
        return False
    repaired = False
    for line in lines:
        new = unicodedata.normalize("NFC", line.base) if nfc else line.base
        if suspicious:
            fixed = fix_mojibake(new, policy)
            repaired = repaired or fixed != new
            new = fixed
        if new != line.base:
            line.base, line.fixed = new, True
    return repaired


def collapse_spaces(text: str) -> str:
    """Every run of whitespace (unicode spaces, NBSP, tabs) as one space; ends stripped."""
    return " ".join(text.split())


def apply_policy(lines: list[Line], policy: Policy) -> None:
    """Set each line's `text` from its `base` under the whitespace policy."""
    for line in lines:
        line.text = collapse_spaces(line.base) if policy == "collapse" else line.base


def base_index(base: str, k: int) -> int:
    """Index in `base` of position `k` of `collapse_spaces(base)`."""
    i, j, n = 0, 0, len(base)
    while i < n and base[i].isspace():
        i += 1
    while j < k and i < n:
        if base[i].isspace():
            while i < n and base[i].isspace():
                i += 1
        else:
            i += 1
        j += 1
    return i


def join_collapsed(lines: list[Line]) -> str:
    """Kept lines joined: "\\n" inside a paragraph, one blank line between paragraphs."""
    out: list[str] = []
    gap = False
    for line in lines:
        if line.reason is not None:
            continue
        if line.blank:
            gap = bool(out)
            continue
        if out:
            out.append("\n\n" if gap else "\n")
        out.append(line.text)
        gap = False
    return "".join(out)


def join_preserved(lines: list[Line]) -> str:
    """Kept lines with their own terminators; blank lines left orphaned by a removal go too."""
    out: list[str] = []
    at_gap = True  # at the start of the text or right after a blank line
    dropping = False
    last_kept = max((i for i, line in enumerate(lines) if line.kept), default=-1)
    tail_removed = any(line.reason is not None for line in lines[last_kept + 1 :])
    for i, line in enumerate(lines):
        if line.reason is not None:
            dropping = at_gap
            continue
        if line.blank:
            if dropping or (tail_removed and i > last_kept):
                continue
            at_gap = True
        else:
            at_gap = dropping = False
        out.append(line.base + line.eol)
    return "".join(out)
