"""Stage 2, corpus: resolve entities, join events, dedupe, flag — incrementally.

Each step reads only what was stored since it last ran (articles with `resolved = 0`) and
updates corpus records in place, so adding 100 articles to a large store costs 100 articles.
"""

from __future__ import annotations

import logging
import time
from collections import Counter

from storyline.plugins import corpus_steps
from storyline.store import Store

log = logging.getLogger(__name__)

BATCH = 500


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
        log.debug("corpus stage: %d of %d articles", i + len(batch), len(pending))
    totals["articles_resolved"] = len(pending)
    log.info("corpus stage: %s", dict(totals))
    if pending:
        log.info("corpus stage, ms per article by step: %s",
                 {name: round(1000 * s / len(pending), 1) for name, s in seconds.items()})
    return dict(totals)
