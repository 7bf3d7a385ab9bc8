"""Fixtures of the serve tests. API tests: the seed corpus processed once per session on each
backend (`api_store_url`), and a TestClient of the JSON API over it (`client`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import POSTGRES, SEEDS, _postgres_database
from tests.serve.api_helpers import TOKEN


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def api_store_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seeds run through the whole pipeline once per session: a SQLite file, and a
    PostgreSQL database when STORYLINE_TEST_POSTGRES names a server."""
    from storyline import Storyline

    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("api") / "seeds.db")
        with Storyline(url, progress=False) as sl:
            sl.run([SEEDS])
        yield url
        return
    if not POSTGRES:
        pytest.skip("no PostgreSQL server: set STORYLINE_TEST_POSTGRES (.ci/run does)")
    for url in _postgres_database(POSTGRES):
        with Storyline(url, progress=False) as sl:
            sl.run([SEEDS])
        yield url


@pytest.fixture(scope="session")
def client(api_store_url: str) -> Iterator[Any]:
    """A TestClient of the app over the seeds store (ingest token configured, pages off)."""
    from fastapi.testclient import TestClient

    from storyline.serve.app import create_app

    app = create_app(api_store_url, token=TOKEN, pages=False)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
    app.state.store.close()
