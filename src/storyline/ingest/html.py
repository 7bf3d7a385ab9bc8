"""HTML pages (`.html`, `.htm`, `.xhtml`): the main text and metadata of one article.

Decoding: UTF-8, else the charset declared by the HTTP header (WARC) or a `<meta charset>`,
else a guess with an E003 warning (see `decode`). The page is parsed once with lxml; malformed
markup never raises.

Main-text fallback chain, first non-empty result wins (recorded in `extra["extraction"]`):

1. `trafilatura.bare_extraction(with_metadata=True, include_comments=False)`: main text, title,
   date (published), url (canonical), sitename (outlet). Dates come from the page's metadata
   (`extensive_search` off: no guessing from dates in the text).
2. the same with `favor_recall=True`;
3. plain text of the `<body>` from lxml (script, style and other non-text elements dropped,
   see `htmltext`), title from `<title>`;
4. nothing: E012, skipped.

Language comes from `<html lang>`, `<meta http-equiv="content-language">` or `og:locale`,
reduced to its primary subtag (`en-GB` -> `en`). Raw HTML larger than `10 * max_chars` bytes is
E017 and not parsed; extracted text longer than `max_chars` is E005. The id is the file stem.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import IO, Any

from lxml import html as lxml_html  # type: ignore[import-untyped, unused-ignore]

from storyline.errors import Code
from storyline.ingest.base import (
    DEFAULT_MAX_CHARS,
    BaseReader,
    Meta,
    doc_stem,
    make_document,
    norm_language,
    problem,
    too_long,
)
from storyline.ingest.decode import declared_charset, decode_document
from storyline.ingest.htmltext import element_text, parse_document
from storyline.ingest.streams import known_size, read_bounded
from storyline.model import Document, IngestProblem

logger = logging.getLogger(__name__)

HTML_BYTES_PER_CHAR = 10
_LANG_XPATHS = (
    "/html/@lang",
    "/html/@xml:lang",
    "//meta[translate(@http-equiv,'CONTENT-LANGUAGE','content-language')='content-language']/@content",
    "//meta[@property='og:locale']/@content",
)


def html_byte_limit(max_chars: int) -> int:
    return HTML_BYTES_PER_CHAR * max_chars


@dataclass(frozen=True)
class HtmlSource:
    """One HTML payload to read, and what its container knows about it."""

    source: str
    doc_id: str
    fmt: str
    max_chars: int
    url: str | None = None
    charset: str | None = None
    context: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Extracted:
    text: str
    meta: Meta
    extra: dict[str, str]


class HtmlReader(BaseReader):
    name = "html"
    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def read(
        self, stream: IO[bytes], source: str, *, max_chars: int = DEFAULT_MAX_CHARS
    ) -> Iterator[Document | IngestProblem]:
        limit = html_byte_limit(max_chars)
        size = known_size(stream)
        data, error = (b"", None) if size is not None and size > limit else read_bounded(stream, limit)
        if error is not None:
            line = data.count(b"\n") + 1
            yield problem(Code.E008, source, line, detail=f"{error} (at line {line})")
        elif (size or 0) > limit or len(data) > limit:
            yield problem(Code.E017, source, detail="HTML", limit=f"{limit:,}")
        else:
            item = HtmlSource(source=source, doc_id=doc_stem(source), fmt=self.name, max_chars=max_chars)
            yield from html_documents(data, item)


def html_documents(data: bytes, item: HtmlSource) -> Iterator[Document | IngestProblem]:
    """The document of one HTML payload, preceded by any warning; or the problem that skips it."""
    decoded = decode_document(data, item.source, declared=item.charset or declared_charset(data))
    if isinstance(decoded, IngestProblem):
        yield _with_context(decoded, item.context)
        return
    extracted = extract(decoded.text, item.url)
    if extracted is None:
        yield problem(Code.E012, item.source, context=item.context)
        return
    if over := too_long(extracted.text, item.source, None, item.max_chars, item.context):
        yield over
        return
    if decoded.warning:
        yield _with_context(decoded.warning, item.context)
    meta, extra = extracted.meta, {**extracted.extra, **item.extra}
    if item.url:
        if meta.url and meta.url != item.url:
            extra["canonical_url"] = meta.url
        meta = replace(meta, url=item.url)
    yield make_document(
        doc_id=item.doc_id, text=extracted.text, source=item.source, fmt=item.fmt, meta=meta, extra=extra
    )


def extract(page: str, url: str | None = None) -> Extracted | None:
    """Main text and metadata of a page by the fallback chain in the module docstring."""
    tree = parse_document(page)
    if tree is None:
        return None
    language = page_language(tree)
    for method, recall in (("trafilatura", False), ("trafilatura-recall", True)):
        result = _trafilatura(tree, url, recall=recall)
        if result is not None:
            text, meta, extra = result
            return Extracted(text, replace(meta, language=language), {"extraction": method, **extra})
    body = tree.xpath("//body")
    text = element_text(body[0] if body else tree)
    if not text.strip():
        return None
    title = " ".join((tree.findtext(".//title") or "").split()) or None
    return Extracted(text, Meta(title=title, language=language), {"extraction": "lxml-body"})


def _trafilatura(
    tree: lxml_html.HtmlElement, url: str | None, *, recall: bool
) -> tuple[str, Meta, dict[str, str]] | None:
    import trafilatura

    try:
        result = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            favor_recall=recall,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": date.today().isoformat(),
            },
        )
    except Exception as exc:  # trafilatura raises ValueError and others on odd pages
        logger.debug("trafilatura failed (recall=%s): %s", recall, exc)
        return None
    text = _attr(result, "text")
    if text is None:
        return None
    meta = Meta(
        title=_attr(result, "title"),
        outlet=_attr(result, "sitename"),
        url=_attr(result, "url"),
        published=_attr(result, "date"),
    )
    extra = {key: value for key in ("author", "description") if (value := _attr(result, key))}
    return text, meta, extra


def _attr(result: object, name: str) -> str | None:
    value = result.get(name) if isinstance(result, dict) else getattr(result, name, None)
    return value.strip() or None if isinstance(value, str) else None


def page_language(tree: lxml_html.HtmlElement) -> str | None:
    """The page's declared language as a primary subtag (`en`), if any."""
    for xpath in _LANG_XPATHS:
        for value in tree.xpath(xpath):
            if language := norm_language(str(value)):
                return language
    return None


def _with_context(item: IngestProblem, context: str) -> IngestProblem:
    if not context:
        return item
    return item.model_copy(update={"message": f"{item.message} ({context})"})
