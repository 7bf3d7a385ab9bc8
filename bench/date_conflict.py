"""False alarms and cost of the `date_conflict` corpus step on news-sample (see docs/time.md).

    .venv/bin/python bench/date_conflict.py --shared ../shared [--articles 300] [--store processed.db]

Runs the first N articles of `corpus/news-sample.jsonl.gz` (US politics 2012-2020, no article
misdated on purpose) through `storyline run` into a temporary store (or takes a store already
processed), then runs the `date_conflict` step again from scratch on a copy, every article as
new, and prints one JSON line (dated articles, flags, seconds, sentences embedded) and each flag.
Every flag here is a false alarm. `--shared ../shared --seeds` does the same on the seeds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import delete, select, update

from storyline import Storyline
from storyline.extract.time import similar
from storyline.extract.time.corpus import INDEXED, DateConflictStep
from storyline.store import schema
from storyline.store.store import Store


def processed_store(source: Path, articles: int, tmp: Path) -> Path:
    """A store of the first `articles` documents of a JSON-lines file (or of a folder), processed."""
    if source.is_dir():
        inputs = source
    else:
        inputs = tmp / "articles.jsonl"
        with gzip.open(source, "rt", encoding="utf-8") as src, inputs.open("w", encoding="utf-8") as dst:
            for n, line in enumerate(src):
                if n >= articles:
                    break
                dst.write(line)
    db = tmp / "processed.db"
    with Storyline(db, progress=False) as sl:
        sl.run([inputs], workers=2)
    return db


def forget_step(store: Store) -> list[str]:
    """Remove what the step wrote (its index, its flags and inferred dates); the article ids."""
    a = schema.articles
    with store.transaction() as conn:
        conn.execute(delete(schema.time_ref_words))
        conn.execute(delete(schema.time_refs))
        conn.execute(delete(schema.meta).where(schema.meta.c.key == INDEXED))
        similar.metadata.create_all(conn, checkfirst=True)
        conn.execute(delete(similar.sentence_vectors))  # embedded again: the cost is measured
        rows = conn.execute(select(a.c.id, a.c.flags)).all()
        for row in rows:
            kept = [f for f in row.flags or [] if not (f["type"] == "date_conflict" and f.get("related"))]
            if len(kept) != len(row.flags or []):
                conn.execute(update(a).where(a.c.id == row.id).values(flags=kept, published_inferred=None))
    return [row.id for row in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--seeds", action="store_true", help="the seeds instead of news-sample")
    parser.add_argument("--store", type=Path, help="a store already processed (not changed: a copy is used)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as tmp:
        source = args.shared / ("corpus/seeds" if args.seeds else "corpus/news-sample.jsonl.gz")
        db = args.store or processed_store(source, args.articles, Path(tmp))
        shutil.copy(db, Path(tmp) / "step.db")
        store = Store(Path(tmp) / "step.db")
        ids = forget_step(store)
        start = time.perf_counter()
        counts = DateConflictStep().run(store, ids)
        seconds = time.perf_counter() - start
        a = schema.articles
        with store.transaction() as conn:
            dated = conn.execute(select(a.c.id).where(a.c.published_precision == "day")).all()
            flagged = [(row.id, row.published_inferred, f["detail"])
                       for row in conn.execute(select(a.c.id, a.c.flags, a.c.published_inferred))
                       for f in row.flags or [] if f["type"] == "date_conflict" and f.get("related")]
        store.close()
    cost = similar.cost()
    print(json.dumps({"articles": len(ids), "dated": len(dated), "flagged": counts["date_conflicts"],
                      "step_seconds": round(seconds, 1), "sentences_embedded": cost["sentences"],
                      "embedding_seconds_with_model_load": round(cost["seconds"], 1)}))
    for article_id, inferred, detail in flagged:
        print(json.dumps({"article": article_id, "published_inferred": inferred, "detail": detail}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
