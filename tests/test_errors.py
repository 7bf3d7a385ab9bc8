"""Every error code is documented, and messages carry their code."""

from pathlib import Path

from storyline.errors import Code, StorylineError

DOC = Path(__file__).resolve().parents[1] / "docs" / "errors.md"


def test_every_code_is_documented_with_an_explanation() -> None:
    doc = DOC.read_text(encoding="utf-8")
    for code in Code:
        line = next((ln for ln in doc.splitlines() if ln.startswith(f"| {code.name} |")), None)
        assert line is not None, f"{code.name} missing from docs/errors.md"
        assert not line.rstrip().endswith("|  |"), f"{code.name} has no explanation in docs/errors.md"


def test_messages_start_with_their_code_and_name_the_place() -> None:
    err = StorylineError(Code.E005, 52_428_800, 2_000_000, where="big.txt")
    assert str(err) == (
        "big.txt: [E005] document has 52428800 characters, above the limit of 2000000; skipped (raise --max-chars)"
    )
