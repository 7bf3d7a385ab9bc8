"""Helpers of the API tests (the fixtures are in conftest.py)."""

from __future__ import annotations

from typing import Any

TOKEN = "test-token-0123456789"


def all_items(client: Any, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a list endpoint, page by page (checks the page shape on the way)."""
    items: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        page = client.get(path, params={**params, "offset": offset, "limit": params.get("limit", 7)}).json()
        assert set(page) == {"items", "total", "limit", "offset", "next_offset"}, page
        items += page["items"]
        offset = page["next_offset"]
    assert len(items) == page["total"]
    return items
