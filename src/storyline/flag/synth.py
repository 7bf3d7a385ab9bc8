"""Synthetic source-quality cases, to build labelled evaluation sets from any real articles.

Given an article (id, title, text) each maker returns a variant and the flag it deserves:
- `copy_of`: a syndicated copy: new headline, a paragraph dropped or a sign-off added
  (`near_duplicate`);
- `truncated`: the first 40-70% of the text (`near_duplicate`);
- `spun`: a synonym spinner's rewrite: words swapped from `data/spin_synonyms.yaml` at a
  given rate, blind to case as spinners are ("May" the month becomes "Could") (`spun`);
- `translated_style`: a rewrite with the traces machine translation leaves: capitalised
  connectives mid-sentence, cut sentences, a lower-case heading, detached full stops
  (`machine_translated`);
- `digest`: several unrelated articles glued into one page, each a headline and its
  paragraphs (`digest`, with the number of stories).

Originals are left untouched and must get no flag. `bench/quality.py` builds a set from
`../shared/corpus/news-sample.jsonl.gz` and scores each flag type on a split it was not tuned on.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

WORD = re.compile(r"\b[A-Za-z]+\b")


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    title: str | None
    expected: str | None  # the flag type it deserves, None for an untouched original
    original: str | None = None
    stories: int = 1
    published: str | None = None
    parts: tuple[str, ...] = ()  # a digest's source articles

    @property
    def acceptable(self) -> set[str]:
        """Flag types that are right for this case: a rewrite of an article in the same
        corpus is also, correctly, its near-duplicate."""
        if self.expected in {"spun", "machine_translated"}:
            return {self.expected, "near_duplicate"}
        return {self.expected} if self.expected else set()


@lru_cache(maxsize=3)
def synonyms(half: str | None = None) -> dict[str, str]:
    """The spinner's table; `half` "a" or "b" keeps one half of it (by a stable hash of the word),
    so a set spun with one half can be scored with swaps a detector tuned on the other never saw."""
    raw = resources.files("storyline.data").joinpath("spin_synonyms.yaml").read_text(encoding="utf-8")
    pairs = {str(k): str(v) for k, v in (yaml.safe_load(raw) or {}).items() if str(k) != str(v)}
    if half is None:
        return pairs
    return {k: v for k, v in pairs.items() if "ab"[zlib.crc32(k.encode()) % 2] == half}


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def copy_of(aid: str, title: str | None, text: str, rnd: random.Random) -> Case:
    paras = paragraphs(text)
    if len(paras) > 4:
        paras.pop(rnd.randrange(1, len(paras) - 1))
    paras.append("This story was first published by a partner outlet.")
    new_title = f"Update: {title}" if title else "Latest"
    return Case(f"{aid}~copy", "\n\n".join([new_title, *paras]), new_title, "near_duplicate", aid)


def truncated(aid: str, title: str | None, text: str, rnd: random.Random) -> Case:
    paras = paragraphs(text)
    keep = max(2, int(len(paras) * rnd.uniform(0.4, 0.7)))
    return Case(f"{aid}~cut", "\n\n".join(paras[:keep]), title, "near_duplicate", aid)


def spun(aid: str, title: str | None, text: str, rnd: random.Random, rate: float = 0.8,
         half: str | None = None) -> Case:
    table = synonyms(half)

    def swap(match: re.Match[str]) -> str:
        word = match.group()
        lower = word.lower()
        if lower not in table or rnd.random() >= rate or (word.isupper() and len(word) > 1):
            return word
        new = table[lower]
        return new[:1].upper() + new[1:] if word[:1].isupper() else new

    return Case(f"{aid}~spun", WORD.sub(swap, text), title, "spun", aid)


CONNECTIVE = re.compile(r", (and|but|so) ")


def translated_style(aid: str, title: str | None, text: str, rnd: random.Random) -> Case:
    paras = paragraphs(text)
    out = []
    for para in paras:
        para = CONNECTIVE.sub(lambda m: f" {m.group(1).capitalize()} ", para, count=1)
        sentences = re.split(r"(?<=[.!?]) ", para)
        if len(sentences) > 2 and rnd.random() < 0.5:
            cut = sentences[1].split(" ")
            half = max(2, len(cut) // 2)
            sentences[1] = " ".join(cut[:half]) + ". " + " ".join(cut[half:])[:1].lower() + " ".join(cut[half:])[1:]
        out.append(" ".join(sentences))
    if len(out) > 2:
        heading = " ".join(paragraphs(text)[1].split()[:4]).lower().rstrip(".,")
        out.insert(2, heading)
    joined = re.sub(r"(\w)\. ", r"\1 . ", "\n\n".join(out), count=2)
    return Case(f"{aid}~mt", joined, title, "machine_translated", aid)


def digest(parts: list[tuple[str, str | None, str]], blank_lines: bool = False) -> Case:
    """Stories glued as a digest page: headline, then paragraphs one per line (or, with
    `blank_lines`, separated by blank lines like everything else on the page), blank lines
    between stories."""
    joint = "\n\n" if blank_lines else "\n"
    blocks = [f"{title or 'News in brief'}\n\n" + joint.join(paragraphs(text)) for _, title, text in parts]
    first = parts[0][0]
    return Case(f"{first}~digest" + ("-blank" if blank_lines else ""), "\n\n".join(blocks), "Daily digest",
                "digest", None, stories=len(parts), parts=tuple(p[0] for p in parts))
