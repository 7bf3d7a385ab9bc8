"""Name normalisation shared by the resolvers: the key two surface forms must share to be one."""

from __future__ import annotations

import re
import unicodedata

_DASHES = re.compile(r"[\u2010-\u2015\u2212\-_/]+")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_POSSESSIVE = re.compile(r"'s?$")
_NON_WORD = re.compile(r"[^\w' ]+")
_SPACES = re.compile(r"\s+")
_LEADING_ARTICLE = re.compile(r"^the ")


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


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
