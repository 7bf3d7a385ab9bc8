"""storyline's own corpus steps, registered through the plugin hook."""

from __future__ import annotations

from storyline.plugins import CorpusStep, hookimpl
from storyline.resolve.entities import EntityResolver


@hookimpl
def storyline_corpus_steps() -> list[CorpusStep]:
    return [EntityResolver()]
