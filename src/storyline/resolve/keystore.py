"""The resolver's tables: name key → entity, blocking index, merge evidence, user decisions.

All functions take the caller's connection, so a corpus step or a user decision is one
transaction. Reads are batched (`IN` lists of at most `CHUNK`), never a scan of a whole table.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from storyline.store import schema
from storyline.store.rows import now

CHUNK = 500


def _chunks(items: Sequence[Any]) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


def key_owners(conn: Connection, keys: Iterable[str]) -> dict[str, tuple[str, str]]:
    """key → (entity id, type) for the keys already filed."""
    k = schema.entity_keys
    out: dict[str, tuple[str, str]] = {}
    for chunk in _chunks(sorted(set(keys))):
        for key, eid, kind in conn.execute(select(k.c.key, k.c.entity_id, k.c.type).where(k.c.key.in_(chunk))):
            out[key] = (eid, kind)
    return out


def block_members(conn: Connection, blocks: Iterable[str]) -> dict[str, set[str]]:
    """block → the keys filed under it."""
    b = schema.entity_blocks
    out: dict[str, set[str]] = {}
    for chunk in _chunks(sorted(set(blocks))):
        for block, key in conn.execute(select(b.c.block, b.c.key).where(b.c.block.in_(chunk))):
            out.setdefault(block, set()).add(key)
    return out


def file_keys(conn: Connection, rows: list[tuple[str, str, str]], blocks: list[tuple[str, str]]) -> None:
    """Insert (key, entity id, type) rows and (block, key) rows (new keys only)."""
    if rows:
        conn.execute(insert(schema.entity_keys), [{"key": k, "entity_id": e, "type": t} for k, e, t in rows])
    if blocks:
        conn.execute(insert(schema.entity_blocks), [{"block": b, "key": k} for b, k in sorted(set(blocks))])


def move_keys(conn: Connection, keys: Sequence[str], entity_id: str) -> None:
    k = schema.entity_keys
    for chunk in _chunks(list(keys)):
        conn.execute(update(k).where(k.c.key.in_(chunk)).values(entity_id=entity_id))


def keys_of(conn: Connection, entity_id: str) -> list[str]:
    k = schema.entity_keys
    return list(conn.execute(select(k.c.key).where(k.c.entity_id == entity_id).order_by(k.c.key)).scalars())


def record_merges(conn: Connection, merges: list[dict[str, Any]]) -> None:
    """Keep why each name joined its entity: entity id, key, score, method, evidence."""
    if merges:
        stamp = now()
        conn.execute(insert(schema.entity_merges), [{**m, "created_at": stamp} for m in merges])


def merges_of(conn: Connection, entity_id: str) -> list[dict[str, Any]]:
    m = schema.entity_merges
    query = select(m.c.key, m.c.score, m.c.method, m.c.evidence).where(m.c.entity_id == entity_id).order_by(m.c.id)
    return [dict(r) for r in conn.execute(query).mappings()]


def reassign_merges(conn: Connection, old: str, new: str) -> None:
    m = schema.entity_merges
    conn.execute(update(m).where(m.c.entity_id == old).values(entity_id=new))


def add_decision(conn: Connection, action: str, entity_id: str, other: str) -> None:
    conn.execute(insert(schema.entity_decisions).values(action=action, entity_id=entity_id, other=other,
                                                        created_at=now()))


def decisions(conn: Connection) -> tuple[dict[str, str], set[tuple[str, str]]]:
    """The user's decisions: merged entity id → surviving id, and (entity id, key) splits."""
    d = schema.entity_decisions
    redirect: dict[str, str] = {}
    splits: set[tuple[str, str]] = set()
    for action, eid, other in conn.execute(select(d.c.action, d.c.entity_id, d.c.other).order_by(d.c.id)):
        if action == "merge":
            redirect[other] = eid
            splits.discard((eid, other))
        elif action == "split":
            splits.add((eid, other))
    return redirect, splits


def follow(redirect: dict[str, str], entity_id: str) -> str:
    """Where a merged-away entity id now lives (merges can chain)."""
    seen = set()
    while entity_id in redirect and entity_id not in seen:
        seen.add(entity_id)
        entity_id = redirect[entity_id]
    return entity_id


def delete_entity(conn: Connection, entity_id: str) -> None:
    conn.execute(delete(schema.entities).where(schema.entities.c.id == entity_id))


def published_dates(conn: Connection, article_ids: Sequence[str]) -> dict[str, str | None]:
    """article id → first day of its publication date (ISO), for dating roles."""
    a = schema.articles
    out: dict[str, str | None] = {}
    for chunk in _chunks(list(article_ids)):
        out.update(dict(conn.execute(select(a.c.id, a.c.published_start).where(a.c.id.in_(chunk))).all()))
    return out


def article_texts(conn: Connection, article_ids: Sequence[str]) -> dict[str, str]:
    a = schema.articles
    out: dict[str, str] = {}
    for chunk in _chunks(list(article_ids)):
        out.update(dict(conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(chunk))).all()))
    return out


def observe_roles(conn: Connection, rows: list[tuple[str, str, str | None, str]]) -> None:
    """Record (entity id, title key, org entity id, day) observations of titled people."""
    if rows:
        values = [{"entity_id": e, "title": t[:255], "org": (o or "")[:255] or None, "day": d} for e, t, o, d in rows]
        conn.execute(insert(schema.entity_roles), values)


def observed_holders(conn: Connection, title: str, org: str, first: str, last: str) -> set[str]:
    """Entities seen holding `title` at `org` between two days (ISO)."""
    r = schema.entity_roles
    query = select(r.c.entity_id).where(r.c.title == title, r.c.org == org, r.c.day >= first, r.c.day <= last)
    return set(conn.execute(query).scalars())


def move_roles(conn: Connection, old: str, new: str) -> None:
    r = schema.entity_roles
    conn.execute(update(r).where(r.c.entity_id == old).values(entity_id=new))
