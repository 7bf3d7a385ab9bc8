"""Entity resolution speed on synthetic mentions: how long the corpus stage takes per mention.

    .venv/bin/python bench/resolve_speed.py [--mentions 1000000] [--per-article 50] [--names 40000]

Builds a fresh SQLite store of articles whose mentions are drawn (Zipf-like, as in news) from a
vocabulary of synthetic names: invented multi-word person names, their transliteration-style
variants (vowel swaps, doubled letters, q/k), single-word short forms, organisations, and the
knowledge base's own names. Loading the store is not timed; then the entity resolver runs as the
corpus stage runs it (batches of 500 articles, each its own transaction, other corpus steps not
included) over every mention (blocking, no all-pairs), and the script prints one JSON line:
mentions, distinct names, entities, seconds, mentions per second, and the merges recorded.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import tempfile
import time
from pathlib import Path

from storyline.corpus_stage import BATCH
from storyline.model import Article, Document, Mention, ProcessedArticle
from storyline.resolve.entities import EntityResolver
from storyline.resolve.kb import load_kb
from storyline.store import Store

log = logging.getLogger("bench.resolve_speed")
SYLLABLES = ["ab", "dul", "ra", "him", "kha", "lil", "mu", "ta", "qi", "sa", "mir", "zai", "ha", "san",
             "na", "jib", "ul", "lah", "far", "id", "ka", "rim", "sha", "rif", "no", "or", "ba", "dar"]
SWAPS = [("u", "o"), ("q", "k"), ("i", "ee"), ("a", "e"), ("ll", "l"), ("y", "i")]


def invent(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def variant(name: str, rng: random.Random) -> str:
    a, b = rng.choice(SWAPS)
    return name.replace(a, b, 1) if a in name else name


def vocabulary(n: int, rng: random.Random) -> list[tuple[str, str]]:
    """(surface, type) pairs: people with variants and short forms, organisations, KB names."""
    out: list[tuple[str, str]] = []
    kb_names = [(name, actor.type) for actor in load_kb().actors[:300] for name in actor.names()[:3]]
    while len(out) < n:
        person = f"{invent(rng)} {invent(rng)}"
        out += [(person, "PERSON"), (variant(person, rng), "PERSON"), (person.split()[-1], "PERSON")]
        out.append((f"{invent(rng)} {rng.choice(['Council', 'Front', 'Ministry', 'Party'])}", "ORG"))
    return out[:n] + kb_names


def fill(store: Store, mentions: int, per_article: int, names: list[tuple[str, str]], rng: random.Random) -> None:
    weights = [1 / (rank + 1) for rank in range(len(names))]
    batch: list[tuple[str, list[ProcessedArticle]]] = []
    for i in range(mentions // per_article):
        picks = rng.choices(names, weights, k=per_article)
        text = " ".join(surface for surface, _ in picks)
        doc_id = f"d{i:07d}"
        ms, pos = [], 0
        for surface, kind in picks:
            ms.append(Mention(article=doc_id, start=pos, end=pos + len(surface), text=surface, type=kind))
            pos += len(surface) + 1
        store.add_documents([Document(id=doc_id, text=text, content_hash=doc_id)])
        batch.append((doc_id, [ProcessedArticle(article=Article(id=doc_id, document=doc_id, text=text),
                                                mentions=ms)]))
        if len(batch) == 500:
            store.save_processed(batch)
            batch = []
    if batch:
        store.save_processed(batch)


def resolve_all(store: Store) -> dict[str, int]:
    """The entity resolver over every pending article, batch by batch, as the corpus stage runs it."""
    resolver = EntityResolver()
    pending = store.unresolved_article_ids()
    totals: dict[str, int] = {}
    for i in range(0, len(pending), BATCH):
        batch = pending[i:i + BATCH]
        for name, value in resolver.run(store, batch).items():
            totals[name] = totals.get(name, 0) + value
        store.mark_resolved(batch)
        log.info("resolved %d/%d articles", i + len(batch), len(pending))
    return totals


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--per-article", type=int, default=50)
    parser.add_argument("--names", type=int, default=40_000)
    parser.add_argument("--db", help="store path (default: a temporary file)")
    args = parser.parse_args(argv)
    rng = random.Random(7)
    db = Path(args.db) if args.db else Path(tempfile.mkdtemp()) / "bench.db"
    store = Store(db)
    names = vocabulary(args.names, rng)
    t0 = time.perf_counter()
    fill(store, args.mentions, args.per_article, names, rng)
    loaded = time.perf_counter() - t0
    t1 = time.perf_counter()
    totals = resolve_all(store)
    seconds = time.perf_counter() - t1
    stats = store.stats()
    result = {
        "mentions": stats["mentions"], "distinct_names": len({n for n, _ in names}), "entities": stats["entities"],
        "load_seconds": round(loaded, 1), "resolve_seconds": round(seconds, 1),
        "mentions_per_second": round(stats["mentions"] / seconds), "merges_recorded": totals.get("merges_recorded", 0),
    }
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
