"""CSV and TSV (`.csv`, `.tsv`): a header row, then one document per row, streamed.

The text column is the first of `text`, `body`, `content`, `article` in the header (names are
matched case-insensitively); the other fields are read as in JSON lines (`id`, `title`,
`outlet`, `url`, `published`, `language`, see `records`), and every other non-empty column goes
into `Document.extra`. The id is the `id` column, else `<stem>:<line>`; `line` is the line the
row starts on (a quoted field may span lines).

Python's `csv` module reads the rows in strict mode (a stray or unclosed quote is an error,
not a silently swallowed rest of file); its field size limit is raised (process-wide, never
lowered) so that a text of `max_chars` characters fits. A header without a text column, a row
whose field count differs from the header's, or a row `csv` cannot parse is E009 with its line
number, and reading goes on. Lines are decoded one by one as in JSON lines (E003 once).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import IO

from storyline.errors import Code
from storyline.ingest.base import (
    COMPRESSION_ERRORS,
    DEFAULT_MAX_CHARS,
    BaseReader,
    doc_stem,
    inner_suffix,
    problem,
)
from storyline.ingest.decode import SNIFF_BYTES, LineDecoder, binary_reason
from storyline.ingest.records import TEXT_KEYS, RecordContext, record_to_document
from storyline.ingest.streams import PeekStream, iter_lines
from storyline.model import Document, IngestProblem

BYTES_PER_CHAR = 4
LINE_SLACK = 1 << 20


class _Lines:
    """Decoded lines for `csv.reader`, collecting the problems found on the way."""

    def __init__(self, stream: PeekStream, source: str, max_chars: int) -> None:
        self.stream = stream
        self.source = source
        self.limit = BYTES_PER_CHAR * max_chars + LINE_SLACK
        self.decoder = LineDecoder(source)
        self.lineno = 0
        self.pending: list[IngestProblem] = []

    def __iter__(self) -> Iterator[str]:
        for lineno, raw in iter_lines(self.stream, self.limit):
            self.lineno = lineno
            if raw is None:
                self.pending.append(
                    problem(Code.E017, self.source, lineno, detail="CSV line", limit=f"{self.limit:,}")
                )
                yield "\n"
                continue
            text, warning = self.decoder.decode(raw, lineno)
            if warning:
                self.pending.append(warning)
            yield text

    def drain(self) -> list[IngestProblem]:
        found, self.pending = self.pending, []
        return found


class CsvReader(BaseReader):
    name = "csv"
    suffixes: tuple[str, ...] = (".csv", ".tsv")

    def read(
        self, stream: IO[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS
    ) -> Iterator[Document | IngestProblem]:
        peek = PeekStream(stream)
        lines = _Lines(peek, source, max_chars)
        try:
            if reason := binary_reason(peek.peek(SNIFF_BYTES), allow_wide=False):
                yield problem(Code.E002, source, detail=reason)
                return
            csv.field_size_limit(max(csv.field_size_limit(), lines.limit))
            delimiter = "\t" if inner_suffix(source) == ".tsv" else ","
            yield from self._rows(
                csv.reader(lines, delimiter=delimiter, strict=True), lines, source, max_chars
            )
        except COMPRESSION_ERRORS as exc:
            yield from lines.drain()
            line = lines.lineno + 1
            yield problem(Code.E008, source, line, detail=f"{exc} (at line {line})")

    def _rows(
        self, rows: Iterator[list[str]], lines: _Lines, source: str, max_chars: int
    ) -> Iterator[Document | IngestProblem]:
        header = self._header(rows, source)
        yield from lines.drain()
        if isinstance(header, IngestProblem):
            yield header
            return
        columns = [name.strip() for name in header]
        lower = [name.lower() for name in columns]
        if not any(key in lower for key in TEXT_KEYS):
            detail = "no text column (text, body, content or article) in the header"
            yield problem(Code.E009, source, 1, detail=detail)
            return
        stem = doc_stem(source)
        for item in self._parsed(rows, lines, source):
            if isinstance(item, IngestProblem):
                yield item
                continue
            start, row = item
            if not row:
                continue
            if len(row) != len(columns):
                detail = f"row has {len(row)} fields, the header has {len(columns)}"
                yield problem(Code.E009, source, start, detail=detail)
                continue
            ctx = RecordContext(source, self.name, start, f"{stem}:{start}", max_chars, drop_empty_extra=True)
            yield from record_to_document(dict(zip(columns, row, strict=True)), ctx)

    @staticmethod
    def _header(rows: Iterator[list[str]], source: str) -> list[str] | IngestProblem:
        try:
            header = next(rows, None)
            while header == []:  # blank lines before the header
                header = next(rows, None)
        except csv.Error as exc:
            return problem(Code.E009, source, 1, detail=exc)
        return problem(Code.E004, source) if header is None else header

    @staticmethod
    def _parsed(
        rows: Iterator[list[str]], lines: _Lines, source: str
    ) -> Iterator[tuple[int, list[str]] | IngestProblem]:
        while True:
            start = lines.lineno + 1
            try:
                row = next(rows)
            except StopIteration:
                yield from lines.drain()
                return
            except csv.Error as exc:
                yield from lines.drain()
                yield problem(Code.E009, source, start, detail=exc)
                if lines.lineno < start:  # no progress: give up on this file
                    return
                continue
            yield from lines.drain()
            yield start, row
