"""The clean stage on the real seed articles and (slow) on the 3,000-article news sample.

The texts are read from ../shared at test time; none is copied into the repository.
"""

from __future__ import annotations

import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from storyline.clean import CleanText, clean_document
from storyline.clean.boilerplate import repeat_key
from storyline.model import Document

Cleaned = dict[str, tuple[Document, CleanText]]
STEMS = {
    "000": "000_6c46ca4b0d9f742c",
    "001": "001_168b8b6aed8b292c",
    "002": "002_9935c97695e8bf58",
    "003": "003_3f3e42a4b698865a",
    "004": "004_0e8ab7f9404d1008",
}
# What cleaning may remove from each seed, by reason: anything more would be a real sentence lost.
EXPECTED_REASONS = {
    "000": {"repeat": 1},
    "001": {"navigation": 2, "empty": 1},
    "002": {"credit": 4, "also_read": 2, "shortcode": 1},
    "003": {},
    "004": {"dateline": 1, "repeat": 1},
}


def seed_document(seeds: Path, key: str) -> Document:
    stem = STEMS[key]
    return Document(id=stem, text=(seeds / f"{stem}.txt").read_text(encoding="utf-8"), format="text")


@pytest.fixture(scope="module")
def cleaned(seeds: Path) -> dict[str, tuple[Document, CleanText]]:
    docs = {key: seed_document(seeds, key) for key in STEMS}
    return {key: (doc, clean_document(doc)) for key, doc in docs.items()}


def test_gold_boilerplate_does_not_survive(shared: Path, cleaned: Cleaned) -> None:
    gold = json.loads((shared / "gold" / "seeds-dev.json").read_text(encoding="utf-8"))
    checked = 0
    for doc, result in cleaned.values():
        for piece in gold["articles"].get(doc.id, {}).get("boilerplate", []):
            assert piece not in result.text, (doc.id, piece)
            checked += 1
    assert checked >= 8


def test_only_boilerplate_is_removed(cleaned: Cleaned) -> None:
    for key, (doc, result) in cleaned.items():
        assert Counter(r.reason for r in result.removed) == Counter(EXPECTED_REASONS[key]), key
        for removal in result.removed:
            assert doc.text[removal.raw_start : removal.raw_end] == removal.text


def raw_lines(doc: Document) -> list[str]:
    """The seed's non-blank lines as written: the expectations below are read from them."""
    return [line for line in doc.text.splitlines() if line.strip()]


def test_002_keeps_the_paragraph_and_drops_the_agency_credit(cleaned: Cleaned) -> None:
    doc, result = cleaned["002"]
    paragraph = next(line for line in raw_lines(doc) if "seen evidence" in line)
    kept, credit = paragraph.rsplit(" ", 1)  # the paragraph ends with the agency's credit
    assert credit == "(ANI)"
    assert kept in result.text
    assert "(ANI)" not in result.text
    assert result.title == raw_lines(doc)[0]


def test_000_repeated_lead_goes(cleaned: Cleaned) -> None:
    doc, result = cleaned["000"]
    title, lead, repeated = raw_lines(doc)[:3]
    assert repeated == lead and doc.text.count(lead) == 2
    assert result.text.count(lead) == 1 and result.text.count(lead[:80]) == 1
    assert result.title == title


def test_001_headline_is_not_breaking_news(cleaned: Cleaned) -> None:
    doc, result = cleaned["001"]
    breaking, headline = raw_lines(doc)[:2]
    assert breaking == "Breaking News"
    assert result.title == headline
    assert result.text.startswith(result.title)


def test_004_dateline_and_repeated_headline(cleaned: Cleaned) -> None:
    doc, result = cleaned["004"]
    dateline, headline, repeated = raw_lines(doc)[:3]
    assert (result.dateline, result.dateline_date) == (dateline, "2023-12-10")
    assert repeat_key(repeated) == repeat_key(headline)  # the same headline, with curly quotes
    assert result.title == headline
    assert result.text.startswith(result.title)
    lines = [repeat_key(line) for line in result.text.splitlines()]
    assert lines.count(repeat_key(result.title)) == 1


def test_003_is_untouched_prose(cleaned: Cleaned) -> None:
    doc, result = cleaned["003"]
    assert result.title is None and result.dateline is None
    assert result.text == doc.text.strip()


def test_language_and_no_mojibake(cleaned: Cleaned) -> None:
    for _, result in cleaned.values():
        assert result.language == "en"
        assert not result.mojibake_fixed


@pytest.mark.slow
def test_news_sample_invariants(shared: Path) -> None:
    """Every removal points at its input text; structured input only ever loses whole pieces."""
    with gzip.open(shared / "corpus" / "news-sample.jsonl.gz", "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    removed = 0
    for record in records:
        doc = Document(id=record["id"], text=record["text"], format="jsonl")
        result = clean_document(doc)
        for removal in result.removed:
            assert doc.text[removal.raw_start : removal.raw_end] == removal.text
        removed += bool(result.removed)
        if not result.removed and not result.mojibake_fixed:
            assert result.text == doc.text
    assert removed < len(records) * 0.6
