"""Registers quotes and claims: the extractors (after the built-in ones, so mentions and time
expressions exist) and the corpus steps (after entity resolution, so mentions are linked)."""

from __future__ import annotations

from storyline.extract.claims import ClaimExtractor
from storyline.extract.quotes import QuoteExtractor
from storyline.plugins import CorpusStep, Extractor, hookimpl
from storyline.resolve.claims import ClaimLinker
from storyline.resolve.speakers import SpeakerLinker


@hookimpl
def storyline_extractors() -> list[Extractor]:
    return [QuoteExtractor(), ClaimExtractor()]


@hookimpl
def storyline_corpus_steps() -> list[CorpusStep]:
    return [SpeakerLinker(), ClaimLinker()]
