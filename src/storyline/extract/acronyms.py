"""Acronyms defined in the text: "Al-Qaeda in the Arabian Peninsula (AQAP)".

An acronym in parentheses is defined by the words just before it when the initials of those
words (and of the parts of hyphenated words) spell it, function words ("in", "the", "of")
optionally skipped. The long form becomes one mention (the named pieces spaCy found inside it,
"Al-Qaeda" and "the Arabian Peninsula", are dropped), and every mention of the acronym in the
article gets the long form as its `canonical` name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from storyline.model import Mention, ProcessedArticle
from storyline.resolve.kb import UsesKnowledgeBase
from storyline.resolve.names import name_key

_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z0-9&\-]{1,11})\s*\)")
_WORD = re.compile(r"[\w’'\-]+")
_FUNCTION = frozenset({"of", "the", "in", "for", "and", "on", "to", "at", "de", "al"})
_NAMED = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PERSON", "EVENT", "LAW", "PRODUCT"})


@dataclass(frozen=True)
class Definition:
    acronym: str
    long_form: str
    start: int
    end: int
    swapped: bool = False  # spells the acronym only with one word swapped (a spun known acronym)


def acronym_letters(acronym: str) -> str:
    """`IS-K` → `ISK`; `NGOs` → `NGO`."""
    letters = acronym.rstrip("s") if len(acronym) > 2 and acronym[:-1].isupper() else acronym
    return "".join(c for c in letters if c.isalnum()).upper()


def _parts(word: str) -> list[tuple[str, bool]]:
    """The pieces of a word that can give an initial, and whether each may be skipped."""
    return [(p, p.lower() in _FUNCTION) for p in word.split("-") if p]


@lru_cache(maxsize=4096)
def _spells(letters: str, parts: tuple[tuple[str, bool], ...], slack: int = 0) -> bool:
    """Whether the parts' initials spell `letters`, function words optionally skipped, with at
    most `slack` content words whose initial differs, and possibly a trailing "of <place>"."""
    if not parts:
        return not letters
    (part, optional), rest = parts[0], parts[1:]
    if not letters:  # a place after "of" left out of the acronym: "... Front of Afghanistan (NRF)"
        return optional and part.lower() in ("of", "in")
    if part[0].upper() == letters[0] and _spells(letters[1:], rest, slack):
        return True
    if slack and not optional and _spells(letters[1:], rest, slack - 1):
        return True
    return optional and _spells(letters, rest, slack)


def find_definitions(text: str, known: Callable[[str], bool] = lambda _: False) -> list[Definition]:
    """Every `long form (ACRONYM)` in a text, the long form as short as still spells it. For an
    acronym of three letters or more that `known` accepts (the knowledge base has it), one word
    may have been swapped by a spinner ("Nationwide Resistance Entrance of Afghanistan (NRF)")."""
    out = []
    for m in _DEFINITION.finditer(text):
        letters = acronym_letters(m.group(1))
        if len(letters) < 2:
            continue
        slack = 1 if len(letters) >= 3 and known(m.group(1)) else 0
        before = list(_WORD.finditer(text, max(0, m.start() - 160), m.start()))
        if before and text[before[-1].end():m.start()].strip():
            continue  # something other than space between the words and "("
        for i in range(len(before) - 1, max(-1, len(before) - 2 * len(letters) - 3), -1):
            words = before[i:]
            if words[0].group().lower() in _FUNCTION or not words[0].group()[0].isupper():
                continue
            parts = tuple(p for w in words for p in _parts(w.group()))
            exact = _spells(letters, parts)
            if exact or (slack and parts[0][0][0].upper() == letters[0] and _spells(letters, parts, slack)):
                start, end = words[0].start(), words[-1].end()
                out.append(Definition(m.group(1), text[start:end], start, end, swapped=not exact))
                break
    return out


class AcronymExtractor(UsesKnowledgeBase):
    name = "acronyms"
    version = "2"
    requires: tuple[str, ...] = ("mentions", "sentences")
    produces: tuple[str, ...] = ("mentions",)

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        text = result.article.text
        for definition in find_definitions(text, lambda a: name_key(a) in self.kb.by_key):
            self._apply(result, definition)

    def _apply(self, result: ProcessedArticle, d: Definition) -> None:
        acronym_key = name_key(d.acronym)
        if d.swapped:
            self._apply_known(result, d)  # a spun long form: the acronym's KB actor names it
            return
        inside = [m for m in result.mentions if m.start >= d.start and m.end <= d.end]
        covering = next((m for m in result.mentions if m.start <= d.start and m.end >= d.end
                         and m.type in _NAMED), None)
        long_form = covering.text if covering is not None else d.long_form
        typed = [m.type for m in result.mentions if name_key(m.text) == acronym_key and m.type in _NAMED]
        label = covering.type if covering is not None else (typed[0] if typed else "ORG")
        kept = [m for m in result.mentions if covering is not None or m not in inside]
        if covering is None:
            starts = [s.start for s in result.sentences]
            sentence = bisect_right(starts, d.start) - 1
            kept.append(Mention(article=result.article.id, start=d.start, end=d.end, text=d.long_form,
                                type=label, sentence=sentence if sentence >= 0 else None))
        result.mentions = sorted(
            (m.model_copy(update={"canonical": long_form, "type": label})
             if name_key(m.text) == acronym_key else m for m in kept),
            key=lambda m: (m.start, m.end),
        )

    def _apply_known(self, result: ProcessedArticle, d: Definition) -> None:
        """The long form (one word swapped) is the KB actor of the acronym: one mention of it with
        that actor's name as canonical, the pieces inside dropped."""
        actor = self.kb.by_key[name_key(d.acronym)]
        inside = [m for m in result.mentions if m.start >= d.start and m.end <= d.end]
        kept = [m for m in result.mentions if m not in inside]
        starts = [s.start for s in result.sentences]
        sentence = bisect_right(starts, d.start) - 1
        kept.append(Mention(article=result.article.id, start=d.start, end=d.end, text=d.long_form,
                            type=actor.type, sentence=sentence if sentence >= 0 else None, canonical=actor.name))
        result.mentions = sorted(kept, key=lambda m: (m.start, m.end))
