"""Registers events: the per-document extractor (after mentions, actor names and time
expressions exist) and the corpus step that joins events across articles (after entity
resolution and the copy flags, so parties link to entities and copies count for less)."""

from __future__ import annotations

from storyline.extract.events import EventExtractor
from storyline.plugins import CorpusStep, Extractor, hookimpl
from storyline.resolve.events import EventJoiner


@hookimpl
def storyline_extractors() -> list[Extractor]:
    return [EventExtractor()]


@hookimpl
def storyline_corpus_steps() -> list[CorpusStep]:
    return [EventJoiner()]
