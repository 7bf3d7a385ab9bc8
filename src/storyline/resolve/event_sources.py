"""The independent sources of a joined event, counted, and kept as reports arrive.

An event's confidence counts its *independent* sources over all its reporting articles: an
article flagged as a copy or a spun rewrite (`COPY_FLAGS`) of another reporting article is one
source with it, and a source whose every article carries an untrusted flag (`UNTRUSTED_FLAGS`)
confirms nothing (`count`). For an event whose stored record is cut (`events.cut`: more than a
dozen reporting articles), counting afresh would read every reporting article and its flags
each time one more report joins: a cost that grows with the event, so that the thousandth
report of a much-reported event costs a hundred times the tenth. For those events the grouping
is stored instead, and kept as reports arrive:

- `event_sources`: one row per reporting article: its source (an article of its group, the
  same for all of them) and whether it is trusted;
- `event_source_links`: an article's copy relations to articles that do not (yet) report the
  event, so that the original's later arrival puts it in its copies' group;
- `event_source_counts`: per event, its sources, the sources with a trusted article, and the
  trusted articles (`Tally`).

A new report joins, and a reporting article whose flags changed is noted again (`note`), by a
few indexed reads of its own relations and its group's rows, whatever the size of the event.
An event rebuilt from its mentions, or cut before this was kept, gets its rows made from all
its articles once (`reset`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy import update as update_rows

from storyline.model import Flag

COPY_FLAGS = frozenset({"near_duplicate", "spun"})
UNTRUSTED_FLAGS = frozenset({"near_duplicate", "spun", "machine_translated", "date_conflict"})

metadata = MetaData()
event_sources = Table(
    "event_sources",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("article_id", Text, primary_key=True),
    Column("source", Text, nullable=False),
    Column("trusted", Integer, nullable=False),
)
Index("ix_event_sources_source", event_sources.c.event_id, event_sources.c.source)
event_source_links = Table(
    "event_source_links",
    metadata,
    Column("event_id", String(64), nullable=False),
    Column("article_id", Text, nullable=False),
    Column("related", Text, nullable=False),
)
Index("ix_event_source_links_related", event_source_links.c.event_id, event_source_links.c.related)
event_source_counts = Table(
    "event_source_counts",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("sources", Integer, nullable=False),
    Column("confirming", Integer, nullable=False),
    Column("trusted", Integer, nullable=False),
)
TABLES = (event_sources, event_source_links, event_source_counts)


@dataclass(frozen=True)
class Tally:
    """What an event's confidence needs of its reporting articles."""

    sources: int  # independent sources: groups of an article and its copies
    confirming: int  # sources with at least one trusted article
    trusted: int  # articles without an untrusted flag


def related(flags: Sequence[Flag]) -> set[str]:
    """The articles an article's copy flags say it was copied or spun from."""
    return {other for f in flags if f.type in COPY_FLAGS for other in f.related}


def trusted(flags: Sequence[Flag]) -> bool:
    return not any(f.type in UNTRUSTED_FLAGS for f in flags)


def sources(articles: Sequence[str], flags: Mapping[str, Sequence[Flag]]) -> list[set[str]]:
    """The event's articles grouped into independent sources: an article flagged as a copy or a
    spun rewrite of another reporting article is in that article's group."""
    group = {a: {a} for a in articles}
    for a in articles:
        for other in related(flags.get(a, [])):
            if other in group and group[other] is not group[a]:
                merged = group[a] | group[other]
                for member in merged:
                    group[member] = merged
    out: list[set[str]] = []
    for members in group.values():
        if all(members is not g for g in out):
            out.append(members)
    return out


def count(articles: Sequence[str], flags: Mapping[str, Sequence[Flag]]) -> Tally:
    """The tally of these reporting articles, counted afresh."""
    groups = sources(articles, flags)
    sound = {a for a in articles if trusted(flags.get(a, []))}
    return Tally(len(groups), sum(1 for g in groups if g & sound), len(sound))


def ensure(conn: Connection) -> None:
    """Create the tables on a store that has none (an event gets its rows when first needed)."""
    metadata.create_all(conn, checkfirst=True)


def stored(conn: Connection, event_id: str) -> Tally | None:
    """The event's kept tally, or None when it has none (never cut, or kept by no release yet)."""
    row = conn.execute(_COUNTS, {"e": event_id}).first()
    return None if row is None else Tally(int(row[0]), int(row[1]), int(row[2]))


def forget(conn: Connection, event_ids: Sequence[str]) -> None:
    """Drop the kept rows of these events (deleted, or about to be made afresh)."""
    for i in range(0, len(event_ids), 500):
        chunk = list(event_ids[i:i + 500])
        for table in TABLES:
            conn.execute(delete(table).where(table.c.event_id.in_(chunk)))


def reset(conn: Connection, event_id: str, articles: Sequence[str], flags: Mapping[str, Sequence[Flag]]) -> Tally:
    """Keep the event's grouping, made afresh from all its reporting articles."""
    forget(conn, [event_id])
    members = set(articles)
    rows, links = [], []
    for group in sources(list(dict.fromkeys(articles)), flags):
        source = min(group)
        for a in sorted(group):
            rows.append({"event_id": event_id, "article_id": a, "source": source,
                         "trusted": int(trusted(flags.get(a, [])))})
            links += [{"event_id": event_id, "article_id": a, "related": r}
                      for r in sorted(related(flags.get(a, [])) - members)]
    for table, values in ((event_sources, rows), (event_source_links, links)):
        for i in range(0, len(values), 1000):
            conn.execute(insert(table), values[i:i + 1000])
    return _write(conn, event_id, count(articles, flags), new=True)


# `note`'s statements, built once (a batch notes hundreds of reports): `e` the event, `a` the article
_S, _L, _C = event_sources, event_source_links, event_source_counts
_COUNTS = select(_C.c.sources, _C.c.confirming, _C.c.trusted).where(_C.c.event_id == bindparam("e"))
_ROW = select(_S.c.source, _S.c.trusted).where(_S.c.event_id == bindparam("e"), _S.c.article_id == bindparam("a"))
_COPIES = select(_L.c.article_id).where(_L.c.event_id == bindparam("e"), _L.c.related == bindparam("a"))
_GROUPS = select(_S.c.article_id, _S.c.source).where(
    _S.c.event_id == bindparam("e"), _S.c.article_id.in_(bindparam("wanted", expanding=True)))
_CONFIRMED = select(func.max(_S.c.trusted)).where(_S.c.event_id == bindparam("e"), _S.c.source == bindparam("g"))
_MERGE = update_rows(_S).where(_S.c.event_id == bindparam("e"), _S.c.source == bindparam("g")).values(
    source=bindparam("into"))
_TRUST = update_rows(_S).where(_S.c.event_id == bindparam("e"), _S.c.article_id == bindparam("a")).values(
    trusted=bindparam("sound"))
_RESOLVED = delete(_L).where(_L.c.event_id == bindparam("e"), _L.c.related == bindparam("a"))
_OWN_LINKS = delete(_L).where(_L.c.event_id == bindparam("e"), _L.c.article_id == bindparam("a"))
_WRITE = update_rows(_C).where(_C.c.event_id == bindparam("e")).values(
    sources=bindparam("n"), confirming=bindparam("confirming_n"), trusted=bindparam("trusted_n"))


def note(conn: Connection, event_id: str, article: str, flags: Sequence[Flag]) -> Tally:
    """A reporting article of an event whose grouping is kept (`reset` first), new to it or
    with new flags: it joins the group of the reporting articles it is a copy of (and, new, of
    those that are copies of it), merging them into one, else starts its own; its trust is set.
    Each read is by a key (never a scan of the event's rows). Flags are only ever added to a
    stored article (a re-processed one rebuilds its events), so a group never has to split."""
    key = {"e": event_id, "a": article}
    now = stored(conn, event_id)
    assert now is not None, f"{event_id}: no kept sources"
    row = conn.execute(_ROW, key).first()
    out = related(flags) - {article}
    copies = [] if row is not None else conn.execute(_COPIES, key).scalars().all()  # its copies that came first
    wanted = sorted(out | {str(a) for a in copies})
    found = conn.execute(_GROUPS, {"e": event_id, "wanted": wanted}).all() if wanted else []
    groups = sorted({str(source) for _, source in found} | ({str(row.source)} if row else set()))
    confirmed = sum(_confirmed(conn, event_id, g) for g in groups)
    source = groups[0] if groups else article
    for other in groups[1:]:
        conn.execute(_MERGE, {"e": event_id, "g": other, "into": source})
    sound = int(trusted(flags))
    if row is None:
        conn.execute(insert(_S), {"event_id": event_id, "article_id": article, "source": source, "trusted": sound})
        if copies:
            conn.execute(_RESOLVED, key)
    else:
        conn.execute(_TRUST, {**key, "sound": sound})
        conn.execute(_OWN_LINKS, key)
    links = [{"event_id": event_id, "article_id": article, "related": r}
             for r in sorted(out - {str(a) for a, _ in found})]
    if links:
        conn.execute(insert(_L), links)
    tally = Tally(now.sources + 1 - len(groups),
                  now.confirming - confirmed + int(_confirmed(conn, event_id, source)),
                  now.trusted + sound - (int(row.trusted) if row else 0))
    return _write(conn, event_id, tally)


def _confirmed(conn: Connection, event_id: str, source: str) -> bool:
    """Whether a kept group has a trusted article (read over the group's rows alone)."""
    return bool(conn.execute(_CONFIRMED, {"e": event_id, "g": source}).scalar())


def _write(conn: Connection, event_id: str, tally: Tally, new: bool = False) -> Tally:
    if new:
        conn.execute(insert(_C), {"event_id": event_id, "sources": tally.sources, "confirming": tally.confirming,
                                  "trusted": tally.trusted})
    else:
        conn.execute(_WRITE, {"e": event_id, "n": tally.sources, "confirming_n": tally.confirming,
                              "trusted_n": tally.trusted})
    return tally
