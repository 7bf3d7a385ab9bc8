"""Stage 2, corpus: resolve entities, join events, dedupe, flag — incrementally.

Each step reads only what was stored since it last ran (articles with `resolved = 0`) and
updates corpus records in place, so adding 100 articles to a large store costs 100 articles.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import time
from collections import Counter
from functools import lru_cache
from typing import Any

from storyline.plugins import corpus_steps
from storyline.store import Store

log = logging.getLogger(__name__)

BATCH = 500


@lru_cache(maxsize=1)
def _libc() -> Any:
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name) if name else None


def release_freed_memory() -> None:
    """Give the memory freed during a batch back to the system (glibc's `malloc_trim`; nothing
    elsewhere). The steps free most of what they allocate, but in pieces scattered over the
    heap that glibc otherwise keeps: without this the process grew by about 250 MB per 1,000
    articles of a growing store, with it by a tenth of that (bench/corpus_scale.py)."""
    libc = _libc()
    if libc is not None and hasattr(libc, "malloc_trim"):
        libc.malloc_trim(0)


def run_corpus_stage(store: Store) -> dict[str, int]:
    """Run every registered corpus step over the articles not yet taken into account."""
    pending = store.unresolved_article_ids()
    totals: Counter[str] = Counter()
    steps = corpus_steps()
    seconds = dict.fromkeys((step.name for step in steps), 0.0)
    for i in range(0, len(pending), BATCH):
        batch = pending[i : i + BATCH]
        for step in steps:
            began = time.perf_counter()
            totals.update(step.run(store, batch))
            seconds[step.name] += time.perf_counter() - began
        store.mark_resolved(batch)
        release_freed_memory()
        log.debug("corpus stage: %d of %d articles", i + len(batch), len(pending))
    totals["articles_resolved"] = len(pending)
    log.info("corpus stage: %s", dict(totals))
    if pending:
        log.info("corpus stage, ms per article by step: %s",
                 {name: round(1000 * s / len(pending), 1) for name, s in seconds.items()})
    return dict(totals)
