"""Sources to files: a file is itself; a folder is walked recursively, depth first, in sorted
name order, lazily (one directory listing in memory per level being walked).

Hidden entries (name starting with `.`) and `manifest.jsonl` are skipped in folders; a file
given directly is always read. Directory symlinks are followed, but each directory is walked
once (no loops). Entries that are neither files nor folders (sockets, FIFOs) are skipped in
folders. A missing path is E015; an unreadable folder E001.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

from storyline.errors import Code
from storyline.ingest.base import problem
from storyline.ingest.manifest import MANIFEST_NAME
from storyline.model import IngestProblem

logger = logging.getLogger(__name__)

Found = tuple[str, Path]  # (path as shown, path to open)
_Level = Iterator[tuple[str, os.DirEntry[str]]]


def iter_files(source: str | Path) -> Iterator[Found | IngestProblem]:
    """The files of one source (a file or a folder), each with the path string to show."""
    shown, path = str(source), Path(source)
    try:
        is_dir = path.is_dir()
        exists = is_dir or path.exists()
    except OSError as exc:
        yield problem(Code.E001, shown, detail=exc)
        return
    if not exists:
        yield problem(Code.E015, shown)
    elif is_dir:
        yield from _walk(shown, path)
    else:
        yield shown, path


def _walk(shown: str, root: Path) -> Iterator[Found | IngestProblem]:
    seen: set[tuple[int, int]] = set()
    stack: list[_Level] = []
    yield from _enter(shown, root, seen, stack)
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        entry_shown, entry = item
        if _is_dir(entry):
            yield from _enter(entry_shown, Path(entry.path), seen, stack)
        elif _is_file(entry) and entry.name != MANIFEST_NAME:
            yield entry_shown, Path(entry.path)


def _enter(
    shown: str, path: Path, seen: set[tuple[int, int]], stack: list[_Level]
) -> Iterator[IngestProblem]:
    """Push the sorted listing of a folder, unless it was walked already."""
    try:
        info = path.stat()
        key = (info.st_dev, info.st_ino)
        if key in seen:
            logger.debug("%s: already walked (symlink loop?)", shown)
            return
        seen.add(key)
        with os.scandir(path) as listing:
            entries = sorted((e for e in listing if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        yield problem(Code.E001, shown, detail=exc)
        return
    stack.append((os.path.join(shown, e.name), e) for e in entries)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _is_file(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False
