"""Claims: the numbers an article states, what they count, who says so and when.

A per-document extractor that runs after `quotes`. Numbers are found in the clean text with a
pattern (`NUMBER`): an optional qualifier ("more than", "about", "nearly"), an optional
currency before (`$`, `US$`, `£`, `€`, `USD`, `AFN`, ...), digits with thousands separators or
decimals, an optional scale word (`thousand`, `million`, `bn`, ...) and an optional unit after
(`%`, `percent`, `AFN`, `afghanis`, `dollars`, ...); a number written in words counts with its
scale only (`WORD_NUMBER`: "five million", "half a million"). Dates, times, ordinals and bare years (what
spaCy's recogniser calls DATE / TIME / ORDINAL, a lone 4-digit number from 1900 to 2100, a day
beside a month name: "Aug 31", "31 August") and digits glued to letters, slashes or colons
("M4", "9/11", "2:25") are not claims.

- `number` is the value with its scale applied (22.9 million -> 22900000.0);
- `unit` is the currency code, `%`, `people` when the number counts people ("105 US citizens",
  "13 service members"), else the lemma of the noun it counts;
- `about` is what is counted: for a percentage or an amount, the "of"/"in"/"for" phrase after it
  ("75% of *public spending*"), or the noun it modifies ("a USD 5 million *reward*", "a *reward*
  of up to $25 million"); for a count, the noun phrase it modifies with its following
  prepositional phrase ("22.9 million *people in need of humanitarian assistance*") or, for the
  subject of a verb, what it does ("22.8 million *people face acute hunger*"); for an amount
  that is a verb's object, the bare "in" phrase after it ("collected 3 billion AFN *in tolls*");
  for a percentage a verb of change takes as its object, the verb's subject ("the *index* gained
  2 percent"); for an amount that is the subject of a passive, the verb with its agent or phrase
  ("£90 million had been *pledged by foundations*"); a place phrase ("in Afghanistan") is not part of it;
- `place` is where the quantity is, when its clause says so ("in Afghanistan", "across the
  country"), else `null`;
- `attributed_to` is the speaker of the quote or reported statement that contains the number,
  else `null`; `as_of` the date of a time expression in the number's own clause ("will need
  aid in 2022"), else the quote's `said_on`, else the date of the sentence (see quotes.dating).
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from storyline.extract.quotes.dating import date_inside, date_of_span
from storyline.model import Claim, Evidence, PartialDate, ProcessedArticle, Quote

QUALIFIERS = (
    "more than", "over", "about", "around", "nearly", "almost", "at least", "up to", "some", "roughly",
    "approximately", "fewer than", "less than", "under", "close to", "an estimated", "as many as",
    "as much as", "upwards of", "just over", "just under", "well over",
)
CURRENCIES = {
    "$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD", "£": "GBP", "gbp": "GBP",
    "pounds": "GBP", "€": "EUR", "eur": "EUR", "euros": "EUR", "afn": "AFN", "afghanis": "AFN",
    "afghani": "AFN", "rs": "INR", "rs.": "INR", "inr": "INR", "rupees": "INR", "pkr": "PKR",
}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
          "trillion": 1e12, "hundred": 1e2}
PERCENT = {"%": "%", "percent": "%", "per cent": "%"}
PEOPLE = frozenset({
    "people", "person", "civilian", "citizen", "refugee", "member", "soldier", "troop", "child", "woman",
    "man", "resident", "worker", "official", "student", "girl", "boy", "family", "migrant", "afghan",
    "american", "national", "casualty", "victim", "fighter", "prisoner", "evacuee", "passenger", "staff",
    "employee", "voter", "individual", "adult", "personnel", "diplomat", "journalist", "militant",
    "protester", "protestor", "demonstrator", "detainee", "hostage", "patient", "villager", "pilgrim", "teacher",
    "doctor", "nurse", "farmer",
})
NOT_CLAIMS = frozenset({"DATE", "TIME", "ORDINAL"})
PLACE_TYPES = frozenset({"GPE", "LOC"})
PLACE_PREPS = frozenset({"in", "across", "throughout", "inside", "within"})
PLACE_NOUNS = frozenset({"country", "nation", "region", "province", "city", "state", "capital", "territory",
                         "district", "area", "world"})

_SCALES = "million|billion|trillion|thousand|mn|bn|m|k"
_GLUED = f"(?:{_SCALES})"  # a scale written on the digits: "$2.5bn", "£161m"
_WORD_UNITS = r"percent\b|per cent\b|AFN\b|afghanis?\b|USD\b|dollars?\b|pounds\b|euros\b|rupees\b"
_QUAL = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
NUMBER = re.compile(
    rf"(?:(?P<qual>{_QUAL})\s+)?"
    r"(?P<cur>(?:US\$|\$|£|€)[ \u00a0]?|\b(?:USD|GBP|EUR|AFN|INR|PKR|Rs\.?)\s?)?"
    rf"(?<![\w/.,:-])(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!(?!{_GLUED}\b)[\w/]|[.,:]\d)"
    rf"(?:\s?(?P<scale>{_SCALES})\b)?"
    rf"(?:\s?(?P<unit>%|{_WORD_UNITS}))?",
    re.IGNORECASE,
)


_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
          "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORD_VALUES = {w: float(n) for n, w in enumerate(_UNITS)} | {w: 20.0 + 10 * n for n, w in enumerate(_TENS)} \
    | {"a": 1.0, "an": 1.0, "half a": 0.5}
_WORD = "|".join(sorted((re.escape(w) for w in WORD_VALUES), key=len, reverse=True))
# "five million people", "half a million", "twenty-two billion afghanis": a number written in words
# is a claim only with its scale (a bare "two soldiers" is a count of the story, not a figure)
WORD_NUMBER = re.compile(
    rf"(?:(?P<qual>{_QUAL})\s+)?(?P<cur>)"
    rf"(?<![\w-])(?P<num>(?:{'|'.join(_TENS)})-(?:{'|'.join(_UNITS[1:10])})|{_WORD})"
    r"\s(?P<scale>hundred|thousand|million|billion|trillion)\b(?!-)"
    rf"(?:\s?(?P<unit>{_WORD_UNITS}))?",
    re.IGNORECASE,
)

_COMPOUND_BEFORE = re.compile(r"\b(?:hundred|thousand|million|billion)(?:\s+and)?\s+$", re.IGNORECASE)
_COMPOUND_AFTER = re.compile(rf"\s+(?:and\s+)?(?:{'|'.join(_UNITS[1:] + _TENS)})\b", re.IGNORECASE)


def claim_id(article_id: str, start: int, end: int) -> str:
    return "C" + hashlib.sha1(f"{article_id}:{start}:{end}".encode()).hexdigest()[:16]


_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$|^\s*(?:jan|feb|mar|apr|"
                    r"may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.IGNORECASE)


def _is_date(text: str, m: re.Match[str]) -> bool:
    """A day of a month ("Aug 31", "31 August") or a bare year: not a claim."""
    if m.group("scale") or m.group("unit") or m.group("cur"):
        return False
    num = m.group("num")
    if len(num) == 4 and num.isdigit() and 1900 <= int(num) <= 2100:
        return True
    before, after = text[max(0, m.start("num") - 12):m.start("num")], text[m.end("num"):m.end("num") + 12]
    return num.isdigit() and int(num) <= 31 and bool(_MONTH.search(before) or _MONTH.match(after))


def _entity_label(doc: Any, start: int, end: int) -> str:
    span = doc.char_span(start, end, alignment_mode="expand")
    labels = [t.ent_type_ for t in span] if span is not None else []
    return next((lab for lab in labels if lab), "")


def _unit(m: re.Match[str]) -> str | None:
    for part in (m.group("unit"), m.group("cur")):
        if part:
            key = part.strip().lower()
            if key in PERCENT:
                return "%"
            return CURRENCIES.get(key, key.upper())
    return None


def _number(m: re.Match[str]) -> float:
    num = m.group("num").lower()
    if "-" in num:  # "twenty-two"
        tens, unit = num.split("-", 1)
        value = WORD_VALUES[tens] + WORD_VALUES[unit]
    else:
        value = WORD_VALUES[num] if num in WORD_VALUES else float(num.replace(",", ""))
    scale = (m.group("scale") or "").lower()
    return value * SCALES.get(scale, 1.0)


def _last_token(doc: Any, end: int) -> Any | None:
    span = doc.char_span(end - 1, end, alignment_mode="expand")
    return span[-1] if span is not None and len(span) else None


def _phrase(doc: Any, tokens: list[Any], trim: bool = True) -> str:
    tokens = [t for t in tokens if not t.is_punct or t.text in "-'’"]
    while trim and tokens and (tokens[0].pos_ in ("DET", "ADP", "CCONJ", "NUM") or tokens[0].like_num):
        tokens.pop(0)
    if not tokens:
        return ""
    return str(doc[tokens[0].i: tokens[-1].i + 1].text)  # a span's text, not the whole doc's


def is_place(prep: Any) -> bool:
    """A prepositional phrase that says where ("in Afghanistan", "across the country")."""
    objs = [c for c in prep.children if c.dep_ == "pobj"]
    return prep.lower_ in PLACE_PREPS and bool(objs) and (
        objs[0].ent_type_ in PLACE_TYPES or objs[0].lemma_.lower() in PLACE_NOUNS)


def place_of(token: Any) -> str | None:
    """Where a number's quantity is: a place phrase of its clause ("in Afghanistan", "across the
    country"), looked for on the counted noun and the verbs above it."""
    head = token
    for _ in range(6):
        for prep in (c for c in head.children if c.dep_ == "prep" and is_place(c)):
            obj = next(c for c in prep.children if c.dep_ == "pobj")
            return _phrase(obj.doc, list(obj.subtree)) or obj.text
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _without_places(tokens: list[Any]) -> list[Any]:
    """The tokens of a phrase up to its first place phrase ("in need of aid | in Afghanistan")."""
    cut = next((t.i for t in tokens if t.dep_ == "prep" and is_place(t)), None)
    return [t for t in tokens if cut is None or t.i < cut]


def _predicate(head: Any, max_tokens: int) -> list[Any]:
    """What the counted subject does, for a count without a phrase of its own ("22.8 million
    people *face acute hunger*", "60 people *were killed*"): the verb with its object."""
    verb = head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX") or verb.i < head.i:
        return []
    if verb.lemma_ in ("be", "remain"):
        return _without_places([t for p in verb.children if p.dep_ == "prep" and p.i > head.i
                                for t in p.subtree])[:max_tokens]
    parts = [verb] + [t for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "oprd") for t in c.subtree]
    return sorted(parts, key=lambda t: t.i)[:max_tokens]


MEASURE_PREPS = frozenset({"to", "by", "at", "from"})
MEASURE_DEPS = frozenset({"attr", "npadvmod", "acomp", "oprd"})
PUT_VERBS = frozenset({"put", "estimate", "peg", "set", "place", "value", "cap", "fix"})
NAMED_HOLDERS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


CHANGE_VERBS = frozenset({"gain", "lose", "rise", "fall", "climb", "drop", "jump", "increase", "decrease", "grow",
                          "shed", "slip", "shrink", "surge", "soar", "plunge", "tumble", "decline", "slide", "dip",
                          "rebound", "advance", "add", "sink", "slump"})
# "in X" after an amount names what the amount is ("$5 million in aid"), unless it is an idiom
NOT_KINDS = frozenset({"total", "all", "part", "full", "return", "exchange", "advance", "addition", "place", "turn",
                       "fact", "time", "order", "response", "person", "principle", "theory", "practice", "writing",
                       "cash"})
KIND_EXCLUDED_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "ORG", "PERSON", "NORP", "FAC", "EVENT", "CARDINAL",
                                "MONEY", "PERCENT", "QUANTITY"})


def _kind_phrase(amount: Any, verb: Any) -> Any | None:
    """"The river authority collected 3 billion AFN *in tolls*", "raised $2 million *in private donations*": an "in"
    phrase on the verb right after its object amount, whose noun has no determiner and names no
    date, place, group or person, and is no idiom ("in total", "in return"), says what the amount
    is: that noun."""
    after = amount.right_edge.i + 1
    prep = next((c for c in verb.children if c.dep_ == "prep" and c.i == after and c.lower_ == "in"), None)
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
    if obj is None or obj.pos_ != "NOUN" or obj.lemma_.lower() in NOT_KINDS:
        return None
    if any(t.dep_ in ("det", "poss", "nummod") or t.ent_type_ in KIND_EXCLUDED_ENTS for t in obj.subtree):
        return None
    return obj


def _passive_measure(amount: Any, doc: Any, max_tokens: int) -> tuple[str | None, Any | None]:
    """"£90 million *had been pledged by foundations*", "$3bn *was set aside for* the tunnel": an amount
    that is the subject of a passive verb is what that verb did, with its agent or the first
    "for"/"on"/"to" phrase (not a date or place); a verb alone ("was stolen") is not enough."""
    verb = amount.head
    phrase = next((c for c in verb.children if c.dep_ == "agent" and c.i > verb.i
                   and not any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree)), None)  # "by polling day"
    if phrase is None:
        phrase = next((c for c in verb.children if c.dep_ == "prep" and c.i > verb.i and c.lower_ in ("for", "on", "to")
                       and not is_place(c) and not any(t.ent_type_ in ("DATE", "TIME") for t in c.subtree)), None)
    if phrase is None or any(t.pos_ == "PRON" for t in phrase.subtree):
        return None, None
    tokens = [verb] + [t for t in verb.children if t.dep_ == "prt"] + list(phrase.subtree)
    return _phrase(doc, sorted(tokens, key=lambda t: t.i)[:max_tokens], trim=False) or None, verb


def _measured(amount: Any, doc: Any, max_tokens: int, unit: str | None = None) -> tuple[str | None, Any | None]:
    """What a rate or an amount without a phrase of its own measures, from its clause: the subject
    of the verb it completes or changes ("*inflation* rose to 5.2 percent", "*unemployment* was 7%",
    "*turnout* fell by 12 percent", "*support* stood at 38 percent"), or the object a verb of
    estimating puts at it ("put *the cost of the bridge* at $2.5bn"). Not a pronoun, a named
    person, group or place ("Lee placed third at 15 percent" is a standing), nor a verb's other
    object ("outraised its rivals by $4 million"); an amount that is the verb's object has no such
    measure ("we need $5 million": the subject holds it)."""
    verb, prep = amount.head, None
    money = unit is not None and unit != "%"
    if amount.dep_ == "nsubjpass" and verb.pos_ == "VERB":
        return _passive_measure(amount, doc, max_tokens) if money else (None, None)
    if amount.dep_ == "dobj" and verb.pos_ == "VERB":
        kind = _kind_phrase(amount, verb)
        if kind is not None:  # "collected 3 billion AFN *in tolls*"
            return _phrase(doc, list(kind.subtree)[:max_tokens]) or None, kind
        if unit != "%" or verb.lemma_.lower() not in CHANGE_VERBS:
            return None, None  # "we need $5 million": the subject holds it, it does not measure it
    elif amount.dep_ == "pobj" and amount.head.lower_ in MEASURE_PREPS and amount.head.dep_ == "prep":
        prep, verb = amount.head, amount.head.head
    elif amount.dep_ not in MEASURE_DEPS:
        return None, None
    if verb.pos_ not in ("VERB", "AUX"):
        return None, None
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i != amount.i]
    if amount.dep_ == "dobj" and objects:
        return None, None
    if objects:
        if prep is None or prep.lower_ != "at" or verb.lemma_.lower() not in PUT_VERBS:
            return None, None
        measured = objects[0]
    else:
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or subjects[0].ent_type_ in NAMED_HOLDERS:
            return None, None
        measured = subjects[0]
    if measured.pos_ == "PRON":
        return None, None
    relative = {t.i for c in measured.children if c.dep_ == "relcl" for t in c.subtree}
    comma = next((t.i for t in measured.subtree if t.i > measured.i and t.text == ","), None)  # an aside
    phrase = _without_places([t for t in measured.subtree if t.i not in relative and (comma is None or t.i < comma)])
    return _phrase(doc, phrase[:max_tokens]) or None, measured


def _counted(token: Any, doc: Any, end: int, max_tokens: int = 10, unit: str | None = None
             ) -> tuple[str | None, Any | None]:
    """What a number token counts: its head noun phrase, or the of/in/for phrase after it."""
    head = token
    while head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.head.i != head.i \
            and head.head.pos_ in ("NOUN", "PROPN", "NUM", "SYM", "ADJ") and head.head.i > token.i:
        head = head.head
    owner = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    if owner is not None and owner.pos_ == "NOUN" and owner.i < token.i:  # "a reward of up to $25 million"
        return _phrase(doc, [t for t in owner.subtree if t.i <= owner.i]) or owner.text, owner
    if head.i == token.i or head.pos_ in ("NUM", "SYM") or head.idx < end:
        pobj = [c for p in head.children if p.dep_ == "prep" and p.lower_ in ("of", "in", "for", "on")
                for c in p.children if c.dep_ == "pobj"]
        if not pobj:
            return _measured(head, doc, max_tokens, unit)
        return _phrase(doc, list(pobj[0].subtree)[:max_tokens]), pobj[0]
    left = [t for t in head.subtree if t.i <= head.i and t.idx >= end]
    right = _without_places([t for t in head.subtree if t.i > head.i][:max_tokens])
    right = right if right and right[0].dep_ == "prep" and right[0].lower_ in ("in", "of", "for") else []
    if not right:  # "people are in need of", "people face acute hunger"
        right = _predicate(head, max_tokens)
    about = " ".join(filter(None, [_phrase(doc, left + [head]) or head.text, _phrase(doc, right, trim=False)]))
    return about, head


def _attribution(quotes: list[Quote], start: int) -> Quote | None:
    for q in quotes:
        if any(e.start <= start < e.end for e in q.evidence):
            return q
    return None


def _clause(token: Any, steps: int = 8) -> tuple[int, int] | None:
    """The characters of the clause a number belongs to (its nearest verb's subtree)."""
    head = token
    for _ in range(steps):
        if head.pos_ in ("VERB", "AUX"):
            return head.left_edge.idx, head.right_edge.idx + len(head.right_edge.text)
        if head.head.i == head.i:
            return None
        head = head.head
    return None


def _as_of(result: ProcessedArticle, token: Any | None, quote: Quote | None, start: int, end: int) -> PartialDate:
    """The date a number refers to: a time expression in its own clause ("will need aid *in
    2022*", "*In 2020*, the bank held ..., the IMF said last week"), else when its quote was
    said, else the date of its sentence."""
    clause = _clause(token) if token is not None else None
    found = date_inside(result, *clause) if clause is not None else None
    if found is not None and found.start is not None:
        return found
    return quote.said_on if quote is not None else date_of_span(result, start, end)


def claim_from_match(result: ProcessedArticle, doc: Any, m: re.Match[str]) -> Claim | None:
    """One claim from a number pattern match, or None when it is a date, year or code."""
    text, aid = result.article.text, result.article.id
    start, end = m.start("cur") if m.group("cur") else m.start("num"), m.end()
    if _is_date(text, m) or (not _unit(m) and _entity_label(doc, m.start("num"), m.end("num")) in NOT_CLAIMS):
        return None
    if not m.group("num")[:1].isdigit() and (_COMPOUND_BEFORE.search(text, max(0, m.start() - 20), m.start())
                                             or _COMPOUND_AFTER.match(text, m.end())):
        return None  # "two hundred and eighty-one thousand": a compound written number is not read
    if not m.group("cur") and m.start("scale") == m.end("num") and m.group("scale").lower() in ("m", "k"):
        return None  # "a 100m sprint", "a 10k run": metres and kilometres, not millions and thousands
    token = _last_token(doc, m.end("num"))
    about, head = _counted(token, doc, end, unit=_unit(m)) if token is not None else (None, None)
    unit = _unit(m) or ("people" if head is not None and head.lemma_.lower() in PEOPLE else
                        (head.lemma_.lower() if head is not None else None))
    quote = _attribution(result.quotes, m.start("num"))
    return Claim(
        id=claim_id(aid, start, end),
        article=aid,
        value=text[start:end].strip(),
        number=_number(m),
        unit=unit,
        about=about or None,
        attributed_to=quote.speaker if quote is not None else None,
        attributed_mention=quote.speaker_mention if quote is not None else None,
        as_of=_as_of(result, token, quote, start, end),
        evidence=[Evidence.of(aid, text, m.start(), end)],
        qualifier=(m.group("qual") or "").lower() or None,
        place=place_of(head if head is not None else token) if token is not None else None,
    )


def extract_claims(result: ProcessedArticle, doc: Any) -> list[Claim]:
    """Every numeric claim of one annotated article (see module doc)."""
    claims = []
    text = result.article.text
    for m in sorted([*NUMBER.finditer(text), *WORD_NUMBER.finditer(text)], key=lambda m: m.start()):
        claim = claim_from_match(result, doc, m)
        if claim is not None:
            claims.append(claim)
    return claims


class ClaimExtractor:
    """Registered extractor: fills `ProcessedArticle.claims` (after `quotes`)."""

    name = "claims"
    version = "5"  # 5: what an amount that is a verb's object ("collected $5 million in tolls") or a
    # passive's subject ("$5 million was pledged by foundations") is, a percentage a verb of change takes;
    # 4: numbers written in words with a scale ("five million"), more nouns of people;
    # 3: what a rate or amount without a phrase of its own measures ("inflation rose to 5.2 percent");
    # 2: scales written on the digits ("US$2.5bn", "£16m"), a space after a currency symbol
    requires: tuple[str, ...] = ("parser", "ner", "quotes")
    produces: tuple[str, ...] = ("claims",)

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        result.claims = extract_claims(result, doc)
