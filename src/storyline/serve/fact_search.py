"""Full-text search of quotes and claims: their own words, not their articles'.

A quote is found by what was said and by who said it (the speaker as written and as resolved);
a claim by its number as written, its unit, what it counts, its qualifier and who claims it.
Like the article index (`search.py`), the database keeps these indexes up to date itself:

- SQLite: FTS5 tables `quotes_fts` and `claims_fts` (`id` unindexed, `body`; Porter stemming,
  accents folded), rows sharing the `rowid` of their quote or claim, filled by triggers on
  insert, delete and update of the record;
- PostgreSQL: a generated `search_vector` column on `quotes` and `claims` (English
  configuration) with a GIN index.

Both are created by a store migration (`install`), which also indexes the records stored before.
"""

from __future__ import annotations

from sqlalchemy import Connection

KINDS = ("quotes", "claims")

# the searchable words of a record, as SQL over its JSON (SQLite json_extract / PostgreSQL ->>)
_SQLITE_BODY = {
    "quotes": ("coalesce(json_extract({r}, '$.text'), '') || ' ' || "
               "coalesce(json_extract({r}, '$.speaker.entity_text'), '') || ' ' || "
               "coalesce(json_extract({r}, '$.speaker.identifier_text'), '')"),
    "claims": ("coalesce(json_extract({r}, '$.qualifier'), '') || ' ' || coalesce(json_extract({r}, '$.value'), '')"
               " || ' ' || coalesce(json_extract({r}, '$.unit'), '') || ' ' || "
               "coalesce(json_extract({r}, '$.about'), '') || ' ' || "
               "coalesce(json_extract({r}, '$.attributed_to.entity_text'), '') || ' ' || "
               "coalesce(json_extract({r}, '$.attributed_to.identifier_text'), '')"),
}
_PG_BODY = {
    "quotes": ("coalesce(record ->> 'text', '') || ' ' || coalesce(record -> 'speaker' ->> 'entity_text', '') "
               "|| ' ' || coalesce(record -> 'speaker' ->> 'identifier_text', '')"),
    "claims": ("coalesce(record ->> 'qualifier', '') || ' ' || coalesce(record ->> 'value', '') || ' ' || "
               "coalesce(record ->> 'unit', '') || ' ' || coalesce(record ->> 'about', '') || ' ' || "
               "coalesce(record -> 'attributed_to' ->> 'entity_text', '') || ' ' || "
               "coalesce(record -> 'attributed_to' ->> 'identifier_text', '')"),
}


def sqlite_body(kind: str, record: str = "record") -> str:
    """The SQL expression of a record's searchable words (SQLite)."""
    return _SQLITE_BODY[kind].format(r=record)


def pg_body(kind: str) -> str:
    """The SQL expression of a record's searchable words (PostgreSQL)."""
    return _PG_BODY[kind].replace("record", f"{kind}.record")


def _sqlite_ddl(kind: str) -> list[str]:
    new, body = f"{kind}_fts", sqlite_body(kind, "new.record")
    insert = f"INSERT INTO {new}(rowid, id, body) VALUES (new.rowid, new.id, {body});"
    return [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {new} USING fts5("
        "id UNINDEXED, body, tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {new}_insert AFTER INSERT ON {kind} BEGIN {insert} END",
        f"CREATE TRIGGER IF NOT EXISTS {new}_delete AFTER DELETE ON {kind} BEGIN "
        f"DELETE FROM {new} WHERE rowid = old.rowid; END",
        f"CREATE TRIGGER IF NOT EXISTS {new}_update AFTER UPDATE OF record ON {kind} BEGIN "
        f"DELETE FROM {new} WHERE rowid = old.rowid; {insert} END",
    ]


def _pg_ddl(kind: str) -> list[str]:
    return [
        f"ALTER TABLE {kind} ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ("
        f"to_tsvector('english'::regconfig, {_PG_BODY[kind]})) STORED",
        f"CREATE INDEX IF NOT EXISTS ix_{kind}_search ON {kind} USING GIN (search_vector)",
    ]


def install(conn: Connection) -> None:
    """Create the quote and claim indexes of the store's dialect and fill them."""
    for kind in KINDS:
        if conn.dialect.name == "sqlite":
            for ddl in _sqlite_ddl(kind):
                conn.exec_driver_sql(ddl)
            rebuild_sqlite(conn, kind)
        elif conn.dialect.name == "postgresql":
            for ddl in _pg_ddl(kind):
                conn.exec_driver_sql(ddl)


def rebuild_sqlite(conn: Connection, kind: str) -> None:
    """Refill one SQLite index from its table (after a bulk load or a VACUUM)."""
    conn.exec_driver_sql(f"DELETE FROM {kind}_fts")
    conn.exec_driver_sql(f"INSERT INTO {kind}_fts(rowid, id, body) SELECT rowid, id, {sqlite_body(kind)} FROM {kind}")
