"""storyline's own extractors, registered through the same hook a plugin would use."""

from __future__ import annotations

from storyline.extract.consistency import MentionTypeConsistency
from storyline.extract.spacy_layers import MentionExtractor, NounChunkExtractor, SentenceExtractor
from storyline.plugins import Extractor, hookimpl


@hookimpl
def storyline_extractors() -> list[Extractor]:
    return [SentenceExtractor(), MentionExtractor(), MentionTypeConsistency(), NounChunkExtractor()]
