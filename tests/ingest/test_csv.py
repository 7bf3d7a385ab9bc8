"""CSV and TSV: header, text column, line numbers, bad rows."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from .conftest import run


def write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_rows_fields_and_extra(tmp_path: Path) -> None:
    path = write(
        tmp_path / "news.csv",
        "ID,Title,Outlet,Published,URL,Language,Body,section\n"
        'a1,First,Daily,2021-08-27,https://x/1,en,"First body, with comma",World\n'
        ",Second,,,,,Second body,\n",
    )
    result = run([path])
    assert result.problems == []
    first, second = result.docs
    assert (first.id, first.title, first.outlet, first.published, first.url, first.language) == (
        "a1", "First", "Daily", "2021-08-27", "https://x/1", "en",
    )  # fmt: skip
    assert first.text == "First body, with comma"
    assert first.extra == {"section": "World"}
    assert (first.line, first.format) == (2, "csv")
    assert (second.id, second.outlet, second.extra, second.line) == ("news:3", None, {}, 3)


@pytest.mark.parametrize("column", ["text", "TEXT", "body", "Content", "article"])
def test_text_column_names(tmp_path: Path, column: str) -> None:
    path = write(tmp_path / "a.csv", f"id,{column}\n1,hello\n")
    assert [d.text for d in run([path]).docs] == ["hello"]


def test_text_wins_over_other_aliases(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "content,text\nnot this,this\n")
    (doc,) = run([path]).docs
    assert doc.text == "this" and doc.extra == {"content": "not this"}


def test_multiline_field_keeps_its_starting_line(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", 'text\n"line one\nline two\n\nline four"\nnext\n')
    result = run([path])
    assert [(d.text, d.line, d.id) for d in result.docs] == [
        ("line one\nline two\n\nline four", 2, "a:2"),
        ("next", 6, "a:6"),
    ]


def test_tsv(tmp_path: Path) -> None:
    path = write(tmp_path / "a.tsv", "id\ttext\nx\tsome, text\n")
    (doc,) = run([path]).docs
    assert (doc.id, doc.text, doc.format) == ("x", "some, text", "csv")


def test_gzipped_csv_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "a.csv.gz"
    path.write_bytes(gzip.compress(b"\xef\xbb\xbfid,text\n1,hello\n"))
    result = run([path])
    assert result.problems == [] and result.docs[0].id == "1"


def test_fields_larger_than_the_csv_default_limit(tmp_path: Path) -> None:
    big = "word " * 60_000  # 300 KB, above csv's default 128 KB field limit
    path = write(tmp_path / "big.csv", f'id,text\n1,"{big}"\n')
    (doc,) = run([path]).docs
    assert doc.text == big


def test_bad_rows_are_e009_with_line_numbers(tmp_path: Path) -> None:
    path = write(
        tmp_path / "a.csv", "id,text,title\n1,good,T\n2,too,many,fields\n3,few\n\n4,also good,U\n5,,empty\n"
    )
    result = run([path])
    assert [d.id for d in result.docs] == ["1", "4"]
    assert [(p.code, p.line) for p in result.problems] == [("E009", 3), ("E009", 4), ("E004", 7)]
    assert "4 fields" in result.problems[0].message


def test_no_text_column_is_e009(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "id,title\n1,x\n")
    result = run([path])
    assert [(p.code, p.line) for p in result.problems] == [("E009", 1)]
    assert "no text column" in result.problems[0].message


def test_empty_csv_is_e004(tmp_path: Path) -> None:
    assert run([write(tmp_path / "a.csv", "")]).codes() == ["E004"]


def test_unterminated_quote_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", 'id,text\n1,ok\n2,"never closed\n')
    result = run([path])
    assert [d.id for d in result.docs] == ["1"]
    assert result.codes() == ["E009"] and result.problems[0].line == 3
