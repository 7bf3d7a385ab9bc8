"""Near-duplicate detection at scale: time and memory of the corpus step as the store grows.

    .venv/bin/python bench/dedup.py --shared ../shared --sizes 10000 40000 160000 [--copies 0.05]

Articles come from news-sample repeated with ../shared/tools/grow_corpus.py. Its copies are
exact duplicates, which ingest keeps as `duplicate` documents and never processes; so that the
step sees distinct articles, pass k of the grown corpus has every word rewritten with a
per-pass suffix (the text stays the same length and shape but shares no shingle with other
passes), except a share `--copies` of articles that are left as near-copies (a new headline) of
their first-pass original, to keep the comparison path busy. The articles are written straight
into the store (no spaCy: this measures the corpus step alone) and the step runs in batches of
500 as `storyline process` runs it. Reports seconds, articles/s and peak memory per size; the
per-article cost should stay flat (near-linear total time) and memory bounded.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WORD = re.compile(r"[A-Za-z]+")


def variant(record: dict[str, Any], copies: float) -> str:
    text: str = record["text"]
    base, _, k = record["id"].partition("~")
    if not k:
        return text
    if (hash(base) % 1000) / 1000 < copies:
        return f"Copy {k}\n\n{text}"
    return WORD.sub(lambda m: f"{m.group()}{k}", text)


def child(path: str, copies: float) -> dict[str, Any]:
    from storyline.flag.near_duplicates import NearDuplicateStep
    from storyline.model import Article, Document, ProcessedArticle
    from storyline.store import Store

    step = NearDuplicateStep()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "dedup.db")
        seconds, flagged, n = 0.0, 0, 0
        batch: list[tuple[Document, ProcessedArticle]] = []

        def flush() -> None:
            nonlocal seconds, flagged
            store.add_documents([d for d, _ in batch])
            store.save_processed([(d.id, [p]) for d, p in batch])
            start = time.perf_counter()
            counts = step.run(store, [d.id for d, _ in batch])
            seconds += time.perf_counter() - start
            flagged += sum(counts.values())
            batch.clear()

        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                record = json.loads(line)
                text = variant(record, copies)
                doc = Document(id=record["id"], text=text, content_hash=f"{n}", published=record.get("published"))
                batch.append((doc, ProcessedArticle(article=Article(id=doc.id, document=doc.id, text=text))))
                n += 1
                if len(batch) >= 500:
                    flush()
        if batch:
            flush()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"articles": n, "seconds": seconds, "pairs_flagged": flagged, "peak_mb": round(peak, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 40_000])
    parser.add_argument("--copies", type=float, default=0.05)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], float(args.child[1]))))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            grown = Path(tmp) / f"grown-{size}.jsonl.gz"
            subprocess.run([sys.executable, str(args.shared / "tools" / "grow_corpus.py"),
                            str(args.shared / "corpus" / "news-sample.jsonl.gz"), str(size), str(grown)],
                           check=True, capture_output=True)
            out = subprocess.run([sys.executable, __file__, "--child", str(grown), str(args.copies)],
                                 check=True, capture_output=True, text=True)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            r["articles_per_s"] = round(r["articles"] / r["seconds"], 1)
            r["ms_per_article"] = round(1000 * r["seconds"] / r["articles"], 2)
            rows.append(r)
            print(json.dumps(r), flush=True)
            grown.unlink()
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "dedup.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
