"""Plugin hooks. storyline's own readers, extractors, corpus steps and exporters are plugins of
these hooks, so a third-party package can add its own the same way (entry point group
`storyline`).

    from storyline.plugins import hookimpl

    @hookimpl
    def storyline_readers():
        return [MyReader()]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, TYPE_CHECKING, Any, Protocol, runtime_checkable

import pluggy

if TYPE_CHECKING:
    from storyline.model import Document, IngestProblem, ProcessedArticle
    from storyline.store import Store

hookspec = pluggy.HookspecMarker("storyline")
hookimpl = pluggy.HookimplMarker("storyline")


@runtime_checkable
class Reader(Protocol):
    """Turns one input file (or stream) into documents. Must never raise for bad content:
    it yields an `IngestProblem` naming the file and line and goes on."""

    name: str
    suffixes: tuple[str, ...]  # lower-case, with dot, e.g. (".jsonl", ".ndjson")

    def read(self, stream: IO[bytes], source: str) -> Iterator[Document | IngestProblem]: ...


@runtime_checkable
class Extractor(Protocol):
    """A per-document component: a pure function of the article, its spaCy Doc and models.

    `requires` and `produces` name the ProcessedArticle fields it reads and fills;
    `version` goes into the store so results of an older version can be recomputed."""

    name: str
    version: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]

    def __call__(self, result: ProcessedArticle, doc: Any) -> None: ...


@runtime_checkable
class CorpusStep(Protocol):
    """A corpus-stage step: works incrementally on what is stored (new articles since last run)."""

    name: str
    version: str

    def run(self, store: Store, article_ids: list[str]) -> dict[str, int]: ...


@dataclass(frozen=True)
class ExportOptions:
    annotations: bool = False  # also write low-level records (mentions, timexes)
    table: str = "articles"  # for tabular formats: which table


@runtime_checkable
class Exporter(Protocol):
    """Writes the store in one format to a text stream; returns the number of records."""

    name: str
    description: str

    def export(self, store: Store, out: IO[str], options: ExportOptions) -> int: ...


class StorylineSpec:
    @hookspec
    def storyline_readers(self) -> list[Reader]:  # type: ignore[empty-body]
        """Readers for input formats."""

    @hookspec
    def storyline_extractors(self) -> list[Extractor]:  # type: ignore[empty-body]
        """Per-document extractors, run in order of registration after annotation."""

    @hookspec
    def storyline_corpus_steps(self) -> list[CorpusStep]:  # type: ignore[empty-body]
        """Corpus-stage steps, run in order after each batch is stored."""

    @hookspec
    def storyline_exporters(self) -> list[Exporter]:  # type: ignore[empty-body]
        """Export formats."""


BUILTIN_PLUGINS = (
    "storyline.ingest.readers",
    "storyline.extract.builtin",
    "storyline.resolve.builtin",
    "storyline.extract.time.plugin",
    "storyline.extract.quotes.plugin",
    "storyline.flag.builtin",
    "storyline.extract.events.plugin",
    "storyline.serve.plugin",
    "storyline.export.builtin",
)


@lru_cache(maxsize=1)
def plugin_manager() -> pluggy.PluginManager:
    """The one plugin manager: built-in plugins first, then installed `storyline` entry points."""
    import importlib

    pm = pluggy.PluginManager("storyline")
    pm.add_hookspecs(StorylineSpec)
    for name in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(name), name=name)
    pm.load_setuptools_entrypoints("storyline")
    return pm


def _collect(results: list[list[Any]]) -> list[Any]:
    # pluggy calls the last-registered plugin first; built-ins should come first.
    out: list[Any] = []
    for items in reversed(results):
        out.extend(items)
    return out


def readers() -> list[Reader]:
    return _collect(plugin_manager().hook.storyline_readers())


def extractors() -> list[Extractor]:
    return _collect(plugin_manager().hook.storyline_extractors())


def corpus_steps() -> list[CorpusStep]:
    return _collect(plugin_manager().hook.storyline_corpus_steps())


def exporters() -> dict[str, Exporter]:
    return {e.name: e for e in _collect(plugin_manager().hook.storyline_exporters())}
