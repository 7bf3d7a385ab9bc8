"""Precision and recall of each source-quality flag on a labelled set built from real news.

    nice -n 10 .venv/bin/python bench/quality.py --shared ../shared [--originals 120] [--digests 20]
        [--alone 100] [--negatives 600]

The set (storyline.flag.synth) is built from news-sample articles: untouched originals, and for
each original one variant: a syndicated copy, a truncated copy, a spun rewrite or a
translated-style rewrite (round robin); plus digest pages glued from other articles, half of
them one line per paragraph (the seed digest's layout), half with blank lines between all
paragraphs. Articles go to `dev` or `test` by the parity of sha1(id); originals keep their real
publication date and variants come a day later; thresholds were set looking at `dev` only and
`test` is reported beside it. The spinner's synonym table is split in two halves by a hash of
the word: `dev` is spun with half a, `test` with half b, so test swaps are ones no threshold was
looked at with (the detectors read no synonym table at all). Each split runs through
`storyline run` in its own store. Precision counts a flag as right when the case deserves it; a
spun or translated-style rewrite of an article in the same corpus also deserves
`near_duplicate`. Recall is over the cases whose main flag it is.

A second store per split (`alone`) holds spun rewrites *without* their originals beside
`--negatives` untouched real articles of the split (none of them a spun one's original, no
length or date filter): the recall of `spun` from a spinner's traces alone, and the false
alarms of every flag and the false story splits on real news.
Writes bench/results/quality.json.

    nice -n 10 .venv/bin/python bench/quality.py --shared ../shared --alone-only [--alone 100] [--negatives 600]

runs only the `alone` stores (the same cases as the full run, without the main set's store) and
writes bench/results/quality_alone.json.

    .venv/bin/python bench/quality.py --shared ../shared --splitter-only [--digests 60] [--negatives 900]

measures the story splitter alone (`storyline.clean.stories`, after the clean stage, no store, a
few seconds): per split, `--digests` digests of three stories in each layout (one line per
paragraph; blank lines between all paragraphs) and `--negatives` untouched real articles none
of them is made from, plus the PolNeAR dev documents (../shared/eval/quotes/dev.docs.jsonl, US
political news, none of them a digest). Writes bench/results/quality_splitter.json.
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
from storyline.clean import clean_document
from storyline.clean.stories import split_stories
from storyline.flag import synth
from storyline.model import Document

HERE = Path(__file__).resolve().parent
MAKERS = (synth.copy_of, synth.truncated, synth.spun, synth.translated_style)
HALVES = {"dev": "a", "test": "b"}
TYPES = ("near_duplicate", "spun", "machine_translated", "digest")


def split_of(article_id: str) -> str:
    return "dev" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def load_all(shared: Path) -> list[dict[str, Any]]:
    with gzip.open(shared / "corpus" / "news-sample.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def usable(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # Dated articles only: with no dates on either side, which of two copies is the original is
    # a guess (the longer one), and the set must say which is right.
    return [r for r in rows if r["published"] and len(synth.paragraphs(r["text"])) >= 6 and len(r["text"]) < 12_000]


def build(rows: list[dict[str, Any]], originals: int, digests: int, half: str, seed: int = 7) -> list[synth.Case]:
    rnd = random.Random(seed)
    pool, rest = rows[:originals], rows[originals:]
    cases = []
    for i, r in enumerate(pool):
        cases.append(synth.Case(r["id"], r["text"], r["title"], None, published=r["published"]))
        maker = MAKERS[i % len(MAKERS)]
        if maker is synth.spun:
            made = synth.spun(r["id"], r["title"], r["text"], rnd, half=half)
        else:
            made = maker(r["id"], r["title"], r["text"], rnd)
        cases.append(dataclasses.replace(made, published=later(r["published"])))
    for i in range(digests):
        parts = [(p["id"], p["title"], p["text"]) for p in rest[3 * i : 3 * i + 3]]
        cases.append(synth.digest(parts, blank_lines=i % 2 == 1))
    return cases


def build_alone(rows: list[dict[str, Any]], used: set[str], alone: int, negatives: int, half: str,
                seed: int = 11) -> list[synth.Case]:
    """Spun rewrites whose originals are not in the set, and untouched real articles."""
    rnd = random.Random(seed)
    fresh = [r for r in rows if r["id"] not in used]
    sources = usable(fresh)[:alone]
    taken = {r["id"] for r in sources}
    cases = [dataclasses.replace(synth.spun(r["id"], r["title"], r["text"], rnd, half=half), original=None,
                                 published=r["published"]) for r in sources]
    cases += [synth.Case(r["id"], r["text"], r["title"], None, published=r["published"])
              for r in [r for r in fresh if r["id"] not in taken][:negatives]]
    return cases


def used_by(cases: list[synth.Case]) -> set[str]:
    """Ids of the articles the main set is made from (the `alone` set takes none of them)."""
    return {p for c in cases for p in (c.id.split("~")[0], c.original) if p} | {
        i for c in cases if c.expected == "digest" for i in c.parts}


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


def score_alone(cases: list[synth.Case], found: dict[str, dict[str, Any]]) -> dict[str, Any]:
    spun = [c.id for c in cases if c.expected == "spun"]
    real = [c.id for c in cases if c.expected is None]
    caught = sum(1 for c in spun if "spun" in found.get(c, {}).get("flags", set()))
    return {"spun": len(spun), "spun_caught": caught, "spun_recall": round(caught / len(spun), 3) if spun else None,
            "negatives": len(real),
            "negatives_flagged": sum(1 for c in real if found.get(c, {}).get("flags", set()) & set(TYPES)),
            "negatives_flags": dict(Counter(t for c in real for t in found.get(c, {}).get("flags", set()))),
            "negatives_split": sum(1 for c in real if found.get(c, {}).get("stories", 1) > 1)}


def stories_in(case_id: str, text: str, title: str | None) -> int:
    return len(split_stories(clean_document(Document(id=case_id, text=text, format="jsonl", title=title)).text))


def splitter_only(everything: list[dict[str, Any]], shared: Path, digests: int, negatives: int) -> dict[str, Any]:
    """The story splitter on digests of each layout and on real articles (module docstring)."""
    out: dict[str, Any] = {}
    for split in ("dev", "test"):
        mine = [r for r in everything if split_of(r["id"]) == split]
        rows = usable(mine)[120:]
        groups = [rows[3 * i : 3 * i + 3] for i in range(digests)]
        result: dict[str, Any] = {}
        for layout, blank in (("lines", False), ("blank_lines", True)):
            made = [synth.digest([(p["id"], p["title"], p["text"]) for p in g], blank_lines=blank) for g in groups]
            counts = [stories_in(c.id, c.text, c.title) for c in made]
            result[layout] = {"digests": len(made), "flagged": sum(1 for n in counts if n > 1),
                              "split_right": sum(1 for n in counts if n == 3)}
        used = {p["id"] for g in groups for p in g}
        real = [r for r in mine if r["id"] not in used][:negatives]
        split_ids = [r["id"] for r in real if stories_in(r["id"], r["text"], r["title"]) > 1]
        result["real"] = {"articles": len(real), "split": len(split_ids), "split_ids": split_ids}
        out[split] = result
        print(f"[{split}] {json.dumps(result)}", flush=True)
    docs = [json.loads(line) for line in (shared / "eval" / "quotes" / "dev.docs.jsonl").open(encoding="utf-8")]
    dev_counts = {d["id"]: len(split_stories(d["text"])) for d in docs}
    out["polnear_dev"] = {"documents": len(docs), "articles": sum(dev_counts.values()),
                          "split": {k: n for k, n in dev_counts.items() if n > 1}}
    print(f"[polnear dev] {json.dumps(out['polnear_dev'])}")
    return out


def report(split: str, cases: list[synth.Case], result: dict[str, Any]) -> None:
    kinds = Counter(c.expected or "original" for c in cases)
    print(f"[{split}] cases: {dict(kinds)}")
    for flag in TYPES:
        r = result[flag]
        print(f"  {flag:20} precision {r['precision']}  recall {r['recall']}  "
              f"(expected {r['expected']}, flagged {r['predicted']})")
    print(f"  originals flagged: {result['originals_flagged']} of {result['originals']} "
          f"(all flags on originals: {result['originals_flags']}); "
          f"digests split right: {result['digest_stories_right']} (one line per paragraph: "
          f"{result['digest_right_lines']}, blank lines: {result['digest_right_blank']})")
    print(f"  alone: {json.dumps(result['alone'])}", flush=True)


def score_main(cases: list[synth.Case]) -> dict[str, Any]:
    """Precision and recall of each flag on the main set, and the digests split right (by layout)."""
    result = score(cases, found := run_split(cases))
    digests = [c for c in cases if c.expected == "digest"]
    right = [c for c in digests if found.get(c.id, {}).get("stories") == c.stories]
    result["digest_right_blank"] = sum(1 for c in right if c.id.endswith("~digest-blank"))
    result["digest_right_lines"] = len(right) - result["digest_right_blank"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--originals", type=int, default=120)
    parser.add_argument("--digests", type=int, default=20)
    parser.add_argument("--alone", type=int, default=100, help="spun rewrites without their originals")
    parser.add_argument("--negatives", type=int, default=600, help="untouched real articles beside them")
    parser.add_argument("--splitter-only", action="store_true", help="measure the story splitter alone")
    parser.add_argument("--alone-only", action="store_true",
                        help="measure only spun rewrites without their originals beside real articles")
    args = parser.parse_args()
    everything = load_all(args.shared)
    if args.splitter_only:
        result = splitter_only(everything, args.shared, args.digests, args.negatives)
        (HERE / "results").mkdir(exist_ok=True)
        (HERE / "results" / "quality_splitter.json").write_text(json.dumps(result, indent=1))
        return
    results = {}
    for split in ("dev", "test"):
        mine = [r for r in everything if split_of(r["id"]) == split]
        cases = build(usable(mine), args.originals, args.digests, HALVES[split])
        results[split] = {} if args.alone_only else score_main(cases)
        alone = build_alone(mine, used_by(cases), args.alone, args.negatives, HALVES[split])
        results[split]["alone"] = score_alone(alone, run_split(alone))
        if args.alone_only:
            print(f"[{split}] alone: {json.dumps(results[split]['alone'])}", flush=True)
        else:
            report(split, cases, results[split])
    (HERE / "results").mkdir(exist_ok=True)
    name = "quality_alone.json" if args.alone_only else "quality.json"
    (HERE / "results" / name).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
