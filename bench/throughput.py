"""Throughput of the per-document stage against raw spaCy on the same texts, in one run.

    .venv/bin/python bench/throughput.py --shared ../shared [--articles 300] [--workers 1 2] [--dask 2]

Each measurement runs in its own process (so model loading and peak memory are its own):
  raw      `nlp.pipe` over the texts (same model, same batch size), n_process=1
  run-N    `storyline run` (ingest + clean + annotate + extract + store + corpus stage)
           on the same texts as JSON lines, with --workers N
  dask-N   the same with `--dask local --workers N` (a Dask LocalCluster of N processes)
Words are whitespace-split words of the input texts, the same count for every measurement.
Prints a table and writes bench/results/throughput.json. Model loading is excluded from the
timed part of `raw` and included in `run` (a user pays for it), so the ratio is conservative.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def sample(shared: Path, n: int, out: Path) -> tuple[int, int]:
    """Write the first n news-sample articles to out; return (articles, words)."""
    words = 0
    with gzip.open(shared / "corpus" / "news-sample.jsonl.gz", "rt", encoding="utf-8") as src, \
            out.open("w", encoding="utf-8") as dst:
        lines = list(itertools.islice(src, n))
        for line in lines:
            words += len(json.loads(line)["text"].split())
        dst.writelines(lines)
    return len(lines), words


def child_raw(path: str, batch_size: int) -> dict[str, Any]:
    from storyline.annotate import load_nlp

    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh]
    nlp = load_nlp()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return {"seconds": time.perf_counter() - start}


def child_run(path: str, workers: int, dask: str | None = None) -> dict[str, Any]:
    from storyline import Storyline

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with Storyline(Path(tmp) / "bench.db", progress=False) as sl:
            report = sl.run([path], workers=workers, dask=dask)
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "processed": report.counts["processed"]}


def measure(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, kids) / 1024, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask", type=int, nargs="*", default=[2],
                        help="also `storyline run --dask local --workers N` for each N (none: --dask)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path, param = args.child
        if kind == "raw":
            result = child_raw(path, int(param))
        else:
            result = child_run(path, int(param), "local" if kind == "dask" else None)
        print(json.dumps({**result, "peak_mb": peak_mb()}))
        return
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "sample.jsonl"
        n, words = sample(args.shared, args.articles, texts)
        results = {"raw": measure(["raw", str(texts), str(args.batch_size)])}
        for w in args.workers:
            results[f"run-{w}"] = measure(["run", str(texts), str(w)])
        for w in args.dask:
            results[f"dask-{w}"] = measure(["dask", str(texts), str(w)])
    report(results, n, words)


def report(results: dict[str, dict[str, Any]], n: int, words: int) -> None:
    raw = results["raw"]["seconds"]
    rows = []
    for name, r in results.items():
        rows.append({"measure": name, "articles": n, "words": words, "seconds": round(r["seconds"], 2),
                     "articles_per_s": round(n / r["seconds"], 1), "words_per_s": round(words / r["seconds"]),
                     "vs_raw": round(raw / r["seconds"], 3), "peak_mb": r["peak_mb"]})
    print(f"{'measure':8} {'articles':>8} {'words':>8} {'seconds':>8} {'art/s':>7} {'words/s':>8} "
          f"{'vs raw':>7} {'peak MB':>8}")
    for r in rows:
        print(f"{r['measure']:8} {r['articles']:8} {r['words']:8} {r['seconds']:8} {r['articles_per_s']:7} "
              f"{r['words_per_s']:8} {r['vs_raw']:7} {r['peak_mb']:8}")
    if "run-1" in results and "run-2" in results:
        print(f"2 workers vs 1: {results['run-1']['seconds'] / results['run-2']['seconds']:.2f}x")
    if "run-2" in results and "dask-2" in results:
        print(f"Dask LocalCluster (2 workers) vs multiprocessing (2 workers): "
              f"{results['run-2']['seconds'] / results['dask-2']['seconds']:.2f}x")
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "throughput.json").write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
