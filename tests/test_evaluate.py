"""`make eval`'s split of TempEval-3 train into a dev and a test part, each scored by the real scorer."""

import json
from pathlib import Path

from storyline.evaluate import SETS, score_parts, split_of


def test_split_is_stable_and_about_even(shared: Path) -> None:
    ids = [json.loads(line)["id"] for line in (shared / "eval/timex/te3-train.docs.jsonl").open(encoding="utf-8")]
    parts = [split_of(i) for i in ids]
    assert parts == [split_of(i) for i in ids]
    assert 0.4 < parts.count("dev") / len(ids) < 0.6


def test_each_part_gets_the_scorers_own_line(shared: Path, tmp_path: Path) -> None:
    timex = next(g for g in SETS if g.name == "timex")
    docs = [json.loads(line) for line in (shared / timex.inputs).open(encoding="utf-8")]
    gold = {json.loads(line)["id"]: json.loads(line) for line in (shared / timex.gold).open(encoding="utf-8")}
    export = tmp_path / "export.jsonl"
    with export.open("w", encoding="utf-8") as out:  # the gold itself as predictions: perfect on both parts
        for doc in docs:
            out.write(json.dumps({"kind": "article", "id": doc["id"], "text": doc["text"]}) + "\n")
            for t in gold[doc["id"]]["timexes"]:
                out.write(json.dumps({"kind": "timex", "article": doc["id"], **t}) + "\n")
    lines = score_parts(timex, shared, export, tmp_path)
    assert lines[0].startswith("[timex (dev): ") and lines[2].startswith("[timex (test): ")
    for line in (lines[1], lines[3]):
        assert line.strip().startswith("timex: strict_f1=1.0000 relaxed_f1=1.0000 value_f1=1.0000"), line
    n_dev = sum(len(g["timexes"]) for i, g in gold.items() if split_of(i) == "dev")
    assert f"n_gold={n_dev}" in lines[1]


def test_exact_copies_go_to_stores_of_their_own(shared: Path, tmp_path: Path) -> None:
    """TempEval-3 holds one text under two ids and dates: each part file has no two documents of
    the same text, so ingest's exact-copy collapse keeps no gold document from processing."""
    from storyline.evaluate import copies_apart
    from storyline.ingest.base import content_hash

    timex = next(g for g in SETS if g.name == "timex")
    assert timex.per_document
    parts = copies_apart(shared / timex.inputs, tmp_path)
    docs = [[json.loads(line) for line in p.open(encoding="utf-8")] for p in parts]
    assert len(parts) == 2 and [d["id"] for d in docs[1]] == ["APW20000115.0209"]
    for part in docs:
        assert len({content_hash(d["text"]) for d in part}) == len(part)
    every = sorted(d["id"] for part in docs for d in part)
    assert every == sorted(json.loads(line)["id"] for line in (shared / timex.inputs).open(encoding="utf-8"))
