"""Run the per-document stage's actor extractors over a short text."""

from __future__ import annotations

from typing import Any

from storyline.extract.acronyms import AcronymExtractor
from storyline.extract.actor_names import ActorNames
from storyline.extract.consistency import MentionTypeConsistency
from storyline.extract.roles import RoleExtractor
from storyline.extract.spacy_layers import MentionExtractor, SentenceExtractor
from storyline.model import Article, Mention, PartialDate, ProcessedArticle


def actor_mentions(nlp: Any, text: str, published: str = "2022-12-22") -> list[Mention]:
    doc = nlp(text)
    result = ProcessedArticle(article=Article(id="a1", document="a1", text=text,
                                              published=PartialDate.parse(published)))
    for step in (SentenceExtractor(), MentionExtractor(), MentionTypeConsistency(), AcronymExtractor(),
                 ActorNames(), RoleExtractor()):
        step(result, doc)
    return result.mentions


def by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}
