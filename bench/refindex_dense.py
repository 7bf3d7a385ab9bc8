"""What one `date_conflict` lookup costs in a store where a storyline's words are busy.

    .venv/bin/python bench/refindex_dense.py --sizes 10000 40000 160000 [--db /var/tmp/dense.db]

`corpus_scale.py` letter-substitutes every pass of its grown corpus, so each of its index keys
(a month and a word) holds a few references. A real store about one storyline is the other
way round: "Taliban" or "talks" next to "August" in thousands of articles. This benchmark
fills the `date_conflict` reference index (`time_refs`, `time_ref_words`) with three month
references per article, each with fifteen words drawn from a Zipf law (exponent 1.3) over
20,000 words, so the common words are under tens of thousands of references, and at each size
times 40 lookups of a sentence's words (a month firm and without its year: `firm_sharing`,
`loose_sharing`) in a fresh `RefIndex`, as a batch of the step would. It prints one JSON line
per size: CPU ms per lookup pair and references returned. Nothing but the index is written
(no articles: the foreign keys are off in this benchmark's own connections).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import event

from storyline.extract.time.corpus import Ref
from storyline.extract.time.refindex import RefIndex
from storyline.store import Store

VOCABULARY = 20_000
WORDS = 15
REFS_PER_ARTICLE = 3
PROBES = 40


def sentence_words(rng: np.random.Generator) -> frozenset[str]:
    return frozenset(f"w{int(z)}" for z in rng.zipf(1.3, WORDS) if z < VOCABULARY)


def fill(index: RefIndex, rng: np.random.Generator, first: int, last: int) -> None:
    """Articles first..last-1, each with three August references of 2021-2023, firm or not."""
    refs: dict[str, dict[str, list[Ref]]] = {}
    for a in range(first, last):
        article = f"a{a}"
        month = f"{2021 + a % 3}-08"
        refs[article] = {"ref": [Ref(article, i, i + 6, "August", month, bool(i % 2), sentence_words(rng))
                                 for i in range(REFS_PER_ARTICLE)], "rel": [], "known": []}
    index.add(refs)


def probe(store: Store, rng: np.random.Generator) -> dict[str, float]:
    with store.transaction() as conn:
        index = RefIndex(conn)
        sentences = [sentence_words(rng) for _ in range(PROBES)]
        start, found = time.process_time(), 0
        for words in sentences:
            found += len(index.firm_sharing("08", words)) + len(index.loose_sharing("08", words))
        return {"ms_per_lookup_pair": round(1000 * (time.process_time() - start) / PROBES, 2),
                "references_per_lookup_pair": round(found / PROBES)}


def run(sizes: list[int], db: Path) -> None:
    store = Store(db)

    @event.listens_for(store.engine, "connect")
    def _no_foreign_keys(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.cursor().execute("PRAGMA foreign_keys=OFF")

    store.engine.dispose()  # connections from now on have the listener
    rng, stored = np.random.default_rng(1), 0
    for size in sorted(sizes):
        while stored < size:
            with store.transaction() as conn:
                fill(RefIndex(conn), rng, stored, stored + 500)
            stored += 500
        print(json.dumps({"articles": stored, **probe(store, rng)}), flush=True)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 40_000, 160_000])
    parser.add_argument("--db", type=Path, help="store to fill (default: a temporary one)")
    args = parser.parse_args()
    if args.db:
        run(args.sizes, args.db)
        return
    with tempfile.TemporaryDirectory() as tmp:
        run(args.sizes, Path(tmp) / "dense.db")


if __name__ == "__main__":
    main()
