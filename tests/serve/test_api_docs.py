"""docs/api.md documents every endpoint of the JSON API and every error code it can return."""

from __future__ import annotations

import re
from pathlib import Path

from storyline.serve.app import create_app
from storyline.serve.errors import STATUS

ROOT = Path(__file__).resolve().parents[2]


def _shape(path: str) -> str:
    return re.sub(r"\{[^}]*\}", "{}", path)


def test_every_endpoint_and_error_code_is_documented(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    documented = {(m, _shape(p)) for m, p in re.findall(r"`(GET|POST|PUT|DELETE) (/api/[^`?]*)", doc)}
    app = create_app(tmp_path / "empty.db", pages=False)
    served = {(method.upper(), _shape(path)) for path, item in app.openapi()["paths"].items() for method in item}
    assert len(served) >= 12
    assert served <= documented, f"undocumented in docs/api.md: {sorted(served - documented)}"
    for code in [c.name for c in STATUS if c.name.startswith("E8")] + ["E809"]:
        assert code in doc, code
    app.state.store.close()
