
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from storyline.errors import StoreError
from storyline.model import Article, Document, Mention, ProcessedArticle
from storyline.store import Store, database_url, migrations


def doc(id: str, text: str, h: str | None = None) -> Document:
    return Document(id=id, text=text, content_hash=h or f"h-{text}")


def processed(doc_id: str, text: str) -> ProcessedArticle:
    article = Article(id=doc_id, document=doc_id, text=text)
    return ProcessedArticle(
        article=article,
        mentions=[Mention(article=doc_id, start=0, end=7, text=text[:7], type="ORG")],
    )


def test_database_url_defaults_to_a_sqlite_file() -> None:
    assert database_url(None) == "sqlite:///storyline.db"
    assert database_url("x/y.db") == "sqlite:///x/y.db"
    assert database_url("postgresql://u@localhost/db") == "postgresql://u@localhost/db"
    with pytest.raises(StoreError, match="E503"):
        database_url("mysql://x")


def test_ingest_is_idempotent_and_detects_duplicates(store_url: str) -> None:
    store = Store(store_url)
    first = store.add_documents([doc("a", "Taliban one"), doc("b", "Taliban two")])
    assert first == [("a", "new"), ("b", "new")]
    again = store.add_documents([doc("a", "Taliban one"), doc("c", "Taliban two")])
    assert again == [("a", "unchanged"), ("c", "duplicate")]
    assert store.pending_ids() == ["a", "b"]
    changed = store.add_documents([doc("a", "Taliban one, corrected")])
    assert changed == [("a", "updated")]
    assert store.stats()["documents"] == 3


def test_processing_replaces_earlier_results_and_keeps_the_rest(store_url: str) -> None:
    store = Store(store_url)
    store.add_documents([doc("a", "Taliban one"), doc("b", "Taliban two")])
    store.save_processed([("a", [processed("a", "Taliban one")]), ("b", [processed("b", "Taliban two")])])
    store.save_processed([("a", [processed("a", "Taliban one")])])  # re-processing a is idempotent
    stats = store.stats()
    assert (stats["articles"], stats["mentions"]) == (2, 2)
    assert stats["documents_by_status"] == {"processed": 2}
    assert store.article("b").text == "Taliban two"


def test_failures_are_kept_and_can_be_retried(store_url: str) -> None:
    store = Store(store_url)
    store.add_documents([doc("a", "x" * 10)])
    store.save_processed([], failures=[("a", "[E202] boom")])
    assert store.stats()["documents_by_status"] == {"failed": 1}
    assert store.reset_failed() == 1
    assert store.pending_ids() == ["a"]


def test_a_newer_schema_refuses_to_open(store_url: str) -> None:
    path = store_url
    store = Store(path)
    with store.transaction() as conn:
        migrations._set_version(conn, migrations.SCHEMA_VERSION + 1)
    store.close()
    with pytest.raises(StoreError, match="E501"):
        Store(path)


def test_reopening_keeps_data_and_version(store_url: str) -> None:
    path = store_url
    Store(path).add_documents([doc("a", "Taliban")])
    again = Store(path)
    assert again.schema_version == migrations.SCHEMA_VERSION
    assert again.pending_ids() == ["a"]


def test_iterating_pages_through_large_tables(store_url: str) -> None:
    store = Store(store_url)
    store.add_documents([doc(f"d{i:04d}", f"text {i}") for i in range(450)])
    store.save_processed([(f"d{i:04d}", [processed(f"d{i:04d}", f"Taliban {i}")]) for i in range(450)])
    ids = [a.id for a in store.iter_articles(batch=100)]
    assert len(ids) == 450 and ids == sorted(ids)


def test_schema_compiles_for_postgresql_too() -> None:
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateTable

    from storyline.store import schema

    for table in schema.metadata.sorted_tables:
        ddl = str(CreateTable(table).compile(dialect=postgresql.dialect()))
        assert ddl.startswith("\nCREATE TABLE")
    assert '"end"' in str(CreateTable(schema.mentions).compile(dialect=postgresql.dialect()))


def test_a_store_from_before_the_re_dated_index_and_weekday_mismatches_upgrades(store_url: str) -> None:
    """Schema 11 -> 13: `time_refs.stated_value` and `articles.weekday_mismatches` are added;
    an article stored before has no mismatch noted."""
    from sqlalchemy import inspect, text

    store = Store(store_url)
    store.add_documents([doc("a", "Taliban one")])
    store.save_processed([("a", [processed("a", "Taliban one")])])
    with store.transaction() as conn:
        conn.execute(text("ALTER TABLE time_refs DROP COLUMN stated_value"))
        conn.execute(text("ALTER TABLE articles DROP COLUMN weekday_mismatches"))
        migrations._set_version(conn, 11)
    store.close()
    again = Store(store_url)
    assert again.schema_version == migrations.SCHEMA_VERSION
    assert "stated_value" in {c["name"] for c in inspect(again.engine).get_columns("time_refs")}
    assert again.article("a").weekday_mismatches == []


def test_a_store_from_before_the_indexed_sentences_upgrades(store_url: str) -> None:
    """Schema 13 -> 14: `time_refs.sentence` is added, null for the references stored before
    (the date_conflict step fills them on its next run, `refindex.fill_older_sentences`)."""
    from sqlalchemy import inspect, select, text

    from storyline.store import schema

    store = Store(store_url)
    store.add_documents([doc("a", "Taliban one")])
    store.save_processed([("a", [processed("a", "Taliban one")])])
    with store.transaction() as conn:
        conn.execute(text("ALTER TABLE time_refs DROP COLUMN sentence"))
        conn.execute(text("INSERT INTO time_refs (article_id, kind, value, month, firm, start, \"end\", text, words) "
                          "VALUES ('a', 'ref', '2021-08', '08', 1, 0, 7, 'Taliban', 'one')"))
        migrations._set_version(conn, 13)
    store.close()
    again = Store(store_url)
    assert again.schema_version == migrations.SCHEMA_VERSION
    assert "sentence" in {c["name"] for c in inspect(again.engine).get_columns("time_refs")}
    with again.transaction() as conn:
        assert conn.execute(select(schema.time_refs.c.sentence)).scalars().all() == [None]
    again.close()


def _indexes(store: Store) -> set[str]:
    query = ("SELECT name FROM sqlite_master WHERE type = 'index'" if store.dialect == "sqlite"
             else "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
    with store.transaction() as conn:
        return set(conn.exec_driver_sql(query).scalars())


def test_a_store_from_before_the_redundant_indexes_were_dropped_upgrades(store_url: str) -> None:
    """Schema 14 -> 15: the one-column indexes another index of their table begins with are
    dropped (the longer ones made where missing); the rows stay as they were."""
    from sqlalchemy import text

    from storyline.resolve import events

    store = Store(store_url)
    store.add_documents([doc("a", "Taliban one")])
    store.save_processed([("a", [processed("a", "Taliban one")])])
    with store.transaction() as conn:
        events.ensure_tables(conn)
        for name, table, column in [("ix_mentions_article_id", "mentions", "article_id"),
                                    ("ix_mentions_entity_id", "mentions", "entity_id"),
                                    ("ix_entities_key", "entities", '"key"'),
                                    ("ix_quotes_speaker_entity", "quotes", "speaker_entity"),
                                    ("ix_events_event", "events", "event"),
                                    ("ix_events_date_start", "events", "date_start"),
                                    ("ix_articles_published_start", "articles", "published_start"),
                                    ("ix_event_mentions_event_id", "event_mentions", "event_id"),
                                    ("ix_event_parties_event", "event_parties", "event_id")]:
            conn.execute(text(f"CREATE INDEX {name} ON {table} ({column})"))
        conn.execute(text("DROP INDEX ix_event_mentions_best"))
        migrations._set_version(conn, 14)
    assert set(migrations.REDUNDANT_INDEXES) <= _indexes(store)
    store.close()
    again = Store(store_url)
    assert again.schema_version == migrations.SCHEMA_VERSION
    names = _indexes(again)
    assert not names & set(migrations.REDUNDANT_INDEXES)
    assert {"ix_mentions_article_entity", "ix_mentions_entity_article", "ix_entities_key_type",
            "ix_quotes_speaker_article", "ix_events_type_date", "ix_events_date_id", "ix_articles_published_id",
            "ix_event_mentions_best", "ix_event_parties_pairs"} <= names
    with again.transaction() as conn:
        assert [m.text for _, m in again.mentions_of(conn, ["a"])] == ["Taliban"]
    again.close()


def test_a_store_from_before_the_article_dating_index_upgrades(store_url: str) -> None:
    """Schema 15 -> 16: on SQLite the articles' dates and flags are one index that serves the
    corpus stage's reads of many pages alone (a row's flags come after its text), in place of
    the (id, published_start) one; PostgreSQL keeps that one."""
    from storyline.extract.time.corpus import _settled

    store = Store(store_url)
    store.add_documents([doc("a", "Taliban one")])
    store.save_processed([("a", [processed("a", "Taliban one")])])
    with store.transaction() as conn:
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_articles_id_dating")
        conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_articles_id_published ON articles (id, published_start)")
        migrations._set_version(conn, 15)
    store.close()
    again = Store(store_url)
    assert again.schema_version == migrations.SCHEMA_VERSION
    names = _indexes(again)
    sqlite = again.dialect == "sqlite"
    assert ("ix_articles_id_dating" in names) is sqlite and ("ix_articles_id_published" in names) is not sqlite
    run: list[tuple[str, Any]] = []

    def record(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        run.append((statement, parameters))

    with again.transaction() as conn:
        event.listen(conn, "before_cursor_execute", record)
        assert _settled(conn, ["a", "b"]) == {"a"}  # no stated day
        assert again.flags_of(conn, ["a", "b"]) == {"a": []}
        event.remove(conn, "before_cursor_execute", record)
        if sqlite:  # both read from the index alone
            plans = [" ".join(row[-1] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters))
                     for statement, parameters in run if "FROM articles" in statement]
            assert len(plans) == 2 and all("COVERING INDEX ix_articles_id_dating" in plan for plan in plans), plans
    again.close()


def test_a_new_store_has_no_redundant_index(store_url: str) -> None:
    from storyline.resolve import events

    store = Store(store_url)
    with store.transaction() as conn:
        events.ensure_tables(conn)
    assert not _indexes(store) & set(migrations.REDUNDANT_INDEXES)
    store.close()


def test_the_sqlite_page_cache_is_a_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.store import store as store_module

    def cache_pages(path: str) -> int:
        store = Store(path)
        with store.transaction() as conn:
            value = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
        store.close()
        return value

    monkeypatch.delenv(store_module.CACHE_ENV, raising=False)
    assert cache_pages(str(tmp_path / "a.db")) == -128 * 1024
    monkeypatch.setenv(store_module.CACHE_ENV, "16")
    assert cache_pages(str(tmp_path / "b.db")) == -16 * 1024
    monkeypatch.setenv(store_module.CACHE_ENV, "0")
    assert cache_pages(str(tmp_path / "c.db")) == -2000  # SQLite's own
    monkeypatch.setenv(store_module.CACHE_ENV, "lots")
    with pytest.raises(StoreError, match="E502"):
        Store(str(tmp_path / "d.db"))
