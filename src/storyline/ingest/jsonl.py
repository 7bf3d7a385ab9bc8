"""JSON lines (`.jsonl`, `.ndjson`, `.json`): one document per line, streamed.

Each line is an object with at least `text` (see `records` for the fields used and how values
are coerced; other keys go into `Document.extra`). The id is the record's `id`, else
`<stem>:<line>`; `line` is the line number. Blank lines are skipped. A malformed line is E006
with its line number, a record without text E007, and reading goes on with the next line. A
line longer than `6 * max_chars` bytes plus 1 MiB (JSON escapes can take six bytes a
character) is E017 and skipped without being held in memory. A truncated `.gz` is E008 at the
line reached; the documents before it are yielded.

A `.json` file may instead hold one JSON value: an array of records, an object with an
`articles`, `documents` or `items` list, or a single record. Such a file is read whole; its
records have no line, and ids `<stem>:<n>` (n counts from 1); one larger than `64 * max_chars`
bytes is E017 (use JSON lines for big dumps). A `.json` file that does not parse as one value
but starts with `{` is read as JSON lines.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import IO, Any

from storyline.errors import Code
from storyline.ingest.base import (
    COMPRESSION_ERRORS,
    DEFAULT_MAX_CHARS,
    BaseReader,
    doc_stem,
    inner_suffix,
    problem,
)
from storyline.ingest.decode import SNIFF_BYTES, LineDecoder, binary_reason, decode_document
from storyline.ingest.records import RecordContext, record_to_document
from storyline.ingest.streams import PeekStream, first_nonblank, iter_lines, read_bounded
from storyline.model import Document, IngestProblem

LIST_KEYS = ("articles", "documents", "items")
JSON_BYTES_PER_CHAR = 6
LINE_SLACK = 1 << 20
JSON_FILE_BYTES_PER_CHAR = 64


def line_byte_limit(max_chars: int) -> int:
    return JSON_BYTES_PER_CHAR * max_chars + LINE_SLACK


class JsonlReader(BaseReader):
    name = "jsonl"
    suffixes: tuple[str, ...] = (".jsonl", ".ndjson", ".json")

    def read(
        self, stream: IO[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS
    ) -> Iterator[Document | IngestProblem]:
        peek = PeekStream(stream)
        try:
            head = peek.peek(SNIFF_BYTES)
        except COMPRESSION_ERRORS as exc:
            yield problem(Code.E008, source, 1, detail=f"{exc} (at line 1)")
            return
        if reason := binary_reason(head, allow_wide=False):
            yield problem(Code.E002, source, detail=reason)
        elif inner_suffix(source) == ".json":
            yield from self._json_file(peek, source, max_chars)
        else:
            yield from self._lines(peek, source, max_chars)

    def _lines(self, stream: PeekStream, source: str, max_chars: int) -> Iterator[Document | IngestProblem]:
        stem, decoder = doc_stem(source), LineDecoder(source)
        lineno, seen = 0, False
        try:
            for lineno, raw in iter_lines(stream, line_byte_limit(max_chars)):
                if raw is None:
                    seen = True
                    limit = line_byte_limit(max_chars)
                    yield problem(Code.E017, source, lineno, detail="JSON line", limit=f"{limit:,}")
                    continue
                text, warning = decoder.decode(raw, lineno)
                if warning:
                    yield warning
                if text.strip():
                    seen = True
                    ctx = RecordContext(source, self.name, lineno, f"{stem}:{lineno}", max_chars)
                    yield from self._line(text, ctx)
        except COMPRESSION_ERRORS as exc:
            yield problem(Code.E008, source, lineno + 1, detail=f"{exc} (at line {lineno + 1})")
            return
        if not seen:
            yield problem(Code.E004, source)

    @staticmethod
    def _line(text: str, ctx: RecordContext) -> Iterator[Document | IngestProblem]:
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            yield problem(Code.E006, ctx.source, ctx.line, detail=f"{exc.msg} (column {exc.colno})")
            return
        except (ValueError, RecursionError) as exc:
            yield problem(Code.E006, ctx.source, ctx.line, detail=f"{type(exc).__name__}: {exc}")
            return
        yield from record_to_document(value, ctx)

    def _json_file(
        self, stream: PeekStream, source: str, max_chars: int
    ) -> Iterator[Document | IngestProblem]:
        limit = JSON_FILE_BYTES_PER_CHAR * max_chars
        data, error = read_bounded(stream, limit)
        if error is not None:
            line = data.count(b"\n") + 1
            yield problem(Code.E008, source, line, detail=f"{error} (at line {line})")
            return
        if len(data) > limit:
            yield problem(Code.E017, source, detail="JSON file", limit=f"{limit:,}")
            return
        decoded = decode_document(data, source)
        if isinstance(decoded, IngestProblem):
            yield decoded
            return
        try:
            value = json.loads(decoded.text)
        except json.JSONDecodeError as exc:
            if first_nonblank(data) == b"{":
                yield from self._lines(PeekStream(io.BytesIO(data)), source, max_chars)
                return
            yield problem(Code.E006, source, exc.lineno, detail=f"{exc.msg} (column {exc.colno})")
            return
        except (ValueError, RecursionError) as exc:
            yield problem(Code.E006, source, detail=f"{type(exc).__name__}: {exc}")
            return
        if decoded.warning:
            yield decoded.warning
        yield from self._records(value, source, max_chars)

    def _records(self, value: Any, source: str, max_chars: int) -> Iterator[Document | IngestProblem]:
        if isinstance(value, dict):
            lists = (value[key] for key in LIST_KEYS if isinstance(value.get(key), list))
            value = next(lists, [value])
        if not isinstance(value, list):
            found = type(value).__name__
            yield problem(Code.E006, source, detail=f"expected an array or object, found {found}")
            return
        stem = doc_stem(source)
        for n, record in enumerate(value, start=1):
            ctx = RecordContext(source, self.name, None, f"{stem}:{n}", max_chars, where=f"item {n}")
            yield from record_to_document(record, ctx)
