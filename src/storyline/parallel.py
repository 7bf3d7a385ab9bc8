"""The per-document stage on several local processes.

Each worker process loads the models once (pool initializer) and runs the whole per-document
stage — clean, annotate, extract — on chunks of documents, returning their articles; the main
process only reads documents, writes results and runs the corpus stage. Because the stage is a
pure function of a document and the models, the results are the same as in one process, in the
same order.

A feeder thread (`ordered_results`) reads the documents and submits chunks to the workers,
ahead of the consumer by at most `WINDOW × workers` chunks: it keeps submitting while the main
thread commits a batch and runs the corpus stage on it, so the workers never wait for the main
process as long as the window holds more work than they do during one commit, and a store of
any size streams through in bounded memory (at most the window's chunks of outcomes are held
that the consumer has not taken). Workers are started with `spawn` (a clean interpreter: no
state copied from the parent, the same on every platform).

Every chunk reports when its worker ran it (`ChunkResult`); `StageClock` adds that up into how
much of its time each worker was busy and how long it waited for work, and how long the main
process waited for results or committed: `storyline -v` logs it, `Report.timing` holds it.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, TypeVar

from storyline.document_stage import Outcome, run_document_stage
from storyline.model import Document

log = logging.getLogger(__name__)

CHUNK = 8
WINDOW = 4  # chunks per worker submitted ahead of the consumer (in flight or done, not yet taken)
_FEEDER_POLL = 0.1  # seconds: how often a feeder waiting for room looks whether it should stop
_nlp: Any = None
_batch_size = 32
_ready = 0.0

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class ChunkResult:
    """The outcomes of one chunk and when its worker ran it (`time.monotonic()` of the worker)."""

    outcomes: list[Outcome]
    worker: str
    started: float
    ended: float
    cpu: float


def run_chunk(docs: list[Document], nlp: Any, batch_size: int, worker: str) -> ChunkResult:
    """The per-document stage on one chunk, timed."""
    started, cpu = time.monotonic(), time.process_time()
    outcomes = list(run_document_stage(docs, nlp, batch_size=batch_size))
    return ChunkResult(outcomes, worker, started, time.monotonic(), time.process_time() - cpu)


@dataclass
class StageClock:
    """Where the time of a `process` went: the workers' chunks, the main process's waits and commits."""

    chunks: dict[str, list[tuple[float, float, float]]] = field(default_factory=dict)
    waiting: float = 0.0
    committing: float = 0.0
    committing_cpu: float = 0.0
    last_commit: float = 0.0
    commits: int = 0
    started: float = field(default_factory=time.monotonic)
    started_cpu: float = field(default_factory=time.process_time)

    def record(self, result: ChunkResult) -> None:
        self.chunks.setdefault(result.worker, []).append((result.started, result.ended, result.cpu))

    def timed(self, items: Iterable[T]) -> Iterator[T]:
        """`items`, adding the time spent waiting for each to `waiting`."""
        it = iter(items)
        while True:
            began = time.monotonic()
            try:
                item = next(it)
            except StopIteration:
                return
            finally:
                self.waiting += time.monotonic() - began
            yield item

    @contextmanager
    def commit(self) -> Iterator[None]:
        began, cpu = time.monotonic(), time.thread_time()
        try:
            yield
        finally:
            self.last_commit = time.monotonic() - began
            self.committing += self.last_commit
            self.committing_cpu += time.thread_time() - cpu
            self.commits += 1

    def summary(self) -> dict[str, float]:
        """Seconds and shares: `worker_busy_share` is the busy part of the workers' time from
        their first chunk to their last, `worker_waiting_s` the gaps between their chunks."""
        busy = sum(e - s for runs in self.chunks.values() for s, e, _ in runs)
        span = sum(max(e for _, e, _ in runs) - min(s for s, _, _ in runs) for runs in self.chunks.values())
        out = {"seconds": time.monotonic() - self.started, "main_cpu_s": time.process_time() - self.started_cpu,
               "main_waiting_s": self.waiting, "main_committing_s": self.committing,
               "main_committing_cpu_s": self.committing_cpu, "last_commit_s": self.last_commit,
               "commits": float(self.commits)}
        if self.chunks:
            out |= {"workers": float(len(self.chunks)), "chunks": float(sum(map(len, self.chunks.values()))),
                    "worker_busy_s": busy, "worker_cpu_s": sum(c for runs in self.chunks.values() for *_, c in runs),
                    "worker_waiting_s": span - busy, "worker_busy_share": busy / span if span else 1.0}
        return {k: round(v, 3) for k, v in out.items()}


def ordered_results(
    chunks: Iterable[T], submit: Callable[[T], Callable[[], R]], bound: int
) -> Generator[R, None, None]:
    """`submit(chunk)()` of every chunk, in order.

    `submit` hands a chunk to the workers and returns what waits for its result. A feeder
    thread iterates `chunks` and submits while fewer than `bound` submitted chunks have not been
    taken by the consumer, so the workers keep busy while the consumer does something else;
    the consumer blocks only for a result not ready yet. An error in the feeder (reading the
    chunks, submitting) is raised in the consumer; when the consumer stops (an exception, a
    KeyboardInterrupt, `close()`), the feeder stops before this generator returns.
    """
    room = threading.Semaphore(bound)
    handed: queue.SimpleQueue[tuple[str, Any]] = queue.SimpleQueue()
    stop = threading.Event()
    feeder = threading.Thread(target=_feed, args=(iter(chunks), submit, room, handed, stop),
                              name="storyline-feeder", daemon=True)
    feeder.start()
    try:
        while True:
            kind, payload = handed.get()
            if kind == "end":
                return
            if kind == "error":
                raise payload
            result = payload()
            room.release()
            yield result
    finally:
        stop.set()
        feeder.join()


def _feed(chunks: Iterator[T], submit: Callable[[T], Callable[[], R]], room: threading.Semaphore,
          handed: queue.SimpleQueue[tuple[str, Any]], stop: threading.Event) -> None:
    try:
        for chunk in chunks:
            while not room.acquire(timeout=_FEEDER_POLL):
                if stop.is_set():
                    return
            if stop.is_set():
                return
            handed.put(("wait", submit(chunk)))
        handed.put(("end", None))
    except BaseException as err:  # noqa: BLE001 - handed to the consumer, raised there
        handed.put(("error", err))


def leave_cores_to_workers() -> None:
    """One thread per process for OpenMP and BLAS, in this process and the workers it starts.

    With a worker process on every core, a second thread in the main process (torch, for the
    corpus stage's sentence embeddings) or in a worker (numpy's OpenBLAS) only competes with the
    workers, and OpenMP threads spin while they wait. The variable is read when the library is
    first loaded (spawned workers inherit it); a torch already loaded is set directly."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)


def _init(model: str | None, batch_size: int) -> None:
    global _nlp, _batch_size
    from storyline.annotate import load_nlp

    _nlp = load_nlp(model)
    _batch_size = batch_size


def _work(docs: list[Document]) -> ChunkResult:
    return run_chunk(docs, _nlp, _batch_size, f"pid {os.getpid()}")


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
    clock: StageClock | None = None,
) -> Iterator[Outcome]:
    """Outcomes of every document, in input order, computed on `workers` processes.

    `docs` is read by a feeder thread: it must not share a connection with the caller's thread
    (the store's `documents` opens one per call)."""
    clock = clock or StageClock()
    leave_cores_to_workers()
    context = mp.get_context("spawn")
    with context.Pool(workers, initializer=_init, initargs=(model, batch_size)) as pool:
        def submit(part: list[Document]) -> Callable[[], ChunkResult]:
            return pool.apply_async(_work, (part,)).get

        with closing(ordered_results(_chunks(docs, chunk), submit, WINDOW * workers)) as results:
            for result in results:  # the feeder stops before the pool does
                clock.record(result)
                yield from result.outcomes
