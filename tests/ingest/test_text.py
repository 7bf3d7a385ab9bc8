"""Plain text files, stdin, ids, hashes and the seed corpus."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from storyline.ingest import iter_documents
from storyline.ingest.base import content_hash, doc_stem, safe_id

from .conftest import SEEDS, run


def test_seed_folder_gives_five_documents_with_manifest_metadata() -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS}")
    manifest = {
        row["file"]: row
        for row in map(json.loads, (SEEDS / "manifest.jsonl").read_text("utf-8").splitlines())
    }
    result = run([SEEDS])
    assert result.problems == []
    assert len(result.docs) == 5
    assert [d.id for d in result.docs] == sorted(Path(name).stem for name in manifest)
    for doc in result.docs:
        row = manifest[doc.id + ".txt"]
        assert doc.outlet == row["outlet"]
        assert doc.published == row["published"]
        assert doc.language == row["language"]
        assert doc.url is None and doc.title is None
        assert doc.format == "text" and doc.line is None
        assert doc.source == str(SEEDS / f"{doc.id}.txt")
        assert doc.text == (SEEDS / f"{doc.id}.txt").read_text("utf-8")
        assert len(doc.content_hash) == 40


def test_text_is_not_altered(tmp_path: Path) -> None:
    raw = "  Headline\r\n\r\n\tBody   with  spacing.\n\n\n"
    (tmp_path / "a.txt").write_bytes(raw.encode())
    (doc,) = run([tmp_path / "a.txt"]).docs
    assert doc.text == raw
    assert doc.title is None
    assert doc.id == "a"


def test_bom_is_stripped(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfHello world")
    result = run([tmp_path / "bom.txt"])
    assert result.problems == []
    assert result.docs[0].text == "Hello world"


def test_utf16_with_bom_is_text(tmp_path: Path) -> None:
    (tmp_path / "wide.txt").write_bytes("Caf\u00e9 au lait".encode("utf-16"))
    result = run([tmp_path / "wide.txt"])
    assert result.docs[0].text == "Caf\u00e9 au lait"
    assert result.codes() == ["E003"]  # not UTF-8, but decoded


@pytest.mark.parametrize("name", ["notes.md", "notes.text", "NOTES.TXT", "README", "notes.txt.gz"])
def test_text_suffixes(tmp_path: Path, name: str) -> None:
    data = b"Some article text."
    (tmp_path / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    result = run([tmp_path / name])
    assert result.problems == []
    assert result.docs[0].text == "Some article text."
    assert result.docs[0].id == name.split(".")[0]


def test_max_chars_counts_characters_not_bytes(tmp_path: Path) -> None:
    (tmp_path / "under.txt").write_text("\u00e9" * 10, "utf-8")  # 20 bytes, 10 chars
    (tmp_path / "over.txt").write_text("\u00e9" * 11, "utf-8")
    (tmp_path / "wide.txt").write_text("\U0001f600" * 10, "utf-8")  # 40 bytes, 10 chars
    result = run([tmp_path], max_chars=10)
    assert sorted(d.id for d in result.docs) == ["under", "wide"]
    (over,) = result.problems
    assert over.code == "E005" and "11 characters" in over.message and "10" in over.message


def test_stdin_plain_text() -> None:
    result = run(["-"], stdin=io.BytesIO(b"Just some text\non two lines.\n"))
    (doc,) = result.docs
    assert doc.text == "Just some text\non two lines.\n"
    assert doc.id == f"stdin-{doc.content_hash[:12]}" and doc.source == "<stdin>" and doc.format == "text"
    other = run(["-"], stdin=io.BytesIO(b"Another text entirely.\n")).docs[0]
    assert other.id != doc.id  # two texts piped in never overwrite each other


def test_stdin_json_lines_is_sniffed() -> None:
    lines = b'\n  {"text": "one"}\n{"id": "x", "text": "two"}\n'
    result = run(["-"], stdin=io.BytesIO(lines))
    assert [(d.id, d.text, d.line, d.format) for d in result.docs] == [
        (f"stdin-{result.docs[0].content_hash[:12]}", "one", 2, "jsonl"),
        ("x", "two", 3, "jsonl"),
    ]


def test_stdin_between_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("A text")
    (tmp_path / "b.txt").write_text("B text")
    result = run([tmp_path / "a.txt", "-", tmp_path / "b.txt"], stdin=io.BytesIO(b"from stdin"))
    assert [d.id for d in result.docs] == ["a", f"stdin-{result.docs[1].content_hash[:12]}", "b"]


def test_content_hash_ignores_spacing_and_normalization() -> None:
    assert content_hash("Caf\u00e9  au\nlait ") == content_hash(" Cafe\u0301 au lait")
    assert content_hash("a b") != content_hash("ab")


def test_ids_are_safe_and_stems_strip_all_suffixes() -> None:
    assert safe_id("  a\nb\t c ") == "a b c"
    assert doc_stem("dir/001_168b8b6aed8b292c.txt") == "001_168b8b6aed8b292c"
    assert doc_stem("x.jsonl.gz") == "x"
    assert doc_stem("crawl.warc.gz") == "crawl"
    assert doc_stem("archive.2024.jsonl") == "archive.2024"


def test_a_single_path_string_is_one_source(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("text")
    items = list(iter_documents(str(tmp_path / "a.txt")))
    assert [getattr(item, "id", None) for item in items] == ["a"]
