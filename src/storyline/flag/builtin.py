"""storyline's own source-quality checks, registered through the plugin hooks: per document
(an extractor) and across the corpus (a corpus step)."""

from __future__ import annotations

from storyline.flag.confidence import SourceConfidenceStep
from storyline.flag.near_duplicates import NearDuplicateStep
from storyline.flag.spun import SpinCheck
from storyline.flag.translated import MachineTranslationCheck
from storyline.plugins import CorpusStep, Extractor, hookimpl


@hookimpl
def storyline_extractors() -> list[Extractor]:
    return [MachineTranslationCheck(), SpinCheck()]


@hookimpl
def storyline_corpus_steps() -> list[CorpusStep]:
    # after the copy flags (and date_conflict, registered earlier): facts resting only on
    # flagged articles get a lower confidence
    return [NearDuplicateStep(), SourceConfidenceStep()]
