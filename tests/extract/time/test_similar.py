"""The sentence comparison behind `date_conflict`: same event close, unrelated far, and the
bfloat16 path giving float32's cosines."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from storyline.errors import StorylineError
from storyline.extract.time import similar

SAME = ("The militants took control of the capital after foreign troops left the country",
        "After the foreign forces withdrew, the insurgents seized the capital city")
OTHER = ("The central bank raised interest rates to curb inflation",
         "Heavy rain flooded several villages in the north of the province")


def test_same_event_close_unrelated_far() -> None:
    assert similar.same_event([SAME, (SAME[0], OTHER[0]), OTHER]) == [True, False, False]


def test_bfloat16_agrees_with_float32(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*SAME, *OTHER]
    fast = similar._encode(texts)
    monkeypatch.setattr(similar, "_native_bfloat16", lambda: False)
    exact = similar._encode(texts)
    assert abs((fast @ fast.T) - (exact @ exact.T)).max() < 0.01


def test_batches_have_few_shapes() -> None:
    texts = [f"sentence {i}" for i in range(23)]
    parts = list(similar._shaped(texts))
    assert [len(p) for p in parts] == [16, 4, 2, 1]
    assert [t for p in parts for t in p] == texts
    assert len(similar._encode(texts)) == 23


def test_the_vectors_kept_in_memory_are_a_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """At most `STORYLINE_SENTENCE_VECTORS` vectors stay in the process, the least recently used
    dropped; a dropped one is read back from the store, not computed again; a comparison of more
    sentences than that still gets all of them."""
    from sqlalchemy import create_engine

    encoded: list[str] = []

    def fake_encode(texts: list[str]) -> Any:
        encoded.extend(texts)
        return np.array([[1.0, 0.0] if "rain" in t else [0.0, 1.0] for t in texts], dtype=np.float32)

    monkeypatch.setattr(similar, "_encode", fake_encode)
    monkeypatch.setattr(similar, "_cache", OrderedDict())
    monkeypatch.setenv(similar.VECTORS_ENV, "2")
    similar.kept_vectors.cache_clear()
    try:
        engine = create_engine(f"sqlite:///{tmp_path / 'v.db'}")
        with engine.begin() as conn, similar.storing(conn):
            assert similar.similarities([("rain a", "rain b"), ("rain a", "sun c")]) == [1.0, 0.0]
            assert len(similar._cache) == 2 and sorted(encoded) == ["rain a", "rain b", "sun c"]
            read = similar.cost()["stored"]
            assert similar.similarities([("sun c", "rain a")]) == [0.0]
            assert len(encoded) == 3 and similar.cost()["stored"] > read  # read back, not encoded again
        monkeypatch.setenv(similar.VECTORS_ENV, "many")
        similar.kept_vectors.cache_clear()
        with pytest.raises(StorylineError, match=r"\[E701\].*STORYLINE_SENTENCE_VECTORS"):
            similar.kept_vectors()
    finally:
        similar.kept_vectors.cache_clear()


def test_a_kept_vector_holds_no_other(monkeypatch: pytest.MonkeyPatch) -> None:
    """A vector kept in memory owns its buffer: were it a row of its batch's array, one vector
    left in the cache would keep the whole batch alive, and the memory the cache holds would
    grow with every batch that left one there, whatever the number of vectors kept."""
    def fake_encode(texts: list[str]) -> Any:
        return np.arange(4 * len(texts), dtype=np.float32).reshape(len(texts), 4)

    monkeypatch.setattr(similar, "_encode", fake_encode)
    monkeypatch.setattr(similar, "_cache", OrderedDict())
    texts = [f"an invented sentence {i}" for i in range(40)]
    vectors = similar.embed(texts)
    assert len(similar._cache) == 40
    assert all(v.base is None and v.nbytes == 16 for v in similar._cache.values())
    assert all(v.tolist() == [v[0] + i for i in range(4)] for v in vectors.values())  # the same values
