"""Stage 1, per document: clean → annotate → extract.

A pure function of one document and the loaded models: it reads nothing from the store and
writes nothing, so the same code runs in one process, on all cores, or on a Dask cluster.
Errors are caught per document and per step: one bad document never stops a batch.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.annotate import annotate, model_version
from storyline.clean import CleanText, clean_document
from storyline.errors import Code
from storyline.model import Article, Document, Flag, PartialDate, ProcessedArticle
from storyline.plugins import Extractor, extractors

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What the stage made of one document: its articles, or why it failed."""

    document: str
    articles: list[ProcessedArticle]
    error: str | None = None


def build_article(doc: Document, clean: CleanText) -> Article:
    """The article record for a document: clean text plus metadata from input and text."""
    published = PartialDate.parse(doc.published)
    if published.start is None and clean.dateline_date:
        published = PartialDate.parse(clean.dateline_date)
    flags = []
    if clean.removed:
        reasons = sorted({r.reason for r in clean.removed})
        flags.append(Flag(type="boilerplate_removed", score=float(len(clean.removed)),
                          detail=f"{len(clean.removed)} removed: {', '.join(reasons)}"))
    return Article(
        id=doc.id,
        document=doc.id,
        text=clean.text,
        title=doc.title or clean.title,
        outlet=doc.outlet,
        url=doc.url,
        language=doc.language or clean.language,
        published=published,
        published_raw=doc.published or clean.dateline,
        dateline=clean.dateline,
        flags=flags,
        removed=list(clean.removed),
    )


def prepare(doc: Document) -> Article:
    """Clean one document into its article (digest splitting will yield several)."""
    return build_article(doc, clean_document(doc))


def extract(article: Article, spacy_doc: Any, components: Sequence[Extractor]) -> ProcessedArticle:
    """Run every extractor over one annotated article; a failing extractor is logged and skipped."""
    result = ProcessedArticle(article=article)
    for component in components:
        try:
            component(result, spacy_doc)
        except Exception as err:  # noqa: BLE001 - one extractor must not kill the document
            log.warning("%s: %s", article.id, Code.E301.message(f"{component.name} ({err!r})"))
    return result


def _prepared(
    docs: Iterable[Document], failures: list[Outcome], sent: deque[str]
) -> Iterator[tuple[str, Article]]:
    for doc in docs:
        try:
            article = prepare(doc)
        except Exception as err:  # noqa: BLE001 - per-document error handler
            message = Code.E101.message(repr(err))
            log.warning("%s: %s", doc.id, message)
            failures.append(Outcome(doc.id, [], message))
            continue
        sent.append(article.document)
        yield article.text, article


def run_document_stage(
    docs: Iterable[Document],
    nlp: Any,
    *,
    n_process: int = 1,
    batch_size: int = 32,
) -> Iterator[Outcome]:
    """Clean, annotate and extract every document; yields one Outcome per document."""
    components = extractors()
    failures: list[Outcome] = []
    sent: deque[str] = deque()
    for spacy_doc, article in annotate(nlp, _prepared(docs, failures, sent), n_process=n_process,
                                       batch_size=batch_size):
        yield from _drain(failures)
        yield from _dropped_before(sent, article.document)
        yield Outcome(article.document, [extract(article, spacy_doc, components)])
    yield from _drain(failures)
    yield from _dropped_before(sent, None)


def _drain(failures: list[Outcome]) -> Iterator[Outcome]:
    while failures:
        yield failures.pop(0)


def _dropped_before(sent: deque[str], received: str | None) -> Iterator[Outcome]:
    """Documents sent to spaCy before `received` that never came back were dropped by its
    error handler: report them as failed so they are retried, not lost."""
    while sent:
        doc_id = sent.popleft()
        if doc_id == received:
            return
        yield Outcome(doc_id, [], Code.E202.message("dropped by the spaCy error handler"))


def pipeline_version(nlp: Any) -> str:
    """Identifies the models and extractor versions that produced stored results."""
    parts = [model_version(nlp)] + [f"{c.name}={c.version}" for c in extractors()]
    return ";".join(parts)
