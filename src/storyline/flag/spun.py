"""Spun rewrites recognised without their original (an extractor; the corpus step
`near_duplicates` recognises them by alignment when the original is stored too).

A synonym spinner swaps words without reading them, and leaves traces no editor would:

- `speech verbs`: "said" and "told", the commonest verbs of news, swapped for "mentioned",
  "informed", "acknowledged" ...: flagged when the swapped forms outnumber "said"/"told" and
  occur at least `MIN_SWAPPED_SPEECH` times;
- `month as modal`: "May" taken for the verb: "In Could, the State Department ...";
- `number as noun`: "year" swapped for "12 months" gives "a 12 months", "the previous 12 months"
  where a year is meant; "a"/"an" before a number above one and a plural time unit is the trace;
- `article before the wrong sound`: the spinner swaps the noun and keeps its article: "signed an
  settlement", "a overseas minister" ("an hour", "a university", "an historic" excepted; a
  capital "A" may be a letter or a grade, so only the lower-case article counts).

The score is the share of these signs among the article's sentences, squashed to 0..1; the flag
(type `spun`) needs `MIN_KINDS` different kinds, so one odd habit of a writer does not raise it,
or `MIN_WRONG_ARTICLES` articles before the wrong sound (of news-sample's 3,000 real articles,
11 have one, none has two: writers' slips are rare and single).

Word statistics were tried too (a bigram table from half of news-sample: adjacent pairs of
common words unseen in the table, common words stranded between two unseen pairs, broken
dominant collocations with a distributionally similar filler such as "Attorney Basic" where
"Attorney General" is expected): on 1.7 million words of reference their rates in spun and real
articles overlap too much to flag an article without false alarms (bench/README.md). So did the
shipped sentence encoder (all-MiniLM-L6-v2) as a context-fit test, with the nearest neighbours
of its input word vectors as candidate originals (bench/spun_encoder.py): neither a word's
contextual against its static vector nor filling its window with a neighbour separates swapped
words from a writer's (ROC AUC about 0.5), and neighbour tests within an article meet real
news's "North Korea"/"South Korea" more often than a spin's "White Home"/"White House".
"""

from __future__ import annotations

import math
import re
from typing import Any

from storyline.model import Evidence, Flag, ProcessedArticle

PLAIN_SPEECH = frozenset({"said", "says", "say", "told", "tells", "tell"})
SWAPPED_SPEECH = frozenset({"mentioned", "mentions", "informed", "informs", "acknowledged", "stated", "specified",
                            "discussed", "pointed out", "knowledgeable"})
MIN_SWAPPED_SPEECH = 3
MODAL_MONTH = re.compile(r"\b(?:In|in|Since|since|By|by|Until|until|Early|early|Late|late|Final|final)"
                         r" (?:Could|Might|Would|Should)\b(?=[ ,]+(?:\d{4}|the|a|an|[A-Z]))"
                         r"|\b(?:on|On|of) (?:Could|Might) \d{1,2}\b")
NUMBER_AS_NOUN = re.compile(r"\b(?:[Aa]n?|[Tt]he (?:previous|final|past)|[Ff]inal|[Pp]revious)"
                            r" (?:1[1-9]|[2-9]\d|\d{3,}) (?:months|weeks|days)\b")
AN_BEFORE_CONSONANT = re.compile(r"\b(?:an|An) (?!hour|honest|honou?r|heir|hist)([b-df-hj-np-tv-z][a-z]{2,})\b")
A_BEFORE_VOWEL = re.compile(r"\ba (?!uni|una|use|usu|usa|uti|uto|eu|one|once|ewe|ura|uro|ubi|uk)([aeiou][a-z]{2,})\b")
MIN_KINDS = 2
MIN_WRONG_ARTICLES = 2
MAX_EVIDENCE = 6


def _speech(doc: Any) -> list[tuple[str, int, int]]:
    """Swapped speech verbs, when they outnumber the plain ones."""
    plain = [t for t in doc if t.lower_ in PLAIN_SPEECH and t.pos_ in {"VERB", "AUX"}]
    swapped = [t for t in doc if t.lower_ in SWAPPED_SPEECH and t.pos_ == "VERB"
               and any(c.dep_ in {"nsubj", "ccomp", "dobj"} for c in t.children)]
    if len(swapped) < MIN_SWAPPED_SPEECH or len(swapped) <= len(plain):
        return []
    return [("speech verbs", t.idx, t.idx + len(t.text)) for t in swapped]


def signs(doc: Any, text: str) -> list[tuple[str, int, int]]:
    found = _speech(doc)
    found += [("month as modal", m.start(), m.end()) for m in MODAL_MONTH.finditer(text)]
    found += [("number as noun", m.start(), m.end()) for m in NUMBER_AS_NOUN.finditer(text)]
    found += [("article before the wrong sound", m.start(), m.end())
              for pattern in (AN_BEFORE_CONSONANT, A_BEFORE_VOWEL) for m in pattern.finditer(text)]
    return sorted(found, key=lambda s: s[1])


def raised(found: list[tuple[str, int, int]]) -> bool:
    kinds = {kind for kind, _, _ in found}
    wrong_articles = sum(1 for kind, _, _ in found if kind == "article before the wrong sound")
    return len(kinds) >= MIN_KINDS or wrong_articles >= MIN_WRONG_ARTICLES


class SpinCheck:
    """Flags articles that carry the traces of a synonym spinner, with reasons and evidence."""

    name = "spun"
    version = "1"
    requires: tuple[str, ...] = ("tagger", "parser", "sentences")
    produces: tuple[str, ...] = ("article.flags",)

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        article = result.article
        found = signs(doc, article.text)
        if not raised(found):
            return
        kinds = {kind for kind, _, _ in found}
        value = round(1 - math.exp(-10 * len(found) / max(len(result.sentences), 1)), 3)
        counts = {k: sum(1 for kind, _, _ in found if kind == k) for k in sorted(kinds)}
        article.flags.append(Flag(
            type="spun",
            score=value,
            detail="reads as a spun rewrite: " + ", ".join(f"{n} × {k}" for k, n in counts.items()),
            evidence=[Evidence.of(article.id, article.text, s, e) for _, s, e in found[:MAX_EVIDENCE]],
        ))
