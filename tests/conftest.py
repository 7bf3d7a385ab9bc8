"""Shared fixtures: the real shared corpus beside the checkout, a loaded spaCy pipeline."""

from __future__ import annotations

import os
import time
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SAMPLES = ROOT / "samples" / "taliban"
# A PostgreSQL server for the store tests: an admin URL (`.ci/run` starts one and sets it).
POSTGRES = os.environ.get("STORYLINE_TEST_POSTGRES")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store of each backend: a SQLite file, and a new PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    if not POSTGRES:
        pytest.skip("no PostgreSQL server: set STORYLINE_TEST_POSTGRES (.ci/run does)")
    yield from _postgres_database(POSTGRES)


def _postgres_database(admin_url: str) -> Iterator[str]:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"storyline_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        _drop_database(admin, name)
        admin.dispose()


def _drop_database(admin: Any, name: str) -> None:
    """Drop a test database. The test role may not end a superuser's process (an autovacuum
    worker that happens to be in the database), so FORCE can be refused for a moment: retry,
    and leave a stray empty database with a warning rather than fail the test that used it."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    for attempt in range(20):
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            return
        except DBAPIError as error:
            last = error
            time.sleep(0.25 * (attempt + 1))
    warnings.warn(f"test database {name} not dropped: {last.orig}", stacklevel=1)


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seeds(shared: Path) -> Path:
    return shared / "corpus" / "seeds"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from storyline.annotate import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory: pytest.TempPathFactory, seeds: Path):  # type: ignore[no-untyped-def]
    """The five seed articles run through the whole pipeline once per test session."""
    from storyline import Storyline

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    sl = Storyline(db, progress=False)
    sl.run([seeds])
    return sl
