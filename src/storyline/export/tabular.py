"""CSV export of one table (`--table articles` or `--table entities`), for spreadsheets."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from storyline.errors import Code, ExportError
from storyline.export.records import article_record, entity_record
from storyline.plugins import ExportOptions
from storyline.store import Store

ARTICLE_COLUMNS = ["id", "document", "outlet", "url", "title", "language", "published",
                   "published_precision", "dateline", "flags", "words", "text"]
ENTITY_COLUMNS = ["id", "name", "type", "aliases", "country", "wikidata", "mentions", "roles"]


def _articles(store: Store) -> Iterator[dict[str, Any]]:
    for article in store.iter_articles():
        record = article_record(article)
        record["flags"] = ";".join(f["type"] for f in record["flags"])
        record["words"] = len(article.text.split())
        yield record


def _entities(store: Store) -> Iterator[dict[str, Any]]:
    for entity in store.iter_entities():
        record = entity_record(entity)
        record["aliases"] = ";".join(record["aliases"])
        record["roles"] = json.dumps(record["roles"], ensure_ascii=False) if record["roles"] else ""
        yield record


TABLES: dict[str, tuple[list[str], Callable[[Store], Iterator[dict[str, Any]]]]] = {
    "articles": (ARTICLE_COLUMNS, _articles),
    "entities": (ENTITY_COLUMNS, _entities),
}


class CsvExporter:
    name = "csv"
    description = "CSV of one table: --table articles (default) or --table entities"

    def export(self, store: Store, out: IO[str], options: ExportOptions) -> int:
        if options.table not in TABLES:
            raise ExportError(Code.E601, f"table {options.table!r}", ", ".join(TABLES))
        columns, rows = TABLES[options.table]
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        count = 0
        for record in rows(store):
            writer.writerow(record)
            count += 1
        return count
