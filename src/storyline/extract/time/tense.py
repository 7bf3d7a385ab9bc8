"""Tense: which way a weekday, a month or a quarter named without its year points.

The direction is read from the verb that governs the expression in spaCy's parse: a future
auxiliary or modal ("will meet on Saturday", "could happen in August") points forward; a
past-tense or perfect verb ("said on Saturday", "has risen since March") points back; a
present-tense verb gives no direction (the nearest occurrence is taken).
"""

from __future__ import annotations

import re
from typing import Any

PAST, NONE, FUTURE = -1, 0, 1

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "would", "'d", "can", "could", "may", "might",
                         "should", "must", "ca"})
_PAST_AUX = frozenset({"was", "were", "had", "did", "has", "have", "'ve", "'s"})
_PROGRESSIVE_NOW = frozenset({"is", "are", "am", "'re", "'m"})
_FUTURE_HEADS = frozenset({"plan", "expect", "schedule", "set", "due", "hope", "intend", "aim", "prepare",
                           "want", "seek", "try", "propose", "agree", "decide", "promise", "threaten", "vow"})


def direction(doc: Any, start: int, end: int) -> int:
    """-1, 0 or +1 for the expression at [start, end) of a parsed spaCy Doc."""
    if doc is None:
        return NONE
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return NONE
    verb = governing_verb(span.root)
    if verb is None:
        return NONE
    verb = _reporting_verb(span, verb)
    if _before_its_complementizer(span, verb):
        return NONE  # a parse that hangs a phrase before "that" on the clause "that" opens: no tense to read
    if _quoted_apart(span, verb):
        return NONE  # "“Maybe the second week of July,” she said Friday": the quote's own time, not the telling
    if verb.lemma_ in _SCHEDULING and verb.tag_ == "VBD" and span.root.i < verb.i and _modifies(span.root, verb):
        # "On Friday, the council planned to repair ...": fronted, it tells when the planning was
        # ("planned a demonstration on Saturday" tells when the demonstration is)
        return PAST
    if _present_perfect(verb) and _adverbial_of(span.root, verb) and not _since(span):
        # the present perfect takes no definite past time ("*has left on Friday"): a day it
        # governs is a deadline or a plan ("has given them until Tuesday", "have moved the
        # vote to Friday"), the nearest one; "has been closed since Friday" stays past
        return NONE
    told = verb_direction(verb)
    if told == FUTURE and span.root.dep_ == "poss":
        # "will not appeal Tuesday's ruling": a noun's day is not where the clause's plan
        # lies (the nearest); a past clause still tells of a past one ("Saturday's attack killed")
        told = NONE
    if told == PAST and _until(span) and _reduced_relative(verb):
        told = NONE  # "the two months left until August": a participle on a noun has no tense of its own
    if told == FUTURE and _progressive(verb) and not _adverbial_of(span.root, verb):
        # "After Wednesday's hearing, many are shifting their aim": a present progressive is a
        # plan only for a time it governs ("is meeting on Friday"), not for a noun's day
        told = NONE
    if _refused(verb) and _adverbial_of(span.root, verb):
        return PAST  # "would not say on Tuesday", "declined to comment Monday": the refusal is news
    if told == NONE and _starting(span):
        return FUTURE  # "tariffs take effect starting Monday", "effective Jan. 1"
    if told == NONE and _timetable(verb) and _adverbial_of(span.root, verb):
        return FUTURE  # "the trial begins Monday", "the summit opens on Thursday": the timetable's present
    # a deadline of the present lies ahead: "banks remain closed until Tuesday", "has until Monday"
    return FUTURE if told == NONE and _until(span) else told


# "come November": when November comes (a subjunctive of the future); "back in March": a past
# looked back on ("be back in July", "comes back in the fall" return, ahead or not)
_COME_BEFORE = re.compile(r"(?:\b(?P<word>[\w'’]+)\s+|^|[^\w\s]\s*)(?<![\w'’])come\s+$", re.IGNORECASE)
_COMING = frozenset({"to", "do", "does", "did", "will", "would", "could", "can", "may", "might", "shall", "should",
                     "must", "has", "have", "had", "we", "you", "they", "i", "'ll", "’ll", "'d", "’d", "not",
                     "n't", "never", "who", "often", "usually"})
_BACK_IN_BEFORE = re.compile(r"(?:\b(?P<verb>[\w'’]+)\s+|^|[^\w\s]\s*)back\s+in\s+$", re.IGNORECASE)
_RETURNING = frozenset({"come", "comes", "came", "coming", "be", "been", "being", "is", "are", "am", "was", "were",
                        "go", "goes", "went", "going", "get", "gets", "got", "getting", "bring", "brings", "brought",
                        "return", "returns", "returned", "'ll", "’ll", "it", "them", "him", "her", "us", "me", "you"})


def cued_direction(text: str, start: int) -> int:
    """The direction a word before the expression gives, whatever the verb's tense: "come
    November" ("people will remember come November", "pledged that come November ...") lies
    ahead; "back in March" ("released a letter back in December") lies behind."""
    before = text[max(0, start - 40):start]
    m = _COME_BEFORE.search(before)
    if m and (m.group("word") or "").lower() not in _COMING:
        return FUTURE
    m = _BACK_IN_BEFORE.search(before)
    if m and (m.group("verb") or "").lower() not in _RETURNING:
        return PAST
    return NONE


def _as_planned(verb: Any, auxes: set[str]) -> bool:
    """"as planned", "as scheduled", "as expected": a bare participle after "as" on another verb."""
    return bool(verb.tag_ == "VBN" and not auxes and verb.head.i != verb.i
                and any(c.lower_ == "as" and c.dep_ == "mark" for c in verb.children))


def _auxes(verb: Any) -> set[str]:
    """The verb's auxiliaries and modals, lower case ("will", "has", "to", ...)."""
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _reduced_relative(verb: Any) -> bool:
    """A past participle modifying a noun, with no auxiliary ("the days left", "the funds set aside")."""
    return bool(verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod")
                and not _auxes(verb))


def progressive(verb: Any) -> bool:
    """A present progressive ("is meeting", "are facing"), with no modal."""
    return _progressive(verb)


def _progressive(verb: Any) -> bool:
    auxes = _auxes(verb)
    return bool(verb.tag_ == "VBG" and auxes & _PROGRESSIVE_NOW and not auxes & _FUTURE_AUX)


# what a reporter says of someone who would not speak: the refusal, not a plan, happened that day
_SPEAKING = frozenset({"say", "comment", "confirm", "discuss", "elaborate", "answer", "specify", "reveal",
                       "disclose", "speculate", "name", "identify", "respond", "show", "detail"})
_REFUSING = frozenset({"decline", "refuse"})
_NEGATION = frozenset({"not", "n't", "never"})


def _refused(verb: Any) -> bool:
    """"would not say", "wouldn't comment", "declined to say", "refused to confirm"."""
    if verb.lemma_ not in _SPEAKING:
        return False
    auxes = _auxes(verb)
    negated = any(c.dep_ == "neg" or c.lower_ in _NEGATION for c in verb.children)
    if negated and auxes & {"would", "could", "'d", "did"}:
        return True
    head = verb.head
    return bool("to" in auxes and head.i != verb.i and head.lemma_ in _REFUSING and head.tag_ in ("VBD", "VBN"))


_STARTING = frozenset({"starting", "beginning", "effective"})


def _starting(span: Any) -> bool:
    """The expression follows "starting", "beginning" or "effective" (optionally "on")."""
    i = span.start - 1
    if i >= 0 and span.doc[i].lower_ in ("on", "from", "in"):
        i -= 1
    return i >= 0 and span.doc[i].lower_ in _STARTING


_OPENING, _CLOSING = "“", "”"


def _quoted_apart(span: Any, verb: Any) -> bool:
    """Whether the expression lies in a direct quotation (curly or straight quotes, within one
    paragraph, opening a sentence: not a phrase quoted inside one, "by the weekend") that its
    governing verb lies outside of."""
    text = span.doc.text
    quote = _quotation(text, span.start_char, span.end_char)
    return quote is not None and bool(_QUOTE_OPENS_SENTENCE.search(text, max(0, quote[0] - 3), quote[0])) \
        and not quote[0] < verb.idx < quote[1]


_QUOTE_OPENS_SENTENCE = re.compile(r"(?:^|[.!?:]\s+|\n\s*)$")


def _quotation(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The (opening, closing) quote marks around [start, end) in its paragraph, if any."""
    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    opening = text.rfind(_OPENING, line_start, start)
    if opening >= 0 and text.rfind(_CLOSING, opening, start) < 0:
        closing = text.find(_CLOSING, end, line_end)
        return (opening, closing) if closing >= 0 else None
    if text.count('"', line_start, start) % 2 == 1:  # straight quotes: an odd number opened before
        closing = text.find('"', end, line_end)
        return (text.rfind('"', line_start, start), closing) if closing >= 0 else None
    return None


def _timetable(verb: Any) -> bool:
    return bool(not _auxes(verb) and verb.tag_ in ("VBZ", "VBP") and verb.lemma_ in _SCHEDULED_EVENTS)


def _until(span: Any) -> bool:
    """"until Tuesday" (not "through July", which also counts up to a past day: "Through July,
    340,000 have applied")."""
    token = span.root
    return bool(token.dep_ == "pobj" and token.head.lower_ in ("until", "till", "til"))


def _present_perfect(verb: Any) -> bool:
    auxes = _auxes(verb)
    return bool(verb.tag_ == "VBN" and any(a in ("has", "have", "'ve") for a in auxes) and "had" not in auxes
                and not any(a in _PERFECT_MODALS for a in auxes))  # "should have acted": no present


def _adverbial_of(token: Any, verb: Any) -> bool:
    """Whether `token` heads an adverbial of `verb` ("Tuesday", "until Tuesday"), not a noun's
    modifier ("the October slaying")."""
    head = token.head
    if head.i == verb.i:
        return bool(token.dep_ in ("npadvmod", "tmod", "advmod", "dobj"))
    return bool(token.dep_ == "pobj" and head.dep_ == "prep" and head.head.i == verb.i)


def _since(span: Any) -> bool:
    """Whether the expression is the object of "since", "after" or "from" (or follows "since")."""
    token = span.root
    if token.dep_ == "pobj" and token.head.lower_ in ("since", "after", "from"):
        return True
    return bool(span.start > 0 and span.doc[span.start - 1].lower_ == "since")


def _reporting_verb(span: Any, verb: Any) -> Any:
    """The verb of the main clause when the parse hangs an adverbial standing between it and its
    complement clause on the complement: in "said on Monday it would close", "said Monday (that)
    the talks will resume" the day is when it was said. An adverbial of the complement follows its
    "that" or its subject ("said that on Monday it would ...", "said it would close on Monday")."""
    main = verb.head
    if verb.dep_ != "ccomp" or main.i == verb.i or not main.i < span.start:
        return verb
    clause = {t.i for t in verb.subtree}
    preposition = span.root.head.i if span.root.dep_ == "pobj" else -1
    if any(i in clause and i != preposition for i in range(main.i + 1, span.start)):
        return verb  # "said that on Monday ...", "said the plant, on Monday, ...": inside the clause
    subjects = [c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return main if subjects and span.end <= min(subjects) else verb


def _before_its_complementizer(span: Any, verb: Any) -> bool:
    """Whether the expression comes before the "that" which opens the verb's own clause ("glossed
    over warnings on Thursday that strikes could do harm" parsed with "could do" governing
    "Thursday"): what precedes a complementizer is outside the clause it opens."""
    return any(c.dep_ == "mark" and c.lower_ == "that" and span.end <= c.i < verb.i for c in verb.children)


def _modifies(token: Any, verb: Any) -> bool:
    """Whether `token` is an adverbial of `verb` itself ("on Friday", "Friday"), not its object."""
    head = token.head
    if head.i == verb.i:
        return bool(token.dep_ in ("npadvmod", "tmod"))
    return bool(head.dep_ == "prep" and head.head.i == verb.i and token.dep_ == "pobj")


def governing_verb(token: Any) -> Any:
    """The nearest verb above a token (the token itself when it is one), or None."""
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


# verbs of events that keep a timetable: their simple present with a day tells what is scheduled
# ("the trial begins Monday"); none has a past form like its present ("hurt", "cut", "set")
_SCHEDULED_EVENTS = frozenset({"begin", "start", "open", "resume", "reopen", "convene", "meet", "vote", "leave",
                               "arrive", "depart", "travel", "fly", "head", "return", "visit", "end", "close",
                               "expire", "conclude", "kick", "launch", "air", "premiere", "debut", "play", "host",
                               "face", "hold", "take", "go", "come", "run", "continue", "wrap"})
_ATTEMPTS = frozenset({"try", "seek", "attempt", "want"})
_SCHEDULING = frozenset({"plan", "schedule", "slate", "expect", "due", "set"})


def _told_in_past(verb: Any, depth: int) -> bool:
    """Whether the clause holding the noun a participle hangs on tells of the past."""
    head = governing_verb(verb.head)
    return head is not None and head.i != verb.i and verb_direction(head, depth + 1) == PAST


_PERFECT_MODALS = frozenset({"would", "'d", "could", "should", "might", "must", "may"})


def _counterfactual(auxes: set[str], verb: Any) -> bool:
    """A modal perfect ("would have said", "should have acted"): a past, not a plan ("will have
    finished" stays ahead)."""
    return bool(verb.tag_ == "VBN" and "have" in auxes and any(a in _PERFECT_MODALS for a in auxes))


def verb_direction(verb: Any, depth: int = 0) -> int:
    """PAST, FUTURE or NONE for a verb, from its auxiliaries, tag and (for infinitives and
    open complements) the verb it depends on, followed at most 8 heads up: a parse of a
    headline fragment can chain heads back onto themselves."""
    if depth > 8:
        return NONE
    auxes = _auxes(verb)
    if verb.lemma_ in _SCHEDULING and _as_planned(verb, auxes):
        # "retired as planned at the end of March": the plan kept tells the tense of the act
        return verb_direction(verb.head, depth + 1)
    if verb.lemma_ in _SCHEDULING and _reduced_relative(verb) and _told_in_past(verb, depth):
        # "the biggest of the marches slated for Saturday" in a past clause: planned then,
        # so ahead of a past planning, no direction (the nearest), as "planned ... on Friday"
        return NONE
    if verb.lemma_ in _SCHEDULING:
        # "plans a demonstration on Saturday": what is planned lies ahead; "planned ... on
        # Friday", "had set Friday as the last day for bids": ahead of the planning, which is
        # past, so no direction (the nearest occurrence)
        return NONE if verb.tag_ == "VBD" or "had" in auxes else FUTURE
    if _counterfactual(auxes, verb):
        # "would have said it on Saturday", "would have applied to the November
        # ballot": a course not taken, before or after; no plan ahead (the nearest)
        return NONE
    if any(a in _FUTURE_AUX for a in auxes) or "going" in auxes:
        return FUTURE
    if "to" in auxes:  # an infinitive: "plans to meet on Saturday", "agreed to meet in June"
        head = verb.head
        if head.i == verb.i:
            return NONE
        # "plans to meet on Saturday", "agreed to meet in June" ahead; "tried to push the bill
        # through in July" tells of a past attempt: the nearest
        head_auxes = _auxes(head)
        if _counterfactual(head_auxes, head):
            return NONE  # "would have hoped to win the seat on Tuesday"
        tried = head.lemma_ in _ATTEMPTS and (head.tag_ == "VBD" or bool(head_auxes & {"had", "did"}))
        if head.lemma_ in _FUTURE_HEADS and not tried:
            return FUTURE
        return FUTURE if verb_direction(head, depth + 1) == FUTURE else NONE
    if any(a in _PAST_AUX for a in auxes) or verb.tag_ == "VBD":
        return PAST
    if verb.tag_ == "VBN" and not auxes and verb.dep_ == "acomp" and verb.head.i != verb.i:
        return verb_direction(verb.head, depth + 1)  # "offices are closed Tuesday": the tense of "are"
    if verb.tag_ == "VBN":
        return PAST if not any(a in _PROGRESSIVE_NOW for a in auxes) else NONE
    if verb.tag_ == "VBG" and any(a in _PROGRESSIVE_NOW for a in auxes):
        return FUTURE
    if not auxes and verb.dep_ == "xcomp" and verb.head.i != verb.i:  # "will begin withdrawing on Friday"
        return verb_direction(verb.head, depth + 1)
    if not auxes and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "pcomp", "conj") and verb.head.i != verb.i:
        # a participle clause hung on a past clause tells of the past too: "North Korea sent shock
        # waves, canceling a meeting Wednesday", "After signing an order Monday, Trump has ..."; a
        # plan of the clause is not the participle's ("are opening after shuttering in mid-March")
        head = governing_verb(verb.head)
        told = verb_direction(head, depth + 1) if head is not None and head.i != verb.i else NONE
        return PAST if told == PAST else NONE
    return NONE
