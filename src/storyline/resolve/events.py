"""Corpus step: per-article events joined into one record per real-world event.

The per-document stage stores each article's events (`article_events`, article-local ids: the
*mentions* of events). For the articles added since the last run, this step

1. forgets what earlier versions of their documents said: a re-processed (changed) document's
   old mentions leave the joined events they were in, each such event is rebuilt from the
   mentions it has left (evidence, parties, date, place, confidence), and an event left
   without any is deleted (indexed on `event_mentions.document_id`);
2. links parties to entities: a party whose text (or the canonical name the article gives it)
   is that of a mention the entity resolver linked gets `identifier_id`/`identifier_text`;
3. joins each new mention to a stored event of the same PLOVER type that shares a join key
   with it (a pair of its actor's and its recipient's entity, name or country; an actor alone
   between events dated by their text; or the sentence's words), read by an indexed query on
   `event_keys (event, key, date_start, date_end)` over the new mention's date window only
   (never the whole table, never all pairs, never the window's events without a shared key),
   when
   - their date intervals overlap (day-precise dates get `DAY_SLACK` days either side, since
     an undated sentence falls back to its article's publication day),
   - their parties overlap (entity ids, else normalised names): some actor of the new event is
     a party of the stored one and, when both name recipients, some recipient too,
   - their places do not contradict (different countries, or different known places);
   - when either date is only the article's publication date (no time expression in the
     sentence), both actors and recipients are shared;
   events of one article are joined when both are dated by the text (a headline and its
   lead), or when one is and both name the same actor and recipient (a story's undated
   mentions of a kind of event are otherwise more often different events);
   two articles stating an event in the same sentence (a syndicated copy) need only
   compatible dates and places; of several candidates, the one sharing most parties and nearest in date wins;
4. writes the joined record under the first mention's id (kept when more evidence joins or
   leaves) to `events` with its date columns, one `event_articles` row per reporting article,
   its join keys to `event_keys`, and one `event_mentions` row per mention (the mention as
   linked, the event it joined). A join updates the stored event in place (its row, the new
   article's row, the new keys); only a mention leaving rebuilds an event from its mentions.
   The record stays bounded however many articles report the event (`bounded`; `complete`
   gives readers every article and evidence span back).

Confidence: the best single mention's, raised 0.1 per further *independent* source that has an
unflagged article. Articles flagged `near_duplicate` or `spun` with a `related` article that
also reports the event count with it, once (`independent_sources` is the number of such
groups); an event whose every article is flagged `spun`, `near_duplicate`,
`machine_translated` or `date_conflict` is multiplied by `COPY_PENALTY`.
For an event whose stored record is cut, the grouping is kept in the store and a new report
only notes its own relations (`event_sources`), so that joining costs the same for the
thousandth report as for the tenth.
Events without a known date are never joined across articles.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Index,
    MetaData,
    String,
    Table,
    Text,
    and_,
    bindparam,
    delete,
    func,
    insert,
    inspect,
    select,
    update,
)
from sqlalchemy.types import JSON

from storyline.model import Event, Evidence, Flag, PartialDate
from storyline.resolve import event_sources
from storyline.resolve.event_sources import COPY_FLAGS, Tally
from storyline.resolve.names import name_key
from storyline.store import Store, queues, schema
from storyline.store.migrations import meta_value, set_meta

log = logging.getLogger(__name__)

DAY_SLACK = 2
# the widest stored interval a new mention is compared with (a year-precise date and a little)
MAX_SPAN_DAYS = 400
COPY_PENALTY = 0.6
PARSED_KEPT = 2000  # stored candidate events kept parsed within one run of the step
CANDIDATES_READ = 100  # mentions whose stored candidates are read and parsed together
# A stored event record stays bounded however many articles report the event, so that joining
# one more mention costs the same for the tenth report and the thousandth: it keeps the first
# `ARTICLES_KEPT` reporting articles and `EVIDENCE_KEPT` evidence spans (all of them are in
# `event_articles` and `event_mentions`; `complete` puts them back for readers) and the first
# `PARTIES_KEPT` actors and recipients of different keys (later spellings of a linked entity
# share its key and add nothing; a mention naming only parties beyond these no longer finds the
# event by them).
ARTICLES_KEPT = 12
EVIDENCE_KEPT = 12
PARTIES_KEPT = 12
RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT", "SUPPORT"})

# The mentions behind each joined event. Owned by this step (created on its first run, and
# filled then from the stored events), and not among the per-article tables a re-processed
# document's rows are deleted from: it is what tells this step which events cited the old text.
metadata = MetaData()
event_mentions = Table(
    "event_mentions",
    metadata,
    Column("mention_id", String(64), primary_key=True),
    Column("event_id", String(64), nullable=False),  # by event: `ix_event_mentions_best`
    Column("article_id", Text, nullable=False, index=True),
    Column("document_id", Text, nullable=False),
    Column("confidence", Float, nullable=False, default=0.0),
    Column("record", JSON, nullable=False),
)
Index("ix_event_mentions_document", event_mentions.c.document_id)
# an event's best mention (`best_mention`) read from the index alone, not from every mention's row
Index("ix_event_mentions_best", event_mentions.c.event_id, event_mentions.c.confidence)
BEST_MENTION_INDEX = "CREATE INDEX IF NOT EXISTS ix_event_mentions_best ON event_mentions (event_id, confidence)"
# What can join a stored event: each key of its parties (entity id, name, country code) and
# the words of its sentence, with its type and dates (`candidates` reads a new mention's keys
# whose stored interval overlaps its own: the index covers the end date, so a key shared by
# thousands of events in the year before is filtered in the index). Owned by this step like
# `event_mentions`; rewritten with the event.
event_keys = Table(
    "event_keys",
    metadata,
    Column("event_id", String(64), primary_key=True),
    Column("key", Text, primary_key=True),
    Column("event", String(16), nullable=False),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
)
Index("ix_event_keys_window", event_keys.c.event, event_keys.c.key, event_keys.c.date_start, event_keys.c.date_end)
# stores made before `date_end` was in `event_keys` (`ensure_tables` adds it)
KEYS_END_MIGRATION = (
    "ALTER TABLE event_keys ADD COLUMN date_end VARCHAR(10)",
    "UPDATE event_keys SET date_end = (SELECT date_end FROM events WHERE events.id = event_keys.event_id)",
    "DROP INDEX IF EXISTS ix_event_keys_lookup",
    "CREATE INDEX IF NOT EXISTS ix_event_keys_window ON event_keys (event, key, date_start, date_end)",
)
# The events this step created, changed or deleted since the `event_index` step last ran: that
# step re-indexes exactly these (and empties the queue) in its own transaction, so a run killed
# between the two steps leaves the work queued, not lost.
event_index_queue = Table(
    "event_index_queue",
    metadata,
    Column("event_id", String(64), primary_key=True),
)
# Stored articles whose events' dates changed after they were joined (a misdated page whose
# dates the `date_conflict` step resolved again against its inferred date: `extract/time/redate`):
# the step's next run takes their documents' mentions out of their events and joins them again,
# as for a re-processed document. Created by whoever writes it first (`rejoin_later`).
event_rejoin_queue = Table(
    "event_rejoin_queue",
    metadata,
    Column("article_id", Text, primary_key=True),
)
# candidates by type and date window (also created by the API's migration; same name)
EVENTS_TYPE_DATE = "CREATE INDEX IF NOT EXISTS ix_events_type_date ON events (event, date_start, id)"


# --------------------------------------------------------------------------- reading the store

def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def article_events(conn: Connection, article_ids: Sequence[str]) -> list[Event]:
    t = schema.article_events
    out: list[Event] = []
    for chunk in _chunks(list(article_ids)):
        query = select(t.c.record).where(t.c.article_id.in_(chunk)).order_by(t.c.article_id, t.c.id)
        out += [Event.model_validate(r) for r in conn.execute(query).scalars()]
    return out


def documents_of(conn: Connection, article_ids: Sequence[str]) -> dict[str, str]:
    """article id → document id."""
    a = schema.articles
    out: dict[str, str] = {}
    for chunk in _chunks(list(article_ids)):
        out.update({str(i): str(d) for i, d in conn.execute(select(a.c.id, a.c.document_id).where(a.c.id.in_(chunk)))})
    return out


def name_links(conn: Connection, article_ids: Sequence[str]) -> dict[str, dict[str, str]]:
    """article id → normalised mention text (and canonical name) → linked entity id."""
    m = schema.mentions
    out: dict[str, dict[str, str]] = {}
    for chunk in _chunks(list(article_ids)):
        query = select(m.c.article_id, m.c.text, m.c.canonical, m.c.entity_id).where(
            m.c.article_id.in_(chunk), m.c.entity_id.is_not(None))
        for aid, text, canonical, eid in conn.execute(query).all():
            names = out.setdefault(aid, {})
            for name in (text, canonical):
                if name:
                    names.setdefault(name_key(name), eid)
    return out


def entity_names(conn: Connection, ids: set[str]) -> dict[str, str]:
    e = schema.entities
    out: dict[str, str] = {}
    for chunk in _chunks(sorted(ids)):
        out.update({str(i): str(n) for i, n in conn.execute(select(e.c.id, e.c.name).where(e.c.id.in_(chunk))).all()})
    return out


def article_flags(conn: Connection, article_ids: set[str]) -> dict[str, list[Flag]]:
    """The source-quality flags of these articles (only those flagged)."""
    from storyline.store.store import articles_by_id

    out: dict[str, list[Flag]] = {}
    for row in articles_by_id(conn, ("id", "flags"), article_ids):
        found = [Flag.model_validate(f) for f in row.flags or [] if isinstance(f, dict)]
        if found:
            out[str(row.id)] = found
    return out


def copy_flagged(conn: Connection, article_ids: set[str]) -> set[str]:
    """The articles flagged as copies or spun rewrites."""
    return {a for a, flags in article_flags(conn, article_ids).items() if any(f.type in COPY_FLAGS for f in flags)}


def candidates(conn: Connection, event: Event, parsed: dict[str, Event] | None = None,
               windows: StoredWindows | None = None) -> list[Event]:
    """Stored events of the same type whose dates fall in the new event's window and whose join
    keys say they could join it (`could_join`: no other can pass `same_event`): an index range
    on `event_keys (event, key, date_start, date_end)` per lookup key, bounded on both sides, so
    only the events with these parties in this window are looked at, and only those whose
    parties fit in their roles are read. A mention with no key at all is read against the whole
    window of its type. `parsed` (event id -> stored event) keeps the records read before: only
    the others' are read and parsed. With `windows` read for the mention's batch, the ids come
    from there."""
    parsed = {} if parsed is None else parsed
    known = windows.ids(event) if windows is not None else None
    ids = candidate_ids(conn, event) if known is None else known
    _parse(conn, [i for i in ids if i not in parsed], parsed)
    return [parsed[i] for i in ids]


def _parse(conn: Connection, ids: Sequence[str], parsed: dict[str, Event]) -> None:
    """Read and parse these stored events into `parsed` (event id -> event)."""
    t = schema.events
    for chunk in _chunks(ids):
        parsed.update({str(i): Event.model_validate(r) for i, r in conn.execute(
            select(t.c.id, t.c.record).where(t.c.id.in_(chunk))).all()})


def candidate_ids(conn: Connection, event: Event) -> list[str]:
    """The ids of `candidates`, in date order (then id): a keyed mention's as `StoredWindows`
    reads them for a batch of one; a mention without keys, the whole window of its type."""
    if event.when.start is None or event.when.end is None:
        return []
    keyed = StoredWindows(conn, [event]).ids(event)
    if keyed is not None:
        return keyed
    t = schema.events
    earliest, low, high = _window(event)
    window = and_(t.c.event == event.event, t.c.date_start >= earliest, t.c.date_start <= high,
                  t.c.date_end >= low)
    query = select(t.c.id).where(window).order_by(t.c.date_start, t.c.id)
    return [str(i) for i in conn.execute(query).scalars()]


class StoredWindows:
    """The stored events a batch of mentions can join, read up front. The batch's mentions of
    each type are grouped by date (`_date_groups`: groups no wider than `GROUP_DAYS`); each
    group makes one range query on the key index per 500 of its join keys, for the stored
    intervals that overlap the group's. `ids` then gives each mention what `candidate_ids`
    would (same order), from memory: a batch of 500 articles makes a few hundred queries
    instead of two per mention, and reads no key of a date far from its mentions'. Stored rows
    do not change within a run of the step (`Pending` writes at its end), so what is read
    stays true for the batch."""

    def __init__(self, conn: Connection, mentions: Sequence[Event]) -> None:
        # (type, key) -> (date_start, date_end, event id)
        self.by_key: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
        self.keys: dict[str, set[str]] = {}  # mention id -> its lookup keys, for the mentions read for
        by_type: dict[str, list[Event]] = {}
        for m in mentions:
            if m.when.start is not None and m.when.end is not None and (keys := lookup_keys(m)):
                self.keys[m.id] = keys
                by_type.setdefault(m.event, []).append(m)
        for kind, group in by_type.items():
            for dated in _date_groups(group):
                self._read(conn, kind, dated)

    def _read(self, conn: Connection, kind: str, group: list[Event]) -> None:
        for narrow in (True, False):  # narrow stored intervals start at most NARROW_DAYS back
            windows = [_window(m, narrow) for m in group]
            earliest, low, high = min(w[0] for w in windows), min(w[1] for w in windows), max(w[2] for w in windows)
            keys = sorted({key for m in group for key in self.keys[m.id] if narrow_key(key) == narrow})
            for chunk in _chunks(keys):
                for event_id, key, start, end in conn.execute(_KEYS_IN_WINDOW, {
                        "kind": kind, "keys": list(chunk), "earliest": earliest, "low": low, "high": high}).all():
                    self.by_key.setdefault((kind, str(key)), set()).add((str(start), str(end), str(event_id)))

    def ids(self, event: Event) -> list[str] | None:
        """`candidate_ids(conn, event)` for a mention this was read for (None for another)."""
        if event.id not in self.keys:
            return None
        earliest, low, high = _window(event)
        hits: dict[tuple[str, str], set[str]] = {}
        for key in self.keys[event.id]:
            for start, end, i in self.by_key.get((event.event, key), ()):
                if earliest <= start <= high and end >= low:
                    hits.setdefault((start, i), set()).add(key)
        return [i for (_, i), found in sorted(hits.items()) if could_join(event, found)]


# `StoredWindows`' query, built once: a batch makes hundreds, each with up to 500 keys
_KEYS_IN_WINDOW = select(event_keys.c.event_id, event_keys.c.key, event_keys.c.date_start, event_keys.c.date_end).where(
    event_keys.c.event == bindparam("kind"), event_keys.c.key.in_(bindparam("keys", expanding=True)),
    event_keys.c.date_start >= bindparam("earliest"), event_keys.c.date_start <= bindparam("high"),
    event_keys.c.date_end >= bindparam("low"))

GROUP_DAYS = 31  # the widest date span of the mentions `StoredWindows` reads for in one query


def _date_groups(mentions: list[Event]) -> Iterator[list[Event]]:
    """The mentions in runs of dates no wider than `GROUP_DAYS` (by start date)."""
    ordered = sorted(mentions, key=lambda m: (m.when.start or date.min, m.id))
    group: list[Event] = []
    for m in ordered:
        if group and m.when.start is not None and group[0].when.start is not None \
                and (m.when.start - group[0].when.start).days > GROUP_DAYS:
            yield group
            group = []
        group.append(m)
    if group:
        yield group


def _window(event: Event, narrow: bool = False) -> tuple[str, str, str]:
    """`_date_window` in ISO dates, as the store compares them."""
    earliest, low, high = _date_window(event, narrow)
    return earliest.isoformat(), low.isoformat(), high.isoformat()


def _date_window(event: Event, narrow: bool = False) -> tuple[date, date, date]:
    """The dates a stored event's start must lie between, and its end reach, to be a candidate
    of this dated mention: earliest start, lowest end, latest start (of a `narrow` stored event,
    whose start is at most `NARROW_DAYS` before its end)."""
    assert event.when.start is not None and event.when.end is not None
    low = event.when.start - timedelta(days=DAY_SLACK)
    high = event.when.end + timedelta(days=DAY_SLACK)
    back = NARROW_DAYS if narrow else MAX_SPAN_DAYS
    return low - timedelta(days=back), low, high


def iter_events(store: Store) -> Iterator[Event]:
    """Every stored real-world event, in date order (undated last)."""
    t = schema.events
    with store.engine.connect() as conn:
        query = select(t.c.record).order_by(t.c.date_start.is_(None), t.c.date_start, t.c.id)
        rows = list(conn.execute(query).scalars())
        for chunk in _chunks(rows):
            yield from complete(conn, [Event.model_validate(record) for record in chunk])


def cut(event: Event) -> bool:
    """Whether the event's stored record may leave out reporting articles or evidence."""
    return len(event.articles) >= ARTICLES_KEPT or len(event.evidence) >= EVIDENCE_KEPT


def bounded(event: Event) -> Event:
    """The event as its record is stored (see `ARTICLES_KEPT`)."""
    if not cut(event):
        return event
    return event.model_copy(update={"articles": event.articles[:ARTICLES_KEPT],
                                    "evidence": event.evidence[:EVIDENCE_KEPT]})


def complete(conn: Connection, events: Sequence[Event]) -> list[Event]:
    """Stored events with every reporting article (`event_articles`) and the evidence of each
    of their mentions (`event_mentions`) put back where the record was cut (`bounded`): the
    record's own first, then the others by article."""
    ids = sorted({e.id for e in events if cut(e)})
    if not ids:
        return list(events)
    ea, em = schema.event_articles, event_mentions
    articles: dict[str, list[str]] = {}
    evidence: dict[str, list[dict[str, Any]]] = {}
    for chunk in _chunks(ids):
        for event_id, article_id in conn.execute(select(ea.c.event_id, ea.c.article_id).where(
                ea.c.event_id.in_(chunk)).order_by(ea.c.event_id, ea.c.article_id)).all():
            articles.setdefault(str(event_id), []).append(str(article_id))
        for event_id, record in conn.execute(select(em.c.event_id, em.c.record).where(
                em.c.event_id.in_(chunk)).order_by(em.c.event_id, em.c.article_id, em.c.mention_id)).all():
            evidence.setdefault(str(event_id), []).extend(record.get("evidence", []))
    return [_completed(e, articles.get(e.id, []), evidence.get(e.id, [])) if e.id in articles else e
            for e in events]


def _completed(event: Event, articles: list[str], evidence: list[dict[str, Any]]) -> Event:
    spans = {(e.article, e.start, e.end) for e in event.evidence}
    more = []
    for found in map(Evidence.model_validate, evidence):
        if (found.article, found.start, found.end) not in spans:
            spans.add((found.article, found.start, found.end))
            more.append(found)
    return event.model_copy(update={"articles": list(dict.fromkeys(event.articles + articles)),
                                    "evidence": event.evidence + more})


# --------------------------------------------------------------------------- matching

@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries)


def party_key(p: Any) -> str:
    return p.identifier_id or "t:" + name_key(p.entity_text)


def party_keys(p: Any) -> set[str]:
    """What identifies a party: its entity, its name, and its country code if it is one."""
    keys = {"t:" + name_key(p.entity_text)}
    if p.identifier_id:
        keys.add(p.identifier_id)
    if p.code and p.code in _country_codes():
        keys.add("c:" + p.code)
    return keys


def _keys(parties: Sequence[Any]) -> set[str]:
    return {k for p in parties for k in party_keys(p)}


def _named(parties: Sequence[Any]) -> list[Any]:
    """Parties that name an actor (linked to an entity or coded), not a description."""
    return [p for p in parties if p.identifier_id or p.code]


def _widen(d: PartialDate) -> tuple[date, date] | None:
    if d.start is None or d.end is None:
        return None
    slack = timedelta(days=DAY_SLACK if d.precision == "day" else 0)
    return d.start - slack, d.end + slack


def dates_compatible(a: PartialDate, b: PartialDate) -> bool:
    wa, wb = _widen(a), _widen(b)
    return wa is not None and wb is not None and wa[0] <= wb[1] and wb[0] <= wa[1]


def places_compatible(a: Event, b: Event) -> bool:
    la, lb = a.event_loc, b.event_loc
    if la is None or lb is None:
        return True
    if la.country and lb.country and la.country != lb.country:
        return False
    return not (la.geonameid and lb.geonameid and la.geonameid != lb.geonameid)


def _acts_in(a: Event, b: Event) -> bool:
    """Some actor of `a` is a party of `b`."""
    return bool(_keys(a.actor) & (_keys(b.actor) | _keys(b.recipient)))


def parties_compatible(a: Event, b: Event) -> bool:
    """Some actor of one is an actor of the other (for reciprocal events: an actor of each is
    a party of the other), and some recipient is a party of the other when both name
    recipients. Symmetric, so the order articles arrive in does not decide."""
    if a.event in RECIPROCAL:
        return _acts_in(a, b) and _acts_in(b, a)
    if not (_keys(a.actor) & _keys(b.actor)):
        return False
    named_a, named_b = _named(a.recipient), _named(b.recipient)
    if named_a and named_b:
        return bool(_keys(named_a) & _keys(named_b))
    return True


def same_event(a: Event, b: Event) -> bool:
    """Same type, compatible dates, places and parties. When either date is only a publication
    date, both actors and recipients must be shared; within one article, two undated mentions
    are never joined, and an undated one joins a dated one only on named actor and recipient."""
    if a.event != b.event:
        return False
    if not (dates_compatible(a.when, b.when) and places_compatible(a, b)):
        return False
    if same_sentence(a, b) and not set(a.articles) & set(b.articles):
        return True  # a syndicated or copied report: one sentence, one event
    if not parties_compatible(a, b):
        return False
    if a.date_source == b.date_source == "text":
        return True
    if set(a.articles) & set(b.articles):
        # one story: an undated mention joins a dated one only when both name the same actor
        # and recipient ("Envoys to hold talks with rebel leaders" in a headline over "... will sit
        # down with the rebel commanders in Geneva on Saturday")
        return "text" in (a.date_source, b.date_source) and bool(
            _keys(_named(a.actor)) & _keys(_named(b.actor)) and _keys(_named(a.recipient)) & _keys(_named(b.recipient)))
    return bool(a.recipient and b.recipient and _keys(a.recipient) & _keys(b.recipient)
                and _acts_in(a, b) and _acts_in(b, a))


def join_keys(event: Event) -> set[str]:
    """What a stored event is found by, each key tagged with whether the event is dated by the
    text (`t`) or by its publication only (`p`) and whether its interval is at most
    `NARROW_DAYS` wide (`n`) or wider (`w`):

    - each pair of a key of its actors and a key of its recipients (`Ppn|c:USA|E12ab`): every
      join across publication dates needs a shared actor *and* a shared recipient, so a busy
      key such as a country is read only where it stands with the new mention's other party;
    - each key of its actors alone (`Atn|c:USA`), of an event dated by the text only: two
      mentions both dated by their text join on a shared actor;
    - its sentence's words (`same_sentence`).

    A party key never holds `|` (names are keyed to words, entities to their id)."""
    tag = ("t" if event.date_source == "text" else "p") + ("w" if _wide(event) else "n")
    actors, recipients = _keys(event.actor), _keys(event.recipient)
    alone = {f"A{tag}|{k}" for k in actors} if tag[0] == "t" else set()
    return alone | {f"P{tag}|{a}|{r}" for a in actors for r in recipients} | _sentence_key(event)


def lookup_keys(event: Event) -> set[str]:
    """The stored join keys a new mention looks up, those `could_join` reads: pairs of its
    actors' keys and its recipients' keys (of a reciprocal type, of any two of its parties'
    keys), of stored events dated by the text only when a rule asks for a shared recipient
    with them; its actors' keys alone when it is dated by its text; and its sentence's words."""
    actors, recipients = _keys(event.actor), _keys(event.recipient)
    reciprocal = event.event in RECIPROCAL
    as_actor, as_recipient = (actors | recipients, actors | recipients) if reciprocal else (actors, recipients)
    text = event.date_source == "text"
    paired_dating = "p" if text and not reciprocal else "tp"
    alone = {f"At{w}|{k}" for k in as_actor for w in "nw"} if text else set()
    return (alone | {f"P{d}{w}|{a}|{r}" for a in as_actor for r in as_recipient for d in paired_dating for w in "nw"}
            | _sentence_key(event))


# A stored interval at most this wide is keyed narrow: a mention looks its narrow keys up only
# among starts `NARROW_DAYS` before its own window, not `MAX_SPAN_DAYS`.
NARROW_DAYS = 31


def _wide(event: Event) -> bool:
    start, end = event.when.start, event.when.end
    return start is None or end is None or (end - start).days > NARROW_DAYS


def narrow_key(key: str) -> bool:
    return key[2:4] == "n|"


def _sentence_key(event: Event) -> set[str]:
    words = _words(event.event_text)
    return {"s:" + hashlib.sha1(words.encode("utf-8")).hexdigest()} if len(words) >= 6 else set()


def could_join(event: Event, found: set[str]) -> bool:
    """Whether a stored event of which `found` are the join keys among the new mention's lookup
    keys may pass `same_event` with it: a shared sentence, or its parties in the roles the rules
    ask for (`parties_compatible`; when either is dated by publication only, a shared recipient
    too). A necessary condition, tested before the stored record is read."""
    if any(k.startswith("s:") for k in found):
        return True
    roles = _roles(found)
    actors, recipients = _keys(event.actor), _keys(event.recipient)
    text = event.date_source == "text"
    for dated in ("t", "p"):
        theirs_a = {k for role, d, k in roles if role == "A" and d == dated}
        theirs_r = {k for role, d, k in roles if role == "R" and d == dated}
        if event.event in RECIPROCAL:
            fits = bool(theirs_a and actors & (theirs_a | theirs_r))
        else:
            fits = bool(actors & theirs_a)
        if fits and ((text and dated == "t") or theirs_r & recipients):
            return True
    return False


def _roles(found: set[str]) -> set[tuple[str, str, str]]:
    """(role, dating, party key) of each party in the join keys found: an actor alone (`A`),
    and both parties of a pair, actor (`A`) and recipient (`R`)."""
    out: set[tuple[str, str, str]] = set()
    for key in found:
        if key[0] == "A":
            out.add(("A", key[1], key[4:]))
        elif key[0] == "P":
            actor, recipient = key[4:].split("|", 1)
            out |= {("A", key[1], actor), ("R", key[1], recipient)}
    return out


def same_sentence(a: Event, b: Event) -> bool:
    """Both state the event in the same words (a syndicated copy of the sentence)."""
    ta, tb = _words(a.event_text), _words(b.event_text)
    return len(ta) >= 6 and ta == tb


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def closeness(new: Event, stored: Event) -> tuple[int, int]:
    """How well a stored event fits a new mention: shared parties, then nearness in date."""
    shared = len((_keys(new.actor) | _keys(new.recipient)) & (_keys(stored.actor) | _keys(stored.recipient)))
    apart = abs((new.when.start - stored.when.start).days) if new.when.start and stored.when.start else 9999
    return shared, -apart


def best_match(new: Event, stored: list[Event]) -> Event | None:
    fitting = [s for s in stored if same_event(new, s)]
    return max(fitting, key=lambda s: closeness(new, s)) if fitting else None


def _better_date(a: Event, b: Event) -> Event:
    """The event whose date to keep: one dated by the text over a publication date, then the
    narrower interval."""
    if a.when.start is None or a.when.end is None:
        return b
    if b.when.start is None or b.when.end is None:
        return a
    if a.date_source != b.date_source and "text" in (a.date_source, b.date_source):
        return a if a.date_source == "text" else b
    return a if (a.when.end - a.when.start) <= (b.when.end - b.when.start) else b


def _union(first: list[Any], more: list[Any]) -> list[Any]:
    """`first`, then the parties of `more` with other keys, up to `PARTIES_KEPT`."""
    if len(first) >= PARTIES_KEPT:
        return first
    keys, added = _keys(first), list[Any]()
    for p in more:
        if len(first) + len(added) < PARTIES_KEPT and party_key(p) not in keys:
            added.append(p)
            keys.add(party_key(p))
    return first + added


def join(stored: Event, new: Event) -> Event:
    """The stored event with the new mention's evidence, parties, date and place added."""
    spans = {(e.article, e.start, e.end) for e in stored.evidence}
    dated = _better_date(stored, new)
    evidence = (stored.evidence + [e for e in new.evidence if (e.article, e.start, e.end) not in spans])[:EVIDENCE_KEPT]
    return stored.model_copy(update={
        "actor": _union(stored.actor, new.actor), "recipient": _union(stored.recipient, new.recipient),
        "when": dated.when, "date_source": dated.date_source, "event_loc": stored.event_loc or new.event_loc,
        "context": list(dict.fromkeys(stored.context + new.context)),
        "articles": list(dict.fromkeys(stored.articles + new.articles)), "evidence": evidence,
        "confidence": max(stored.confidence, new.confidence)})


def rescore(event: Event, base: float, flags: dict[str, list[Flag]] | set[str] | Tally) -> Event:
    """Confidence from the best mention and the number of independent sources; `flags` are the
    articles' flags (a plain set names articles flagged as unattributed copies), or the tally of
    all the reporting articles (`event_sources`) when the event's own list is a stored record's
    (`bounded`)."""
    if isinstance(flags, set):
        flags = {a: [Flag(type="spun")] for a in flags}
    tally = flags if isinstance(flags, Tally) else event_sources.count(event.articles, flags)
    score = base + 0.1 * max(0, tally.confirming - 1)  # a flagged article alone confirms nothing
    if not tally.trusted:
        score *= COPY_PENALTY
    return event.model_copy(update={"confidence": round(min(0.99, score), 3), "independent_sources": tally.sources})


# --------------------------------------------------------------------------- the step

def link_parties(event: Event, names: dict[str, str], canonical: dict[str, str]) -> Event:
    def linked(parties: list[Any]) -> list[Any]:
        out = []
        for p in parties:
            eid = p.identifier_id or names.get(name_key(p.entity_text))
            out.append(p.model_copy(update={"identifier_id": eid, "identifier_text": canonical.get(eid or "")})
                       if eid else p)
        return out
    return event.model_copy(update={"actor": linked(event.actor), "recipient": linked(event.recipient)})


def _dates(event: Event) -> dict[str, str | None]:
    return {"date_start": event.when.start.isoformat() if event.when.start else None,
            "date_end": event.when.end.isoformat() if event.when.end else None}


def _columns(event: Event) -> dict[str, Any]:
    return {"event": event.event, "confidence": event.confidence, "record": bounded(event).model_dump(mode="json"),
            **_dates(event)}


def _remember(conn: Connection, mention: Event, event_id: str, document: str) -> None:
    conn.execute(insert(event_mentions).values(
        mention_id=mention.id, event_id=event_id, article_id=mention.articles[0], document_id=document,
        confidence=mention.confidence, record=mention.model_dump(mode="json")))


def mentions_of(conn: Connection, event_id: str) -> list[Event]:
    em = event_mentions
    query = select(em.c.record).where(em.c.event_id == event_id).order_by(em.c.article_id, em.c.mention_id)
    return [Event.model_validate(r) for r in conn.execute(query).scalars()]


def best_mention(conn: Connection, event_id: str) -> float:
    em = event_mentions
    return float(conn.execute(select(func.max(em.c.confidence)).where(em.c.event_id == event_id)).scalar() or 0.0)


def rescore_articles(conn: Connection, article_ids: Sequence[str]) -> int:
    """Rescore the stored events of these articles after their flags changed (a copy found when
    its original arrives, a page's date found doubtful later): confidence and independent sources
    from the flags as they are now, as the step scores them. A cut event's kept grouping
    (`event_sources`) notes each changed article (made from all its articles the first time).
    Returns how many events changed."""
    t, ea = schema.events, schema.event_articles
    reporting: dict[str, set[str]] = {}  # event id -> the changed articles reporting it
    for chunk in _chunks(list(article_ids)):
        for event_id, article_id in conn.execute(select(ea.c.event_id, ea.c.article_id).where(
                ea.c.article_id.in_(chunk))).all():
            reporting.setdefault(str(event_id), set()).add(str(article_id))
    if not reporting:
        return 0
    ensure_tables(conn)
    flags = article_flags(conn, {a for changed in reporting.values() for a in changed})
    changed: list[Event] = []
    for chunk in _chunks(sorted(reporting)):
        for record in conn.execute(select(t.c.record).where(t.c.id.in_(chunk))).scalars():
            event = Event.model_validate(record)
            now = rescore(event, best_mention(conn, event.id), _sources_now(conn, event, reporting[event.id], flags))
            if (now.confidence, now.independent_sources) != (event.confidence, event.independent_sources):
                changed.append(now)
    for event in changed:
        conn.execute(update(t).where(t.c.id == event.id).values(
            confidence=event.confidence, record=bounded(event).model_dump(mode="json")))
    queue(conn, {e.id for e in changed})
    return len(changed)


def reporting_articles(conn: Connection, event_id: str) -> list[str]:
    """All the reporting articles of a stored event (`event_articles`), by id."""
    ea = schema.event_articles
    return [str(a) for a in conn.execute(select(ea.c.article_id).where(ea.c.event_id == event_id)
                                         .order_by(ea.c.article_id)).scalars()]


def _sources_now(conn: Connection, event: Event, changed: set[str], flags: dict[str, list[Flag]]) -> Tally:
    """The tally of a stored event some of whose articles' flags changed: counted from its own
    list when whole, else from its kept grouping with those articles noted again."""
    if not cut(event):
        return event_sources.count(event.articles, article_flags(conn, set(event.articles)))
    tally = event_sources.stored(conn, event.id)
    if tally is None:
        everyone = reporting_articles(conn, event.id)
        return event_sources.reset(conn, event.id, everyone, article_flags(conn, set(everyone)))
    for article in sorted(changed):
        tally = event_sources.note(conn, event.id, article, flags.get(article, []))
    return tally


def rebuilt(event_id: str, mentions: list[Event]) -> Event:
    """A joined event made again from its mentions, under its id."""
    event = mentions[0].model_copy(update={"id": event_id})
    for mention in mentions[1:]:
        event = join(event, mention)
    return event


def ensure_tables(conn: Connection) -> None:
    """Create `event_mentions`, `event_keys` and `event_index_queue` on a store that has none,
    the first two filled from the stored events, and the tables of `event_sources` (filled for
    an event when it is next joined)."""
    inspector = inspect(conn)
    has = inspector.has_table
    mentions, keys, queue = has("event_mentions"), has("event_keys"), has("event_index_queue")
    if keys and "date_end" not in {c["name"] for c in inspector.get_columns("event_keys")}:
        for statement in KEYS_END_MIGRATION:
            conn.exec_driver_sql(statement)
        log.info("events: end dates added to the join keys")
    if keys and not _keys_current(conn):
        conn.execute(delete(event_keys))
        backfill_keys(conn)
        log.info("events: join keys made again as actor and recipient pairs")
    if not has("event_source_counts"):  # a store of an earlier release
        event_sources.ensure(conn)
        if mentions:
            conn.exec_driver_sql(BEST_MENTION_INDEX)
    if mentions and keys and queue:
        return
    metadata.create_all(conn, checkfirst=True)
    conn.exec_driver_sql(EVENTS_TYPE_DATE)
    if not mentions:
        backfill(conn)
    if not keys:
        backfill_keys(conn)


# meta key: the stored join keys are `join_keys` as this release makes them (a store of an
# older release, whose keys were single parties or untagged, gets them made again)
KEYS_MARK, KEYS_SCHEME = "event_keys_scheme", "pairs"


def _keys_current(conn: Connection) -> bool:
    return meta_value(conn, KEYS_MARK) == KEYS_SCHEME


def backfill_keys(conn: Connection) -> int:
    """The join keys of the stored events (made afresh: before `event_keys` existed, or after a
    change of `join_keys`), a page of events at a time; marks the store's keys current."""
    t = schema.events
    written, last = 0, ""
    while page := conn.execute(select(t.c.id, t.c.record).where(t.c.id > last).order_by(t.c.id)
                               .limit(1000)).all():
        rows = [row for _, record in page for event in [Event.model_validate(record)]
                for row in _key_rows(event, join_keys(event))]
        for chunk in _chunks(rows, 1000):
            conn.execute(insert(event_keys), list(chunk))
        written, last = written + len(rows), str(page[-1][0])
    set_meta(conn, KEYS_MARK, KEYS_SCHEME)
    log.info("events: %d join keys indexed", written)
    return written


def backfill(conn: Connection) -> int:
    """The mentions of events stored before `event_mentions` existed: each stored article event
    whose evidence span an event of its type cites, one article at a time."""
    ea, t = schema.event_articles, schema.events
    written = 0
    article_ids = list(conn.execute(select(ea.c.article_id).distinct()).scalars())
    docs = documents_of(conn, article_ids)
    for aid in article_ids:
        cited = select(ea.c.event_id).where(ea.c.article_id == aid)
        stored = [Event.model_validate(r) for r in conn.execute(select(t.c.record).where(t.c.id.in_(cited))).scalars()]
        for mention in article_events(conn, [aid]):
            span = {(e.article, e.start, e.end) for e in mention.evidence}
            owner = next((e for e in stored if e.event == mention.event
                          and span & {(v.article, v.start, v.end) for v in e.evidence}), None)
            if owner is not None:
                _remember(conn, mention, owner.id, docs.get(aid, aid))
                written += 1
    log.info("events: %d stored mentions indexed", written)
    return written


class Pending:
    """What one run of the step changes, kept in memory and written at its end in a few bulk
    statements (`flush`): the current version of every event the run touched, how it stands
    to its stored row (`new`, `rebuilt`: written afresh; `joined`: updated over `stored`), the
    events dropped, the mentions to remember, and caches of articles' flags and of events'
    best mention. Later mentions of the run see the events earlier ones made (`candidates`)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.events: dict[str, Event] = {}
        self.state: dict[str, str] = {}  # event id -> new | rebuilt | joined
        self.stored: dict[str, Event] = {}  # a joined event's stored version
        self.dropped: set[str] = set()
        self.mentions: list[dict[str, Any]] = []
        self.by_key: dict[tuple[str, str], set[str]] = {}  # (type, join key) -> touched event ids
        self.by_type: dict[str, set[str]] = {}
        self._flags: dict[str, list[Flag]] = {}
        self._best: dict[str, float] = {}
        self._parsed: dict[str, Event] = {}  # stored events as read (this run's versions are in `events`)
        self._tallied: set[str] = set()  # cut stored events whose kept sources this run has checked
        self.windows: StoredWindows | None = None  # the batch's stored candidates (`read_windows`)

    # ------------------------------------------------------------------ reading, with the batch

    def flags(self, article_ids: set[str]) -> dict[str, list[Flag]]:
        """The articles' flags (read once per run: no other step runs meanwhile)."""
        missing = article_ids - self._flags.keys()
        if missing:
            found = article_flags(self.conn, missing)
            self._flags.update({a: found.get(a, []) for a in missing})
        return {a: self._flags[a] for a in article_ids if self._flags[a]}

    def best(self, event_id: str) -> float:
        """The best confidence of the event's mentions, stored and of this run."""
        if event_id not in self._best:
            self._best[event_id] = best_mention(self.conn, event_id)
        return self._best[event_id]

    def tally(self, event: Event, match: Event, mention: Event) -> Tally:
        """The independent sources of `event`, which `match` grew into by `mention`: counted
        from its own list, unless the stored record it grew from was cut (`bounded`), whose
        kept grouping takes the new article (`event_sources`: made from all its reporting
        articles the first time)."""
        stored = self.stored.get(match.id) if match.id in self.events else match
        if stored is None or not cut(stored):
            return event_sources.count(event.articles, self.flags(set(event.articles)))
        if event.id not in self._tallied and event_sources.stored(self.conn, event.id) is None:
            reporting = reporting_articles(self.conn, event.id)
            event_sources.reset(self.conn, event.id, reporting, self.flags(set(reporting)))
        self._tallied.add(event.id)
        article = mention.articles[0]
        return event_sources.note(self.conn, event.id, article, self.flags({article}).get(article, []))

    def read_windows(self, mentions: Sequence[Event]) -> None:
        """Read the stored candidates of the batch's mentions in a few queries (`StoredWindows`)."""
        self.windows = StoredWindows(self.conn, mentions)

    def read_candidates(self, mentions: Sequence[Event]) -> None:
        """Parse the stored candidates of these mentions (a slice of the batch, read for by
        `read_windows`) in one query per 500, not one per mention; the parsed records kept stay
        under `PARSED_KEPT` plus one slice's."""
        if self.windows is None:
            return
        wanted = {i for m in mentions for i in self.windows.ids(m) or []} - self._parsed.keys()
        if len(self._parsed) + len(wanted) > PARSED_KEPT:
            self._parsed.clear()
        _parse(self.conn, sorted(wanted), self._parsed)

    def candidates(self, event: Event) -> list[Event]:
        """`candidates` over the store as this run has changed it."""
        if len(self._parsed) > PARSED_KEPT:  # bounded memory: a dense storyline's events are large
            self._parsed.clear()
        stored = [e for e in candidates(self.conn, event, self._parsed, self.windows)
                  if e.id not in self.events and e.id not in self.dropped]
        if event.when.start is None or event.when.end is None:
            return stored
        earliest, low, high = _date_window(event)

        def near(i: str) -> bool:
            e = self.events.get(i)
            return e is not None and e.when.start is not None and e.when.end is not None \
                and earliest <= e.when.start <= high and e.when.end >= low

        read = self.windows.keys.get(event.id) if self.windows is not None else None
        keys = lookup_keys(event) if read is None else read
        if not keys:
            mine = [self.events[i] for i in self.by_type.get(event.event, set()) if near(i)]
        else:
            hits: dict[str, set[str]] = {}
            for k in keys:
                for i in self.by_key.get((event.event, k), ()):
                    hits.setdefault(i, set()).add(k)
            mine = [self.events[i] for i, found in hits.items() if near(i) and could_join(event, found)]
        return sorted(stored + mine, key=lambda e: (e.when.start or date.max, e.id))

    # ------------------------------------------------------------------ changing

    def put(self, event: Event, state: str, stored: Event | None = None) -> None:
        """Record the event's current version; `state` is how it stands to its stored row, the
        first time the run touches it (a later whole rewrite of a stored event makes it `rebuilt`)."""
        prior = self.state.get(event.id)
        if event.id in self.dropped:  # deleted earlier in the run: its old rows go, the new are written
            self.dropped.discard(event.id)
            prior, state = None, "rebuilt"
        if prior is None:
            self.state[event.id] = state
            if stored is not None:
                self.stored[event.id] = stored
        elif prior == "joined" and state != "joined":
            self.state[event.id] = "rebuilt"
            self.stored.pop(event.id, None)
        self.events[event.id] = event
        self.by_type.setdefault(event.event, set()).add(event.id)
        for key in join_keys(event):
            self.by_key.setdefault((event.event, key), set()).add(event.id)

    def drop(self, event_id: str) -> None:
        if self.state.pop(event_id, None) == "new":
            self.events.pop(event_id, None)
            return
        self.events.pop(event_id, None)
        self.stored.pop(event_id, None)
        self.dropped.add(event_id)

    def remember(self, mention: Event, event_id: str, document: str) -> None:
        self.mentions.append({"mention_id": mention.id, "event_id": event_id, "article_id": mention.articles[0],
                              "document_id": document, "confidence": mention.confidence,
                              "record": mention.model_dump(mode="json")})
        known = self._best.get(event_id)
        if known is None:
            known = 0.0 if self.state.get(event_id) == "new" else best_mention(self.conn, event_id)
        self._best[event_id] = max(known, mention.confidence)

    # ------------------------------------------------------------------ writing

    def touched(self) -> set[str]:
        return set(self.events) | self.dropped

    def flush(self) -> None:
        """Write the run's changes: a few statements per table, whatever the number of mentions."""
        t, ea, k = schema.events, schema.event_articles, event_keys
        fresh = sorted(i for i, s in self.state.items() if s in ("new", "rebuilt"))
        joined = sorted(i for i, s in self.state.items() if s == "joined")
        gone = sorted(self.dropped | {i for i in fresh if self.state[i] == "rebuilt"})
        for chunk in _chunks(gone):
            for table, column in ((ea, ea.c.event_id), (k, k.c.event_id), (t, t.c.id)):
                self.conn.execute(delete(table).where(column.in_(chunk)))
        self._keep_sources(gone, fresh, joined)
        rows, articles, keys, moved = [], [], [], []
        for i in fresh:
            event = self.events[i]
            columns = _columns(event)
            rows.append({"id": i, **columns})
            articles += [{"event_id": i, "article_id": a} for a in event.articles]
            keys += _key_rows(event, join_keys(event))
        updates = []
        for i in joined:
            event, before = self.events[i], self.stored[i]
            columns = _columns(event)
            updates.append({"b_id": i, **columns})
            articles += [{"event_id": i, "article_id": a} for a in event.articles if a not in set(before.articles)]
            if (event.when.start, event.when.end) != (before.when.start, before.when.end):
                moved.append({"b_id": i, **_dates(event)})
            keys += _key_rows(event, join_keys(event) - join_keys(before))
        statements: list[tuple[Any, list[dict[str, Any]]]] = [
            (insert(t), rows), (update(t).where(t.c.id == bindparam("b_id")), updates), (insert(ea), articles),
            (update(k).where(k.c.event_id == bindparam("b_id")), moved), (insert(k), keys),
            (insert(event_mentions), self.mentions)]
        for statement, values in statements:
            for chunk in _chunks(values, 1000):
                self.conn.execute(statement, list(chunk))
        queue(self.conn, self.touched())


    def _keep_sources(self, gone: list[str], fresh: list[str], joined: list[str]) -> None:
        """The kept groupings (`event_sources`) of the events written whole: dropped with the
        event, made afresh for one that is cut (new, rebuilt, or cut by this run's joins)."""
        event_sources.forget(self.conn, gone)
        for i in [*fresh, *(i for i in joined if not cut(self.stored[i]))]:
            event = self.events[i]
            if cut(event):
                event_sources.reset(self.conn, i, event.articles, self.flags(set(event.articles)))


def _key_rows(event: Event, keys: set[str]) -> list[dict[str, Any]]:
    dates = _dates(event)
    return [{"event_id": event.id, "key": key, "event": event.event, **dates} for key in sorted(keys)]


def queue(conn: Connection, event_ids: set[str]) -> None:
    """Hand these events to the `event_index` step (`event_index_queue`)."""
    queues.enqueue(conn, event_index_queue, event_ids)


def rejoin_later(conn: Connection, article_ids: Sequence[str]) -> None:
    """Have the step's next run join these stored articles' events again (their dates changed)."""
    queues.enqueue(conn, event_rejoin_queue, article_ids, create=True)


def take_rejoin_queue(conn: Connection) -> list[str]:
    """The queued articles (`rejoin_later`) with every other article of their documents (a
    document's mentions leave their events together), and the queue emptied."""
    a = schema.articles
    queued = queues.take(conn, event_rejoin_queue)
    if not queued:
        return []
    documents = sorted(set(documents_of(conn, queued).values()))
    out: list[str] = []
    for chunk in _chunks(documents):
        query = select(a.c.id).where(a.c.document_id.in_(chunk)).order_by(a.c.id)
        out += [str(i) for i in conn.execute(query).scalars()]
    return out


def mentions_by_event(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[Event]]:
    """`mentions_of` for many events at once."""
    em = event_mentions
    out: dict[str, list[Event]] = {}
    for chunk in _chunks(sorted(event_ids)):
        query = select(em.c.event_id, em.c.record).where(em.c.event_id.in_(chunk)).order_by(
            em.c.event_id, em.c.article_id, em.c.mention_id)
        for event_id, record in conn.execute(query).all():
            out.setdefault(str(event_id), []).append(Event.model_validate(record))
    return out


class EventJoiner:
    """The `events` corpus step (see the module docstring)."""

    name = "events"
    version = "3"

    def run(self, store: Store, article_ids: list[str]) -> dict[str, int]:
        counts = {"events_new": 0, "events_joined": 0, "events_rebuilt": 0, "events_dropped": 0}
        with store.transaction() as conn:
            ensure_tables(conn)
            pending = Pending(conn)
            # stored pages whose dates changed: their mentions leave their events and join again
            article_ids = list(dict.fromkeys([*article_ids, *take_rejoin_queue(conn)]))
            docs = documents_of(conn, article_ids)
            self._forget(conn, pending, sorted(set(docs.values())), counts)
            found = article_events(conn, article_ids)
            links = name_links(conn, article_ids)
            canonical = entity_names(conn, {e for names in links.values() for e in names.values()})
            pending.flags(set(article_ids))
            linked = [link_parties(event, links.get(event.articles[0], {}), canonical) for event in found]
            pending.read_windows(linked)
            for mentions in _chunks(linked, CANDIDATES_READ):
                pending.read_candidates(mentions)
                for event in mentions:
                    self._add(pending, event, docs.get(event.articles[0], event.articles[0]), counts)
            pending.flush()
        log.debug("events: %s", counts)
        return counts

    def _forget(self, conn: Connection, pending: Pending, documents: list[str], counts: dict[str, int]) -> None:
        """Take the mentions of earlier versions of these documents out of their events."""
        em = event_mentions
        touched: set[str] = set()
        for chunk in _chunks(documents):
            touched.update(conn.execute(select(em.c.event_id).where(em.c.document_id.in_(chunk))).scalars())
            conn.execute(delete(em).where(em.c.document_id.in_(chunk)))
        left_of = mentions_by_event(conn, sorted(touched))
        for event_id in sorted(touched):
            left = left_of.get(event_id, [])
            if not left:
                pending.drop(event_id)
                counts["events_dropped"] += 1
                continue
            event = rebuilt(event_id, left)
            flags = pending.flags(set(event.articles))
            pending.put(rescore(event, max(m.confidence for m in left), flags), "rebuilt")
            counts["events_rebuilt"] += 1

    def _add(self, pending: Pending, event: Event, document: str, counts: dict[str, int]) -> None:
        match = best_match(event, pending.candidates(event))
        if match is None:
            pending.put(rescore(event, event.confidence, pending.flags(set(event.articles))), "new")
            pending.remember(event, event.id, document)
            counts["events_new"] += 1
            return
        joined = join(match, event)
        base = max(pending.best(match.id), event.confidence)
        pending.put(rescore(joined, base, pending.tally(joined, match, event)), "joined", match)
        pending.remember(event, match.id, document)
        counts["events_joined"] += 1
