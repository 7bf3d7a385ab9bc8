"""Entity resolution, incremental: link each new mention to one entity of the corpus.

Foundation rules (the actors issue extends them with transliterations, acronyms and roles):
- only named mention types become entities (`ENTITY_TYPES`);
- a surface form's key is its normalised name (`names.name_key`): case, accents, dashes,
  periods, possessives and a leading "the" do not split an entity;
- within one article a one-word PERSON mention that is the last word of a longer PERSON
  mention there ("Price" after "Ned Price") is that person;
- an entity's id derives from its key, so re-running gives the same ids; its type is the
  commonest type of its mentions and its name the commonest full-form spelling.

Only mentions not yet linked are read, so adding documents costs what they contain, and a
batch interrupted before the corpus stage marks it done is simply resolved again.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

from storyline.model import Mention
from storyline.resolve.names import name_key, tokens
from storyline.store import Store

log = logging.getLogger(__name__)
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)

ENTITY_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"}
)


def entity_id(key: str) -> str:
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def article_keys(mentions: Sequence[tuple[int, Mention]]) -> list[tuple[int, Mention, str]]:
    """The key each mention of one article resolves to, short person forms included."""
    full_people: dict[str, str] = {}
    for _, m in mentions:
        key = name_key(m.text)
        if m.type == "PERSON" and len(tokens(key)) > 1:
            full_people.setdefault(tokens(key)[-1], key)
    out = []
    for mid, m in mentions:
        key = name_key(m.text)
        if not key or m.type not in ENTITY_TYPES:
            continue
        if m.type == "PERSON" and len(tokens(key)) == 1 and key in full_people:
            key = full_people[key]
        out.append((mid, m, key))
    return out


def alias_form(text: str) -> str:
    """The surface form kept as an alias: as written, less a possessive ("Taliban’s") and a
    leading article ("the United States")."""
    return _LEADING_THE.sub("", _POSSESSIVE.sub("", " ".join(text.split())))


class _Tally:
    """Counts gathered for one entity in this batch."""

    def __init__(self) -> None:
        self.aliases: Counter[str] = Counter()
        self.types: Counter[str] = Counter()
        self.mentions = 0

    def add(self, mention: Mention, key: str) -> None:
        self.aliases[alias_form(mention.text)] += 1
        self.types[mention.type] += 1
        self.mentions += 1


def _merge(key: str, tally: _Tally, old: dict[str, Any] | None) -> dict[str, Any]:
    aliases = Counter(old["alias_counts"]) if old else Counter()
    types = Counter(old["type_counts"]) if old else Counter()
    aliases.update(tally.aliases)
    types.update(tally.types)
    full = Counter({a: n for a, n in aliases.items() if name_key(a) == key}) or aliases
    name = max(full.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]
    return {
        "id": entity_id(key),
        "key": key,
        "name": name,
        "type": max(types.items(), key=lambda kv: (kv[1], kv[0]))[0],
        "aliases": sorted(aliases),
        "alias_counts": dict(aliases),
        "type_counts": dict(types),
        "mentions": (old["mentions"] if old else 0) + tally.mentions,
    }


class EntityResolver:
    """Corpus step: mentions of newly processed articles → entities."""

    name = "entities"
    version = "1"

    def run(self, store: Store, article_ids: list[str]) -> dict[str, int]:
        with store.transaction() as conn:
            return self._resolve(store, conn, article_ids)

    def _resolve(self, store: Store, conn: Connection, article_ids: list[str]) -> dict[str, int]:
        by_article: dict[str, list[tuple[int, Mention]]] = defaultdict(list)
        for mid, mention in store.mentions_of(conn, article_ids, unlinked_only=True):
            by_article[mention.article].append((mid, mention))
        tallies: dict[str, _Tally] = defaultdict(_Tally)
        links: list[tuple[int, str]] = []
        for mentions in by_article.values():
            for mid, mention, key in article_keys(mentions):
                tallies[key].add(mention, key)
                links.append((mid, entity_id(key)))
        existing = store.entities_by_id(conn, (entity_id(k) for k in tallies))
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for key, tally in tallies.items():
            old = existing.get(entity_id(key))
            (changed if old else new).append(_merge(key, tally, old))
        store.upsert_entities(conn, new, changed)
        store.link_mentions(conn, links)
        return {"entities_new": len(new), "entities_updated": len(changed), "mentions_linked": len(links)}
