"""Machine-translated or garbled text: a per-document score with its reasons (an extractor).

Machine translation and careless re-typing leave traces a fluent editor does not: signals are
counted on the spaCy parse of the article, each with the spans that show it:

- `capitalised connective`: "And", "But", "Or", "So" ... capitalised in the middle of a
  sentence, between a word and a lower-case word ("took over the country And the radical");
- `lower-case sentence`: a sentence that starts in lower case after a full stop
  ("person was involved.");
- `lower-case paragraph`: a paragraph that starts with a lower-case word, a heading or
  a sentence cut from its beginning ("pressure on women's rights"); not when several paragraphs
  open with the same two words: that is a layout's label (a transcript's "michael barbaro");
- `fragment`: a sentence of under five words with no verb that ends in a full stop
  ("On the basis."); weak alone, since speech and opinion use them ("Yes.");
- `detached punctuation`: a space between a word and a full stop or comma ("Lindgren . ."),
  but not a spaced ellipsis ("pointing out . . . it was"), after which lower case is normal too;
- `broken agreement`: a singular noun subject with a plural present verb or the reverse
  ("officials says"); partitives ("64 percent of drivers say"), collective nouns and
  coordinated subjects excepted; weak, since the parser errs here too.

The score is 1 − exp(−10 × Σ weight / sentences): one strong sign in ten sentences scores about
0.6. The flag is raised at `THRESHOLD` and only when at least two *kinds* of sign occur, one
of them strong (a capitalised connective or a lower-case sentence or paragraph): translation
errors are varied, while one kind alone is more often a style (a transcript's fragments), a
scraping artefact (a space left where a link was) or a parser error. Weights and threshold were
set by reasoning about how rare each sign is in edited news, then checked on news where the flag
must stay quiet.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from storyline.model import Evidence, Flag, ProcessedArticle

CONNECTIVES = frozenset({"And", "But", "Or", "So", "Because", "Although", "However", "Therefore", "Then", "Yet"})
COLLECTIVE = frozenset({"police", "staff", "people", "government", "team", "family", "group", "majority",
                        "public", "media", "data", "crew", "audience", "administration", "committee"})
WEIGHTS = {"capitalised connective": 1.0, "lower-case sentence": 0.8, "lower-case paragraph": 0.8,
           "fragment": 0.35, "detached punctuation": 0.4, "broken agreement": 0.3}
STRONG = frozenset({"capitalised connective", "lower-case sentence", "lower-case paragraph"})
QUANTITY = frozenset({"percent", "%", "lot", "lots", "handful", "rest", "number", "half", "third", "quarter",
                      "majority", "minority", "share", "bunch", "couple", "plenty", "most", "some", "all"})
MIN_KINDS = 2
THRESHOLD = 0.5
MAX_EVIDENCE = 6
DETACHED = re.compile(r"(?<=\w) [.,](?=\s|$)")
SPACED_ELLIPSIS = re.compile(r" ?\.(?: \.){2,}")  # ". . ." is a house style of the ellipsis, not a stray stop
LABEL_WORDS = 2
LOWER_PARAGRAPH = re.compile(r"(?:^|\n)[ \t]*([a-z][a-z]+\b[^\n]*)")


@dataclass(frozen=True)
class Sign:
    reason: str
    start: int
    end: int


def _connectives(sent: Any) -> Iterator[Sign]:
    for tok in list(sent)[1:]:
        prev = tok.nbor(-1)
        after = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if tok.text in CONNECTIVES and prev.is_alpha and after is not None and after.text.islower():
            yield Sign("capitalised connective", tok.idx, tok.idx + len(tok.text))


def _fragment(sent: Any, text: str) -> Iterator[Sign]:
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if not words or not sent.text.strip().endswith("."):
        return
    first = words[0].text
    before = sent.doc[sent.start - 1].text if sent.start > 0 else ""
    after_stop = before in {".", "!", "?"} and not text[max(0, sent.start_char - 8):sent.start_char].rstrip().endswith(
        ("..", "…", ". ."))
    if first[:1].islower() and first.isalpha() and after_stop:
        yield Sign("lower-case sentence", sent.start_char, sent.end_char)
    elif len(words) < 5 and any(t.is_alpha for t in words) and not any(t.pos_ in {"VERB", "AUX"} for t in words):
        yield Sign("fragment", sent.start_char, sent.end_char)


def _agreement(sent: Any) -> Iterator[Sign]:
    for tok in sent:
        if tok.dep_ != "nsubj" or tok.head.tag_ not in {"VBZ", "VBP"} or tok.lower_ in COLLECTIVE | QUANTITY:
            continue
        if any(c.dep_ in {"prep", "conj", "cc", "nummod"} for c in tok.children):
            continue
        if tok.tag_ == "NNS" and tok.head.tag_ == "VBZ" or tok.tag_ == "NN" and tok.head.tag_ == "VBP":
            yield Sign("broken agreement", tok.idx, tok.head.idx + len(tok.head.text))


def signs(doc: Any, text: str) -> list[Sign]:
    found: list[Sign] = []
    for sent in doc.sents:
        found += [*_connectives(sent), *_fragment(sent, text), *_agreement(sent)]
    ellipses = [m.span() for m in SPACED_ELLIPSIS.finditer(text)]
    found += [Sign("detached punctuation", m.start(), m.end()) for m in DETACHED.finditer(text)
              if not any(a <= m.start() < b for a, b in ellipses)]
    found += [Sign("lower-case paragraph", m.start(1), m.end(1)) for m in _lower_paragraphs(text)]
    return _one_per_place(sorted(found, key=lambda s: s.start))


def _lower_paragraphs(text: str) -> list[re.Match[str]]:
    """Paragraphs that start in lower case, less the labels of a layout: a transcript's speaker
    names ("michael barbaro", "archived recording") open many paragraphs the same way."""
    found = list(LOWER_PARAGRAPH.finditer(text))
    openings = Counter(" ".join(m.group(1).split()[:LABEL_WORDS]) for m in found)
    return [m for m in found if openings[" ".join(m.group(1).split()[:LABEL_WORDS])] == 1]


def _one_per_place(found: list[Sign]) -> list[Sign]:
    """A lower-case paragraph is also a lower-case sentence: count the place once."""
    out: list[Sign] = []
    for sign in found:
        if out and out[-1].start == sign.start and {out[-1].reason, sign.reason} <= STRONG:
            continue
        out.append(sign)
    return out


def score(found: list[Sign], sentences: int) -> float:
    weighted = sum(WEIGHTS[s.reason] for s in found)
    return round(1 - math.exp(-weighted / max(sentences, 1) * 10), 3)


class MachineTranslationCheck:
    """Flags articles whose text reads as machine-translated or garbled, with the reasons."""

    name = "machine_translated"
    version = "1"
    requires: tuple[str, ...] = ("parser", "sentences")
    produces: tuple[str, ...] = ("article.flags",)

    def __call__(self, result: ProcessedArticle, doc: Any) -> None:
        article = result.article
        found = signs(doc, article.text)
        value = score(found, len(result.sentences))
        kinds = {s.reason for s in found}
        if value < THRESHOLD or len(kinds) < MIN_KINDS or not kinds & STRONG:
            return
        counts: dict[str, int] = {}
        for sign in found:
            counts[sign.reason] = counts.get(sign.reason, 0) + 1
        reasons = ", ".join(f"{n} {reason}{'s' if n > 1 else ''}" for reason, n in sorted(counts.items()))
        article.flags.append(Flag(
            type="machine_translated",
            score=value,
            detail=f"reads as machine-translated or garbled: {reasons} in {len(result.sentences)} sentences",
            evidence=[Evidence.of(article.id, article.text, s.start, s.end) for s in found[:MAX_EVIDENCE]],
        ))
