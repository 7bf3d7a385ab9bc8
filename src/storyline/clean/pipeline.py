"""`clean_document`: the clean stage, one pure function per document.

Steps, in order: split into lines (keeping input offsets) → repair mojibake → cut shortcodes and
trailing credits → apply the whitespace policy → remove boilerplate lines (patterns, then
edge-only patterns, then punctuation-only lines) → remove repeated lines → find the dateline at
the start (removed under `collapse` only) → detect the headline (plain text without a title) →
join → identify the language.

Under `preserve` (jsonl, csv) a document that needs no cleaning comes out exactly as it came in.
"""

from __future__ import annotations

import logging

from storyline.clean import dateline as datelines
from storyline.clean.boilerplate import cut_inline, load_patterns, mark_lines, mark_repeats
from storyline.clean.headline import find_title, looks_like_headline
from storyline.clean.language import detect_language
from storyline.clean.lines import Line, split_lines
from storyline.clean.normalize import (
    Policy,
    apply_policy,
    base_index,
    join_collapsed,
    join_preserved,
    policy_for,
    repair_lines,
)
from storyline.clean.result import CleanText
from storyline.model import Document, Removal

log = logging.getLogger(__name__)


def clean_document(doc: Document) -> CleanText:
    """Clean one document: the text every offset indexes, plus what was found and removed."""
    raw = doc.text
    policy = policy_for(doc.format)
    patterns = load_patterns()
    lines = split_lines(raw)
    fixed = repair_lines(lines, raw, policy)
    removed = cut_inline(lines, raw, patterns)
    apply_policy(lines, policy)
    removed += mark_lines(lines, raw, patterns, collapse=policy == "collapse")
    removed += mark_repeats(lines, raw)
    found, dateline_removed = _dateline(lines, raw, policy)
    removed += dateline_removed
    title = find_title(lines) if doc.format == "text" and doc.title is None else None
    text = join_collapsed(lines) if policy == "collapse" else join_preserved(lines)
    language, score = detect_language(text)
    removed.sort(key=lambda r: (r.raw_start, r.raw_end))
    if removed:
        log.debug("%s: removed %d pieces", doc.id, len(removed))
    return CleanText(
        text=text,
        removed=removed,
        title=title,
        dateline=found.text if found else None,
        dateline_date=found.iso if found else None,
        language=language,
        language_score=score,
        mojibake_fixed=fixed,
    )


def _dateline(lines: list[Line], raw: str, policy: Policy) -> tuple[datelines.Dateline | None, list[Removal]]:
    """The dateline of the first kept line (or of the second, after a headline)."""
    kept = [line for line in lines if line.kept][:2]
    for i, line in enumerate(kept):
        found = datelines.find(line.text.strip())
        if found is not None:
            return found, _remove_dateline(line, found, raw) if policy == "collapse" else []
        if i == 0 and not looks_like_headline(line.text):
            break
    return None, []


def _remove_dateline(line: Line, found: datelines.Dateline, raw: str) -> list[Removal]:
    if found.whole_line:
        return [line.removal("dateline", raw)]
    start = base_index(line.base, 0)
    end = base_index(line.base, found.end)
    removed = line.cut([(start, end)], "dateline", raw)
    line.text = " ".join(line.base.split())
    if not line.text:
        line.reason = "dateline"
    return removed
