"""What the event extractor adds to the per-document stage, on the same texts, in one process.

    .venv/bin/python bench/events_cost.py --shared ../shared [--articles 200] [--rounds 2]

Runs the per-document stage (clean, annotate, every extractor) over the first N articles of
`../shared/corpus/news-sample.jsonl.gz` with all extractors, and again without the `events`
extractor, alternating for `--rounds` rounds after one warm-up pass (models loaded once), and
prints the best time of each and the relative cost. Since two whole-stage timings differ by
noise on a shared machine, it also adds up the time spent inside the event extractor itself
(`event_extractor_share_pct`: that time over the stage without it). Writes bench/results/events_cost.json.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import logging
import time
from pathlib import Path
from typing import Any

from storyline import document_stage
from storyline.annotate import load_nlp
from storyline.model import Document
from storyline.plugins import extractors

HERE = Path(__file__).resolve().parent
log = logging.getLogger("bench.events_cost")


def documents(shared: Path, n: int) -> list[Document]:
    with gzip.open(shared / "corpus" / "news-sample.jsonl.gz", "rt", encoding="utf-8") as src:
        rows = [json.loads(line) for line in itertools.islice(src, n)]
    return [Document(id=str(r.get("id", i)), text=r["text"], published=r.get("published"), format="jsonl")
            for i, r in enumerate(rows)]


class Timed:
    """An extractor wrapped to add up the time spent in it."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name, self.version = inner.name, inner.version
        self.requires, self.produces = inner.requires, inner.produces
        self.seconds = 0.0

    def __call__(self, result: Any, doc: Any) -> None:
        start = time.perf_counter()
        self.inner(result, doc)
        self.seconds += time.perf_counter() - start


def stage_seconds(docs: list[Document], nlp: Any, with_events: bool, timer: Timed | None = None) -> float:
    """One pass of the per-document stage, with or without the events extractor (timed by
    `timer` when given)."""
    chosen = [(timer if timer and e.name == "events" else e) for e in extractors()
              if with_events or e.name != "events"]
    original = getattr(document_stage, "extractors")  # noqa: B009 - the name the stage looks up
    setattr(document_stage, "extractors", lambda: chosen)  # noqa: B010
    try:
        start = time.perf_counter()
        for _ in document_stage.run_document_stage(docs, nlp):
            pass
        return time.perf_counter() - start
    finally:
        setattr(document_stage, "extractors", original)  # noqa: B010


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    docs = documents(args.shared, args.articles)
    nlp = load_nlp()
    stage_seconds(docs[:20], nlp, True)  # warm-up: lexicons, knowledge base, caches
    times: dict[str, list[float]] = {"with": [], "without": [], "extractor": []}
    events = next(e for e in extractors() if e.name == "events")
    for _ in range(args.rounds):
        times["without"].append(stage_seconds(docs, nlp, False))
        timer = Timed(events)
        times["with"].append(stage_seconds(docs, nlp, True, timer))
        times["extractor"].append(timer.seconds)
    best = {k: min(v) for k, v in times.items()}
    result = {"articles": len(docs), "seconds_without_events": round(best["without"], 2),
              "seconds_with_events": round(best["with"], 2),
              "events_cost_pct": round(100 * (best["with"] / best["without"] - 1), 1),
              "event_extractor_seconds": round(best["extractor"], 2),
              "event_extractor_share_pct": round(100 * best["extractor"] / best["without"], 1)}
    print(json.dumps(result))
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "events_cost.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
