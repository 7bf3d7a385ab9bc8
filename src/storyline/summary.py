"""A readable summary of a store, for people (`storyline summary`, `make demo`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select

from storyline.store import Store
from storyline.store import schema as t


def render_summary(store: Store, top: int = 12) -> str:
    stats = store.stats()
    by_status = stats["documents_by_status"]
    lines = [
        f"Store {stats['store']} (schema v{stats['schema_version']})",
        f"  documents {stats['documents']}: " + ", ".join(f"{n} {s}" for s, n in sorted(by_status.items())),
        f"  articles {stats['articles']} ({stats['words']:,} words), mentions {stats['mentions']:,}, "
        f"entities {stats['entities']:,}, quotes {stats['quotes']:,}, claims {stats['claims']:,}, "
        f"events {stats['events']:,}",
        "",
        "Articles:",
    ]
    listing, flagged, removals, removed = [], [], [], Counter[str]()
    for article in store.iter_articles():  # one pass: article texts are the bulk of the store
        when = article.published.iso() or "date unknown"
        listing.append(f"  {article.id}  {when:10}  {article.outlet or '-'}  {_short(article.title or '', 70)}")
        flagged += [f"  {article.id}  [{f.type}] {_short(f.detail, 100)}"
                    for f in article.flags if f.type != "boilerplate_removed"]
        removed.update(r.reason for r in article.removed)
        removals += [f"  {article.id}  [{r.reason}] {_short(r.text, 80)!r}" for r in article.removed[:50]]
    lines += listing
    lines += ["", f"Top entities (of {stats['entities']}):"]
    for entity in store.top_entities(top, types=("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")):
        others = [a for a in entity.aliases if a != entity.name][:4]
        aka = f"  aka {', '.join(others)}" if others else ""
        lines.append(f"  {entity.mentions:5}  {entity.type:7} {entity.name}{aka}")
    lines += ["", "Source-quality flags:", *(flagged or ["  none"])]
    counts = ", ".join(f"{n} {r}" for r, n in removed.most_common())
    lines += ["", "Cleaning removed: " + (counts or "nothing"), *removals]
    problem_list = list(iter_problems(store))
    lines += ["", f"Input problems: {len(problem_list)}"]
    lines += [f"  [{p['code']}] {p['source']}{':' + str(p['line']) if p['line'] else ''}: {p['message']}"
              for p in problem_list[:20]]
    return "\n".join(lines)


def iter_problems(store: Store) -> Iterator[dict[str, Any]]:
    p = t.problems
    with store.engine.connect() as conn:
        for row in conn.execute(select(p).order_by(p.c.id)).mappings():
            yield {k: row[k] for k in ("source", "line", "code", "message", "created_at")}


def _short(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
