"""Speakers: the span that names who speaks for a cue word, and what a pronoun refers to.

The speaker of a cue verb is its grammatical subject (`nsubj`), or the agent of a passive
("was told by X"); a cue without a subject of its own ("..., adding that", "and warned") takes
the subject of the verb it hangs from. The speaker span is the subject's subtree without its
relative clauses ("the envoy, who has led the talks for years, said" -> "the envoy"), so
appositions stay ("Douglas London, a former CIA chief"). Unnamed sources keep their words
("a senior administration official", "sources").

A pronoun speaker ("he said", "she added") is resolved by recency: the speaker of the previous
quote when that speaker is compatible (a person for he/she, anything for they/we), unless
another compatible name outside the quote is the subject of the main clause of the pronoun's
sentence or the one before ("Mary Jones disagreed. “...,” she said."), else the nearest
preceding compatible mention. When that candidate is known to be of the other gender than "he"
or "she" (an honorific, a first name, an earlier pronoun: `gender.Genders`), the latest earlier
person known to be of the pronoun's gender is meant instead ("Lena Park spoke first. Then Tom
Reed arrived. “...,” she said": Lena Park); without such evidence the recency rule stands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from storyline.extract.quotes.cues import load_cues
from storyline.extract.quotes.gender import Genders
from storyline.model import Mention

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
ACTIVE_TAGS = frozenset({"VBD", "VBZ", "VBP"})  # not VBN: "a plan called X" is passive
RELATIVE = frozenset({"that", "which", "who", "whom"})
CLIPPED = frozenset({"relcl", "acl", "advcl"})
PERSON_TYPES = frozenset({"PERSON"})
# "*those* surveyed", "*some* who voted for him": a pronoun or number is named only by its clause
UNNAMED_HEADS = frozenset({"PRON", "DET", "NUM"})
GROUP_TYPES = frozenset({"ORG", "NORP", "GPE"})


@dataclass(frozen=True)
class SpeakerSpan:
    """A speaker as written: its characters and its head token's index."""

    start: int
    end: int
    head: int  # character offset of the head word


@dataclass(frozen=True)
class Named:
    """A resolved speaker: the text and span of the mention (or description) it refers to."""

    text: str
    start: int
    end: int
    person: bool  # compatible with he/she
    mention: bool = True  # a named mention (False: a description such as "an official")


def subject_token(verb: Any, depth: int = 3) -> Any | None:
    """The subject (or passive agent) of a cue verb, looked up through conj/xcomp/advcl heads
    ("forced Stumpf to admit": the object of the head is an infinitive's subject)."""
    for child in verb.children:
        if child.dep_ == "agent":
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj:
                return pobj[0]
    if (by := predicate_agent(verb)) is not None:
        return next(c for c in by.children if c.dep_ == "pobj")
    for child in sorted(verb.children, key=lambda c: abs(c.i - verb.i)):  # the nearest: a parse over a
        if not same_line(child, verb):  # line break may give the verb a subject from the line before
            if child.dep_ in SUBJECTS and (moved := _subject_on_line(child, verb)) is not None:
                return moved
            continue
        if child.dep_ == "nsubjpass" and not contracted_perfect(verb):  # "it is reported that", "he was told"
            return None
        if child.dep_ in SUBJECTS:
            return child
    if verb.dep_ == "acl" and verb.tag_ in ACTIVE_TAGS and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head  # "Beruff, a Scott ally, called ...": a past tense the parser read as a modifier
    if depth and _had_to_say(verb):  # "she had nothing good *to say* about it"
        return subject_token(verb.head.head if verb.dep_ in ("relcl", "acl") else verb.head, depth - 1)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN"):
        return _holder(verb.head, depth)  # "a tweet attacking ...", "it issued a paper welcoming ..."
    if depth and verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_token(verb.head.head, depth - 1)  # "responded by *saying*", "held ... for *refusing*"
    holder = _prepositional_holder(verb.head.head) if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" else None
    if depth and holder is not None:
        return subject_token(holder, depth - 1)  # "was aggressive in *pushing*", "faces challenges in *presenting*"
    if depth and _goes_on_from_reported(verb):
        return subject_token(verb.head.head, depth - 1)
    if depth and (shared := _passive_subject_shared(verb)) is not None:
        return shared
    if depth and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "acomp") and verb.head.i != verb.i:
        objects = [c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i]
        if verb.dep_ == "xcomp" and objects and verb.head.lemma_.lower() not in load_cues().means:
            return objects[0]  # "urged voters to reject"; but "used the speech to call for": the subject's
        return subject_token(verb.head, depth - 1)
    return None


def _had_to_say(verb: Any) -> bool:
    """"Lee had harsh words *to say* about the dam", "she has little *to say* on the matter": "say" in
    an infinitive on the object of "have" speaks for the subject of "have"."""
    if verb.lemma_.lower() != "say" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    have = verb.head.head if verb.dep_ in ("relcl", "acl") and verb.head.dep_ == "dobj" else verb.head
    return have.lemma_.lower() == "have" and (verb.dep_ != "xcomp" or any(
        c.dep_ == "dobj" and c.i < verb.i for c in have.children))  # "had *nothing* good to say"


def _passive_subject_shared(verb: Any) -> Any | None:
    """"Ann Lee was joined on stage by the mayor and *joked* ...": an active verb coordinated with a
    passive shares the passive's subject, not its agent."""
    if verb.dep_ != "conj" or verb.tag_ not in ACTIVE_TAGS or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    subject = next((c for c in verb.head.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.lower_ == "it" or contracted_perfect(verb.head):
        return None
    return subject


def _goes_on_from_reported(verb: Any) -> bool:
    """"Gore said it was time, *adding* that ...": a participle of saying that the parse hangs
    from the clause another verb of saying reports goes on from that verb, not from the clause."""
    speech = load_cues().speech
    head = verb.head
    return verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.lemma_.lower() in speech \
        and head.dep_ == "ccomp" and head.head.i < verb.i and head.head.lemma_.lower() in speech


def contracted_perfect(verb: Any) -> bool:
    """"He's said he will fight", "she's advocated a tax", parsed as a passive: a contracted "has"
    before a past tense with a clause of its own (or a participle with an object: a passive has
    none), and a subject other than "it" ("it's said that" is a passive)."""
    aux = [c for c in verb.children if c.dep_ == "auxpass"]
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if not aux or aux[0].lower_ not in ("'s", "’s") or subject is None or subject.lower_ == "it":
        return False
    after = {c.dep_ for c in verb.children if c.i > verb.i}
    return bool((verb.tag_ == "VBD" and "ccomp" in after) or (verb.tag_ in ("VBD", "VBN") and "dobj" in after))


def _prepositional_holder(word: Any) -> Any | None:
    """The verb whose subject a gerund after a preposition speaks for, when the preposition hangs
    from a predicate adjective ("he was *aggressive* in pushing"), an adverb ("he was *back* to
    boasting") or a verb's object ("they *face challenges* in presenting"): that verb."""
    if word.dep_ in ("acomp", "dobj", "advmod") and word.pos_ in ("ADJ", "NOUN", "ADV") \
            and word.head.pos_ in ("VERB", "AUX"):
        return word.head
    return None


SMALL_CLAUSE_VERBS = frozenset({"leave", "keep", "see", "watch", "hear", "catch"})


def _holder(noun: Any, depth: int) -> Any:
    """Who speaks through a noun a participle describes: the subject of the verb whose object it
    is ("*it* released a briefing note praising ...", "*lawyers* filed papers opposing ...") or
    whose prepositional phrase holds it (`_verb_over_phrase`), else the noun itself ("a Donald
    Trump *tweet* attacking ...")."""
    verb = noun.head if noun.dep_ == "dobj" and noun.head.pos_ in ("VERB", "AUX") else _verb_over_phrase(noun)
    if verb is not None and noun.dep_ == "dobj" and verb.lemma_.lower() in SMALL_CLAUSE_VERBS:
        return noun  # "the ruling left *the farmers* guessing ...": the object does it
    if depth and verb is not None:
        subject = subject_token(verb, depth - 1)
        if subject is not None:
            return subject
    return noun


def _verb_over_phrase(noun: Any) -> Any | None:
    """The verb a common noun in a prepositional phrase belongs to, through the phrases and the
    object it hangs from ("Lund went after Ortiz *at the hearing* declining ...", "ran *a string of
    editorials* pushing ..."): a participle on such a noun is its subject's act, not the noun's."""
    if noun.pos_ != "NOUN" or noun.ent_type_ or noun.dep_ != "pobj":
        return None
    word = noun
    for _ in range(4):
        if word.dep_ == "pobj" and word.head.dep_ == "prep":
            word = word.head.head
        elif word.dep_ == "dobj":
            word = word.head
        else:
            break
        if word.pos_ in ("VERB", "AUX"):
            return word
    return None


def _subject_on_line(subject: Any, verb: Any) -> Any | None:
    """A parse run over a line break ("The Latest: ... \n\n Donald Trump is questioning"): the
    subject's last dependent on the verb's own line before it ("Donald Trump")."""
    on_line = [c for c in subject.children
               if c.i < verb.i and same_line(c, verb) and c.pos_ in ("PROPN", "NOUN", "PRON")]
    return on_line[-1] if on_line else None


def same_line(a: Any, b: Any) -> bool:
    """No line break between two tokens (speakers and contents never cross paragraphs)."""
    lo, hi = (a, b) if a.i <= b.i else (b, a)
    return not any("\n" in t.text or "\n" in t.whitespace_ for t in lo.doc[lo.i:hi.i])


QUOTE_MARKS = frozenset({'"', "“", "”", "''", "``", "„", "«", "»"})


def _around(head: Any, tokens: list[Any]) -> list[Any]:
    """The run of consecutive tokens holding the head, never across a quotation mark (a parse
    may hang the quote itself under the speaker)."""
    at = next(n for n, t in enumerate(tokens) if t.i == head.i)
    lo = hi = at
    while lo > 0 and tokens[lo - 1].i == tokens[lo].i - 1 and tokens[lo - 1].text not in QUOTE_MARKS:
        lo -= 1
    while hi + 1 < len(tokens) and tokens[hi + 1].i == tokens[hi].i + 1 and tokens[hi + 1].text not in QUOTE_MARKS:
        hi += 1
    return tokens[lo:hi + 1]


def _cut_unclosed(tokens: list[Any], head: Any) -> list[Any]:
    """"the Office for the Coordination of Humanitarian Affairs (OCHA": cut at a bracket left
    open after the head word."""
    depth, cut = 0, None
    for n, t in enumerate(tokens):
        if t.text == "(":
            depth, cut = depth + 1, n if depth == 0 else cut
        elif t.text == ")" and depth:
            depth, cut = depth - 1, None if depth == 1 else cut
    return tokens[:cut] if depth and cut and tokens[cut].i > head.i else tokens


AGENT_NONE_TYPES = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "QUANTITY", "MONEY"})


def predicate_agent(verb: Any) -> Any | None:
    """"was hailed as a breakthrough *by many*", "was named as the winner *by the judges*": the "by"
    agent of a passive that the parse hangs from the noun of the verb's "as" phrase (its
    preposition), if there is one."""
    if not any(c.dep_ == "nsubjpass" for c in verb.children) or any(c.dep_ == "agent" for c in verb.children):
        return None
    nouns = [n for p in verb.children if p.dep_ == "prep" and p.lower_ == "as" and p.i > verb.i
             for n in p.children if n.dep_ == "pobj"]
    for by in (c for n in nouns for c in n.children if c.dep_ == "prep" and c.lower_ == "by"):
        agent = next((c for c in by.children if c.dep_ == "pobj"), None)
        if agent is not None and agent.ent_type_ not in AGENT_NONE_TYPES:
            return by
    return None


def predicate_as(child: Any) -> bool:
    """"was regarded by *many* as a setback": an "as" phrase the parse hangs from the agent is the
    verb's predicate, not part of who speaks."""
    return bool(child.dep_ == "prep" and child.lower_ == "as" and child.head.dep_ == "pobj"
                and child.head.head.dep_ == "agent")


def speaker_span(token: Any) -> SpeakerSpan:
    """The character span of a speaker token's phrase, relative clauses and edge punctuation cut."""
    tokens = _around(token, [t for t in sorted(token.subtree, key=lambda t: t.i) if same_line(t, token)])
    cut = min((c.left_edge.i for c in token.children if c.i > token.i and (
        predicate_as(c) or (c.dep_ in CLIPPED and token.pos_ not in UNNAMED_HEADS))), default=None)
    if cut is not None:
        tokens = [t for t in tokens if t.i < cut]
    tokens = _cut_unclosed(tokens, token) or [token]  # a cut before the head leaves the head itself
    while len(tokens) > 1 and (tokens[-1].is_punct or tokens[-1].is_space) and not (
            tokens[-1].text == ")" and any(t.text == "(" for t in tokens)):
        tokens.pop()
    while len(tokens) > 1 and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return SpeakerSpan(tokens[0].idx, tokens[-1].idx + len(tokens[-1].text), token.idx)


def mention_in(mentions: Sequence[Mention], start: int, end: int, types: frozenset[str],
               head: int | None = None) -> Mention | None:
    """The longest mention of one of `types` inside [start, end) (holding `head`, if given)."""
    inside = [m for m in mentions if m.start >= start and m.end <= end and m.type in types
              and (head is None or m.start <= head < m.end)]
    return max(inside, key=lambda m: (m.end - m.start, -m.start), default=None)


def named_speaker(text: str, span: SpeakerSpan, mentions: Sequence[Mention]) -> Named:
    """What a written speaker names: its PERSON/ORG mention, or the description itself."""
    m = mention_in(mentions, span.start, span.end, PERSON_TYPES, span.head) or mention_in(
        mentions, span.start, span.end, GROUP_TYPES, span.head
    )
    if m is None:
        m = earlier_name(text, span, mentions)
    if m is not None:
        return Named(m.text, m.start, m.end, m.type in PERSON_TYPES)
    return Named(text[span.start:span.end], span.start, span.end, person=True, mention=False)


def earlier_name(text: str, span: SpeakerSpan, mentions: Sequence[Mention], max_words: int = 3) -> Mention | None:
    """A short capitalised speaker the recogniser missed ("Price said", "Mr. Price said") names
    the latest earlier person mention ending in the same word ("Ned Price")."""
    words = text[span.start:span.end].split()
    if not words or len(words) > max_words or not all(w[:1].isupper() for w in words):
        return None
    last = words[-1].rstrip(".,").removesuffix("'s").removesuffix("’s")
    earlier = [m for m in mentions if m.end <= span.start and m.type in PERSON_TYPES and len(m.text.split()) > 1
               and m.text.split()[-1] == last]
    return earlier[-1] if earlier else None


def resolve_pronoun(kind: str, before: int, previous: Named | None, mentions: Sequence[Mention],
                    window: int = 2000, doc: Any | None = None, quoted: Sequence[tuple[int, int]] = (),
                    gender: str | None = None, genders: Genders | None = None) -> Named | None:
    """The antecedent of a pronoun speaker at offset `before` (see module doc)."""
    found = _by_recency(kind, before, previous, mentions, window, doc, quoted)
    if found is None or gender is None or genders is None or not found.mention or not found.person:
        return found
    if genders.of(found.text, found.start) in (None, gender):
        return found
    other = [m for m in mentions if m.end <= before and m.type in PERSON_TYPES and before - m.end < window
             and not _inside(m.start, quoted) and genders.of(m.text, m.start) in (None, gender)]
    if not other:
        return found
    m = next((m for m in reversed(other) if genders.of(m.text, m.start) == gender), other[-1])
    return Named(m.text, m.start, m.end, True)


def _types_of(kind: str) -> frozenset[str]:
    """The mention types a pronoun of this kind can stand for (`person`, `group`, else either)."""
    return PERSON_TYPES if kind == "person" else (GROUP_TYPES if kind == "group" else PERSON_TYPES | GROUP_TYPES)


def _inside(offset: int, quoted: Sequence[tuple[int, int]]) -> bool:
    """Whether the offset falls in one of the quoted stretches."""
    return any(s <= offset < e for s, e in quoted)


def _by_recency(kind: str, before: int, previous: Named | None, mentions: Sequence[Mention], window: int,
                doc: Any | None, quoted: Sequence[tuple[int, int]]) -> Named | None:
    if previous is not None and before - previous.end < window and (kind != "person" or previous.person):
        return _newer_subject(kind, before, previous, mentions, doc, quoted) or previous
    types = _types_of(kind)
    earlier = [m for m in mentions if m.end <= before and m.type in types and before - m.end < window]
    if not earlier:
        return None
    m = earlier[-1]
    return Named(m.text, m.start, m.end, m.type in PERSON_TYPES)


def _newer_subject(kind: str, before: int, previous: Named, mentions: Sequence[Mention], doc: Any | None,
                   quoted: Sequence[tuple[int, int]] = ()) -> Named | None:
    """"“...,” said John Smith. ¶Mary Jones disagreed. “...,” she said.": a person (or group) named
    as the subject of the main clause of the pronoun's sentence or the one before it, after the
    previous speaker, other than that speaker and outside the words quoted (`quoted`), is the one
    the pronoun points at (the latest such)."""
    if doc is None:
        return None
    pronoun = doc.char_span(before, before + 1, alignment_mode="expand")
    if pronoun is None:
        return None
    sents = list(doc.sents)
    n = next((k for k, s in enumerate(sents) if s.start <= pronoun.start < s.end), None)
    if n is None:
        return None
    lower = sents[max(0, n - 1)].start_char
    types = _types_of(kind)
    words = set(previous.text.split())
    for m in reversed(mentions):
        if m.start < max(previous.end, lower) or m.end > before or m.type not in types:
            continue
        if words & set(m.text.split()) or _inside(m.start, quoted):
            continue  # "Smith" after "John Smith": the previous speaker again; a name in the quote
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.dep_ == "ROOT":
            return Named(m.text, m.start, m.end, m.type in PERSON_TYPES)
    return None
