"""The per-document stage on a Dask cluster (dask.distributed).

    storyline run articles/ --dask tcp://scheduler:8786     # an existing cluster
    storyline run articles/ --dask local --workers 2        # a LocalCluster of 2 processes

Every worker loads the models once: a `WorkerPlugin` (`ModelPlugin`) loads the spaCy pipeline
when the worker joins (and on workers that join later), and each task — a chunk of documents —
runs the whole per-document stage with it. Because the stage is a pure function of a document
and the models, the results are the same as in one process.

As in `storyline.parallel`, a feeder thread keeps up to `WINDOW` chunks per worker thread
submitted ahead of the consumer (`ordered_results`), also while the main thread commits a batch
and runs the corpus stage on it; outcomes are handed back in input order, so a store of any
size streams through in bounded memory and the commits (and the corpus stage after each) happen
exactly as with one process.
The workers need the same storyline and spaCy pipeline installed as the process that runs
`storyline`; they read nothing from the store.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from storyline.document_stage import Outcome
from storyline.errors import Code, StorylineError
from storyline.model import Document
from storyline.parallel import (
    CHUNK,
    WINDOW,
    ChunkResult,
    StageClock,
    _chunks,
    leave_cores_to_workers,
    ordered_results,
    run_chunk,
)

log = logging.getLogger(__name__)

PLUGIN = "storyline-models"


class ModelPlugin(WorkerPlugin):
    """Loads the spaCy pipeline once per worker process, when the worker starts.

    A worker running several threads shares the one pipeline; a lock keeps one `nlp.pipe` at a
    time, since spaCy pipelines are not documented as thread-safe (and the GIL would serialise
    most of the work anyway).
    """

    idempotent = True  # registering it again (a second run on the same cluster) is a no-op

    def __init__(self, model: str | None, batch_size: int) -> None:
        self.model = model
        self.batch_size = batch_size
        self.nlp: Any = None
        self.lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"model": self.model, "batch_size": self.batch_size}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["model"], state["batch_size"])  # type: ignore[misc]

    def setup(self, worker: Any) -> None:
        from storyline.annotate import load_nlp

        self.nlp = load_nlp(self.model)
        log.info("worker %s: models loaded", getattr(worker, "address", "?"))

    def teardown(self, worker: Any) -> None:
        self.nlp = None

    def run(self, docs: list[Document], worker: str) -> ChunkResult:
        with self.lock:
            return run_chunk(docs, self.nlp, self.batch_size, worker)


def _work(docs: list[Document]) -> ChunkResult:
    """The task: the per-document stage on one chunk, with this worker's loaded models."""
    worker = get_worker()
    plugin = worker.plugins[PLUGIN]
    assert isinstance(plugin, ModelPlugin)
    return plugin.run(docs, str(worker.address))


@contextmanager
def dask_client(address: str, workers: int = 1) -> Iterator[Any]:
    """A client of the cluster at `address` (`tcp://host:port`), or of a LocalCluster of
    `workers` single-threaded processes when `address` is `local`."""
    if address == "local":
        leave_cores_to_workers()
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                          dashboard_address="127.0.0.1:0", silence_logs=logging.WARNING) as cluster, \
                Client(cluster) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    if "://" not in address:
        raise StorylineError(Code.E701, f"--dask {address!r}: give tcp://HOST:PORT or local")
    try:
        client = Client(address, timeout=30)  # type: ignore[no-untyped-call]
    except OSError as err:
        raise StorylineError(Code.E702, f"{address} ({err})") from err
    with client:
        yield client


def _threads(client: Any) -> int:
    return max(1, int(sum(client.nthreads().values())))


def run_document_stage_dask(
    docs: Iterable[Document],
    *,
    address: str,
    workers: int = 1,
    batch_size: int = 32,
    model: str | None = None,
    chunk: int = CHUNK,
    clock: StageClock | None = None,
) -> Iterator[Outcome]:
    """Outcomes of every document, in input order, computed on the Dask cluster at `address`.

    `docs` is read by a feeder thread (see `storyline.parallel.run_document_stage_parallel`)."""
    clock = clock or StageClock()
    with dask_client(address, workers) as client:
        # setup() loads the models on every worker, those there now and those that join later
        client.register_plugin(ModelPlugin(model, batch_size), name=PLUGIN)
        threads = _threads(client)
        log.info("dask: %d worker threads at %s", threads, client.scheduler.address)

        def submit(part: list[Document]) -> Any:
            return client.submit(_work, part, pure=False).result

        with closing(ordered_results(_chunks(docs, chunk), submit, WINDOW * threads)) as results:
            for result in results:  # the feeder stops before the client closes
                clock.record(result)
                yield from result.outcomes
