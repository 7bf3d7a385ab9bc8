"""The per-document stage on worker processes: the feeder keeps the workers supplied while the
consumer is busy, in input order and bounded memory, and stops cleanly."""

from __future__ import annotations

import io
import multiprocessing as mp
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from storyline import Storyline
from storyline.parallel import ChunkResult, StageClock, ordered_results


class Workers:
    """A thread pool standing in for the worker processes, counting what it was given."""

    def __init__(self, threads: int, seconds: float = 0.0) -> None:
        self.pool = ThreadPoolExecutor(threads)
        self.seconds = seconds
        self.lock = threading.Lock()
        self.submitted = self.finished = self.taken = self.most_ahead = 0

    def submit(self, chunk: int) -> Callable[[], int]:
        with self.lock:
            self.submitted += 1
            self.most_ahead = max(self.most_ahead, self.submitted - self.taken)
        return self.pool.submit(self._run, chunk).result

    def _run(self, chunk: int) -> int:
        time.sleep(self.seconds)
        with self.lock:
            self.finished += 1
        return chunk * 10

    def take(self, results: Iterator[int]) -> int:
        value = next(results)
        with self.lock:
            self.taken += 1
        return value

    def wait_until(self, test: Callable[[], bool], seconds: float = 5.0) -> bool:
        deadline = time.monotonic() + seconds
        while not test() and time.monotonic() < deadline:
            time.sleep(0.01)
        return test()


def test_results_come_in_input_order_whatever_order_the_workers_finish_in() -> None:
    delays = [0.03, 0.0, 0.02, 0.0, 0.01, 0.0] * 3

    def submit(i: int) -> Callable[[], int]:
        return pool.submit(lambda: time.sleep(delays[i]) or i).result

    with ThreadPoolExecutor(3) as pool:
        assert list(ordered_results(range(len(delays)), submit, bound=4)) == list(range(len(delays)))


def test_the_feeder_keeps_the_workers_busy_while_the_consumer_is_slow() -> None:
    workers, bound = Workers(threads=2, seconds=0.01), 6
    results = ordered_results(range(100), workers.submit, bound)
    assert workers.take(results) == 0
    # the consumer now "commits" for a while and asks for nothing: the feeder keeps submitting
    # until `bound` chunks are ahead of it, and the workers finish them all meanwhile
    assert workers.wait_until(lambda: workers.finished == 1 + bound)
    time.sleep(0.1)
    assert workers.submitted == 1 + bound  # and not one more: memory stays bounded
    assert [workers.take(results) for _ in range(99)] == [10 * i for i in range(1, 100)]
    assert workers.most_ahead <= bound
    with pytest.raises(StopIteration):
        next(results)


def test_never_more_than_the_bound_of_chunks_is_held_for_a_slow_consumer() -> None:
    workers, bound = Workers(threads=4), 3
    results = ordered_results(range(40), workers.submit, bound)
    for expected in range(40):
        assert workers.take(results) == 10 * expected
        time.sleep(0.005)  # a consumer slower than the workers
        assert workers.submitted - workers.taken <= bound
    assert workers.most_ahead == bound


def test_stopping_the_consumer_stops_the_feeder() -> None:
    workers = Workers(threads=2)
    results = ordered_results(range(1000), workers.submit, bound=4)
    workers.take(results)
    results.close()
    submitted = workers.submitted
    time.sleep(0.2)
    assert workers.submitted == submitted <= 5
    assert not [t for t in threading.enumerate() if t.name == "storyline-feeder"]


def test_an_error_reading_the_chunks_is_raised_in_the_consumer() -> None:
    def chunks() -> Iterator[int]:
        yield 1
        raise OSError("store went away")

    workers = Workers(threads=1)
    results = ordered_results(chunks(), workers.submit, bound=2)
    assert workers.take(results) == 10
    with pytest.raises(OSError, match="store went away"):
        next(results)


def test_an_error_in_a_worker_is_raised_in_the_consumer_in_its_place() -> None:
    def submit(i: int) -> Callable[[], int]:
        def result() -> int:
            if i == 2:
                raise ValueError("chunk 2")
            return i
        return result

    results = ordered_results(range(5), submit, bound=2)
    assert [next(results), next(results)] == [0, 1]
    with pytest.raises(ValueError, match="chunk 2"):
        next(results)


def test_the_clock_adds_up_busy_time_and_gaps_per_worker() -> None:
    clock = StageClock()
    for started, ended in [(0.0, 2.0), (2.5, 4.0), (5.0, 6.0)]:
        clock.record(ChunkResult([], "a", started, ended, cpu=ended - started))
    clock.record(ChunkResult([], "b", 0.0, 6.0, cpu=6.0))
    summary = clock.summary()
    assert summary["workers"] == 2 and summary["chunks"] == 4
    assert summary["worker_busy_s"] == 10.5 and summary["worker_waiting_s"] == 1.5
    assert summary["worker_busy_share"] == round(10.5 / 12, 3)


def _export(sl: Storyline) -> list[str]:
    out = io.StringIO()
    sl.export(out, annotations=True)
    return out.getvalue().splitlines()


def test_two_workers_commit_the_last_batch_by_quarters_with_the_same_export(
        seeds_store: Storyline, seeds: Path, tmp_path: Path) -> None:
    with Storyline(tmp_path / "two.db", progress=False) as sl:
        report = sl.run([seeds], workers=2, commit_every=4)
        assert _export(sl) == _export(seeds_store)
    # the last 4 of the 5 documents by quarters of 4: after the 2nd, 3rd, 4th and 5th
    assert report.timing["commits"] == 4
    assert report.timing["chunks"] == 1 and report.timing["worker_busy_s"] > 0


def test_an_error_in_the_commit_leaves_no_worker_process(seeds: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.api

    def broken(_store: object) -> dict[str, int]:
        raise RuntimeError("corpus stage failed")

    monkeypatch.setattr(storyline.api, "run_corpus_stage", broken)
    with Storyline(tmp_path / "broken.db", progress=False) as sl:
        sl.ingest([seeds])
        with pytest.raises(RuntimeError, match="corpus stage failed"):
            sl.process(workers=2, commit_every=1)
    assert not mp.active_children()
    assert not [t for t in threading.enumerate() if t.name == "storyline-feeder"]


def test_with_workers_the_main_process_and_the_workers_run_one_openmp_thread(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sys
    import types

    from storyline.parallel import leave_cores_to_workers

    threads: list[int] = []
    fake_torch = types.SimpleNamespace(set_num_threads=threads.append)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    monkeypatch.setitem(sys.modules, "torch", fake_torch)
    leave_cores_to_workers()
    assert os.environ["OMP_NUM_THREADS"] == "1"  # inherited by the workers, read by a later torch
    assert threads == [1]  # a torch already loaded is set directly
