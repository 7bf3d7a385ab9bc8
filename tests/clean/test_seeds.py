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


def test_002_keeps_the_paragraph_and_drops_the_agency_credit(cleaned: Cleaned) -> None:
    _, result = cleaned["002"]
    assert "saying he hadn’t seen evidence the Taliban let the attack occur." in result.text
    assert "(ANI)" not in result.text
    assert result.title == "US to engage with Taliban for safe evacuation after Aug 31"


def test_000_repeated_lead_goes(cleaned: Cleaned) -> None:
    _, result = cleaned["000"]
    lead = "A US State Department spokesperson said that Washington has the ability to engage"
    assert result.text.count(lead) == 1
    assert result.title == "We Are Engaging With Taliban To Advance US Interests, Says US State Department"


def test_001_headline_is_not_breaking_news(cleaned: Cleaned) -> None:
    _, result = cleaned["001"]
    assert (
        result.title == "Officials say US delegation will meet Taliban in first high-level talks since recall"
    )
    assert result.text.startswith(result.title)


def test_004_dateline_and_repeated_headline(cleaned: Cleaned) -> None:
    _, result = cleaned["004"]
    assert (result.dateline, result.dateline_date) == ("December 10, 2023", "2023-12-10")
    assert result.title is not None and result.title.startswith("Taliban warns US in personal talks")
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
