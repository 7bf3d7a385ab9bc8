"""Can the shipped sentence encoder (all-MiniLM-L6-v2) tell a spinner's swapped word from a
writer's? Measured on the `alone` set of bench/quality.py (spun rewrites without their
originals beside untouched real articles, dev split by default), before anything is built.

    nice -n 10 .venv/bin/python bench/spun_encoder.py --shared ../shared [--split dev]
        [--agreement 100 150] [--fill 10 10]   (0 0 skips a measure)

A spinner swaps a word for a listed synonym without reading the context, so the swapped word
should fit its context worse than a common synonym would. Candidates for "a common synonym" are
a word's nearest neighbours among whole-word entries of the encoder's input wordpiece embedding
matrix (static word vectors; no synonym table is read). Which words were swapped is known by
aligning each spin with its original (word-level labels, for measuring only). Measures:

- `agreement`: per word, the cosine of its contextual vector (each layer's hidden state, one
  pass per sentence) with its own static vector, and the best neighbour's cosine minus it;
  ROC AUC of swapped words against the words of real articles (0.5 = no signal);
- `fill`: per word, a window of 8 words either side embedded with the word, with [MASK] in its
  place, and with each neighbour: does the word keep the window closer to its context-only
  embedding than its neighbours do? AUC as above (several seconds per article: a sample);
- `neighbours` (per article, every case): the share of lower-case words with a neighbour at
  least 1 zipf commoner in wordfreq; articles where a rarer neighbour outnumbers a commoner one
  that is also present (a spinner swaps 80% of a word's uses); capitalised names that become
  another name of the same article by one neighbour swap ("Washington Occasions" / "Washington
  Times"). For each: AUC or counts in spins and real articles, and the recall left at no false
  alarm.
Writes bench/results/spun_encoder_SPLIT.json.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import torch
from sklearn.metrics import roc_auc_score
from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import quality  # noqa: E402

from storyline.extract.time.similar import _model  # noqa: E402

WORD = re.compile(r"[A-Za-z]+")
NAME = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)+\b")
WINDOW = 8


class Neighbours:
    """Nearest whole-word neighbours in the encoder's input embedding matrix."""

    def __init__(self, k: int = 10, min_cos: float = 0.0, content_only: bool = False) -> None:
        self.tokenizer, self.model = _model()
        self.matrix = torch.nn.functional.normalize(self.model.embeddings.word_embeddings.weight.detach(), dim=1)
        self.vocab = self.tokenizer.get_vocab()
        self.words = [w for w in self.vocab if w.isalpha() and w.isascii() and len(w) >= 3]
        self.rows = self.matrix[torch.tensor([self.vocab[w] for w in self.words])]
        self.k, self.min_cos, self.content_only = k, min_cos, content_only
        self._cache: dict[str, list[str]] = {}

    def of(self, word: str) -> list[str]:
        if word not in self._cache:
            self._cache[word] = self._find(word)
        return self._cache[word]

    def _find(self, word: str) -> list[str]:
        if word not in self.vocab:
            return []
        values, index = (self.rows @ self.matrix[self.vocab[word]]).topk(self.k + 6)
        found = [self.words[j] for v, j in zip(values.tolist(), index.tolist(), strict=True)
                 if v >= self.min_cos and self.words[j] != word and self.words[j][:4] != word[:4]
                 and not (self.content_only and self.words[j] in STOP_WORDS)]
        return found[: self.k]


def alone_cases(shared: Path, split: str) -> tuple[list[tuple[str, str, bool]], dict[str, str]]:
    """The `alone` set of bench/quality.py for this split, and every article's text by id."""
    everything = quality.load_all(shared)
    mine = [r for r in everything if quality.split_of(r["id"]) == split]
    cases = quality.build(quality.usable(mine), 120, 20, quality.HALVES[split])
    alone = quality.build_alone(mine, quality.used_by(cases), 100, 600, quality.HALVES[split])
    return [(c.id, c.text, c.expected == "spun") for c in alone], {r["id"]: r["text"] for r in everything}


def swapped_starts(text: str, original: str) -> set[int]:
    """Character offsets of the spin's words that differ from the original (for labels only)."""
    spun = list(WORD.finditer(text))
    sm = difflib.SequenceMatcher(a=WORD.findall(original), b=[m.group() for m in spun], autojunk=False)
    return {spun[j].start() for tag, _, _, j1, j2 in sm.get_opcodes() if tag != "equal" for j in range(j1, j2)}


def auc(labels: list[bool], scores: list[float]) -> float:
    return round(float(roc_auc_score(labels, scores)), 3)


def agreement(cases: list[tuple[str, str, bool]], texts: dict[str, str], nb: Neighbours) -> dict[str, Any]:
    tok, model, matrix = nb.tokenizer, nb.model, nb.matrix
    labels: list[bool] = []
    own: list[list[float]] = []
    margin: list[list[float]] = []
    start = time.perf_counter()
    for cid, text, spun in cases:
        swapped = swapped_starts(text, texts[cid.split("~")[0]]) if spun else set()
        sentences = [(m.start(), m.group()) for m in re.finditer(r"[^\n.!?]+[.!?]?", text) if m.group().strip()]
        enc = tok([s for _, s in sentences], return_offsets_mapping=True, truncation=True, max_length=128,
                  padding=True, return_tensors="pt")
        with torch.inference_mode():
            layers = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                           output_hidden_states=True).hidden_states
        for si, (base, _) in enumerate(sentences):
            ids = enc["input_ids"][si].tolist()
            for ti, (s, e) in enumerate(enc["offset_mapping"][si].tolist()):
                piece = tok.convert_ids_to_tokens(ids[ti])
                nxt = tok.convert_ids_to_tokens(ids[ti + 1]) if ti + 1 < len(ids) else ""
                if e <= s or not (piece.isalpha() and len(piece) >= 3) or nxt.startswith("##"):
                    continue
                if spun and base + s not in swapped:
                    continue  # spins' unswapped words are neither class
                near = nb.of(piece)
                if not near:
                    continue
                near_rows = matrix[[nb.vocab[n] for n in near]]
                vectors = [torch.nn.functional.normalize(layer[si, ti], dim=0) for layer in layers]
                mine = [float(v @ matrix[ids[ti]]) for v in vectors]
                own.append(mine)
                margin.append([float((near_rows @ v).max()) - m for v, m in zip(vectors, mine, strict=True)])
                labels.append(spun)
    return {"swapped_words": sum(labels), "real_words": len(labels) - sum(labels),
            "seconds_per_article": round((time.perf_counter() - start) / len(cases), 2),
            "auc_low_own_agreement_by_layer": [auc(labels, [-o[i] for o in own]) for i in range(len(own[0]))],
            "auc_neighbour_margin_by_layer": [auc(labels, [m[i] for m in margin]) for i in range(len(margin[0]))]}


def embed(nb: Neighbours, texts: list[str]) -> torch.Tensor:
    out = []
    for i in range(0, len(texts), 128):
        batch = nb.tokenizer(texts[i : i + 128], padding=True, truncation=True, max_length=48, return_tensors="pt")
        with torch.inference_mode():
            hidden = nb.model(**batch).last_hidden_state
        mask = batch["attention_mask"].unsqueeze(-1).float()
        out.append(torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1))
    return torch.cat(out)


def fill(cases: list[tuple[str, str, bool]], texts: dict[str, str], nb: Neighbours) -> dict[str, Any]:
    labels: list[bool] = []
    own: list[float] = []
    best: list[float] = []
    start = time.perf_counter()
    for cid, text, spun in cases:
        swapped = swapped_starts(text, texts[cid.split("~")[0]]) if spun else set()
        matches = list(WORD.finditer(text))
        words = [m.group() for m in matches]
        windows: list[str] = []
        spans: list[tuple[bool, int, int]] = []
        for i, m in enumerate(matches):
            near = nb.of(m.group().lower()) if len(m.group()) >= 3 and m.group().lower() not in STOP_WORDS else []
            if not near or (spun and m.start() not in swapped):
                continue
            left, right = " ".join(words[max(0, i - WINDOW) : i]), " ".join(words[i + 1 : i + 1 + WINDOW])
            fillers = [m.group(), "[MASK]", *near]
            spans.append((spun, len(windows), len(fillers)))
            windows += [f"{left} {f} {right}" for f in fillers]
        vectors = embed(nb, windows)
        for label, s, n in spans:
            context = vectors[s + 1]
            labels.append(label)
            own.append(float(vectors[s] @ context))
            best.append(float((vectors[s + 2 : s + n] @ context).max()))
    return {"swapped_words": sum(labels), "real_words": len(labels) - sum(labels),
            "seconds_per_article": round((time.perf_counter() - start) / len(cases), 2),
            "auc_low_fit": auc(labels, [-o for o in own]),
            "auc_neighbour_fits_better": auc(labels, [b - o for b, o in zip(best, own, strict=True)])}


def at_no_false_alarm(labels: list[bool], scores: list[float]) -> float:
    ceiling = max(s for s, spun in zip(scores, labels, strict=True) if not spun)
    spins = [s for s, spun in zip(scores, labels, strict=True) if spun]
    return round(sum(s > ceiling for s in spins) / len(spins), 3)


def neighbours(cases: list[tuple[str, str, bool]]) -> dict[str, Any]:
    wide, content = Neighbours(k=10), Neighbours(k=5, min_cos=0.4, content_only=True)
    labels = [spun for _, _, spun in cases]
    commoner: list[float] = []
    inverted: list[int] = []
    name_pairs: list[int] = []
    for _, text, _ in cases:
        lower = [w for w in WORD.findall(text) if len(w) >= 3 and w.islower()]
        gains = [max((zipf_frequency(n, "en") for n in wide.of(w)), default=0.0) - zipf_frequency(w, "en")
                 for w in lower if wide.of(w)]
        commoner.append(float(np.mean([g >= 1.0 for g in gains])) if gains else 0.0)
        counts = Counter(lower)
        inverted.append(sum(1 for rare, n in counts.items() if n >= 2 and rare not in STOP_WORDS
                            for common in content.of(rare)
                            if 1 <= counts.get(common, 0) <= n / 2
                            and zipf_frequency(common, "en") - zipf_frequency(rare, "en") >= 0.5))
        names = set(NAME.findall(text))
        name_pairs.append(sum(1 for name in names for i, w in enumerate(name.split())
                              for n in wide.of(w.lower())
                              if " ".join([*name.split()[:i], n.capitalize(), *name.split()[i + 1 :]]) in names))
    out: dict[str, Any] = {"share_with_commoner_neighbour": {
        "auc": auc(labels, commoner), "recall_at_no_false_alarm": at_no_false_alarm(labels, commoner)}}
    counted = (("rarer_neighbour_outnumbers_commoner", inverted), ("name_pairs_one_neighbour_apart", name_pairs))
    for key, values in counted:
        out[key] = {f"at_least_{m}": {"spun": sum(1 for v, s in zip(values, labels, strict=True) if s and v >= m),
                                      "real": sum(1 for v, s in zip(values, labels, strict=True) if not s and v >= m)}
                    for m in (1, 2, 3)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=HERE.parent.parent / "shared")
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--agreement", type=int, nargs=2, default=(100, 150), metavar=("SPUN", "REAL"))
    parser.add_argument("--fill", type=int, nargs=2, default=(10, 10), metavar=("SPUN", "REAL"))
    args = parser.parse_args()
    cases, texts = alone_cases(args.shared, args.split)
    spins, real = [c for c in cases if c[2]], [c for c in cases if not c[2]]
    result: dict[str, Any] = {"split": args.split, "spun": len(spins), "real": len(real)}
    result["neighbours"] = neighbours(cases)
    print(json.dumps(result, indent=1), flush=True)
    if min(args.agreement) > 0:
        result["agreement"] = agreement(spins[: args.agreement[0]] + real[: args.agreement[1]], texts,
                                        Neighbours(k=10))
        print(json.dumps(result["agreement"], indent=1), flush=True)
    if min(args.fill) > 0:
        result["fill"] = fill(spins[: args.fill[0]] + real[: args.fill[1]], texts,
                              Neighbours(k=5, min_cos=0.4, content_only=True))
        print(json.dumps(result["fill"], indent=1), flush=True)
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / f"spun_encoder_{args.split}.json").write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
