"""Model records → export records (../shared/spec/export-format.md, version 1).

One function per `kind`. A consumer skips any field it does not recognise, so extensions are
added, never renamed: `published_precision`, `dateline`, `removed`, `weekday_mismatches` on articles.
"""

from __future__ import annotations

from typing import Any

from storyline.model import Article, Claim, Entity, Event, Mention, PartialDate, Quote, Role

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
        # extension: each weekday written beside a date that is not its own, with its evidence
        "weekday_mismatches": [w.model_dump(mode="json") for w in article.weekday_mismatches],
    }


def entity_record(entity: Entity) -> dict[str, Any]:
    record = {"kind": "entity"} | entity.model_dump(mode="json")
    record["roles"] = [role_record(r) for r in entity.roles]
    return record


def role_record(role: Role) -> dict[str, Any]:
    """A role as the spec writes it: `title`, `org` (entity id, or the name as written when no
    entity is known), `from`, `to` (TIMEX-style, `null` when open), their precisions, evidence."""
    return {
        "title": role.title,
        "org": role.org,
        "from": role.start.iso(),
        "to": role.end.iso(),
        "from_precision": role.start.precision,
        "to_precision": role.end.precision,
        "evidence": [e.model_dump(mode="json") for e in role.evidence],
    }


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
    """A `timex` record; `stated_value` (extension, only when there is one) is the value against
    the stated publication date of an expression of a misdated page that `date_conflict`
    resolved again against the page's inferred date (`value`)."""
    record = {
        "kind": "timex",
        "article": row["article_id"],
        "start": row["start"],
        "end": row["end"],
        "text": row["text"],
        "type": row["type"],
        "value": row["value"],
    }
    if row.get("stated_value") is not None:
        record["stated_value"] = row["stated_value"]
    return record


def interval(value: PartialDate) -> dict[str, Any]:
    """A date interval as the spec writes dates: `date`, `enddate`, `date_precision`."""
    return value.export_fields()


def quote_record(quote: Quote) -> dict[str, Any]:
    """A `quote` record; `cue_evidence` and `speaker_mention` are extensions (where the cue word
    and the speaker's name are), and `said_on_stated` (only when there is one: `said_on` against
    the stated date of a page found misdated, whose dates were resolved again)."""
    return {
        "kind": "quote",
        "id": quote.id,
        "article": quote.article,
        "speaker": quote.speaker.model_dump(mode="json") if quote.speaker else None,
        "text": quote.text,
        "direct": quote.direct,
        "cue": quote.cue,
        "said_on": interval(quote.said_on),
        "evidence": [e.model_dump(mode="json") for e in quote.evidence],
        "cue_evidence": quote.cue_evidence.model_dump(mode="json") if quote.cue_evidence else None,
        "speaker_mention": quote.speaker_mention.model_dump(mode="json") if quote.speaker_mention else None,
        "confidence": quote.confidence,
    } | ({"said_on_stated": interval(quote.said_on_stated)} if quote.said_on_stated else {})


def claim_record(claim: Claim, links: dict[str, list[str]] | None = None) -> dict[str, Any]:
    """A `claim` record; `qualifier`, `place` (where the quantity is), `same_as` (the same claim in
    other articles), `conflicts_with` (other values claimed for the same quantity at the same time),
    `changed_from` / `changed_to` (earlier / later values of the same quantity in other articles)
    and `as_of_stated` (as `said_on_stated` of a quote) are extensions."""
    links = links or {}
    return {
        "kind": "claim",
        "id": claim.id,
        "article": claim.article,
        "value": claim.value,
        "number": claim.number,
        "unit": claim.unit,
        "qualifier": claim.qualifier,
        "about": claim.about,
        "place": claim.place,
        "attributed_to": claim.attributed_to.model_dump(mode="json") if claim.attributed_to else None,
        "as_of": interval(claim.as_of),
        "evidence": [e.model_dump(mode="json") for e in claim.evidence],
        "same_as": links.get("same", []),
        "conflicts_with": links.get("conflict", []),
        "changed_from": links.get("changed_from", []),
        "changed_to": links.get("changed_to", []),
        "confidence": claim.confidence,
    } | ({"as_of_stated": interval(claim.as_of_stated)} if claim.as_of_stated else {})


def event_record(event: Event) -> dict[str, Any]:
    """An `event` record (PLOVER JSON field names): `date`/`enddate`/`date_precision` for when
    it happened, every reporting article and its evidence; `date_source` (extension) says
    whether the date is the text's or only the publication date; `independent_sources`
    (extension) how many of the reporting articles are not copies of each other."""
    return {
        "kind": "event",
        "id": event.id,
        "event": event.event,
        "mode": event.mode,
        "context": list(event.context),
        "quad_code": event.quad_code,
        "actor": [p.model_dump(mode="json") for p in event.actor],
        "recipient": [p.model_dump(mode="json") for p in event.recipient],
        **interval(event.when),
        "event_loc": event.event_loc.model_dump(mode="json") if event.event_loc else None,
        "event_text": event.event_text,
        "articles": list(event.articles),
        "evidence": [e.model_dump(mode="json") for e in event.evidence],
        "confidence": event.confidence,
        "link": list(event.link),
        "date_source": event.date_source,
        "independent_sources": event.independent_sources,
    }
