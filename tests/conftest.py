"""Shared fixtures: the real shared corpus beside the checkout, a loaded spaCy pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SAMPLES = ROOT / "samples" / "taliban"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED


@pytest.fixture(scope="session")
def seeds(shared: Path) -> Path:
    return shared / "corpus" / "seeds"


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from storyline.annotate import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory: pytest.TempPathFactory, seeds: Path):  # type: ignore[no-untyped-def]
    """The five seed articles run through the whole pipeline once per test session."""
    from storyline import Storyline

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    sl = Storyline(db, progress=False)
    sl.run([seeds])
    return sl
