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
from storyline.clean.stories import Story, split_stories
from storyline.errors import Code
from storyline.extract.time.publication import dateline_evidence, publication
from storyline.model import Article, Document, Evidence, Flag, ProcessedArticle
from storyline.plugins import Extractor, extractors

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What the stage made of one document: its articles, or why it failed."""

    document: str
    articles: list[ProcessedArticle]
    error: str | None = None


def build_article(doc: Document, clean: CleanText) -> Article:
    """The article record of a whole document: clean text plus metadata from input and text.

    A flag whose evidence is the dateline (`Publication.cites_dateline`) needs it in the clean
    text: when cleaning removed it (text, HTML: the `collapse` policy) the document is cleaned
    again keeping it, as a paragraph of its own (`clean_document(keep_dateline=True)`)."""
    locale = doc.extra.get("locale") if isinstance(doc.extra.get("locale"), str) else doc.language
    stated = publication(doc.published, clean.dateline_date, locale, doc.url, clean.dateline)
    flags = [stated.flag] if stated.flag else []
    if stated.flag and stated.cites_dateline:
        if any(r.reason == "dateline" for r in clean.removed):
            clean = clean_document(doc, keep_dateline=True)
        if at := dateline_evidence(doc.id, clean.text, clean.dateline, clean.removed):
            stated.flag.evidence.append(at)
        else:
            stated.flag.detail += " (the dateline was not found in the clean text)"
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
        published=stated.date,
        published_inferred=stated.inferred,
        published_raw=doc.published or clean.dateline,
        dateline=clean.dateline,
        flags=flags,
        removed=list(clean.removed),
    )


def story_articles(whole: Article, stories: Sequence[Story]) -> list[Article]:
    """One article per story: `<document>#<n>` with its own text (and offsets) when there are several."""
    if len(stories) == 1 and (stories[0].start, stories[0].end) == (0, len(whole.text)):
        return [whole]
    digest = Flag(type="digest", score=float(len(stories)), detail=f"page holds {len(stories)} stories",
                  related=[f"{whole.id}#{n}" for n in range(1, len(stories) + 1)])
    return [
        whole.model_copy(update={
            "id": f"{whole.id}#{n}",
            "text": whole.text[story.start:story.end],
            "title": story.title or (whole.title if n == 1 else None),
            "flags": [*(_in_story(f, n, whole, stories) for f in whole.flags), digest],
        })
        for n, story in enumerate(stories, 1)
    ]


def _in_story(flag: Flag, n: int, whole: Article, stories: Sequence[Story]) -> Flag:
    """A page's flag on its story `n`: its evidence within that story, counted from the story's
    start; when none lies there (a dateline at the head of the first story), the evidence in the
    page's other stories, each citing the story `<document>#<m>` it lies in."""
    if not flag.evidence:
        return flag
    located = [found for e in flag.evidence if (found := _located(e, whole, stories))]
    own = [ev for m, ev in located if m == n]
    return flag.model_copy(update={"evidence": own or [ev for _, ev in located]})


def _located(evidence: Evidence, whole: Article, stories: Sequence[Story]) -> tuple[int, Evidence] | None:
    """The story a page's evidence span lies in (1-based) and the span re-counted within it; None
    when it lies in none (between stories)."""
    for m, story in enumerate(stories, 1):
        if story.start <= evidence.start and evidence.end <= story.end:
            return m, Evidence.of(f"{whole.id}#{m}", whole.text[story.start:story.end],
                                  evidence.start - story.start, evidence.end - story.start)
    return None


def prepare(doc: Document) -> list[Article]:
    """Clean one document into its articles: one, or one per story of a digest page."""
    whole = build_article(doc, clean_document(doc))
    return story_articles(whole, split_stories(whole.text))


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
    docs: Iterable[Document], failures: list[Outcome], sent: deque[tuple[str, int]]
) -> Iterator[tuple[str, Article]]:
    for doc in docs:
        try:
            articles = prepare(doc)
        except Exception as err:  # noqa: BLE001 - per-document error handler
            message = Code.E101.message(repr(err))
            log.warning("%s: %s", doc.id, message)
            failures.append(Outcome(doc.id, [], message))
            continue
        sent.append((doc.id, len(articles)))
        for article in articles:
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
    sent: deque[tuple[str, int]] = deque()
    collector = _Collector(sent)
    for spacy_doc, article in annotate(nlp, _prepared(docs, failures, sent), n_process=n_process,
                                       batch_size=batch_size):
        yield from _drain(failures)
        yield from collector.add(article.document, extract(article, spacy_doc, components))
    yield from _drain(failures)
    yield from collector.finish()


def _drain(failures: list[Outcome]) -> Iterator[Outcome]:
    while failures:
        yield failures.pop(0)


class _Collector:
    """Groups annotated articles back into their documents, in the order they were sent.

    A document sent to spaCy whose articles did not all come back was dropped by spaCy's error
    handler: it is reported as failed (E202) so it is retried, never silently lost.
    """

    def __init__(self, sent: deque[tuple[str, int]]) -> None:
        self.sent = sent
        self.current: tuple[str, int] | None = None
        self.articles: list[ProcessedArticle] = []

    def add(self, doc_id: str, result: ProcessedArticle) -> Iterator[Outcome]:
        if self.current is None or self.current[0] != doc_id:
            yield from self._give_up_current()
            while self.sent and self.sent[0][0] != doc_id:
                yield self._dropped(self.sent.popleft()[0])
            if not self.sent:
                return
            self.current, self.articles = self.sent.popleft(), []
        self.articles.append(result)
        if len(self.articles) == self.current[1]:
            yield Outcome(doc_id, self.articles)
            self.current, self.articles = None, []

    def finish(self) -> Iterator[Outcome]:
        yield from self._give_up_current()
        while self.sent:
            yield self._dropped(self.sent.popleft()[0])

    def _give_up_current(self) -> Iterator[Outcome]:
        if self.current is not None:
            yield self._dropped(self.current[0])
            self.current, self.articles = None, []

    @staticmethod
    def _dropped(doc_id: str) -> Outcome:
        return Outcome(doc_id, [], Code.E202.message("dropped by the spaCy error handler"))


def pipeline_version() -> str:
    """Identifies the models and extractor versions that produced stored results."""
    parts = [model_version()] + [f"{c.name}={c.version}" for c in extractors()]
    return ";".join(parts)
