"""Bytes to text, shared by every reader.

- **Binary** input (NUL bytes in the first 8 KB, or more than 30% control bytes there) is E002
  and skipped. A UTF-16/UTF-32 byte-order mark marks text, not binary.
- **UTF-8** is tried first (a BOM is stripped).
- Otherwise a **declared** charset (HTTP header or `<meta charset>` for HTML) is tried, silently,
  as browsers read it (a declared Latin-1/ASCII means Windows-1252; UTF-16 without BOM is ignored).
- Otherwise `charset_normalizer` guesses; the text is decoded with its guess and an E003
  *warning* names the line of the first invalid UTF-8 byte (the document is still read).
  Windows-1252 wins near-ties: it is the commonest legacy encoding of Western news text and
  charset_normalizer often ranks look-alikes (cp1250, cp1257) first on short samples.
  With no plausible guess, UTF-8 with replacement characters is used (still E003).
- **Empty** or whitespace-only text is E004.

Line-based formats decode line by line with `LineDecoder`, which guesses an encoding at the
first invalid line and reuses it.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

from storyline.errors import Code
from storyline.ingest.base import problem
from storyline.model import IngestProblem

SNIFF_BYTES = 8192
BINARY_SHARE = 0.30
_TEXT_CONTROLS = b"\t\n\r\f\b\x1b"
_NON_TEXT = bytes(b for b in range(32) if b not in _TEXT_CONTROLS) + b"\x7f"
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_PREFERRED = "cp1252"
_LATIN1_ALIASES = frozenset({"latin-1", "iso8859-1", "ascii"})
_FALLBACK = "UTF-8 with replacement characters"


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warning: IngestProblem | None = None


def wide_bom(data: bytes) -> str | None:
    """`utf-16` / `utf-32` when `data` starts with that byte-order mark."""
    return next((name for bom, name in _WIDE_BOMS if data.startswith(bom)), None)


def binary_reason(head: bytes, *, allow_wide: bool = True) -> str | None:
    """Why the start of a file looks binary, or None when it looks like text."""
    sample = head[:SNIFF_BYTES]
    if wide_bom(sample):
        return None if allow_wide else "UTF-16/UTF-32 text; convert it to UTF-8"
    if b"\x00" in sample:
        return "NUL bytes"
    if not sample:
        return None
    share = (len(sample) - len(sample.translate(None, _NON_TEXT))) / len(sample)
    return f"{share:.0%} control bytes" if share > BINARY_SHARE else None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in a `<meta>` near its start."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def decode_document(data: bytes, source: str, *, declared: str | None = None) -> Decoded | IngestProblem:
    """A whole document's text, or the E002/E004 problem that skips it."""
    reason = binary_reason(data)
    if reason:
        return problem(Code.E002, source, detail=reason)
    decoded = decode_text(data, source, declared=declared)
    if not decoded.text.strip():
        return problem(Code.E004, source)
    return decoded


def decode_text(data: bytes, source: str, *, declared: str | None = None, line_offset: int = 0) -> Decoded:
    """Decode as described in the module docstring; never fails."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if declared and (text := _strict(data, declared)) is not None:
        return Decoded(text, declared)
    encoding = wide_bom(data) or guess_encoding(data)
    if encoding is None:
        text, encoding = data.decode("utf-8", errors="replace"), _FALLBACK
    else:
        text = data.decode(encoding, errors="replace")
    line = line_offset + data.count(b"\n", 0, first_bad) + 1
    return Decoded(text, encoding, problem(Code.E003, source, line, detail=encoding))


def guess_encoding(data: bytes) -> str | None:
    """charset_normalizer's guess, preferring Windows-1252 on a near-tie; None if implausible."""
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        close = match.chaos <= best.chaos + 0.1 and match.coherence >= best.coherence - 0.05
        if close and _PREFERRED in match.could_be_from_charset:
            return _PREFERRED
    return str(best.encoding)


def _strict(data: bytes, declared: str) -> str | None:
    """The data decoded with a declared charset, read as browsers do: a declared Latin-1 or
    ASCII is Windows-1252, a declared UTF-16/32 without a byte-order mark is ignored."""
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None
    candidates = ("cp1252", name) if name in _LATIN1_ALIASES else (name,)
    for encoding in candidates:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


class LineDecoder:
    """Decodes a line-based file line by line: UTF-8, else one guessed encoding for the file.

    The first undecodable line gives one E003 warning; later ones reuse the guess silently."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.fallback: str | None = None
        self._first = True

    def decode(self, raw: bytes, lineno: int) -> tuple[str, IngestProblem | None]:
        if self._first:
            raw = raw.removeprefix(codecs.BOM_UTF8)
            self._first = False
        try:
            return raw.decode("utf-8"), None
        except UnicodeDecodeError:
            pass
        if self.fallback is not None:
            return raw.decode(self.fallback, errors="replace"), None
        decoded = decode_text(raw, self.source, line_offset=lineno - 1)
        self.fallback = "utf-8" if decoded.encoding == _FALLBACK else decoded.encoding
        return decoded.text, decoded.warning
