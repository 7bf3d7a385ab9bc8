"""A store written before the actors schema step opens, upgrades and resolves."""

from pathlib import Path

from sqlalchemy import inspect, text

from storyline.corpus_stage import run_corpus_stage
from storyline.store import Store
from tests.resolve.test_actors import add, by_name


def test_a_pre_actors_store_upgrades(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    store = Store(db)
    with store.transaction() as conn:  # make it look like a store of schema version 1
        for table in ("entity_keys", "entity_blocks", "entity_merges", "entity_decisions", "entity_roles"):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("DROP INDEX IF EXISTS ix_entity_roles_office"))
        for table, column in (("mentions", "canonical"), ("mentions", "role"), ("entities", "sector")):
            conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))
        conn.execute(text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
    store.close()
    upgraded = Store(db)
    columns = {c["name"] for c in inspect(upgraded.engine).get_columns("mentions")}
    assert {"canonical", "role"} <= columns
    assert "entity_keys" in inspect(upgraded.engine).get_table_names()
    add(upgraded, "a", "Mottaki spoke.", [("Mottaki", "PERSON")])
    run_corpus_stage(upgraded)
    assert by_name(upgraded)["Amir Khan Muttaqi"].mentions == 1
