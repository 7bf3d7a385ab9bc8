"""Throughput of the per-document stage against raw spaCy on the same texts, in one run.

    .venv/bin/python bench/throughput.py --shared ../shared [--articles 300] [--workers 1 2] [--dask 2]

Each measurement runs in its own process (so model loading and peak memory are its own):
  raw      `nlp.pipe` over the texts (same model, same batch size), n_process=1
  run-N    `storyline run` (ingest + clean + annotate + extract + store + corpus stage)
           on the same texts as JSON lines, with --workers N
  dask-N   the same with `--dask local --workers N` (a Dask LocalCluster of N processes)
  split-N  N separate `storyline run --workers 1` processes at once, each on every N-th text
           into its own store: no coordination at all, so `run-1` / `split-N` is the most any
           N workers can gain on this machine (cores, caches, memory bandwidth), the ceiling
           to read `run-N`'s ratio against
CPU is the user + system time of the measurement's processes (workers included): the work
done, which the machine's other load disturbs far less than the seconds.
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
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return {"seconds": time.perf_counter() - start, "cpu_s": time.process_time() - cpu}


def child_run(path: str, workers: int, dask: str | None = None, commit_every: int = 50) -> dict[str, Any]:
    from storyline import Storyline

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        with Storyline(Path(tmp) / "bench.db", progress=False) as sl:
            report = sl.run([path], workers=workers, dask=dask, commit_every=commit_every)
        seconds = time.perf_counter() - start
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = {"cpu_s": own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime,
           "main_cpu_total_s": own.ru_utime + own.ru_stime}
    return {"seconds": seconds, "processed": report.counts["processed"], "timing": report.timing, **cpu}


def child_split(path: str, parts: int, commit_every: int) -> dict[str, Any]:
    lines = Path(path).read_text(encoding="utf-8").splitlines(keepends=True)
    with tempfile.TemporaryDirectory() as tmp:
        files = [Path(tmp) / f"part{k}.jsonl" for k in range(parts)]
        for k, part in enumerate(files):
            part.write_text("".join(lines[k::parts]), encoding="utf-8")
        start = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, __file__, "--child", "run", str(part), "1", str(commit_every)],
                                  stdout=subprocess.PIPE, text=True) for part in files]
        outs = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
        seconds = time.perf_counter() - start
    return {"seconds": seconds, "processed": sum(o["processed"] for o in outs),
            "cpu_s": sum(o["cpu_s"] for o in outs), "peak_mb": max(o["peak_mb"] for o in outs)}


def measure(args: list[str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", *args], check=True,
                         capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


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
    parser.add_argument("--split", type=int, nargs="*", default=[2],
                        help="also N separate one-worker runs on N parts at once, for each N (none: --split)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--commit-every", type=int, default=50, help="documents per commit (storyline's default)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, path, param, commit_every = args.child
        if kind == "raw":
            result = child_raw(path, int(param))
        elif kind == "split":
            result = child_split(path, int(param), int(commit_every))
            print(json.dumps(result))
            return
        else:
            result = child_run(path, int(param), "local" if kind == "dask" else None, int(commit_every))
        print(json.dumps({**result, "peak_mb": peak_mb()}))
        return
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "sample.jsonl"
        n, words = sample(args.shared, args.articles, texts)
        every = str(args.commit_every)
        results = {"raw": measure(["raw", str(texts), str(args.batch_size), every])}
        for w in args.workers:
            results[f"run-{w}"] = measure(["run", str(texts), str(w), every])
        for w in args.dask:
            results[f"dask-{w}"] = measure(["dask", str(texts), str(w), every])
        for w in args.split:
            results[f"split-{w}"] = measure(["split", str(texts), str(w), every])
    report(results, n, words)


def report(results: dict[str, dict[str, Any]], n: int, words: int) -> None:
    raw = results["raw"]["seconds"]
    rows = []
    for name, r in results.items():
        rows.append({"measure": name, "articles": n, "words": words, "seconds": round(r["seconds"], 2),
                     "articles_per_s": round(n / r["seconds"], 1), "words_per_s": round(words / r["seconds"]),
                     "vs_raw": round(raw / r["seconds"], 3), "peak_mb": r["peak_mb"],
                     "cpu_s": round(r.get("cpu_s", 0.0), 1)})
    print(f"{'measure':8} {'articles':>8} {'words':>8} {'seconds':>8} {'art/s':>7} {'words/s':>8} "
          f"{'vs raw':>7} {'peak MB':>8} {'CPU s':>7}")
    for r in rows:
        print(f"{r['measure']:8} {r['articles']:8} {r['words']:8} {r['seconds']:8} {r['articles_per_s']:7} "
              f"{r['words_per_s']:8} {r['vs_raw']:7} {r['peak_mb']:8} {r['cpu_s']:7}")
    if "run-1" in results and "run-2" in results:
        print(f"2 workers vs 1: {results['run-1']['seconds'] / results['run-2']['seconds']:.2f}x"
              f" (CPU {results['run-2']['cpu_s'] / results['run-1']['cpu_s']:.2f}x as much)")
    if "run-1" in results and "split-2" in results:
        print(f"2 separate runs on halves vs 1 (the machine's ceiling for 2 workers): "
              f"{results['run-1']['seconds'] / results['split-2']['seconds']:.2f}x")
    if "run-2" in results and "dask-2" in results:
        print(f"Dask LocalCluster (2 workers) vs multiprocessing (2 workers): "
              f"{results['run-2']['seconds'] / results['dask-2']['seconds']:.2f}x")
    report_timing(results)
    for row in rows:
        row["timing"] = results[row["measure"]].get("timing", {})
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "throughput.json").write_text(json.dumps(rows, indent=1))


def report_timing(results: dict[str, dict[str, Any]]) -> None:
    """Where each run's time went (`Report.timing`): the figures the machine's load disturbs least
    are the workers' busy share (busy from their first chunk to their last; the rest is waiting
    for work) and the main process's split between waiting for results and committing."""
    print(f"\n{'measure':8} {'main waiting s':>14} {'committing s':>12} {'commits':>7} {'last commit s':>13} "
          f"{'worker busy s':>13} {'worker waiting s':>16} {'busy share':>10}")
    for name, r in results.items():
        t = r.get("timing")
        if not t:
            continue
        print(f"{name:8} {t['main_waiting_s']:14.1f} {t['main_committing_s']:12.1f} {int(t['commits']):7} "
              f"{t['last_commit_s']:13.1f} {t.get('worker_busy_s', 0):13.1f} {t.get('worker_waiting_s', 0):16.1f} "
              f"{t.get('worker_busy_share', 0):10.3f}")


if __name__ == "__main__":
    main()
