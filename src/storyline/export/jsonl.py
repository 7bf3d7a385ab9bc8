"""JSON lines export: one record per line, `kind` first (the scorers' contract)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from storyline.export.records import (
    article_record,
    claim_record,
    entity_record,
    event_record,
    mention_record,
    quote_record,
    timex_record,
)
from storyline.plugins import ExportOptions
from storyline.store import Store


def iter_records(store: Store, options: ExportOptions) -> Iterator[dict[str, Any]]:
    for article in store.iter_articles():
        yield article_record(article)
    for entity in store.iter_entities():
        yield entity_record(entity)
    for quote in store.iter_quotes():
        yield quote_record(quote)
    links = store.claim_links()
    for claim in store.iter_claims():
        yield claim_record(claim, links.get(claim.id))
    from storyline.resolve.events import iter_events

    for event in iter_events(store):
        yield event_record(event)
    if options.annotations:
        for mention in store.iter_mentions():
            yield mention_record(mention)
        for timex in store.iter_timexes():
            yield timex_record(timex)


def dumps(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


class JsonLinesExporter:
    name = "jsonl"
    description = "JSON lines per the export format (articles, entities; mentions and timexes with --annotations)"

    def export(self, store: Store, out: IO[str], options: ExportOptions) -> int:
        count = 0
        for record in iter_records(store, options):
            out.write(dumps(record) + "\n")
            count += 1
        return count
