"""The real seed articles (read from ../shared at test time): the dev gold's entities line, and
the alias sets and distinct people named in the actors issue."""

import importlib.util
import io
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from storyline import Storyline


@pytest.fixture(scope="module")
def records(seeds_store: Storyline) -> list[dict[str, Any]]:
    out = io.StringIO()
    seeds_store.export(out, annotations=True)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("shared_score", shared / "tools" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def owners(records: list[dict[str, Any]], name: str) -> set[str]:
    """Ids of the entities holding a name, by the scorer's own normalisation."""
    norm = " ".join(name.lower().replace("-", " ").split())
    return {r["id"] for r in records if r["kind"] == "entity"
            and norm in {" ".join(a.lower().replace("-", " ").split()) for a in [r["name"], *r["aliases"]]}}


def test_dev_gold_entities_all_unified_no_wrong_merge(records: list[dict[str, Any]], shared: Path) -> None:
    gold = json.loads((shared / "gold" / "seeds-dev.json").read_text(encoding="utf-8"))
    result = scorer(shared).score(records, gold)["entities"]
    assert result["aliases_unified"] == result["gold"] == 8
    assert result["wrong_merges"] == 0


@pytest.mark.parametrize("names", [
    ("Amir Khan Muttaki", "Mottaki", "Amir Khan Muttaqi"),
    ("Rahm Dil Hanafi", "Rahmdel Hanafi"),
    ("Khalil-ur-Rehman Haqqani", "Khalil ur-Rahman Haqqani"),
    ("Ned Value", "Ned Price"),
    ("Dickson", "Robert Chatterton Dickson"),
    ("AQAP", "Al-Qaeda in the Arabian Peninsula"),
    ("US", "United States", "Washington"),
    ("Russian", "Russia", "Kremlin"),
])
def test_issue_alias_sets_are_one_entity(records: list[dict[str, Any]], names: tuple[str, ...]) -> None:
    common = set.intersection(*(owners(records, n) for n in names))
    assert len(common) == 1, names


@pytest.mark.parametrize(("a", "b"), [
    ("Sirajuddin Haqqani", "Jalaluddin Haqqani"),
    ("Sirajuddin Haqqani", "Khalil-ur-Rehman Haqqani"),
    ("Jalaluddin Haqqani", "Khalil-ur-Rehman Haqqani"),
    ("Ahmad Massoud", "Ahmad Shah Massoud"),
    ("Islamic State-Khorasan", "Islamic State"),
    ("al-Qaeda", "AQAP"),
])
def test_issue_distinct_actors_stay_apart(records: list[dict[str, Any]], a: str, b: str) -> None:
    oa, ob = owners(records, a), owners(records, b)
    assert oa and ob and not oa & ob, (a, b)


def test_entity_records_carry_roles_country_and_mentions_carry_ids(records: list[dict[str, Any]]) -> None:
    entities = {r["name"]: r for r in records if r["kind"] == "entity"}
    price = entities["Ned Price"]
    assert price["country"] == "USA"
    (spokes,) = [r for r in price["roles"] if r["title"] == "spokesperson"]
    assert spokes["org"] == entities["US State Department"]["id"]
    assert spokes["from"] == "2021-01" and spokes["to"] == "2023-03" and len(spokes["evidence"]) >= 2
    stanekzai = entities["Sher Mohammad Abbas Stanekzai"]
    assert any(r["title"] == "deputy foreign minister" and r["evidence"] for r in stanekzai["roles"])
    ids = {r["id"] for r in records if r["kind"] == "entity"}
    linked = [r for r in records if r["kind"] == "mention" and r["entity"]]
    assert linked and all(r["entity"] in ids for r in linked)
