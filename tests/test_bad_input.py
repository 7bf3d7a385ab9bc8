"""Bad input never loses data: a clear message naming file and line, the rest goes on."""

import gzip
import json
from pathlib import Path

from click.testing import CliRunner

from storyline import Storyline
from storyline.cli import main


def bad_folder(root: Path) -> Path:
    root.mkdir()
    (root / "good.txt").write_text("Taliban meet US envoys\n\nTalks were held in Doha on Saturday.\n")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (root / "empty.txt").write_text("")
    (root / "latin1.txt").write_bytes("Caf\xe9 talks in Kabul went on through the night.\n".encode("cp1252"))
    lines = [json.dumps({"id": "j1", "text": "Kabul airport reopened."}), "{broken", json.dumps({"id": "j2"})]
    (root / "records.jsonl").write_text("\n".join(lines) + "\n")
    whole = gzip.compress(b"".join(json.dumps({"id": f"g{i}", "text": f"Doha talks, day {i}."}).encode() + b"\n"
                                   for i in range(200)))
    (root / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (root / "huge.txt").write_text("Taliban. " * 300_000)
    return root


def test_a_batch_of_bad_files_keeps_what_is_good_and_what_was_stored(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with Storyline(db, progress=False, max_chars=1_000_000) as sl:
        sl.run([_seed(tmp_path)])
        before = sl.store.article("kept").text
        report = sl.run([bad_folder(tmp_path / "in")])
        codes = {(Path(p.source).name, p.code) for p in report.problems}
        assert {("image.txt", "E002"), ("empty.txt", "E004"), ("latin1.txt", "E003"), ("records.jsonl", "E006"),
                ("records.jsonl", "E007"), ("cut.jsonl.gz", "E008"), ("huge.txt", "E005")} <= codes
        broken = next(p for p in report.problems if p.code == "E006")
        assert broken.line == 2 and "records.jsonl:2" in str(broken)
        ids = {a.id for a in sl.store.iter_articles()}
        assert {"kept", "good", "latin1", "j1"} <= ids
        assert any(i.startswith("g") for i in ids)  # documents before the cut survive
        assert sl.store.article("kept").text == before
        assert "Café" in sl.store.article("latin1").text
        again = sl.run([tmp_path / "in"])
        assert again.counts["new"] == 0 and again.counts["processed"] == 0


def test_problems_are_printed_as_json_lines_and_stored(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    folder = bad_folder(tmp_path / "in")
    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 0
    printed = [json.loads(line) for line in result.stdout.splitlines()]
    assert {p["code"] for p in printed if p["event"] == "problem"} >= {"E002", "E004", "E006"}
    stored = CliRunner().invoke(main, ["problems", "--db", db])
    assert {json.loads(line)["code"] for line in stored.stdout.splitlines()} >= {"E002", "E004", "E006"}


def test_hostile_markup_is_kept_as_inert_text(tmp_path: Path) -> None:
    page = tmp_path / "x.html"
    page.write_text("<html><head><title>Talks</title><script>alert(1)</script></head><body><article>"
                    "<p>Envoys met in Doha on Saturday to discuss the evacuation of foreign nationals.</p>"
                    "<p>Officials said <b onmouseover='alert(2)'>talks</b> would go on. "
                    "<a href='javascript:alert(3)'>more</a></p></article></body></html>")
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([page])
        [article] = list(sl.store.iter_articles())
    assert "alert(1)" not in article.text and "Envoys met in Doha" in article.text


def _seed(tmp_path: Path) -> Path:
    path = tmp_path / "kept.txt"
    path.write_text("Envoys gather in Doha\n\nUN envoys gathered in Doha on Monday.\n")
    return path
