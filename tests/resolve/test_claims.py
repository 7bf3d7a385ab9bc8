"""Corpus step `claim_links`: the same claim linked across articles and batches, conflicts flagged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storyline import Storyline

FIRST = [
    {"id": "wfp-1", "published": "2021-11-08", "outlet": "Example Wire",
     "text": "The World Food Programme said 22.8 million people face acute hunger in Afghanistan."},
    {"id": "reward-1", "published": "2021-11-08", "outlet": "Example Wire",
     "text": "The State Department offered a $5 million reward for information on the attack."},
]
SECOND = [
    {"id": "wfp-2", "published": "2021-11-09", "outlet": "Other Daily",
     "text": "Nearly 22.8 million people face acute hunger across the country, the agency said on Tuesday."},
    {"id": "wfp-3", "published": "2021-11-09", "outlet": "Third Post",
     "text": "An aid group said 18 million people face acute hunger in Afghanistan."},
    {"id": "wfp-4", "published": "2022-06-20", "outlet": "Third Post",
     "text": "The World Food Programme said 19.7 million people face acute hunger in Afghanistan."},
    {"id": "reward-2", "published": "2021-11-10", "outlet": "Other Daily",
     "text": "Washington has offered a US$5 million reward for information leading to the attackers."},
]


def _write(path: Path, docs: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    return path


def _claims(tmp_path: Path) -> dict[str, dict[str, Any]]:
    export = tmp_path / "out.jsonl"
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([_write(tmp_path / "first.jsonl", FIRST)])
        sl.run([_write(tmp_path / "second.jsonl", SECOND)])  # a later batch: only its claims are compared
        sl.export(export)
    records = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    return {r["article"]: r for r in records if r["kind"] == "claim"}


def test_same_claim_linked_and_conflicts_flagged_across_batches(tmp_path: Path) -> None:
    claims = _claims(tmp_path)
    first, again, other, later = claims["wfp-1"], claims["wfp-2"], claims["wfp-3"], claims["wfp-4"]
    assert first["number"] == 22.8e6 and first["unit"] == "people"
    assert first["attributed_to"]["entity_text"] == "The World Food Programme"
    assert again["qualifier"] == "nearly" and again["attributed_to"]["entity_text"] == "the agency"
    # linked both ways, although the first article was stored a batch earlier
    assert again["id"] in first["same_as"] and first["id"] in again["same_as"]
    # a different value for the same quantity at the same time is a conflict ...
    assert other["id"] in again["conflicts_with"] and again["id"] in other["conflicts_with"]
    # ... a value seven months later is not (the number changed)
    assert later["id"] not in again["conflicts_with"] and later["id"] not in again["same_as"]


def test_currencies_written_differently_are_the_same_claim(tmp_path: Path) -> None:
    claims = _claims(tmp_path)
    one, two = claims["reward-1"], claims["reward-2"]
    assert one["unit"] == two["unit"] == "USD" and one["number"] == two["number"] == 5e6
    assert two["id"] in one["same_as"]


def test_a_number_that_moved_between_two_dates_is_linked_as_a_change(tmp_path: Path) -> None:
    docs = [
        {"id": "ferry-1", "published": "2023-02-14", "outlet": "Harbour Post",
         "text": "The port authority said 41,000 passengers used the night ferry in January 2023."},
        {"id": "ferry-2", "published": "2023-09-12", "outlet": "Coastal Times",
         "text": "The port authority said 56,000 passengers used the night ferry in August 2023."},
        {"id": "ferry-3", "published": "2023-09-13", "outlet": "Island Daily",
         "text": "Officials said 49,000 passengers used the night ferry in August 2023."},
    ]
    export = tmp_path / "out.jsonl"
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([_write(tmp_path / "docs.jsonl", docs)])
        sl.export(export)
    records = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    claims = {r["article"]: r for r in records if r["kind"] == "claim"}
    january, august, other = claims["ferry-1"], claims["ferry-2"], claims["ferry-3"]
    assert january["as_of"]["date"] == "2023-01-01" and august["as_of"]["date"] == "2023-08-01"
    # January's figure changed to August's: linked both ways, neither a conflict nor the same claim
    assert january["changed_to"] == sorted([august["id"], other["id"]]) and january["changed_from"] == []
    assert january["id"] in august["changed_from"] and august["changed_to"] == []
    assert january["id"] not in august["conflicts_with"] + august["same_as"]
    # two values for the same month still conflict
    assert other["id"] in august["conflicts_with"] and august["id"] in other["conflicts_with"]
