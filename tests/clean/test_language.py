"""Language identification on the clean text."""

from __future__ import annotations

from storyline.clean.language import SAMPLE_CHARS, detect_language

from .helpers import clean

ENGLISH = "The foreign ministers met in Doha on Saturday to discuss the evacuation of foreign nationals. "
GERMAN = "Die Außenminister trafen sich am Samstag in Doha, um über die Evakuierung zu sprechen. "


def test_languages() -> None:
    assert detect_language(ENGLISH)[0] == "en"
    assert detect_language(GERMAN)[0] == "de"
    assert detect_language("Les ministres se sont réunis samedi à Doha pour discuter.")[0] == "fr"


def test_score_is_a_probability() -> None:
    _, score = detect_language(ENGLISH * 3)
    assert 0.5 < score <= 1.0


def test_short_text_gives_no_guess() -> None:
    assert detect_language("Hi there, ok 12345 !!!") == (None, 0.0)
    assert detect_language("") == (None, 0.0)


def test_only_the_start_is_read() -> None:
    text = ENGLISH * (SAMPLE_CHARS // len(ENGLISH) + 1) + GERMAN * 200
    assert detect_language(text)[0] == "en"


def test_clean_document_reports_language() -> None:
    result = clean(GERMAN * 3)
    assert result.language == "de"
    assert result.language_score > 0.5
