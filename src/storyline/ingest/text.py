"""Plain text (`.txt`, `.md`, `.text`, and files without a suffix): one document per file.

The text is only decoded (see `decode`), never stripped or otherwise altered: cleaning is the
clean stage's job. The id is the file stem; `title` stays None (the clean stage finds
headlines) unless a manifest gives one.

Size: a file whose byte size already proves it is longer than `max_chars` (UTF-8 uses at most
four bytes a character) is E005 without being read; otherwise at most `4 * max_chars` bytes
are read and the decoded length decides. A truncated `.gz` is E008 at the line reached.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from storyline.errors import Code
from storyline.ingest.base import DEFAULT_MAX_CHARS, BaseReader, doc_stem, make_document, problem, too_long
from storyline.ingest.decode import decode_document
from storyline.ingest.streams import known_size, read_bounded
from storyline.model import Document, IngestProblem

MAX_BYTES_PER_CHAR = 4
BOM_BYTES = 4


def byte_limit(max_chars: int) -> int:
    """The most bytes a text of `max_chars` characters can take (plus a byte-order mark)."""
    return MAX_BYTES_PER_CHAR * max_chars + BOM_BYTES


class TextReader(BaseReader):
    name = "text"
    suffixes: tuple[str, ...] = (".txt", ".md", ".text")

    def read(
        self, stream: IO[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS
    ) -> Iterator[Document | IngestProblem]:
        limit = byte_limit(max_chars)
        size = known_size(stream)
        if size is not None and size > limit:
            yield self._over(source, f"at least {-(-(size - BOM_BYTES) // MAX_BYTES_PER_CHAR):,}", max_chars)
            return
        data, error = read_bounded(stream, limit)
        if error is not None:
            line = data.count(b"\n") + 1
            yield problem(Code.E008, source, line, detail=f"{error} (at line {line})")
            return
        if len(data) > limit:
            yield self._over(source, f"more than {max_chars:,}", max_chars)
            return
        decoded = decode_document(data, source)
        if isinstance(decoded, IngestProblem):
            yield decoded
            return
        if over := too_long(decoded.text, source, None, max_chars):
            yield over
            return
        if decoded.warning:
            yield decoded.warning
        yield make_document(doc_id=doc_stem(source), text=decoded.text, source=source, fmt=self.name)

    @staticmethod
    def _over(source: str, size: str, max_chars: int) -> IngestProblem:
        return problem(Code.E005, source, detail=size, limit=f"{max_chars:,}")
