"""Web archives (`.warc`, `.warc.gz`; warcio handles WARC's own per-record gzip).

Every `response` record with HTTP status 200 and an HTML content type (`text/html`,
`application/xhtml+xml`) goes through the HTML reader's logic (`html.html_documents`), with
the charset of its Content-Type header as the declared charset. Other records are skipped.

- url: the record's `WARC-Target-URI` (the page's own canonical URL, if different, is kept
  in `extra["canonical_url"]`);
- published: only what the page itself says; the crawl time `WARC-Date` is NOT a publication
  date and is kept as `extra["crawled"]`;
- id: `<WARC stem>:<12 hex of sha1(target URI)>`.

A record whose payload cannot be read, is cut short (fewer bytes than its Content-Length) or
lacks a mandatory WARC header, is E011 and the next record is tried; an archive that
cannot be iterated further (not a WARC, cut off, corrupt) is E011 at the offset reached, after
the documents read before it (warcio takes a cut inside a record's headers for a clean end;
comparing its offset with the bytes read catches that). A payload larger than `10 * max_chars` bytes is E017.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import IO, Any

from storyline.errors import Code
from storyline.ingest.base import DEFAULT_MAX_CHARS, BaseReader, doc_stem, problem, short_hash
from storyline.ingest.html import HtmlSource, html_byte_limit, html_documents
from storyline.model import Document, IngestProblem

logger = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
MANDATORY = ("WARC-Type", "WARC-Record-ID", "WARC-Date", "Content-Length")


class WarcReader(BaseReader):
    name = "warc"
    suffixes: tuple[str, ...] = (".warc", ".warc.gz")

    def read(
        self, stream: IO[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS
    ) -> Iterator[Document | IngestProblem]:
        from warcio.archiveiterator import ArchiveIterator

        counted = _CountingStream(stream)
        archive = ArchiveIterator(counted)
        records, record = 0, None
        try:
            for record in archive:
                records += 1
                if record.format != "warc":
                    yield problem(Code.E011, source, detail=f"not a WARC record ({record.format})")
                    return
                if bad := _bad_headers(record):
                    yield problem(
                        Code.E011, source, detail=f"{bad} (record {records}, offset {archive.offset})"
                    )
                    continue
                yield from self._record(record, source, max_chars)
            counted.drain()
        except Exception as exc:  # warcio raises many kinds; the gzip errors are Exceptions too
            detail = f"{type(exc).__name__}: {str(exc).strip()[:200]}"
            yield problem(
                Code.E011, source, detail=f"{detail} (record {records + 1}, offset {archive.offset})"
            )
            return
        if ending := _bad_ending(records, record, archive.offset, counted.count):
            yield problem(Code.E011, source, detail=ending)

    def _record(self, record: Any, source: str, max_chars: int) -> Iterator[Document | IngestProblem]:
        uri = str(record.rec_headers.get_header("WARC-Target-URI") or "")
        if not _is_html_page(record):
            logger.debug("%s: skipping %s record %s", source, record.rec_type, uri)
            return
        limit = html_byte_limit(max_chars)
        try:
            payload = record.content_stream().read(limit + 1)
        except Exception as exc:  # includes the gzip errors
            yield problem(Code.E011, source, detail=f"unreadable payload: {exc}", context=f"record {uri}")
            return
        if len(payload) > limit:
            yield problem(Code.E017, source, detail="HTML", limit=f"{limit:,}", context=f"record {uri}")
            return
        if missing := _missing(record):
            yield problem(
                Code.E011,
                source,
                detail=f"record cut short, {missing:,} bytes missing",
                context=f"record {uri}",
            )
            return
        item = HtmlSource(
            source=source,
            doc_id=f"{doc_stem(source)}:{short_hash(uri)}",
            fmt=self.name,
            max_chars=max_chars,
            url=uri or None,
            charset=_charset(record),
            context=f"record {uri}",
            extra=_extra(record),
        )
        yield from html_documents(payload, item)


def _bad_ending(records: int, last: Any, offset: int, size: int) -> str | None:
    """What is wrong with how the archive ended: no records, or a last record cut short (an
    HTML record cut in its payload was reported when it was read)."""
    if records == 0:
        return "no records"
    if offset < size or (_missing(last) and not _is_html_page(last)):
        return f"archive ends inside a record (offset {offset:,} of {size:,} bytes)"
    return None


def _bad_headers(record: Any) -> str | None:
    """What is wrong with a record's WARC headers (a record cut inside them lacks some)."""
    for name in MANDATORY:
        if not record.rec_headers.get_header(name):
            return f"record lacks its {name} header"
    if not str(record.rec_headers.get_header("Content-Length")).strip().isdigit():
        return "record has an invalid Content-Length"
    return None


def _missing(record: Any) -> int:
    """How many bytes of a record's block were announced by Content-Length but never came."""
    missing = getattr(getattr(record, "raw_stream", None), "limit", 0)
    return missing if isinstance(missing, int) and missing > 0 else 0


def _content_type(record: Any) -> str:
    return str(record.http_headers.get_header("Content-Type") or "")


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    media_type = _content_type(record).split(";")[0].strip().lower()
    return str(record.http_headers.get_statuscode()) == "200" and media_type in HTML_TYPES


def _charset(record: Any) -> str | None:
    for param in _content_type(record).split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _extra(record: Any) -> dict[str, Any]:
    extra = {
        "crawled": record.rec_headers.get_header("WARC-Date"),
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
    }
    return {k: str(v) for k, v in extra.items() if v}


class _CountingStream:
    """Counts the bytes read, so that an archive cut inside a record's headers (which warcio
    takes for a clean end) is noticed."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self.count += len(data)
        return data

    def drain(self) -> None:
        while self.read(1 << 20):
            pass
