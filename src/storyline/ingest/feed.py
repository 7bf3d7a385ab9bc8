"""RSS and Atom feeds (`.rss`, `.atom`, and `.xml` when it is a feed): one document per entry.

feedparser parses the feed (it handles the declared encoding and sanitizes HTML). Per entry:

- text: `content[0].value`, else `summary`; HTML reduced to plain text with paragraph breaks
  ("\\n\\n") by `htmltext` (script and style dropped); `text/plain` content is kept as is;
- title; `link` -> url; published: ISO UTC datetime from `published_parsed`, else
  `updated_parsed` (the raw string is kept in `extra["published_raw"]`);
- outlet: the feed's title; language: the feed's language (`en-us` -> `en`);
- id: `<feed stem>:<12 hex of sha1(entry id/guid, else link, else title + text)>`: stable
  across runs and re-orderings of the feed.

A feed that feedparser flags as malformed (`bozo`) but that still has entries is read (with a
logged warning); one with no entries is E010. An `.xml` file that feedparser does not recognise as
RSS, RDF or Atom (no `version`) is E013. An
entry without text is E007. A feed larger than `64 * max_chars` bytes is E017.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Iterator, Mapping
from typing import IO, Any

from storyline.errors import Code
from storyline.ingest.base import (
    DEFAULT_MAX_CHARS,
    BaseReader,
    Meta,
    doc_stem,
    inner_suffix,
    make_document,
    norm_language,
    problem,
    short_hash,
    too_long,
)
from storyline.ingest.decode import binary_reason
from storyline.ingest.htmltext import fragment_to_text
from storyline.ingest.streams import read_bounded
from storyline.model import Document, IngestProblem

logger = logging.getLogger(__name__)

FEED_BYTES_PER_CHAR = 64


class FeedReader(BaseReader):
    name = "feed"
    suffixes: tuple[str, ...] = (".rss", ".atom", ".xml")

    def read(
        self, stream: IO[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS
    ) -> Iterator[Document | IngestProblem]:
        limit = FEED_BYTES_PER_CHAR * max_chars
        data, error = read_bounded(stream, limit)
        if error is not None:
            line = data.count(b"\n") + 1
            yield problem(Code.E008, source, line, detail=f"{error} (at line {line})")
        elif len(data) > limit:
            yield problem(Code.E017, source, detail="feed", limit=f"{limit:,}")
        elif reason := binary_reason(data):
            yield problem(Code.E002, source, detail=reason)
        elif not data.strip():
            yield problem(Code.E004, source)
        else:
            yield from self._feed(data, source, max_chars)

    def _feed(self, data: bytes, source: str, max_chars: int) -> Iterator[Document | IngestProblem]:
        parsed = _parse(data)
        if isinstance(parsed, IngestProblem):
            yield parsed.model_copy(update={"source": source})
            return
        entries = parsed.get("entries") or []
        if not parsed.get("version") and inner_suffix(source) == ".xml":
            yield problem(Code.E013, source, detail="'.xml' (not an RSS or Atom feed)")
            return
        if not parsed.get("version") and not entries:
            yield problem(Code.E010, source, detail=_bozo(parsed) or "not an RSS or Atom feed")
            return
        if not entries:
            yield problem(Code.E010, source, detail=_bozo(parsed) or "no entries")
            return
        if parsed.get("bozo"):
            logger.warning("%s: malformed feed, read anyway: %s", source, _bozo(parsed))
        feed = parsed.get("feed") or {}
        meta = Meta(outlet=_plain(feed.get("title")), language=norm_language(feed.get("language")))
        for n, entry in enumerate(entries, start=1):
            yield from _entry(entry, n, source, meta, max_chars)


def _parse(data: bytes) -> Any:
    import feedparser

    try:
        return feedparser.parse(io.BytesIO(data))  # a stream: never taken for a URL or path
    except Exception as exc:  # feedparser is lenient, but a parser bug must not stop a batch
        return problem(Code.E010, "", detail=f"{type(exc).__name__}: {exc}")


def _bozo(parsed: Mapping[str, Any]) -> str:
    exc = parsed.get("bozo_exception")
    return str(exc) if parsed.get("bozo") and exc else ""


def _entry(
    entry: Mapping[str, Any], n: int, source: str, feed: Meta, max_chars: int
) -> Iterator[Document | IngestProblem]:
    where = f"entry {n}"
    text = entry_text(entry)
    if not text.strip():
        yield problem(Code.E007, source, context=where)
        return
    if over := too_long(text, source, None, max_chars, where):
        yield over
        return
    title = _plain(entry.get("title"))
    key = entry.get("id") or entry.get("link") or f"{title}\n{text}"
    parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
    meta = Meta(
        title=title,
        outlet=feed.outlet,
        url=_plain(entry.get("link")),
        published=_iso(parsed_time),
        language=feed.language,
    )
    extra: dict[str, Any] = {
        "entry": n,
        "guid": entry.get("id"),
        "published_raw": entry.get("published") or entry.get("updated"),
        "author": entry.get("author"),
        "tags": [tag.get("term") for tag in entry.get("tags") or [] if tag.get("term")],
    }
    extra = {k: v for k, v in extra.items() if v}
    doc_id = f"{doc_stem(source)}:{short_hash(str(key))}"
    yield make_document(doc_id=doc_id, text=text, source=source, fmt="feed", meta=meta, extra=extra)


def entry_text(entry: Mapping[str, Any]) -> str:
    """An entry's text: its first content, else its summary, as plain text."""
    contents = entry.get("content") or []
    detail = contents[0] if contents and contents[0].get("value") else entry.get("summary_detail")
    value = (detail or {}).get("value") or entry.get("summary") or ""
    kind = (detail or {}).get("type") or "text/html"
    if not isinstance(value, str):
        return ""
    return value if kind == "text/plain" else fragment_to_text(value)


def _plain(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None


def _iso(value: object) -> str | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", value)
    except (ValueError, TypeError):
        return None
