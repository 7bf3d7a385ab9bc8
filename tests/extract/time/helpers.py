"""Shared helpers: run the time extractor over a short text with a fixed publication date."""

from __future__ import annotations

from datetime import date
from typing import Any

from storyline.extract.spacy_layers import SentenceExtractor
from storyline.extract.time.extractor import TimexExtractor
from storyline.model import Article, PartialDate, ProcessedArticle

PUBLISHED = date(2024, 12, 18)  # a Wednesday


def process(nlp: Any, text: str, published: str | None = PUBLISHED.isoformat()) -> ProcessedArticle:
    article = Article(id="t", document="t", text=text, published=PartialDate.parse(published))
    result = ProcessedArticle(article=article)
    doc = nlp(text)
    SentenceExtractor()(result, doc)
    TimexExtractor()(result, doc)
    return result


def values(result: ProcessedArticle) -> dict[str, str | None]:
    return {t.text: t.value for t in result.timexes}
