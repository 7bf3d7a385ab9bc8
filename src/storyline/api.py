"""The Python API: `Storyline("my.db").ingest(paths)`, `.process()`, `.export(...)`.

    from storyline import Storyline
    sl = Storyline("my.db")
    sl.ingest(["articles/"])
    sl.process(workers=2)
    sl.export("out.jsonl", annotations=True)

The CLI is a thin layer over this class.
"""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from storyline.corpus_stage import run_corpus_stage
from storyline.document_stage import Outcome, pipeline_version, run_document_stage
from storyline.errors import Code, ExportError
from storyline.model import Document, Entity, Event, IngestProblem
from storyline.parallel import StageClock, run_document_stage_parallel
from storyline.plugins import ExportOptions, exporters
from storyline.store import Store

log = logging.getLogger(__name__)

Listener = Callable[[dict[str, Any]], None]
INGEST_BATCH = 200
COMMIT_EVERY = 50


@dataclass
class Report:
    """Counts of one command, plus the problems met (each names file and line)."""

    counts: Counter[str] = field(default_factory=Counter)
    problems: list[IngestProblem] = field(default_factory=list)
    timing: dict[str, float] = field(default_factory=dict)  # `process`: StageClock.summary()

    def as_dict(self) -> dict[str, Any]:
        return {**dict(self.counts), "problems": len(self.problems)}


def _quiet(_event: dict[str, Any]) -> None:
    return None


class Storyline:
    """One store and the pipeline that fills it."""

    def __init__(
        self,
        db: str | Path | None = None,
        *,
        max_chars: int = 2_000_000,
        progress: bool | None = None,
        listener: Listener | None = None,
    ) -> None:
        self.store = Store(db)
        self.max_chars = max_chars
        self.progress = progress
        self.emit: Listener = listener or _quiet

    # ----------------------------------------------------------------- ingest

    def ingest(self, sources: Iterable[str | Path], *, stdin: IO[bytes] | None = None) -> Report:
        """Read files, folders or `-` (stdin) into the store; re-ingesting is a no-op."""
        from storyline.ingest import iter_documents

        report = Report()
        run_id = self.store.start_run("ingest")
        batch: list[Document] = []
        stream = iter_documents(sources, max_chars=self.max_chars, stdin=stdin)
        for item in tqdm(stream, desc="ingest", unit="doc", disable=self._no_bar()):
            if isinstance(item, IngestProblem):
                self._problem(report, item)
                continue
            batch.append(item)
            if len(batch) >= INGEST_BATCH:
                self._store_batch(batch, report)
        self._store_batch(batch, report)
        self.store.add_problems(report.problems, run_id)
        self.store.finish_run(run_id, report.as_dict())
        return report

    def _problem(self, report: Report, problem: IngestProblem) -> None:
        report.problems.append(problem)
        log.warning("%s", problem)
        self.emit({"event": "problem", **problem.model_dump()})

    def _store_batch(self, batch: list[Document], report: Report) -> None:
        for doc_id, status in self.store.add_documents(batch):
            report.counts[status] += 1
            self.emit({"event": "document", "id": doc_id, "status": status})
        batch.clear()

    # ----------------------------------------------------------------- process

    def process(
        self,
        *,
        workers: int = 1,
        batch_size: int = 32,
        retry_failed: bool = False,
        commit_every: int = COMMIT_EVERY,
        dask: str | None = None,
    ) -> Report:
        """Run the per-document stage on every pending document, then the corpus stage.

        With `workers` > 1 the per-document stage runs on that many processes
        (`storyline.parallel`), each loading the models once; with `dask` (`tcp://HOST:PORT` of
        a running scheduler, or `local` for a LocalCluster of `workers` processes) it runs on a
        Dask cluster (`storyline.distributed`). Results are committed every
        `commit_every` documents, each commit followed by the corpus stage on what it added:
        an interrupted run resumes with what is still pending.
        """
        from storyline.annotate import load_nlp

        report = Report()
        if retry_failed:
            report.counts["retried"] = self.store.reset_failed()
        pending = self.store.pending_ids()
        if not pending:
            report.counts.update(run_corpus_stage(self.store))
            return report
        run_id = self.store.start_run("process")
        version = pipeline_version()
        docs = self._documents(pending)
        clock = StageClock()
        outcomes: Iterator[Outcome]
        if dask:
            from storyline.distributed import run_document_stage_dask

            outcomes = run_document_stage_dask(docs, address=dask, workers=workers, batch_size=batch_size,
                                               clock=clock)
        elif workers > 1:
            outcomes = run_document_stage_parallel(docs, workers=workers, batch_size=batch_size, clock=clock)
        else:
            outcomes = run_document_stage(docs, load_nlp(), batch_size=batch_size)
        tail = commit_every if dask or workers > 1 else 0
        try:
            self._consume(outcomes, len(pending), (commit_every, tail), clock, version, report)
        finally:  # stops the workers (and the feeder) at once on an error, not when collected
            getattr(outcomes, "close", lambda: None)()
        report.timing = clock.summary()
        log.info("process timing: %s", report.timing)
        self.store.finish_run(run_id, report.as_dict())
        return report

    def _consume(self, outcomes: Iterator[Outcome], total: int, batches: tuple[int, int], clock: StageClock,
                 version: str, report: Report) -> None:
        """Commit the outcomes every `commit_every`, timing the waits for them and the commits.

        `batches` is (commit_every, tail): the last `tail` documents are committed by quarters
        of `commit_every`. With workers that keeps the corpus stage on them running while the
        workers still compute the rest, and the one commit that runs alone at the end small.
        """
        commit_every, tail = batches
        buffer: list[Outcome] = []
        bar = tqdm(clock.timed(outcomes), total=total, desc="process", unit="doc", disable=self._no_bar())
        for received, outcome in enumerate(bar, 1):
            buffer.append(outcome)
            if len(buffer) >= (commit_every if total - received >= tail else max(1, commit_every // 4)):
                with clock.commit():
                    self._commit(buffer, version, report)
        if buffer:
            with clock.commit():
                self._commit(buffer, version, report)

    def _documents(self, ids: Sequence[str]) -> Iterator[Document]:
        for i in range(0, len(ids), INGEST_BATCH):
            yield from self.store.documents(ids[i : i + INGEST_BATCH])

    def _commit(self, outcomes: list[Outcome], version: str, report: Report) -> None:
        if not outcomes:
            return
        done = [(o.document, o.articles) for o in outcomes if o.error is None]
        failed = [(o.document, o.error) for o in outcomes if o.error is not None]
        self.store.save_processed(done, failed, version)
        for doc_id, error in failed:
            log.warning("%s: %s", doc_id, error)
            self.emit({"event": "failed", "id": doc_id, "error": error})
        report.counts["processed"] += len(done)
        report.counts["failed"] += len(failed)
        report.counts["articles"] += sum(len(a) for _, a in done)
        report.counts["words"] += sum(r.words for _, a in done for r in a)
        report.counts.update(run_corpus_stage(self.store))
        outcomes.clear()

    # ----------------------------------------------------------------- run, export, stats

    def run(
        self,
        sources: Iterable[str | Path],
        *,
        workers: int = 1,
        commit_every: int = COMMIT_EVERY,
        stdin: IO[bytes] | None = None,
        dask: str | None = None,
    ) -> Report:
        """Ingest, then process: the main job."""
        ingested = self.ingest(sources, stdin=stdin)
        processed = self.process(workers=workers, commit_every=commit_every, dask=dask)
        report = Report(counts=ingested.counts + processed.counts, problems=ingested.problems,
                        timing=processed.timing)
        return report

    def export(
        self,
        out: str | Path | IO[str] | None = None,
        *,
        format: str = "jsonl",
        annotations: bool = False,
        table: str = "articles",
    ) -> int:
        """Write the store in `format` to a path, a text stream, or stdout; returns records written."""
        available = exporters()
        if format not in available:
            raise ExportError(Code.E601, format, ", ".join(sorted(available)))
        options = ExportOptions(annotations=annotations, table=table)
        with ExitStack() as stack:
            stream: IO[str]
            if out is None:
                stream = sys.stdout
            elif isinstance(out, str | Path):
                stream = stack.enter_context(open(out, "w", encoding="utf-8", newline=""))
            else:
                stream = out
            return available[format].export(self.store, stream, options)

    def stats(self) -> dict[str, Any]:
        return self.store.stats()

    # ----------------------------------------------------------------- actors

    def events(self, actor: str | None = None, kind: str | None = None, since: date | None = None,
               until: date | None = None) -> list[Event]:
        """The stored events in date order (filters as `storyline timeline`)."""
        from storyline.export.events import timeline_events

        return list(timeline_events(self.store, actor, kind, since, until))

    def entities(self, limit: int = 50, types: Sequence[str] = ()) -> list[Entity]:
        """The entities with most mentions (optionally of some types only)."""
        return self.store.top_entities(limit, types)

    def entity(self, ref: str) -> dict[str, Any]:
        """One entity (by id or any of its names) with its name keys, merge evidence, decisions."""
        from storyline.resolve.decisions import show

        return show(self.store, ref)

    def merge_entities(self, keep: str, other: str) -> dict[str, Any]:
        """Merge entity `other` into `keep` (ids or names); the decision holds for later runs."""
        from storyline.resolve.decisions import merge

        return merge(self.store, keep, other)

    def split_entity(self, ref: str, alias: str) -> dict[str, Any]:
        """Split the name `alias` off entity `ref` into an entity of its own, for good."""
        from storyline.resolve.decisions import split

        return split(self.store, ref, alias)

    @staticmethod
    def kb_add(entry: dict[str, Any], path: str | Path | None = None) -> dict[str, Any]:
        """Add an actor to a user knowledge-base file (default `./storyline-kb.yaml`; name,
        type, aliases, country, sector, wikidata, roles as in `storyline/data/actors.yaml`).
        Used by later runs when the file is named by `STORYLINE_KB` or `--kb`."""
        from storyline.resolve.kb import DEFAULT_USER_FILE, add_entry

        target = Path(path or DEFAULT_USER_FILE)
        actor = add_entry(target, entry)
        return {"file": str(target), "name": actor.name, "type": actor.type, "aliases": actor.aliases}

    def _no_bar(self) -> bool | None:
        return None if self.progress is None else not self.progress

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Storyline:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
