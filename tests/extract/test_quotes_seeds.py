"""The seed articles through the whole pipeline, scored by the shared scorer (read in place)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any


def _scores(seeds_store: Any, shared: Path, tmp_path: Path) -> dict[str, Any]:
    export = tmp_path / "export.jsonl"
    seeds_store.export(export, annotations=True)
    scorer = [sys.executable, str(shared / "tools" / "score.py"), str(export),
              str(shared / "gold" / "seeds-dev.json"), "--json"]
    out = subprocess.run(scorer, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out))


def test_seed_quotes_and_claims(seeds_store: Any, shared: Path, tmp_path: Path) -> None:
    scores = _scores(seeds_store, shared, tmp_path)
    quotes, claims = scores["quotes"], scores["claims"]
    assert quotes["speaker_right"] >= 0.9 * quotes["gold"], quotes
    assert claims["found"] == claims["gold"], claims


def test_exported_quote_and_claim_records(seeds_store: Any, tmp_path: Path) -> None:
    export = tmp_path / "export.jsonl"
    seeds_store.export(export)
    records = [json.loads(line) for line in export.read_text(encoding="utf-8").splitlines()]
    texts = {r["id"]: r["text"] for r in records if r["kind"] == "article"}
    quotes = [r for r in records if r["kind"] == "quote"]
    claims = [r for r in records if r["kind"] == "claim"]
    assert quotes and claims
    for record in quotes + claims:
        for ev in record["evidence"]:
            assert texts[ev["article"]][ev["start"]:ev["end"]] == ev["text"]
    assert {"speaker", "text", "direct", "cue", "said_on"} <= set(quotes[0])
    assert {"value", "number", "unit", "about", "attributed_to", "as_of"} <= set(claims[0])
    # a named speaker is linked to its corpus entity once entities are resolved
    assert any((q["speaker"] or {}).get("identifier_id") for q in quotes)
