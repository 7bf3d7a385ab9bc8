"""What the event extractor adds to the per-document stage, on the same texts, in one process.

    .venv/bin/python bench/events_cost.py --shared ../shared [--articles 100] [--rounds 2] [--chunk 10]

Runs the per-document stage (clean, annotate, every extractor) over the first N articles of
`../shared/corpus/news-sample.jsonl.gz` with all extractors and without the `events`
extractor, after one warm-up pass (models loaded once). The machine may be shared, so the two
are interleaved finely: for every chunk of `--chunk` articles, the stage runs without and with
the extractor back to back (the order alternating from chunk to chunk), and each side's time is
the sum over chunks; `--rounds` repeats this, and the best round counts. It also adds up the
time spent inside the event extractor itself (`event_extractor_share_pct`: that time over the
stage without it), the figure least disturbed by other load. Writes
bench/results/events_cost.json.
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


def interleaved(docs: list[Document], nlp: Any, chunk: int, events: Any) -> dict[str, float]:
    """One round: per chunk, the stage without and with the extractor back to back."""
    out = {"with": 0.0, "without": 0.0, "extractor": 0.0}
    timer = Timed(events)
    for n, i in enumerate(range(0, len(docs), chunk)):
        part = docs[i:i + chunk]
        order = (False, True) if n % 2 == 0 else (True, False)
        for with_events in order:
            seconds = stage_seconds(part, nlp, with_events, timer if with_events else None)
            out["with" if with_events else "without"] += seconds
    out["extractor"] = timer.seconds
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=10)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    docs = documents(args.shared, args.articles)
    nlp = load_nlp()
    stage_seconds(docs[:20], nlp, True)  # warm-up: lexicons, knowledge base, caches
    events = next(e for e in extractors() if e.name == "events")
    rounds = [interleaved(docs, nlp, args.chunk, events) for _ in range(args.rounds)]
    best = min(rounds, key=lambda r: r["with"] + r["without"])
    result = {"articles": len(docs), "rounds": args.rounds, "chunk": args.chunk,
              "seconds_without_events": round(best["without"], 2),
              "seconds_with_events": round(best["with"], 2),
              "events_cost_pct": round(100 * (best["with"] / best["without"] - 1), 1),
              "event_extractor_seconds": round(best["extractor"], 2),
              "event_extractor_share_pct": round(100 * best["extractor"] / best["without"], 1),
              "every_round": [{k: round(v, 2) for k, v in r.items()} for r in rounds]}
    print(json.dumps(result))
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "events_cost.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
