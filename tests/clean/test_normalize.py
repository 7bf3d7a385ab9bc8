"""Whitespace policies, mojibake repair, line offsets, and the eval-file identity rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.clean.lines import split_lines
from storyline.clean.normalize import base_index, collapse_spaces, fix_mojibake, may_be_mojibake, policy_for

from .helpers import clean

EVAL_FILES = [
    "eval/timex/te3-train.docs.jsonl",
    "eval/quotes/dev.docs.jsonl",
    "eval/plover/dev.docs.jsonl",
]


def test_policy_by_format() -> None:
    assert policy_for("jsonl") == policy_for("csv") == "preserve"
    assert {policy_for(f) for f in ("text", "html", "feed", "warc")} == {"collapse"}


def test_preserve_keeps_every_character() -> None:
    text = "\r\n  Officials  met\u00a0on Monday.\t\r\n\r\n\r\nThey agreed.  \r\n"
    result = clean(text, fmt="jsonl")
    assert result.text == text
    assert result.removed == []


def test_collapse_normalises_whitespace_and_paragraphs() -> None:
    text = "  First  line\u00a0here \r\nsame paragraph\r\r\n\n\n\t Second\u2003paragraph.  \n\n"
    assert clean(text).text == "First line here\nsame paragraph\n\nSecond paragraph."


def test_collapse_spaces() -> None:
    assert collapse_spaces(" a \t b\u00a0\u00a0c  ") == "a b c"


def test_mojibake_is_repaired_under_both_policies() -> None:
    for fmt in ("text", "jsonl"):
        result = clean("The Talibanâ€™s spokesman said so.", fmt=fmt)
        assert result.text == "The Taliban’s spokesman said so."
        assert result.mojibake_fixed


def test_fine_text_is_left_alone() -> None:
    text = "“Curly” quotes, the ﬁrst ligature, ｗｉｄｅ, &amp; café’s menu — fine."
    assert fix_mojibake(text, "preserve") == text
    result = clean(text, fmt="jsonl")
    assert result.text == text
    assert not result.mojibake_fixed


def test_cheap_mojibake_gate() -> None:
    assert not may_be_mojibake("plain ASCII text")
    assert not may_be_mojibake("naïve café")
    assert may_be_mojibake("Talibanâ€™s")
    assert may_be_mojibake("protegÃ©s")


def test_split_lines_round_trips() -> None:
    for raw in ["", "a", "a\n", "a\r\nb\rc\n\nd", "\r\n\r\n", "x\n\ny\r\n"]:
        lines = split_lines(raw)
        assert "".join(line.base + line.eol for line in lines) == raw
        for line in lines:
            assert raw[line.raw_start : line.raw_end] == line.base


def test_base_index_maps_collapsed_offsets() -> None:
    base = "  KABUL,   Aug\u00a027 - The"
    collapsed = collapse_spaces(base)
    for k, char in enumerate(collapsed):
        if char != " ":
            assert base[base_index(base, k)] == char


@pytest.mark.parametrize("name", EVAL_FILES)
def test_eval_documents_come_out_unchanged(shared: Path, name: str) -> None:
    """Gold offsets index these texts: as jsonl documents they must not change at all."""
    with (shared / name).open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            result = clean(record["text"], fmt="jsonl")
            assert result.text == record["text"], record["id"]
            assert result.removed == [], record["id"]
            assert not result.mojibake_fixed, record["id"]


def test_removal_offsets_survive_mojibake_repair_on_the_same_line() -> None:
    text = "Intro.\r\n\r\nThe Talibanâ€™s spokesman confirmed the talks on Monday, officials said. (ANI)"
    for fmt in ("text", "jsonl"):
        result = clean(text, fmt=fmt)  # `clean` checks every removal against the input text
        assert [r.text for r in result.removed] == ["(ANI)"]
        assert result.text.endswith("The Taliban’s spokesman confirmed the talks on Monday, officials said.")
