"""What one more report of a much-reported event costs as its reports pile up.

    .venv/bin/python bench/hot_events.py [--reports 20000] [--batch 500] [--every 2000]

A real storyline has events that thousands of articles report (a takeover, a first meeting),
and every new report joins the same stored event. The events step keeps that event's stored
record bounded (the first `ARTICLES_KEPT` articles), but its confidence counts *independent*
sources over all its reporting articles, copies counting with their originals. This benchmark
measures what a batch costs as the event grows: a few invented reports of one meeting go
through the per-document stage once; the store is then filled with copies of their results
under new ids, `--batch` per transaction, every fourth flagged `near_duplicate` of the one
before it and every tenth `date_conflict`; only the `events` step runs after each batch, and its
CPU time per batch is reported every `--every` reports, with the event's independent sources.
At each row it also times the other path, a stored report's flags changing
(`rescore_articles` on one article, as `source_confidence` and `date_conflict` call it). Flat
rows: a batch costs the same for the hundredth report and the twenty-thousandth.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import clones  # noqa: E402

MEETING = [
    "A US delegation met senior Taliban representatives in Doha on October 9, 2021, officials said.",
    "American envoys held talks with Taliban leaders in Doha on October 9, 2021, the State Department said.",
    "Taliban officials met a US delegation in the Qatari capital on October 9, 2021, a spokesman said.",
    "US and Taliban negotiators met in Doha on October 9, 2021, according to both sides.",
]
FILLER = ("Wheat prices rose for a third week in markets across the region. The city council approved a "
          "budget for road repairs. A storm closed two mountain passes overnight.")


def originals() -> list[tuple[dict[str, Any], bytes]]:
    """The invented reports, each with its per-document results (compressed JSON, as `clones` keeps them)."""
    from storyline.annotate import load_nlp
    from storyline.document_stage import run_document_stage

    records = [{"id": f"m{i}", "published": "2021-10-10", "text": f"{text} {FILLER}"}
               for i, text in enumerate(MEETING)]
    docs = [clones.document(r, i) for i, r in enumerate(records)]
    out = []
    for record, outcome in zip(records, run_document_stage(docs, load_nlp()), strict=True):
        data = json.dumps([a.model_dump(mode="json") for a in outcome.articles]).encode("utf-8")
        out.append((record, zlib.compress(data, 1)))
    return out


def report(base: list[tuple[dict[str, Any], bytes]], n: int) -> tuple[Any, list[Any]]:
    """The n-th stored report: a copy of an original's results under id `h<n>`, flagged as
    every fourth (a copy of report n-1) and every tenth (a doubtful date) is."""
    from storyline.model import Flag

    record, results = base[n % len(base)]
    new_id = f"h{n}"
    articles = clones.clone(results, record["id"], new_id, n + 1, scramble=False)
    for a in articles:
        if n % 4 == 3:
            a.article.flags.append(Flag(type="near_duplicate", score=0.9, related=[f"h{n - 1}"]))
        if n % 10 == 9:
            a.article.flags.append(Flag(type="date_conflict", score=0.5))
    return clones.document({**record, "id": new_id}, n + 1_000_000), articles


def the_event(store: Any) -> dict[str, Any]:
    """The most-reported stored event: its reporting articles and independent sources."""
    from sqlalchemy import func, select

    from storyline.store import schema

    ea, t = schema.event_articles, schema.events
    with store.transaction() as conn:
        event_id, n = conn.execute(select(ea.c.event_id, func.count()).group_by(ea.c.event_id)
                                   .order_by(func.count().desc()).limit(1)).one()
        record = conn.execute(select(t.c.record).where(t.c.id == event_id)).scalar_one()
    return {"id": event_id, "articles": n, "independent_sources": record.get("independent_sources")}


def rescore_cost(store: Any, article_id: str) -> float:
    """CPU seconds to rescore the events of one stored report whose flags changed (rolled back)."""
    from storyline.resolve.events import rescore_articles

    with store.engine.connect() as conn:
        began = time.process_time()
        rescore_articles(conn, [article_id])
        spent = time.process_time() - began
        conn.rollback()
    return spent


def run(args: argparse.Namespace) -> dict[str, Any]:
    from storyline.resolve.events import EventJoiner
    from storyline.store import Store

    base = originals()
    rows: list[dict[str, Any]] = []
    step = EventJoiner()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "hot.db")
        for start in range(0, args.reports, args.batch):
            batch = [report(base, n) for n in range(start, min(start + args.batch, args.reports))]
            store.add_documents([d for d, _ in batch])
            store.save_processed([(d.id, arts) for d, arts in batch], [], "bench-hot")
            began = time.process_time()
            step.run(store, [a.article.id for _, arts in batch for a in arts])
            spent = time.process_time() - began
            stored = start + len(batch)
            if stored % args.every == 0 or stored == args.reports:
                row = {"reports": stored, "batch_cpu_s": round(spent, 3),
                       "ms_per_report": round(1000 * spent / len(batch), 2),
                       "rescore_one_cpu_ms": round(1000 * rescore_cost(store, "h1"), 1), **the_event(store)}
                rows.append(row)
                print(json.dumps(row), flush=True)
        store.close()
    return {"batch": args.batch, "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--every", type=int, default=2_000)
    parser.add_argument("--out", type=Path, default=HERE / "results" / "hot_events.json")
    args = parser.parse_args()
    result = run(args)
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
