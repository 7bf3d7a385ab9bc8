"""Run the per-document layers a quote/claim extractor needs over a short text."""

from __future__ import annotations

from typing import Any

from storyline.extract.claims import extract_claims
from storyline.extract.quotes import extract_quotes
from storyline.extract.spacy_layers import MentionExtractor, SentenceExtractor
from storyline.model import Article, Claim, PartialDate, ProcessedArticle, Quote


def processed(nlp: Any, text: str, published: str = "2021-10-08") -> tuple[ProcessedArticle, Any]:
    doc = nlp(text)
    result = ProcessedArticle(article=Article(id="a1", document="a1", text=text,
                                              published=PartialDate.parse(published)))
    SentenceExtractor()(result, doc)
    MentionExtractor()(result, doc)
    return result, doc


def quotes_of(nlp: Any, text: str) -> list[Quote]:
    result, doc = processed(nlp, text)
    return extract_quotes(result, doc)


def claims_of(nlp: Any, text: str) -> list[Claim]:
    result, doc = processed(nlp, text)
    result.quotes = extract_quotes(result, doc)
    return extract_claims(result, doc)


def one(quotes: list[Quote], fragment: str) -> Quote:
    """The one quote whose text holds the fragment (fails listing them all otherwise)."""
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, [(q.cue, q.text) for q in quotes]
    return found[0]


def speaker_of(quote: Quote) -> str | None:
    """The text of the quote's speaker (None without one)."""
    return quote.speaker.entity_text if quote.speaker is not None else None
