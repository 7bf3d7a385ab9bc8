"""The store: documents, articles, annotations and corpus records in one SQL database.

SQLite (a file path, the default `storyline.db`) or PostgreSQL (`postgresql://...`), through
SQLAlchemy Core, so the stages never see which one it is. Every write is one transaction per
batch: an interrupted run leaves whole batches or nothing, and re-running picks up the
documents still `pending`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from storyline.errors import Code, StoreError
from storyline.model import (
    Article,
    Claim,
    Document,
    Entity,
    IngestProblem,
    Mention,
    ProcessedArticle,
    Quote,
)
from storyline.store import rows, schema
from storyline.store.migrations import migrate

log = logging.getLogger(__name__)

DEFAULT_DB = "storyline.db"


def database_url(target: str | Path | None) -> str:
    """`None` → ./storyline.db; a path → SQLite file; a URL is kept (postgresql://, sqlite://)."""
    text = str(target or DEFAULT_DB)
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser()}"
    if not text.startswith(("sqlite", "postgresql")):
        raise StoreError(Code.E503, text)
    return text


# SQLite's page cache per connection, in MB (`STORYLINE_SQLITE_CACHE_MB`; 0: SQLite's own 2 MB).
# A batch of 500 articles changes some 90,000 pages of the store's indexes: with a small cache
# the changed pages spill into the WAL before the commit and are written again (bench/README).
CACHE_ENV, CACHE_MB = "STORYLINE_SQLITE_CACHE_MB", 128


def sqlite_cache_mb() -> int:
    """The page cache of each SQLite connection in MB, from `STORYLINE_SQLITE_CACHE_MB`."""
    text = os.environ.get(CACHE_ENV, "").strip()
    if not text:
        return CACHE_MB
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise StoreError(Code.E502, f"with {CACHE_ENV}={text!r}: give a whole number of megabytes")
    return value


def _sqlite_pragmas(cache_mb: int) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if cache_mb:
            cur.execute(f"PRAGMA cache_size=-{cache_mb * 1024}")  # negative: KiB
        cur.close()

    return on_connect


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise StoreError(Code.E503, url) from err
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    engine = create_engine(parsed, future=True)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(sqlite_cache_mb()))
    return engine


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def articles_by_id(conn: Connection, columns: Sequence[str], ids: Iterable[str]) -> Iterator[Any]:
    """Rows of these columns of these articles, 500 ids a query. On SQLite, when the columns are
    all in `ix_articles_id_dating` (`schema.ARTICLE_DATING_COLUMNS`: dates and flags), they are
    read from that index alone (`INDEXED BY`): without statistics the planner takes the primary
    key's index and reads each row, and its text's overflow pages with it."""
    a = schema.articles
    wanted = [a.c[name] for name in columns]
    covered = conn.dialect.name == "sqlite" and set(columns) <= set(schema.ARTICLE_DATING_COLUMNS)
    query: Any = (text(f"SELECT {', '.join(columns)} FROM articles INDEXED BY ix_articles_id_dating "
                       "WHERE id IN :ids").bindparams(bindparam("ids", expanding=True)).columns(*wanted)
                  if covered else select(*wanted).where(a.c.id.in_(bindparam("ids", expanding=True))))
    for chunk in _chunks(sorted(set(ids)), 500):
        yield from conn.execute(query, {"ids": list(chunk)})


class Store:
    """All reads and writes of the pipeline go through here."""

    def __init__(self, target: str | Path | None = None) -> None:
        self.url = database_url(target)
        self.engine = _engine(self.url)
        try:
            with self.engine.begin() as conn:
                self.schema_version = migrate(conn)
        except OperationalError as err:
            raise StoreError(Code.E502, f"{self.url} ({err.orig})") from err

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    # ----------------------------------------------------------------- ingest

    def add_documents(self, docs: Sequence[Document]) -> list[tuple[str, str]]:
        """Store a batch in one transaction; returns (id, status) per document.

        Statuses: `new`, `unchanged` (same id and content: a no-op), `updated` (same id, new
        content: will be re-processed), `duplicate` (same content as another id: kept, not
        processed, `duplicate_of` names the first).
        """
        out: list[tuple[str, str]] = []
        with self.transaction() as conn:
            seen_hash: dict[str, str] = {}
            for doc in docs:
                status = self._add_document(conn, doc, seen_hash)
                out.append((doc.id, status))
        return out

    def _add_document(self, conn: Connection, doc: Document, seen_hash: dict[str, str]) -> str:
        d = schema.documents
        old = conn.execute(select(d.c.content_hash).where(d.c.id == doc.id)).first()
        if old is not None:
            if old[0] == doc.content_hash:
                return "unchanged"
            values = rows.document_row(doc, "pending")
            conn.execute(update(d).where(d.c.id == doc.id).values(**values))
            self._forget_articles(conn, [doc.id])
            return "updated"
        original = seen_hash.get(doc.content_hash) or conn.execute(
            select(d.c.id).where(d.c.content_hash == doc.content_hash).order_by(d.c.id).limit(1)
        ).scalar()
        if original:
            conn.execute(insert(d).values(**rows.document_row(doc, "duplicate", original)))
            return "duplicate"
        seen_hash[doc.content_hash] = doc.id
        conn.execute(insert(d).values(**rows.document_row(doc, "pending")))
        return "new"

    def add_problems(self, problems: Iterable[IngestProblem], run_id: int | None = None) -> None:
        values = [
            {**p.model_dump(), "run_id": run_id, "created_at": rows.now()} for p in problems
        ]
        if values:
            with self.transaction() as conn:
                conn.execute(insert(schema.problems), values)

    # ----------------------------------------------------------------- per-document stage

    def pending_ids(self, limit: int | None = None) -> list[str]:
        d = schema.documents
        query = select(d.c.id).where(d.c.status == "pending").order_by(d.c.id)
        with self.engine.connect() as conn:
            return list(conn.execute(query.limit(limit) if limit else query).scalars())

    def documents(self, ids: Sequence[str]) -> list[Document]:
        d = schema.documents
        with self.engine.connect() as conn:
            found = conn.execute(select(d).where(d.c.id.in_(ids))).mappings()
            by_id = {r["id"]: rows.row_document(r) for r in found}
        return [by_id[i] for i in ids if i in by_id]

    def save_processed(
        self,
        results: Sequence[tuple[str, list[ProcessedArticle]]],
        failures: Sequence[tuple[str, str]] = (),
        pipeline_version: str = "",
    ) -> None:
        """Write a batch of per-document results in one transaction (re-processing replaces)."""
        with self.transaction() as conn:
            doc_ids = [doc_id for doc_id, _ in results]
            self._forget_articles(conn, doc_ids)
            for _, processed in results:
                for result in processed:
                    self._insert_article(conn, result)
            d = schema.documents
            if doc_ids:
                conn.execute(
                    update(d)
                    .where(d.c.id.in_(doc_ids))
                    .values(status="processed", error=None, processed_at=rows.now(),
                            pipeline_version=pipeline_version)
                )
            for doc_id, message in failures:
                conn.execute(update(d).where(d.c.id == doc_id).values(status="failed", error=message))

    def _insert_article(self, conn: Connection, result: ProcessedArticle) -> None:
        conn.execute(insert(schema.articles).values(**rows.article_row(result)))
        mention_values = rows.mention_rows(result)
        if mention_values:
            conn.execute(insert(schema.mentions), mention_values)
        timex_values = rows.timex_rows(result)
        if timex_values:
            conn.execute(insert(schema.timexes), timex_values)
        for table, values in ((schema.quotes, rows.quote_rows(result)), (schema.claims, rows.claim_rows(result)),
                              (schema.article_events, rows.event_rows(result))):
            if values:
                conn.execute(insert(table), values)

    def _forget_articles(self, conn: Connection, doc_ids: Sequence[str]) -> None:
        """Delete what earlier processing derived from these documents."""
        if not doc_ids:
            return
        a, m = schema.articles, schema.mentions
        article_ids = list(conn.execute(select(a.c.id).where(a.c.document_id.in_(doc_ids))).scalars())
        touched: set[str] = set()
        for chunk in _chunks(article_ids, 500):
            linked = select(m.c.entity_id).where(m.c.article_id.in_(chunk), m.c.entity_id.is_not(None)).distinct()
            touched.update(conn.execute(linked).scalars())
            for table in schema.DERIVED_PER_ARTICLE:
                conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
            conn.execute(delete(a).where(a.c.id.in_(chunk)))
        self._recount_mentions(conn, touched)

    def _recount_mentions(self, conn: Connection, entity_ids: Iterable[str]) -> None:
        """Set entities' mention counts from the mentions that still point at them."""
        e, m = schema.entities, schema.mentions
        count = select(func.count()).select_from(m).where(m.c.entity_id == e.c.id).scalar_subquery()
        for chunk in _chunks(sorted(entity_ids), 500):
            conn.execute(update(e).where(e.c.id.in_(chunk)).values(mentions=count))

    def reset_failed(self) -> int:
        """Put failed documents back to pending (for `process --retry-failed`)."""
        d = schema.documents
        with self.transaction() as conn:
            return conn.execute(update(d).where(d.c.status == "failed").values(status="pending")).rowcount

    # ----------------------------------------------------------------- corpus stage

    def unresolved_article_ids(self) -> list[str]:
        a = schema.articles
        with self.engine.connect() as conn:
            return list(conn.execute(select(a.c.id).where(a.c.resolved == 0).order_by(a.c.id)).scalars())

    def mentions_of(
        self, conn: Connection, article_ids: Sequence[str], unlinked_only: bool = False
    ) -> list[tuple[int, Mention]]:
        m = schema.mentions
        out: list[tuple[int, Mention]] = []
        for chunk in _chunks(article_ids, 500):
            query = select(m).where(m.c.article_id.in_(chunk)).order_by(m.c.article_id, m.c.start, m.c.id)
            if unlinked_only:
                query = query.where(m.c.entity_id.is_(None))
            out += [(r["id"], rows.row_mention(r)) for r in conn.execute(query).mappings()]
        return out

    def entities_by_id(self, conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        e = schema.entities
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            for r in conn.execute(select(e).where(e.c.id.in_(chunk))).mappings():
                out[r["id"]] = dict(r)
        return out

    def upsert_entities(self, conn: Connection, new: list[dict[str, Any]], changed: list[dict[str, Any]]) -> None:
        e = schema.entities
        if new:
            conn.execute(insert(e), new)
        if changed:
            columns = [c for c in changed[0] if c != "id"]
            stmt = update(e).where(e.c.id == bindparam("_id")).values({c: bindparam(c) for c in columns})
            conn.execute(stmt, [{**{c: row[c] for c in columns}, "_id": row["id"]} for row in changed])

    def link_mentions(self, conn: Connection, links: Sequence[tuple[int, str]]) -> None:
        m = schema.mentions
        if links:
            stmt = update(m).where(m.c.id == bindparam("_mid")).values(entity_id=bindparam("_eid"))
            conn.execute(stmt, [{"_mid": mid, "_eid": eid} for mid, eid in links])

    def mark_resolved(self, article_ids: Sequence[str]) -> None:
        a = schema.articles
        with self.transaction() as conn:
            for chunk in _chunks(article_ids, 500):
                conn.execute(update(a).where(a.c.id.in_(chunk)).values(resolved=1))

    def update_article_dating(self, article: Article) -> None:
        """Write back an article's flags and `published_inferred` (set by a corpus step)."""
        a = schema.articles
        inferred = article.published_inferred
        with self.transaction() as conn:
            conn.execute(update(a).where(a.c.id == article.id).values(
                flags=[f.model_dump(mode="json") for f in article.flags],
                published_inferred=inferred.model_dump(mode="json") if inferred else None,
            ))

    # ----------------------------------------------------------------- source quality

    def article_briefs(self, conn: Connection, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """id → text, title, published_start, flags of the given articles."""
        a = schema.articles
        cols = (a.c.id, a.c.text, a.c.title, a.c.published_start, a.c.flags)
        out: dict[str, dict[str, Any]] = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            for r in conn.execute(select(*cols).where(a.c.id.in_(chunk))).mappings():
                out[r["id"]] = dict(r)
        return out

    def lsh_lookup(self, conn: Connection, keys: set[tuple[int, int]]) -> dict[tuple[int, int], set[str]]:
        """Stored articles per LSH key ((band, bucket) pairs): one indexed query per 500 buckets."""
        b = schema.lsh_buckets
        out: dict[tuple[int, int], set[str]] = {}
        buckets = sorted({bucket for _, bucket in keys})
        for chunk in _chunks(buckets, 500):
            query = select(b.c.band, b.c.bucket, b.c.article_id).where(b.c.bucket.in_(chunk))
            for band, bucket, article_id in conn.execute(query):
                if (band, bucket) in keys:
                    out.setdefault((band, bucket), set()).add(article_id)
        return out

    def add_signatures(self, conn: Connection, rows: Sequence[tuple[str, bytes, Sequence[tuple[int, int]]]]) -> None:
        """Store MinHash signatures and LSH keys, replacing earlier ones of the same articles."""
        ids = [article_id for article_id, _, _ in rows]
        for chunk in _chunks(ids, 500):
            conn.execute(delete(schema.minhashes).where(schema.minhashes.c.article_id.in_(chunk)))
            conn.execute(delete(schema.lsh_buckets).where(schema.lsh_buckets.c.article_id.in_(chunk)))
        if rows:
            conn.execute(insert(schema.minhashes), [{"article_id": i, "signature": s} for i, s, _ in rows])
            conn.execute(insert(schema.lsh_buckets), [{"band": band, "bucket": bucket, "article_id": i}
                                                      for i, _, keys in rows for band, bucket in keys])

    def signatures(self, conn: Connection, ids: Iterable[str]) -> dict[str, bytes]:
        m = schema.minhashes
        out: dict[str, bytes] = {}
        for chunk in _chunks(sorted(set(ids)), 500):
            out.update(conn.execute(select(m.c.article_id, m.c.signature).where(m.c.article_id.in_(chunk))).all())
        return out

    def article_flags(self, conn: Connection, article_id: str) -> list[dict[str, Any]]:
        a = schema.articles
        return list(conn.execute(select(a.c.flags).where(a.c.id == article_id)).scalar() or [])

    def flags_of(self, conn: Connection, article_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """article id → its flags, for many articles (without reading their texts)."""
        return {row.id: list(row.flags or []) for row in articles_by_id(conn, ("id", "flags"), article_ids)}

    def same_claim_articles(self, conn: Connection, claim_ids: Sequence[str]) -> dict[str, set[str]]:
        """claim id → the articles of the claims linked to it as `same` (the other direction's rows
        carry the other claim's article)."""
        t, back = schema.claim_links, schema.claim_links.alias("back")
        out: dict[str, set[str]] = {}
        for chunk in _chunks(sorted(set(claim_ids)), 500):
            # reached through the primary key (claim_id first): `other_id` alone has no index
            query = select(back.c.other_id, back.c.article_id).select_from(t).join(
                back, (back.c.claim_id == t.c.other_id) & (back.c.other_id == t.c.claim_id)
            ).where(t.c.claim_id.in_(chunk), back.c.relation == "same")
            for claim_id, article_id in conn.execute(query):
                out.setdefault(claim_id, set()).add(article_id)
        return out

    def set_article_flags(self, conn: Connection, article_id: str, flags: list[dict[str, Any]]) -> None:
        a = schema.articles
        conn.execute(update(a).where(a.c.id == article_id).values(flags=flags))

    # ----------------------------------------------------------------- quotes and claims

    def records_of(self, conn: Connection, table_name: str, article_ids: Sequence[str]) -> list[dict[str, Any]]:
        """The JSON `record`s of the `quotes` or `claims` of some articles."""
        table = schema.quotes if table_name == "quotes" else schema.claims
        out: list[dict[str, Any]] = []
        for chunk in _chunks(article_ids, 500):
            query = select(table.c.record).where(table.c.article_id.in_(chunk)).order_by(table.c.id)
            out += [dict(r) for r in conn.execute(query).scalars()]
        return out

    def update_records(self, conn: Connection, table_name: str, records: Sequence[dict[str, Any]]) -> None:
        """Write back changed quote/claim records (the speaker step fills resolved speakers)."""
        if not records:
            return
        if table_name == "quotes":
            q = schema.quotes
            stmt = update(q).where(q.c.id == bindparam("_id")).values(
                record=bindparam("_record"), speaker_entity=bindparam("_entity"))
            conn.execute(stmt, [{"_id": r["id"], "_record": r, "_entity": (r["speaker"] or {}).get("identifier_id")}
                                for r in records])
        else:
            c = schema.claims
            stmt = update(c).where(c.c.id == bindparam("_id")).values(record=bindparam("_record"))
            conn.execute(stmt, [{"_id": r["id"], "_record": r} for r in records])

    def mention_entities(self, conn: Connection, article_ids: Sequence[str]) -> dict[str, list[tuple[int, int, str]]]:
        """article id → (start, end, entity id) of its mentions linked to an entity."""
        m = schema.mentions
        out: dict[str, list[tuple[int, int, str]]] = {}
        for chunk in _chunks(article_ids, 500):
            query = select(m.c.article_id, m.c.start, m.c.end, m.c.entity_id).where(
                m.c.article_id.in_(chunk), m.c.entity_id.is_not(None))
            for aid, start, end, eid in conn.execute(query).all():
                out.setdefault(aid, []).append((start, end, eid))
        return out

    def set_claim_quantities(self, conn: Connection, keys: Sequence[tuple[str, str]]) -> None:
        """(claim id, quantity key) for the claims the linking step has read."""
        c = schema.claims
        if keys:
            stmt = update(c).where(c.c.id == bindparam("_id")).values(quantity=bindparam("_q"))
            conn.execute(stmt, [{"_id": cid, "_q": key} for cid, key in keys])

    def claims_by_quantity(self, conn: Connection, keys: Iterable[str], per_key: int | None = None
                           ) -> list[dict[str, Any]]:
        """The stored claim records with one of these quantity keys (candidates for linking): all
        of them, or at most `per_key` of each key (the first by id: one indexed query per key,
        only the records kept are read)."""
        c = schema.claims
        out: list[dict[str, Any]] = []
        if per_key is not None:
            for key in sorted(set(keys)):
                first = select(c.c.id).where(c.c.quantity == key).order_by(c.c.id).limit(per_key)
                query = select(c.c.record).where(c.c.id.in_(first.scalar_subquery())).order_by(c.c.id)
                out += [dict(r) for r in conn.execute(query).scalars()]
            return out
        for chunk in _chunks(sorted(set(keys)), 500):
            out += [dict(r) for r in conn.execute(select(c.c.record).where(c.c.quantity.in_(chunk))).scalars()]
        return out

    def add_claim_links(self, conn: Connection, links: Sequence[tuple[str, str, str, str]]) -> None:
        """(claim id, other id, article id of the claim, relation); existing pairs are replaced."""
        t = schema.claim_links
        if links:
            stmt = delete(t).where(t.c.claim_id == bindparam("_a"), t.c.other_id == bindparam("_b"))
            conn.execute(stmt, [{"_a": a, "_b": b} for a, b, _, _ in links])
            conn.execute(insert(t), [{"claim_id": a, "other_id": b, "article_id": aid, "relation": rel}
                                     for a, b, aid, rel in links])

    def claim_links(self) -> dict[str, dict[str, list[str]]]:
        """claim id → {"same": [...], "conflict": [...]} over the whole store."""
        out: dict[str, dict[str, list[str]]] = {}
        with self.engine.connect() as conn:
            for claim_id, other_id, relation in conn.execute(
                select(schema.claim_links.c.claim_id, schema.claim_links.c.other_id, schema.claim_links.c.relation)
                .order_by(schema.claim_links.c.claim_id, schema.claim_links.c.other_id)
            ).all():
                out.setdefault(claim_id, {}).setdefault(relation, []).append(other_id)
        return out

    def iter_quotes(self, batch: int = 2000) -> Iterator[Quote]:
        yield from (rows.row_quote(r) for r in self._iter_rows(schema.quotes, batch))

    def iter_claims(self, batch: int = 2000) -> Iterator[Claim]:
        yield from (rows.row_claim(r) for r in self._iter_rows(schema.claims, batch))

    # ----------------------------------------------------------------- reading

    def iter_articles(self, batch: int = 200) -> Iterator[Article]:
        yield from (rows.row_article(r) for r in self._iter_rows(schema.articles, batch))

    def iter_entities(self, batch: int = 1000) -> Iterator[Entity]:
        yield from (rows.row_entity(r) for r in self._iter_rows(schema.entities, batch))

    def iter_mentions(self, batch: int = 5000) -> Iterator[Mention]:
        yield from (rows.row_mention(r) for r in self._iter_rows(schema.mentions, batch))

    def iter_timexes(self, batch: int = 5000) -> Iterator[dict[str, Any]]:
        yield from (dict(r) for r in self._iter_rows(schema.timexes, batch))

    def _iter_rows(self, table: Any, batch: int) -> Iterator[Any]:
        """Keyset pagination by primary key, so huge tables stream in bounded memory."""
        key = next(iter(table.primary_key.columns))
        last: Any = None
        while True:
            query = select(table).order_by(key).limit(batch)
            if last is not None:
                query = query.where(key > last)
            with self.engine.connect() as conn:
                page = list(conn.execute(query).mappings())
            if not page:
                return
            yield from page
            last = page[-1][key.name]

    def article(self, article_id: str) -> Article:
        a = schema.articles
        with self.engine.connect() as conn:
            row = conn.execute(select(a).where(a.c.id == article_id)).mappings().first()
        if row is None:
            raise StoreError(Code.E504, f"article {article_id!r}")
        return rows.row_article(row)

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            d = schema.documents
            by_status: dict[str, int] = dict(conn.execute(select(d.c.status, func.count()).group_by(d.c.status)).all())
            counts = {
                name: conn.execute(select(func.count()).select_from(table)).scalar() or 0
                for name, table in (
                    ("articles", schema.articles), ("mentions", schema.mentions),
                    ("entities", schema.entities), ("events", schema.events),
                    ("quotes", schema.quotes), ("claims", schema.claims),
                    ("problems", schema.problems),
                )
            }
            words = conn.execute(select(func.coalesce(func.sum(schema.articles.c.words), 0))).scalar()
        return {
            "store": self.url,
            "schema_version": self.schema_version,
            "documents": sum(by_status.values()),
            "documents_by_status": by_status,
            **counts,
            "words": int(words or 0),
        }

    def top_entities(self, limit: int = 10, types: Sequence[str] = ()) -> list[Entity]:
        e = schema.entities
        query = select(e).order_by(e.c.mentions.desc(), e.c.name).limit(limit)
        if types:
            query = query.where(e.c.type.in_(types))
        with self.engine.connect() as conn:
            return [rows.row_entity(r) for r in conn.execute(query).mappings()]

    # ----------------------------------------------------------------- runs

    def start_run(self, command: str) -> int:
        with self.transaction() as conn:
            result = conn.execute(insert(schema.runs).values(command=command, started_at=rows.now(), stats={}))
            return int(result.inserted_primary_key[0])  # type: ignore[index]

    def finish_run(self, run_id: int, stats: dict[str, Any]) -> None:
        r = schema.runs
        with self.transaction() as conn:
            conn.execute(update(r).where(r.c.id == run_id).values(finished_at=rows.now(), stats=stats))
