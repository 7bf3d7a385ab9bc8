"""Confidence of quotes and claims by the quality of their sources (a corpus step that runs after
the flag steps: near_duplicates here, date_conflict in the time package).

The rule:

- An article's *trust* is the product of the factors of its source-quality flags, one per type:
  `spun` 0.5 (words were swapped blind, a quote's words may not be the speaker's), `machine_translated`
  0.6 (the wording is not the source's), `near_duplicate` 0.8 (a copy: its facts rest on another
  article), `date_conflict` 0.9 (the page's date is doubtful, so is the dating of what it reports).
  An unflagged article, or one flagged only as a digest or for removed boilerplate, has trust 1.
- A quote's confidence is the trust of its article (quotes are not linked across articles).
- A claim's confidence is the best trust among its own article and the articles of the claims
  linked to it as the same claim (`same_as`): a fact reported by one sound article is sound,
  however many flagged copies repeat it; a fact that only flagged articles carry keeps the best
  of their trusts. Confirmations never raise it above 1, so a copy repeating a claim adds
  nothing (copies are no independent confirmation; events do the same in resolve/events.py).

Stored facts are rescored when the evidence changes: the claims of a new batch and the claims
linked to them (a new sound article lifts a stored claim that only flagged ones carried), and
the facts of a stored article that a later article's arrival flags (`rescore`, called by
near_duplicates when an earlier original arrives after its copy, and by date_conflict when a
new article shows a stored page's date to be doubtful). Its stored events are rescored then
too (`resolve.events.rescore_articles`): confidence and independent sources as the events step
scores them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection

from storyline.store import Store

log = logging.getLogger(__name__)

FACTORS = {"spun": 0.5, "machine_translated": 0.6, "near_duplicate": 0.8, "date_conflict": 0.9}


def trust(flags: Iterable[dict[str, Any]]) -> float:
    value = 1.0
    for flag_type in {f.get("type") for f in flags}:
        value *= FACTORS.get(str(flag_type), 1.0)
    return round(value, 3)


def rescore(store: Store, conn: Connection, article_ids: Sequence[str]) -> int:
    """Set the confidence of the quotes, claims and stored events of these articles (and of the
    claims linked to theirs); returns how many records changed."""
    from storyline.resolve.events import rescore_articles

    events = rescore_articles(conn, article_ids)
    claims = store.records_of(conn, "claims", list(article_ids))
    linked = store.same_claim_articles(conn, [c["id"] for c in claims])
    partners = sorted({a for articles in linked.values() for a in articles} - set(article_ids))
    if partners:
        claims += store.records_of(conn, "claims", partners)
        linked.update(store.same_claim_articles(conn, [c["id"] for c in claims if c["article"] in partners]))
    quotes = store.records_of(conn, "quotes", list(article_ids))
    involved = set(article_ids) | set(partners) | {a for articles in linked.values() for a in articles}
    trusts = {i: trust(flags) for i, flags in store.flags_of(conn, involved).items()}
    changed_quotes = _changed(quotes, lambda q: trusts.get(q["article"], 1.0))
    changed_claims = _changed(
        claims, lambda c: max(trusts.get(a, 1.0) for a in {c["article"], *linked.get(c["id"], ())}))
    store.update_records(conn, "quotes", changed_quotes)
    store.update_records(conn, "claims", changed_claims)
    return len(changed_quotes) + len(changed_claims) + events


def _changed(records: list[dict[str, Any]], confidence: Callable[[dict[str, Any]], float]) -> list[dict[str, Any]]:
    out = []
    for record in records:
        value = confidence(record)
        if record.get("confidence", 1.0) != value:
            out.append({**record, "confidence": value})
    return out


class SourceConfidenceStep:
    """Corpus step: lower the confidence of facts that rest only on flagged articles."""

    name = "source_confidence"
    version = "1"

    def run(self, store: Store, article_ids: list[str]) -> dict[str, int]:
        with store.transaction() as conn:
            changed = rescore(store, conn, article_ids)
        log.debug("source confidence: %d facts rescored", changed)
        return {"facts_rescored": changed}
