"""One error shape for every error; read-only by default; the ingest token; body and cost limits."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from storyline.errors import ServeError
from storyline.serve.app import create_app
from storyline.serve.queries import Filters, Limits, Queries
from storyline.store import Store
from tests.serve.api_helpers import TOKEN

HOSTILE = {
    "id": "hostile-api-1",
    "title": "Talks <script>alert(1)</script>",
    "outlet": "<img src=x onerror=alert(2)>",
    "published": "2021-10-10",
    "text": ("Taliban officials met a United States delegation in Doha on Saturday. "
             "<script>alert('x')</script> Read <a href=\"javascript:alert(3)\">this</a> zanzibarite."),
}


def assert_error_shape(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "status", "message", "detail", "path"}
    assert (error["code"], error["status"]) == (code, status)
    assert error["message"].startswith(f"[{code}]")
    return dict(error)


def test_every_error_has_one_shape(client: Any) -> None:
    assert_error_shape(client.get("/api/no/such/endpoint"), 404, "E801")
    assert_error_shape(client.get("/api/events/E000"), 404, "E801")
    assert_error_shape(client.get("/api/entities/E000"), 404, "E801")
    bad = assert_error_shape(client.get("/api/events", params={"limit": "many"}), 422, "E802")
    assert bad["detail"] == [{"field": "limit", "message": bad["detail"][0]["message"]}]
    assert_error_shape(client.get("/api/events", params={"limit": 100_000}), 422, "E802")
    assert_error_shape(client.get("/api/events", params={"offset": 10_000_000}), 422, "E808")
    assert_error_shape(client.get("/api/search"), 422, "E802")
    assert_error_shape(client.delete("/api/events"), 405, "E809")
    assert_error_shape(client.post("/api/documents", json=[HOSTILE]), 401, "E805")
    wrong = {"Authorization": "Bearer not-" + TOKEN}
    assert_error_shape(client.post("/api/documents", json=[HOSTILE], headers=wrong), 403, "E806")


def test_an_unexpected_failure_is_a_500_in_the_same_shape_without_a_trace(
        api_store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: Queries) -> dict[str, Any]:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(Queries, "facets", broken)
    with TestClient(create_app(api_store_url, pages=False), raise_server_exceptions=False) as c:
        error = assert_error_shape(c.get("/api/facets"), 500, "E810")
    assert "secret" not in json.dumps(error)


def test_without_a_token_the_server_is_read_only(api_store_url: str) -> None:
    with TestClient(create_app(api_store_url, pages=False)) as c:
        assert c.get("/api/health").json()["ingest"] is False
        assert_error_shape(c.post("/api/documents", json=[HOSTILE], headers={"Authorization": "Bearer x"}),
                           403, "E807")


def test_read_connections_refuse_writes(api_store_url: str) -> None:
    queries = Queries(Store(api_store_url))
    with pytest.raises(DBAPIError), queries.read() as conn:
        conn.execute(text("DELETE FROM articles"))
    assert queries.articles(Filters(), 1).total > 0
    queries.store.close()


def test_a_costly_query_stops_with_a_clear_error_never_a_hang(api_store_url: str) -> None:
    queries = Queries(Store(api_store_url), Limits(timeout=0.2))
    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
    started = time.monotonic()
    with pytest.raises(ServeError, match="E803"), queries.read() as conn:
        conn.execute(text(endless))
    assert time.monotonic() - started < 5
    assert queries.timeline(Filters(), 5).total > 0  # the connection is usable again
    queries.store.close()


def test_the_api_reports_a_timeout_as_503(tmp_path: Path, api_store_url: str) -> None:
    if not api_store_url.endswith(".db"):
        pytest.skip("needs a timeout below PostgreSQL's 1 ms resolution")
    app = create_app(api_store_url, limits=Limits(timeout=1e-6), pages=False)
    with TestClient(app) as c:
        assert_error_shape(c.get("/api/events", params={"limit": 500}), 503, "E803")


def test_a_costly_api_request_answers_503_in_time_on_every_backend(api_store_url: str) -> None:
    app = create_app(api_store_url, limits=Limits(timeout=0.2), pages=False)
    queries = app.state.queries
    endless = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"

    def costly() -> dict[str, object]:  # a request whose database work never ends by itself
        with queries.read() as conn:
            return {"n": conn.execute(text(endless)).scalar()}

    queries.facets = costly
    started = time.monotonic()
    with TestClient(app) as c:
        assert_error_shape(c.get("/api/facets"), 503, "E803")
        assert time.monotonic() - started < 5
        assert c.get("/api/search", params={"q": "Taliban"}).status_code == 200  # the next request is served
    app.state.store.close()


def test_a_body_over_the_limit_is_refused_before_it_is_read(api_store_url: str) -> None:
    app = create_app(api_store_url, token=TOKEN, max_body=2_000, pages=False)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(app) as c:
        big = [dict(HOSTILE, text="word " * 1_000)]
        assert_error_shape(c.post("/api/documents", json=big, headers=auth), 413, "E804")

        def chunks() -> Any:  # no Content-Length: the limit is counted while reading
            for _ in range(10):
                yield b"x" * 500

        assert_error_shape(c.post("/api/documents", content=chunks(), headers=auth), 413, "E804")


def test_posted_documents_are_ingested_processed_and_searchable_as_data(tmp_path: Path) -> None:
    app = create_app(tmp_path / "posted.db", token=TOKEN, pages=False)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with TestClient(app) as c:
        response = c.post("/api/documents", json={"documents": [HOSTILE]}, headers=auth)
        assert response.status_code == 201, response.text
        assert response.json()["documents"] == [{"id": HOSTILE["id"], "status": "new"}]
        article = c.get("/api/articles/" + HOSTILE["id"]).json()
        assert response.headers["content-type"].startswith("application/json")
        assert "<script>alert('x')</script>" in article["text"]  # kept as data, verbatim
        assert article["outlet"] == HOSTILE["outlet"]
        hits = c.get("/api/search", params={"q": "zanzibarite"}).json()
        assert [h["id"] for h in hits["items"]] == [HOSTILE["id"]]
        assert c.get("/api/events", params={"article": HOSTILE["id"]}).json()["total"] >= 1
        again = c.post("/api/documents", json=[HOSTILE], headers=auth).json()
        assert again["documents"] == [{"id": HOSTILE["id"], "status": "unchanged"}]
        assert_error_shape(c.post("/api/documents", content=b"{not json", headers={
            **auth, "content-type": "application/json"}), 422, "E802")
