"""Deciding whether a new name is a known entity: blocking keys, scores, and their evidence.

No all-pairs comparison: a name is compared only with the names that share one of its blocking
keys (its transliteration key, its consonant skeleton), and scored with rapidfuzz there.

Rules, from strongest to weakest (each gives a score in 0..1 and a method name):
- `transliteration` (0.95): the two names are spelling variants under `names.translit_key`
  (Muttaqi/Mottaki, Khalil-ur-Rehman/Khalil ur-Rahman, Rahm Dil/Rahmdel);
- `fuzzy` (ratio / 100, at most 0.94): same consonant skeleton, rapidfuzz ratio of the transliteration keys
  at least `FUZZY_MIN` on names of `FUZZY_MIN_CHARS` or more, for people as many words, each
  with the same skeleton. A synonym swapped in by a spinner
  ("Ned Value" for "Ned Price") never passes: the skeletons differ;
- `role_time` (see `role_link`): a person given a title whose holder on the article's date the
  knowledge base knows, sharing a name word with that holder.
Types must be compatible (a person is never merged with an organisation by these rules), and a
merge needs `MERGE_AT`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from storyline.resolve.kb import KbActor, KnowledgeBase
from storyline.resolve.names import CACHED_NAMES, name_key, skeleton, tokens, translit_key

MERGE_AT = 0.85
ROLE_LINK_AT = 0.7
FUZZY_MIN = 85.0
FUZZY_MIN_CHARS = 8
_CLASSES = {"PERSON": "person", "ORG": "group", "NORP": "group", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass(frozen=True)
class Match:
    """A decision to put a name into an entity: with what score, by which rule, and why."""

    key: str
    target: str  # the key (or KB actor key) it joins
    score: float
    method: str
    reason: str


def compatible(type_a: str, type_b: str) -> bool:
    return _CLASSES.get(type_a, type_a) == _CLASSES.get(type_b, type_b)


@lru_cache(maxsize=CACHED_NAMES)
def blocking_keys(key: str) -> tuple[str, ...]:
    """The blocks a name key is filed under: its transliteration key and its skeleton."""
    t = translit_key(key)[:200]
    sk = skeleton(key)
    return (f"t:{t}", f"s:{sk[:200]}") if len(sk) >= 4 else (f"t:{t}",)


def score(key: str, other: str, kind: str) -> Match | None:
    """How strongly two name keys of the same block are one name (None: not at all)."""
    if key == other:
        return Match(key, other, 1.0, "exact", "same normalised name")
    ta, tb = translit_key(key), translit_key(other)
    if ta == tb:
        return Match(key, other, 0.95, "transliteration", f"same transliteration key {ta!r}")
    if skeleton(key) != skeleton(other) or min(len(ta), len(tb)) < FUZZY_MIN_CHARS:
        return None
    ratio = fuzz.ratio(ta, tb)
    if ratio < FUZZY_MIN:
        return None
    if kind == "PERSON":
        wa, wb = tokens(key), tokens(other)
        if len(wa) != len(wb) or any(skeleton(x) != skeleton(y) for x, y in zip(wa, wb, strict=True)):
            return None
    value = round(min(ratio / 100, 0.94), 3)
    return Match(key, other, value, "fuzzy", f"skeleton {skeleton(key)!r}, ratio {ratio:.0f}")


def best_match(key: str, kind: str, candidates: dict[str, str]) -> Match | None:
    """The best-scoring candidate (key → type) of compatible type, if it reaches MERGE_AT."""
    best: Match | None = None
    for other, other_type in candidates.items():
        if other == key or not compatible(kind, other_type):
            continue
        found = score(key, other, kind)
        if found and found.score >= MERGE_AT and (best is None or found.score > best.score):
            best = found
    return best


def org_similarity(kb: KnowledgeBase, written: str | None, kb_org: str | None) -> float:
    """1.0 when an organisation as written is the KB organisation; 0.6 when it is one of that
    organisation's names with one word swapped ("State Division" for "State Department", the
    mark of a spun copy) and a distinctive word kept; else 0."""
    if not written or not kb_org:
        return 0.5 if not written else 0.0
    key = name_key(written)
    if kb.same_org(kb_org, key):
        return 1.0
    actor = kb.lookup(name_key(kb_org))
    names = [name_key(n) for n in actor.names()] if actor else [name_key(kb_org)]
    return 0.6 if any(_one_word_swapped(strip_country(kb, key), strip_country(kb, n)) for n in names) else 0.0


def strip_country(kb: KnowledgeBase, key: str) -> str:
    """`us state division` → `state division`: a leading country name says whose, not which."""
    words = tokens(key)
    while len(words) > 1:
        actor = kb.by_key.get(words[0])
        if actor is None or actor.type != "GPE":
            break
        words = words[1:]
    return " ".join(words)


def _one_word_swapped(a: str, b: str) -> bool:
    wa, wb = tokens(a), tokens(b)
    if len(wa) != len(wb) or len(wa) < 2:
        return False
    differ = [i for i in range(len(wa)) if wa[i] != wb[i]]
    return len(differ) == 1


def same_actor(kb: KnowledgeBase | None, a: str, b: str, kind: str) -> Match | None:
    """Whether two names, without context, are one actor: by the knowledge base when it knows
    both (same actor or not), else by the string rules above. Used to measure the rules on a
    labelled set of name pairs (bench/name_pairs.py)."""
    ka, kb_key = name_key(a), name_key(b)
    if kb is not None:
        found_a, found_b = kb.lookup(ka), kb.lookup(kb_key)
        if found_a is not None and found_b is not None:
            same = found_a is found_b
            return Match(ka, kb_key, 1.0, "kb_alias", found_a.name) if same else None
    found = score(ka, kb_key, kind)
    return found if found and found.score >= MERGE_AT else None


@dataclass(frozen=True)
class RoleLink:
    actor: KbActor
    score: float
    reason: str
    org_alias: str | None  # the organisation as written, when it was a swapped-word variant


def role_link(kb: KnowledgeBase, key: str, title: str, org: str | None, on: date | None) -> RoleLink | None:
    """The KB person a titled mention names on a date, when title, date, organisation and a
    shared name word agree strongly enough (one holder only; see module doc)."""
    if on is None:
        return None
    candidates = []
    for actor, role in kb.holders(title, None, on):
        org_score = org_similarity(kb, org, role.org)
        shared = {translit_key(w) for w in tokens(key)} & {translit_key(w) for w in tokens(actor.key)}
        if not shared or org_score == 0:
            continue
        value = 0.4 + 0.3 * org_score + 0.3 * len(shared) / max(1, len(tokens(key)))
        candidates.append((round(value, 3), actor, role, org_score))
    if len(candidates) != 1 or candidates[0][0] < ROLE_LINK_AT:
        return None
    value, actor, role, org_score = candidates[0]
    reason = (f"{title!r} of {org!r} on {on.isoformat()}: held by {actor.name} "
              f"({role.title}, {role.org}); shares a name word")
    return RoleLink(actor, value, reason, org if org_score < 1.0 and org else None)


def role_holder(kb: KnowledgeBase, title: str, org: str | None, on: date | None) -> KbActor | None:
    """The one person the KB says held `title` at `org` (as written, matched exactly) on a day."""
    if on is None or not org:
        return None
    found = {id(a): a for a, role in kb.holders(title, None, on) if org_similarity(kb, org, role.org) == 1.0}
    return next(iter(found.values())) if len(found) == 1 else None
