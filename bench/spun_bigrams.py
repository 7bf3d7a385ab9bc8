"""Can a licence-clean bigram table tell spun rewrites from real news without their originals?
Measured on the `alone` set of bench/quality.py (100 spun rewrites whose originals are not in
the store, beside 600 untouched real articles; dev split by default), before anything is built.

    .venv/bin/pip install symspellpy   (measurement only: not a dependency of the package)
    nice -n 10 .venv/bin/python bench/spun_bigrams.py --shared ../shared [--split dev]

Reference: the two frequency lists shipped in the `symspellpy` wheel (MIT; Google Books Ngram
counts): 243,342 English bigrams (each seen at least 6.4 million times) and 82,765 unigrams.
Pairs are adjacent words with only white space between them, compared in lower case. Signals
per article:

- `unseen_share_U`: the share of adjacent pairs of common words (both with a unigram count of
  at least U) that the bigram table lacks;
- `broken_per_100`: pairs (a, b) the table lacks where swapping one word for one of its 10
  nearest whole-word neighbours in the shipped encoder's input embedding matrix (as in
  bench/spun_encoder.py) gives a bigram of the table seen at least M times ("white home" /
  "white house", "attorney basic" / "attorney general"), per 100 words;
- `broken_content_per_100`: the same restricted to pairs of two words outside spaCy's stop words;
- `broken_names_per_100`: the same restricted to pairs of two capitalised words.

For each: real median and 95th percentile, spun median and 5th percentile, ROC AUC, and the
recall left at no false alarm (a spin must score above every real article). For the broken
pairs, the share of spins' broken pairs that hold a word the spinner swapped (alignment with the
original, for measuring only). Writes bench/results/spun_bigrams_SPLIT.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np
import symspellpy
from spacy.lang.en.stop_words import STOP_WORDS

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from spun_encoder import Neighbours, alone_cases, at_no_false_alarm, auc, swapped_starts  # noqa: E402

TOKEN = re.compile(r"[A-Za-z]+|[^A-Za-z\s]")
LISTS = Path(symspellpy.__file__).parent
COMMON = (1e8, 3e8, 1e9)
STRONG = (2e7, 1e8, 5e8)


def read_counts(name: str, width: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for line in (LISTS / name).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == width + 1:
            counts[" ".join(parts[:width])] = int(parts[-1])
    return counts


def pairs(text: str) -> tuple[int, list[tuple[int, int, str, str]]]:
    """Number of words, and adjacent word pairs (start of each, as written)."""
    tokens = list(TOKEN.finditer(text))
    words = sum(1 for t in tokens if t.group()[0].isalpha())
    found = [(a.start(), b.start(), a.group(), b.group()) for a, b in zip(tokens, tokens[1:], strict=False)
             if a.group()[0].isalpha() and b.group()[0].isalpha() and "\n" not in text[a.end() : b.start()]]
    return words, found


class Broken:
    """Pairs the table lacks whose one-word neighbour variant the table holds often."""

    def __init__(self, bigrams: dict[str, int], nb: Neighbours) -> None:
        self.bigrams, self.nb = bigrams, nb

    def best_variant(self, a: str, b: str) -> int:
        left = (self.bigrams.get(f"{a} {w}", 0) for w in self.nb.of(b))
        right = (self.bigrams.get(f"{w} {b}", 0) for w in self.nb.of(a))
        return max([*left, *right], default=0)


def describe(labels: list[bool], scores: list[float]) -> dict[str, Any]:
    real = [s for s, spun in zip(scores, labels, strict=True) if not spun]
    spun = [s for s, is_spun in zip(scores, labels, strict=True) if is_spun]
    return {"real_median": round(float(np.median(real)), 4), "real_p95": round(float(np.percentile(real, 95)), 4),
            "spun_median": round(float(np.median(spun)), 4), "spun_p5": round(float(np.percentile(spun, 5)), 4),
            "auc": auc(labels, scores), "recall_at_no_false_alarm": at_no_false_alarm(labels, scores)}


def measure(cases: list[tuple[str, str, bool]], texts: dict[str, str]) -> dict[str, Any]:
    bigrams = read_counts("frequency_bigramdictionary_en_243_342.txt", 2)
    unigrams = read_counts("frequency_dictionary_en_82_765.txt", 1)
    broken = Broken(bigrams, Neighbours(k=10))
    labels = [spun for _, _, spun in cases]
    scores: dict[str, list[float]] = {}
    hits: dict[str, list[int]] = {}
    for cid, text, spun in cases:
        swapped = swapped_starts(text, texts[cid.split("~")[0]]) if spun else set()
        words, found = pairs(text)
        per_100 = 100.0 / max(words, 1)
        lower = [(sa, sb, a.lower(), b.lower(), a[0].isupper() and b[0].isupper()) for sa, sb, a, b in found]
        for u in COMMON:
            common = [f"{a} {b}" for _, _, a, b, _ in lower if unigrams.get(a, 0) >= u and unigrams.get(b, 0) >= u]
            scores.setdefault(f"unseen_share_{u:.0e}", []).append(
                sum(p not in bigrams for p in common) / len(common) if common else 0.0)
        unseen = [(sa, sb, a, b, named, a not in STOP_WORDS and b not in STOP_WORDS, broken.best_variant(a, b))
                  for sa, sb, a, b, named in lower if f"{a} {b}" not in bigrams and len(a) >= 2 and len(b) >= 2]
        for m in STRONG:
            kinds = (("broken", lambda _n, _c: True), ("broken_content", lambda _n, c: c),
                     ("broken_names", lambda n, _c: n))
            for kind, keep in kinds:
                chosen = [(sa, sb) for sa, sb, _, _, named, content, best in unseen
                          if keep(named, content) and best >= m]
                scores.setdefault(f"{kind}_per_100_{m:.0e}", []).append(len(chosen) * per_100)
                if spun:
                    tally = hits.setdefault(f"{kind}_{m:.0e}", [0, 0])
                    tally[0] += len(chosen)
                    tally[1] += sum(1 for sa, sb in chosen if sa in swapped or sb in swapped)
    out: dict[str, Any] = {key: describe(labels, values) for key, values in scores.items()}
    out["spun_broken_pairs_holding_a_swapped_word"] = {k: {"pairs": v[0], "with_swap": v[1]} for k, v in hits.items()}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    args = parser.parse_args()
    cases, texts = alone_cases(args.shared, args.split)
    result: dict[str, Any] = {"split": args.split, "spun": sum(c[2] for c in cases),
                              "real": sum(not c[2] for c in cases), **measure(cases, texts)}
    print(json.dumps(result, indent=1), flush=True)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"spun_bigrams_{args.split}.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
