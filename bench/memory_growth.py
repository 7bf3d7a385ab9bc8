"""What the corpus stage keeps as the store grows: resident set against live allocations.

    STORYLINE_SENTENCE_VECTORS=12000 .venv/bin/python bench/memory_growth.py --shared ../shared \\
        --articles 10000 --originals 2900 --fresh 100 --scramble words --trace-from 100000000 \\
        --snapshot-at 6000 10000 --tmp /var/tmp/h70 --cache /var/tmp/h70/cache

Fills a store batch by batch as `corpus_scale.py` does (the same clones, the same `Timed` corpus
stage after each batch of 500, `malloc_trim` after it) and records after every batch the
process's resident set, what glibc's malloc holds in use and free (`mallinfo2`), Python's
object allocator's arenas and the blocks in use in them (not while tracing), SQLite's own
allocations, the sentence vectors `date_conflict` keeps and the buffers they hold alive, the
objects the garbage collector tracks and, once `--trace-from` articles are stored,
`tracemalloc`'s current size (started only then: it slows Python down several times). At each
`--snapshot-at` size the tracked objects are counted by type, the objects of 512 bytes or more
(malloc's, not Python's allocator's) summed by type and, when tracing, a `tracemalloc` snapshot
taken; each is compared with the one before, and the last with the first (by line and by
traceback): what grows with the store. Live memory that grows points at a cache or a set that
keeps what the store holds; a resident set that grows while live memory stays flat is the
allocator's (fragmentation).
"""

from __future__ import annotations

import argparse
import collections
import ctypes
import gc
import itertools
import json
import logging
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import clones  # noqa: E402
import corpus_scale  # noqa: E402

log = logging.getLogger("memory_growth")
MB = 2**20
LARGE = 512


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]


def malloc_mb() -> dict[str, float]:
    """glibc's view: bytes in use, free in its heaps, and in mmap'd blocks (MB); empty elsewhere."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        fn = libc.mallinfo2
    except (OSError, AttributeError):
        return {}
    fn.restype = _MallInfo2
    info = fn()
    return {"malloc_in_use": round(info.uordblks / MB, 1), "malloc_free": round(info.fordblks / MB, 1),
            "malloc_mmap": round(info.hblkhd / MB, 1)}


def pymalloc_mb() -> dict[str, float]:
    """Python's small-object allocator (`sys._debugmallocstats`): MB of arenas it holds, and of
    blocks in use in them."""
    with tempfile.TemporaryFile(mode="w+b") as fh:
        saved = os.dup(2)
        try:
            sys.stderr.flush()
            os.dup2(fh.fileno(), 2)
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        fh.seek(0)
        text = fh.read().decode("utf-8", "replace")
    out: dict[str, float] = {}
    for line in text.splitlines():
        name = ("pymalloc_used" if line.startswith("# bytes in allocated blocks")
                else "pymalloc_arenas" if line.startswith("Total") else None)
        if name and name not in out:
            out[name] = round(int(line.split("=")[-1].strip().replace(",", "")) / MB, 1)
    return out


def vectors_mb() -> dict[str, float]:
    """The sentence vectors `date_conflict` keeps (`similar._cache`), and the MB of the buffers
    they hold alive: a row of a batch's array keeps the whole array."""
    import numpy as np

    from storyline.extract.time import similar

    buffers: dict[int, int] = {}
    for vector in similar._cache.values():
        owner = vector
        while isinstance(owner.base, np.ndarray):
            owner = owner.base
        buffers[id(owner)] = int(owner.nbytes)
    return {"vectors_kept": len(similar._cache), "vector_buffers": round(sum(buffers.values()) / MB, 1)}


def sqlite_mb(store: Any) -> dict[str, float]:
    """What SQLite has allocated (its page caches, statements: `sqlite3_memory_used`, MB), the
    store's connections (in its pool and in use) and the statements SQLAlchemy keeps compiled."""
    pool = store.engine.pool
    out: dict[str, float] = {"connections": pool.checkedin() + pool.checkedout(),
                             "statements_compiled": len(store.engine._compiled_cache or ())}
    try:
        fn = ctypes.CDLL("libsqlite3.so.0").sqlite3_memory_used
    except (OSError, AttributeError):
        return out
    fn.restype = ctypes.c_int64
    return {**out, "sqlite": round(fn() / MB, 1)}


def measure(store: Any, stored: int) -> dict[str, Any]:
    gc.collect()
    row: dict[str, Any] = {"articles": stored, "rss": round(corpus_scale.rss_mb(), 1), **malloc_mb(),
                           **sqlite_mb(store),
                           **pymalloc_mb(), **vectors_mb(), "gc_objects": len(gc.get_objects())}
    if tracemalloc.is_tracing():
        row["traced"] = round(tracemalloc.get_traced_memory()[0] / MB, 1)
    return row


class Snapshot:
    """What is alive at one size: the tracemalloc snapshot (when tracing) and the number of
    objects of each type the garbage collector tracks (strings and numbers are not tracked)."""

    def __init__(self) -> None:
        gc.collect()
        self.traced = tracemalloc.take_snapshot() if tracemalloc.is_tracing() else None
        tracked = gc.get_objects()
        self.types = collections.Counter(type(o).__name__ for o in tracked)
        self.large = _large_objects(tracked)


def _large_objects(tracked: list[Any]) -> collections.Counter[str]:
    """Bytes held by objects of LARGE bytes or more (which Python allocates with malloc, not its
    own small-object allocator), by type: the tracked containers and what they refer to
    directly (strings, bytes and arrays are not tracked)."""
    seen: set[int] = set()
    out: collections.Counter[str] = collections.Counter()
    for o in tracked:
        for x in (o, *gc.get_referents(o)):
            size = sys.getsizeof(x, 0)
            if size >= LARGE and id(x) not in seen:
                seen.add(id(x))
                out[type(x).__name__] += size
    return out


def compare(first: Snapshot, last: Snapshot, top: int) -> dict[str, list[str]]:
    """The allocation sites that grew most from `first` to `last`, by line and by traceback,
    and the object types whose count grew most."""
    grown = (last.types - first.types).most_common(top)
    out: dict[str, list[str]] = {"types": [f"{name}: +{n} (now {last.types[name]})" for name, n in grown]}
    out["large"] = [f"{name}: {(last.large[name] - first.large[name]) / MB:+.1f} MB (now {last.large[name] / MB:.1f})"
                    for name in sorted(last.large | first.large,
                                       key=lambda k: first.large[k] - last.large[k])[:top]]
    if first.traced is None or last.traced is None:
        return out
    for key in ("lineno", "traceback"):
        lines = []
        for s in last.traced.compare_to(first.traced, key)[:top]:
            where = s.traceback.format(limit=6 if key == "traceback" else 1)
            lines.append(f"{s.size_diff / 1024:+.0f} kB ({s.count_diff:+d} blocks) now {s.size / 1024:.0f} kB: "
                         + " <- ".join(w.strip() for w in reversed(where) if not w.startswith("    ")))
        out[key] = lines
    return out


def run(args: argparse.Namespace) -> dict[str, Any]:
    from storyline.store import Store

    cache = clones.processed(args.shared, 0, args.originals + args.fresh, args.cache)
    records = {r["id"]: r for r in clones.read_sample(args.shared, 0, args.originals + args.fresh)}
    fresh = {r["id"] for r in clones.read_sample(args.shared, args.originals, args.fresh)}
    base = {k: v for k, v in cache.items() if k not in fresh}
    rows: list[dict[str, Any]] = []
    snapshots: list[Snapshot] = []
    args.tmp.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        store = Store(Path(tmp) / "growth.db")
        timed = corpus_scale.Timed(store)
        stored = 0
        began = time.perf_counter()

        def after_batch(ids: list[str]) -> None:
            nonlocal stored
            timed(ids)
            stored += len({i.split("#")[0] for i in ids})
            if not tracemalloc.is_tracing() and stored >= args.trace_from:
                tracemalloc.start(args.frames)
            row = measure(store, stored)
            row["seconds"] = round(time.perf_counter() - began)
            rows.append(row)
            log.info("%s", json.dumps(row))
            if args.snapshot_at and stored >= args.snapshot_at[0]:
                args.snapshot_at.pop(0)
                snapshots.append(Snapshot())
                if len(snapshots) > 1:
                    log.info("%s", json.dumps(compare(snapshots[-2], snapshots[-1], args.top), indent=1))

        grown = clones.grown_ids(corpus_scale.grown_file(args.shared, args.originals, args.articles, Path(tmp)))
        mode: bool | str = "words" if args.scramble == "words" else True
        if mode == "words":
            clones.use_vocabulary(r["text"] for r in records.values())
        first = itertools.islice(grown, args.articles)
        clones.fill(store, records, base, first, scramble=mode, after_batch=after_batch)
        store.close()
    result: dict[str, Any] = {"rows": rows}
    if len(snapshots) > 1:
        result["growth"] = compare(snapshots[0], snapshots[-1], args.top)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=15_000)
    parser.add_argument("--originals", type=int, default=2900)
    parser.add_argument("--fresh", type=int, default=100)
    parser.add_argument("--scramble", choices=["letters", "words"], default="words")
    parser.add_argument("--trace-from", type=int, default=5000, help="start tracemalloc once this many are stored")
    parser.add_argument("--frames", type=int, default=3, help="frames tracemalloc keeps per allocation")
    parser.add_argument("--snapshot-at", type=int, nargs="*", default=[5000, 10_000, 15_000])
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "storyline-bench")
    parser.add_argument("--tmp", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--out", type=Path, default=HERE / "results" / "memory_growth.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    result = run(args)
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
