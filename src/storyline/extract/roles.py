"""Titles of people, from pre-modifiers and appositions, as `Mention.role` with its span.

- **Pre-modifier**: "State Department spokesperson Ned Price", "White House Press Secretary Jen
  Psaki", "Secretary of State Antony Blinken". The words just before the person mention are read
  backwards while they can belong to a title phrase (title words, capitalised words, named
  entities, "of"/"for"/"'s"), and the phrase must contain a title word.
- **Apposition**: "Sher Mohammad Abbas Stanekzai, the Taliban's deputy foreign minister," — the
  parser's `appos` dependent of the person, when it is headed by a title word.

The phrase is split into the organisation (the named entity in it: "State Department", the
possessor "Taliban") and the title (the rest, from the first title word: "spokesperson",
"deputy foreign minister"). The corpus stage dates it by the article and adds it to the entity.
"""

from __future__ import annotations

from typing import Any

from storyline.model import Mention, MentionRole, ProcessedArticle

TITLE_HEADS = frozenset({
    "spokesperson", "spokesman", "spokeswoman", "minister", "secretary", "president", "envoy",
    "representative", "ambassador", "d'affaires", "d’affaires", "commander", "chief", "leader",
    "governor", "director", "adviser", "advisor", "chairman", "chairwoman", "chair", "premier",
    "emir", "senator", "mayor", "founder", "negotiator", "coordinator", "secretary-general",
    "commissioner", "rapporteur", "head", "general", "deputy", "king", "prince", "speaker",
    "attaché", "consul", "diplomat", "official", "officer", "vice-president",
})
TITLE_MODIFIERS = frozenset({
    "deputy", "acting", "special", "chief", "senior", "foreign", "interior", "defence", "defense",
    "press", "assistant", "vice", "prime", "supreme", "top", "former", "then", "humanitarian",
    "chargé", "charge", "high", "first", "second", "executive", "permanent", "political",
})
_CONNECTORS = frozenset({"of", "for", "on", "'s", "’s", "and"})
_ORG_PREPS = frozenset({"of", "for", "with", "at", "to"})
_CUT_DEPS = frozenset({"cc", "conj", "relcl", "acl", "punct", "advcl"})
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
_MAX_WORDS = 10


def _is_title_word(token: Any) -> bool:
    return token.lower_ in TITLE_HEADS or token.lower_ in TITLE_MODIFIERS


def _title_phrase_token(token: Any) -> bool:
    return (_is_title_word(token) or token.ent_type_ in _ORG_LABELS or token.lower_ in _CONNECTORS
            or (token.is_title and token.pos_ in ("PROPN", "NOUN", "ADJ")) or token.text in ("U.S.", "U.N."))


def _text(doc: Any, words: list[Any]) -> str | None:
    """The text of a run of tokens as written, less a leading article and a possessive."""
    while words and words[0].lower_ in _CONNECTORS | {"the", "a", "an", "and"}:
        words = words[1:]
    while words and (words[-1].lower_ in _CONNECTORS or words[-1].is_punct):
        words = words[:-1]
    return doc[words[0].i:words[-1].i + 1].text if words else None


def split_premodifier(doc: Any, words: list[Any]) -> tuple[str, str | None] | None:
    """(title, org) of a pre-modifier phrase: the run of title words that ends it (with an "of
    X" after its head: "Secretary of State") is the title, what comes before it the org."""
    heads = [i for i, t in enumerate(words) if t.lower_ in TITLE_HEADS]
    if not heads:
        return None
    j = heads[-1]
    while j > 0 and _is_title_word(words[j - 1]):
        j -= 1
    org_words = words[:j]
    while org_words and org_words[0].lower_ in TITLE_MODIFIERS:
        org_words = org_words[1:]
    title = _text(doc, words[j:])
    return (title, _text(doc, org_words)) if title else None


def split_apposition(doc: Any, words: list[Any]) -> tuple[str, str | None] | None:
    """(title, org) of an apposition: "the Taliban's deputy foreign minister" (possessor is the
    org), "chargé d'affaires of the British embassy" (a capitalised name after of/for/with/at)."""
    for p, t in enumerate(words):
        if t.lower_ in ("'s", "’s") and p > 0:
            title = _text(doc, words[p + 1:])
            return (title, _text(doc, words[:p])) if title else None
    for p, t in enumerate(words):
        if p > 0 and t.lower_ in _ORG_PREPS and any(w.lower_ in TITLE_HEADS for w in words[:p]):
            rest = [w for w in words[p + 1:] if w.lower_ != "the"]
            if rest and (rest[0].ent_type_ in _ORG_LABELS or rest[0].is_title):
                return _text(doc, words[:p]) or "", _text(doc, words[p + 1:])
    title = _text(doc, words)
    return (title, None) if title else None


def premodifier_role(doc: Any, span: Any) -> MentionRole | None:
    """The title phrase written right before a person's name, if any."""
    words: list[Any] = []
    i = span.start - 1
    while i >= 0 and len(words) < _MAX_WORDS and _title_phrase_token(doc[i]) and not doc[i].is_sent_end:
        words.insert(0, doc[i])
        i -= 1
    while words and (words[0].lower_ in _CONNECTORS or words[0].lower_ == "the"):
        words.pop(0)
    heads = [k for k, w in enumerate(words) if w.lower_ in TITLE_HEADS]
    if not heads:
        return None
    after = words[heads[-1] + 1:]
    if after and after[0].lower_ not in ("of", "for"):  # "Secretary of State Antony Blinken"
        return None
    found = split_premodifier(doc, words)
    if found is None:
        return None
    return MentionRole(title=found[0], org=found[1], start=words[0].idx, end=span.end_char)


def _apposition_words(head: Any) -> list[Any]:
    """The apposition's words: its head and the left/right dependents, conjuncts cut off."""
    words = [head]
    stack = [c for c in head.children if c.dep_ not in _CUT_DEPS]
    while stack:
        t = stack.pop()
        words.append(t)
        stack += [c for c in t.children if c.dep_ not in _CUT_DEPS]
    words.sort(key=lambda t: t.i)
    gap = next((k for k in range(1, len(words)) if words[k].i != words[k - 1].i + 1), len(words))
    words = words[:gap]
    while words and words[0].lower_ in ("the", "a", "an"):
        words.pop(0)
    return words


def apposition_role(doc: Any, span: Any) -> MentionRole | None:
    """The title in an apposition to a person's name, after it ("X, the Taliban's deputy foreign
    minister") or before it ("the Taliban's deputy foreign minister, X")."""
    head = span.root.head
    if span.root.dep_ == "appos" and head.i < span.start and head.lower_ in TITLE_HEADS:
        words = [t for t in _apposition_words(head) if t.i < span.start]
        found = split_apposition(doc, words) if words else None
        if found is not None and found[0]:
            return MentionRole(title=found[0], org=found[1], start=words[0].idx, end=span.end_char)
    for token in span:
        for child in token.children:
            if child.dep_ != "appos" or child.i < span.end or child.lower_ not in TITLE_HEADS:
                continue
            words = _apposition_words(child)
            found = split_apposition(doc, words) if words else None
            if found is not None and found[0]:
                return MentionRole(title=found[0], org=found[1], start=span.start_char,
                                   end=words[-1].idx + len(words[-1].text))
    return None


ROLE_ONLY_HEADS = TITLE_HEADS - {"official", "officer", "diplomat", "head", "general", "deputy", "speaker",
                                  "founder", "adviser", "advisor", "consul", "attaché", "king", "prince"}


def role_only_mentions(result: ProcessedArticle, doc: Any) -> list[Mention]:
    """Mentions of type ROLE for titles written without a name: "a US State Department
    spokesperson said". The corpus stage links them to whoever held the office that day."""
    people = [(m.start, m.end) for m in result.mentions if m.type == "PERSON"]
    out = []
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.lower_ not in ROLE_ONLY_HEADS or root.i + 1 < len(doc) and doc[root.i + 1].ent_type_ == "PERSON":
            continue
        if "\n" in chunk.text or any(s < chunk.end_char and chunk.start_char < e for s, e in people):
            continue
        if (root.dep_ == "appos" and root.head.ent_type_ == "PERSON") or any(
                c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in root.children):
            continue  # "X, the Taliban's minister" / "the Taliban's minister, X": a named person's title
        words = [t for t in chunk if t.i <= root.i and t.lower_ not in ("a", "an", "the", "another", "one")]
        org_words = [t for t in words[:-1] if t.lower_ not in ("'s", "’s")]
        if not org_words or not all(t.ent_type_ in _ORG_LABELS or t.text in ("U.S.", "U.N.") for t in org_words):
            continue
        found = split_premodifier(doc, words)
        if found is None or found[1] is None:
            continue
        start, end = words[0].idx, root.idx + len(root.text)
        out.append(Mention(article=result.article.id, start=start, end=end,
                           text=result.article.text[start:end], type="ROLE",
                           sentence=_sentence(result, start),
                           role=MentionRole(title=found[0], org=found[1], start=start, end=end)))
    return out


def _title_spans(mentions: list[Mention], text: str) -> list[tuple[int, int]]:
    """Where pre-modifier titles are written: "State" in "Secretary of State Antony Blinken" is
    part of the title, not an organisation mention of its own."""
    out = []
    for m in mentions:
        if m.role is not None and m.role.end == m.end and m.role.start < m.start:
            at = text.rfind(m.role.title, m.role.start, m.start)
            if at >= 0:
                out.append((at, at + len(m.role.title)))
    return out


def _sentence(result: ProcessedArticle, offset: int) -> int | None:
    from bisect import bisect_right

    i = bisect_right([s.start for s in result.sentences], offset) - 1
    return i if i >= 0 else None


class RoleExtractor:
    name = "roles"
    version = "1"
    requires: tuple[str, ...] = ("parser", "mentions")
    produces: tuple[str, ...] = ("mentions",)

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        titled = [self._role(m, doc) for m in result.mentions]
        titles = _title_spans(titled, result.article.text)
        kept = [m for m in titled if m.type == "PERSON" or not any(s <= m.start and m.end <= e for s, e in titles)]
        result.mentions = sorted(kept + role_only_mentions(result, doc), key=lambda m: (m.start, m.end))

    @staticmethod
    def _role(m: Mention, doc: Any) -> Mention:
        if m.type != "PERSON" or m.role is not None:
            return m
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return m
        role = premodifier_role(doc, span) or apposition_role(doc, span)
        return m.model_copy(update={"role": role}) if role else m
