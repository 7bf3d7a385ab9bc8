"""Per-article actor names: types from the knowledge base, short forms, metonyms, demonyms.

- **Types.** The small English model calls "Haqqani Network" a person and "Psaki" an
  organisation. A mention whose name the knowledge base knows takes the KB type (the entity
  ruler in `annotate` already fixes most; this also catches what the model split differently).
- **Short forms.** A one-word person mention ("Dickson", "Mottaki") is the full person mention of
  the same article whose last word it is, spelling variants of transliteration included
  (`names.translit_key`). With several candidates ("Haqqani" after Khalil-ur-Rehman Haqqani and
  before Jalaluddin Haqqani) the nearest full mention before it wins, else the first after it.
- **Metonyms and demonyms.** "Washington said" is the United States acting; "in Washington" is a
  place. A KB metonym stands for its country unless a locative word precedes it or a capitalised
  word follows it ("Washington Post"). A KB demonym ("Russian", "Afghans") stands for its country.
"""

from __future__ import annotations

import re
from typing import Any

from storyline.extract.roles import TITLE_HEADS, TITLE_MODIFIERS
from storyline.model import Mention, ProcessedArticle
from storyline.resolve.kb import UsesKnowledgeBase
from storyline.resolve.names import name_key, tokens, translit_key

_LOCATIVE = re.compile(
    r"\b(in|at|from|to|into|near|outside|inside|via|across|around|toward|towards|through|visited|"
    r"visit|visiting|of|based|landed|arrived)\s+(the\s+)?$",
    re.IGNORECASE,
)
_NAME_FOLLOWS = re.compile(r"^\s*(?:-\s*)?[A-Z][a-z]")
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC", "ORG"})
_GROUP_WORDS = re.compile(r"^\s+(family|network|clan|tribe|group|brothers|dynasty)\b", re.IGNORECASE)
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "dr", "sir", "sheikh", "shaikh", "mullah", "mawlawi", "maulvi", "mawlavi",
    "haji", "hajji", "gen", "col", "colonel", "lt", "imam", "the", "a", "an", "according", "sources",
    "when", "while", "as", "consultant", "counsel",
})


def is_actor_context(text: str, start: int, end: int) -> bool:
    """Whether a place name at [start, end) acts (subject, possessor) rather than locates."""
    before = text[max(0, start - 24):start]
    return not _LOCATIVE.search(before) and not _NAME_FOLLOWS.match(text[end:end + 3])


def is_title_word(word: str) -> bool:
    return word in HONORIFICS or word in TITLE_HEADS or word in TITLE_MODIFIERS


def join_split_names(mentions: list[Mention], text: str) -> list[Mention]:
    """Join person mentions the model split at a hyphen ("Ayman Al-" + "Zawahiri")."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == m.type == "PERSON" and m.start - prev.end <= 1
                and (prev.text.endswith("-") or text[prev.end:m.start] == "-")):
            out[-1] = prev.model_copy(update={"end": m.end, "text": text[prev.start:m.end]})
        else:
            out.append(m)
    return out


def extend_person_start(m: Mention, doc: Any) -> Mention:
    """Take in a capitalised name word the model left out before a person ("Rahm" of "Rahm Dil
    Hanafi"): a proper noun outside any entity, not a title or honorific."""
    if m.type != "PERSON" or doc is None:
        return m
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return m
    prev = doc[span.start - 1]
    inside = span.start <= prev.head.i < span.end
    if (prev.pos_ == "PROPN" and prev.is_title and not prev.ent_type_ and prev.whitespace_
            and (inside or not prev.is_sent_start) and not is_title_word(prev.lower_)):
        # `doc.text` rebuilds the whole text: join the two pieces instead when they abut
        text = prev.text_with_ws + m.text if span.start_char == m.start else doc.text[prev.idx:m.end]
        return m.model_copy(update={"start": prev.idx, "text": text})
    return m


def short_form_targets(mentions: list[Mention], text: str = "") -> dict[int, str]:
    """For each one-word person mention (by index), the full person name it stands for. A word
    followed by "family" or "network" names that group ("Haqqani family"), not a person."""
    full = [(i, m) for i, m in enumerate(mentions) if m.type == "PERSON" and len(tokens(name_key(m.text))) > 1]
    by_last: dict[str, list[tuple[int, Mention]]] = {}
    for i, m in full:
        by_last.setdefault(translit_key(tokens(name_key(m.text))[-1]), []).append((i, m))
    out: dict[int, str] = {}
    for i, m in enumerate(mentions):
        key = name_key(m.text)
        if m.type != "PERSON" or len(tokens(key)) != 1:
            continue
        group = _GROUP_WORDS.match(text[m.end:m.end + 12])
        if group:  # "the Haqqani family" is the family, not one of its members
            out[i] = f"{m.text} {group.group(1).lower()}"
            continue
        candidates = by_last.get(translit_key(key), [])
        before = [c for c in candidates if c[0] < i]
        chosen = before[-1] if before else (candidates[0] if candidates else None)
        if chosen is not None:
            out[i] = chosen[1].canonical or chosen[1].text
    return out


def _surnames(mentions: list[Mention]) -> set[str]:
    """Transliteration keys of the last words of the article's full person names."""
    return {translit_key(tokens(k)[-1]) for m in mentions
            if m.type == "PERSON" and len(tokens(k := name_key(m.text))) > 1}


class ActorNames(UsesKnowledgeBase):
    """Extractor: KB types, within-article short forms, metonyms and demonyms (see module doc)."""

    name = "actor_names"
    version = "1"
    requires: tuple[str, ...] = ("mentions",)
    produces: tuple[str, ...] = ("mentions",)

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        text = result.article.text
        joined = join_split_names(result.mentions, text)
        surnames = _surnames(joined)
        typed = [self._retype(extend_person_start(m, doc), surnames) for m in joined]
        targets = short_form_targets(typed, text)
        result.mentions = [
            m.model_copy(update={"canonical": targets[i]}) if i in targets and not m.canonical
            else self._stands_for(m, text)
            for i, m in enumerate(typed)
        ]

    def _retype(self, m: Mention, surnames: set[str]) -> Mention:
        key = name_key(m.text)
        actor = self.kb.by_key.get(key)
        if actor is None:
            if m.type == "GPE" and translit_key(key) in surnames and self.kb.place(m.text) is None:
                return m.model_copy(update={"type": "PERSON"})  # "the killing of Haqqani"
            return m
        if actor.type == m.type or m.type == "NORP":
            return m
        return m.model_copy(update={"type": actor.type})

    def _stands_for(self, m: Mention, text: str) -> Mention:
        if m.canonical:
            return m
        key = name_key(m.text)
        if m.type == "NORP" and key in self.kb.demonym_of:
            return m.model_copy(update={"canonical": self.kb.demonym_of[key].name})
        actor = self.kb.metonym_of.get(key)
        if actor is not None and m.type in _PLACE_TYPES and is_actor_context(text, m.start, m.end):
            return m.model_copy(update={"canonical": actor.name})
        return m
