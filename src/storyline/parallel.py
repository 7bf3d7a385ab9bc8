"""The per-document stage on several local processes.

Each worker process loads the models once (pool initializer) and runs the whole per-document
stage — clean, annotate, extract — on chunks of documents, returning their articles; the main
process only reads documents, writes results and runs the corpus stage. Because the stage is a
pure function of a document and the models, the results are the same as in one process, in the
same order.

At most `4 × workers` chunks are in flight, so a store of any size streams through in bounded
memory. The window is that wide so that the workers still have work while the main process
commits a batch and runs the corpus stage on it (it submits nothing meanwhile): with `2 ×
workers` the workers sat idle through part of every commit. Workers are started with `spawn`
(a clean interpreter: no state copied from the parent, the same on every platform).
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any

from storyline.document_stage import Outcome, run_document_stage
from storyline.model import Document

CHUNK = 8
WINDOW = 4  # chunks in flight per worker
_nlp: Any = None
_batch_size = 32


def _init(model: str | None, batch_size: int) -> None:
    global _nlp, _batch_size
    from storyline.annotate import load_nlp

    _nlp = load_nlp(model)
    _batch_size = batch_size


def _work(docs: list[Document]) -> list[Outcome]:
    return list(run_document_stage(docs, _nlp, batch_size=_batch_size))


def _chunks(docs: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(docs)
    while chunk := list(islice(it, size)):
        yield chunk


def run_document_stage_parallel(
    docs: Iterable[Document],
    *,
    workers: int,
    batch_size: int = 32,
    model: str | None = None,
    chunk: int = CHUNK,
) -> Iterator[Outcome]:
    """Outcomes of every document, in input order, computed on `workers` processes."""
    context = mp.get_context("spawn")
    with context.Pool(workers, initializer=_init, initargs=(model, batch_size)) as pool:
        pending: deque[AsyncResult[list[Outcome]]] = deque()
        for part in _chunks(docs, chunk):
            pending.append(pool.apply_async(_work, (part,)))
            if len(pending) >= WINDOW * workers:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
