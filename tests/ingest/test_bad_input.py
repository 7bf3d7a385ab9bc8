"""Bad input of every kind: each is a problem naming file and line, never an exception."""

from __future__ import annotations

import gzip
import io
import json
import os
import time
import tracemalloc
from pathlib import Path

import pytest

from storyline.ingest import iter_documents

from .conftest import run

CP1252 = "First line is plain.\nSecond: caf\u00e9 \u201cquoted\u201d \u2014 na\u00efve r\u00e9sum\u00e9.\n"


def test_binary_file_is_e002(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (tmp_path / "controls.txt").write_bytes(bytes([1, 2, 3, 4, 5, 6, 7]) * 100 + b"some text")
    (tmp_path / "data.jsonl").write_bytes(b'{"text": "a"}\n\x00\x00\x00')
    result = run([tmp_path])
    assert result.docs == []
    assert result.codes() == ["E002", "E002", "E002"]
    assert "NUL" in result.problems[1].message and "control bytes" in result.problems[0].message


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "a.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "b.docx").write_text("looks like text, but what format is it?")
    (tmp_path / "c").write_text("no suffix: plain text")
    result = run([tmp_path])
    assert [d.text for d in result.docs] == ["no suffix: plain text"]
    assert [(p.code, os.path.basename(p.source)) for p in result.problems] == [
        ("E002", "a.bin"),
        ("E013", "b.docx"),
    ]
    assert "'.docx'" in result.problems[1].message


@pytest.mark.parametrize(
    ("name", "data"), [("e.txt", b""), ("w.txt", b" \n\t\r\n "), ("b.txt", b"\xef\xbb\xbf\n")]
)
def test_empty_or_blank_file_is_e004(tmp_path: Path, name: str, data: bytes) -> None:
    (tmp_path / name).write_bytes(data)
    assert run([tmp_path / name]).codes() == ["E004"]


def test_invalid_utf8_is_decoded_with_an_e003_warning(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(CP1252.encode("cp1252"))
    result = run([path])
    (doc,) = result.docs
    assert doc.text == CP1252
    (warning,) = result.problems
    assert (warning.code, warning.line, warning.source) == ("E003", 2, str(path))
    assert "cp1252" in warning.message
    assert f"{path}:2" in str(warning)


def test_invalid_utf8_in_json_lines_names_the_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "fine"}),
        json.dumps({"text": "caf\u00e9 \u201cx\u201d"}, ensure_ascii=False),
    ]
    path = tmp_path / "a.jsonl"
    path.write_bytes(lines[0].encode() + b"\n" + lines[1].encode("cp1252") + b"\n")
    result = run([path])
    assert [d.text for d in result.docs] == ["fine", "caf\u00e9 \u201cx\u201d"]
    assert [(p.code, p.line) for p in result.problems] == [("E003", 2)]


def test_truncated_gz_keeps_documents_read_before_the_cut(tmp_path: Path) -> None:
    records = "".join(json.dumps({"text": f"record {i} " + "filler " * 20}) + "\n" for i in range(1, 3001))
    data = gzip.compress(records.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    result = run([path])
    assert len(result.docs) > 100
    assert [d.line for d in result.docs] == list(range(1, len(result.docs) + 1))
    (cut,) = result.problems
    assert cut.code == "E008"
    assert cut.line is not None and cut.line > len(result.docs)
    assert str(path) in str(cut) and f":{cut.line}:" in str(cut)


def test_truncated_text_gz_is_e008_with_its_line(tmp_path: Path) -> None:
    data = gzip.compress(("a line of text\n" * 20_000).encode())
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(data[: len(data) // 2])
    (problem,) = run([path]).problems
    assert problem.code == "E008" and problem.line is not None and problem.line > 1


def test_not_really_gzip_is_e008(tmp_path: Path) -> None:
    (tmp_path / "fake.txt.gz").write_text("plain text pretending")
    (tmp_path / "fake.csv.gz").write_text("plain text pretending")
    assert run([tmp_path]).codes() == ["E008", "E008"]


def test_malformed_json_line_among_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"text": "one"}\n{"text": "two"\n{"text": "three"}\n')
    result = run([path])
    assert [d.text for d in result.docs] == ["one", "three"]
    (problem,) = result.problems
    assert (problem.code, problem.line) == ("E006", 2)
    assert str(problem).startswith(f"[E006] {path}:2: malformed JSON")


def test_fifty_megabyte_text_is_e005_fast_and_light(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        chunk = b"word " * 200_000  # 1 MB
        for _ in range(50):
            handle.write(chunk)
    tracemalloc.start()
    start = time.perf_counter()
    result = run([path])
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    (problem,) = result.problems
    assert problem.code == "E005"
    assert "at least 12,499,999 characters" in problem.message and "limit of 2,000,000" in problem.message
    assert elapsed < 2
    assert peak < 5_000_000


def test_fifty_megabyte_stream_is_e005_without_reading_it_all() -> None:
    class Endless(io.RawIOBase):
        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
            buffer[:] = b"x" * len(buffer)
            self.served += len(buffer)
            return len(buffer)

    stdin = Endless()
    result = run(["-"], stdin=io.BufferedReader(stdin), max_chars=1000)
    assert result.codes() == ["E005"]
    assert stdin.served < 100_000


def test_gzip_bomb_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 20_000_000))
    result = run([path], max_chars=1000)
    assert result.codes() == ["E005"] and "more than 1,000" in result.problems[0].message


def test_missing_path_is_e015(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("real")
    result = run([tmp_path / "nope.txt", tmp_path / "real.txt", tmp_path / "no-such-dir"])
    assert [d.id for d in result.docs] == ["real"]
    assert [(p.code, p.source) for p in result.problems] == [
        ("E015", str(tmp_path / "nope.txt")), ("E015", str(tmp_path / "no-such-dir")),
    ]  # fmt: skip


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_is_e001(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    try:
        assert run([path]).codes() == ["E001"]
    finally:
        path.chmod(0o600)


def test_problem_messages_name_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "ok"}\n{"title": "no text"}\n')
    (tmp_path / "b.csv").write_text("text\nok\n\n")
    (tmp_path / "c.csv").write_text("id,text\n1,a,extra\n")
    result = run([tmp_path])
    rendered = [str(p) for p in result.problems]
    assert rendered == [
        f"[E007] {tmp_path / 'a.jsonl'}:2: record has no text field; skipped",
        f"[E009] {tmp_path / 'c.csv'}:2: malformed CSV: row has 3 fields, the header has 2",
    ]


def test_a_folder_of_everything_bad_never_raises(tmp_path: Path) -> None:
    samples = {
        "a.html": b"<html><body><script>x</script></body></html>",
        "b.rss": b"<rss><channel><item>",
        "c.warc": b"WARC/1.0\r\nWARC-Type: response\r\n",
        "d.warc.gz": b"\x1f\x8b\x08\x00garbage",
        "e.json": b"[1, 2, 3]",
        "f.jsonl": b'1\n"s"\nnull\n[]\n',
        "g.csv": b'"',
        "h.tsv": b"\xff\xfe\x00\x00",
        "i.xml": b"<a>",
        "j.atom": b"\x00" * 10,
        "k.txt.gz": b"",
        "l.ndjson": b"{" * 10_000,
        "m.htm": b"\xff" * 100,
    }
    for name, data in samples.items():
        (tmp_path / name).write_bytes(data)
    items = list(iter_documents([tmp_path]))
    sources = {os.path.basename(getattr(item, "source", "")) for item in items}
    assert sources == set(samples)
    for item in items:
        assert item.source and item.__class__.__name__ in {"IngestProblem", "Document"}
