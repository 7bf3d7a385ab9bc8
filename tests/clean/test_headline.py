"""Headline detection: plain text without a title; the headline stays in the text."""

from __future__ import annotations

import pytest

from storyline.clean.headline import looks_like_headline

from .helpers import clean

BODY = "A Swiss delegation will meet rebel commanders in Geneva on Friday."


@pytest.mark.parametrize(
    "line",
    [
        "UK to talk with rebels on safe passage after June 30",
        "Will the talks succeed?",
        'Rebels warn UN against "meddling" in the vote',
        "Taliban: we want good relations!",
    ],
)
def test_headline_like(line: str) -> None:
    assert looks_like_headline(line)


@pytest.mark.parametrize(
    "line",
    [
        "The minister said the talks were useful.",
        "December 10, 2023",
        "By John Smith and Jane Doe",
        "Alan Gomez",
        "He said:",
        "x" * 10 + " " + "word " * 50,
    ],
)
def test_not_headline_like(line: str) -> None:
    assert not looks_like_headline(line)


def test_title_for_plain_text_without_title() -> None:
    result = clean(f"Taliban and US meet in Doha\n\n{BODY}")
    assert result.title == "Taliban and US meet in Doha"
    assert result.text.startswith("Taliban and US meet in Doha\n\n")


def test_following_line_without_blank_line() -> None:
    assert clean(f"Taliban and US meet in Doha\n{BODY}").title == "Taliban and US meet in Doha"


def test_no_title_when_given_or_structured_or_alone() -> None:
    text = f"Taliban and US meet in Doha\n\n{BODY}"
    assert clean(text, title="Given").title is None
    assert clean(text, fmt="jsonl").title is None
    assert clean("Taliban and US meet in Doha").title is None
    assert clean(f"{BODY}\n\n{BODY} Again.").title is None


def test_boilerplate_before_the_headline_is_skipped() -> None:
    assert (
        clean(f"Breaking News\n\nTaliban and US meet in Doha\n\n{BODY}").title
        == "Taliban and US meet in Doha"
    )
