"""The sentence comparison behind `date_conflict`: same event close, unrelated far, and the
bfloat16 path giving float32's cosines."""

from __future__ import annotations

import pytest

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
