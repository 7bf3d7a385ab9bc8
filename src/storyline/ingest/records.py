"""One key/value record (a JSON object, a CSV row, a manifest line) to a Document.

Field names are matched case-insensitively. The text is the first non-null of `text`, `body`,
`content`, `article`; `id`, `title`, `outlet`, `url`, `published`, `language` are used when
present; every other key goes into `Document.extra`.

Values are coerced sensibly: strings are stripped (empty means absent); numbers are fine as
id/title/outlet; a numeric `published` is a year (1000-9999) or a Unix timestamp in seconds or
milliseconds (to an ISO UTC datetime); a list of strings as text is joined with blank lines.
Anything else is reported (E016) and ignored; a record with no usable text is E007 (or E016
when the text field holds something that is not text), empty text is E004.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from storyline.errors import Code
from storyline.ingest.base import META_FIELDS, Meta, make_document, problem, safe_id, too_long
from storyline.model import Document, IngestProblem

TEXT_KEYS = ("text", "body", "content", "article")
_NUMBER_OK = frozenset({"id", "title", "outlet"})


class FieldError(ValueError):
    """A field value that cannot be used."""


@dataclass(frozen=True)
class RecordContext:
    """Where a record comes from, for its id, its problems and its Document."""

    source: str
    fmt: str
    line: int | None
    fallback_id: str
    max_chars: int
    where: str = ""
    drop_empty_extra: bool = False


def coerce_field(name: str, value: object) -> str | None:
    """A field value as a clean string, None when absent; FieldError when unusable."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError(f"{name!r} ({type(value).__name__})")
    if isinstance(value, float) and not math.isfinite(value):
        raise FieldError(f"{name!r} ({value})")
    if name == "published":
        return _number_date(value, name)
    if name in _NUMBER_OK:
        return str(int(value)) if float(value).is_integer() else str(value)
    raise FieldError(f"{name!r} ({type(value).__name__} {value})")


def _number_date(value: int | float, name: str) -> str:
    if float(value).is_integer() and 1000 <= value <= 9999:
        return str(int(value))
    seconds = value / 1000 if value >= 1e11 else value
    if not 1e8 <= seconds < 1e11:
        raise FieldError(f"{name!r} (number {value} is neither a year nor a Unix time)")
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def record_meta(
    record: Mapping[str, Any], keys: Mapping[str, str], ctx: RecordContext
) -> tuple[Meta, list[IngestProblem]]:
    """The metadata fields of a record, and E016 problems for the unusable ones."""
    values: dict[str, str | None] = {}
    problems = []
    for name in META_FIELDS:
        try:
            values[name] = coerce_field(name, record.get(keys.get(name, name)))
        except FieldError as exc:
            problems.append(problem(Code.E016, ctx.source, ctx.line, detail=exc, context=ctx.where))
    return Meta(**values), problems


def record_to_document(record: object, ctx: RecordContext) -> Iterator[Document | IngestProblem]:
    """The document of one record, preceded by any problems with it."""
    if not isinstance(record, Mapping):
        detail = f"expected an object, found {type(record).__name__}"
        yield problem(Code.E006, ctx.source, ctx.line, detail=detail, context=ctx.where)
        return
    keys = {str(k).lower(): k for k in reversed(list(record))}  # first spelling wins
    text_key = next((keys[k] for k in TEXT_KEYS if k in keys and record[keys[k]] is not None), None)
    text = _usable_text(record, text_key, ctx)
    if isinstance(text, IngestProblem):
        yield text
        return
    meta, problems = record_meta(record, keys, ctx)
    yield from problems
    doc_id = _record_id(record.get(keys.get("id", "id")), ctx)
    if isinstance(doc_id, IngestProblem):
        yield doc_id
        doc_id = ctx.fallback_id
    used = {text_key, keys.get("id"), *(keys.get(name) for name in META_FIELDS)}
    extra = {str(k): v for k, v in record.items() if k not in used}
    if ctx.drop_empty_extra:
        extra = {k: v for k, v in extra.items() if v not in (None, "")}
    yield make_document(
        doc_id=doc_id, text=text, source=ctx.source, fmt=ctx.fmt, meta=meta, line=ctx.line, extra=extra
    )


def _usable_text(record: Mapping[str, Any], text_key: str | None, ctx: RecordContext) -> str | IngestProblem:
    """The record's text, or the problem (E007, E016, E004, E005) that skips the record."""
    if text_key is None:
        return problem(Code.E007, ctx.source, ctx.line, context=ctx.where)
    text = _text(record[text_key])
    if text is None:
        return problem(Code.E016, ctx.source, ctx.line, detail=f"{text_key!r} (not text)", context=ctx.where)
    if not text.strip():
        return problem(Code.E004, ctx.source, ctx.line, context=ctx.where)
    return too_long(text, ctx.source, ctx.line, ctx.max_chars, ctx.where) or text


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(part, str) for part in value):
        return "\n\n".join(value)
    return None


def _record_id(value: object, ctx: RecordContext) -> str | IngestProblem:
    try:
        given = coerce_field("id", value)
    except FieldError as exc:
        return problem(Code.E016, ctx.source, ctx.line, detail=exc, context=ctx.where)
    return (safe_id(given) if given else "") or ctx.fallback_id
