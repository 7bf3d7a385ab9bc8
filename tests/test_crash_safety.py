"""An interrupted run resumes where it stopped: nothing lost, nothing duplicated."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from storyline import Storyline
from storyline.resolve.entities import entity_id
from storyline.store import Store

TEXT = "Taliban spokesman Zabihullah Mujahid met envoys of Qatar in Doha on Monday, report {i}.\n"


def corpus(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps({"id": f"d{i:03d}", "text": TEXT.format(i=i) * 3}) + "\n"
                            for i in range(n)), encoding="utf-8")
    return path


def consistent(store: Store, n: int) -> None:
    stats = store.stats()
    assert stats["documents"] == n
    assert stats["documents_by_status"] == {"processed": n}
    assert stats["articles"] == n
    linked = Counter(m.entity for m in store.iter_mentions() if m.entity)
    counted = {e.id: e.mentions for e in store.iter_entities()}
    assert counted == dict(linked)  # every mention counted exactly once
    assert linked[entity_id("zabihullah mujahid")] >= n


def processed_so_far(db: Path) -> int:
    """Processed documents, read without taking any lock: a plain read-only connection (opening
    a `Store` would try to migrate, and wait on the running writer under load)."""
    if not db.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)) as conn:
            row = conn.execute("SELECT count(*) FROM documents WHERE status = 'processed'").fetchone()
    except sqlite3.Error:  # mid-creation, or the table not there yet
        return 0
    return int(row[0])


def test_an_exception_mid_run_keeps_finished_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import storyline.api as api

    source = corpus(tmp_path / "in.jsonl", 30)
    db = tmp_path / "s.db"
    real_commit = api.Storyline._commit
    calls = {"n": 0}

    def crash_on_third(self, outcomes, version, report):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real_commit(self, outcomes, version, report)

    monkeypatch.setattr(api.Storyline, "_commit", crash_on_third)
    with pytest.raises(KeyboardInterrupt), Storyline(db, progress=False) as sl:
        sl.run([source], commit_every=10)
    monkeypatch.setattr(api.Storyline, "_commit", real_commit)
    with Storyline(db, progress=False) as sl:
        assert len(sl.store.pending_ids()) == 10
        report = sl.run([source], commit_every=10)
        assert report.counts["unchanged"] == 30 and report.counts["processed"] == 10
        consistent(sl.store, 30)


def test_sigkill_mid_run_then_rerun(tmp_path: Path) -> None:
    source = corpus(tmp_path / "in.jsonl", 400)
    db = tmp_path / "s.db"
    cmd = [sys.executable, "-m", "storyline.cli", "run", str(source), "--db", str(db), "--commit-every", "20", "-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 180  # a loaded CI machine (browser tests beside it) may take a while
    while time.time() < deadline and proc.poll() is None:  # until some, not all, are processed
        time.sleep(0.2)
        if processed_so_far(db) >= 40:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = Store(db).stats()["documents_by_status"]
    assert 0 < partial.get("processed", 0) < 400
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    consistent(Store(db), 400)
