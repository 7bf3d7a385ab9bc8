"""The attribution cue lexicon (`storyline/data/cues.yaml`, extended by `STORYLINE_CUES`).

See the YAML file's header for its shape. Extra files are merged into the shipped lists; a
file that cannot be read is logged and skipped. The lexicon is loaded once per value of the
environment variable.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)
ENV = "STORYLINE_CUES"
_INFLECTIONS = (("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""),
                ("ing", "e"), ("ing", ""))


@dataclass(frozen=True)
class Cues:
    """Cue words by kind (lower-case lemmas)."""

    speech: frozenset[str] = frozenset()
    direct: frozenset[str] = frozenset()
    belief: frozenset[str] = frozenset()
    stance: frozenset[str] = frozenset()
    raising: frozenset[str] = frozenset()
    not_passive: frozenset[str] = frozenset()
    receiving: frozenset[str] = frozenset()
    means: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    feeling: frozenset[str] = frozenset()
    clause_only: frozenset[str] = frozenset()
    nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    phrasal: dict[str, frozenset[str]] = field(default_factory=dict)
    prepositions: tuple[tuple[str, ...], ...] = ()
    pronouns: dict[str, str] = field(default_factory=dict)

    @cached_property
    def preposition_starts(self) -> frozenset[str]:
        """The first words of the multi-word prepositions ("according")."""
        return frozenset(words[0] for words in self.prepositions if words)

    @cached_property
    def words(self) -> frozenset[str]:
        """Every cue lemma of the lexicon."""
        return self.speech | self.direct | self.belief | self.stance | frozenset(self.phrasal) | frozenset(self.nouns)

    def lemma(self, token: Any) -> str:
        """A token's lemma, or for a word the tagger got wrong ("hopes" read as the plural of
        "hop") the lexicon word its inflection comes from."""
        key = (str(token.lemma_), str(token.lower_))
        found = self._lemmas.get(key)
        if found is None:
            found = self._lemmas[key] = self._lemma(*key)
        return found

    @cached_property
    def _lemmas(self) -> dict[tuple[str, str], str]:
        return {}

    def _lemma(self, lemma: str, lower: str) -> str:
        lemma = lemma.lower()
        if lemma in self.words:
            return lemma
        for suffix, repl in _INFLECTIONS:
            if lower.endswith(suffix) and (stem := lower[: len(lower) - len(suffix)] + repl) in self.words:
                return stem
        return lemma

    def is_verb_cue(self, lemma: str, reported: bool) -> bool:
        """A speech verb always; a belief or stance verb only for reported speech, a direct-only
        verb only for a direct quote."""
        if reported:
            return lemma in self.speech or lemma in self.belief or lemma in self.stance
        return lemma in self.speech or lemma in self.direct


def _read(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        log.warning("cue lexicon %s: not YAML (%s); skipped", where, err)
        return {}
    return data if isinstance(data, dict) else {}


def _merge(parts: list[dict[str, Any]]) -> Cues:
    speech: set[str] = set()
    direct: set[str] = set()
    belief: set[str] = set()
    stance: set[str] = set()
    raising: set[str] = set()
    not_passive: set[str] = set()
    receiving: set[str] = set()
    means: set[str] = set()
    documents: set[str] = set()
    adjectives: set[str] = set()
    feeling: set[str] = set()
    clause_only: set[str] = set()
    nouns: dict[str, set[str]] = {}
    phrasal: dict[str, set[str]] = {}
    preps: list[tuple[str, ...]] = []
    pronouns: dict[str, str] = {}
    for data in parts:
        speech.update(str(w).lower() for w in data.get("speech") or [])
        direct.update(str(w).lower() for w in data.get("direct") or [])
        belief.update(str(w).lower() for w in data.get("belief") or [])
        stance.update(str(w).lower() for w in data.get("stance") or [])
        raising.update(str(w).lower() for w in data.get("raising") or [])
        not_passive.update(str(w).lower() for w in data.get("not_passive") or [])
        receiving.update(str(w).lower() for w in data.get("receiving") or [])
        means.update(str(w).lower() for w in data.get("means") or [])
        documents.update(str(w).lower() for w in data.get("documents") or [])
        adjectives.update(str(w).lower() for w in data.get("adjectives") or [])
        feeling.update(str(w).lower() for w in data.get("feeling") or [])
        clause_only.update(str(w).lower() for w in data.get("clause_only") or [])
        for verb, particles in (data.get("phrasal") or {}).items():
            phrasal.setdefault(str(verb).lower(), set()).update(str(p).lower() for p in particles or [])
        for noun, links in (data.get("nouns") or {}).items():
            nouns.setdefault(str(noun).lower(), set()).update(str(p).lower() for p in links or [])
        preps += [tuple(str(p).lower().split()) for p in data.get("prepositions") or []]
        pronouns.update({str(k).lower(): str(v) for k, v in (data.get("pronouns") or {}).items()})
    return Cues(
        speech=frozenset(speech),
        direct=frozenset(direct),
        belief=frozenset(belief),
        stance=frozenset(stance),
        raising=frozenset(raising),
        not_passive=frozenset(not_passive),
        receiving=frozenset(receiving),
        means=frozenset(means),
        documents=frozenset(documents),
        adjectives=frozenset(adjectives),
        feeling=frozenset(feeling),
        clause_only=frozenset(clause_only),
        nouns={k: frozenset(v) for k, v in nouns.items()},
        phrasal={k: frozenset(v) for k, v in phrasal.items()},
        prepositions=tuple(dict.fromkeys(preps)),
        pronouns=pronouns,
    )


@lru_cache(maxsize=4)
def _load(extra: str) -> Cues:
    shipped = resources.files("storyline") / "data" / "cues.yaml"
    parts = [_read(shipped.read_text(encoding="utf-8"), "cues.yaml")]
    for name in filter(None, extra.split(os.pathsep)):
        try:
            parts.append(_read(Path(name).read_text(encoding="utf-8"), name))
        except OSError as err:
            log.warning("cue lexicon %s: %s; skipped", name, err)
    return _merge(parts)


def load_cues() -> Cues:
    """The shipped lexicon plus the files named in STORYLINE_CUES."""
    return _load(os.environ.get(ENV, ""))
