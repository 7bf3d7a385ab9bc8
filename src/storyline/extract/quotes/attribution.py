"""Finding attributions in a parsed article: direct quotes and reported speech.

Direct quotes (see `marks`) are attributed through the words around them in their paragraph:
the *trailing frame* (from the closing mark to the end of that sentence: `,” the minister
said.`) is tried first, then the *leading frame* (from the start of the sentence to the
opening mark: `Price replied, “...`), then a `He said:` line ending the paragraph before. A cue
there is a speech verb of the lexicon (or a direct-only one: "continued", "shouted"); a dash
and a name after the quote (`” ― Sonya Herridge`) name the speaker without a verb. A quote
whose leading frame ends with the cue's own clause ("X said the plan was “a disaster”") is
*embedded*: left to reported speech, which takes the whole clause, and kept as a direct quote
only when reported speech does not cover it. Quotes interrupted by their attribution
(`“A,” she said, “B.”`) are joined: a quote whose leading cue is the previous quote's cue, or
that has no cue of its own and follows a quote in the same paragraph, adds its pieces to that
quote. A cue-less quote that is the whole next paragraph continues the previous speaker (one
that shares its paragraph with other words is attributed by words we cannot read: it is left
out rather than guessed). Short cue-less
quotes (scare quotes: a “really serious” crisis) are not quotes of their own.

Reported speech is read from the dependency parse of every other cue verb outside quotation
marks: its clausal complement ("said *that ...*"; for "*...*, sources said" the sentence up to
the source), its particle phrase ("called *on Y to ...*", "warned *against ...*"), its object
and infinitive ("urged *Y to ...*"), object and predicate ("called *the plan a fraud*"), its object
alone ("denied *the report*"), or, for a parenthetical or sentence-final cue ("..., he said,
...", "..., experts say."), the rest of its sentence; "according to X, ..." gives the rest of
the sentence to X. Contents stay within the cue's paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from storyline.extract.quotes.cues import Cues, load_cues
from storyline.extract.quotes.marks import Passage, Pieced, paragraphs
from storyline.extract.quotes.speakers import (
    contracted_perfect,
    predicate_agent,
    predicate_as,
    same_line,
    speaker_span,
    subject_token,
)
from storyline.model import Mention

SENTENCE_END = frozenset({".", "!", "?"})
NAMED_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
PERSON_TYPES = frozenset({"PERSON"})
DASHES = frozenset({"―", "—", "–", "-", "--"})
VERB_POS = frozenset({"VERB", "AUX"})
CONTENT_DEPS = ("ccomp",)
ADDRESSEE_VERBS = frozenset({"tell", "ask", "urge", "warn", "call", "inform", "brief", "remind", "assure", "convince",
                             "persuade"})
STANCE_PREPS = frozenset({"of", "for", "as", "on", "over", "about"})
NOUN_POS = frozenset({"NOUN"})
EXPLETIVES = frozenset({"it", "there"})
OBJECT_RELATIVES = frozenset({"which", "that", "what", "whom"})
PERSONAL = frozenset({"him", "her", "them", "it", "me", "us", "you", "himself", "herself", "themselves", "itself"})
CARRYING_PREPS = frozenset({"with", "in"})  # "spoke *with* concern about", "rallied *in* support of"
NOUN_TOPIC_PREPS = frozenset({"about", "on", "against", "over", "for"})
PREDICATE_PREPS = frozenset({"as"})  # "regards *him as* a contender": a pronoun object with a predicate
PRONOUN_TOPIC_PREPS = PREDICATE_PREPS | {"of", "for", "over", "about"}  # "chastised them *over* the delays"
TIME_TYPES = frozenset({"DATE", "TIME"})  # "said Monday Chief Jordan": a parse's subject that is a date
PASSIVE_PREPS = STANCE_PREPS | {"with"}
OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "oprd", "acomp", "attr"})
FRONTED_DEPS = frozenset({"advcl", "ccomp", "parataxis"})
MIN_CUELESS_WORDS = 4
MAX_TRAILING_GAP = 8
MAX_RUN_ON_GAP = 3  # words between a quote and its cue when no punctuation follows the quote
MAX_EMBED_GAP = 3
MAX_PARENTHETICAL = 10
MAX_TITLE_WORDS = 6
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "in", "on", "for", "to", "with", "at", "by", "or"})
TITLE_EDGES = ".,;:!?'’‘\"“”()"


@dataclass
class Found(Pieced):
    """One attribution before it becomes a Quote: content pieces, cue and speaker tokens."""

    pieces: list[tuple[int, int]]
    direct: bool
    cue: Any | None = None  # the cue token (a verb, or "according")
    cue_text: str | None = None
    speaker: Any | None = None  # the speaker's head token
    inherit: bool = False  # same speaker as the previous quote
    paragraph: int = 0
    label: tuple[int, int] | None = None  # a speaker given as characters (transcript labels)
    embedded: bool = False  # a quote inside its cue's clause: used only if reported speech misses it
    sourceless: bool = False  # no speaker in the text ("is expected to", "seems to")
    frames: bool = False  # a cue set off by commas that frames its sentence ("X, she warned, Y plan to")


class Parsed:
    """Token lookups over one spaCy Doc and the article's quotation passages."""

    def __init__(self, doc: Any, passages: Sequence[Passage], text: str) -> None:
        self.doc = doc
        self.text = text
        self.tokens = list(doc)
        self.starts = [t.idx for t in self.tokens]
        self.paras = paragraphs(text)
        self.para_starts = [p[0] for p in self.paras]
        self.quoted = sorted((p.outer_start, p.outer_end) for p in passages)

    def between(self, start: int, end: int) -> list[Any]:
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [t for t in self.tokens[lo:hi] if t.idx + len(t.text) <= end and not t.is_space]

    def paragraph_of(self, offset: int) -> int:
        return max(0, bisect_left(self.para_starts, offset + 1) - 1)

    def in_quote(self, token: Any) -> bool:
        i = bisect_left(self.quoted, (token.idx + 1, 0)) - 1
        return i >= 0 and self.quoted[i][0] <= token.idx < self.quoted[i][1]


def cue_phrase(token: Any, cues: Cues) -> str:
    """The cue as written: the verb plus its lexicon particle ("called on", "according to")."""
    words = preposition_at(token, cues)
    if words is not None:
        return " ".join(words)
    particles = cues.phrasal.get(cues.lemma(token), frozenset())
    extra = [c for c in token.children if c.lower_ in particles and c.i > token.i]
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if not extra and nxt is not None and nxt.lower_ in particles and nxt.dep_ == "mark" and nxt.head.head.i == token.i:
        extra = [nxt]  # "called for the state to act": the particle marks the clause
    return " ".join([token.text, extra[0].text]) if extra else token.text


def preposition_at(token: Any, cues: Cues) -> tuple[str, ...] | None:
    """The lexicon preposition ("according to") that starts at this token, if any."""
    if token.lower_ not in cues.preposition_starts:
        return None
    doc = token.doc
    for words in cues.prepositions:
        if token.i + len(words) <= len(doc) and all(doc[token.i + k].lower_ == w for k, w in enumerate(words)):
            return words
    return None


def particle_of(token: Any, cues: Cues) -> Any | None:
    """The lexicon particle after a verb ("talked *about*", "pointed *out*"), if any."""
    particles = cues.phrasal.get(cues.lemma(token), frozenset())
    return next((c for c in token.children if c.lower_ in particles and c.i > token.i), None) if particles else None


def is_cue(token: Any, cues: Cues, reported: bool) -> bool:
    if preposition_at(token, cues) is not None:
        return True
    if token.pos_ not in VERB_POS:
        return False
    if cues.is_verb_cue(cues.lemma(token), reported):
        return True
    return reported and (particle_of(token, cues) is not None or (
        token.pos_ == "VERB" and (_that_complement(token) is not None or _question_complement(token))
        and _human_subject(token)))


QUESTION_MARKS = frozenset({"if", "whether"})


def _opened_by(clause: Any, marks: frozenset[str]) -> bool:
    """Whether the clause's first word is its subordinating mark, one of `marks` ("*if* they ...")."""
    return any(m.dep_ == "mark" and m.lower_ in marks and m.i == clause.left_edge.i for m in clause.children)


def _question_complement(verb: Any) -> bool:
    """"She *questioned whether* the plan would work": an indirect question as the verb's clause."""
    return any(c.i > verb.i and c.dep_ == "ccomp" and _opened_by(c, QUESTION_MARKS) for c in verb.children)


COMPOUND_CONJUNCTIONS = frozenset({"now", "so", "order", "except", "given", "provided"})  # "now that ..."
HUMAN_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "who"})


def _human_subject(verb: Any) -> bool:
    """A subject that names a person or a group ("*Trump* gambled that ...", "*she* figured that")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and (subject.lower_ in HUMAN_PRONOUNS or subject.ent_type_ in NAMED_TYPES)


def preposition_source(token: Any, cues: Cues) -> Any | None:
    """The X of "according to X": the object of the preposition's last word."""
    words = preposition_at(token, cues) or ("",)
    last = token.doc[token.i + len(words) - 1]
    objs = [c for c in last.children if c.dep_ == "pobj"]
    return objs[0] if objs else None


def speaker_of(cue: Any, cues: Cues, parsed: Parsed) -> Any | None:
    """The speaker token of a cue, on the cue's own line and outside quotation marks; for a
    subject parsed inside the quote (`“We ...,” said Chief Jordan`) a name after the verb."""
    if cue.pos_ in NOUN_POS:
        token = noun_owner(cue, cues)
    else:
        token = preposition_source(cue, cues) if preposition_at(cue, cues) else subject_token(cue)
    if token is not None and (parsed.in_quote(token) or token.ent_type_ in TIME_TYPES):
        after = [c for c in cue.children if c.i > cue.i and c.pos_ == "PROPN" and not parsed.in_quote(c)
                 and c.dep_ in ("dobj", "attr", "npadvmod", "nsubj", "appos", "oprd", "dep")]
        token = after[0] if after else token
    if token is None and cue.i > 0 and cue.doc[cue.i - 1].ent_type_ in NAMED_TYPES:
        token = cue.doc[cue.i - 1]  # a parse without a subject: the name right before the verb
    if token is None and cues.lemma(cue) in cues.speech:
        token = _set_off_subject(cue, parsed) or _inverted_name(cue, parsed)
    if token is None or parsed.paragraph_of(token.idx) != parsed.paragraph_of(cue.idx):
        return None
    return token


MAX_TITLE_BEFORE_NAME = 4
TITLE_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET"})


def _inverted_name(cue: Any, parsed: Parsed) -> Any | None:
    """`“...,” said retired judge Ann Lee, pointing to the map`: a verb of saying right after a
    quotation or a comma, left without a subject by a parse that hung the name after it elsewhere,
    takes the named person or group that follows it after a title of a few words at most (the
    name's last word)."""
    doc = cue.doc
    if cue.i == 0 or not doc[cue.i - 1].is_punct or cue.tag_ not in ("VBD", "VBZ"):
        return None
    for t in doc[cue.i + 1: min(cue.i + 2 + MAX_TITLE_BEFORE_NAME, cue.sent.end)]:
        if t.ent_type_ in ("PERSON", "ORG"):
            last = t
            while last.i + 1 < len(doc) and doc[last.i + 1].ent_iob_ == "I":
                last = doc[last.i + 1]
            return None if parsed.in_quote(last) else last
        if t.pos_ not in TITLE_POS and t.tag_ != "VBN" and not (t.tag_ == "VBG" and t.i == cue.i + 2):
            break
    return _inverted_phrase(cue, parsed)


MAX_INVERTED_WORDS = 6
NOT_SPEAKERS = TIME_TYPES | {"CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "GPE", "LOC"}


def _inverted_phrase(cue: Any, parsed: Parsed) -> Any | None:
    """`“...,” added another county official.`, `“...,” said the woman, who ...`: failing a name,
    a whole noun phrase right after the verb, ended by punctuation or a relative pronoun (its last
    word; not a date, a number or a place)."""
    doc = cue.doc
    words: list[Any] = []
    stop = None
    for t in doc[cue.i + 1: cue.sent.end]:
        if t.pos_ in TITLE_POS or t.pos_ == "NUM" or (t.tag_ == "VBN" and not words):
            words.append(t)
            if len(words) > MAX_INVERTED_WORDS:
                return None
            continue
        stop = t
        break
    if not words or (stop is not None and not stop.is_punct and stop.lower_ not in ("who", "whose")):
        return None
    head = words[-1]
    if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in NOT_SPEAKERS or parsed.in_quote(head):
        return None
    return head


ASIDE_POS = frozenset({"NUM", "ADP", "ADV"})  # "Lee, 44, said", "Lee, in Ohio, said", "Lee, meanwhile, said"
ASIDE_TAGS = frozenset({"VBG", "VBN"})  # "Lee, facing a challenge, said"
MAX_SET_OFF = 4


def _set_off_subject(cue: Any, parsed: Parsed) -> Any | None:
    """`..., a spokeswoman, Ann Lee, said on Monday`: a finite verb of saying the parse left
    without a subject takes the noun phrase set off by commas right before it, passing over
    asides (an age, a place, a participle or relative clause)."""
    doc, end = cue.doc, cue.i - 1
    if cue.tag_ not in ("VBD", "VBZ", "VBP") or end < 1 or doc[end].text != "," \
            or any(c.dep_ in ("nsubjpass", "expl") for c in cue.children):
        return None
    for _ in range(MAX_SET_OFF):
        start = end - 1
        while start >= cue.sent.start and doc[start].text != ",":
            start -= 1
        words = [t for t in doc[start + 1:end] if not t.is_punct]
        if not words or any(parsed.in_quote(t) for t in words):
            return None
        root = next(t for t in words if not start < t.head.i < end or t.head.i == t.i)
        aside = root.pos_ in ASIDE_POS or root.tag_ in ASIDE_TAGS or words[0].lower_ in ("who", "whose", "which")
        if not aside:
            return root if root.pos_ in ("NOUN", "PROPN") and not any(t.pos_ in VERB_POS for t in words) else None
        if start < cue.sent.start:
            return None
        end = start
    return None


# --------------------------------------------------------------------------- direct quotes


def _trailing(parsed: Parsed, p: Passage, limit: int) -> list[Any]:
    frame: list[Any] = []
    for t in parsed.between(p.outer_end, limit):
        frame.append(t)
        if t.text in SENTENCE_END:
            break
    return frame


def _leading(parsed: Parsed, p: Passage, lower: int) -> list[Any]:
    frame = parsed.between(lower, p.outer_start)
    ends = [n for n, t in enumerate(frame) if t.text in SENTENCE_END]
    return frame[ends[-1] + 1:] if ends else frame


def _trailing_cue(frame: list[Any], cues: Cues, parsed: Parsed, open_ended: bool, ended: bool = False,
                  mid_sentence: bool = False) -> Any | None:
    """A cue right after the quote that reports nothing else ("," he said, "and ...": the
    complement in the next quote is this quote's continuation). After a quote that ends with a
    comma, question or exclamation mark (`open_ended`) the cue is this quote's in any case,
    unless the quote ends its sentence (`ended`) and a new statement follows (`_new_sentence`) or
    the cue introduces what follows its colon (`“We are ready.” She told reporters: “...”`)."""
    run_on = bool(frame) and not frame[0].is_punct  # "a “champion” for its members, citing": mid-sentence
    for n, t in enumerate(frame[:MAX_TRAILING_GAP]):
        if is_cue(t, cues, reported=False):
            if ended and any(w.text == ":" for w in frame[n + 1:]):
                return None
            if run_on and not open_ended and n > MAX_RUN_ON_GAP:
                return None
            has_content = (not open_ended or mid_sentence) and any(not parsed.in_quote(c) for c in _reported_clauses(t))
            return None if has_content or n >= MAX_TRAILING_GAP or (ended and _new_sentence(frame, t, cues)) else t
    return _after_long_subject(frame, cues, parsed) if open_ended else None


def _new_sentence(frame: list[Any], cue: Any, cues: Cues) -> bool:
    """`“... bridge!” Farmers still admire her refusal to ...`: after a quote that ends its
    sentence, a capitalised subject and a cue with an object or clause of its own start a new
    statement, not this quote's attribution."""
    subject = subject_token(cue, depth=0)
    if not frame or frame[0].is_punct or not frame[0].text[:1].isupper() or subject is None or subject.i > cue.i:
        return False
    return cues.lemma(cue) not in ADDRESSEE_VERBS and any(
        c.i > cue.i and c.dep_ in ("ccomp", "dobj", "xcomp") for c in cue.children)


def _after_long_subject(frame: list[Any], cues: Cues, parsed: Parsed) -> Any | None:
    """`“...,” James Smith, the director of the agency, said at a news conference`: a cue
    further away that reports nothing else, whose subject is all that stands between it and
    the quote."""
    words = [t for t in frame if not t.is_punct]
    for t in frame[MAX_TRAILING_GAP:]:
        if is_cue(t, cues, reported=False):
            subject = subject_token(t, depth=0)
            own = any(not parsed.in_quote(c) for c in _reported_clauses(t))
            return t if words and subject is not None and not own and subject.i < t.i \
                and subject.left_edge.i == words[0].i and subject.right_edge.i < t.i else None
    return None


def _leading_cue(frame: list[Any], cues: Cues) -> tuple[Any | None, bool]:
    """The cue nearest the quote in its leading frame, and whether the quote sits inside its clause."""
    for n in range(len(frame) - 1, -1, -1):
        t = frame[n]
        if is_cue(t, cues, reported=False):
            gap = [w for w in frame[n + 1:] if not w.is_punct]
            set_off = frame[-1].text in (",", ":")  # "Tester said, referring to ..., “...”": not inside the clause
            inside = bool(gap) and _in_clause_of(t, gap[-1])  # "saying it’s “only about ...”"
            return t, (len(gap) >= MAX_EMBED_GAP or inside) and not set_off
    return None, False


def _clause_goes_on(cue: Any, frame: list[Any], p: Passage, parsed: Parsed) -> bool:
    """"Lindqvist said “it makes me furious” whenever she reads about it": a quote that opens the clause
    its leading cue reports, which goes on after the closing mark, is part of that clause."""
    if not frame or frame[-1].text in (",", ":"):
        return False
    inner = parsed.between(p.outer_start, p.outer_end)
    words = [t for t in inner if not t.is_punct]
    if not words:
        return False
    for clause in _reported_clauses(cue):
        if clause.left_edge.i <= words[0].i and clause.right_edge.idx >= p.outer_end:
            after = cue.doc[inner[-1].i + 1: clause.right_edge.i + 1]
            if any(not (t.is_punct or t.is_space) and t.sent == cue.sent for t in after):
                return True
    return False


def _in_clause_of(cue: Any, word: Any) -> bool:
    """Whether a word belongs to the clause a cue reports (its clausal complement)."""
    return any(c.left_edge.i <= word.i <= c.right_edge.i for c in _reported_clauses(cue))


def _reported_clauses(cue: Any) -> list[Any]:
    """The clausal complements after a cue: what it reports ("said *it was over*")."""
    return [c for c in cue.children if c.dep_ in ("ccomp", "xcomp") and c.i > cue.i]


_DASH_AFTER = re.compile(r"[ \t\u00a0]*(?:―|—|–|--?)[ \t\u00a0]*(?=[A-Z])")


def _dash_source(parsed: Parsed, p: Passage, mentions: Sequence[Mention]) -> tuple[int, int] | None:
    """`“...” ― Sonya Herridge`: a dash right after the quote (glued to it or not), then a named
    person or group (a mention, else up to four capitalised proper nouns)."""
    dash = _DASH_AFTER.match(parsed.text, p.outer_end)
    if dash is None:
        return None
    after = dash.end()
    named = [m for m in mentions if m.start == after and m.type in ("PERSON", "ORG", "NORP")]
    if named:
        return named[0].start, named[0].end
    words = []
    for t in parsed.between(after, min(len(parsed.text), after + 80))[:4]:
        if not t.text[:1].isupper() or t.pos_ != "PROPN":
            break
        words.append(t)
    return (words[0].idx, words[-1].idx + len(words[-1].text)) if words else None


def _colon_cue(parsed: Parsed, p: Passage, para: tuple[int, int], cues: Cues) -> Any | None:
    """`He said:` alone before a paragraph that opens with the quote."""
    n = parsed.paragraph_of(para[0])
    if n == 0 or parsed.text[para[0]:p.outer_start].strip():
        return None
    before = parsed.paras[n - 1]
    frame = parsed.between(*before)
    if not frame or frame[-1].text != ":":
        return None
    ends = [k for k, t in enumerate(frame) if t.text in SENTENCE_END]
    cue, _ = _leading_cue(frame[ends[-1] + 1:] if ends else frame, cues)
    return cue


def _named_before(cue: Any, parsed: Parsed) -> Any | None:
    """A quote's cue whose speaker the parse does not give ("Lee, in Ohio on a visit, said Tuesday
    “...”", "columnist Ann Lee, in a long post, wrote, “...”"): the first person or group named in
    its sentence before it, outside quotation marks, on the cue's line, else the first one after it
    (else the previous speaker)."""
    named = [e for e in cue.sent.ents if e.label_ in ("PERSON", "ORG") and not parsed.in_quote(e.root)
             and same_line(e.root, cue) and not e.start <= cue.i < e.end]
    before = [e for e in named if e.end <= cue.i]
    after = [e for e in named if e.start > cue.i]
    return before[0].root if before else (after[0].root if after else None)


def _in_subject_phrase(p: Passage, cue: Any | None, speaker: Any | None) -> bool:
    """`said Ann Lee, whose novel praises “stubborn” people`: quotation marks inside the phrase
    naming the cue's subject mark the writer's words about the speaker, not a quote of her."""
    if cue is None or speaker is None or speaker.head.i != cue.i or speaker.dep_ != "nsubj":
        return False
    doc = speaker.doc
    end = doc[speaker.right_edge.i].idx + len(doc[speaker.right_edge.i])
    return bool(speaker.idx < p.outer_start and p.outer_end <= end)  # after the subject's own word


def attribute_passages(parsed: Parsed, passages: Sequence[Passage], cues: Cues, text: str,
                       mentions: Sequence[Mention] = ()) -> list[Found]:
    """Direct quotes with their cue tokens, interrupted quotes joined (see module doc)."""
    out: list[Found] = []
    for n, p in enumerate(passages):
        if is_title(parsed, p) or in_markup(text, p.outer_start):
            continue
        para = parsed.paras[parsed.paragraph_of(p.outer_start)] if parsed.paras else (0, len(text))
        last = parsed.paragraph_of(max(p.outer_start, p.outer_end - 1))  # a quote over paragraphs ends in its last
        end = parsed.paras[last][1] if parsed.paras else len(text)
        nxt = passages[n + 1].outer_start if n + 1 < len(passages) else end
        prev = passages[n - 1].outer_end if n else para[0]
        trailing = _trailing(parsed, p, min(nxt, end))
        label = _dash_source(parsed, p, mentions)
        if label is not None:
            dash = text[p.outer_end:label[0]].strip(" \t\u00a0") or "―"
            out.append(Found(list(p.pieces), True, None, cue_text=dash, label=label, paragraph=last))
            continue
        frame = _leading(parsed, p, max(prev, para[0]))
        cue = _trailing_cue(trailing, cues, parsed, text[p.start:p.end].rstrip()[-1:] in (",", "?", "!"),
                            text[p.start:p.end].rstrip()[-1:] in ("?", "!", "."),
                            any(not t.is_punct for t in frame))
        embedded = False
        if cue is None:
            cue, embedded = _leading_cue(frame, cues)
            embedded = embedded or (cue is not None and _clause_goes_on(cue, frame, p, parsed))
        if cue is None:
            cue = _colon_cue(parsed, p, para, cues)
        speaker = speaker_of(cue, cues, parsed) if cue is not None else None
        if speaker is None and cue is not None:
            speaker = _named_before(cue, parsed)
        if _in_subject_phrase(p, cue, speaker):
            continue
        found = Found(list(p.pieces), True, cue, speaker=speaker, paragraph=last)
        if embedded:
            found.embedded = True
            out.append(found)
            continue
        _place([f for f in out if not f.embedded], found, text, out)
    return out


MAX_TAG = 400
_TAG_OPEN = re.compile(r"</?[A-Za-z][\w:-]*[\s>/]")


def in_markup(text: str, offset: int) -> bool:
    """Inside an HTML or XML tag left in the text (`<tweet author="X" id="1">`): attribute
    values are not quotes."""
    lt = text.rfind("<", max(0, offset - MAX_TAG), offset)
    return lt >= 0 and text.rfind(">", lt, offset) < 0 and "\n" not in text[lt:offset] \
        and _TAG_OPEN.match(text, lt) is not None


def is_title(parsed: Parsed, p: Passage) -> bool:
    """`said on ABC's “This Week”`, `in “The Long Harvest”`, `the film “Rivers of Gold”`: a
    short quotation in title case after a preposition, a possessive or the common noun it names
    is a show, a book or a film; nobody says it. A symbol
    standing for a word (`“Farm & Home”`) does not break the title case."""
    words = [w.strip(TITLE_EDGES) for s, e in p.pieces for w in parsed.text[s:e].split()]
    words = [w for w in words if w]
    if not words or len(words) > MAX_TITLE_WORDS or not words[0][:1].isupper():
        return False
    if not all(w[:1].isupper() or w.lower() in TITLE_SMALL_WORDS or not any(c.isalpha() for c in w) for w in words):
        return False
    before = parsed.between(max(0, p.outer_start - 40), p.outer_start)
    return bool(before) and (before[-1].pos_ in ("ADP", "NOUN") or before[-1].tag_ == "POS")


def _stands_alone(found: Found, text: str) -> bool:
    """A quote that is its paragraph: nothing but quotation marks and punctuation around it."""
    start = text.rfind("\n", 0, found.start) + 1
    end = text.find("\n", found.end)
    around = text[start:found.start] + text[found.end:end if end >= 0 else len(text)]
    return not any(c.isalnum() for c in around)


def _place(placed: list[Found], found: Found, text: str, out: list[Found]) -> None:
    """Join `found` to the last placed quote (same cue, or no cue in the same paragraph), or
    append it to `out` (a cue-less quote only when it continues a recent speaker)."""
    last = placed[-1] if placed else None
    same_cue = last is not None and found.cue is not None and last.cue is not None and last.cue.i == found.cue.i
    if same_cue or (found.cue is None and last is not None and last.paragraph == found.paragraph):
        assert last is not None
        last.pieces += found.pieces
        return
    if found.cue is None:
        words = sum(len(text[s:e].split()) for s, e in found.pieces)
        if last is None or found.paragraph - last.paragraph > 1 or words < MIN_CUELESS_WORDS \
                or not _stands_alone(found, text):
            return
        found.inherit = True
    out.append(found)


# --------------------------------------------------------------------------- reported speech


def _subtrees(tokens: Iterable[Any]) -> set[int]:
    return {w.i for t in tokens for w in t.subtree}


def _content_tokens(verb: Any, cues: Cues) -> set[int]:
    """Token indices of what a cue verb reports (see module doc), or an empty set."""
    children = list(verb.children)
    clauses = [c for c in children if (c.dep_ in CONTENT_DEPS or (c.dep_ == "parataxis" and c.i < verb.i)
                                       or _asked_question(verb, c, cues) or _that_clause(verb, c))
               and not _set_off_cue(c, verb, cues)]
    if not clauses and (stray := _stray_complement(verb, cues)) is not None:
        clauses = [stray]  # "wrote in the last of several posts *that the plant was closed*"
    if clauses and all(c.i < verb.i for c in clauses) and _own_object(verb, cues):
        clauses = []  # "Its approach is radical: it *posts* caches online": the object is the content
    as_clauses = _as_clauses(verb)
    if not clauses and cues.lemma(verb) in cues.clause_only and not as_clauses and not _as_on_object(verb) \
            and not _document_finding(verb, cues) and not any(
            c.dep_ in ("xcomp", "oprd") or (c.dep_ == "prep" and c.lower_ == "as") for c in children):
        if cues.lemma(verb) not in cues.speech or any(c.i > verb.i and c.dep_ in OBJECT_DEPS for c in children):
            return set()  # "found a way": an act, not a finding; but "regard her as a rival"
        return _parenthetical(verb) or _sentence_final(verb)  # "He had no ties, the airline *added*, and ..."
    if clauses:
        content = _subtrees(clauses)
        if all(c.i < verb.i for c in clauses):  # "..., sources said": the sentence up to the source
            subject = subject_token(verb, depth=0)
            stop = subject.left_edge.i if subject is not None and subject.i < verb.i else verb.i
            content |= set(range(verb.sent.start, stop))
        return content
    particles = cues.phrasal.get(cues.lemma(verb), frozenset())
    preps = [c for c in children if c.lower_ in particles and c.i > verb.i]
    xcomps = [c for c in children if c.dep_ == "xcomp" and c.i > verb.i]
    if preps and (content := _subtrees([o for p in preps for o in p.children]) | _subtrees(xcomps)):
        return content  # else "as advisers pointed out, ...": a parenthetical below
    if marked := _particle_clause(verb, particles):
        return marked
    objs = [c for c in children if c.dep_ == "dobj"]
    if objs and cues.lemma(verb) in cues.stance:  # "accused him of lying", "endorsed Trump"
        after = [c for c in children if c.dep_ == "prep" and c.lower_ in STANCE_PREPS and c.i > objs[0].i]
        after += as_clauses
        return _subtrees(objs + after + xcomps)
    if xcomps:
        return _subtrees(objs + xcomps)
    predicates = [c for c in children if c.dep_ == "oprd"]
    if predicates:  # "called the plan a fraud", "called her vote a mistake"
        return _subtrees(objs + predicates)
    if objs and objs[0].lower_ in OBJECT_RELATIVES:  # "a strategy *which* the bank detailed"
        return _subtrees(objs)
    if objs and cues.lemma(verb) not in ADDRESSEE_VERBS:
        after = [c for c in children if c.dep_ == "prep" and c.i > objs[0].i] + as_clauses
        if objs[0].lower_ not in PERSONAL or any(c.lower_ in PRONOUN_TOPIC_PREPS for c in after):
            return _subtrees(objs + after)  # "claimed momentum", "regards Jerusalem as its capital", "sees her as",
            # "chastised the mayor for refusing help": the phrases after the object go with it, and
            # make a personal pronoun content when one names a topic ("chastised them over the delays")
    found = _answer(verb, cues) or _parenthetical(verb) or _sentence_final(verb)
    if found or (particle := particle_of(verb, cues)) is not None and particle.dep_ == "dobj":
        return found  # "as she *put it*, ...": an idiom with its object reports only the sentence around it
    return _topic(verb, cues)


def _that_clause(verb: Any, clause: Any) -> bool:
    """"reminded parents *that the school would close*": a clause opened by "that", with a subject of
    its own, that the parse hung from the cue as an adverbial clause is its complement."""
    return clause.dep_ == "advcl" and clause.i > verb.i and _opened_by(clause, frozenset({"that"})) \
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children)


def _stray_complement(verb: Any, cues: Cues) -> Any | None:
    """"She said in a post on her blog *that the plant would close*", "told reporters in a series of
    posts *that ...*": a verb of saying with no clause of its own (nor an object, but the one
    addressed) whose "that" clause the parse hung as a relative clause on a noun of its
    prepositional phrase. "That" is that clause's marker and the clause has a subject of its own,
    so it is no relative clause (where "that" would be the subject or the object)."""
    if cues.lemma(verb) not in cues.speech or any(c.dep_ in ("xcomp", "oprd") or (
            c.dep_ == "dobj" and cues.lemma(verb) not in ADDRESSEE_VERBS) for c in verb.children):
        return None
    particles = cues.phrasal.get(cues.lemma(verb), frozenset())
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ not in particles):
        for c in prep.subtree:
            if c.dep_ in ("relcl", "acl") and c.pos_ in VERB_POS and c.head.pos_ in ("NOUN", "PROPN") \
                    and cues.lemma(c.head) not in cues.nouns \
                    and any(m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i
                            and not _compound_conjunction(m) for m in c.children) \
                    and any(m.dep_ in ("nsubj", "nsubjpass", "expl") for m in c.children):
                return c
    return None


def _as_clauses(verb: Any) -> list[Any]:
    """"Voters see *the plan as too costly*", "he sees his rival *as beholden to* donors": an "as"
    predicate of the object that the parse hung from the verb as a clause without a subject (one
    with a subject, "as he left", is a clause of time)."""
    if not any(c.dep_ == "dobj" and c.i > verb.i for c in verb.children):
        return []
    return [c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i and c.left_edge.lower_ == "as"
            and not any(m.dep_ in ("nsubj", "nsubjpass", "expl") for m in c.children)]


def _as_on_object(verb: Any) -> bool:
    """"Analysts see *the ruling as a warning*", "fishermen see *the quotas set last year as a threat*": an
    "as" predicate the parse hung from the object, or from a participle on it."""
    return any(p.dep_ == "prep" and p.lower_ == "as" and p.i > c.i
               and (p.head.i == c.i or (p.head.dep_ == "acl" and p.head.head.i == c.i))
               for c in verb.children if c.dep_ == "dobj" and c.i > verb.i for p in c.subtree)


def _document_finding(verb: Any, cues: Cues) -> bool:
    """"The survey found *broad support for the plan*": a verb of finding whose subject is a
    document of the lexicon (a poll, a study, a report) reports its object: what it found."""
    subject = subject_token(verb, depth=0)
    return subject is not None and subject.i < verb.i and cues.lemma(subject) in cues.documents \
        and any(c.dep_ == "dobj" and c.i > verb.i for c in verb.children)


ASKING = frozenset({"ask", "wonder", "inquire", "question"})


def _asked_question(verb: Any, clause: Any, cues: Cues) -> bool:
    """"He asked the crowd *if they liked the plan*": an indirect question after a verb of asking
    that the parse hung as a condition (an adverbial clause opened by "if" or "whether")."""
    return clause.dep_ == "advcl" and clause.i > verb.i and cues.lemma(verb) in ASKING \
        and _opened_by(clause, QUESTION_MARKS)


def _set_off_cue(clause: Any, verb: Any, cues: Cues) -> bool:
    """"If the wages are not raised, *Ms. Okafor warned*, the drivers will strike": a verb of
    saying with its own subject, set off by commas before another cue verb, is an attribution of
    its own (of the whole sentence), not what the later verb reports."""
    if clause.i > verb.i or cues.lemma(clause) not in cues.speech or clause.pos_ not in VERB_POS:
        return False
    subject = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
    if subject is None:
        return False
    doc = clause.doc
    start = subject.left_edge.i
    return bool(start > clause.sent.start and doc[start - 1].text == "," and clause.i + 1 < verb.i
                and doc[clause.i + 1].text == ",")


def _own_object(verb: Any, cues: Cues) -> bool:
    """A cue verb with an object (or a lexicon particle's object) after it, said to no one: a
    clause parsed before it belongs to another sentence part, not to this verb."""
    if cues.lemma(verb) in ADDRESSEE_VERBS:
        return False
    particles = cues.phrasal.get(cues.lemma(verb), frozenset())
    return any(c.i > verb.i and (c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in particles))
               for c in verb.children)


TOPIC_PREPS = frozenset({"about", "against", "with", "at", "into", "over", "of", "on", "for", "to"})
# after a verb of saying, "to", "at", "with" and "into" name an addressee or a venue ("told to a
# rally", "spoke with reporters", "called into a show"), not what is said
SPEECH_TOPIC_PREPS = frozenset({"about", "against", "over", "of", "on", "for"})
PLACE_TYPES = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT", "CARDINAL", "ORDINAL"})


def _topic(verb: Any, cues: Cues) -> set[int]:
    """"apologized *for his remarks*", "ruled *on the procedure*", "agrees *with Moreno*": a cue verb
    with no clause or object reports the object of its first topic preposition (not a date, a
    place or a number: "said *on Tuesday*", "declined *to 55 percent*"); one that names a topic
    ("about", "on", "for", ...) before one that may name an addressee ("apologized *to* Lee *for*
    the delay")."""
    preps = SPEECH_TOPIC_PREPS if cues.lemma(verb) in cues.speech else TOPIC_PREPS
    after = [c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in preps]
    for c in sorted(after, key=lambda c: c.lower_ not in SPEECH_TOPIC_PREPS):  # "apologized to X *for* Y"
        objs = [o for o in c.children if o.dep_ in ("pobj", "pcomp") and o.ent_type_ not in PLACE_TYPES]
        if objs:
            return _subtrees(objs)
    return set()


def _answer(verb: Any, cues: Cues) -> set[int]:
    """"Most voters said *yes*", "she said *so*": a one-word answer right after a verb of saying."""
    if cues.lemma(verb) not in cues.speech:
        return set()
    return {c.i for c in verb.children if c.i == verb.i + 1 and c.lower_ in ANSWERS}


def _particle_clause(verb: Any, particles: frozenset[str]) -> set[int]:
    """"called *for the council to double* its patrols": the lexicon particle parsed as
    the marker of a clause that follows the verb; the clause without the particle."""
    for clause in verb.children:
        if clause.i < verb.i or clause.dep_ not in ("advcl", "ccomp", "xcomp"):
            continue
        marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ in particles]
        if marks and marks[0].i == verb.i + 1:
            return {w.i for w in clause.subtree} - {marks[0].i}
    return set()


def noun_owner(noun: Any, cues: Cues) -> Any | None:
    """Who holds a nominal cue: its possessive ("*Trump's* plan", "*his* claim"), or the subject
    of the verb it is the object of ("*Trump* raised questions about", "*she* unleashed an attack
    on"), unless that verb receives it ("*he* faced criticism for": the lexicon's `receiving`)."""
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None and (doer := _possessive_doer(noun, owner, cues)) is not None:
        return doer
    if owner is None and noun.dep_ == "dobj" and noun.head.pos_ in VERB_POS \
            and noun.head.lemma_.lower() not in cues.receiving:
        owner = subject_token(noun.head)
    prep = noun.head
    if owner is None and noun.dep_ == "pobj" and prep.lower_ in CARRYING_PREPS and prep.head.pos_ in VERB_POS \
            and prep.head.lemma_.lower() not in cues.receiving:
        owner = subject_token(prep.head)  # "Moreno stirred the room *with attacks on* him"
    return owner


POSSESSIVE_SUBJECTS = {"his": frozenset({"he"}), "her": frozenset({"she"}), "their": frozenset({"they", "we"}),
                       "its": frozenset({"it"}), "our": frozenset({"we"}), "my": frozenset({"i"})}
POSSESSIVE_TYPES = {"his": PERSON_TYPES, "her": PERSON_TYPES, "their": frozenset({"ORG", "NORP", "GPE"}),
                    "its": frozenset({"ORG", "GPE"}), "our": frozenset(), "my": frozenset()}


def _possessive_doer(noun: Any, owner: Any, cues: Cues) -> Any | None:
    """"*He* reiterated his claim that ...", "*Alvarez* renewed her attacks on ...": a nominal cue
    held by a possessive pronoun, the object of a verb (not one of receiving) whose subject the
    pronoun agrees with, is held by that subject, named where the pronoun is not."""
    lower = owner.lower_
    if lower not in POSSESSIVE_SUBJECTS:
        return None
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    if verb.dep_ in ("dobj", "advmod") and verb.pos_ in ("NOUN", "ADV") and verb.i < noun.i:
        verb = verb.head  # "showed the *depth* of his anger", "stepped *back* from her promise"
    if noun.dep_ not in ("dobj", "pobj") or verb.pos_ not in VERB_POS or verb.lemma_.lower() in cues.receiving:
        return None
    subject = subject_token(verb, depth=1)
    if subject is None or subject.i > noun.i:
        return None
    agrees = subject.lower_ in POSSESSIVE_SUBJECTS[lower] or subject.ent_type_ in POSSESSIVE_TYPES[lower] \
        or (lower == "their" and subject.tag_ in ("NNS", "NNPS")) \
        or (lower in ("his", "her") and subject.tag_ == "NNP" and not subject.ent_type_)
    return subject if agrees else None


def received_from(noun: Any) -> tuple[Any, Any] | None:
    """"*The bill* has drawn sharp objections *from fellow senators*": a nominal cue that is
    the object of a verb, with a "from" phrase: (who gives it, whom it is about)."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.pos_ not in VERB_POS:
        return None
    givers = [o for p in (*noun.children, *verb.children) if p.dep_ == "prep" and p.lower_ == "from"
              for o in p.children if o.dep_ == "pobj"]
    target = subject_token(verb, depth=1)
    return (givers[0], target) if givers and target is not None and target.lower_ not in EXPLETIVES else None


def held_among(noun: Any) -> tuple[Any, Any] | None:
    """"Lee's support *among farmers*", "she has strong support *among teachers*": a nominal cue
    with an "among" phrase (on the noun, or on the verb it is the object of) is held by those
    named there, and is about its possessive owner or the verb's subject: (holders, whom it is
    about)."""
    verb = noun.head if noun.dep_ == "dobj" and noun.head.pos_ in VERB_POS else None
    holders = [o for p in (*noun.children, *(verb.children if verb is not None else ()))
               if p.dep_ == "prep" and p.lower_ == "among" for o in p.children if o.dep_ == "pobj"]
    if not holders:
        return None
    target = next((c for c in noun.children if c.dep_ == "poss"), None)
    if target is None and verb is not None:
        target = subject_token(verb, depth=1)
    return (holders[0], target) if target is not None and target.lower_ not in EXPLETIVES else None


def _that_complement(noun: Any) -> Any | None:
    """The "that" clause a noun takes as its complement ("his *assertion that* the vote was
    rigged", "their *warning that* ..."): a clause with a subject of its own, marked by "that" (in
    a relative clause "that" is the subject or object). Nouns that take one are nouns of saying,
    thinking or knowing, so any such noun is a nominal cue when its owner is named. Not a clause
    of result ("*so* stark that", "*such* a mess that")."""
    if any(c.lower_ in ("so", "such") for c in noun.children):
        return None
    for c in noun.children:
        if c.i > noun.i and c.dep_ in ("acl", "ccomp") and c.pos_ in VERB_POS \
                and any(m.dep_ == "mark" and m.lower_ == "that" and not _compound_conjunction(m) for m in c.children) \
                and any(m.dep_ in ("nsubj", "nsubjpass", "expl") for m in c.children):
            return c
    return None


def _compound_conjunction(that: Any) -> bool:
    """"*now that* others pay", "*so that* it passes": "that" as the end of a conjunction (but
    "heard *by now* that ...")."""
    before = that.doc[that.i - 1] if that.i > 0 else None
    return before is not None and before.lower_ in COMPOUND_CONJUNCTIONS and before.dep_ not in ("pobj", "pcomp")


def noun_content(noun: Any, cues: Cues) -> set[int]:
    """What a nominal cue attributes: its "that" clause, its "to" infinitive or the object of
    one of its lexicon prepositions ("his claim *that ...*", "her support *for Sanders*"); not a
    date or a time ("said in a statement *on Monday*": when, not what)."""
    links = cues.nouns.get(cues.lemma(noun), frozenset({"that"}) if _that_complement(noun) is not None else frozenset())
    parts: list[Any] = []
    for c in noun.children:
        if c.i < noun.i:
            continue
        if c.dep_ in ("acl", "ccomp", "relcl") and c.pos_ in VERB_POS:
            marks = {w.lower_ for w in c.children if w.dep_ in ("mark", "aux")}
            if ("that" in links and "that" in marks) or ("to" in links and "to" in marks):
                parts.append(c)
        elif c.dep_ == "prep" and (c.lower_ in links or c.lower_ in NOUN_TOPIC_PREPS):
            parts += [o for o in c.children if o.dep_ in ("pobj", "pcomp") and o.ent_type_ not in TIME_TYPES]
    return _subtrees(parts)


def _sentence_final(verb: Any) -> set[int]:
    """"Language unclear on whether mothers are covered, experts say.": a sentence-final
    subject-cue pair after a comma gives the words before it."""
    subject = subject_token(verb, depth=0)
    if verb.dep_ != "ROOT" or subject is None or subject.i > verb.i:
        return set()
    if any(not (t.is_punct or t.is_space) for t in verb.doc[verb.i + 1: verb.sent.end]):
        return set()
    start = subject.left_edge.i
    if start == verb.sent.start or verb.doc[start - 1].text != ",":
        return set()
    return set(range(verb.sent.start, start - 1))


def _parenthetical(verb: Any) -> set[int]:
    """", he said," inside or after a sentence: the rest of the sentence is the content, with a
    clause the parse hangs from the cue before its subject ("*If the offer is refused*, the leader
    warned, its members plan to strike")."""
    subject = subject_token(verb, depth=0)
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj") or subject is None:
        return set()
    fronted = [c for c in verb.children if c.i < min(subject.left_edge.i, verb.i) and c.dep_ in FRONTED_DEPS]
    own = {w.i for w in verb.subtree} - _subtrees(fronted)
    going_on = _subtrees(c for c in verb.children if c.i > verb.i and c.dep_ in ("advcl", "conj") and c.tag_ == "VBG")
    as_clause = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)  # "as experts have noted,"
    if len(own - going_on) > MAX_PARENTHETICAL * (3 if as_clause else 1):
        return set()  # (", Alvarez explained, *remembering the day ...*": a participle going on does not count)
    return {t.i for t in verb.sent} - own


def _sentence_rest(token: Any, cues: Cues) -> set[int]:
    """"According to X, ...": the sentence without the attribution phrase (when the parse hangs
    the whole sentence from the preposition, without its words and its source's phrase)."""
    sentence = {t.i for t in token.sent}
    own = {w.i for w in token.subtree}
    if not sentence - own - {t.i for t in token.sent if t.is_punct or t.is_space}:
        source = preposition_source(token, cues)
        own = set(range(token.i, token.i + len(preposition_at(token, cues) or ("",))))
        own |= {w.i for w in source.subtree} if source is not None else set()
    return sentence - own


def pieces_of(doc: Any, indices: set[int]) -> list[tuple[int, int]]:
    """Character pieces covering runs of consecutive tokens, edge punctuation trimmed."""
    out: list[tuple[int, int]] = []
    run: list[Any] = []
    for i in sorted(indices) + [-2]:
        if run and i == run[-1].i + 1:
            run.append(doc[i])
            continue
        while run and (run[-1].is_punct or run[-1].is_space):
            run.pop()
        while run and (run[0].is_punct or run[0].is_space) and run[0].text not in "“\"‘":
            run.pop(0)
        if run:
            out.append((run[0].idx, run[-1].idx + len(run[-1].text)))
        run = [doc[i]] if i >= 0 else []
    return out


def _inside(f: Found, other: Found) -> bool:
    return f is not other and f.cue is not None and other.start <= f.cue.idx < other.end


def drop_nested(found: list[Found], text: str = "") -> list[Found]:
    """Attributions are not nested: a cue inside another attribution's content is part of it
    (also inside "according to X, ...": "A, according to the Post, was what Trump said" is the
    Post's account), except a second cue of the same speaker ("said ..., *arguing* that ...",
    "said ... and *warned* against ..."), which is an attribution of its own, cut from the
    first one's content."""
    accepted: list[Found] = []
    for f in sorted(found, key=_depth):
        outer = [other for other in accepted if _inside(f, other)]
        if not outer:  # outer cues first: "told ... he expected"
            accepted.append(f)
        elif text and _follow_up(f, outer[0]) and cut_inner(outer[0], f, text):
            f.speaker = outer[0].speaker
            f.sourceless = outer[0].sourceless
            accepted.append(f)
    return sorted(accepted, key=lambda f: f.start)


FOLLOW_UP_DEPS = frozenset({"advcl", "conj"})
ANSWERS = frozenset({"yes", "no", "so"})


def _follow_up(inner: Found, outer: Found) -> bool:
    """A cue verb that goes on from another's content with no subject of its own: a participle
    ("..., *arguing* that") or a coordinated verb ("and *warned* against")."""
    cue = inner.cue
    if cue is None or outer.cue is None or cue.pos_ not in VERB_POS or cue.dep_ not in FOLLOW_UP_DEPS:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in cue.children):
        return False
    if cue.dep_ == "conj":
        return bool(cue.head.i == outer.cue.i or _speech_only(cue))
    return bool(cue.tag_ == "VBG")


def _speech_only(verb: Any) -> bool:
    """A verb of saying that is no verb of holding a view or a stance ("warned", not "feared" or
    "supported"): coordinated inside a reported clause, it goes on from the speaker ("said he would
    act and *warned* against ..."); a verb of belief there is part of what is reported ("said she
    was relieved but still *feared* the rules")."""
    cues = load_cues()
    lemma = cues.lemma(verb)
    return lemma in cues.speech and lemma not in cues.belief and lemma not in cues.stance


def cut_inner(outer: Found, inner: Found, text: str) -> bool:
    """Cut the inner attribution (its cue to its content's end) out of the outer one's content,
    with the comma or "and" before it; False when nothing of the outer content would be left."""
    assert inner.cue is not None
    lo, hi = min(inner.cue.idx, inner.start), max(inner.end, inner.cue.idx + len(inner.cue.text))
    pieces: list[tuple[int, int]] = []
    for s, e in outer.pieces:
        for a, b in ((s, min(e, lo)), (max(s, hi), e)):
            while b > a and (text[b - 1] in " ,;:-—–" or text[a:b].endswith(" and")):
                b = b - 4 if text[a:b].endswith(" and") else b - 1
            while a < b and text[a] in " ,;:":
                a += 1
            if b - a > 1:
                pieces.append((a, b))
    if not pieces:
        return False
    outer.pieces = pieces
    return True


def _depth(f: Found) -> tuple[int, int]:
    """How deep a cue sits in its sentence's parse (outer cues first), then text order."""
    if f.frames:
        return -1, f.start
    depth, token = 0, f.cue
    while token is not None and token.head.i != token.i and depth < 50:
        depth, token = depth + 1, token.head
    return depth, f.start


def passive_subject(verb: Any) -> Any | None:
    """The subject of a passive cue verb ("*Brandt* was accused of ..."), if it is one."""
    if contracted_perfect(verb):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubjpass" and same_line(c, verb)), None)


def _complements(verb: Any) -> list[Any]:
    """What follows a passive or raising verb and completes its content: its infinitive,
    clause or predicate ("is expected *to win*", "was rated *as true*", "was accused *of ...*")."""
    return [c for c in verb.children if c.i > verb.i and (
        c.dep_ in ("xcomp", "ccomp", "oprd", "acomp") or (c.dep_ == "prep" and c.lower_ in PASSIVE_PREPS))]


def passive_content(verb: Any, subject: Any, cues: Cues) -> set[int]:
    """"*Ms. Brandt* was accused *of hiding ...*": the subject (not an expletive "it") and the
    verb's complements; but the subject of a verb of asking or telling with an object or clause
    of its own (an indirect question the parse hung as a condition as well) is the one addressed
    ("the mayor was asked *whether ...*")."""
    parts = _complements(verb) + [c for a in verb.children if a.dep_ == "agent" for o in a.children
                                  for c in o.children if predicate_as(c)]  # "regarded by many *as a setback*"
    retained = [c for c in verb.children
                if c.i > verb.i and (c.dep_ in ("dobj", "ccomp") or _asked_question(verb, c, cues))]
    if retained and cues.lemma(verb) in ADDRESSEE_VERBS:  # "she was asked *a question*", "*if she ...*"
        return _subtrees(retained + [c for c in parts if c.dep_ != "xcomp"])
    if subject.lower_ not in EXPLETIVES:
        parts.append(subject)
    by = predicate_agent(verb)  # "was hailed as a breakthrough *by many*": who holds it, not what
    return _subtrees(parts) - (_subtrees([by]) if by is not None else set())


def raising_content(verb: Any, cues: Cues) -> set[int]:
    """"*The plan* seems *to work*", "it appears *that ...*": a raising verb with its infinitive or
    clause (else nothing)."""
    if cues.lemma(verb) not in cues.raising or verb.pos_ not in VERB_POS:
        return set()
    parts = [c for c in verb.children if c.i > verb.i and c.dep_ in ("xcomp", "ccomp")]
    if not parts:  # "the idea seems *like a contradiction*"
        parts = _raised_predicate(verb)
    if not parts or any(is_cue(c, cues, reported=True) for c in parts):  # "appeared to suggest": the inner cue's
        return set()
    subject = subject_token(verb, depth=0)
    if subject is not None and subject.lower_ not in EXPLETIVES:
        parts.append(subject)
    return _subtrees(parts)


AS_IF = (["as", "if"], ["as", "though"])


def _raised_predicate(verb: Any) -> list[Any]:
    """What a raising verb without an infinitive or clause presents: a "like" phrase ("the idea
    seems *like a contradiction*") or an "as if" clause ("it would seem *as if* ..."). An
    adjective or noun ("she seemed *irritated*") is not: PolNeAR marks too few of them."""
    return [c for c in verb.children if c.i > verb.i and (
        (c.dep_ == "prep" and c.lower_ == "like")
        or (c.dep_ == "advcl" and [m.lower_ for m in c.children if m.dep_ in ("mark", "advmod")][:2] in AS_IF))]


def _raised_person(verb: Any, parsed: Parsed) -> Any | None:
    """"*She* appeared to betray her own concern", "*Trump* seemed to relish the fight": the subject
    of a raising verb that names a person or a group (a named mention or a personal pronoun:
    "*Democrats* seemed to welcome the ruling") shows what they do or feel, and holds it; any
    other subject ("the plan seems to work") has no holder."""
    subject = subject_token(verb, depth=0)
    if subject is None or subject.i > verb.i or parsed.in_quote(subject):
        return None
    return subject if subject.lower_ in HUMAN_PRONOUNS - {"who"} or subject.ent_type_ in NAMED_TYPES else None


def _attribution(t: Any, parsed: Parsed, cues: Cues) -> Found | None:
    """The reported speech of one cue token (or None): its speaker and content, or its content
    alone for a passive without an agent or a raising verb."""
    if (source := _document_source(t, cues)) is not None:  # "in a new poll, Trump leads by five points"
        return _found(t, parsed, source, {w.i for w in t.sent} - {w.i for w in t.subtree}, 2)
    if t.pos_ == "ADJ":
        return _stance_adjective(t, parsed, cues)
    if (felt := _felt_by_object(t, parsed, cues)) is not None:
        return felt
    nominal = t.pos_ in NOUN_POS and (cues.lemma(t) in cues.nouns or _that_complement(t) is not None)
    if not nominal and not is_cue(t, cues, reported=True):
        content = raising_content(t, cues)
        holder = _raised_person(t, parsed) if content else None
        if holder is not None:
            content -= {w.i for w in holder.subtree}
        return _found(t, parsed, holder, content, 2) if content else None
    if _reduced_passive(t, cues):  # "Asked whether he would run, the senator said ...": nobody's question
        return _found(t, parsed, None, _content_tokens(t, cues), 1)
    speaker = speaker_of(t, cues, parsed)
    subject = None if nominal or (cues.lemma(t) in cues.not_passive and not _has_agent(t)) else passive_subject(t)
    received = received_from(t) if nominal and speaker is None else None
    if nominal and (among := held_among(t)) is not None:  # "Lee's support among farmers"
        speaker, target = among
        content = noun_content(t, cues) or {w.i for w in target.subtree if w.i < t.i or target.i > t.i}
    elif received is not None:  # "the plan drew criticism from Republicans"
        speaker, target = received
        span = speaker_span(target)
        content = {w.i for w in target.subtree if span.start <= w.idx < span.end}
    elif subject is not None:
        content = passive_content(t, subject, cues)
    elif speaker is None and (nominal or cues.lemma(t) not in cues.speech or t.tag_ not in ("VBD", "VBZ", "VBP")
                              or (speaker := _named_before(t, parsed)) is None):
        return None
    elif nominal:
        content = noun_content(t, cues)
    else:
        content = _sentence_rest(t, cues) if preposition_at(t, cues) else _content_tokens(t, cues)
    if speaker is not None:
        span = speaker_span(speaker)
        content -= {w.i for w in speaker.subtree if span.start <= w.idx < span.end}
    relative = any(c.dep_ == "dobj" and c.lower_ not in PERSONAL for c in t.children) or bool(_answer(t, cues))
    least = 1 if nominal or relative or cues.lemma(t) in cues.stance or particle_of(t, cues) \
        or subject is not None else 2
    return _found(t, parsed, speaker, content, least)


def _felt_by_object(verb: Any, parsed: Parsed, cues: Cues) -> Found | None:
    """"The decision *alarmed* several economists": a verb of feeling whose object feels it (lexicon
    `feeling`) attributes its subject, what is felt about, to the object."""
    if verb.pos_ != "VERB" or cues.lemma(verb) not in cues.feeling:
        return None
    if verb.tag_ == "VBN" and (felt := passive_subject(verb)) is not None:  # "farmers were angered by ..."
        parts = [o for c in verb.children if c.i > verb.i and c.dep_ in ("agent", "prep") for o in c.children
                 if o.dep_ in ("pobj", "pcomp")] + [c for c in verb.children if c.i > verb.i and c.dep_ == "ccomp"]
        return _found(verb, parsed, felt, _subtrees(parts), 1) if parts and not parsed.in_quote(felt) else None
    holder = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    subject = subject_token(verb, depth=0)
    if holder is None or subject is None or subject.lower_ in EXPLETIVES or subject.i > verb.i \
            or parsed.in_quote(holder) or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return None
    return _found(verb, parsed, holder, {w.i for w in subject.subtree}, 1)


def _has_agent(verb: Any) -> bool:
    """A passive with its "by" agent ("is backed *by 34% of voters*", "was regarded *by many* as a
    setback"): an attribution whatever the other senses of the verb's passive."""
    return any(c.dep_ == "agent" and any(o.dep_ == "pobj" for o in c.children) for c in verb.children)


def _document_source(prep: Any, cues: Cues) -> Any | None:
    """The poll of "*In a new poll*, Trump leads by five points": a document of the lexicon
    (`documents`) after "in" that opens the clause of a verb that is not a cue of its own, or
    whose subject is a share of those asked ("In the poll, *62 percent* of parents said ...": the
    document frames its sentence); after the verb, "leading *in the polls*" is a standing, not a
    source."""
    if prep.lower_ != "in" or prep.dep_ != "prep" or prep.head.pos_ not in VERB_POS or prep.i > prep.head.i:
        return None
    source = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if source is None or cues.lemma(source) not in cues.documents:
        return None
    if is_cue(prep.head, cues, reported=True) and not _respondents(prep.head):
        return None
    return source


SHARE_WORDS = frozenset({"majority", "most", "half", "third", "quarter", "percent", "plurality", "share", "minority"})


def _respondents(verb: Any) -> bool:
    """"In a new poll, *62 percent of voters* said ...": a cue whose subject is a share of those
    asked reports the document's finding."""
    subject = subject_token(verb, depth=0)
    return subject is not None and any(w.ent_type_ in ("PERCENT", "CARDINAL") or w.lower_ in SHARE_WORDS
                                       for w in (subject, *subject.children))  # "*most* voters said"


REDUCED_PASSIVE_BLOCKERS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "agent"})


def _reduced_passive(verb: Any, cues: Cues) -> bool:
    """"*Asked* whether he would run, ...", "when *asked* about the tax, ...": a past participle of
    a verb addressed to someone, opening a clause of its own with no subject or auxiliary: the
    one asked is the subject of the sentence, who asked is not said (unless a "by" agent says it)."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and cues.lemma(verb) in ADDRESSEE_VERBS \
        and verb.i < verb.head.i and not any(c.dep_ in REDUCED_PASSIVE_BLOCKERS for c in verb.children)


def _without_asides(parsed: Parsed, content: set[int]) -> set[int]:
    """The content without the writer's asides: relative clauses on its nouns and clauses of
    contrast, set off by a comma ("praised Graham, *who has vowed not to buy ...*"), unless they
    quote the speaker's words ("the nurses, whom she called “exhausted,” kept ...")."""
    doc = parsed.doc
    asides = [t for t in (doc[i] for i in content)
              if (t.dep_ == "relcl" or _contrast(t) or _appositive_aside(t)) and t.left_edge.i > 0
              and doc[t.left_edge.i - 1].text == "," and t.head.i in content
              and not any(parsed.in_quote(w) for w in t.subtree)]
    return content - _subtrees(asides)


CONTRAST_MARKS = frozenset({"while", "whereas"})


def _appositive_aside(noun: Any) -> bool:
    """"praised Lee, *a banker who has backed the plan*": an apposition that carries a relative
    clause describes its noun; the writer's aside like the clause itself."""
    return noun.dep_ == "appos" and any(c.dep_ == "relcl" for c in noun.children)


def _contrast(clause: Any) -> bool:
    """"..., *while critics said it was too late*": a clause of contrast with a subject of its
    own is the writer's aside, set against the content, not part of it."""
    return clause.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children) \
        and _opened_by(clause, CONTRAST_MARKS)


def _found(t: Any, parsed: Parsed, speaker: Any | None, content: set[int], least: int) -> Found | None:
    content = _without_asides(parsed, content)
    content.discard(t.i)
    line = parsed.paragraph_of(t.idx)
    content = {i for i in content if parsed.paragraph_of(parsed.doc[i].idx) == line}
    if sum(1 for i in content if not parsed.doc[i].is_punct) < least:
        return None
    pieces = pieces_of(parsed.doc, content)
    if not pieces:
        return None
    return Found(pieces, False, t, speaker=speaker, paragraph=parsed.paragraph_of(pieces[0][0]),
                 sourceless=speaker is None)


def _felt_participle(t: Any, cues: Cues) -> bool:
    """"*frustrated*", "*alarmed*", "*pleased*": the past participle of a verb of feeling, read as
    an adjective, names the feeling of the one it describes."""
    word = t.lower_
    if not word.endswith("ed"):
        return False
    return bool({word[:-1], word[:-2], word[:-3] + "y", word[:-3]} & cues.feeling)


def _stance_adjective(t: Any, parsed: Parsed, cues: Cues) -> Found | None:
    """"*Critics* are skeptical *of the plan*", "she was confident *that it would pass*": a
    predicate adjective of the lexicon (`adjectives`) after a copula, held by the copula's
    subject, reports its clause, its infinitive or the object of its preposition."""
    known = t.lower_ in cues.adjectives or _that_complement(t) is not None \
        or _felt_participle(t, cues)  # "she was *adamant that* ...", "voters were *frustrated* with"
    if not known or t.dep_ not in ("acomp", "ccomp", "oprd") or t.head.pos_ not in VERB_POS:
        return None
    parts = [c for c in t.children if c.i > t.i and c.dep_ in ("ccomp", "xcomp")]
    parts += [c for c in (*t.children, *t.head.children) if c.i > t.i and c.dep_ in ("ccomp", "advcl")
              and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]  # "made (it) clear that"
    if t.lower_ not in cues.clause_only:  # "clear of debris": no object
        parts += [o for c in t.children if c.i > t.i and c.dep_ == "prep" for o in c.children
                  if o.dep_ in ("pobj", "pcomp")]
    speaker = subject_token(t.head, depth=1)
    if not parts or speaker is None or parsed.in_quote(speaker) or not same_line(speaker, t) \
            or (t.lower_ not in cues.adjectives and speaker.lower_ in EXPLETIVES):  # "it is likely that"
        return None
    return _found(t, parsed, speaker, _subtrees(parts), 1)


def _frames(t: Any, cues: Cues) -> bool:
    """A cue that frames its whole sentence, taken before the cues inside it: a verb of saying set
    off by commas ("X, *she warned*, Y plan to ..."), or "according to X" on a verb that is not
    one of saying ("*According to the poll*, voters want ..." is the poll's; "According to the
    Post, Trump said that ..." keeps Trump's words)."""
    if t.head.i == t.i:
        return False
    if _document_source(t, cues) is not None:  # "In a new poll, 62 percent of voters said ..."
        return True
    if preposition_at(t, cues) is not None:
        return cues.lemma(t.head) not in cues.speech
    return _set_off_cue(t, t.head, cues) and is_cue(t.head, cues, reported=True)


def reported_speech(parsed: Parsed, cues: Cues, used: set[int]) -> list[Found]:
    """Reported speech of every cue outside quotation marks whose cue was not used by a quote."""
    out: list[Found] = []
    for t in parsed.tokens:
        if t.i in used or parsed.in_quote(t) or in_markup(parsed.text, t.idx):
            continue  # nor is a word inside a tag ("<tweet author=...>")
        found = _attribution(t, parsed, cues)
        if found is not None:
            found.frames = _frames(t, cues)
            out.append(found)
    return drop_nested(out, parsed.text)
