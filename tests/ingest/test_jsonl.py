"""JSON lines and JSON files: records, fields, coercion, ids and line numbers."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import run


def jsonl(path: Path, *records: Any) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_records_fields_and_extra(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "news.jsonl",
        {
            "id": "a1",
            "text": "First text.",
            "title": "T",
            "outlet": "O",
            "url": "https://x/1",
            "published": "2021-08-27",
            "language": "en",
            "author": "Someone",
            "tags": ["a", "b"],
        },
        {"text": "Second text."},
    )
    result = run([path])
    assert result.problems == []
    first, second = result.docs
    assert (first.id, first.title, first.outlet, first.url, first.published, first.language) == (
        "a1", "T", "O", "https://x/1", "2021-08-27", "en",
    )  # fmt: skip
    assert first.extra == {"author": "Someone", "tags": ["a", "b"]}
    assert (first.line, first.format, first.source) == (1, "jsonl", str(path))
    assert (second.id, second.line, second.title) == ("news:2", 2, None)


def test_ids_are_line_based_and_stem_drops_all_suffixes(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"text": "a"}\n\n{"text": "b"}\n'))
    result = run([path])
    assert [(d.id, d.line) for d in result.docs] == [("feed:1", 1), ("feed:3", 3)]


def test_field_names_are_case_insensitive_and_text_aliases(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.ndjson", {"Text": "Upper", "Title": "Hi"}, {"body": "From body", "content": "x"}
    )
    first, second = run([path]).docs
    assert (first.text, first.title) == ("Upper", "Hi")
    assert second.text == "From body" and second.extra == {"content": "x"}


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (2021, "2021"),
        (1630000000, "2021-08-26T17:46:40Z"),
        (1630000000000, "2021-08-26T17:46:40Z"),
        ("  2021-08-27 ", "2021-08-27"),
        ("", None),
        (None, None),
    ],
)
def test_published_is_coerced(tmp_path: Path, published: Any, expected: str | None) -> None:
    result = run([jsonl(tmp_path / "a.jsonl", {"text": "t", "published": published})])
    assert result.problems == []
    assert result.docs[0].published == expected


def test_numbers_as_id_and_title_are_strings(tmp_path: Path) -> None:
    (doc,) = run([jsonl(tmp_path / "a.jsonl", {"id": 42, "title": 1984, "text": "t"})]).docs
    assert (doc.id, doc.title) == ("42", "1984")


def test_unusable_fields_are_e016_and_the_document_is_kept(tmp_path: Path) -> None:
    path = jsonl(tmp_path / "a.jsonl", {"text": "t", "url": 5, "published": {"y": 2021}, "outlet": True})
    result = run([path])
    assert result.docs[0].url is None and result.docs[0].published is None
    assert result.codes() == ["E016", "E016", "E016"]
    assert all(p.line == 1 for p in result.problems)
    assert "'url'" in " ".join(p.message for p in result.problems)


def test_unusable_id_falls_back_to_line_id(tmp_path: Path) -> None:
    result = run([jsonl(tmp_path / "a.jsonl", {"id": ["x"], "text": "t"}, {"id": " \n ", "text": "u"})])
    assert [d.id for d in result.docs] == ["a:1", "a:2"]
    assert result.codes() == ["E016"]


def test_ids_are_made_safe(tmp_path: Path) -> None:
    (doc,) = run([jsonl(tmp_path / "a.jsonl", {"id": "  abc\n123\t", "text": "t"})]).docs
    assert doc.id == "abc 123"


def test_records_without_text_and_odd_lines(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        {"title": "no text"},
        {"text": None},
        {"text": 12},
        {"text": "   "},
        ["not", "an", "object"],
        {"text": ["para one", "para two"]},
    )
    result = run([path])
    assert [(p.code, p.line) for p in result.problems] == [
        ("E007", 1), ("E007", 2), ("E016", 3), ("E004", 4), ("E006", 5),
    ]  # fmt: skip
    (doc,) = result.docs
    assert doc.text == "para one\n\npara two" and doc.line == 6


def test_malformed_line_among_good_ones(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl", {"text": "one"}, '{"text": "two",', {"text": "three"}, "[[[[", {"text": "four"}
    )
    result = run([path])
    assert [d.text for d in result.docs] == ["one", "three", "four"]
    assert [(p.code, p.line) for p in result.problems] == [("E006", 2), ("E006", 4)]
    assert f"{path}:2" in str(result.problems[0])


def test_deeply_nested_json_is_e006_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + '\n{"text": "ok"}\n')
    result = run([path])
    assert result.codes() == ["E006"] and [d.text for d in result.docs] == ["ok"]


def test_long_record_is_e005_and_long_line_is_e017(tmp_path: Path) -> None:
    path = jsonl(
        tmp_path / "a.jsonl",
        {"text": "x" * 11},
        {"text": "y" * 10},
        {"text": "z" * 5, "pad": "p" * 2_000_000},
    )
    result = run([path], max_chars=10)
    assert [d.text for d in result.docs] == ["y" * 10]
    assert [(p.code, p.line) for p in result.problems] == [("E005", 1), ("E017", 3)]


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"text": "a"}, {"id": "b", "text": "b"}, {"nope": 1}], indent=2))
    result = run([path])
    assert [(d.id, d.line) for d in result.docs] == [("dump:1", None), ("b", None)]
    assert result.codes() == ["E007"] and "item 3" in result.problems[0].message


@pytest.mark.parametrize("key", ["articles", "documents", "items"])
def test_json_object_with_a_list(tmp_path: Path, key: str) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps({"meta": {}, key: [{"text": "a"}, {"text": "b"}]}))
    assert [d.text for d in run([path]).docs] == ["a", "b"]


def test_json_single_pretty_object_and_json_lines_in_json(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"id": "solo", "text": "alone"}, indent=2))
    (tmp_path / "lines.json").write_text('{"text": "a"}\n{"text": "b"}\n')
    result = run([tmp_path])
    assert [(d.id, d.line) for d in result.docs] == [("lines:1", 1), ("lines:2", 2), ("solo", None)]


def test_broken_json_file_reports_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n {"text": "a"},\n {"text": }\n]')
    result = run([path])
    assert [(p.code, p.line) for p in result.problems] == [("E006", 3)]


def test_empty_jsonl_is_e004(tmp_path: Path) -> None:
    (tmp_path / "empty.jsonl").write_text("\n \n")
    assert run([tmp_path / "empty.jsonl"]).codes() == ["E004"]


def test_oversized_json_file_is_e017(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"text": "x" * 100}] * 10))
    assert run([path], max_chars=10).codes() == ["E017"]
