"""Entity resolution, incremental: link each new mention to one entity of the corpus.

For every mention not yet linked, in the articles of a batch:
1. its **key** is the normalised form (`names.name_key`) of the fuller name the article gives it
   (`Mention.canonical`: acronym long form, full name of a short form, country of a metonym or
   demonym) or of its text; a one-word person mention without one takes the article's full
   person name ending in a transliteration of it ("Price" after "Ned Price");
2. the key goes to the entity that already owns it (`entity_keys`), else to the knowledge-base
   actor with that name or a transliteration of it, else (people with a title) to the person who
   held that title on the article's date when the evidence is strong (`matching.role_link`),
   else to the best match among the names sharing a blocking key (`matching.best_match`), else
   to a new entity;
3. the user's decisions win: a split-off name never rejoins its entity, a merged-away entity's
   names go to the entity it was merged into (`keystore.decisions`);
4. a title without a name (a `ROLE` mention: "a US State Department spokesperson said") goes to
   the person who held that office on the article's date: by the KB's dated roles, else the one
   person the store saw with that title at that organisation within `OBSERVED_WINDOW`
   (`entity_roles` keeps every titled observation); else it stays unlinked.
Every key that joins an entity by a rule other than identity is recorded with its score, method
and evidence (`entity_merges`). Counts, aliases and roles of the entities are then updated in
place, so adding documents costs what they contain; an entity's id derives from the key (or KB
name) that created it, so re-running gives the same ids.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection

from storyline.model import Evidence, Mention, PartialDate, Role
from storyline.resolve import keystore
from storyline.resolve.kb import KbActor, KnowledgeBase, UsesKnowledgeBase, title_key
from storyline.resolve.matching import (
    Match,
    best_match,
    blocking_keys,
    compatible,
    role_holder,
    role_link,
    strip_country,
)
from storyline.resolve.names import name_key, tokens, translit_key
from storyline.store import Store

log = logging.getLogger(__name__)
_POSSESSIVE = re.compile(r"['’]s?$")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
MAX_ROLE_EVIDENCE = 3
ROLE_TYPE = "ROLE"  # a title without a name (extract/roles.py): linked to the office holder
OBSERVED_WINDOW = timedelta(days=180)  # a title seen in text is taken as held this long around it

ENTITY_TYPES = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"}
)


def entity_id(key: str) -> str:
    return "E" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


MAX_KEY = 200


def mention_key(m: Mention) -> str:
    return name_key(m.canonical or m.text)[:MAX_KEY]


def article_keys(mentions: Sequence[tuple[int, Mention]]) -> list[tuple[int, Mention, str]]:
    """The key each mention of one article resolves to, short person forms included."""
    full_people: dict[str, str] = {}
    for _, m in mentions:
        key = mention_key(m)
        if m.type == "PERSON" and len(tokens(key)) > 1:
            full_people.setdefault(translit_key(tokens(key)[-1]), key)
    out = []
    for mid, m in mentions:
        key = mention_key(m)
        if not key or m.type not in ENTITY_TYPES:
            continue
        if m.type == "PERSON" and not m.canonical and len(tokens(key)) == 1:
            key = full_people.get(translit_key(key), key)
        out.append((mid, m, key))
    return out


def alias_form(text: str) -> str:
    """The surface form kept as an alias: as written, less a possessive ("Taliban’s") and a
    leading article ("the United States")."""
    return _LEADING_THE.sub("", _POSSESSIVE.sub("", " ".join(text.split())))


def evidence_of(m: Mention, text: str | None = None) -> dict[str, Any]:
    snippet = text[m.start:m.end] if text else m.text
    return {"article": m.article, "start": m.start, "end": m.end, "text": snippet}


# --------------------------------------------------------------------------- roles


def _day(published: str | None) -> date | None:
    return PartialDate.parse(published).start if published else None


def _widen(a: PartialDate, b: PartialDate, first: bool) -> PartialDate:
    """The earlier start (first=True) or later end of two bounds; unknown (open) wins."""
    if a.start is None or b.start is None or a.end is None or b.end is None:
        return PartialDate.unknown()
    if first:
        return a if a.start <= b.start else b
    return a if a.end >= b.end else b


def merge_roles(roles: Sequence[Role]) -> list[Role]:
    """One role per office: same title (`kb.title_key`) and organisation, or a title seen without
    organisation joining the same title with one; the interval widened to cover both (an open
    end stays open), a few pieces of evidence kept."""
    merged: dict[tuple[str, str | None], Role] = {}
    for role in sorted(roles, key=lambda r: r.org is None):
        title = title_key(role.title)
        k = (title, role.org) if role.org else next((k for k in merged if k[0] == title), (title, None))
        old = merged.get(k)
        if old is None:
            merged[k] = role
            continue
        merged[k] = old.model_copy(update={
            "start": _widen(old.start, role.start, True),
            "end": _widen(old.end, role.end, False),
            "evidence": (old.evidence + [e for e in role.evidence if e not in old.evidence])[:MAX_ROLE_EVIDENCE],
        })
    return list(merged.values())


def mention_role(kb: KnowledgeBase, owners: dict[str, tuple[str, str]], m: Mention, text: str,
                 day: date | None) -> Role:
    """The role a titled mention gives its entity: dated by the article, with the phrase as
    evidence, the organisation as an entity id when the KB or the store knows it."""
    assert m.role is not None
    org = None
    if m.role.org:
        okey = name_key(m.role.org)
        actor = kb.lookup(okey)
        org = entity_id(actor.key) if actor else (owners[okey][0] if okey in owners else m.role.org)
    when = PartialDate.day(day) if day else PartialDate.unknown()
    start, end = min(m.start, m.role.start), max(m.end, m.role.end)
    return Role(title=m.role.title, org=org, start=when, end=when, evidence=[Evidence.of(m.article, text, start, end)])


def tally_mentions(kb: KnowledgeBase, conn: Connection, mentions: Sequence[Mention]) -> _Tally:
    """Count a list of mentions afresh (after a user's merge or split), roles included."""
    tally = _Tally()
    titled = [m for m in mentions if m.role is not None]
    ids = sorted({m.article for m in titled})
    texts = keystore.article_texts(conn, ids)
    days = {a: _day(p) for a, p in keystore.published_dates(conn, ids).items()}
    owners = keystore.key_owners(conn, [name_key(m.role.org) for m in titled if m.role and m.role.org])
    for m in mentions:
        tally.add(m)
        if m.role is not None and m.article in texts:
            tally.roles.append(mention_role(kb, owners, m, texts[m.article], days.get(m.article)))
    return tally


# --------------------------------------------------------------------------- one batch


@dataclass
class _Tally:
    """What this batch adds to one entity."""

    aliases: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    mentions: int = 0
    roles: list[Role] = field(default_factory=list)

    def add(self, mention: Mention) -> None:
        self.aliases[alias_form(mention.text)] += 1
        self.types[mention.type] += 1
        self.mentions += 1


@dataclass
class _Cue:
    """The first mention of a key in the batch: its type, a title given to it, and its date."""

    mention: Mention
    day: date | None


class _Batch:
    """Resolves the distinct keys of one batch against the store, the KB and each other."""

    def __init__(self, conn: Connection, kb: KnowledgeBase, keys: dict[str, _Cue]) -> None:
        self.conn, self.kb = conn, kb
        self.owners = keystore.key_owners(conn, keys)
        self.looked_up = set(keys)  # keys whose owner (if any) is in self.owners
        # the stored block members of every new key, read in a few batched queries
        new_keys = [k for k in keys if k not in self.owners]
        self.stored_blocks = keystore.block_members(conn, {b for k in new_keys for b in blocking_keys(k)})
        members = {m for found in self.stored_blocks.values() for m in found}
        self.owners.update(keystore.key_owners(conn, members - self.looked_up))
        self.looked_up |= members
        self.redirect, self.splits = keystore.decisions(conn)
        self.new_rows: list[tuple[str, str, str]] = []
        self.new_blocks: list[tuple[str, str]] = []
        self.batch_blocks: dict[str, set[str]] = defaultdict(set)
        self.merges: list[dict[str, Any]] = []
        self.creators: dict[str, str] = {}  # entity id → key (or KB name key) that names it
        self.actors: dict[str, KbActor] = {}

    def known(self, key: str) -> bool:
        """Whether a key is already filed (in the store or in this batch)."""
        if key not in self.looked_up:
            self.owners.update(keystore.key_owners(self.conn, [key]))
            self.looked_up.add(key)
        return key in self.owners

    def resolve(self, key: str, cue: _Cue) -> str:
        if self.known(key):
            return self.owners[key][0]
        kind = cue.mention.type
        match, target_id = self._find(key, cue)
        eid = target_id if target_id else entity_id(key)
        if (eid, key) in self.splits:
            eid, match = entity_id(key + "\x00split") if eid == entity_id(key) else entity_id(key), None
        eid = keystore.follow(self.redirect, eid)
        self.creators.setdefault(eid, key)
        self._file(key, eid, kind, match, cue)
        return eid

    def _find(self, key: str, cue: _Cue) -> tuple[Match | None, str | None]:
        kind = cue.mention.type
        actor = self.kb.by_key.get(key)
        if actor is not None and (kind == "PERSON") == (actor.type == "PERSON"):  # "Jordan" the player
            return self._kb_match(key, actor, 1.0, "kb_alias")
        actor = self.kb.lookup(key)
        if actor is not None and compatible(kind, actor.type):
            return self._kb_match(key, actor, 0.95, "kb_transliteration")
        if kind == "PERSON" and cue.mention.role is not None:
            found = self._role_match(key, cue)
            if found is not None:
                return found
        candidates = self._candidates(key)
        match = best_match(key, kind, candidates)
        if match is not None:
            return match, self.owners[match.target][0]
        return None, None

    def _kb_match(self, key: str, actor: KbActor, value: float, method: str) -> tuple[Match, str]:
        eid = entity_id(actor.key)
        self.actors[eid] = actor
        self.creators[eid] = actor.key
        if key == actor.key:
            return Match(key, key, 1.0, "exact", "the knowledge base's own name"), eid
        reason = f"knowledge base: {actor.name!r} is also written {key!r}"
        return Match(key, actor.key, value, method, reason), eid

    def _role_match(self, key: str, cue: _Cue) -> tuple[Match, str] | None:
        role = cue.mention.role
        assert role is not None
        link = role_link(self.kb, key, role.title, role.org, cue.day)
        if link is None:
            return None
        match, eid = self._kb_match(key, link.actor, link.score, "role_time")
        match = Match(key, match.target, link.score, "role_time", link.reason)
        if link.org_alias:
            self._org_alias(link.org_alias, link.actor, cue, link.score)
        return match, eid

    def _org_alias(self, written: str, person: KbActor, cue: _Cue, value: float) -> None:
        """File a swapped-word organisation name ("State Division") under the organisation
        whose title the linked person holds, with the same evidence."""
        role = next((r for r in person.roles if r.org), None)
        org = self.kb.lookup(name_key(role.org)) if role and role.org else None
        if org is None:
            return
        eid = entity_id(org.key)
        self.actors[eid] = org
        self.creators.setdefault(eid, org.key)
        for key in {name_key(written)[:MAX_KEY], strip_country(self.kb, name_key(written))[:MAX_KEY]}:
            if key and not self.known(key) and key not in self.kb.by_key:
                match = Match(key, org.key, value, "role_org", f"organisation of {person.name}'s title, "
                                                             f"one word swapped: {written!r}")
                self._file(key, eid, "ORG", match, cue)

    def _candidates(self, key: str) -> dict[str, str]:
        """Names filed under the same blocking keys (stored, or new in this batch), with types."""
        keys: set[str] = set()
        for block in blocking_keys(key):
            keys |= self.stored_blocks.get(block, set()) | self.batch_blocks.get(block, set())
        missing = [k for k in keys if k not in self.looked_up]
        if missing:
            self.owners.update(keystore.key_owners(self.conn, missing))
            self.looked_up.update(missing)
        return {k: self.owners[k][1] for k in keys if k in self.owners}

    def _file(self, key: str, eid: str, kind: str, match: Match | None, cue: _Cue) -> None:
        self.owners[key] = (eid, kind)
        self.new_rows.append((key, eid, kind))
        for block in blocking_keys(key):
            self.new_blocks.append((block, key))
            self.batch_blocks[block].add(key)
        if match is not None and match.method != "exact":
            self.merges.append({"entity_id": eid, "key": key, "score": match.score, "method": match.method,
                                "evidence": [{"reason": match.reason, **evidence_of(cue.mention)}]})

    def flush(self) -> None:
        keystore.file_keys(self.conn, self.new_rows, self.new_blocks)
        keystore.record_merges(self.conn, self.merges)


# --------------------------------------------------------------------------- entity rows


def _pick_name(aliases: Counter[str], key: str) -> str:
    full = Counter({a: n for a, n in aliases.items() if name_key(a) == key}) or aliases
    return max(full.items(), key=lambda kv: (kv[1], len(kv[0]), kv[0]))[0]


def kb_roles(kb: KnowledgeBase, actor: KbActor) -> list[Role]:
    """An actor's roles from the knowledge base, the organisation as an entity id."""
    out = []
    for r in actor.roles:
        org = kb.lookup(name_key(r.org)) if r.org else None
        out.append(Role(title=r.title, org=entity_id(org.key) if org else r.org, start=r.start, end=r.end))
    return out


def entity_row(kb: KnowledgeBase, eid: str, key: str, tally: _Tally, old: dict[str, Any] | None,
               actor: KbActor | None) -> dict[str, Any]:
    """The entity row after adding a batch's tally to what was stored (if anything)."""
    aliases = Counter(old["alias_counts"]) if old else Counter()
    types = Counter(old["type_counts"]) if old else Counter()
    aliases.update(tally.aliases)
    types.update(tally.types)
    old_roles = [Role.model_validate(r) for r in (old["roles"] or [])] if old else []
    roles = merge_roles(old_roles + (kb_roles(kb, actor) if actor and not old else []) + tally.roles)
    kind = actor.type if actor else max(types.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return {
        "id": eid,
        "key": old["key"] if old else key,
        "name": actor.name if actor else _pick_name(aliases, old["key"] if old else key),
        "type": kind,
        "aliases": sorted(aliases),
        "alias_counts": dict(aliases),
        "type_counts": dict(types),
        "country": (actor.country if actor else None) or (old["country"] if old else None)
        or _country(kb, kind, key),
        "roles": [r.model_dump(mode="json") for r in roles],
        "wikidata": (actor.wikidata if actor else None) or (old["wikidata"] if old else None),
        "sector": (actor.sector if actor else None) or (old.get("sector") if old else None),
        "mentions": (old["mentions"] if old else 0) + tally.mentions,
    }


def _country(kb: KnowledgeBase, kind: str, key: str) -> str | None:
    if kind != "GPE":
        return None
    place = kb.place(key)
    return place.country if place else None


# --------------------------------------------------------------------------- the step


class EntityResolver(UsesKnowledgeBase):
    """Corpus step: mentions of newly processed articles → entities (see module doc)."""

    name = "entities"
    version = "2"

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        super().__init__(kb)
        self._kb_by_id: dict[str, KbActor] | None = None

    def run(self, store: Store, article_ids: list[str]) -> dict[str, int]:
        with store.transaction() as conn:
            return self._resolve(store, conn, article_ids)

    def _resolve(self, store: Store, conn: Connection, article_ids: list[str]) -> dict[str, int]:
        by_article: dict[str, list[tuple[int, Mention]]] = defaultdict(list)
        for mid, mention in store.mentions_of(conn, article_ids, unlinked_only=True):
            by_article[mention.article].append((mid, mention))
        days = {a: _day(p) for a, p in keystore.published_dates(conn, list(by_article)).items()}
        items = [item for mentions in by_article.values() for item in article_keys(mentions)]
        cues: dict[str, _Cue] = {}
        for _, m, key in items:
            if key not in cues or (m.role is not None and cues[key].mention.role is None):
                cues[key] = _Cue(m, days.get(m.article))
        batch = _Batch(conn, self.kb, cues)
        order = sorted(cues, key=lambda k: (cues[k].mention.role is None, k))  # titled people first
        resolved = {key: batch.resolve(key, cues[key]) for key in order}
        links, tallies = self._link(conn, batch, items, resolved, days)
        keystore.observe_roles(conn, [(eid, title_key(r.title), r.org, r.start.start.isoformat())
                                      for eid, t in tallies.items() for r in t.roles if r.start.start])
        for mid, eid in self._role_holders(batch, by_article, days):
            tallies[eid].mentions += 1
            links.append((mid, eid))
        batch.flush()
        stats = self._write(store, conn, batch, tallies)
        store.link_mentions(conn, links)
        return {**stats, "mentions_linked": len(links), "merges_recorded": len(batch.merges)}

    def _org_name(self, batch: _Batch, org: str | None) -> str | None:
        """An organisation as written, or the KB name of the entity the store files it under
        ("State Division", once linked as a spun "State Department")."""
        if not org or not batch.known(key := name_key(org)):
            return org
        if self._kb_by_id is None:
            self._kb_by_id = {entity_id(a.key): a for a in self.kb.actors}
        actor = self._kb_by_id.get(batch.owners[key][0])
        return actor.name if actor else org

    def _role_holders(self, batch: _Batch, by_article: dict[str, list[tuple[int, Mention]]],
                      days: dict[str, date | None]) -> list[tuple[int, str]]:
        """ROLE mentions ("a US State Department spokesperson said") → the entity of the person
        the knowledge base says held that office on the article's date; others stay unlinked."""
        out: list[tuple[int, str]] = []
        noted: set[tuple[str, str]] = set()
        for mentions in by_article.values():
            for mid, m in mentions:
                if m.type != ROLE_TYPE or m.role is None:
                    continue
                day = days.get(m.article)
                found = self._holder(batch, m, day) if day else None
                if found is None:
                    continue
                eid, value, reason = found
                out.append((mid, eid))
                if (name_key(m.text), eid) not in noted:
                    noted.add((name_key(m.text), eid))
                    batch.merges.append({"entity_id": eid, "key": name_key(m.text)[:MAX_KEY], "score": value,
                                         "method": "role_holder", "evidence": [{"reason": reason, **evidence_of(m)}]})
        return out

    def _holder(self, batch: _Batch, m: Mention, day: date) -> tuple[str, float, str] | None:
        """(entity id, score, reason) of who held a ROLE mention's office on `day`: the KB's dated
        roles first, else the one person the store saw with that title within `OBSERVED_WINDOW`."""
        assert m.role is not None
        org_name = self._org_name(batch, m.role.org)
        holder = role_holder(self.kb, m.role.title, org_name, day)
        where = f"{m.role.title!r} of {m.role.org!r} on {day.isoformat()}"
        if holder is not None:
            eid = batch.resolve(holder.key, _Cue(m.model_copy(update={"type": "PERSON", "role": None}), day))
            return eid, 0.9, f"{where}: held by {holder.name} (knowledge base)"
        org = self._org_id(batch, m.role.org)
        if org is None:
            return None
        first, last = (day - OBSERVED_WINDOW).isoformat(), (day + OBSERVED_WINDOW).isoformat()
        seen = keystore.observed_holders(batch.conn, title_key(m.role.title), org, first, last)
        if len(seen) != 1:
            return None
        eid = keystore.follow(batch.redirect, seen.pop())
        return eid, 0.8, f"{where}: the one person seen with that title within {OBSERVED_WINDOW.days} days"

    def _org_id(self, batch: _Batch, org: str | None) -> str | None:
        if not org:
            return None
        actor = self.kb.lookup(name_key(org))
        if actor is not None:
            return entity_id(actor.key)
        return batch.owners[name_key(org)][0] if batch.known(name_key(org)) else None

    def _link(
        self, conn: Connection, batch: _Batch, items: list[tuple[int, Mention, str]], resolved: dict[str, str],
        days: dict[str, date | None],
    ) -> tuple[list[tuple[int, str]], dict[str, _Tally]]:
        texts = keystore.article_texts(conn, sorted({m.article for _, m, _ in items if m.role is not None}))
        tallies: dict[str, _Tally] = defaultdict(_Tally)
        links: list[tuple[int, str]] = []
        for mid, m, key in items:
            eid = resolved[key]
            surface = name_key(m.text)
            if surface != key and (eid, surface) in batch.splits:
                eid = batch.resolve(surface, _Cue(m.model_copy(update={"canonical": None}), None))
            tallies[eid].add(m)
            if m.role is not None and m.article in texts:
                tallies[eid].roles.append(mention_role(self.kb, batch.owners, m, texts[m.article],
                                                         days.get(m.article)))
            links.append((mid, eid))
        return links, tallies

    def _write(self, store: Store, conn: Connection, batch: _Batch, tallies: dict[str, _Tally]) -> dict[str, int]:
        existing = store.entities_by_id(conn, tallies)
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        for eid, tally in tallies.items():
            old = existing.get(eid)
            key = old["key"] if old else batch.creators.get(eid, "")
            actor = batch.actors.get(eid) or self.kb.by_key.get(key)
            if actor is not None and entity_id(actor.key) != eid:
                actor = None
            (changed if old else new).append(entity_row(self.kb, eid, key, tally, old, actor))
        store.upsert_entities(conn, new, changed)
        return {"entities_new": len(new), "entities_updated": len(changed)}
