"""One corpus step run again on a stored batch, inside a transaction rolled back: nothing is written.

    PYTHONPATH=<checkout>/src .venv/bin/python bench/step_rerun.py --db STORE [--step date_conflict]
        [--last 500] [--before 0]

For comparing two versions of a step on one store state (issue #9), however large the store:
run it once per checkout, alternating (A B A B), and compare the CPU seconds. The batch is the
`--last` articles stored (by row order; the fresh articles `corpus_scale.py`'s increments add,
ids ending `~1000000`..`~1000009`, are passed over), or the `--last` before those with `--before
1`, and so on. The step runs as `run_corpus_stage` runs it, but every write goes into a
transaction that is rolled back at the end, so the store is left as it was and a second run
sees the same state.

`date_conflict` is given the batch as on arrival: the batch's dated references are taken out of
the index first (inside the transaction), so the step indexes them again and looks for the
stored pages they may contradict; sentence vectors stored earlier are read back, not computed.
Other steps run again on what they stored for the batch (their own incremental bookkeeping
decides how much they redo). The encoder is loaded before the clock starts. Prints one JSON
line: the batch, CPU seconds (and their user and system parts: a store larger than memory is
read from disk in system time), wall seconds, the process's peak resident set, the step's
counts and the encoder's (`similar.cost`).
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Connection

from storyline.extract.time import similar
from storyline.plugins import corpus_steps
from storyline.store import Store, schema

FRESH_IDS = "%~100000_"  # corpus_scale.py's increments: not part of the grown batches


def batch_ids(store: Store, last: int, before: int) -> list[str]:
    """The ids of the `before`-th batch of `last` articles back from the end of the store."""
    query = text("SELECT id FROM articles WHERE id NOT LIKE :fresh ORDER BY rowid DESC LIMIT :n OFFSET :skip")
    with store.engine.connect() as conn:
        rows = conn.execute(query, {"fresh": FRESH_IDS, "n": last, "skip": last * before}).all()
    return sorted(str(row.id) for row in rows)


def as_on_arrival(conn: Connection, step: str, ids: list[str]) -> None:
    """Take out what `step` keeps of these articles that would make a second run not a first."""
    if step != "date_conflict":
        return
    for table in (schema.time_ref_words, schema.time_refs):
        conn.execute(table.delete().where(table.c.article_id.in_(bindparam("ids", expanding=True))),
                     {"ids": ids})


def rerun(store: Store, step_name: str, ids: list[str]) -> dict[str, Any]:
    """Run the step on `ids` with every write rolled back; its counts and what it cost."""
    step = next(s for s in corpus_steps() if s.name == step_name)

    @contextmanager
    def rolled_back() -> Iterator[Connection]:
        with store.engine.connect() as conn:
            transaction = conn.begin()
            try:
                as_on_arrival(conn, step_name, ids)
                yield conn
            finally:
                transaction.rollback()

    store.transaction = rolled_back  # type: ignore[method-assign]
    before, wall = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    counts = step.run(store, ids)
    after = resource.getrusage(resource.RUSAGE_SELF)
    user, system = after.ru_utime - before.ru_utime, after.ru_stime - before.ru_stime
    return {"cpu_s": round(user + system, 2), "user_s": round(user, 2), "system_s": round(system, 2),
            "wall_s": round(time.perf_counter() - wall, 2), "counts": counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="the store (SQLite file)")
    parser.add_argument("--step", default="date_conflict", help="a registered corpus step's name")
    parser.add_argument("--last", type=int, default=500, help="articles in the batch")
    parser.add_argument("--before", type=int, default=0, help="batches back from the last")
    args = parser.parse_args()
    names = [s.name for s in corpus_steps()]
    if args.step not in names:
        parser.error(f"--step: one of {', '.join(names)}")
    store = Store(args.db)
    ids = batch_ids(store, args.last, args.before)
    similar.embed(["the encoder loaded before the clock starts"])
    result = rerun(store, args.step, ids)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"step": args.step, "articles": len(ids), "first": ids[0] if ids else None, **result,
                      "peak_mb": round(peak), "encoder": similar.cost()}))
    store.close()


if __name__ == "__main__":
    main()
