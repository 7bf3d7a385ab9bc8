"""Links to the web UI's detail pages (entities, events, articles, evidence in an article)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from storyline.model import Evidence


def entity_url(entity_id: str) -> str:
    return "/entities/" + quote(entity_id, safe="")


def event_url(event_id: str) -> str:
    return "/events/" + quote(event_id, safe="")


def article_url(article_id: str) -> str:
    return "/articles/" + quote(article_id, safe="")


def evidence_url(ev: Evidence | dict[str, Any]) -> str:
    """The article page with this evidence marked, scrolled to it."""
    if isinstance(ev, Evidence):
        return f"{article_url(ev.article)}?hl={ev.start}-{ev.end}#hl"
    return f"{article_url(str(ev['article']))}?hl={int(ev['start'])}-{int(ev['end'])}#hl"
