"""The per-document stage on Dask: the same export as one process, on a LocalCluster and on a
cluster reached by its tcp:// address."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest

from storyline import Storyline
from storyline.errors import StorylineError


def _export(sl: Storyline) -> list[str]:
    out = io.StringIO()
    sl.export(out, annotations=True)
    return out.getvalue().splitlines()


def test_dask_local_gives_the_same_export_as_one_process(seeds_store: Storyline, seeds: Path,
                                                         tmp_path: Path) -> None:
    with Storyline(tmp_path / "dask.db", progress=False) as sl:
        report = sl.run([seeds], dask="local", workers=1)
        assert report.counts["processed"] == 5
        assert _export(sl) == _export(seeds_store)


def test_dask_scheduler_address(seeds_store: Storyline, seeds: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, dashboard_address="127.0.0.1:0",
                      silence_logs=logging.WARNING) as cluster:
        address = cluster.scheduler_address
        assert address.startswith("tcp://")
        with Storyline(tmp_path / "tcp.db", progress=False) as sl:
            sl.run([seeds], dask=address, commit_every=2)
            assert _export(sl) == _export(seeds_store)
        # a second run on the same cluster: the models are already loaded, nothing pending
        with Storyline(tmp_path / "tcp.db", progress=False) as sl:
            assert sl.process(dask=address).counts["processed"] == 0


def test_a_scheduler_that_is_not_there_is_a_coded_error(tmp_path: Path, seeds: Path) -> None:
    with Storyline(tmp_path / "none.db", progress=False) as sl:
        sl.ingest([seeds])
        with pytest.raises(StorylineError, match="E70"):
            sl.process(dask="nonsense")
