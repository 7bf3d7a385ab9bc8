"""The machine-translation check: varied signs raise the flag, fluent news stays quiet."""

from pathlib import Path

from storyline.document_stage import run_document_stage
from storyline.model import Document

FLUENT = (
    "Envoys from a dozen countries met Taliban officials in Doha on Sunday. They discussed humanitarian aid "
    "and the release of frozen reserves. Diplomats said the talks were frank. No decision on recognition was "
    "taken, officials said. Aid agencies warned that millions of people faced hunger this winter. "
    "Donors promised to respond quickly. The next round is expected in the spring."
)
GARBLED = (
    "Envoys from a dozen countries met Taliban officials in Doha on Sunday And the movement now runs "
    "the whole country. They discussed humanitarian aid . . The talks was frank.\n\n"
    "pressure on women's rights\n\n"
    "No decision on recognition was taken. On the basis. person was involved. Aid agencies warned that "
    "millions of people faced hunger this winter. Donors promised to respond quickly."
)


def flags(nlp, text: str) -> list:  # type: ignore[no-untyped-def, type-arg]
    [outcome] = run_document_stage([Document(id="a", text=text, format="text")], nlp)
    return [f for f in outcome.articles[0].article.flags if f.type == "machine_translated"]


def test_varied_signs_raise_the_flag_with_reasons_and_evidence(nlp) -> None:  # type: ignore[no-untyped-def]
    [flag] = flags(nlp, GARBLED)
    assert flag.score >= 0.5
    assert "capitalised connective" in flag.detail and "lower-case paragraph" in flag.detail
    assert any(e.text == "And" for e in flag.evidence)


def test_fluent_news_and_one_kind_of_sign_stay_quiet(nlp) -> None:  # type: ignore[no-untyped-def]
    assert flags(nlp, FLUENT) == []
    transcript = "\n\n".join(["Yes.", "Right.", "Good morning.", "Thanks for having me.", "Sure."])
    assert flags(nlp, transcript) == []


def test_the_machine_translated_seed_is_flagged_and_the_others_not(seeds: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    found = {}
    for path in sorted(seeds.glob("*.txt")):
        found[path.stem[:3]] = bool(flags(nlp, path.read_text(encoding="utf-8")))
    assert found["001"] is True
    assert found["002"] is False and found["000"] is False


def test_a_spinners_traces_flag_an_article_without_its_original(seeds: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    spun = ("Over the previous 12 months the talks stalled. In Could, the envoy mentioned the plan was dead. "
            "The minister mentioned it was unfair. Officials informed reporters that a deal was near. "
            "A spokesman informed VOA that nothing had changed.")
    [outcome] = run_document_stage([Document(id="s", text=spun, format="text")], nlp)
    [flag] = [f for f in outcome.articles[0].article.flags if f.type == "spun"]
    assert "month as modal" in flag.detail and "speech verbs" in flag.detail
    found = {}
    for path in sorted(seeds.glob("*.txt")):
        [out] = run_document_stage([Document(id="x", text=path.read_text(encoding="utf-8"), format="text")], nlp)
        found[path.stem[:3]] = any(f.type == "spun" for a in out.articles for f in a.article.flags)
    assert found == {"000": False, "001": False, "002": False, "003": True, "004": False}


def test_a_transcripts_lower_case_speaker_labels_are_layout_not_translation(nlp) -> None:  # type: ignore[no-untyped-def]
    turns = [
        ("jane hollis", "Welcome back. Today we talk about the harbour strike. How long have you worked there?"),
        ("tom reyes", "Twenty years. I started as a lasher when I was nineteen."),
        ("jane hollis", "Mm-hm. And what changed this year?"),
        ("tom reyes", "Rents went up. Energy went up. Our wages did not."),
        ("jane hollis", "Right."),
        ("tom reyes", "So we stopped. Nobody wanted to, believe me."),
    ]
    text = "\n\n".join(part for turn in turns for part in turn)
    assert flags(nlp, text) == []


def test_a_spaced_ellipsis_is_punctuation_style_not_a_detached_stop(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("“I accepted it,” the mayor said. “But the endless complaints . . . it reached the stage where it was "
            "just petty . . . the same complaints about one clerk.” She said she would not answer them again.")
    assert flags(nlp, text) == []
