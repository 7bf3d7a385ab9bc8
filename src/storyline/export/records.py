"""Model records → export records (../shared/spec/export-format.md, version 1).

One function per `kind`. Readers must ignore fields they do not know, so extensions are
added, never renamed: `published_precision`, `dateline`, `removed` on articles.
"""

from __future__ import annotations

from typing import Any

from storyline.model import Article, Entity, Mention

FORMAT_VERSION = 1


def article_record(article: Article) -> dict[str, Any]:
    published = article.published.iso() or article.published_raw
    inferred = article.published_inferred
    return {
        "kind": "article",
        "id": article.id,
        "document": article.document,
        "outlet": article.outlet,
        "url": article.url,
        "title": article.title,
        "language": article.language,
        "published": published,
        "published_precision": article.published.precision,
        "published_inferred": inferred.export_fields() if inferred else None,
        "dateline": article.dateline,
        "text": article.text,
        "flags": [f.model_dump(mode="json") for f in article.flags],
        "removed": [r.model_dump(mode="json") for r in article.removed],
    }


def entity_record(entity: Entity) -> dict[str, Any]:
    return {"kind": "entity"} | entity.model_dump(mode="json")


def mention_record(mention: Mention) -> dict[str, Any]:
    return {
        "kind": "mention",
        "article": mention.article,
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "type": mention.type,
        "entity": mention.entity,
    }


def timex_record(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": "timex",
        "article": row["article_id"],
        "start": row["start"],
        "end": row["end"],
        "text": row["text"],
        "type": row["type"],
        "value": row["value"],
    }
