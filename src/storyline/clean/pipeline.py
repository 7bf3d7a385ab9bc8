"""`clean_document`: the clean stage, one pure function per document.

Steps, in order: split into lines (keeping input offsets) → repair mojibake → cut shortcodes and
trailing credits → apply the whitespace policy → remove boilerplate lines (patterns, then
edge-only patterns, then punctuation-only lines) → remove repeated lines → find the dateline at
the start (removed under `collapse` only, unless the caller keeps it: `keep_dateline`) → detect
the headline (plain text without a title) → join → identify the language.

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
    collapse_spaces,
    join_collapsed,
    join_preserved,
    policy_for,
    repair_lines,
)
from storyline.clean.result import CleanText
from storyline.model import Document, Removal

log = logging.getLogger(__name__)


def clean_document(doc: Document, keep_dateline: bool = False) -> CleanText:
    """Clean one document: the text every offset indexes, plus what was found and removed.

    `keep_dateline`: under `collapse`, the dateline stays in the text as a paragraph of its own
    (`_set_apart`) instead of being removed; the document stage asks for it when the dateline is
    the evidence of a flag (`document_stage.build_article`)."""
    raw = doc.text
    policy = policy_for(doc.format)
    patterns = load_patterns()
    lines = split_lines(raw)
    fixed = repair_lines(lines, raw, policy)
    removed = cut_inline(lines, raw, patterns)
    apply_policy(lines, policy)
    removed += mark_lines(lines, raw, patterns, collapse=policy == "collapse")
    removed += mark_repeats(lines, raw)
    found, dateline_removed, apart = _dateline(lines, raw, policy, keep_dateline)
    removed += dateline_removed
    headed = [line for line in lines if line is not apart]  # a kept dateline is no headline
    title = find_title(headed) if doc.format == "text" and doc.title is None else None
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


def _dateline(lines: list[Line], raw: str, policy: Policy,
              keep: bool) -> tuple[datelines.Dateline | None, list[Removal], Line | None]:
    """The dateline of the first kept line (or of the second, after a headline), what was removed
    of it, and the line it was set apart on (under `collapse` with `keep`)."""
    kept = [line for line in lines if line.kept][:2]
    for i, line in enumerate(kept):
        found = datelines.find(line.text.strip())
        if found is not None:
            if policy != "collapse":
                return found, [], None
            if keep:
                return found, [], _set_apart(lines, line, found)
            return found, _remove_dateline(line, found, raw), None
        if i == 0 and not looks_like_headline(line.text):
            break
    return None, [], None


def _set_apart(lines: list[Line], line: Line, found: datelines.Dateline) -> Line:
    """Keep the dateline as a paragraph of its own, so that sentence splitting keeps it apart
    from the lede: a lead-in ("KABUL, Aug 27 (Reuters) -", its separator included) is split off
    its line, and a blank line follows it. Nothing is removed. Returns the dateline's line."""
    at = next(i for i, other in enumerate(lines) if other is line)
    head = line
    split = base_index(line.base, found.end)
    if not found.whole_line and line.base[split:].strip():
        head = _split_line(line, split)
        lines.insert(at, head)
        at += 1
    after = at + 1 if head is line else at
    if after < len(lines) and not lines[after].blank:
        lines.insert(after, Line(raw_start=head.raw_end, raw_end=head.raw_end, eol="", base=""))
    return head


def _split_line(line: Line, split: int) -> Line:
    """Cut `line` at `split` (a `base` index): the first part is returned as a new line, the
    rest stays in `line`; both keep their input offsets."""
    if line.offsets is None:
        line.offsets = [line.raw_index(k) for k in range(len(line.base) + 1)]
    offsets, base = line.offsets, line.base
    head = Line(raw_start=line.raw_start, raw_end=offsets[split], eol="", base=base[:split],
                fixed=line.fixed, offsets=offsets[: split + 1])
    line.raw_start, line.base, line.offsets = offsets[split], base[split:], offsets[split:]
    head.text, line.text = collapse_spaces(head.base), collapse_spaces(line.base)
    return head


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
