"""Boilerplate: lines and inline pieces that are not part of the story.

Patterns live in a data file the user can extend:

- `storyline/data/boilerplate.yaml` (shipped; its header documents the shape), loaded once and
  cached;
- plus any extra YAML files of the same shape listed in the environment variable
  `STORYLINE_BOILERPLATE` (paths separated by `os.pathsep`, a colon on POSIX). Their lists are
  appended to the shipped ones, and new reasons may be added under `lines` / `edge_lines`; a
  file that cannot be read is logged and skipped. Patterns are reloaded when the variable
  changes, otherwise compiled once per process.

Removal reasons: `share`, `navigation`, `also_read`, `credit` (photo captions and credits),
`shortcode` (WordPress "[name ...]"), `repeat` (a line repeating an earlier one once quotes,
dashes and whitespace are normalised) and `empty` (a line of punctuation only, or of unusual
whitespace only). Whole lines are removed, except shortcodes and a trailing credit token.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from storyline.clean.lines import Line
from storyline.model import Removal

log = logging.getLogger(__name__)

ENV_VAR = "STORYLINE_BOILERPLATE"
MAX_LINE_CHARS = 300  # longer lines are never whole-line boilerplate
LEAD_LINES = 3  # the first content lines: headline, standfirst, lead paragraph
MIN_REPEAT_CHARS = 25

_SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)((?:\s[^\[\]\n]*)?)\]")
_CREDIT = re.compile(r"\s*\(\s*([^()]{1,80}?)\s*\)\s*$")
_ALNUM = re.compile(r"[^\W_]")
_FOLD = (
    dict.fromkeys("“”„‟«»″〝〞＂", '"') | dict.fromkeys("‘’‚‛‹›′´", "'") | dict.fromkeys("‐‑‒–—―−", "-")
)  # fmt: skip
_FOLDABLE = re.compile("[" + "".join(_FOLD) + "]")


@dataclass(frozen=True)
class Patterns:
    """Compiled boilerplate patterns (see the module docstring for where they come from)."""

    lines: Mapping[str, re.Pattern[str]]
    edge_lines: Mapping[str, re.Pattern[str]]
    photo_credit: re.Pattern[str]
    agency_credit: re.Pattern[str]
    caption_max_chars: int
    shortcodes: frozenset[str]


# --------------------------------------------------------------------------- loading


def _read_yaml(path: Traversable) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def _merge(base: dict[str, Any], extra: Mapping[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, Mapping):
            _merge(base.setdefault(key, {}), value)
        elif isinstance(value, list):
            base[key] = [*base.get(key, []), *value]
        else:
            base[key] = value


def _valid(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error as err:
        log.warning("ignoring invalid boilerplate pattern %r: %s", pattern, err)
        return False
    return True


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive regex matching any of `patterns` (invalid ones are skipped)."""
    joined = "|".join(f"(?:{p})" for p in patterns if _valid(p)) or r"(?!)"
    return re.compile(joined, re.IGNORECASE)


def _compile(data: Mapping[str, Any]) -> Patterns:
    credits = data.get("credits", {})
    return Patterns(
        lines={k: _alternation(v) for k, v in data.get("lines", {}).items()},
        edge_lines={k: _alternation(v) for k, v in data.get("edge_lines", {}).items()},
        photo_credit=_alternation(credits.get("photo", [])),
        agency_credit=_alternation(credits.get("agency", [])),
        caption_max_chars=int(data.get("caption_max_chars", 300)),
        shortcodes=frozenset(data.get("shortcodes", [])),
    )


@lru_cache(maxsize=8)
def _load(extra_paths: str) -> Patterns:
    data = _read_yaml(resources.files("storyline").joinpath("data/boilerplate.yaml"))
    for name in filter(None, extra_paths.split(os.pathsep)):
        try:
            _merge(data, _read_yaml(Path(name)))
        except (OSError, ValueError, yaml.YAMLError) as err:
            log.warning("%s: ignoring boilerplate pattern file %s: %s", ENV_VAR, name, err)
            continue
        log.info("boilerplate patterns extended from %s", name)
    return _compile(data)


def load_patterns() -> Patterns:
    """The shipped patterns plus those of `$STORYLINE_BOILERPLATE` (cached per value)."""
    return _load(os.environ.get(ENV_VAR, ""))


# --------------------------------------------------------------------------- inline pieces


def shortcode_spans(text: str, names: frozenset[str]) -> list[tuple[int, int]]:
    """Spans of WordPress shortcodes in `text`; a "[x ...]...[/x]" pair is one span."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (m := _SHORTCODE.search(text, pos)) is not None:
        closing, name, attrs = m.groups()
        start, end = m.span()
        close = -1 if closing else text.find(f"[/{name}]", end)
        if close >= 0:
            end = close + len(name) + 3
        if closing or close >= 0 or name in names or "=" in attrs or "_" in name:
            spans.append((start, end))
        pos = end
    return spans


def _credit_kind(token: str, patterns: Patterns) -> str | None:
    if patterns.photo_credit.fullmatch(token):
        return "photo"
    if patterns.agency_credit.fullmatch(token):
        return "agency"
    return None


def _trailing_credit(line: Line, patterns: Patterns) -> tuple[int, int, str] | None:
    m = _CREDIT.search(line.base)
    if m is None:
        return None
    kind = _credit_kind(m.group(1), patterns)
    if kind is None:
        return None
    start = line.base.index("(", m.start())
    return start, line.base.rindex(")") + 1, kind


def cut_inline(lines: list[Line], raw: str, patterns: Patterns) -> list[Removal]:
    """Remove shortcodes, captions and trailing credit tokens; return what went."""
    removed: list[Removal] = []
    for line in lines:
        if "[" in line.base and (spans := shortcode_spans(line.base, patterns.shortcodes)):
            removed += line.cut(spans, "shortcode", raw)
            if not line.base.strip():
                line.reason = "shortcode"
                continue
        if line.base.rstrip().endswith(")"):
            removed += _cut_credit(line, raw, patterns)
    return removed


def _cut_credit(line: Line, raw: str, patterns: Patterns) -> list[Removal]:
    found = _trailing_credit(line, patterns)
    if found is None:
        return []
    start, end, kind = found
    before = line.base[:start].strip()
    caption = kind == "photo" and len(line.base.strip()) <= patterns.caption_max_chars
    if not before or caption or not _ALNUM.search(before):
        return [line.removal("credit", raw)]
    removed = line.cut([(start, end)], "credit", raw)
    line.rstrip()
    return removed


# --------------------------------------------------------------------------- whole lines


def _kept(lines: list[Line]) -> Iterator[Line]:
    return (line for line in lines if line.kept)


def line_reason(text: str, patterns: Patterns, empty: bool = True) -> str | None:
    """The boilerplate reason of one stripped line, or None if it is content.

    Punctuation-only lines are `empty` only when `empty` is set (the `collapse` policy: under
    `preserve` they carry no words and keeping them keeps offsets).
    """
    if len(text) > MAX_LINE_CHARS:
        return None
    for reason, pattern in patterns.lines.items():
        if pattern.fullmatch(text):
            return reason
    if empty and not _ALNUM.search(text):
        return "empty"
    return None


def mark_lines(lines: list[Line], raw: str, patterns: Patterns, collapse: bool) -> list[Removal]:
    """Remove boilerplate lines anywhere, then edge-only boilerplate at both ends."""
    removed: list[Removal] = []
    for line in lines:
        if line.reason is not None:
            continue
        if line.blank:
            if collapse and line.base and line.base.strip(" \t"):
                removed.append(line.removal("empty", raw, strip=False))
            continue
        reason = line_reason(line.text.strip(), patterns, empty=collapse)
        if reason is not None:
            removed.append(line.removal(reason, raw))
    removed += _mark_edges(lines, raw, patterns)
    removed += _mark_edges(lines[::-1], raw, patterns)
    return removed


def _mark_edges(lines: list[Line], raw: str, patterns: Patterns) -> list[Removal]:
    removed: list[Removal] = []
    for line in _kept(lines):
        text = line.text.strip()
        reason = next((r for r, p in patterns.edge_lines.items() if p.fullmatch(text)), None)
        if reason is None:
            break
        removed.append(line.removal(reason, raw))
    return removed


def repeat_key(text: str) -> str:
    """`text` with quotes, dashes and whitespace normalised, for verbatim-repeat detection."""
    if not text.isascii():
        text = _FOLDABLE.sub(lambda m: _FOLD[m.group()], text)
    return " ".join(text.split())


def mark_repeats(lines: list[Line], raw: str) -> list[Removal]:
    """Remove a line that repeats the headline or lead, or the line just before it.

    A copy of one of the first `LEAD_LINES` content lines (a headline or lead paragraph printed
    twice) or of the previous content line (a paragraph or caption duplicated in place) is
    boilerplate. Other repeats far apart (a live blog's standard sentence) are the author's and
    stay. Lines under `MIN_REPEAT_CHARS` are exempt.
    """
    removed: list[Removal] = []
    lead: set[str] = set()
    previous = ""
    for index, line in enumerate(_content_lines(lines)):
        key = repeat_key(line.text)
        if len(key) < MIN_REPEAT_CHARS:
            previous = key
            continue
        if key in lead or key == previous:
            removed.append(line.removal("repeat", raw))
            continue
        if index < LEAD_LINES:
            lead.add(key)
        previous = key
    return removed


def _content_lines(lines: list[Line]) -> list[Line]:
    return [line for line in _kept(lines) if line.text.strip()]
