"""Byte-stream helpers: peeking, bounded reads and bounded line iteration.

Readers never hold more of an input in memory than one document (or one line) needs, so a
50 MB file over the limit, or a single giant line, costs little.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from typing import IO

from storyline.ingest.base import COMPRESSION_ERRORS

CHUNK = 1 << 20


class PeekStream:
    """A read-only byte stream that can look ahead (`peek`) without consuming."""

    def __init__(self, stream: IO[bytes] | PeekStream) -> None:
        self._stream = stream
        self._buf = b""

    def peek(self, size: int) -> bytes:
        while len(self._buf) < size:
            chunk = self._stream.read(size - len(self._buf))
            if not chunk:
                break
            self._buf += chunk
        return self._buf[:size]

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            data, self._buf = self._buf + self._stream.read(), b""
            return data
        if len(self._buf) >= size:
            data, self._buf = self._buf[:size], self._buf[size:]
            return data
        head, self._buf = self._buf, b""
        return head + self._stream.read(size - len(head))

    def readline(self, size: int = -1) -> bytes:
        if not self._buf:
            return self._stream.readline(size)
        end = len(self._buf) if size < 0 else min(size, len(self._buf))
        newline = self._buf.find(b"\n", 0, end)
        if newline >= 0:
            end = newline + 1
        if newline >= 0 or end == size:
            line, self._buf = self._buf[:end], self._buf[end:]
            return line
        head, self._buf = self._buf, b""
        return head + self._stream.readline(-1 if size < 0 else size - len(head))


def known_size(stream: object) -> int | None:
    """The byte size of a stream that is a plain regular file, else None (pipes, gzip, ...)."""
    if not isinstance(stream, io.BufferedReader):
        return None
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def read_bounded(stream: IO[bytes] | PeekStream, limit: int) -> tuple[bytes, BaseException | None]:
    """Up to `limit + 1` bytes (one more tells "over the limit"), and the compression error that
    stopped the read early, if any."""
    chunks: list[bytes] = []
    total = 0
    read = getattr(stream, "read1", stream.read)  # read1 hands over what came before an error
    try:
        while total <= limit:
            chunk = read(min(CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except COMPRESSION_ERRORS as exc:
        return b"".join(chunks), exc
    return b"".join(chunks), None


def iter_lines(stream: PeekStream, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line bytes); a line longer than `limit` bytes is skipped and given as None.

    Compression errors propagate: the caller knows which line it reached."""
    lineno = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        lineno += 1
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield lineno, None
        else:
            yield lineno, line


def _skip_rest_of_line(stream: PeekStream) -> None:
    while True:
        part = stream.readline(CHUNK)
        if not part or part.endswith(b"\n"):
            return


def first_nonblank(head: bytes) -> bytes:
    """The first byte of `head` that is not whitespace or a UTF-8 byte-order mark."""
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return stripped[:1]
