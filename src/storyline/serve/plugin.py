"""The REST API's corpus step (the event-party index), registered through the plugin hook.
It runs after the `events` step, whose joined events it indexes."""

from __future__ import annotations

from storyline.plugins import CorpusStep, hookimpl
from storyline.serve.index import EventIndexStep


@hookimpl
def storyline_corpus_steps() -> list[CorpusStep]:
    return [EventIndexStep()]
