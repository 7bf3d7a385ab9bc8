"""The corpus stage as the store grows: time and peak memory at 10k, 40k and 160k articles,
and what adding 100 articles costs once the store is large.

    .venv/bin/python bench/corpus_scale.py --shared ../shared --sizes 10000 40000 160000 \\
        [--originals 400] [--increments-at 10000 40000 --fresh 100] [--skip events] [--exact]

The grown corpus is `../shared/tools/grow_corpus.py` over the first `--originals` articles of
news-sample. The per-document stage runs once on those originals (cached, see `clones.py`);
each grown article is stored as a copy of its original's results under its grown id (pass k >= 1
with its words and names letter-substituted, unless `--exact`), through `Store.save_processed`,
500 per transaction, and the corpus stage runs after each transaction exactly as `storyline
process` runs it (every registered step, then `mark_resolved`). With `--scramble words` each
word of four letters or more (stopwords, months and weekdays kept) is swapped for another word
of the originals of the same length, by a permutation of its own per pass: the sentence encoder
of `date_conflict` sees words it knows, and two unrelated sentences of different passes are as
far apart as two real ones (cosine 0.23 on average against 0.12 for real sentences, none of 30
above the 0.5 that makes them the same event), where letter-substituted gibberish put 29 of 30
above it (0.63). Only the corpus stage is timed;
each step's share is reported, with the highest resident set seen during each step (sampled
every 20 ms: which step the peak falls in). At each size of `--sizes` the cumulative
corpus-stage time and the process's peak RSS so far are printed: one growing store gives the
same work as a fresh run of each size. At `--increment-at` articles, `--fresh` articles that are not copies of anything
in the store (news-sample articles after the originals) are added as one batch and their corpus
stage is timed on its own: the incremental figure (later increments are letter-substituted
with passes of their own, so they are not copies of the earlier ones).

A long run can be stopped and resumed: with `--db`, the figures so far are written after every
batch to `<db>.state.json` (the timers, the rows printed, the commit of the code measured), and
`--resume` continues a stopped run from its store and state (same arguments, same commit):
the grown records stored already are passed over, the timers go on from where they were, and
the peak RSS reported is the highest of all the run's processes. With `--new-code` a run goes on
with changed code as a new segment: each row then names the commit measured and its peak since
the change (`code_peak_mb`) and the highest resident set in each step since the change (the
previous segment's is kept in its `code_changes` entry); a segment's marginal cost is the
difference of two rows.

    .venv/bin/python bench/corpus_scale.py --shared ../shared --sizes 10000 40000 160000 \\
        --increments-at 10000 40000 100000 --db /var/tmp/cs/big.db --tmp /var/tmp/cs [--resume]
"""

from __future__ import annotations

import argparse
import functools
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import clones  # noqa: E402

from storyline.corpus_stage import release_freed_memory  # noqa: E402


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def embedded() -> int:
    """Sentences the date_conflict step has embedded so far in this process."""
    from storyline.extract.time import similar

    return int(similar.cost()["sentences"])


def rss_mb() -> float:
    """The process's resident set now (MB)."""
    import psutil

    return float(psutil.Process().memory_info().rss) / 2**20


@functools.lru_cache(maxsize=1)
def rss_sampler() -> RssSampler:
    return RssSampler()


class RssSampler:
    """The highest resident set seen since `reset` (sampled every 20 ms in a daemon thread): which
    step the process's peak falls in, which ru_maxrss alone does not tell."""

    def __init__(self) -> None:
        import threading

        self.high = rss_mb()
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        while True:
            self.high = max(self.high, rss_mb())
            time.sleep(0.02)

    def reset(self) -> float:
        self.high = rss_mb()
        return self.high


class Timed:
    """The corpus stage of one batch, as `run_corpus_stage` runs it, with each step timed."""

    def __init__(self, store: Any, skip: Sequence[str] = ()) -> None:
        from storyline.plugins import corpus_steps

        self.store = store
        self.steps = [s for s in corpus_steps() if s.name not in skip]
        self.per_step: defaultdict[str, float] = defaultdict(float)
        self.cpu_step: defaultdict[str, float] = defaultdict(float)  # CPU seconds: what load disturbs least
        self.rss_step: defaultdict[str, float] = defaultdict(float)  # MB the resident set grew in the step, summed
        self.high_step: dict[str, float] = {}  # the highest resident set seen during the step (MB)
        self.sampler = rss_sampler()
        self.seconds = 0.0

    def state(self) -> dict[str, Any]:
        return {"seconds": self.seconds, "per_step": dict(self.per_step), "cpu_step": dict(self.cpu_step),
                "rss_step": dict(self.rss_step), "high_step": self.high_step}

    def restore(self, state: dict[str, Any]) -> None:
        self.seconds = state["seconds"]
        for name in ("per_step", "cpu_step", "rss_step", "high_step"):
            getattr(self, name).update(state.get(name, {}))

    def __call__(self, article_ids: list[str]) -> float:
        began = time.perf_counter()
        for step in self.steps:
            start, cpu, rss = time.perf_counter(), time.process_time(), self.sampler.reset()
            step.run(self.store, article_ids)
            self.per_step[step.name] += time.perf_counter() - start
            self.cpu_step[step.name] += time.process_time() - cpu
            self.rss_step[step.name] += rss_mb() - rss
            high = max(self.sampler.high, rss_mb())
            self.high_step[step.name] = round(max(self.high_step.get(step.name, 0.0), high), 1)
        self.store.mark_resolved(article_ids)
        release_freed_memory()
        spent = time.perf_counter() - began
        self.seconds += spent
        return spent


def grown_file(shared: Path, originals: int, size: int, tmp: Path) -> Path:
    sample = tmp / "originals.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in clones.read_sample(shared, 0, originals)),
                      encoding="utf-8")
    out = tmp / "grown.jsonl"
    subprocess.run([sys.executable, str(shared / "tools" / "grow_corpus.py"), str(sample), str(size), str(out)],
                   check=True, capture_output=True)
    return out


def commit() -> str:
    """The commit of the code measured (with `+` when its files differ from it)."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=HERE, capture_output=True, text=True).stdout.strip()

    return git("rev-parse", "--short", "HEAD") + ("+" if git("status", "--porcelain", "--", "../src") else "")


class RunState:
    """The figures of a run so far, written after every batch beside the store (`--db`), so a
    stopped run can be resumed (`--resume`)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.path = Path(f"{args.db}.state.json") if args.db else None
        self.out: dict[str, Any] = {"sizes": [], "increments": [], "originals": args.originals,
                                    "scrambled": not args.exact, "scramble": args.scramble,
                                    "skipped_steps": args.skip, "commit": commit(),
                                    "stored": 0, "timers": None, "embedded": 0, "peak_mb": 0.0, "processes": 0}
        if args.resume:
            if self.path is None or not self.path.exists():
                raise SystemExit("--resume needs --db and the state file a stopped run left beside it")
            saved = json.loads(self.path.read_text())
            if saved["commit"] != self.out["commit"]:
                if not args.new_code:
                    raise SystemExit(f"the run was measuring code {saved['commit']}, this is {self.out['commit']} "
                                     "(--new-code goes on with it, as a new segment)")
                timers = saved.get("timers") or {}
                saved.setdefault("code_changes", []).append({"articles": saved["stored"], "from": saved["commit"],
                                                             "to": self.out["commit"],
                                                             "highest_rss_in_step_mb": timers.pop("high_step", {})})
                saved.update(commit=self.out["commit"], segment_peak_mb=0.0)
            self.out = saved
        elif args.db and Path(args.db).exists():
            raise SystemExit(f"{args.db} exists: pass --resume to continue its run, or remove it")
        self.out["processes"] += 1

    def embedded(self) -> int:
        return int(self.out["embedded"]) + embedded()

    def peak_mb(self) -> float:
        return max(float(self.out["peak_mb"]), peak_mb())

    def segment_peak_mb(self) -> float:
        """The peak RSS since the code measured last changed (`--new-code`), else of the run."""
        return max(float(self.out.get("segment_peak_mb", self.out["peak_mb"])), peak_mb())

    def save(self, stored: int, timed: Timed) -> None:
        if self.path is None:
            return
        self.out.update(stored=stored, timers=timed.state())
        saved = {**self.out, "embedded": self.embedded(), "peak_mb": self.peak_mb(),
                 "segment_peak_mb": self.segment_peak_mb()}
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(saved, indent=1))
        temporary.replace(self.path)


def run(args: argparse.Namespace) -> dict[str, Any]:
    from storyline.store import Store

    total = max([*args.sizes, *args.increments_at])
    cache = clones.processed(args.shared, 0, args.originals + args.fresh, args.cache)
    records = {r["id"]: r for r in clones.read_sample(args.shared, 0, args.originals + args.fresh)}
    fresh_ids = [r["id"] for r in clones.read_sample(args.shared, args.originals, args.fresh)]
    base = {k: v for k, v in cache.items() if k not in set(fresh_ids)}
    state = RunState(args)
    out = state.out
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        store = Store(args.db or Path(tmp) / "scale.db")
        timed = Timed(store, args.skip)
        if out["timers"]:
            timed.restore(out["timers"])
        stored = int(out["stored"])
        checkpoints = [n for n in sorted(set(args.sizes)) if n > stored]
        increments = [n for n in sorted(set(args.increments_at)) if n > stored]

        def after_batch(ids: list[str]) -> None:
            nonlocal stored
            timed(ids)
            stored += len({i.split("#")[0] for i in ids})
            while checkpoints and stored >= checkpoints[0]:
                row = {"articles": checkpoints.pop(0), "stored": stored, "seconds": round(timed.seconds, 1),
                       "ms_per_article": round(1000 * timed.seconds / stored, 2), "peak_mb": state.peak_mb(),
                       "commit": out["commit"], "code_peak_mb": state.segment_peak_mb(),
                       "per_step_s": {k: round(v, 1) for k, v in timed.per_step.items()},
                       "cpu_ms_per_article": {k: round(1000 * v / stored, 1) for k, v in timed.cpu_step.items()},
                       "rss_mb": round(rss_mb()), "sentences_embedded": state.embedded(),
                       "rss_growth_mb": {k: round(v) for k, v in timed.rss_step.items()},
                       "highest_rss_in_step_mb": dict(timed.high_step)}
                out["sizes"].append(row)
                print(json.dumps(row), flush=True)
            while increments and stored >= increments[0]:
                increments.pop(0)
                row = increment(store, records, cache, fresh_ids, stored, len(out["increments"]), args.skip, mode)
                out["increments"].append(row)
                print(json.dumps(row), flush=True)
            state.save(stored, timed)

        grown = clones.grown_ids(grown_file(args.shared, args.originals, total, Path(tmp)))
        mode = False if args.exact else "words" if args.scramble == "words" else True
        if mode == "words":
            clones.use_vocabulary(r["text"] for r in records.values())
        clones.fill(store, records, base, grown, scramble=mode, after_batch=after_batch, skip=stored)
        store.close()
    return {**out, "embedded": state.embedded(), "peak_mb": state.peak_mb()}


def increment(store: Any, records: dict[str, Any], cache: dict[str, bytes], fresh_ids: list[str], stored: int,
              n: int, skip: Sequence[str], scramble: bool | str = True) -> dict[str, Any]:
    """Add the fresh articles as one batch to the big store and time their corpus stage (the
    n-th time: letter-substituted with a pass of its own, so they are not copies of the last)."""
    timed = Timed(store, skip)
    k = 1_000_000 + n if n else 0
    rows = []
    for j, doc_id in enumerate(i for i in fresh_ids if i in cache):
        new_id = f"{doc_id}~{k}" if k else doc_id
        rows.append((clones.document({**records[doc_id], "id": new_id}, 10_000_000 + 1000 * n + j),
                     clones.clone(cache[doc_id], doc_id, new_id, k, scramble)))
    began = time.perf_counter()
    store.add_documents([d for d, _ in rows])
    store.save_processed([(d.id, arts) for d, arts in rows], [], "bench-fresh")
    written = time.perf_counter() - began
    seconds = timed([a.article.id for _, arts in rows for a in arts])
    return {"store_articles": stored, "added": len(rows), "write_s": round(written, 2),
            "corpus_stage_s": round(seconds, 2), "per_step_s": {k: round(v, 2) for k, v in timed.per_step.items()},
            "cpu_s": {k: round(v, 2) for k, v in timed.cpu_step.items()},
            "peak_mb": peak_mb(), "highest_rss_in_step_mb": timed.high_step}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 40_000, 160_000])
    parser.add_argument("--originals", type=int, default=400, help="distinct news-sample articles grown")
    parser.add_argument("--increments-at", type=int, nargs="*", default=[],
                        help="store sizes at which to time adding --fresh articles as one batch")
    parser.add_argument("--skip", nargs="*", default=[], help="corpus steps to leave out (by name)")
    parser.add_argument("--fresh", type=int, default=100)
    parser.add_argument("--exact", action="store_true", help="exact copies (syndication only), not scrambled")
    parser.add_argument("--scramble", choices=["letters", "words"], default="letters",
                        help="how a pass k >= 1 differs from its original: letters substituted (gibberish words), "
                             "or each word swapped for another of the originals' words of its length, per pass")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "storyline-bench")
    parser.add_argument("--tmp", type=Path, default=None, help="folder for the store and the grown file")
    parser.add_argument("--db", type=Path, default=None, help="keep the store here (default: a temporary file)")
    parser.add_argument("--resume", action="store_true", help="continue the stopped run of --db from its state file")
    parser.add_argument("--new-code", action="store_true",
                        help="with --resume: go on with other code than the run measured so far, as a new segment "
                             "(recorded in code_changes; each row gives its commit and the peak since the change)")
    parser.add_argument("--out", type=Path, default=HERE / "results" / "corpus_scale.json")
    parser.add_argument("--profile", type=Path, default=None, help="write cProfile stats of the whole run here")
    args = parser.parse_args()
    if args.profile:
        import cProfile

        with cProfile.Profile() as profile:
            result = run(args)
        profile.dump_stats(args.profile)
    else:
        result = run(args)
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
