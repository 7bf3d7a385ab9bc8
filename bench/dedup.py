"""Near-duplicate detection at scale: time and memory of the copy detection as the store grows.

    nice -n 10 .venv/bin/python bench/dedup.py --shared ../shared --sizes 100000 250000 1000000 \\
        [--stage index|full] [--exact 0.05] [--copies 0.05]

Articles come from news-sample repeated with ../shared/tools/grow_corpus.py (streamed through a
pipe, never written to disk). Its later passes are exact copies of the first; here, by a
stable hash of the original id, a share `--exact` of articles stays an exact copy on every pass
(collapsed by the content hash at ingest), a share `--copies` becomes a near-copy (a new
headline line) of its first-pass original, and every other article has each word rewritten
with a per-pass suffix (the same length and shape, no shingle shared with other passes).

Stages (each size runs in its own process; batches of 500 as `storyline process` runs them):

- `index`: what grows with the corpus. `Store.add_documents` (the exact-duplicate collapse: an
  indexed content-hash lookup per document) and `NearDuplicateStep.index` (signature, LSH
  bucket lookup in the store, candidate signatures, estimated-Jaccard filter, storing the new
  signatures and buckets): the step's own code. The texts are signed from memory and stored
  empty (the index never reads them back). The pairs it hands to alignment are counted, and
  the word alignment (`compare`) is timed on the first `--align-sample` of them, so its cost
  per pair is reported apart: it depends on how many copies a corpus holds, not on its size.
- `full`: the whole corpus step (`NearDuplicateStep.run`: index, alignment, flags) with the
  texts stored, as the pipeline runs it.

Times are CPU seconds of the bench process (`time.process_time`): the machine is shared, and
wall time would count the waits for a core. Prints one JSON line per size (and running totals
every `--every` articles on stderr) and writes bench/results/dedup-<stage>.json.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
WORD = re.compile(r"[A-Za-z]+")
BATCH = 500


def variant(text: str, article_id: str, exact: float, copies: float) -> str:
    base, _, k = article_id.partition("~")
    if not k:
        return text
    share = (zlib.crc32(base.encode()) % 1000) / 1000
    if share < exact:
        return text
    if share < exact + copies:
        return f"Copy {k}\n\n{text}"
    return WORD.sub(lambda m: f"{m.group()}{k}", text)


def grown(shared: Path, size: int) -> Iterator[dict[str, Any]]:
    tool = shared / "tools" / "grow_corpus.py"
    source = shared / "corpus" / "news-sample.jsonl.gz"
    with subprocess.Popen([sys.executable, str(tool), str(source), str(size), "/dev/stdout"],
                          stdout=subprocess.PIPE, text=True, encoding="utf-8") as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            yield json.loads(line)


def checkpoint(stats: dict[str, Any], previous: dict[str, Any]) -> None:
    """The running totals so far and the cost per article of the last block, to stderr: how the
    cost of an article changes as the store grows."""
    block = stats["articles"] - previous.get("articles", 0)
    seconds = stats["ingest_seconds"] + stats["step_seconds"]
    now = dict(stats, peak_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
               block_ms_per_article=round(1000 * (seconds - previous.get("seconds", 0.0)) / block, 3),
               block_step_ms_per_article=round(
                   1000 * (stats["step_seconds"] - previous.get("step_seconds", 0.0)) / block, 3))
    previous.update(articles=stats["articles"], seconds=seconds, step_seconds=stats["step_seconds"])
    print(json.dumps(summarise(now)), file=sys.stderr, flush=True)


def child(shared: Path, size: int, stage: str, exact: float, copies: float, sample: int,
          every: int) -> dict[str, Any]:
    from storyline.flag.compare import Words, compare
    from storyline.flag.near_duplicates import NearDuplicateStep
    from storyline.ingest.base import content_hash
    from storyline.model import Article, Document, ProcessedArticle
    from storyline.store import Store

    step = NearDuplicateStep()
    previous: dict[str, Any] = {}
    first_pass: dict[str, str] = {}
    stats = {"articles": 0, "exact_duplicates": 0, "ingest_seconds": 0.0, "step_seconds": 0.0,
             "pairs": 0, "pairs_flagged": 0, "aligned": 0, "align_seconds": 0.0}

    def text_of(article_id: str) -> str:
        return variant(first_pass[article_id.partition("~")[0]], article_id, exact, copies)

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "dedup.db")
        batch: list[tuple[Document, str]] = []

        def flush() -> None:
            start = time.process_time()
            statuses = dict(store.add_documents([d for d, _ in batch]))
            stats["ingest_seconds"] += time.process_time() - start
            new = [(d, t) for d, t in batch if statuses[d.id] == "new"]
            stats["exact_duplicates"] += len(batch) - len(new)
            stored_text = stage == "full"
            store.save_processed([(d.id, [ProcessedArticle(article=Article(
                id=d.id, document=d.id, text=t if stored_text else "", published=published(d.published)))])
                for d, t in new])
            start = time.process_time()
            if stage == "full":
                stats["pairs_flagged"] += sum(step.run(store, [d.id for d, _ in new]).values())
                stats["step_seconds"] += time.process_time() - start
            else:
                with store.transaction() as conn:
                    close = step.index(store, conn, [{"id": d.id, "text": t, "published_start": d.published}
                                                     for d, t in new])
                stats["step_seconds"] += time.process_time() - start
                align([(a, c) for a, cs in close.items() for c in cs])
            batch.clear()

        def align(pairs: list[tuple[str, str]]) -> None:
            stats["pairs"] += len(pairs)
            for a, c in pairs[: max(0, sample - int(stats["aligned"]))]:
                ta, tc = text_of(a), text_of(c)
                start = time.process_time()
                compare(Words.of(tc), Words.of(ta))
                stats["align_seconds"] += time.process_time() - start
                stats["aligned"] += 1

        for record in grown(shared, size):
            if "~" not in record["id"]:
                first_pass[record["id"]] = record["text"]
            text = variant(record["text"], record["id"], exact, copies)
            doc = Document(id=record["id"], text=text if stage == "full" else "", format="jsonl",
                           content_hash=content_hash(text), published=record.get("published"))
            batch.append((doc, text))
            stats["articles"] += 1
            if len(batch) >= BATCH:
                flush()
                if stats["articles"] % every == 0:
                    checkpoint(stats, previous)
        if batch:
            flush()
        stats["db_mb"] = round((Path(tmp) / "dedup.db").stat().st_size / 2**20, 1)
    stats["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return stats


def published(day: str | None) -> Any:
    from storyline.model import PartialDate

    return PartialDate.day(date.fromisoformat(day[:10])) if day else PartialDate.unknown()


def summarise(r: dict[str, Any]) -> dict[str, Any]:
    n = r["articles"]
    r["ms_per_article"] = round(1000 * (r["ingest_seconds"] + r["step_seconds"]) / n, 3)
    r["step_ms_per_article"] = round(1000 * r["step_seconds"] / n, 3)
    if r["aligned"]:
        r["align_ms_per_pair"] = round(1000 * r["align_seconds"] / r["aligned"], 2)
    for key in ("ingest_seconds", "step_seconds", "align_seconds"):
        r[key] = round(r[key], 1)
    return r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 40_000])
    parser.add_argument("--stage", choices=("index", "full"), default="index")
    parser.add_argument("--exact", type=float, default=0.05)
    parser.add_argument("--copies", type=float, default=0.05)
    parser.add_argument("--align-sample", type=int, default=2000)
    parser.add_argument("--every", type=int, default=50_000, help="print running totals every N articles")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = child(args.shared, args.child, args.stage, args.exact, args.copies, args.align_sample, args.every)
        print(json.dumps(result))
        return
    rows = []
    for size in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--child", str(size), "--shared", str(args.shared),
                              "--stage", args.stage, "--exact", str(args.exact), "--copies", str(args.copies),
                              "--align-sample", str(args.align_sample), "--every", str(args.every)],
                             check=True, stdout=subprocess.PIPE, text=True)
        rows.append(summarise(json.loads(out.stdout.strip().splitlines()[-1])))
        rows[-1]["stage"] = args.stage
        print(json.dumps(rows[-1]), flush=True)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"dedup-{args.stage}.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
