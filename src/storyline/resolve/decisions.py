"""The user's say over entities: merge two, split a name off one, list and show them.

A decision is stored (`entity_decisions`) and applied at once: mentions, name keys and merge
evidence move, and the entities involved are counted afresh from their mentions. The resolver
reads the decisions on every run, so they hold when documents are added or processed again:
a merged-away entity's names keep going to the entity it was merged into, and a split-off name
never rejoins the entity it was split from.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Connection, delete, select, update

from storyline.errors import Code, StoreError
from storyline.model import Entity
from storyline.resolve import keystore
from storyline.resolve.entities import MAX_KEY, entity_id, entity_row, tally_mentions
from storyline.resolve.kb import KnowledgeBase, load_kb
from storyline.resolve.names import name_key
from storyline.store import Store, schema
from storyline.store.rows import row_entity, row_mention

log = logging.getLogger(__name__)


def find_entity(conn: Connection, ref: str) -> str:
    """An entity id from an id, a name key any of its mentions resolved through, or its name."""
    e = schema.entities
    if conn.execute(select(e.c.id).where(e.c.id == ref)).first():
        return ref
    owner = keystore.key_owners(conn, [name_key(ref)]).get(name_key(ref))
    if owner:
        return owner[0]
    found = conn.execute(select(e.c.id).where(e.c.name == ref).order_by(e.c.mentions.desc())).first()
    if found:
        return str(found[0])
    raise StoreError(Code.E504, f"entity {ref!r}")


def rebuild(conn: Connection, kb: KnowledgeBase, eid: str, key: str) -> None:
    """Count an entity afresh from its mentions (deleted when none is left)."""
    m = schema.mentions
    mentions = [row_mention(r) for r in conn.execute(select(m).where(m.c.entity_id == eid).order_by(m.c.id)).mappings()]
    keystore.delete_entity(conn, eid)
    if not mentions:
        return
    actor = kb.by_key.get(key)
    if actor is not None and entity_id(actor.key) != eid:
        actor = None
    row = entity_row(kb, eid, key, tally_mentions(kb, conn, mentions), None, actor)
    conn.execute(schema.entities.insert().values(**row))


def _entity_key(conn: Connection, eid: str) -> str:
    e = schema.entities
    found = conn.execute(select(e.c.key).where(e.c.id == eid)).first()
    return str(found[0]) if found else ""


def merge(store: Store, keep_ref: str, other_ref: str, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """Merge entity `other_ref` into `keep_ref` (ids or names); pinned for later runs."""
    kb = kb or load_kb()
    with store.transaction() as conn:
        keep, other = find_entity(conn, keep_ref), find_entity(conn, other_ref)
        if keep == other:
            return {"entity": keep, "merged": None}
        keys = keystore.keys_of(conn, other)
        other_key = _entity_key(conn, other)
        keystore.add_decision(conn, "merge", keep, other)
        keystore.move_keys(conn, keys, keep)
        m = schema.mentions
        conn.execute(update(m).where(m.c.entity_id == other).values(entity_id=keep))
        keystore.reassign_merges(conn, other, keep)
        keystore.move_roles(conn, other, keep)
        reason = f"merged by the user: {other_ref!r} into {keep_ref!r}"
        keystore.record_merges(conn, [{"entity_id": keep, "key": other_key or other, "score": 1.0,
                                       "method": "user", "evidence": [{"reason": reason}]}])
        keystore.delete_entity(conn, other)
        rebuild(conn, kb, keep, _entity_key(conn, keep) or other_key)
    log.info("merged %s into %s", other, keep)
    return {"entity": keep, "merged": other, "keys": keys}


def split(store: Store, ref: str, alias: str, kb: KnowledgeBase | None = None) -> dict[str, Any]:
    """Split the name `alias` (its mentions and key) off entity `ref` into an entity of its own."""
    kb = kb or load_kb()
    key = name_key(alias)[:MAX_KEY]
    with store.transaction() as conn:
        eid = find_entity(conn, ref)
        own_key = _entity_key(conn, eid)
        new = entity_id(key) if entity_id(key) != eid else entity_id(key + "\x00split")
        keystore.add_decision(conn, "split", eid, key)
        m = schema.mentions
        rows = conn.execute(select(m.c.id, m.c.text, m.c.canonical).where(m.c.entity_id == eid)).all()
        moved = [mid for mid, text, canonical in rows if key in (name_key(text), name_key(canonical or ""))]
        for start in range(0, len(moved), 500):
            conn.execute(update(m).where(m.c.id.in_(moved[start:start + 500])).values(entity_id=new))
        conn.execute(delete(schema.entity_keys).where(schema.entity_keys.c.key == key))
        keystore.file_keys(conn, [(key, new, "")], [])
        rebuild(conn, kb, eid, own_key)
        rebuild(conn, kb, new, key)
    log.info("split %r off %s into %s (%d mentions)", alias, eid, new, len(moved))
    return {"entity": eid, "split_off": new, "key": key, "mentions_moved": len(moved)}


def list_entities(store: Store, limit: int = 50, types: tuple[str, ...] = ()) -> list[Entity]:
    return store.top_entities(limit, types)


def show(store: Store, ref: str) -> dict[str, Any]:
    """An entity with its name keys, the evidence of every merge, and the user's decisions."""
    with store.engine.connect() as conn:
        eid = find_entity(conn, ref)
        row = conn.execute(select(schema.entities).where(schema.entities.c.id == eid)).mappings().first()
        if row is None:
            raise StoreError(Code.E504, f"entity {ref!r}")
        d = schema.entity_decisions
        decided = conn.execute(select(d.c.action, d.c.entity_id, d.c.other, d.c.created_at)
                               .where((d.c.entity_id == eid) | (d.c.other == eid))).mappings()
        return {
            "entity": row_entity(row).model_dump(mode="json"),
            "keys": keystore.keys_of(conn, eid),
            "merges": keystore.merges_of(conn, eid),
            "decisions": [dict(x) for x in decided],
        }
