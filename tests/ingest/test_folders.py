"""Folders, manifests and the reader registry."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

import storyline.ingest as ingest
from storyline.ingest.readers import builtin_readers, storyline_readers
from storyline.model import Document, IngestProblem
from storyline.plugins import Reader

from .conftest import run

HTML = """<html lang="de"><head><title>Page title</title>
<meta property="og:site_name" content="Page Outlet">
<meta property="article:published_time" content="2020-01-02">
</head><body><article><p>{}</p></article></body></html>""".format(
    "A paragraph long enough to count as the main text of this small test page. " * 4
)


def test_walk_is_recursive_sorted_and_skips_hidden_and_manifest(tmp_path: Path) -> None:
    for rel in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "z/e.txt", ".hidden.txt", ".git/f.txt"]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"text of {rel}")
    (tmp_path / "manifest.jsonl").write_text("")
    (tmp_path / "sub" / "manifest.jsonl").write_text("")
    result = run([tmp_path])
    assert result.problems == []
    assert [d.id for d in result.docs] == ["a", "b", "c", "d", "e"]
    assert result.docs[3].source == os.path.join(str(tmp_path), "sub", "deeper", "d.txt")


def test_hidden_file_given_directly_is_read(tmp_path: Path) -> None:
    (tmp_path / ".note.txt").write_text("hidden but asked for")
    assert [d.text for d in run([tmp_path / ".note.txt"]).docs] == ["hidden but asked for"]


def test_sources_keep_their_order_and_spelling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "x.txt").write_text("x")
    (tmp_path / "y.txt").write_text("y")
    monkeypatch.chdir(tmp_path)
    result = run(["y.txt", "d", Path("y.txt")])
    assert [(d.id, d.source) for d in result.docs] == [
        ("y", "y.txt"),
        ("x", os.path.join("d", "x.txt")),
        ("y", "y.txt"),
    ]


def test_ten_thousand_files(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(10_000):
        (folder / f"{i:05d}.txt").write_bytes(b"Article number %d." % i)
    start = time.perf_counter()
    count = 0
    for item in ingest.iter_documents([folder]):
        assert isinstance(item, Document)
        count += 1
    elapsed = time.perf_counter() - start
    assert count == 10_000
    assert elapsed < 10, f"10,000 files took {elapsed:.1f} s"


def test_walk_is_lazy(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "1.txt").write_text(name)
    items = ingest.iter_documents([tmp_path])
    first = next(items)
    (tmp_path / "b" / "0.txt").write_text("added after the walk started")
    rest = list(items)
    assert isinstance(first, Document) and first.text == "a"
    assert [getattr(item, "text", None) for item in rest] == ["added after the walk started", "b"]


def test_symlink_loops_do_not_hang(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert [d.id for d in run([tmp_path]).docs] == ["x"]


def test_manifest_metadata_and_precedence(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("plain text")
    (tmp_path / "page.html").write_text(HTML)
    (tmp_path / "other.html").write_text(HTML)
    (tmp_path / "records.jsonl").write_text('{"text": "r", "outlet": "Own outlet", "title": "Own"}\n')
    (tmp_path / "manifest.jsonl").write_text(
        '{"file": "plain.txt", "outlet": "M outlet", "published": "2021-08-28", "url": "https://m/1",'
        ' "title": "M title", "language": "en"}\n'
        '{"file": "page.html", "outlet": "Manifest outlet", "published": null, "title": null}\n'
        '{"file": "records.jsonl", "outlet": "Manifest outlet", "title": null}\n'
    )
    docs = run([tmp_path]).by_id()
    plain = docs["plain"]
    assert (plain.outlet, plain.published, plain.url, plain.title, plain.language) == (
        "M outlet", "2021-08-28", "https://m/1", "M title", "en",
    )  # fmt: skip
    page = docs["page"]
    assert (page.outlet, page.published, page.title, page.language) == (
        "Manifest outlet", "2020-01-02", "Page title", "de",
    )  # fmt: skip
    other = docs["other"]  # not in the manifest: the page's own metadata
    assert (other.outlet, other.title) == ("Page Outlet", "Page title")
    record = docs["records:1"]
    assert (record.outlet, record.title) == ("Manifest outlet", "Own")


def test_manifest_applies_to_a_file_given_directly_and_per_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub" / "a.txt").write_text("sub a")
    (tmp_path / "manifest.jsonl").write_text('{"file": "a.txt", "outlet": "Top"}\n')
    (tmp_path / "sub" / "manifest.jsonl").write_text('{"file": "a.txt", "outlet": "Sub"}\n')
    assert [d.outlet for d in run([tmp_path / "a.txt"]).docs] == ["Top"]
    assert [d.outlet for d in run([tmp_path]).docs] == ["Top", "Sub"]


def test_malformed_manifest_lines_are_e014_once(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(name)
    (tmp_path / "manifest.jsonl").write_text(
        '{"file": "a.txt", "outlet": "A"}\n'
        "{not json\n"
        '{"outlet": "no file"}\n'
        '["a list"]\n'
        '{"file": "c.txt", "outlet": "C", "published": {"bad": 1}}\n'
    )
    result = run([tmp_path])
    assert [(d.id, d.outlet) for d in result.docs] == [("a", "A"), ("b", None), ("c", "C")]
    manifest = str(tmp_path / "manifest.jsonl")
    assert [(p.code, p.line, p.source) for p in result.problems] == [
        ("E014", 2, manifest), ("E014", 3, manifest), ("E014", 4, manifest), ("E016", 5, manifest),
    ]  # fmt: skip


def test_builtin_readers_are_registered_as_a_plugin() -> None:
    readers = storyline_readers()
    assert [r.name for r in readers] == ["text", "html", "jsonl", "csv", "feed", "warc"]
    assert all(isinstance(r, Reader) for r in readers)
    suffixes = [s for r in readers for s in r.suffixes]
    assert len(suffixes) == len(set(suffixes))
    assert all(s == s.lower() and s.startswith(".") for s in suffixes)


class UpperReader:
    """A third-party reader, as a plugin would register it; it breaks every rule it can."""

    name = "upper"
    suffixes = (".up",)

    def read(self, stream: IO[bytes], source: str) -> Iterator[Document | IngestProblem]:
        text = stream.read().decode().upper()
        yield Document(id=" messy\nid ", text=text, source=source, format=self.name)


def test_plugin_readers_are_used_and_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "available_readers", lambda: [*builtin_readers(), UpperReader()])
    (tmp_path / "a.up").write_text("shout")
    (tmp_path / "b.up").write_text("x" * 50)
    (tmp_path / "manifest.jsonl").write_text('{"file": "a.up", "outlet": "Loud"}\n')
    result = run([tmp_path], max_chars=20)
    (doc,) = result.docs
    assert (doc.id, doc.text, doc.outlet, doc.format) == ("messy id", "SHOUT", "Loud", "upper")
    assert len(doc.content_hash) == 40
    assert result.codes() == ["E005"]


def test_a_crashing_reader_costs_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Crash(UpperReader):
        def read(self, stream: IO[bytes], source: str) -> Iterator[Document | IngestProblem]:
            raise RuntimeError("plugin bug")

    monkeypatch.setattr(ingest, "available_readers", lambda: [*builtin_readers(), Crash()])
    (tmp_path / "a.up").write_text("x")
    (tmp_path / "b.txt").write_text("still read")
    result = run([tmp_path])
    assert [d.text for d in result.docs] == ["still read"]
    assert result.codes() == ["E001"] and "plugin bug" in result.problems[0].message
