"""Dependency patterns: PLOVER triggers in a sentence and the words that fill their roles.

A trigger is a verb (or predicative adjective: "willing to") whose lemma the lexicon lists, a
verb with its particle or preposition ("call for", "pull out"), a light verb whose object is a
trigger noun ("hold talks", "impose sanctions": the noun's type, the verb's arguments), or a
trigger noun ("the attack", "US sanctions").

Roles, from spaCy's parse:

- actor: the trigger's subject (`nsubj`), the `agent` of a passive, the subject inherited from
  the verb an `xcomp`/`conj` trigger hangs from ("decided to withdraw", "met and agreed"), the
  antecedent of a relative pronoun ("attacks that killed"); for a noun, its possessor or
  name modifiers ("Russian attack"), "by X", or the subject of the verb it is the object of
  ("the rebels claimed responsibility for bombings").
- recipient: the direct or dative object, the object of a recipient preposition ("meet with",
  "appeal to", "attack on", "sanctions against", "withdraw from"), the passive subject.
- several parties: every conjunct of a role word ("Jordan and Britain").

A trigger inside the complement of another trigger ("agreed to cooperate", "threatened to
attack", "accused X of killing") is part of that event, not one of its own: only the governing
trigger is kept. Modes: `negated` (a `neg` dependent, "never", "no"), `hypothetical` (would,
could, might, may, should; an "if"/"unless" clause), `future` (will, shall, "plan/expect to").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.extract.events.lexicon import PloverLexicon, Trigger

RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "upon", "from", "into", "toward",
                             "towards", "at"})
NOUN_RECIPIENT_PREPS = frozenset({"on", "against", "with", "to", "upon", "at", "toward", "towards"})
RELATIVE = frozenset({"that", "which", "who", "whom"})
NP_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "quantmod", "case", "flat"})
# walking up from a trigger: these links start a new clause, so an event there stands alone
CLAUSE_BREAK = frozenset({"parataxis", "advcl", "relcl", "acl", "ROOT"})
STATE_PASSIVES = frozenset({"commit", "prepare", "determine", "dedicate", "oblige", "resolve", "oppose",
                            "compel", "dispose", "incline"})
NOT_PARTY = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT", "ORDINAL"})
# "X said/declared that Y must do Z": a demand of X on Y (PLOVER REQUEST)
DEMAND_MODALS = frozenset({"must", "should"})
REPORTING_VERBS = frozenset({"say", "declare", "conclude", "state", "tell", "insist", "announce",
                             "stress", "add", "write", "argue", "warn", "note", "assert", "urge"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
HYPOTHETICAL_AUX = frozenset({"would", "could", "might", "may", "should", "can"})
PLAN_VERBS = frozenset({"plan", "intend", "expect", "schedule", "set", "due", "prepare", "aim",
                        "propose", "prepared", "ready", "willing", "determined", "poised"})
# a wish, a need or an attempt states no act, not even a future one ("want to leave", "they
# need to strike", "trying to figure out how to negotiate")
DESIRE_VERBS = frozenset({"want", "hope", "wish", "need", "try", "seek", "attempt", "like", "love", "struggle"})
CONDITION_MARKS = frozenset({"if", "unless"})
VERB_POS = frozenset({"VERB", "AUX"})


@dataclass
class Found:
    """One trigger with its role words (token heads) and auxiliary mode."""

    trigger: Any
    kind: str
    mode: str | None
    noun: bool
    demand: bool = False
    light_noun: Any = None
    actors: list[Any] = field(default_factory=list)
    recipients: list[Any] = field(default_factory=list)
    aux: str | None = None
    depth: int = 0
    wished: bool = False  # only wished, needed or attempted: hypothetical, never announced


def _particle(tok: Any) -> list[str]:
    return [c.lower_ for c in tok.children if c.dep_ in ("prt", "prep", "dobj") and c.i > tok.i]


def verb_trigger(tok: Any, lex: PloverLexicon) -> Trigger | None:
    """The trigger a verb (or predicative adjective) states, phrases first."""
    lemma = tok.lemma_.lower()
    for word in _particle(tok):
        if (lemma, word) in lex.phrases:
            return lex.phrases[(lemma, word)]
    if tok.pos_ == "ADJ" and not any(c.dep_ == "xcomp" for c in tok.children):
        return None
    return lex.verbs.get(lemma)


def noun_trigger(tok: Any, lex: PloverLexicon) -> Trigger | None:
    lemma = tok.lemma_.lower()
    for child in tok.children:  # "air strike", "martial law", "state of emergency"
        if child.dep_ in ("compound", "amod") and f"{child.lower_} {lemma}" in lex.nouns:
            return lex.nouns[f"{child.lower_} {lemma}"]
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [o.lemma_.lower() for o in child.children if o.dep_ == "pobj"]
            if objects and f"{lemma} of {objects[0]}" in lex.nouns:
                return lex.nouns[f"{lemma} of {objects[0]}"]
    return lex.nouns.get(lemma)


RELIEVED = frozenset({"COERCE", "SANCTION"})


def _relief_object(tok: Any, lex: PloverLexicon) -> tuple[Any, Trigger] | None:
    """("shortened", "curfew"): a measure lessened is a concession (CONCEDE `ease`)."""
    if tok.lemma_.lower() not in lex.relief_verbs:
        return None
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ == "NOUN":
            found = noun_trigger(child, lex)
            if found is not None and found.type in RELIEVED:
                return child, Trigger("CONCEDE", "ease")
    return None


def _light_object(tok: Any, lex: PloverLexicon) -> tuple[Any, Trigger] | None:
    """("hold", "talks"): the trigger noun a light verb takes as its object; ("shortened",
    "curfew"): a lessened measure (`_relief_object`)."""
    relief = _relief_object(tok, lex)
    if relief is not None:
        return relief
    if tok.lemma_.lower() not in lex.light_verbs:
        return None
    for child in tok.children:
        if child.dep_ in ("dobj", "attr") and child.pos_ in ("NOUN", "PROPN"):
            found = noun_trigger(child, lex)
            if found is not None:
                return child, found
        if child.dep_ == "dobj" and child.lemma_.lower() == "responsibility":
            return None
    return None


def find_triggers(sent: Any, lex: PloverLexicon) -> list[Found]:
    """Every trigger of a sentence (a light verb takes its noun's type)."""
    out: list[Found] = []
    consumed: set[int] = set()
    for tok in sent:
        if is_demand(tok):
            out.append(Found(tok, "REQUEST", None, noun=False, demand=True))
            continue
        if tok.pos_ in VERB_POS or (tok.pos_ == "ADJ" and tok.dep_ in ("acomp", "ROOT", "conj")):
            light = _light_object(tok, lex) if tok.pos_ in VERB_POS else None
            if light is not None:
                consumed.add(light[0].i)
                out.append(Found(tok, light[1].type, light[1].mode, noun=False, light_noun=light[0]))
                continue
            trig = verb_trigger(tok, lex)
            if trig is not None:
                out.append(Found(tok, trig.type, trig.mode, noun=False))
    for tok in sent:
        if tok.pos_ in ("NOUN", "PROPN") and tok.i not in consumed and tok.ent_type_ == "":
            trig = noun_trigger(tok, lex)
            if trig is not None:
                out.append(Found(tok, trig.type, trig.mode, noun=True))
    return out


def is_demand(tok: Any) -> bool:
    """A clause with "must"/"should" reported by a speech verb ("said that China must ...")."""
    return (tok.pos_ in VERB_POS and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORTING_VERBS
            and any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in tok.children))


def governing(found: Found, by_token: dict[int, Found]) -> Found | None:
    """The trigger whose complement this one sits in, if any (same clause chain). Conjuncts of
    a trigger are events of their own ("met and agreed"); conjuncts of another verb are not."""
    tok = found.trigger
    if found.demand:
        return None  # a reported demand is its own event, whatever verb reports it
    while tok.dep_ not in CLAUSE_BREAK and tok.head.i != tok.i:
        coordinate = tok.dep_ == "conj"
        tok = tok.head
        if tok.i in by_token:
            return None if coordinate else by_token[tok.i]
    if tok.dep_ in ("relcl", "acl"):
        return _noun_trigger_above(tok.head, by_token)
    return None


def _noun_trigger_above(tok: Any, by_token: dict[int, Found]) -> Found | None:
    """"attacks outside Kabul airport that killed": the trigger noun a relative clause's
    antecedent belongs to (the antecedent itself, or a noun it is the object of)."""
    for _ in range(4):
        if tok.i in by_token:
            return by_token[tok.i]
        if tok.dep_ not in ("pobj", "prep", "compound", "nmod", "appos") or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def depth(tok: Any) -> int:
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok, n = tok.head, n + 1
    return n


def conjuncts(tok: Any) -> list[Any]:
    """The token and its conjuncts ("Jordan and Britain")."""
    out, todo = [], [tok]
    while todo:
        t = todo.pop(0)
        out.append(t)
        todo += [c for c in t.children if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ")]
    return out


def _subjects(tok: Any) -> tuple[list[Any], list[Any]]:
    """(actors, passive subjects) among a verb's dependents."""
    actors = [c for c in tok.children if c.dep_ in ("nsubj", "csubj", "expl") and c.dep_ != "expl"]
    passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
    for agent in (c for c in tok.children if c.dep_ == "agent"):
        actors += [p for p in agent.children if p.dep_ == "pobj"]
    return actors, passive


def verb_actors(tok: Any) -> tuple[list[Any], list[Any]]:
    """A verb trigger's actors (climbing xcomp/conj/relcl chains) and its passive subjects."""
    actors, passive = _subjects(tok)
    cur, steps = tok, 0
    while not actors and not passive and steps < 4 and cur.dep_ in ("xcomp", "conj", "ccomp", "acomp"):
        cur, steps = cur.head, steps + 1
        actors, _ = _subjects(cur)
    if tok.dep_ == "relcl":
        actors = [tok.head if a.lower_ in RELATIVE else a for a in actors]
    if not actors and tok.dep_ == "acl":
        # "students protesting ..." acts; "the curfew imposed ..." is acted on
        (actors if tok.tag_ in ("VBD", "VBG") else passive).append(_issuer(tok.head))
    if passive and not actors and tok.lemma_.lower() in STATE_PASSIVES:
        actors, passive = passive, []  # "Chile is committed to ...": a state, not a passive
    return actors, passive


def _issuer(noun: Any) -> Any:
    """"The PKK issued a declaration demanding ...": who issued the unnamed noun."""
    if noun.dep_ == "dobj" and not is_named(noun):
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    return noun


def verb_recipients(tok: Any, skip: str | None) -> list[Any]:
    out = [c for c in tok.children if c.dep_ in ("dobj", "dative", "iobj")]
    for prep in (c for c in tok.children if c.dep_ == "prep"):
        if prep.lower_ in RECIPIENT_PREPS and prep.lower_ != skip:
            out += [p for p in prep.children if p.dep_ == "pobj"]
    return out


def noun_actors(tok: Any) -> list[Any]:
    """Possessor, name modifiers, "by X", else the subject of the verb the noun is object of."""
    out = [c for c in tok.children if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.ent_type_)]
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "by"):
        out += [p for p in prep.children if p.dep_ == "pobj"]
    if out:
        return out
    cur, steps = tok, 0
    while cur.dep_ in ("dobj", "pobj", "prep", "attr") and steps < 4:
        cur, steps = cur.head, steps + 1
        if cur.pos_ in VERB_POS:
            return [c for c in cur.children if c.dep_ == "nsubj"]
    return []


def noun_recipients(tok: Any) -> list[Any]:
    out: list[Any] = []
    for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in NOUN_RECIPIENT_PREPS):
        out += [p for p in prep.children if p.dep_ == "pobj"]
    return out


def mode_chain(tok: Any) -> list[Any]:
    """The trigger and the verbs and nouns above it in its clause."""
    chain = [tok]
    cur = tok
    while cur.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "prep", "acomp", "pcomp") and len(chain) < 5:
        cur = cur.head
        chain.append(cur)
    return chain


def wished(tok: Any) -> bool:
    """Only wished, needed or attempted ("want to leave"), or the object of an infinitive
    after a noun ("the mandate to conduct raids", "permits to cross the border")."""
    chain = mode_chain(tok)
    if any(t.lemma_.lower() in DESIRE_VERBS and t.i != tok.i for t in chain):
        return True
    return any(t.dep_ == "acl" and t.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
               for t in chain)


def _no_subject(chain: list[Any]) -> bool:
    """"No country has recognised ...", "nobody attacked": a subject that denies the act."""
    subjects = [c for t in chain for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lower_ in ("nobody", "none", "nothing", "neither")
               or any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in s.children) for s in subjects)


def aux_mode(tok: Any) -> str | None:
    """negated, hypothetical or future, from the trigger and the verbs above it in its clause."""
    chain = mode_chain(tok)
    words = [(c.dep_, c.lower_) for t in chain for c in t.children]
    if any(dep == "neg" or w in ("never",) for dep, w in words) or any(
            c.lower_ == "no" and c.dep_ == "det" for c in tok.children) or _no_subject(chain):
        return "negated"
    if any(dep == "mark" and w in CONDITION_MARKS for dep, w in words) or any(
            t.dep_ == "advcl" and any(c.lower_ in CONDITION_MARKS for c in t.children) for t in chain):
        return "hypothetical"
    if any(dep == "aux" and w in HYPOTHETICAL_AUX for dep, w in words) or wished(tok):
        return "hypothetical"
    if any(dep == "aux" and w in FUTURE_AUX for dep, w in words):
        return "future"
    if any(t.lemma_.lower() in PLAN_VERBS and t.i != tok.i for t in chain):
        return "future"
    return None


def _speaker_of(tok: Any) -> list[Any]:
    """The subject of the reporting verb whose complement holds `tok`."""
    cur, steps = tok, 0
    while cur.dep_ not in ("ccomp", "parataxis") and cur.head.i != cur.i and steps < 6:
        cur, steps = cur.head, steps + 1
    if cur.dep_ in ("ccomp", "parataxis"):
        return [c for c in cur.head.children if c.dep_ == "nsubj" and c.lower_ not in SUBJECT_PRONOUNS]
    return []


def _resolve_pronouns(heads: list[Any], tok: Any) -> list[Any]:
    """"Peru said it would permit": a subject pronoun is the reporting verb's subject."""
    out: list[Any] = []
    for head in heads:
        out += (_speaker_of(tok) or [head]) if head.lower_ in SUBJECT_PRONOUNS else [head]
    return out


QUANTITY_WORDS = frozenset({"thousand", "hundred", "dozen", "million", "some", "many", "group", "number",
                            "crowd", "hundreds", "thousands", "dozens", "millions", "city", "town",
                            "province", "region", "village", "part", "members"})


def content_head(tok: Any) -> Any:
    """"Thousands of students" → students, "the city of Kherson" → Kherson."""
    if tok.pos_ == "NUM" or tok.lemma_.lower() in QUANTITY_WORDS:
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"):
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return obj
    return tok


def _parties_only(heads: list[Any]) -> list[Any]:
    heads = [content_head(h) for h in heads]
    return [h for h in heads if h.ent_type_ not in NOT_PARTY and h.pos_ != "NUM"]


def read_roles(found: Found, skip_prep: str | None = None) -> None:
    """Fill the actors, recipients, mode and depth of a trigger from the parse."""
    tok = found.trigger
    found.aux = aux_mode(tok)
    found.wished = wished(tok)
    found.depth = depth(tok)
    if found.demand:
        found.actors = _speaker_of(tok)
        found.recipients = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        found.aux = None
        return
    if found.noun:
        found.actors = noun_actors(tok)
        found.recipients = noun_recipients(tok)
    else:
        found.actors, passive = verb_actors(tok)
        found.recipients = passive + verb_recipients(tok, skip_prep)
        if found.light_noun is not None:
            found.recipients = [r for r in found.recipients if r.i != found.light_noun.i]
            found.recipients += noun_recipients(found.light_noun)
        if skip_prep:  # "called for sanctions against Ruritania": Ruritania, not the sanctions
            found.recipients += [n for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == skip_prep
                                 for obj in prep.children if obj.dep_ == "pobj"
                                 for n in named_inside(obj) if n.i != obj.i]
        if not any(is_named(r) for r in found.recipients):
            found.recipients += complement_recipients(tok)
    found.actors = _parties_only(_resolve_pronouns(found.actors, tok))
    found.recipients = _parties_only([n for r in found.recipients for n in named_inside(r)])


NAME_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
INNER_PREPS = frozenset({"on", "with", "to", "by", "of", "from", "against", "for", "in"})


def is_named(tok: Any) -> bool:
    """Whether a role word's phrase names an actor (a named entity or proper noun in it)."""
    return tok.pos_ == "PROPN" or any(t.ent_type_ in NAME_ENTS for t in tok.doc[np_span(tok)[0]:tok.i + 1])


def named_inside(tok: Any) -> list[Any]:
    """An unnamed object's named parties: "lift the ban on the FIS" → FIS, "recent calls by
    Belarus's rulers" → rulers, "shared evidence with the U.S." → U.S.; else the word itself."""
    if is_named(tok) or tok.pos_ != "NOUN":
        return [tok]
    inner = [p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ in INNER_PREPS
             for p in prep.children if p.dep_ == "pobj" and is_named(p)]
    inner += [c for c in tok.children if c.dep_ == "poss" and is_named(c)]
    return inner or [tok]


def complement_recipients(tok: Any) -> list[Any]:
    """Named objects of the clause a trigger governs ("agreed to provide aid for Romania",
    "demanded that Norway withdraw ...": Norway), when the trigger has none of its own."""
    out: list[Any] = []
    for clause in (c for c in tok.children if c.dep_ in ("xcomp", "ccomp")):
        if clause.dep_ == "ccomp":
            out += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and is_named(c)]
        for t in clause.subtree:
            if t.dep_ in ("dobj", "dative", "pobj") and is_named(t) and t.ent_type_ not in NOT_PARTY:
                out.append(t)
    return out[:3]


def np_bounds(tok: Any) -> tuple[int, int]:
    """Character span of a role word's noun phrase (modifiers to its left, not clauses)."""
    first, last = np_span(tok)
    return tok.doc[first].idx, tok.doc[last - 1].idx + len(tok.doc[last - 1].text)


def np_span(tok: Any) -> tuple[int, int]:
    """Token range [first, last) of a role word's noun phrase."""
    left, right = tok, tok
    for child in tok.children:
        if child.dep_ not in NP_DEPS:
            continue
        if child.left_edge.i < left.i:
            left = child.left_edge
        if child.dep_ in ("compound", "flat") and child.right_edge.i > right.i:
            right = child.right_edge
    return left.i, right.i + 1


WH_WORDS = frozenset({"whether", "if", "what", "why", "how", "when", "where", "who", "which"})
MODAL_WORDS = FUTURE_AUX | HYPOTHETICAL_AUX | frozenset({"must", "to"})


def not_an_act(found: Found, lex: PloverLexicon, triggers: set[int]) -> bool:
    """Speech the lexicon's words would take for an act, though it states none (PLOVER: pure
    comment is a quote): a refusal to speak, a question, an "agreement" that only comments."""
    tok = found.trigger
    if found.noun or found.demand or found.light_noun is not None:
        return False
    relation = lex.state_objects.get(tok.lemma_.lower())
    if relation and any(c.dep_ == "dobj" and c.lemma_.lower() in relation for c in tok.children):
        return True
    if found.kind == "REJECT":
        return any(_no_comment(c, lex) for c in tok.children if c.dep_ in ("xcomp", "conj") and c.pos_ in VERB_POS)
    if found.kind == "REQUEST" and tok.lemma_.lower() in lex.question_verbs:
        return _question(tok)
    if found.kind == "AGREE" and tok.pos_ in VERB_POS:
        return _comment_only(tok, triggers)
    return False


def _no_comment(verb: Any, lex: PloverLexicon) -> bool:
    if verb.lemma_.lower() in lex.no_comment_verbs:
        return True
    objects = [c.lemma_.lower() for c in verb.children if c.dep_ in ("dobj", "dative")]
    return any(o in lex.no_comment_objects for o in objects) or any(
        _no_comment(c, lex) for c in verb.children if c.dep_ == "conj" and c.pos_ in VERB_POS)


def _question(tok: Any) -> bool:
    """"asked about ...", "asked whether ...": no infinitive, no "for", only a topic."""
    kids = list(tok.children)
    if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ == "for") for c in kids):
        return False
    about = any(c.dep_ == "prep" and c.lower_ in ("about", "on", "regarding") for c in kids)
    wh = any(c.dep_ == "ccomp" and any(t.lower_ in WH_WORDS for t in c.subtree if t.i < c.i) for c in kids)
    return about or wh


def _comment_only(tok: Any, triggers: set[int]) -> bool:
    """"I can assure you the President feels ...": an AGREE verb whose only complement is a
    clause stating neither an act (a trigger) nor a commitment (a modal, will, to)."""
    kids = list(tok.children)
    clauses = [c for c in kids if c.dep_ == "ccomp"]
    if not clauses or any(c.dep_ in ("xcomp", "prep") for c in kids):
        return False
    for clause in clauses:
        inside = [t for t in clause.subtree if t.i in triggers]
        modal = any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODAL_WORDS for c in clause.children)
        if inside or modal:
            return False
    return True
