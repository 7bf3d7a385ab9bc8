"""The time package's corpus step, registered through the plugin hook (its extractor is in
`storyline.extract.builtin`)."""

from __future__ import annotations

from storyline.extract.time.corpus import DateConflictStep
from storyline.plugins import CorpusStep, hookimpl


@hookimpl
def storyline_corpus_steps() -> list[CorpusStep]:
    return [DateConflictStep()]
