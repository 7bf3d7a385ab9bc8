"""The naive reference `make eval` scores beside storyline: dateparser's `search_dates`.

Every match, searched with the document creation date as the relative base, becomes a DATE
with a day-precision value, written as export-like JSON lines (`article` and `timex` records)
so the same scorer reads it. It is a floor to compare against, not a method.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


def baseline_records(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    from dateparser.search import search_dates

    text, doc_id = doc.get("text") or "", doc.get("id") or ""
    yield {"kind": "article", "id": doc_id, "document": doc_id, "text": text}
    base = None
    if doc.get("published"):
        try:
            base = datetime.fromisoformat(str(doc["published"])[:10])
        except ValueError:
            base = None
    settings = {"RELATIVE_BASE": base} if base else {}
    try:
        found = search_dates(text, languages=["en"], settings=settings) or []
    except Exception as err:  # noqa: BLE001 - a baseline must not stop the evaluation
        log.warning("dateparser failed on %s: %r", doc_id, err)
        found = []
    at = 0
    for surface, when in found:
        start = text.find(surface, at)
        if start < 0:
            continue
        at = start + len(surface)
        yield {"kind": "timex", "article": doc_id, "start": start, "end": at, "text": surface,
               "type": "DATE", "value": when.date().isoformat()}


def write_baseline(docs_path: Path, out: Path) -> int:
    """Run the baseline over a documents JSONL file; returns the number of timex records."""
    count = 0
    with docs_path.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in src:
            if not line.strip():
                continue
            for record in baseline_records(json.loads(line)):
                dst.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += record["kind"] == "timex"
    return count
