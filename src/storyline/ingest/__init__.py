"""Ingest: files, folders and stdin to `Document`s, never raising for bad content.

    from storyline.ingest import iter_documents

    for item in iter_documents(["corpus/", "more.jsonl.gz", "-"]):
        if isinstance(item, IngestProblem): ...   # E0xx, with source and line
        else: ...                                 # a Document

Sources are files, folders (walked recursively in sorted order, hidden files and
`manifest.jsonl` skipped; see `walk`) or `-` for stdin (JSON lines when the first non-blank
character is `{`, plain text otherwise). The reader is chosen by suffix, case-insensitively,
among the readers registered on the `storyline_readers` hook (built-ins in `readers`); `.gz`
wraps any format. A file without a suffix is read as plain text; a file with an unknown suffix
is E002 if it looks binary, else E013, and skipped.

Every problem is yielded as an `IngestProblem` and reading goes on with the next line, record
or file. `max_chars` bounds each document's text (E005). A manifest beside the files gives
them metadata (see `manifest`).
"""

from __future__ import annotations

import gzip
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from storyline.errors import Code
from storyline.ingest.base import (
    COMPRESSION_ERRORS,
    DEFAULT_MAX_CHARS,
    STDIN_SOURCE,
    BaseReader,
    Meta,
    content_hash,
    doc_stem,
    problem,
    safe_id,
    too_long,
)
from storyline.ingest.decode import SNIFF_BYTES, binary_reason
from storyline.ingest.manifest import ManifestCache
from storyline.ingest.streams import PeekStream, first_nonblank, read_bounded
from storyline.ingest.walk import iter_files
from storyline.model import Document, IngestProblem
from storyline.plugins import Reader

__all__ = ["DEFAULT_MAX_CHARS", "Document", "IngestProblem", "available_readers", "iter_documents"]

logger = logging.getLogger(__name__)

Item = Document | IngestProblem


@dataclass(frozen=True)
class _Choice:
    reader: Reader | None
    gunzip: bool
    suffix: str


class _Registry:
    """Readers by suffix; compound suffixes (`.warc.gz`) are matched before simple ones."""

    def __init__(self, readers: Sequence[Reader]) -> None:
        self.by_suffix = {suffix.lower(): reader for reader in readers for suffix in reader.suffixes}
        self._longest_first = sorted(self.by_suffix, key=len, reverse=True)

    def match(self, name: str) -> Reader | None:
        return next((self.by_suffix[s] for s in self._longest_first if name.endswith(s)), None)

    def pick(self, filename: str) -> _Choice:
        name = filename.lower()
        if reader := self.match(name):
            return _Choice(reader, False, "")
        gunzip = name.endswith(".gz")
        inner = name[:-3] if gunzip else name
        if gunzip and (reader := self.match(inner)):
            return _Choice(reader, True, "")
        suffix = os.path.splitext(inner)[1]
        return _Choice(None if suffix else self.by_suffix.get(".txt"), gunzip, suffix)


@dataclass
class _Run:
    registry: _Registry
    manifests: ManifestCache
    max_chars: int
    stdin: IO[bytes] | None


def available_readers() -> list[Reader]:
    """The registered readers; the built-in ones alone if the plugins cannot be loaded."""
    from storyline import plugins

    try:
        return plugins.readers()
    except Exception:  # a broken plugin (or module) must not stop ingestion
        logger.exception("cannot load the reader plugins; using the built-in readers only")
        from storyline.ingest.readers import builtin_readers

        return builtin_readers()


def iter_documents(
    sources: Iterable[str | Path],
    *,
    max_chars: int = DEFAULT_MAX_CHARS,
    stdin: IO[bytes] | None = None,
) -> Iterator[Document | IngestProblem]:
    """Every document of the sources, and every problem met reading them, in order."""
    if isinstance(sources, str | Path):
        sources = [sources]
    run = _Run(_Registry(available_readers()), ManifestCache(), max_chars, stdin)
    for source in sources:
        if str(source) == "-":
            yield from _read_stdin(run)
            continue
        for found in iter_files(source):
            if isinstance(found, IngestProblem):
                yield found
            else:
                yield from _read_path(found[0], found[1], run)


def _read_path(shown: str, path: Path, run: _Run) -> Iterator[Item]:
    meta, manifest_problems = run.manifests.lookup(path, shown)
    yield from manifest_problems
    choice = run.registry.pick(path.name)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        yield problem(Code.E015, shown)
        return
    except OSError as exc:
        yield problem(Code.E001, shown, detail=exc)
        return
    with handle:
        stream = cast(IO[bytes], gzip.GzipFile(fileobj=handle, mode="rb")) if choice.gunzip else handle
        if choice.reader is None:
            yield _unsupported(stream, shown, choice.suffix)
            return
        for item in _guarded(choice.reader, stream, shown, run.max_chars):
            yield _finish(item, meta, run.max_chars)


def _read_stdin(run: _Run) -> Iterator[Item]:
    stream = run.stdin if run.stdin is not None else getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield problem(Code.E001, STDIN_SOURCE, detail="no standard input")
        return
    peek = PeekStream(stream)
    try:
        head = peek.peek(SNIFF_BYTES)
    except OSError as exc:
        yield problem(Code.E001, STDIN_SOURCE, detail=exc)
        return
    suffix = ".jsonl" if first_nonblank(head) == b"{" else ".txt"
    reader = run.registry.by_suffix.get(suffix)
    if reader is None:
        yield problem(Code.E013, STDIN_SOURCE, detail=f"{suffix!r} (no reader registered)")
        return
    for item in _guarded(reader, cast(IO[bytes], peek), STDIN_SOURCE, run.max_chars):
        yield _stdin_id(_finish(item, None, run.max_chars))


def _stdin_id(item: Item) -> Item:
    """Standard input has no file name: a document without an id of its own is named by its
    content (`stdin-<hash>`), so two different texts piped in never overwrite each other."""
    if isinstance(item, IngestProblem) or not (item.id == "stdin" or item.id.startswith("stdin:")):
        return item
    return item.model_copy(update={"id": f"stdin-{item.content_hash[:12]}"})


def _guarded(reader: Reader, stream: IO[bytes], source: str, max_chars: int) -> Iterator[Item]:
    """The reader's output; an exception escaping it becomes a problem for this source only."""
    try:
        if isinstance(reader, BaseReader):
            yield from reader.read(stream, source, max_chars=max_chars)
        else:
            yield from reader.read(stream, source)
    except COMPRESSION_ERRORS as exc:
        yield problem(Code.E008, source, detail=exc)
    except OSError as exc:
        yield problem(Code.E001, source, detail=exc)
    except Exception as exc:
        logger.exception("reader %r failed on %s", getattr(reader, "name", reader), source)
        yield problem(Code.E001, source, detail=f"{type(exc).__name__}: {exc}")


def _unsupported(stream: IO[bytes], shown: str, suffix: str) -> IngestProblem:
    head, error = read_bounded(stream, SNIFF_BYTES)
    if error is not None:
        return problem(Code.E008, shown, detail=error)
    if reason := binary_reason(head):
        return problem(Code.E002, shown, detail=reason)
    return problem(Code.E013, shown, detail=repr(suffix))


def _finish(item: Item, manifest: Meta | None, max_chars: int) -> Item:
    """Apply the manifest, and enforce what plugin readers may not: the size limit, a safe id
    and a content hash."""
    if isinstance(item, IngestProblem):
        return item
    if over := too_long(item.text, item.source, item.line, max_chars):
        return over
    update: dict[str, object] = {}
    if manifest is not None:
        own = Meta(**{name: getattr(item, name) for name in manifest.as_dict()})
        update.update(own.overridden_by(manifest).as_dict())
    if not item.content_hash:
        update["content_hash"] = content_hash(item.text)
    clean_id = safe_id(item.id) or doc_stem(item.source)
    if clean_id != item.id:
        update["id"] = clean_id
    return item.model_copy(update=update) if update else item
