"""`manifest.jsonl`: metadata for the files of a folder, one JSON object a line.

    {"file": "001_x.txt", "outlet": "...", "published": "2021-08-28", "url": null,
     "title": null, "language": "en"}

A manifest gives `title`, `outlet`, `url`, `published` and `language` to every document read
from the file it names (`file` is a name in the manifest's own folder). Merge rule: a non-null
manifest value wins over what the file says about itself (HTML metadata, a JSON record's
fields); a null or missing one leaves the file's value. A malformed line is E014 (an unusable
field E016) and the rest of the manifest is still used. Each folder's manifest is read once
and cached; its problems are reported once.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from storyline.errors import Code
from storyline.ingest.base import META_FIELDS, Meta, problem
from storyline.ingest.records import FieldError, coerce_field
from storyline.ingest.streams import PeekStream, iter_lines
from storyline.model import IngestProblem

MANIFEST_NAME = "manifest.jsonl"
MAX_LINE = 1 << 20


class ManifestCache:
    """The manifests of the folders seen so far, keyed by absolute folder path."""

    def __init__(self) -> None:
        self._folders: dict[str, dict[str, Meta]] = {}

    def lookup(self, path: Path, display: str) -> tuple[Meta | None, list[IngestProblem]]:
        """The manifest metadata for a file, and the manifest's problems the first time."""
        folder = os.path.dirname(os.path.abspath(path))
        problems: list[IngestProblem] = []
        entries = self._folders.get(folder)
        if entries is None:
            shown = os.path.join(os.path.dirname(display), MANIFEST_NAME)
            entries, problems = load_manifest(Path(folder) / MANIFEST_NAME, shown)
            self._folders[folder] = entries
        return entries.get(path.name), problems


def load_manifest(path: Path, shown: str) -> tuple[dict[str, Meta], list[IngestProblem]]:
    """The entries of a manifest by file name (none if there is no manifest), and its problems."""
    entries: dict[str, Meta] = {}
    problems: list[IngestProblem] = []
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return entries, problems
    except OSError as exc:
        return entries, [problem(Code.E001, shown, detail=exc)]
    with handle:
        for lineno, raw in iter_lines(PeekStream(handle), MAX_LINE):
            if raw is None or raw.strip():
                entry = _entry(raw, lineno, shown, problems)
                if entry is not None:
                    entries[entry[0]] = entry[1]
    return entries, problems


def _entry(
    raw: bytes | None, lineno: int, shown: str, problems: list[IngestProblem]
) -> tuple[str, Meta] | None:
    if raw is None:
        problems.append(problem(Code.E014, shown, lineno, detail=f"line longer than {MAX_LINE:,} bytes"))
        return None
    try:
        value = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        problems.append(problem(Code.E014, shown, lineno, detail=exc))
        return None
    name = value.get("file") if isinstance(value, dict) else None
    if not isinstance(name, str) or not name.strip():
        problems.append(problem(Code.E014, shown, lineno, detail='no "file" name'))
        return None
    values: dict[str, str | None] = {}
    for field in META_FIELDS:
        try:
            values[field] = coerce_field(field, value.get(field))
        except FieldError as exc:
            problems.append(problem(Code.E016, shown, lineno, detail=exc))
    return os.path.normpath(name.strip()), Meta(**values)
