"""Quotes: direct and reported, speakers as written and resolved, joined and nested quotes."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.extract.quotes import find_passages
from storyline.extract.quotes.cues import load_cues
from tests.extract.helpers import one, quotes_of


def test_passages_straight_curly_and_doubled_marks() -> None:
    text = "He said \"we go\" and ``we stay'' and “we wait”."
    assert [p.text(text) for p in find_passages(text)] == ["we go", "we stay", "we wait"]


def test_passage_over_paragraphs_and_nested_quote() -> None:
    text = "“First paragraph of the quote.\n\n“Second one, with ‘a nested quote’ inside,” she said."
    passages = find_passages(text)
    assert len(passages) == 1
    assert len(passages[0].pieces) == 2
    assert "‘a nested quote’" in passages[0].text(text)


def test_an_opening_mark_after_punctuation_and_before_a_space_closes_a_quote() -> None:
    text = "“It is over,“ said Lee. “We lost.“\n\nShe left."
    assert [p.text(text) for p in find_passages(text)] == ["It is over,", "We lost."]


def test_apostrophes_are_not_quotes() -> None:
    assert find_passages("The Taliban’s leaders don’t agree.") == []


def test_direct_quote_trailing_attribution(nlp: Any) -> None:
    q = one(quotes_of(nlp, "“We will not accept this,” the minister said on Monday."), "not accept")
    assert q.direct and q.cue == "said"
    assert q.speaker.entity_text == "the minister"
    assert q.evidence[0].text == "We will not accept this,"


def test_interrupted_quote_is_joined(nlp: Any) -> None:
    text = "“We will not accept this,” the minister said, “and we will answer it.”"
    quotes = quotes_of(nlp, text)
    assert len(quotes) == 1
    assert len(quotes[0].evidence) == 2
    assert "answer it" in quotes[0].text and quotes[0].speaker.entity_text == "the minister"


def test_quote_over_several_sentences_with_leading_cue(nlp: Any) -> None:
    text = "Ned Price told reporters: “The talks were useful. More will follow.”"
    q = one(quotes_of(nlp, text), "More will follow")
    assert q.direct and q.speaker.entity_text == "Ned Price" and q.cue == "told"


def test_pronoun_speaker_resolved_to_previous_speaker(nlp: Any) -> None:
    text = ("“We are ready,” Jen Psaki said on Friday.\n\n"
            "“Some of that will mean more talks with the Taliban,” she added.")
    q = one(quotes_of(nlp, text), "Some of that")
    assert q.speaker.entity_text == "she" and q.cue == "added"
    assert q.speaker.identifier_text == "Jen Psaki"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Jen Psaki"


def test_anonymous_source_kept_as_description(nlp: Any) -> None:
    text = ("“This meeting is about access,” a senior embassy official said.\n\n"
            "“It is not about recognition,” the official said.")
    quotes = quotes_of(nlp, text)
    first, second = one(quotes, "about access"), one(quotes, "not about recognition")
    assert first.speaker.entity_text == "a senior embassy official"
    assert first.speaker.identifier_id is None and first.speaker_mention is None
    assert second.speaker.identifier_text == "a senior embassy official"


def test_reported_speech_said_that(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The minister said that the border would reopen next week."), "border")
    assert not q.direct and q.cue == "said" and q.speaker.entity_text == "The minister"
    assert q.text.startswith("that the border would reopen")


def test_reported_speech_told_and_organisation_statement(nlp: Any) -> None:
    q = one(quotes_of(nlp, "A Taliban spokesman told VOA the group would form a government soon."), "government")
    assert q.cue == "told" and "spokesman" in q.speaker.entity_text
    q = one(quotes_of(nlp, "OCHA said in a statement that aid deliveries had resumed."), "aid deliveries")
    assert q.speaker.entity_text == "OCHA"


def test_according_to(nlp: Any) -> None:
    q = one(quotes_of(nlp, "According to the World Bank, grants financed most public spending."), "grants")
    assert q.cue == "according to" and q.speaker.entity_text == "the World Bank"


def test_warned_against_and_called_on(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The envoy warned against any attempt to isolate the country.")
    assert one(quotes, "attempt").cue == "warned against"
    quotes = quotes_of(nlp, "The United Nations called on the Taliban to reopen girls' schools.")
    q = one(quotes, "reopen")
    assert q.cue == "called on" and q.speaker.entity_text == "The United Nations"


def test_group_speaking_through_a_message(nlp: Any) -> None:
    text = "In a recording in Arabic on Sunday, al-Qaeda al-Jihad called for attacks on Western embassies."
    q = one(quotes_of(nlp, text), "attacks")
    assert "al-Qaeda" in q.speaker.entity_text and q.cue == "called for"


def test_parenthetical_attribution(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Still, to avoid delays, she said, city inspectors should start early."), "start early")
    assert q.speaker.entity_text == "she" and not q.direct
    assert len(q.evidence) == 2


def test_sources_said_at_the_end(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The convoy was stopped at the border for hours, sources said."), "convoy")
    assert q.speaker.entity_text == "sources" and q.text.startswith("The convoy")


def test_scare_quotes_are_not_quotes(nlp: Any) -> None:
    assert quotes_of(nlp, "The country faces a “really serious” crisis this winter.") == []


def test_transcript_lines(nlp: Any) -> None:
    text = "MORGAN: Will she be there on Friday?\n\nRIVERA: She will not be attending the forum."
    quotes = quotes_of(nlp, text)
    assert one(quotes, "not be attending").speaker.entity_text == "RIVERA"


def test_credit_and_tally_lines_are_not_transcript_lines(nlp: Any) -> None:
    text = ("The count moved again overnight.\n\nHARRIS: 1,204.\n\nContributing: Jane Porter, Lee Amis."
            "\n\nTwitter: @janeporter.")
    assert quotes_of(nlp, text) == []


def test_said_on_from_publication_date_when_no_date_in_sentence(nlp: Any) -> None:
    q = one(quotes_of(nlp, "“We are ready,” the minister said."), "ready")
    assert q.said_on.iso() is not None


def test_ids_are_stable(nlp: Any) -> None:
    text = "“We will not accept this,” the minister said."
    assert [q.id for q in quotes_of(nlp, text)] == [q.id for q in quotes_of(nlp, text)]


def test_cue_lexicon_is_extensible(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "cues.yaml"
    extra.write_text("speech: [whisper]\n", encoding="utf-8")
    monkeypatch.setenv("STORYLINE_CUES", str(extra))
    cues = load_cues()
    assert "whisper" in cues.speech and "say" in cues.speech


@pytest.mark.parametrize("mark_open, mark_close", [("\"", "\""), ("“", "”")])
def test_both_quotation_mark_styles(nlp: Any, mark_open: str, mark_close: str) -> None:
    text = f"{mark_open}The talks were useful,{mark_close} said Harold Brenner, a former CIA chief."
    q = one(quotes_of(nlp, text), "talks were useful")
    assert "Harold Brenner" in q.speaker.entity_text


def test_cue_on_the_line_before(nlp: Any) -> None:
    text = "Ned Price spoke to reporters on Thursday. He said:\n\n“We will keep working with our partners.”"
    q = one(quotes_of(nlp, text), "keep working")
    assert q.direct and q.speaker.entity_text == "He" and q.speaker.identifier_text == "Ned Price"


def test_dash_and_name_after_a_quote(nlp: Any) -> None:
    q = one(quotes_of(nlp, "“He does not speak for us.” ― Sonya Herridge\n"), "speak for us")
    assert q.speaker.entity_text == "Sonya Herridge"


def test_quote_embedded_in_reported_speech(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Christie blasted the decision as a “disgrace” on Wednesday."), "disgrace")
    assert q.speaker.entity_text == "Christie"


def test_relative_pronoun_speaker_keeps_its_word_and_names_its_noun(nlp: Any) -> None:
    q = one(quotes_of(nlp, "It was the minister who said that the border would reopen."), "border")
    assert q.speaker.entity_text == "who" and q.speaker.identifier_text == "the minister"


def test_speaker_never_includes_the_quote(nlp: Any) -> None:
    text = "“We are not ready to do that,” U.S. State Department spokesperson Ned Price said."
    q = one(quotes_of(nlp, text), "not ready")
    assert "ready" not in q.speaker.entity_text and "Ned Price" in q.speaker.entity_text


def test_said_on_from_the_time_resolver(nlp: Any) -> None:
    from storyline.extract.quotes import extract_quotes
    from storyline.extract.time.extractor import TimexExtractor
    from tests.extract.helpers import processed

    result, doc = processed(nlp, "“We are ready,” the minister said on Tuesday.", published="2021-10-08")
    TimexExtractor()(result, doc)
    q = one(extract_quotes(result, doc), "ready")
    assert q.said_on.iso() == "2021-10-05"


@pytest.mark.parametrize(("text", "fragment", "said_on"), [
    ("“We fixed the pier on Tuesday,” the harbour master said.", "fixed the pier", "2021-10-08"),
    ("Last year, the ferry carried 9,000 cars, the harbour master said.", "ferry carried", "2021-10-08"),
    ("The ferry company plans to cut sailings in February.", "cut sailings", "2021-10-08"),
    ("The ferry company said on Monday it would cut sailings in February.", "cut sailings", "2021-10-04"),
])
def test_said_on_is_not_the_date_of_the_reported_words(nlp: Any, text: str, fragment: str, said_on: str) -> None:
    from storyline.extract.quotes import extract_quotes
    from storyline.extract.time.extractor import TimexExtractor
    from tests.extract.helpers import processed

    result, doc = processed(nlp, text, published="2021-10-08")
    TimexExtractor()(result, doc)
    assert one(extract_quotes(result, doc), fragment).said_on.iso() == said_on


def test_a_speaker_phrase_cut_before_its_head_keeps_the_head() -> None:
    """Regression: a clause cut that removed every token of a speaker phrase raised IndexError."""
    from storyline.annotate import load_nlp
    from storyline.extract.quotes.speakers import speaker_span

    nlp = load_nlp()
    doc = nlp("(diplomats), who asked not to be identified said that the vote would slip.")
    for token in doc:
        span = speaker_span(token)
        assert 0 <= span.start <= span.end <= len(doc.text)


def test_straight_single_marks_are_quotes_in_a_text_without_double_marks(nlp: Any) -> None:
    text = "'We will not move the market,' the mayor said, 'and we will not raise the rents.'"
    assert [p.text(text) for p in find_passages(text)] == ["We will not move the market,",
                                                            "and we will not raise the rents."]
    q = one(quotes_of(nlp, text), "raise the rents")
    assert q.direct and q.cue == "said" and q.speaker is not None and q.speaker.entity_text == "the mayor"
    assert "move the market" in q.text


@pytest.mark.parametrize("text", [
    "In the '90s the town grew, and rock 'n' roll came late to the soldiers' homes.",
    "'It's the soldiers' choice,' he said, \"and nobody else's.\"",  # double marks: singles are not quotes
])
def test_straight_single_marks_that_are_apostrophes_or_beside_double_marks_open_nothing(text: str) -> None:
    assert not any("soldiers" in p.text(text) or "90s" in p.text(text) for p in find_passages(text))


@pytest.mark.parametrize("text, expected", [
    # a first name from the census tables: she is not the man named last
    ("Lena Park spoke first. Then Tom Reed arrived.\n\n\"We are done,\" she said.", "Lena Park"),
    # an honorific: Mr. Voss is a man, so "she" is the woman before him
    ("Oksana Dorn chaired the hearing. Mr. Voss walked out.\n\n\"We will vote anyway,\" she said.", "Oksana Dorn"),
    # the previous speaker is a man, and so is "Brandt" alone (the text's only Brandt is Jonas)
    ("\"The dam is safe,\" said Jonas Brandt.\n\nCarla Mendes, the engineer, disagreed. Brandt left early."
     "\n\n\"The cracks are new,\" she said.", "Carla Mendes"),
    # "Mr. Hale" is a man though the woman named before him is a Hale too
    ("Ruth Hale chaired the hearing. Mr. Hale walked out.\n\n\"We will vote anyway,\" she said.", "Ruth Hale"),
])
def test_pronoun_speaker_of_the_pronouns_gender(nlp: Any, text: str, expected: str) -> None:
    q = quotes_of(nlp, text)[-1]
    assert q.speaker.entity_text == "she" and q.speaker.identifier_text == expected


def test_pronoun_speaker_without_gender_evidence_is_the_recent_one(nlp: Any) -> None:
    text = "Arif Nadeem spoke first. Then Jawed Karimi arrived.\n\n\"We are done,\" she said."
    assert one(quotes_of(nlp, text), "We are done").speaker.identifier_text == "Jawed Karimi"


def test_gender_evidence_from_names_and_honorifics() -> None:
    from storyline.extract.quotes.gender import FEMALE, MALE, Genders, first_name_gender
    from storyline.model import Mention
    assert first_name_gender("Lena") == FEMALE and first_name_gender("Tom") == MALE
    assert first_name_gender("Kim") is None and first_name_gender("Taylor") is None  # both, or a surname
    text = "Ms. Ruth Ober met Mr. Hale and Sir Ian Frame. Do not miss Hale."
    people = [Mention(article="a", text=t, type="PERSON", start=text.index(t), end=text.index(t) + len(t))
              for t in ("Ruth Ober", "Hale", "Ian Frame")]
    genders = Genders(text, people)
    assert (genders.of("Ober"), genders.of("Hale"), genders.of("Ian Frame")) == (FEMALE, MALE, MALE)
