"""Corpus step: the same claim across articles linked, different values flagged as conflicts or
linked as changes over time.

Two claims of different articles are about the same quantity when they have the same unit and
the same *quantity key*: the last content word of what they count (`about`) before its first
prepositional phrase, singular and lower-case ("US citizens" and "American citizens" both ->
`citizen`, unit `people`; "a reward for information on the attack" -> `reward`, unit `USD`). Of
such a pair:

- `same` when the values agree within `TOLERANCE` (a relative 2%: "22.9 million" and
  "22,900,000", "about 23 million" and "22.9 million" are not the same at 2%, but are flagged);
- `conflict` when they differ, count the same thing and the dates they refer to (`as_of`)
  overlap or one is unknown;
- `changed_to` / `changed_from` when they differ and count the same thing at dates that do not
  overlap: the number moved between those dates (a death toll a week apart, 22.8 million people
  in need in November and 19.7 million in June). The earlier claim is linked `changed_to` the
  later one, the later `changed_from` the earlier one. The same thing: what they count agrees beyond its head word (the
  content words of the shorter `about` are all in the longer one, and there are at least two:
  "people in need" and "people in need of humanitarian assistance" agree; "people killed" and
  "people attended" do not, nor do two bare "people" or two bare "reward"), and their places
  (`place`, "in Afghanistan") are the same where both are known ("the country" matches any).
  A shared head word alone (two unrelated percentages of voters, two sums of dollars) is not
  the same quantity.

Links are stored in both directions in `claim_links`, additively: each batch writes the
quantity key of its new claims into `claims.quantity` and compares them with the stored claims
of the same keys only (an indexed lookup), at most `MAX_PER_KEY` of each key (the first by id,
plus the batch's own), so linking costs what a batch contains however often a quantity recurs.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table, Text, delete, or_, select

from storyline.store import Store, queues

log = logging.getLogger(__name__)

TOLERANCE = 0.02
MAX_PER_KEY = 200  # stored claims compared per quantity key: bounds a figure repeated by many copies
STOP = frozenset({"the", "a", "an", "of", "in", "for", "on", "to", "and", "its", "their", "his", "her", "than",
                  "this", "that", "these", "those", "some", "by", "at", "with", "from", "as", "or", "who", "which",
                  "be", "is", "are", "was", "were", "been", "have", "has", "had"})
NUMBER_WORDS = frozenset({"million", "billion", "trillion", "thousand", "hundred", "percent", "per", "cent",
                          "percentage", "point"})  # words of the number or its unit, not of what is counted
MIN_MEASURE_WORDS = 2  # "people" alone, or "reward" alone, does not say which quantity
GENERIC_PLACES = frozenset({"country", "nation", "region", "province", "city", "state", "capital", "territory",
                            "district", "area"})  # "the country" may be the place another article names
_WORD = re.compile(r"[a-z]+")
# what is counted ends where its first prepositional phrase begins: "reward for information ..."
_PREPOSITION = re.compile(r"\s(?:in|of|for|on|to|from|at|with|by|about|over|across|leading|after|during)\s")


def quantity_key(claim: dict[str, Any]) -> tuple[str, str] | None:
    """(unit, counted head word) of a claim, or None when it lacks either."""
    unit, about = claim.get("unit"), claim.get("about")
    if not unit or not about or claim.get("number") is None:
        return None
    head = _PREPOSITION.split(about.lower())[0]
    words = [w for w in _WORD.findall(head) if w not in STOP]
    if not words:
        return None
    word = words[-1]
    word = word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word
    return str(unit), word


def _interval(claim: dict[str, Any]) -> tuple[date, date] | None:
    as_of = claim.get("as_of") or {}
    if not as_of.get("start") or not as_of.get("end"):
        return None
    return date.fromisoformat(as_of["start"]), date.fromisoformat(as_of["end"])


def measure(claim: dict[str, Any]) -> frozenset[str]:
    """The content words of what a claim counts, singular and lower-case ("people in need of
    humanitarian assistance" -> people, need, humanitarian, assistance)."""
    words = (_singular(w) for w in _WORD.findall(str(claim.get("about") or "").lower()) if w not in STOP)
    return frozenset(w for w in words if w not in NUMBER_WORDS)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def same_quantity(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two claims of one quantity key count the same thing (see module doc): what they
    count agrees in at least `MIN_MEASURE_WORDS` content words, and the places they name, if
    both name one, are the same."""
    ma, mb = measure(a), measure(b)
    small, large = (ma, mb) if len(ma) <= len(mb) else (mb, ma)
    if len(small) < MIN_MEASURE_WORDS or not small <= large:
        return False
    pa, pb = (_place(c) for c in (a, b))
    return pa is None or pb is None or pa == pb or pa <= GENERIC_PLACES or pb <= GENERIC_PLACES


def _place(claim: dict[str, Any]) -> frozenset[str] | None:
    words = frozenset(_WORD.findall(str(claim.get("place") or "").lower())) - STOP
    return words or None


CHANGED_TO, CHANGED_FROM = "changed_to", "changed_from"
INVERSE = {CHANGED_TO: CHANGED_FROM, CHANGED_FROM: CHANGED_TO}


def relation(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """`same`, `conflict`, `changed_to` (b is a later value of a's quantity), `changed_from` (an
    earlier one) or None, for two claims with the same quantity key (see module doc)."""
    x, y = float(a["number"]), float(b["number"])
    if abs(x - y) <= TOLERANCE * max(abs(x), abs(y)):
        return "same"
    if not same_quantity(a, b):
        return None
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None or (ia[0] <= ib[1] and ib[0] <= ia[1]):
        return "conflict"
    return CHANGED_TO if ia[1] < ib[0] else CHANGED_FROM


def link_claims(new: Iterable[dict[str, Any]], pool: Iterable[dict[str, Any]]) -> list[tuple[str, str, str, str]]:
    """(claim id, other id, claim's article, relation) in both directions, across articles only."""
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for claim in pool:
        key = quantity_key(claim)
        if key is not None:
            by_key[key].append(claim)
    out: dict[tuple[str, str], tuple[str, str, str, str]] = {}
    for claim in new:
        key = quantity_key(claim)
        for other in by_key.get(key, []) if key else []:
            if other["article"] == claim["article"]:
                continue
            rel = relation(claim, other)
            if rel is not None:
                out[(claim["id"], other["id"])] = (claim["id"], other["id"], claim["article"], rel)
                out[(other["id"], claim["id"])] = (other["id"], claim["id"], other["article"], INVERSE.get(rel, rel))
    return list(out.values())


def _pool(store: Store, conn: Connection, new: list[dict[str, Any]], keys: dict[str, str]) -> list[dict[str, Any]]:
    """The claims a batch's claims are compared with: the stored ones of their keys (bounded)
    and the batch's own."""
    pool = {c["id"]: c for c in store.claims_by_quantity(conn, set(keys.values()), per_key=MAX_PER_KEY)}
    pool.update((c["id"], c) for c in new if c["id"] in keys)
    return list(pool.values())


# Stored articles whose claims' `as_of` changed after they were linked (a misdated page whose
# dates the `date_conflict` step resolved again: `extract/time/redate`): the step's next run
# drops their links and links their claims again. Created by whoever writes it first.
claim_relink_queue = Table("claim_relink_queue", MetaData(), Column("article_id", Text, primary_key=True))


def relink_later(conn: Connection, article_ids: list[str]) -> None:
    """Have the step's next run link these stored articles' claims again (their dates changed)."""
    queues.enqueue(conn, claim_relink_queue, article_ids, create=True)


def take_relink_queue(conn: Connection) -> list[str]:
    """The queued articles (`relink_later`), their claims' links (both directions) deleted and
    the queue emptied."""
    from storyline.store import schema

    c, links = schema.claims, schema.claim_links
    queued = queues.take(conn, claim_relink_queue)
    for i in range(0, len(queued), 500):
        ids = list(conn.execute(select(c.c.id).where(c.c.article_id.in_(queued[i:i + 500]))).scalars())
        for j in range(0, len(ids), 500):
            chunk = ids[j:j + 500]
            conn.execute(delete(links).where(or_(links.c.claim_id.in_(chunk), links.c.other_id.in_(chunk))))
    return queued


class ClaimLinker:
    name = "claim_links"
    version = "2"  # 2: changed_to / changed_from between values of one quantity at different dates

    def run(self, store: Store, article_ids: list[str]) -> dict[str, int]:
        with store.transaction() as conn:
            article_ids = list(dict.fromkeys([*article_ids, *take_relink_queue(conn)]))  # re-dated pages
            new = store.records_of(conn, "claims", article_ids)
            keys = {c["id"]: "|".join(key) for c in new if (key := quantity_key(c)) is not None}
            store.set_claim_quantities(conn, sorted(keys.items()))
            links = link_claims(new, _pool(store, conn, new, keys)) if keys else []
            store.add_claim_links(conn, links)
        counts = {"claim_links_same": sum(1 for x in links if x[3] == "same") // 2,
                  "claim_conflicts": sum(1 for x in links if x[3] == "conflict") // 2,
                  "claim_changes": sum(1 for x in links if x[3] == CHANGED_TO)}
        log.debug("claim links: %s", counts)
        return counts
