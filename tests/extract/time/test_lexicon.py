"""The lexicon is data a user extends without touching code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.extract.time.extractor import find
from storyline.extract.time.lexicon import ENV_VAR, lexicon


def test_user_lexicon_adds_a_holiday(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "more.yaml"
    extra.write_text("holidays:\n  founders day: {month: 3, day: 21}\n", encoding="utf-8")
    assert "founders day" not in lexicon().holidays
    monkeypatch.setenv(ENV_VAR, str(extra))
    assert lexicon().holidays["founders day"] == {"month": 3, "day": 21}
    found = find("Celebrations were held at Founders Day.", date(2024, 4, 2))
    assert [(f.text, f.norm.value) for f in found] == [("Founders Day", "2024-03-21")]


def test_unreadable_user_lexicon_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, "/no/such/file.yaml")
    assert lexicon().months["august"] == 8
