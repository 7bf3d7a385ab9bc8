"""Gender evidence for pronoun speakers: whom "she said" can point at.

A pronoun speaker is resolved by recency (`speakers.resolve_pronoun`); this module tells when
the recent candidate cannot be meant ("Lena Park spoke first. Then Tom Reed arrived. “...,” she
said": not Tom Reed). A person's gender is read from

1. an honorific in the name or just before it ("Mr. Reed", "Ms. Lena Park", "Sir Tom Reed");
2. the name's own first name ("Ruth Hale", even where "Mr. Hale" is named too);
3. an honorific written before the family name anywhere in the article (both kinds: no
   evidence), for a full name only when the text writes no other first name before that family
   name ("Nina Dale" is not the "Mr. Dale" of a text that names "Mark Dale");
4. for a family name alone, the first names the text writes before it, when they are all known
   and of one gender ("Mark Dale" and "Ruth Dale": none; `Genders.name_gender`).

First names are read from the first-name tables of the 1990 US Census (public domain, shipped by
the `names` package as `dist.male.first` and `dist.female.first`): a name is male or female only
when the other table has it at most a tenth as often and the surname table has it less often
("Kim", "Taylor", "Jean" and "Chris" tell nothing).

A he or she resolved to a person earlier in the article is not evidence: a wrong earlier
resolution then misled later ones (on PolNeAR train, a woman taken for a man after one wrong
"he", and the next "she" given to another woman; 16 speaker changes on dev instead of 9).

Without evidence a person has no gender here, and the recency rule stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from storyline.model import Mention

MALE, FEMALE = "male", "female"
PRONOUN_GENDER = {"he": MALE, "him": MALE, "his": MALE, "himself": MALE,
                  "she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE}
HONORIFICS = {
    "mr": MALE, "mister": MALE, "sir": MALE, "lord": MALE, "messrs": MALE,
    "mrs": FEMALE, "ms": FEMALE, "miss": FEMALE, "madam": FEMALE, "madame": FEMALE, "lady": FEMALE,
    "dame": FEMALE,
}
_HONORIFIC = re.compile(r"\b((?i:" + "|".join(HONORIFICS) + r"))\.?\s+((?:[A-Z][\w'’-]*\s+){0,2}[A-Z][\w'’-]*)")
RATIO = 10.0  # the other sex's frequency at most a tenth of this one's


def _table(name: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in (files("names") / name).read_text().splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


@cache
def _census() -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    return _table("dist.male.first"), _table("dist.female.first"), _table("dist.all.last")


def first_name_gender(word: str) -> str | None:
    """MALE or FEMALE when the census tables say so clearly (see module doc), else None."""
    male, female, last = _census()
    key = word.lower().strip(".")
    m, f = male.get(key, 0.0), female.get(key, 0.0)
    if m > 0 and m >= RATIO * f and last.get(key, 0.0) < m:
        return MALE
    if f > 0 and f >= RATIO * m and last.get(key, 0.0) < f:
        return FEMALE
    return None


def _surname(text: str) -> str:
    words = text.split()
    return words[-1].removesuffix("'s").removesuffix("’s").strip(".,") if words else ""


def _given(name: str) -> list[str]:
    """A name's words without the titles before it ("Mr.", "Gov.", "Sir")."""
    words = name.split()
    while len(words) > 1 and (words[0].endswith(".") or words[0].lower() in HONORIFICS):
        words = words[1:]
    return words


class Genders:
    """What one article says about its people's gender (see module doc)."""

    def __init__(self, text: str, mentions: Sequence[Mention]) -> None:
        self.text = text
        self.people = [m for m in mentions if m.type == "PERSON"]
        titled: dict[str, set[str]] = {}
        for match in _HONORIFIC.finditer(text):
            if match.group(1)[0].isupper():  # "miss the bus" is no honorific
                titled.setdefault(_surname(match.group(2)), set()).add(HONORIFICS[match.group(1).lower()])
        self.titled = {k: next(iter(v)) for k, v in titled.items() if len(v) == 1}
        self._firsts_of: dict[str, set[str]] = {}  # family name -> `_firsts`, each read from the text once

    def name_gender(self, name: str) -> str | None:
        """The gender of the name's first name; for a family name alone, that of the first names
        the text writes before it when they all agree ("Mark Dale" and "Ruth Dale", "Paul
        Ross" and "Ann Ross": none); a first name alone ("Ruth" after "Ruth
        Ober") is read as one."""
        words = _given(name)
        if len(words) > 1:
            return first_name_gender(words[0])
        last = _surname(name)
        genders = {first_name_gender(first) for first in self._firsts(last)}
        if len(genders) == 1 and None not in genders:
            return genders.pop()  # every first name written before it, of one gender
        if not genders and any(_given(m.text)[0] == last for m in self.people if len(_given(m.text)) > 1):
            return first_name_gender(last)
        return None

    def of(self, name: str, start: int | None = None) -> str | None:
        """MALE, FEMALE or None (no evidence, or a person of that name with both) for a name
        (written at offset `start`, if given)."""
        last = _surname(name)
        if not last:
            return None
        before = self.text[max(0, start - 8):start].split()[-1:] if start is not None else []
        for own in ([name.split()[0]] if len(name.split()) > 1 else []) + before:
            if own.lower().strip(".") in HONORIFICS:
                return HONORIFICS[own.lower().strip(".")]  # "Mr. Dale" where "Mrs. Dale" is named too
        words = _given(name)
        if len(words) > 1 and (g := first_name_gender(words[0])) is not None:
            return g  # "Ruth Hale" where "Mr. Hale" is her husband
        if len(words) > 1 and self._firsts(last) != {words[0]}:
            return None  # "Nina Dale" is not the "Mr. Dale" of a text with "Mark Dale"
        if last in self.titled:
            return self.titled[last]
        return None if len(words) > 1 else self.name_gender(name)

    def _firsts(self, last: str) -> set[str]:
        """The first names the text writes before a family name: the first words of the person
        mentions ending in it, and census first names right before it ("Paul Ross" where the
        recogniser missed it; not "When Ross")."""
        if last not in self._firsts_of:
            male, female, _ = _census()
            found = {w[0] for m in self.people if _surname(m.text) == last and len(w := _given(m.text)) > 1}
            self._firsts_of[last] = found | {
                w for w in re.findall(r"\b([A-Z][a-z]+) " + re.escape(last) + r"\b", self.text)
                if w.lower() in male or w.lower() in female}
        return self._firsts_of[last]
