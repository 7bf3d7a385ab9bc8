"""Corpus step: speakers (and claim sources) linked to the entities of the corpus.

The per-document stage records, for each quote, where its speaker is named
(`speaker_mention`: the speaker's own mention, or for "he said" the antecedent it was resolved
to), and for each claim where its source is named (`attributed_mention`). Once entity
resolution has linked the new mentions (`mentions.entity_id`), this step looks up the linked
mention that best overlaps that span and fills `identifier_id` and `identifier_text` (the
entity's canonical name). It reads only the stored mention → entity link, never how entity
resolution decided it. Speakers with no linked mention (anonymous sources) are left as written.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from storyline.store import Store

log = logging.getLogger(__name__)

FIELDS = (("quotes", "speaker", "speaker_mention"), ("claims", "attributed_to", "attributed_mention"))


def entity_at(links: Sequence[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The entity of the linked mention overlapping [start, end) the most, if any."""
    best, best_overlap = None, 0
    for m_start, m_end, eid in links:
        overlap = min(end, m_end) - max(start, m_start)
        if overlap > best_overlap:
            best, best_overlap = eid, overlap
    return best


def link_records(records: list[dict[str, Any]], party_key: str, mention_key: str,
                 links: dict[str, list[tuple[int, int, str]]], names: dict[str, str]) -> list[dict[str, Any]]:
    """Fill the party of each record from its mention's entity; returns the records changed."""
    changed = []
    for record in records:
        party, span = record.get(party_key), record.get(mention_key)
        if not party or not span:
            continue
        eid = entity_at(links.get(record["article"], []), span["start"], span["end"])
        if eid is None or eid not in names:
            continue
        if (party.get("identifier_id"), party.get("identifier_text")) != (eid, names[eid]):
            party["identifier_id"], party["identifier_text"] = eid, names[eid]
            changed.append(record)
    return changed


class SpeakerLinker:
    name = "speakers"
    version = "1"

    def run(self, store: Store, article_ids: list[str]) -> dict[str, int]:
        counts = {"speakers_linked": 0, "claim_sources_linked": 0}
        with store.transaction() as conn:
            links = store.mention_entities(conn, article_ids)
            ids = {eid for spans in links.values() for _, _, eid in spans}
            names = {eid: str(row["name"]) for eid, row in store.entities_by_id(conn, ids).items()}
            for (table, party_key, mention_key), counter in zip(FIELDS, counts, strict=True):
                records = store.records_of(conn, table, article_ids)
                changed = link_records(records, party_key, mention_key, links, names)
                store.update_records(conn, table, changed)
                counts[counter] = len(changed)
        log.debug("speakers: %s", counts)
        return counts
