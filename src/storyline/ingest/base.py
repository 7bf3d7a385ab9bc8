"""What every reader shares: building documents and problems, stable ids, content hashes.

A built-in reader subclasses `BaseReader`, which satisfies the `storyline.plugins.Reader`
protocol and also accepts the `max_chars` limit as a keyword. Readers never raise for bad
content; they yield `IngestProblem`s made by `problem()`.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace
from typing import IO, Any

from storyline.errors import Code
from storyline.model import Document, IngestProblem

DEFAULT_MAX_CHARS = 2_000_000
STDIN_SOURCE = "<stdin>"
META_FIELDS = ("title", "outlet", "url", "published", "language")
# What a broken gzip stream raises while it is being read (BadGzipFile is an OSError).
COMPRESSION_ERRORS: tuple[type[BaseException], ...] = (EOFError, zlib.error, gzip.BadGzipFile)

_UNSAFE_ID = re.compile(r"[\s\x00-\x1f\x7f]+")
_LANG = re.compile(r"^[A-Za-z]{2,3}(?=$|[-_])")


@dataclass
class Meta:
    """The metadata a source can give a document; None means "not given"."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None

    def overridden_by(self, other: Meta) -> Meta:
        """These values, replaced by every non-null value of `other`."""
        changes = {f.name: getattr(other, f.name) for f in fields(other) if getattr(other, f.name)}
        return replace(self, **changes)

    def as_dict(self) -> dict[str, str | None]:
        return {name: getattr(self, name) for name in META_FIELDS}


class BaseReader:
    """Base of the built-in readers: `name`, `suffixes` and a `read` that takes `max_chars`."""

    name: str = ""
    suffixes: tuple[str, ...] = ()

    def read(
        self, stream: IO[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS
    ) -> Iterator[Document | IngestProblem]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {' '.join(self.suffixes)}>"


def problem(
    code: Code,
    source: str,
    line: int | None = None,
    *,
    detail: object = "",
    limit: object = "",
    context: str = "",
) -> IngestProblem:
    """An IngestProblem; `str()` of it reads `[E006] file.jsonl:3: malformed JSON: ...`."""
    message = code.value.format(detail=detail, limit=limit)
    if context:
        message = f"{message} ({context})"
    return IngestProblem(source=source, line=line, code=code.name, message=message)


def content_hash(text: str) -> str:
    """sha1 of the text after Unicode NFC and whitespace collapse: spacing does not matter."""
    normal = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha1(normal.encode("utf-8")).hexdigest()


def short_hash(value: str, length: int = 12) -> str:
    return hashlib.sha1(value.encode("utf-8")).hexdigest()[:length]


def safe_id(value: str) -> str:
    """An id without surrounding whitespace, newlines or control characters."""
    return _UNSAFE_ID.sub(" ", value).strip()


def doc_stem(source: str) -> str:
    """`dir/001_x.txt` -> `001_x`, `x.jsonl.gz` -> `x`, `x.warc.gz` -> `x`, stdin -> `stdin`."""
    if source == STDIN_SOURCE:
        return "stdin"
    name = os.path.basename(source.rstrip("/\\")) or source
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem, _ = os.path.splitext(name)
    return stem or name


def inner_suffix(source: str) -> str:
    """The lower-case format suffix of a path, looking through `.gz`: `x.TSV.gz` -> `.tsv`."""
    name = os.path.basename(source).lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return os.path.splitext(name)[1]


def norm_language(value: str | None) -> str | None:
    """`en-US`, `en_us` -> `en`; anything that is not a language tag -> None."""
    if not value:
        return None
    match = _LANG.match(value.strip())
    return match.group(0).lower() if match else None


def too_long(
    text: str, source: str, line: int | None, max_chars: int, context: str = ""
) -> IngestProblem | None:
    """E005 when the text is longer than `max_chars` characters."""
    if len(text) <= max_chars:
        return None
    return problem(Code.E005, source, line, detail=f"{len(text):,}", limit=f"{max_chars:,}", context=context)


def make_document(
    *,
    doc_id: str,
    text: str,
    source: str,
    fmt: str,
    meta: Meta | None = None,
    line: int | None = None,
    extra: dict[str, Any] | None = None,
) -> Document:
    """A Document with a safe id and its content hash."""
    meta = meta or Meta()
    return Document(
        id=safe_id(doc_id) or doc_stem(source),
        text=text,
        source=source,
        line=line,
        format=fmt,
        title=meta.title,
        outlet=meta.outlet,
        url=meta.url,
        published=meta.published,
        language=meta.language,
        content_hash=content_hash(text),
        extra=extra or {},
    )
