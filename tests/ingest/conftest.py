"""Shared helpers for the ingest tests: run `iter_documents` and split what it yields."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import pytest

from storyline.ingest import iter_documents
from storyline.model import Document, IngestProblem

SHARED = Path(__file__).parents[2].parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"


@dataclass
class Result:
    docs: list[Document] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)
    items: list[Document | IngestProblem] = field(default_factory=list)

    def codes(self) -> list[str]:
        return [p.code for p in self.problems]

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.docs}


def run(sources: Iterable[str | Path], *, stdin: IO[bytes] | None = None, **kwargs: Any) -> Result:
    result = Result()
    for item in iter_documents(sources, stdin=stdin, **kwargs):
        result.items.append(item)
        if isinstance(item, IngestProblem):
            result.problems.append(item)
        else:
            result.docs.append(item)
    return result


@pytest.fixture
def read() -> Callable[..., Result]:
    return run
