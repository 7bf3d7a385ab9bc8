"""Latency of `storyline serve` on a store of 100,000+ events: timeline, entity, search, network.

    .venv/bin/python bench/serve_load.py --shared ../shared [--events 100000] [--extra-articles 20000]
        [--requests 600] [--concurrency 4] [--work /tmp/storyline-serve-bench]

1. Base store: the seed corpus and `samples/taliban` run through the whole pipeline once
   (`storyline run`), so every record is a real one.
2. Grown store: the base records cloned pass after pass until the store holds `--events`
   events. Pass k copies every document, article, mention, quote, claim, event, event-article
   link and event-party row under ids ending `~k`, with article and event dates shifted by a
   per-pass number of days (spread over about four years), so timelines and date filters see
   a long storyline rather than one week repeated. Entities are shared: the clones' mentions and
   parties point at the same actors, as a real store's would. Running spaCy on 100,000
   articles is not feasible on two cores, and the per-document stage is not what is measured.
   `--extra-articles` news-sample articles (grown with ../shared/tools/grow_corpus.py) are added
   as plain articles, so full-text search runs over tens of thousands of texts.
3. `storyline serve` on loopback in a subprocess; a small concurrent httpx client (asyncio,
   `--concurrency` requests in flight) sends `--requests` requests per endpoint: timelines
   (a random actor among the 50 most mentioned, with a random one-year window or a random
   event type), entity pages (a random entity among the 200 most mentioned), and searches (a
   random word or two from article titles), quote searches (one such word, `kind=quotes`) and,
   a quarter as many, networks (`/api/graph`: the whole store, or one actor, year or event
   type). Latency is measured at the client, from sending to the whole body read;
   p50/p95/p99 per endpoint.

The grown store is kept in `--work` and reused when it is already there (`--rebuild` forces).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import logging
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
log = logging.getLogger("serve_load")

# tables cloned per pass: (table, SQL that inserts pass {k}'s copies, shifting dates by {days})
CLONE_SQL = (
    "INSERT INTO documents (id, source, line, format, content_hash, title, outlet, url, published, language, extra,"
    " raw_text, status, duplicate_of, error, ingested_at, processed_at, pipeline_version)"
    " SELECT id || '~{k}', source, line, format, content_hash || '~{k}', title, outlet, url, published, language,"
    " extra, raw_text, status, duplicate_of, error, ingested_at, processed_at, pipeline_version"
    " FROM documents WHERE id IN (SELECT id FROM base_documents)",
    "INSERT INTO articles (id, document_id, title, outlet, url, language, published_raw, published_start,"
    " published_end, published_precision, published_inferred, dateline, text, flags, removed, sentences,"
    " noun_chunks, words, resolved)"
    " SELECT id || '~{k}', document_id || '~{k}', title, outlet, url, language, published_raw,"
    " date(published_start, '{days} days'), date(published_end, '{days} days'), published_precision,"
    " published_inferred, dateline, text, flags, removed, sentences, noun_chunks, words, resolved"
    " FROM articles WHERE id IN (SELECT id FROM base_articles)",
    "INSERT INTO mentions (article_id, start, \"end\", text, type, sentence, entity_id, canonical, role)"
    " SELECT article_id || '~{k}', start, \"end\", text, type, sentence, entity_id, canonical, role"
    " FROM mentions WHERE article_id IN (SELECT id FROM base_articles)",
    "INSERT INTO quotes (id, article_id, speaker_entity, record)"
    " SELECT id || '~{k}', article_id || '~{k}', speaker_entity,"
    " json_set(record, '$.id', id || '~{k}', '$.article', article_id || '~{k}')"
    " FROM quotes WHERE article_id IN (SELECT id FROM base_articles)",
    "INSERT INTO claims (id, article_id, record, quantity)"
    " SELECT id || '~{k}', article_id || '~{k}',"
    " json_set(record, '$.id', id || '~{k}', '$.article', article_id || '~{k}'), quantity"
    " FROM claims WHERE article_id IN (SELECT id FROM base_articles)",
    "INSERT INTO event_articles (event_id, article_id)"
    " SELECT event_id || '~{k}', article_id || '~{k}' FROM event_articles"
    " WHERE event_id IN (SELECT id FROM base_events)",
    "INSERT INTO event_parties (key, event_id, role, event, day, date_start, date_end)"
    " SELECT key, event_id || '~{k}', role, event, coalesce(date(date_start, '{days} days'), day),"
    " date(date_start, '{days} days'), date(date_end, '{days} days')"
    " FROM event_parties WHERE event_id IN (SELECT id FROM base_events)",
)


def shift(value: str | None, days: int) -> str | None:
    from datetime import date, timedelta

    return (date.fromisoformat(value) + timedelta(days=days)).isoformat() if value else None


def clone_event(record: dict[str, Any], k: int, days: int) -> dict[str, Any]:
    out = dict(record, id=f"{record['id']}~{k}", articles=[f"{a}~{k}" for a in record.get("articles", [])])
    out["evidence"] = [dict(e, article=f"{e['article']}~{k}") for e in record.get("evidence", [])]
    when = dict(record.get("when") or {})
    when["start"], when["end"] = shift(when.get("start"), days), shift(when.get("end"), days)
    out["when"] = when
    return out


def build_base(base: Path, shared: Path) -> None:
    from storyline import Storyline

    started = time.perf_counter()
    with Storyline(base, progress=False) as sl:
        sl.run([shared / "corpus" / "seeds", ROOT / "samples" / "taliban"])
    log.info("base store processed in %.0f s", time.perf_counter() - started)


def grow(db: Path, events: int) -> int:
    """Clone the base records until the store holds `events` events; returns the passes made."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    for name, table in (("base_documents", "documents"), ("base_articles", "articles"), ("base_events", "events")):
        conn.execute(f"CREATE TEMP TABLE {name} AS SELECT id FROM {table}")
    base_events = [(i, e, json.loads(r)) for i, e, r in conn.execute("SELECT id, event, record FROM events")]
    have = len(base_events)
    k = 0
    rng = random.Random(7)
    while have < events:
        k += 1
        days = rng.randint(-730, 730)
        for sql in CLONE_SQL:
            conn.execute(sql.format(k=k, days=f"{days:+d}"))
        rows = []
        for _, kind, record in base_events:
            copy = clone_event(record, k, days)
            rows.append((copy["id"], kind, copy["when"]["start"], copy["when"]["end"],
                         copy.get("confidence", 0.0), json.dumps(copy)))
        conn.executemany("INSERT INTO events (id, event, date_start, date_end, confidence, record)"
                         " VALUES (?, ?, ?, ?, ?, ?)", rows)
        conn.commit()
        have += len(base_events)
    conn.execute("UPDATE entities SET mentions = (SELECT count(*) FROM mentions WHERE entity_id = entities.id)")
    conn.commit()
    conn.close()
    return k


def add_news_articles(db: Path, shared: Path, count: int, work: Path) -> None:
    """`count` news-sample articles (grown with grow_corpus.py) as plain stored articles."""
    if count <= 0:
        return
    grown = work / "news-grown.jsonl.gz"
    subprocess.run([sys.executable, str(shared / "tools" / "grow_corpus.py"),
                    str(shared / "corpus" / "news-sample.jsonl.gz"), str(count), str(grown)], check=True)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA synchronous=OFF")
    batch: list[tuple[Any, ...]] = []
    with gzip.open(grown, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            published = str(rec.get("published") or "")[:10] or None
            batch.append((f"news:{rec['id']}", rec.get("title"), rec.get("outlet"), rec.get("url"),
                          published, published, "day" if published else "unknown", rec["text"],
                          len(rec["text"].split())))
            if len(batch) >= 2000:
                _insert_news(conn, batch)
    _insert_news(conn, batch)
    conn.close()


def _insert_news(conn: sqlite3.Connection, batch: list[tuple[Any, ...]]) -> None:
    now = "2026-01-01T00:00:00+00:00"
    conn.executemany("INSERT INTO documents (id, source, format, content_hash, raw_text, status, ingested_at, extra)"
                     " VALUES (?, 'news-sample', 'jsonl', ?, '', 'processed', ?, '{}')",
                     [(row[0], row[0], now) for row in batch])
    conn.executemany("INSERT INTO articles (id, document_id, title, outlet, url, published_start, published_end,"
                     " published_precision, text, flags, removed, sentences, noun_chunks, words, resolved, language)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '[]', '[]', '[]', ?, 1, 'en')",
                     [(r[0], r[0], *r[1:]) for r in batch])
    conn.commit()
    batch.clear()


def build(work: Path, shared: Path, events: int, extra_articles: int, rebuild: bool) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    base, db = work / "base.db", work / "grown.db"
    if not base.exists():
        build_base(base, shared)
    if db.exists() and not rebuild:
        return db
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    from storyline.store import Store

    Store(base).close()  # bring the base to the current schema first
    shutil.copy(base, db)
    started = time.perf_counter()
    passes = grow(db, events)
    add_news_articles(db, shared, extra_articles, work)
    conn = sqlite3.connect(db)
    conn.execute("ANALYZE")
    conn.close()
    log.info("grown store: %d passes in %.0f s", passes, time.perf_counter() - started)
    return db


def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    out = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
           for t in ("articles", "events", "entities", "mentions", "quotes", "claims", "event_parties")}
    conn.close()
    return out


# --------------------------------------------------------------------------- the load

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).with_name("storyline")), "serve", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("storyline serve did not start: " + (server.stderr.read().decode() if server.stderr else ""))


def request_plans(db: Path, n: int, rng: random.Random) -> dict[str, list[tuple[str, dict[str, str]]]]:
    conn = sqlite3.connect(db)
    top = [r[0] for r in conn.execute("SELECT id FROM entities ORDER BY mentions DESC LIMIT 200")]
    names = [r[0] for r in conn.execute("SELECT name FROM entities ORDER BY mentions DESC LIMIT 50")]
    titles = [r[0] for r in conn.execute("SELECT title FROM articles WHERE title IS NOT NULL LIMIT 5000")]
    types = [r[0] for r in conn.execute("SELECT DISTINCT event FROM events")]
    conn.close()
    words = sorted({w for t in titles for w in re.findall(r"[A-Za-z]{5,}", t)})
    timeline = []
    for _ in range(n):
        params = {"actor": rng.choice(names)}
        if rng.random() < 0.5:
            year = rng.randint(2019, 2026)
            params |= {"from": f"{year}-{rng.randint(1, 12):02d}", "to": f"{year + 1}"}
        else:
            params["type"] = rng.choice(types)
        timeline.append(("/api/timeline", params))
    entity: list[tuple[str, dict[str, str]]] = [(f"/api/entities/{rng.choice(top)}", {}) for _ in range(n)]
    search = [("/api/search", {"q": " ".join(rng.sample(words, rng.choice((1, 1, 2))))}) for _ in range(n)]
    quotes = [("/api/search", {"q": rng.choice(words), "kind": "quotes"}) for _ in range(n)]
    return {"timeline": timeline, "entity": entity, "search": search, "search_quotes": quotes,
            "graph": graph_plan(names, types, max(1, n // 4), rng)}


def graph_plan(names: list[str], types: list[str], n: int, rng: random.Random) -> list[tuple[str, dict[str, str]]]:
    """Networks: a tenth of the whole store, the rest for one actor, one year or one event type."""
    plan: list[tuple[str, dict[str, str]]] = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.1:
            params: dict[str, str] = {}
        elif roll < 0.4:
            params = {"actor": rng.choice(names)}
        elif roll < 0.7:
            year = rng.randint(2019, 2026)
            params = {"from": str(year), "to": str(year)}
        else:
            params = {"type": rng.choice(types)}
        plan.append(("/api/graph", params))
    return plan


async def load(base_url: str, plan: list[tuple[str, dict[str, str]]], concurrency: int) -> tuple[list[float], int]:
    import httpx

    latencies: list[float] = []
    errors = 0
    queue = list(plan)

    async def worker(client: httpx.AsyncClient) -> None:
        nonlocal errors
        while queue:
            path, params = queue.pop()
            started = time.perf_counter()
            response = await client.get(path, params=params)
            await response.aread()
            latencies.append((time.perf_counter() - started) * 1000)
            errors += response.status_code != 200

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:
        await asyncio.gather(*(worker(client) for _ in range(concurrency)))
    return latencies, errors


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), so the figures say how much of
    a latency was the server's own work and how much waiting for a core on a busy machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--work", type=Path, default=Path("/tmp/storyline-serve-bench"))
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--extra-articles", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=600, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so `finally` stops the server
    db = build(args.work, args.shared, args.events, args.extra_articles, args.rebuild)
    from storyline.store import Store

    started = time.perf_counter()
    Store(db).close()  # migrate before serving (new indexes are built here, not under the clock)
    log.info("store migrated in %.0f s: %s", time.perf_counter() - started, counts(db))
    port = free_port()
    server = start_server(db, port)
    try:
        rng = random.Random(11)
        plans = request_plans(db, args.requests, rng)
        asyncio.run(load(f"http://127.0.0.1:{port}", plans["timeline"][:50], 2))  # warm the caches
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
        print("| endpoint | concurrency | requests | errors | p50 ms | p95 ms | p99 ms | max ms | req/s "
              "| server CPU ms/req | load |")
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for concurrency in args.concurrency:
            for name, plan in plans.items():
                started, cpu = time.perf_counter(), cpu_seconds(server.pid)
                latencies, errors = asyncio.run(load(f"http://127.0.0.1:{port}", plan, concurrency))
                elapsed, cpu = time.perf_counter() - started, cpu_seconds(server.pid) - cpu
                print(f"| {name} | {concurrency} | {len(latencies)} | {errors} | {statistics.median(latencies):.1f} | "
                      f"{percentile(latencies, 95):.1f} | {percentile(latencies, 99):.1f} | {max(latencies):.1f} | "
                      f"{len(latencies) / elapsed:.0f} | {cpu * 1000 / len(latencies):.1f} | "
                      f"{os.getloadavg()[0]:.1f} |", flush=True)
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    main()
