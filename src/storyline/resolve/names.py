"""Name normalisation shared by the resolvers: the key two surface forms must share to be one."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DASHES = re.compile(r"[\u2010-\u2015\u2212\-_/]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_POSSESSIVE = re.compile(r"'s?$")
_NON_WORD = re.compile(r"[^\w' ]+")
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^the ")


# Names whose keys each cache keeps (`name_key`, `translit_key`, `skeleton`, and
# `matching.blocking_keys`): the four hold about 47 MB when full, against 190 MB at 262,144
# each, and a name missed costs microseconds to key again.
CACHED_NAMES = 65_536


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=CACHED_NAMES)
def name_key(text: str) -> str:
    """`The U.S.` → `us`; `al-Qaeda` → `al qaeda`; `Taliban’s` → `taliban`; `Muttaqī` → `muttaqi`."""
    s = strip_accents(text).translate(_APOSTROPHES).casefold().strip()
    s = _POSSESSIVE.sub("", s)
    s = s.replace(".", "")
    s = _DASHES.sub(" ", s)
    s = _NON_WORD.sub(" ", s)
    s = _SPACES.sub(" ", s).strip()
    return _LEADING_ARTICLE.sub("", s)


def tokens(key: str) -> list[str]:
    return key.split()


# --------------------------------------------------------------------------- transliteration

# Spelling rules that differ between romanisations of Arabic, Pashto, Persian and Russian
# names, applied in order to each word of a name key: they map Muttaqi/Mottaki/Muttaki,
# Rehman/Rahman, Rahm Dil/Rahmdel, Qaeda/Qaida, Dmitry/Dmitri, Kadyrov/Kadirov, Yevgeny/Evgeny,
# Javad/Jawad, Taiba/Tayyiba to one spelling each.
_TRANSLIT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"^ye", "e"),
        (r"ph", "f"),
        (r"q", "k"),
        (r"ck", "k"),
        (r"c(?=[aou])", "k"),
        (r"w$", "u"),
        (r"w", "v"),
        (r"(?<=[aeiou])y+(?=[aeiou])", "i"),
        (r"y(?=[^aeiou])|y$", "i"),
        (r"ou|oo|o", "u"),
        (r"ee|ie|ey|ei", "i"),
        (r"e", "a"),
        (r"i(?=\w)", "a"),
        (r"dh", "d"),
        (r"th", "t"),
        (r"zh", "j"),
        (r"(\w)\1+", r"\1"),
    )
)
_VOWELS = re.compile(r"[aeiouy]")
_LOOSE_H = re.compile(r"(?<![kscgzdt])h")  # Zabihullah/Zabiullah, Zawahiri/Zawahri; not kh, sh
_EZAFE = frozenset({"i", "e", "y"})  # Mazar-i-Sharif, Lashkar-e-Taiba: the Persian connective


def _translit_word(word: str) -> str:
    for pattern, repl in _TRANSLIT_RULES:
        word = pattern.sub(repl, word)
    return word


@lru_cache(maxsize=CACHED_NAMES)
def translit_key(key: str) -> str:
    """A name key with the spellings that vary between romanisations made one, word by word,
    then joined (so "Rahm Dil" and "Rahmdel" meet): `muttaqi`, `mottaki`, `muttaki` →
    `mutaki`; `khalil ur rehman haqqani`, `khalil ur rahman haqqani` → `khalalurahmanhakani`."""
    words = [w for w in key.split() if w not in _EZAFE] or key.split()
    return re.sub(r"(\w)\1+", r"\1", "".join(_translit_word(w) for w in words))


@lru_cache(maxsize=CACHED_NAMES)
def skeleton(key: str) -> str:
    """The consonant skeleton of a transliteration key: its first letter, then its consonants.
    A blocking key: names that are transliteration variants share it, different names rarely do
    (`sirajuddin haqqani` → `srjdnkn`, `jalaluddin haqqani` → `jlldnkn`; a loose `h` is dropped)."""
    t = translit_key(key)
    return t[:1] + _VOWELS.sub("", _LOOSE_H.sub("", t[1:])) if t else ""


def last_token(key: str) -> str:
    parts = tokens(key)
    return parts[-1] if parts else ""
