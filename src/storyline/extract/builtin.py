"""storyline's own extractors, registered through the same hook a plugin would use."""

from __future__ import annotations

from storyline.extract.acronyms import AcronymExtractor
from storyline.extract.actor_names import ActorNames
from storyline.extract.consistency import MentionTypeConsistency
from storyline.extract.roles import RoleExtractor
from storyline.extract.spacy_layers import MentionExtractor, NounChunkExtractor, SentenceExtractor
from storyline.extract.time.extractor import TimexExtractor
from storyline.plugins import Extractor, hookimpl


@hookimpl
def storyline_extractors() -> list[Extractor]:
    return [SentenceExtractor(), MentionExtractor(), MentionTypeConsistency(),
            AcronymExtractor(), ActorNames(), RoleExtractor(), NounChunkExtractor(),
            TimexExtractor()]
