"""Extractors that copy spaCy's layers into the model: sentences, entity mentions, noun chunks."""

from __future__ import annotations

from typing import Any

from storyline.model import Mention, NounChunk, ProcessedArticle, Sentence


class SentenceExtractor:
    name = "sentences"
    version = "1"
    requires: tuple[str, ...] = ("parser",)
    produces: tuple[str, ...] = ("sentences", "words")

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        result.sentences = [Sentence(start=s.start_char, end=s.end_char) for s in doc.sents]
        result.words = sum(1 for t in doc if not (t.is_space or t.is_punct))


class MentionExtractor:
    name = "mentions"
    version = "1"
    requires: tuple[str, ...] = ("ner", "sentences")
    produces: tuple[str, ...] = ("mentions",)

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        starts = [s.start for s in result.sentences]
        article = result.article.id
        result.mentions = [
            Mention(
                article=article,
                start=ent.start_char,
                end=ent.end_char,
                text=ent.text,
                type=ent.label_,
                sentence=_sentence_index(starts, ent.start_char),
            )
            for ent in doc.ents
        ]


class NounChunkExtractor:
    name = "noun_chunks"
    version = "1"
    requires: tuple[str, ...] = ("parser",)
    produces: tuple[str, ...] = ("noun_chunks",)

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        result.noun_chunks = [
            NounChunk(start=c.start_char, end=c.end_char, root=c.root.lemma_) for c in doc.noun_chunks
        ]


def _sentence_index(starts: list[int], offset: int) -> int | None:
    from bisect import bisect_right

    i = bisect_right(starts, offset) - 1
    return i if i >= 0 else None
