"""`storyline watch`: new and changed files are ingested once stable; restarts skip what is stored."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyline import Storyline
from storyline.cli import main
from storyline.watch import Watcher, watch

A = {"id": "w1", "text": "Zabihullah Mujahid spoke in Kabul on Monday.", "published": "2022-06-13"}
B = {"id": "w2", "text": "Rina Amiri met Taliban officials in Doha.", "published": "2022-06-14"}
C = {"id": "w3", "text": "Ned Price said the United States would keep talking.", "published": "2022-06-15"}


def _write(path: Path, *records: dict[str, str]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def _poll(w: Watcher) -> dict[str, int]:
    return dict(w.poll().counts)


def test_a_file_is_read_once_stable_and_again_when_it_changes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    feed = folder / "feed.jsonl"
    _write(feed, A)
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        w = Watcher(sl, folder)
        assert _poll(w) == {}  # first sight: not known to be complete yet
        _write(feed, A, B)  # still being written: size changed since the last poll
        assert _poll(w) == {}
        counts = _poll(w)  # unchanged across two polls: read
        assert counts["new"] == 2 and counts["processed"] == 2
        assert _poll(w) == {}  # nothing new
        _write(feed, A, {**B, "text": B["text"] + " They talked for hours."}, C)
        (folder / "half.jsonl.part").write_text("{", encoding="utf-8")  # a download in progress
        assert _poll(w) == {}
        counts = _poll(w)
        assert (counts["unchanged"], counts["updated"], counts["new"], counts["processed"]) == (1, 1, 1, 2)
        assert sl.stats()["articles"] == 3


def test_a_restart_reads_again_but_processes_nothing_already_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "a.jsonl", A, B)
    db = tmp_path / "s.db"
    naps: list[float] = []
    with Storyline(db, progress=False) as sl:
        reports = list(watch(Watcher(sl, folder), interval=0.5, once=True, sleep=naps.append))
        assert [r.counts["processed"] for r in reports] == [2] and naps == [0.5]
    with Storyline(db, progress=False) as sl:
        reports = list(watch(Watcher(sl, folder), once=True, sleep=lambda _: None))
        assert reports[0].counts["unchanged"] == 2 and "processed" not in reports[0].counts


def test_ctrl_c_stops_cleanly(tmp_path: Path) -> None:
    def interrupt(_: float) -> None:
        raise KeyboardInterrupt

    with Storyline(tmp_path / "s.db", progress=False) as sl:
        assert list(watch(Watcher(sl, tmp_path), sleep=interrupt)) == []


def test_cli_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "a.jsonl", A)
    (folder / "notes.txt").write_text("Taliban officials met in Doha on Tuesday.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["watch", str(folder), "--db", str(tmp_path / "s.db"), "--once",
                                       "--interval", "0.05", "-q"])
    assert result.exit_code == 0, result.output
    last = json.loads(result.stdout.splitlines()[-1])
    assert last["command"] == "watch" and last["new"] == 2 and last["processed"] == 2
