"""The PLOVER trigger lexicon (`storyline/data/plover.yaml`, extended by `STORYLINE_PLOVER`).

Each trigger (a verb lemma, a noun lemma, or a verb with its particle) maps to a PLOVER type and
an optional mode. Extra files are merged over the shipped one: a trigger listed again under
another type moves there. A file that cannot be read is logged and skipped.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)
ENV = "STORYLINE_PLOVER"

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class Trigger:
    """What a trigger word means: a PLOVER type and, where the word implies one, a mode."""

    type: str
    mode: str | None = None


@dataclass
class PloverLexicon:
    """Triggers by kind, quad codes per type, context words and light verbs."""

    verbs: dict[str, Trigger] = field(default_factory=dict)
    nouns: dict[str, Trigger] = field(default_factory=dict)
    phrases: dict[tuple[str, str], Trigger] = field(default_factory=dict)
    quad: dict[str, int] = field(default_factory=dict)
    context: dict[str, str] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    # a refusal to speak is no act: "declined to comment", "refused to give a figure"
    no_comment_verbs: frozenset[str] = frozenset()
    no_comment_objects: frozenset[str] = frozenset()
    # a question is no request: "was asked about", "asked whether"
    question_verbs: frozenset[str] = frozenset()
    # a verb with one of these objects states a relation, not an act: "share links"
    state_objects: dict[str, frozenset[str]] = field(default_factory=dict)
    # verbs that lessen a measure: with a COERCE or SANCTION noun as object, CONCEDE `ease`
    relief_verbs: frozenset[str] = frozenset()


def _read(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        log.warning("PLOVER lexicon %s: not YAML (%s); skipped", where, err)
        return {}
    return data if isinstance(data, dict) else {}


def _entries(raw: Any) -> dict[str, str | None]:
    """A `{word: mode}` mapping or a plain list of words."""
    if isinstance(raw, dict):
        return {str(k).lower(): (str(v) if v else None) for k, v in raw.items()}
    if isinstance(raw, list):
        return {str(k).lower(): None for k in raw}
    return {}


def _add_type(lex: PloverLexicon, kind: str, spec: dict[str, Any]) -> None:
    if "quad" in spec:
        lex.quad[kind] = int(spec["quad"])
    for word, mode in _entries(spec.get("verbs")).items():
        lex.verbs[word] = Trigger(kind, mode)
    for word, mode in _entries(spec.get("nouns")).items():
        lex.nouns[word] = Trigger(kind, mode)
    for phrase, mode in _entries(spec.get("phrases")).items():
        words = phrase.split()
        if len(words) >= 2:
            lex.phrases[(words[0], words[-1])] = Trigger(kind, mode)


def merge(parts: list[dict[str, Any]]) -> PloverLexicon:
    """One lexicon from parsed files, later files over earlier ones."""
    lex = PloverLexicon()
    light: set[str] = set()
    words: dict[str, set[str]] = {"verbs": set(), "objects": set(), "questions": set(), "relief": set()}
    for data in parts:
        light.update(str(w).lower() for w in data.get("light_verbs") or [])
        no_comment = data.get("no_comment") or {}
        if isinstance(no_comment, dict):
            words["verbs"].update(str(w).lower() for w in no_comment.get("verbs") or [])
            words["objects"].update(str(w).lower() for w in no_comment.get("objects") or [])
        words["questions"].update(str(w).lower() for w in data.get("question_verbs") or [])
        words["relief"].update(str(w).lower() for w in data.get("relief_verbs") or [])
        for verb, objects in (data.get("state_objects") or {}).items():
            extra = {str(o).lower() for o in objects or []}
            lex.state_objects[str(verb).lower()] = lex.state_objects.get(str(verb).lower(), frozenset()) | extra
        lex.context.update({str(k).lower(): str(v) for k, v in (data.get("context") or {}).items()})
        for kind in TYPES:
            spec = data.get(kind)
            if isinstance(spec, dict):
                _add_type(lex, kind, spec)
    lex.light_verbs = frozenset(light)
    lex.no_comment_verbs, lex.no_comment_objects = frozenset(words["verbs"]), frozenset(words["objects"])
    lex.question_verbs = frozenset(words["questions"])
    lex.relief_verbs = frozenset(words["relief"])
    return lex


@lru_cache(maxsize=4)
def _load(extra: str) -> PloverLexicon:
    shipped = resources.files("storyline") / "data" / "plover.yaml"
    parts = [_read(shipped.read_text(encoding="utf-8"), "plover.yaml")]
    for name in filter(None, extra.split(os.pathsep)):
        try:
            parts.append(_read(Path(name).read_text(encoding="utf-8"), name))
        except OSError as err:
            log.warning("PLOVER lexicon %s: %s; skipped", name, err)
    return merge(parts)


def load_lexicon() -> PloverLexicon:
    """The shipped lexicon plus the files named in STORYLINE_PLOVER."""
    return _load(os.environ.get(ENV, ""))
