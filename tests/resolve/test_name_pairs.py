"""Merge precision and recall on the labelled name pairs (tests/resolve/data/name_pairs.yaml)."""

import importlib.util
from pathlib import Path
from types import ModuleType

from storyline.resolve.kb import load_kb

ROOT = Path(__file__).resolve().parents[2]


def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("name_pairs", ROOT / "bench" / "name_pairs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_wrong_merge_and_high_recall() -> None:
    b = bench()
    pairs = b.load_pairs()
    assert len(pairs) >= 80 and sum(p["same"] for p in pairs) >= 40
    with_kb = b.evaluate(pairs, load_kb())
    rules = b.evaluate(pairs, None)
    assert with_kb["precision"] == 1.0 and with_kb["recall"] >= 0.95, with_kb
    assert rules["precision"] == 1.0 and rules["recall"] >= 0.85, rules
