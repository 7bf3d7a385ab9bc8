"""Spun rewrites without their original: a spinner's traces, at least two kinds (or two articles
before the wrong sound); one odd habit of a writer stays quiet."""

from storyline.document_stage import run_document_stage
from storyline.flag.spun import A_BEFORE_VOWEL, AN_BEFORE_CONSONANT, MODAL_MONTH
from storyline.model import Document

SPUN = (
    "When the two rivals signed an treaty on trade in March 2019, they promised to keep open borders. "
    "In Could, the Commerce Division took cost of the harbour. The envoy met a overseas minister on Could 5, "
    "2022, and the talks went on for a 12 months."
)
ONE_HABIT = (
    "When the two rivals signed an accord on trade in March 2019, they promised to keep open borders. "
    "In May, the Commerce Department took charge of the harbour. An historic meeting followed an hour later, "
    "and a university delegation joined a European envoy after a unanimous vote. Grade A is the best mark."
)


def spun_flags(nlp, text: str) -> list:  # type: ignore[no-untyped-def, type-arg]
    [outcome] = run_document_stage([Document(id="a", text=text, format="text")], nlp)
    return [f for f in outcome.articles[0].article.flags if f.type == "spun"]


def test_wrong_articles_and_months_read_as_modals_are_found() -> None:
    assert [m.group() for m in AN_BEFORE_CONSONANT.finditer(SPUN)] == ["an treaty"]
    assert [m.group() for m in A_BEFORE_VOWEL.finditer(SPUN)] == ["a overseas"]
    assert [m.group() for m in MODAL_MONTH.finditer(SPUN)] == ["In Could", "on Could 5"]
    assert not list(AN_BEFORE_CONSONANT.finditer(ONE_HABIT)) and not list(A_BEFORE_VOWEL.finditer(ONE_HABIT))


def test_several_kinds_of_trace_raise_the_flag_with_evidence(nlp) -> None:  # type: ignore[no-untyped-def]
    [flag] = spun_flags(nlp, SPUN)
    assert "article before the wrong sound" in flag.detail and "month as modal" in flag.detail
    assert {e.text for e in flag.evidence} >= {"an treaty", "In Could"}


def test_sound_text_stays_quiet(nlp) -> None:  # type: ignore[no-untyped-def]
    assert spun_flags(nlp, ONE_HABIT) == []
