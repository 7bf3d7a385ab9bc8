"""Conversions between model records and store rows (the only place that knows both)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import RowMapping

from storyline.model import (
    Article,
    Claim,
    Document,
    Entity,
    Flag,
    Mention,
    MentionRole,
    PartialDate,
    ProcessedArticle,
    Quote,
    Removal,
    Role,
    WeekdayMismatch,
)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def document_row(doc: Document, status: str, duplicate_of: str | None = None) -> dict[str, Any]:
    return {
        "id": doc.id,
        "source": doc.source,
        "line": doc.line,
        "format": doc.format,
        "content_hash": doc.content_hash,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published,
        "language": doc.language,
        "extra": doc.extra,
        "raw_text": doc.text,
        "status": status,
        "duplicate_of": duplicate_of,
        "error": None,
        "ingested_at": now(),
        "processed_at": None,
    }


def row_document(row: RowMapping) -> Document:
    return Document(
        id=row["id"],
        text=row["raw_text"],
        source=row["source"],
        line=row["line"],
        format=row["format"],
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        published=row["published"],
        language=row["language"],
        content_hash=row["content_hash"],
        extra=row["extra"] or {},
    )


def article_row(result: ProcessedArticle) -> dict[str, Any]:
    a = result.article
    return {
        "id": a.id,
        "document_id": a.document,
        "title": a.title,
        "outlet": a.outlet,
        "url": a.url,
        "language": a.language,
        "published_raw": a.published_raw,
        "published_start": a.published.start.isoformat() if a.published.start else None,
        "published_end": a.published.end.isoformat() if a.published.end else None,
        "published_precision": a.published.precision,
        "published_inferred": a.published_inferred.model_dump(mode="json") if a.published_inferred else None,
        "dateline": a.dateline,
        "text": a.text,
        "flags": [f.model_dump(mode="json") for f in a.flags],
        "removed": [r.model_dump(mode="json") for r in a.removed],
        "weekday_mismatches": [w.model_dump(mode="json") for w in a.weekday_mismatches],
        "sentences": [[s.start, s.end] for s in result.sentences],
        "noun_chunks": [[c.start, c.end, c.root] for c in result.noun_chunks],
        "words": result.words,
        "resolved": 0,
    }


def row_article(row: RowMapping) -> Article:
    start, end = row["published_start"], row["published_end"]
    published = PartialDate.unknown()
    if start and end:
        published = PartialDate(
            start=datetime.fromisoformat(start).date(),
            end=datetime.fromisoformat(end).date(),
            precision=row["published_precision"],
        )
    inferred = row["published_inferred"]
    return Article(
        id=row["id"],
        document=row["document_id"],
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        url=row["url"],
        language=row["language"],
        published=published,
        published_raw=row["published_raw"],
        published_inferred=PartialDate.model_validate(inferred) if inferred else None,
        dateline=row["dateline"],
        flags=[Flag.model_validate(f) for f in row["flags"] or []],
        removed=[Removal.model_validate(r) for r in row["removed"] or []],
        weekday_mismatches=[WeekdayMismatch.model_validate(w) for w in row.get("weekday_mismatches") or []],
    )


def mention_rows(result: ProcessedArticle) -> list[dict[str, Any]]:
    return [
        {
            "article_id": m.article,
            "start": m.start,
            "end": m.end,
            "text": m.text,
            "type": m.type,
            "sentence": m.sentence,
            "entity_id": m.entity,
            "canonical": m.canonical,
            "role": m.role.model_dump(mode="json") if m.role else None,
        }
        for m in result.mentions
    ]


def row_mention(row: RowMapping) -> Mention:
    return Mention(
        article=row["article_id"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
        type=row["type"],
        sentence=row["sentence"],
        entity=row["entity_id"],
        canonical=row.get("canonical"),
        role=MentionRole.model_validate(row["role"]) if row.get("role") else None,
    )


def timex_rows(result: ProcessedArticle) -> list[dict[str, Any]]:
    return [t.model_dump(exclude={"article"}) | {"article_id": t.article} for t in result.timexes]


def entity_row(entity: Entity, key: str, alias_counts: dict[str, int]) -> dict[str, Any]:
    return {
        "id": entity.id,
        "key": key,
        "name": entity.name,
        "type": entity.type,
        "aliases": entity.aliases,
        "alias_counts": alias_counts,
        "country": entity.country,
        "roles": [r.model_dump(mode="json") for r in entity.roles],
        "wikidata": entity.wikidata,
        "sector": entity.sector,
        "mentions": entity.mentions,
    }


def row_entity(row: RowMapping) -> Entity:
    return Entity(
        id=row["id"],
        name=row["name"],
        type=row["type"],
        aliases=list(row["aliases"] or []),
        country=row["country"],
        roles=[Role.model_validate(r) for r in row["roles"] or []],
        wikidata=row["wikidata"],
        sector=row.get("sector"),
        mentions=row["mentions"],
    )


def quote_rows(result: ProcessedArticle) -> list[dict[str, Any]]:
    return [{"id": q.id, "article_id": q.article, "speaker_entity": q.speaker.identifier_id if q.speaker else None,
             "record": q.model_dump(mode="json")} for q in result.quotes]


def claim_rows(result: ProcessedArticle) -> list[dict[str, Any]]:
    return [{"id": c.id, "article_id": c.article, "record": c.model_dump(mode="json")} for c in result.claims]


def event_rows(result: ProcessedArticle) -> list[dict[str, Any]]:
    """The article's events as found per document (joined later by the events corpus step)."""
    return [{"id": e.id, "article_id": result.article.id, "record": e.model_dump(mode="json")}
            for e in result.events]


def row_quote(row: RowMapping) -> Quote:
    return Quote.model_validate(row["record"])


def row_claim(row: RowMapping) -> Claim:
    return Claim.model_validate(row["record"])
