"""Precision and recall of each source-quality flag on a labelled set built from real news.

    .venv/bin/python bench/quality.py --shared ../shared [--originals 120] [--digests 20]

The set (storyline.flag.synth) is built from news-sample articles: untouched originals, and for
each original one variant: a syndicated copy, a truncated copy, a spun rewrite or a
translated-style rewrite (round robin); plus digest pages glued from other articles. Articles
go to `dev` or `test` by the parity of sha1(id); originals keep their real publication date and
variants come a day later; thresholds were set looking at `dev` only and
`test` is reported beside it. Each split runs through `storyline run` in its own store.
Precision counts a flag as right when the case deserves it; a spun or translated-style rewrite
of an article in the same corpus also deserves `near_duplicate`. Recall is over the cases whose
main flag it is.
Writes bench/results/quality.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import hashlib
import json
import random
import tempfile
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from storyline import Storyline
from storyline.flag import synth

HERE = Path(__file__).resolve().parent
MAKERS = (synth.copy_of, synth.truncated, synth.spun, synth.translated_style)
TYPES = ("near_duplicate", "spun", "machine_translated", "digest")


def split_of(article_id: str) -> str:
    return "dev" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def load(shared: Path) -> list[dict[str, Any]]:
    with gzip.open(shared / "corpus" / "news-sample.jsonl.gz", "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    # Dated articles only: with no dates on either side, which of two copies is the original is
    # a guess (the longer one), and the set must say which is right.
    return [r for r in rows if r["published"] and len(synth.paragraphs(r["text"])) >= 6 and len(r["text"]) < 12_000]


def build(rows: list[dict[str, Any]], originals: int, digests: int, seed: int = 7) -> list[synth.Case]:
    rnd = random.Random(seed)
    pool, rest = rows[:originals], rows[originals:]
    cases = []
    for i, r in enumerate(pool):
        cases.append(synth.Case(r["id"], r["text"], r["title"], None, published=r["published"]))
        made = MAKERS[i % len(MAKERS)](r["id"], r["title"], r["text"], rnd)
        cases.append(dataclasses.replace(made, published=later(r["published"])))
    for i in range(digests):
        parts = rest[3 * i : 3 * i + 3]
        cases.append(synth.digest([(p["id"], p["title"], p["text"]) for p in parts]))
    return cases


def later(published: str | None) -> str | None:
    """Copies appear the day after their original, as they do in real feeds."""
    if not published:
        return None
    return (date.fromisoformat(published[:10]) + timedelta(days=1)).isoformat()


def run_split(cases: list[synth.Case]) -> dict[str, dict[str, Any]]:
    """document id → {flags: set of types, stories: n}."""
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "cases.jsonl"
        source.write_text("".join(json.dumps({"id": c.id, "text": c.text, "title": c.title,
                                              "published": c.published}) + "\n" for c in cases), encoding="utf-8")
        with Storyline(Path(tmp) / "q.db", progress=False) as sl:
            sl.run([source])
            found: dict[str, dict[str, Any]] = {}
            for article in sl.store.iter_articles():
                entry = found.setdefault(article.document, {"flags": set(), "stories": 0})
                entry["stories"] += 1
                entry["flags"] |= {f.type for f in article.flags if f.type != "boilerplate_removed"}
    return found


def score(cases: list[synth.Case], found: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for flag in TYPES:
        expected = {c.id for c in cases if c.expected == flag}
        right = {c.id for c in cases if flag in c.acceptable}
        predicted = {doc for doc, f in found.items() if flag in f["flags"]}
        out[flag] = {"precision": round(len(right & predicted) / len(predicted), 3) if predicted else None,
                     "recall": round(len(expected & predicted) / len(expected), 3) if expected else None,
                     "expected": len(expected), "predicted": len(predicted)}
    originals = [c.id for c in cases if c.expected is None]
    out["originals_flagged"] = sum(1 for c in originals if found.get(c, {}).get("flags", set()) & set(TYPES))
    out["originals_flags"] = dict(Counter(t for c in originals for t in found.get(c, {}).get("flags", set())))
    out["originals"] = len(originals)
    out["digest_stories_right"] = sum(1 for c in cases if c.expected == "digest"
                                      and found.get(c.id, {}).get("stories") == c.stories)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--originals", type=int, default=120)
    parser.add_argument("--digests", type=int, default=20)
    args = parser.parse_args()
    rows = load(args.shared)
    results = {}
    for split in ("dev", "test"):
        mine = [r for r in rows if split_of(r["id"]) == split]
        cases = build(mine, args.originals, args.digests)
        results[split] = score(cases, run_split(cases))
        kinds = Counter(c.expected or "original" for c in cases)
        print(f"[{split}] cases: {dict(kinds)}")
        for flag in TYPES:
            r = results[split][flag]
            print(f"  {flag:20} precision {r['precision']}  recall {r['recall']}  "
                  f"(expected {r['expected']}, flagged {r['predicted']})")
        print(f"  originals flagged: {results[split]['originals_flagged']} of {results[split]['originals']} "
              f"(all flags on originals: {results[split]['originals_flags']}); "
              f"digests split right: {results[split]['digest_stories_right']}")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "quality.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
