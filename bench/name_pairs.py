"""Precision and recall of entity merges on a labelled set of name pairs.

    .venv/bin/python bench/name_pairs.py [PAIRS.yaml]

Each pair (tests/resolve/data/name_pairs.yaml, written from public facts) says whether two
names are one actor. The resolver's context-free decision (`matching.same_actor`) is run on
each twice: with the knowledge base, and with the string rules alone (no KB), so the figures
show what the rules do for names nobody has curated. Prints one JSON line per setting.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import yaml

from storyline.resolve.kb import KnowledgeBase, load_kb
from storyline.resolve.matching import same_actor

log = logging.getLogger("bench.name_pairs")
DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "resolve" / "data" / "name_pairs.yaml"


def evaluate(pairs: list[dict[str, Any]], kb: KnowledgeBase | None) -> dict[str, Any]:
    """Merge precision and recall over the pairs, and the pairs it got wrong."""
    tp = fp = fn = 0
    wrong = []
    for pair in pairs:
        merged = same_actor(kb, pair["a"], pair["b"], pair["type"]) is not None
        tp += merged and pair["same"]
        fp += merged and not pair["same"]
        fn += (not merged) and pair["same"]
        if merged != pair["same"]:
            wrong.append(f"{pair['a']} / {pair['b']}")
    return {
        "pairs": len(pairs),
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "merges": tp + fp, "wrong_merges": fp, "missed": fn, "errors": wrong,
    }


def load_pairs(path: Path = DEFAULT) -> list[dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8")))


def main(argv: list[str]) -> None:
    pairs = load_pairs(Path(argv[0]) if argv else DEFAULT)
    for name, kb in (("with_kb", load_kb()), ("rules_only", None)):
        sys.stdout.write(json.dumps({"setting": name, **evaluate(pairs, kb)}) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
