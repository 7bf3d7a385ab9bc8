"""Versioned schema migrations.

The schema version lives in `meta.schema_version`. `MIGRATIONS[n]` upgrades a store from
version n to n + 1; a new release appends to the list and never edits an old step. A store
newer than this code refuses to open (E501) rather than risk writing a schema it does not know.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import Connection, select

from storyline.errors import Code, StoreError
from storyline.store import schema

log = logging.getLogger(__name__)

Migration = Callable[[Connection], None]


def _v0_create(conn: Connection) -> None:
    schema.metadata.create_all(conn)


def _v1_actors(conn: Connection) -> None:
    """Actors: mention `canonical` and `role`, entity `sector` columns; entity key, block, merge,
    decision and role-observation tables."""
    from sqlalchemy import inspect

    tables = [schema.entity_keys, schema.entity_blocks, schema.entity_merges, schema.entity_decisions,
              schema.entity_roles]
    schema.metadata.create_all(conn, tables=tables, checkfirst=True)
    for table, column, kind in (("mentions", "canonical", "TEXT"), ("mentions", "role", "JSON"),
                                ("entities", "sector", "VARCHAR(16)")):
        if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def _v2_near_duplicates(conn: Connection) -> None:
    """Source quality: MinHash signatures and LSH buckets of articles."""
    schema.metadata.create_all(conn, tables=[schema.minhashes, schema.lsh_buckets], checkfirst=True)


def _v3_claim_links(conn: Connection) -> None:
    """Quotes and claims: links between claims of different articles (same value / conflict),
    and the claims' `quantity` key the links are looked up by."""
    from sqlalchemy import inspect

    schema.metadata.create_all(conn, tables=[schema.claim_links], checkfirst=True)
    if "quantity" not in {c["name"] for c in inspect(conn).get_columns("claims")}:
        conn.exec_driver_sql("ALTER TABLE claims ADD COLUMN quantity VARCHAR(255)")
        conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_claims_quantity ON claims (quantity)")


def _v4_events(conn: Connection) -> None:
    """Events: the per-article events table (`article_events`) the events corpus step joins."""
    schema.metadata.create_all(conn, tables=[schema.article_events], checkfirst=True)


def _v5_serve(conn: Connection) -> None:
    """REST API: the full-text index of articles (SQLite FTS5 / PostgreSQL tsvector), the
    event-party index for actor filters, and indexes for the API's orders."""
    from storyline.serve import index, search

    search.install(conn)
    index.install(conn)


def _v6_time_refs(conn: Connection) -> None:
    """date_conflict: the index of dated references (`time_refs`, `time_ref_words`); the step
    fills it for the articles stored before, once, on its first run."""
    schema.metadata.create_all(conn, tables=[schema.time_refs, schema.time_ref_words], checkfirst=True)


def _v7_serve_index(conn: Connection) -> None:
    """REST API: the event-party index with one key per party and a date-order column (`day`),
    replacing the first shape of it; a covering index for event date windows."""
    from storyline.serve import index

    index.install(conn)


def _v8_serve_network(conn: Connection) -> None:
    """REST API: a covering index of event parties by event, for the actor network."""
    from storyline.serve import index

    index.add_indexes(conn)


def _v9_serve_fact_search(conn: Connection) -> None:
    """REST API: full-text indexes of quotes and claims (SQLite FTS5 / PostgreSQL tsvector)."""
    from storyline.serve import fact_search

    fact_search.install(conn)


def _v10_timex_stated_value(conn: Connection) -> None:
    """Time: `timexes.stated_value`, the value against the stated publication date of an
    expression re-resolved against a misdated page's inferred date (`date_conflict`)."""
    from sqlalchemy import inspect

    if "stated_value" not in {c["name"] for c in inspect(conn).get_columns("timexes")}:
        conn.exec_driver_sql("ALTER TABLE timexes ADD COLUMN stated_value TEXT")


def _v11_time_ref_stated_value(conn: Connection) -> None:
    """Time: `time_refs.stated_value`, the value against the stated publication date of a
    reference of a page whose dates were resolved again against its inferred one."""
    from sqlalchemy import inspect

    if "stated_value" not in {c["name"] for c in inspect(conn).get_columns("time_refs")}:
        conn.exec_driver_sql("ALTER TABLE time_refs ADD COLUMN stated_value VARCHAR(32)")


def _v12_weekday_mismatches(conn: Connection) -> None:
    """Time: `articles.weekday_mismatches`, the weekdays a page writes beside a date that is not
    theirs (null for an article stored before: none noted)."""
    from sqlalchemy import inspect

    if "weekday_mismatches" not in {c["name"] for c in inspect(conn).get_columns("articles")}:
        conn.exec_driver_sql("ALTER TABLE articles ADD COLUMN weekday_mismatches JSON")


def _v13_time_ref_sentence(conn: Connection) -> None:
    """Time: `time_refs.sentence`, the sentence `date_conflict` compares, stored with the
    reference. Null for the rows stored before: the step fills them once on its next run
    (`refindex.fill_older_sentences`), and reads a row still without one from its page's text."""
    from sqlalchemy import inspect

    if "sentence" not in {c["name"] for c in inspect(conn).get_columns("time_refs")}:
        conn.exec_driver_sql("ALTER TABLE time_refs ADD COLUMN sentence TEXT")


# One-column indexes that are a prefix of another index of their table: every lookup they served
# is served by the longer one, and each row written or moved cost a page of each (schema 15).
REDUNDANT_INDEXES = (
    "ix_mentions_article_id",  # ix_mentions_article_entity (article_id, entity_id)
    "ix_mentions_entity_id",  # ix_mentions_entity_article (entity_id, article_id)
    "ix_entities_key",  # ix_entities_key_type (key, type)
    "ix_quotes_speaker_entity",  # ix_quotes_speaker_article (speaker_entity, article_id, id)
    "ix_events_event",  # ix_events_type_date (event, date_start, id)
    "ix_events_date_start",  # ix_events_date_id (date_start, id), ix_events_window
    "ix_articles_published_start",  # ix_articles_published_id (published_start, id)
    "ix_event_mentions_event_id",  # ix_event_mentions_best (event_id, confidence)
    "ix_event_parties_event",  # ix_event_parties_pairs (event_id, role, key, event)
)


def _v14_redundant_indexes(conn: Connection) -> None:
    """Store writes: drop the one-column indexes another index of their table begins with
    (`REDUNDANT_INDEXES`); the longer ones are made first where a store lacks them."""
    from sqlalchemy import inspect

    from storyline.resolve import events
    from storyline.serve import index

    index.add_indexes(conn)
    if inspect(conn).has_table("event_mentions"):  # made by the events step on its first run
        conn.exec_driver_sql(events.BEST_MENTION_INDEX)
    for name in REDUNDANT_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")


def _v15_article_dating_index(conn: Connection) -> None:
    """Store reads: on SQLite, the articles' dates and flags in one index that serves them alone
    (`schema.ARTICLE_DATING_INDEX`), in place of `ix_articles_id_published`, whose columns it
    begins with."""
    from storyline.serve import index

    index.add_indexes(conn)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_articles_id_published")


MIGRATIONS: list[Migration] = [_v0_create, _v1_actors, _v2_near_duplicates, _v3_claim_links, _v4_events, _v5_serve,
                               _v6_time_refs, _v7_serve_index, _v8_serve_network, _v9_serve_fact_search,
                               _v10_timex_stated_value, _v11_time_ref_stated_value,
                               _v12_weekday_mismatches, _v13_time_ref_sentence, _v14_redundant_indexes,
                               _v15_article_dating_index]
SCHEMA_VERSION = len(MIGRATIONS)


def meta_value(conn: Connection, key: str) -> str | None:
    """The store's `meta` row under this key (its schema version, a step's one-off marks)."""
    return conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == key)).scalar()


def set_meta(conn: Connection, key: str, value: str) -> None:
    """Write the store's `meta` row under this key, replacing the one there."""
    table = schema.meta
    if not conn.execute(table.update().where(table.c.key == key).values(value=value)).rowcount:
        conn.execute(table.insert().values(key=key, value=value))


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "meta"):
        return 0
    value = meta_value(conn, "schema_version")
    return int(value) if value is not None else 0


def _set_version(conn: Connection, version: int) -> None:
    set_meta(conn, "schema_version", str(version))


def migrate(conn: Connection) -> int:
    """Bring the store to SCHEMA_VERSION inside the caller's transaction; returns the version."""
    version = current_version(conn)
    if version > SCHEMA_VERSION:
        raise StoreError(Code.E501, version, SCHEMA_VERSION)
    for step in range(version, SCHEMA_VERSION):
        log.info("migrating store schema %d -> %d", step, step + 1)
        MIGRATIONS[step](conn)
        _set_version(conn, step + 1)
    return SCHEMA_VERSION
