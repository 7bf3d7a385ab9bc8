"""Language identification with py3langid (normalised probabilities, model loaded once)."""

from __future__ import annotations

import re
from functools import cache
from itertools import islice
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SAMPLE_CHARS = 2000
MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier() -> Any:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability of the language of `text` (first 2,000 chars).

    Texts with fewer than 20 letters give `(None, 0.0)` rather than a guess.
    """
    sample = text[:SAMPLE_CHARS]
    if sum(1 for _ in islice(_LETTER.finditer(sample), MIN_LETTERS)) < MIN_LETTERS:
        return None, 0.0
    lang, score = _identifier().classify(sample)
    return str(lang), round(float(score), 4)
