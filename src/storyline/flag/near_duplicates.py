"""Near-duplicates, syndicated copies and spun rewrites across the corpus (corpus step).

Method, incremental and in bounded memory:
1. Each new article gets a MinHash signature (datasketch, `NUM_PERM` permutations) of its word
   bigrams, stored with its LSH band keys (`BANDS` bands of `ROWS` rows) in the store.
2. Candidates are the stored articles sharing a band key: an indexed lookup, never all pairs,
   so the cost of an article does not grow with the corpus (near-linear time overall).
3. Candidates whose estimated Jaccard similarity is at least `CANDIDATE_JACCARD` (the closest
   `MAX_CANDIDATES` of them, so a story copied a thousand times costs no more) are aligned
   word by word (`compare.compare`) and classified: copy, truncated copy, spun rewrite, edited.
4. The likely original is the earliest published, then one not flagged as spun or machine
   translated, then the most complete (longest), then the smallest id. The *other* article
   gets the flag (`near_duplicate`, or `spun` for a spun rewrite) naming the original in
   `related`, the similarity as `score`, what differs as `detail`, and the first differing
   passages as `evidence`. Originals are never flagged.

Exact duplicates (same text, other id) never get here: ingest keeps them as `duplicate`
documents of the first, unprocessed.
"""

from __future__ import annotations

import hashlib
import logging
import zlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np
from datasketch import MinHash
from sqlalchemy import Connection

from storyline.flag.compare import WORD, Comparison, Words, compare
from storyline.flag.confidence import rescore
from storyline.model import Evidence, Flag
from storyline.store import Store

log = logging.getLogger(__name__)

SHINGLE = 2
BANDS, ROWS = 32, 3
NUM_PERM = BANDS * ROWS
CANDIDATE_JACCARD = 0.25
MAX_BUCKET = 50  # articles kept per LSH bucket: bounds the lookup of a story copied many times
MAX_CANDIDATES = 20  # closest stored articles aligned per new one: bounds a large cluster of copies
MAX_EVIDENCE = 5
DERIVED = frozenset({"spun", "machine_translated"})
FLAGGED_KINDS = {"copy": "near_duplicate", "truncated": "near_duplicate", "edited": "near_duplicate",
                 "spun": "spun"}


def shingle_hashes(tokens: Sequence[str]) -> list[int]:
    """crc32 of each word bigram ("w1 w2", UTF-8), chained so no bigram string is built."""
    if len(tokens) < SHINGLE:
        return [zlib.crc32(" ".join(tokens).encode())] if tokens else []
    encoded = [t.encode() for t in tokens]
    return [zlib.crc32(b" " + second, zlib.crc32(first)) for first, second in zip(encoded, encoded[1:], strict=False)]


def tokens_of(text: str) -> list[str]:
    """The same words `compare.Words` aligns, without their spans (cheaper)."""
    return WORD.findall(text.lower())


def _hashed(value: int) -> int:
    return value


# crc32 instead of datasketch's default sha1: ~20x faster, 32-bit as the affine32 scheme wants,
# stable across processes (the signatures are stored). The permutations are drawn once.
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32, scheme="affine32").permutations


def signature(tokens: Sequence[str]) -> np.ndarray:
    minhash = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=_hashed, permutations=_PERMUTATIONS, scheme="affine32")
    minhash.update_batch(shingle_hashes(tokens))
    return np.asarray(minhash.hashvalues, dtype=np.uint32)


def band_keys(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band, bucket) pairs; buckets are 63-bit hashes so they fit a signed BIGINT."""
    keys = []
    for band in range(BANDS):
        digest = hashlib.blake2b(sig[band * ROWS : (band + 1) * ROWS].tobytes(), digest_size=8).digest()
        keys.append((band, int.from_bytes(digest, "big") >> 1))
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def original_first(a: dict[str, Any], b: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(original, copy): the earliest published; then one that does not read as spun or machine
    translated (a rewrite is never the original); then the longest text; then the smaller id."""

    def rank(x: dict[str, Any]) -> tuple[str, bool, int, str]:
        derived = any(f.get("type") in DERIVED for f in x.get("flags") or [])
        return (x["published_start"] or "9999-99-99", derived, -len(x["text"]), x["id"])

    return (a, b) if rank(a) <= rank(b) else (b, a)


def quality_flag(kind: str, original: dict[str, Any], copy: dict[str, Any], result: Comparison,
                 words: tuple[Words, Words]) -> Flag:
    """The copy's flag: its evidence the copy's own differing passages (the first `MAX_EVIDENCE`),
    or, when it has none (every word matched, or a cut copy: only the original has more), the
    words it copied, first to last."""
    flag_type = FLAGGED_KINDS[kind]
    label = {"copy": "copy", "truncated": "truncated copy", "edited": "edited copy",
             "spun": "spun rewrite (synonym swaps)"}[kind]
    evidence = [
        Evidence.of(copy["id"], copy["text"], *d.copy)
        for d in result.differences if d.copy[1] > d.copy[0]
    ][:MAX_EVIDENCE]
    if not evidence and words[1].tokens:  # nothing of its own (a word-for-word or cut copy): the words it copied
        evidence = [Evidence.of(copy["id"], copy["text"], *words[1].span(0, len(words[1].tokens)))]
    return Flag(
        type=flag_type,
        score=result.similarity,
        detail=f"{label} of {original['id']}: {result.describe(*words)}",
        related=[original["id"]],
        evidence=evidence,
    )


class NearDuplicateStep:
    """Corpus step: signature, candidates, alignment and flags for newly stored articles.

    A batch costs a fixed number of queries: one bucket lookup and one signature fetch for the
    whole batch, then one bulk insert; pairs inside the batch are found in memory.
    """

    name = "near_duplicates"
    version = "1"

    def run(self, store: Store, article_ids: list[str]) -> dict[str, int]:
        counts = {"near_duplicate_pairs": 0, "spun_pairs": 0}
        with store.transaction() as conn:
            briefs = store.article_briefs(conn, article_ids)
            todo = [briefs[i] for i in article_ids if i in briefs]
            close = self.index(store, conn, todo)
            flagged_earlier: set[str] = set()
            for article in todo:
                for kind, copy_id in self._compare(store, conn, article, close[article["id"]]):
                    counts["spun_pairs" if kind == "spun" else "near_duplicate_pairs"] += 1
                    if copy_id not in briefs:
                        flagged_earlier.add(copy_id)
            # a stored article just found to be a copy: its facts now rest on a flagged source
            rescore(store, conn, sorted(flagged_earlier))
        return counts

    def index(self, store: Store, conn: Connection, todo: list[dict[str, Any]]) -> dict[str, list[str]]:
        """Sign and index a batch; per article, the stored (or earlier batch) articles close enough
        to align, closest first. This is the part of the step that scales with the corpus.

        A bucket that already holds `MAX_BUCKET` articles takes no more: a story copied a
        thousand times is still found through the copies already there, and a lookup never
        returns more than `BANDS` × `MAX_BUCKET` rows per article, however large the cluster.
        """
        sigs = {a["id"]: signature(tokens_of(a["text"])) for a in todo}
        keys = {i: band_keys(sig) for i, sig in sigs.items()}
        stored = store.lsh_lookup(conn, {k for ks in keys.values() for k in ks})
        candidates = self._candidates(todo, keys, stored)
        keys = {i: [k for k in ks if len(stored.get(k, ())) < MAX_BUCKET] for i, ks in keys.items()}
        outside = {c for cs in candidates.values() for c in cs} - set(sigs)
        sigs.update({i: np.frombuffer(b, dtype=np.uint32) for i, b in store.signatures(conn, outside).items()})
        close: dict[str, list[str]] = {}
        for article in todo:
            own = sigs[article["id"]]
            scored = sorted(((jaccard(own, sigs[c]), c) for c in candidates[article["id"]] if c in sigs),
                            reverse=True)
            close[article["id"]] = [c for j, c in scored[:MAX_CANDIDATES] if j >= CANDIDATE_JACCARD]
        store.add_signatures(conn, [(i, sigs[i].tobytes(), keys[i]) for i in keys])
        return close

    @staticmethod
    def _candidates(todo: list[dict[str, Any]], keys: dict[str, list[tuple[int, int]]],
                    stored: dict[tuple[int, int], set[str]]) -> dict[str, set[str]]:
        """Stored articles and earlier articles of this batch sharing a bucket with each article."""
        in_batch: dict[tuple[int, int], set[str]] = defaultdict(set)
        out: dict[str, set[str]] = {}
        for article in todo:
            own = keys[article["id"]]
            found: set[str] = set()
            for key in own:
                found |= stored.get(key, set()) | in_batch.get(key, set())
            out[article["id"]] = found - {article["id"]}
            for key in own:
                in_batch[key].add(article["id"])
        return out

    def _compare(self, store: Store, conn: Connection, article: dict[str, Any],
                 close: list[str]) -> list[tuple[str, str]]:
        """(kind, id of the article flagged) for each candidate that is a copy or a rewrite."""
        if not close:
            return []
        words = Words.of(article["text"])
        kinds = []
        for other in store.article_briefs(conn, close).values():
            original, copy = original_first(article, other)
            pair_words = (words, Words.of(other["text"]))
            if original is not article:
                pair_words = pair_words[::-1]
            result = compare(*pair_words)
            if result.kind in FLAGGED_KINDS:
                self._flag(store, conn, copy, quality_flag(result.kind, original, copy, result, pair_words))
                kinds.append((result.kind, copy["id"]))
        return kinds

    @staticmethod
    def _flag(store: Store, conn: Connection, copy: dict[str, Any], flag: Flag) -> None:
        current = store.article_flags(conn, copy["id"])  # not the brief: no need to read the text again
        kept = [f for f in current if not (f.get("type") == flag.type and f.get("related") == flag.related)]
        store.set_article_flags(conn, copy["id"], [*kept, flag.model_dump(mode="json")])
        log.info("%s: %s", copy["id"], flag.detail)
