"""Store: SQLite by default, PostgreSQL by URL, one schema through SQLAlchemy Core."""

from storyline.store.store import DEFAULT_DB, Store, database_url

__all__ = ["DEFAULT_DB", "Store", "database_url"]
