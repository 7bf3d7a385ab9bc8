"""Quotes without a named source, passives, participles and other attributions of reported speech
(sentences written for these tests)."""

from __future__ import annotations

from typing import Any

from storyline.extract.quotes import find_passages
from tests.extract.helpers import one, quotes_of, speaker_of


def test_passive_without_agent_has_no_speaker(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The mayor was accused of using city funds for his campaign."), "city funds")
    assert q.speaker is None and not q.direct
    assert "The mayor" in q.text and q.cue == "accused"


def test_passive_with_agent_speaks_for_the_agent(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The new tax plan was criticized by several economists."), "tax plan")
    assert speaker_of(q) == "several economists"


def test_raising_verb_has_no_speaker(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The ceasefire seems to be holding in the north of the country."), "holding")
    assert q.speaker is None and "The ceasefire" in q.text


def test_raising_verb_over_a_cue_leaves_it_to_the_cue(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The senator appeared to suggest that the vote would be delayed.")
    q = one(quotes, "vote would be delayed")
    assert speaker_of(q) == "The senator"


def test_supposed_to_is_not_an_attribution(nlp: Any) -> None:
    assert quotes_of(nlp, "The convoy was supposed to leave at dawn.") == []


def test_follow_up_participle_is_its_own_attribution(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The governor said the budget was balanced, arguing that new taxes were not needed.")
    first, second = one(quotes, "budget was balanced"), one(quotes, "new taxes")
    assert "new taxes" not in first.text
    assert first.speaker is not None and second.speaker is not None
    assert second.speaker.entity_text == first.speaker.entity_text == "The governor"


def test_participle_speaks_for_the_noun_or_its_holder(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The union issued a statement welcoming the new safety rules."), "safety rules")
    assert speaker_of(q) == "The union"


def test_light_verb_holds_a_nominal_cue(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The minister expressed concern that the talks could collapse."), "talks could collapse")
    assert speaker_of(q) == "The minister"


def test_dash_source_glued_to_the_quote(nlp: Any) -> None:
    text = "“The roads are closed and nobody told us anything.”― Maria Lopez\n“We waited for hours.” ― Tom Reed"
    quotes = quotes_of(nlp, text)
    assert speaker_of(one(quotes, "roads are closed")) == "Maria Lopez"
    assert speaker_of(one(quotes, "waited for hours")) == "Tom Reed"


def test_closing_mark_opening_a_paragraph_opens_a_quote() -> None:
    text = "Intro line.\n\n”We stay here,” he said."
    assert [p.text(text) for p in find_passages(text)] == ["We stay here,"]


def test_interrupted_quote_after_a_set_off_participle(nlp: Any) -> None:
    text = "“Every time you say that,” the senator said, pointing at the chart, “you make our case.”"
    q = one(quotes_of(nlp, text), "Every time")
    assert len(q.evidence) == 2 and "make our case" in q.text


def test_sourceless_quote_exports_a_null_speaker(nlp: Any) -> None:
    from storyline.export.records import quote_record

    q = one(quotes_of(nlp, "The bill is expected to pass the Senate next week."), "pass the Senate")
    record = quote_record(q)
    assert record["speaker"] is None and record["text"] == q.text


def test_finding_needs_a_clause(nlp: Any) -> None:
    assert quotes_of(nlp, "The two parties found a way to pass the budget.") == []
    q = one(quotes_of(nlp, "The study found that most voters had already decided."), "most voters")
    assert speaker_of(q) == "The study"


def test_according_to_keeps_the_inner_speakers_words(nlp: Any) -> None:
    text = "According to a recording of the hearing, the mayor said the fee would be scrapped."
    quotes = quotes_of(nlp, text)
    outer = [q for q in quotes if q.cue == "according to"]
    inner = [q for q in quotes if q.cue == "said"]
    assert len(outer) == 1 and len(inner) == 1, [(q.cue, q.text) for q in quotes]
    assert outer[0].speaker is not None and outer[0].speaker.entity_text == "a recording of the hearing"
    assert inner[0].speaker is not None and inner[0].speaker.entity_text == "the mayor"
    assert inner[0].text == "the fee would be scrapped"


def test_a_cue_inside_the_content_of_according_to_is_part_of_it(nlp: Any) -> None:
    text = "The mayor resigned after her aides said she had misled the council, according to the report."
    quotes = quotes_of(nlp, text)
    assert [(q.cue, speaker_of(q)) for q in quotes] == [("according to", "the report")]
    assert "aides said she had misled" in quotes[0].text


def test_particle_marking_a_clause_gives_the_clause(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The mayor is calling for the state to send more buses to the city."), "more buses")
    assert q.cue == "calling for" and q.text == "the state to send more buses to the city"
    assert speaker_of(q) == "The mayor"


def test_cue_after_a_predicate_adjective_speaks_for_the_subject(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The senator was quick to point out that the bill had never been debated."), "never been")
    assert speaker_of(q) == "The senator"


def test_gerund_after_an_adjectives_preposition_speaks_for_the_subject(nlp: Any) -> None:
    text = "The guild has been particularly forceful in urging the studio to raise pay."
    q = one(quotes_of(nlp, text), "raise pay")
    assert speaker_of(q) == "The guild"


def test_contracted_has_is_not_a_passive(nlp: Any) -> None:
    q = one(quotes_of(nlp, "She's said she'll stay in the race until the final vote."), "stay in the race")
    assert speaker_of(q) == "She"
    q = one(quotes_of(nlp, "It's said that the mayor will resign."), "mayor will resign")
    assert q.speaker is None


def test_one_word_answer_is_content(nlp: Any) -> None:
    text = "Asked whether the mayor is honest, most residents said yes, but a third of them say he is not."
    answers = [q for q in quotes_of(nlp, text) if q.text == "yes"]
    assert len(answers) == 1 and answers[0].cue == "said"
    assert answers[0].speaker is not None and answers[0].speaker.entity_text == "most residents"


def test_gerund_after_an_adverbs_preposition_speaks_for_the_subject(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Instead, she was back to bragging about beating the incumbent."), "beating")
    assert speaker_of(q) == "she"


def test_an_infinitive_after_a_verb_of_means_speaks_for_its_subject(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The mayor used her budget speech to call for a freeze on new parking fees."), "freeze")
    assert speaker_of(q) == "The mayor"
    forced = one(quotes_of(nlp, "The audit forced the council to admit that the fees were too high."), "too high")
    assert speaker_of(forced) == "the council"


def test_a_question_put_in_a_participle_clause_has_no_speaker(nlp: Any) -> None:
    text = "Asked whether he would run again, the senator said he had not decided."
    q = one(quotes_of(nlp, text), "run again")
    assert q.speaker is None and q.text == "whether he would run again"
    assert speaker_of(one(quotes_of(nlp, text), "not decided")) == "the senator"


def test_a_clause_opened_by_in_and_a_poll_is_the_polls(nlp: Any) -> None:
    q = one(quotes_of(nlp, "In a new state poll, the governor leads her rival by five points."), "five points")
    assert q.cue == "In" and speaker_of(q) == "a new state poll"
    assert quotes_of(nlp, "The governor has been leading in the polls since May.") == []


def test_a_share_of_those_polled_saying_something_is_the_polls_finding(nlp: Any) -> None:
    quotes = quotes_of(nlp, "In a new survey, 62 percent of parents said the school day was too long.")
    assert [(q.cue, speaker_of(q), q.text) for q in quotes] == [
        ("In", "a new survey", "62 percent of parents said the school day was too long")]
    q = one(quotes_of(nlp, "In a statement, the mayor said the bridge would reopen."), "bridge")
    assert q.cue == "said" and speaker_of(q) == "the mayor"


def test_a_participle_of_saying_hung_from_the_reported_clause_speaks_for_the_first_speaker(nlp: Any) -> None:
    text = 'The senator said the governor “ran a reckless budget that hurt every family,” adding, “He never listened.”'
    assert speaker_of(one(quotes_of(nlp, text), "never listened")) == "The senator"


def test_a_possessive_pronoun_on_a_nominal_cue_gives_way_to_the_verbs_subject(nlp: Any) -> None:
    quotes = quotes_of(nlp, "Mayor Ellen Park renewed her call for a curfew in the old town.")
    assert speaker_of(one(quotes, "a curfew")) == "Mayor Ellen Park"
    quotes = quotes_of(nlp, "He doubled down on his plan to close the bridge.")
    assert speaker_of(one(quotes, "close the bridge")) == "He"


def test_a_raising_verb_with_a_person_as_subject_is_that_persons(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Governor Alan Brooks appeared to enjoy the fight over the school budget."), "enjoy")
    assert speaker_of(q) == "Governor Alan Brooks" and "Brooks" not in q.text
    assert one(quotes_of(nlp, "The new bridge seems to carry more traffic every year."), "traffic").speaker is None


def test_a_raising_verb_with_a_like_phrase_or_an_as_if_clause_has_no_speaker(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The new toll on the harbour bridge seems like a fair way to pay for repairs."), "fair way")
    assert q.speaker is None and q.text.startswith("The new toll") and q.cue == "seems"
    q = one(quotes_of(nlp, "It would seem as if the council has already made up its mind on the stadium."), "council")
    assert q.speaker is None and q.text.startswith("as if the council")
    assert quotes_of(nlp, "The old ferry looks like a wreck.") == []


def test_a_raising_verb_with_a_named_group_as_subject_is_that_groups(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Microsoft appeared to enjoy the fight with its rivals."), "enjoy")
    assert speaker_of(q) == "Microsoft" and q.text == "to enjoy the fight with its rivals"


def test_a_participle_on_a_noun_in_a_phrase_speaks_for_the_verbs_subject(nlp: Any) -> None:
    text = "The mayor spent much of the town meeting criticizing the new parking rules."
    assert speaker_of(one(quotes_of(nlp, text), "parking rules")) == "The mayor"
    text = "The local paper has run a series of editorials opposing the harbour tunnel."
    assert speaker_of(one(quotes_of(nlp, text), "harbour tunnel")) == "The local paper"


def test_an_active_verb_after_a_passive_shares_its_subject_not_its_agent(nlp: Any) -> None:
    text = "The harbour workers were angered by the new contract and predicted that the port would close."
    assert speaker_of(one(quotes_of(nlp, text), "port would close")) == "The harbour workers"


def test_a_possessive_pronoun_gives_way_to_an_agreeing_subject_further_up(nlp: Any) -> None:
    assert speaker_of(one(quotes_of(nlp, "Both unions hardened their opposition to the merger."), "merger")) \
        == "Both unions"
    text = "Mayor Ortiz spoke briefly, repeating in his remarks that the budget would pass."
    assert speaker_of(one(quotes_of(nlp, text), "budget")) == "Mayor Ortiz"
    text = "Mayor Ortiz gave a sense of his frustration with the delays."
    assert speaker_of(one(quotes_of(nlp, text), "delays")) == "Mayor Ortiz"
    assert speaker_of(one(quotes_of(nlp, "Ortiz kept her belief that the bridge would be safe."), "bridge")) \
        == "Ortiz"


def test_a_number_can_be_a_speaker(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Of the members, 41 have said they will vote for the mayor."), "mayor")
    assert q.cue == "said" and speaker_of(q) == "41" and q.text == "they will vote for the mayor"
    q = one(quotes_of(nlp, "Most residents back the park, and 31% say the city should sell the land."), "sell")
    assert q.cue == "say" and (speaker_of(q) or "").startswith("31")


def test_a_participle_on_the_object_of_a_verb_of_perceiving_or_leaving_speaks_for_the_object(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Viewers watched the senator denouncing the plan before a crowded hall."), "plan")
    assert q.cue == "denouncing" and speaker_of(q) == "the senator"


def test_say_in_an_infinitive_on_the_object_of_have_speaks_for_its_subject(nlp: Any) -> None:
    text = "Several of the farmers had harsh words to say about the new dam."
    assert speaker_of(one(quotes_of(nlp, text), "dam")) == "Several of the farmers"
    assert speaker_of(one(quotes_of(nlp, "The coach had nothing kind to say about the new field."), "field")) \
        == "The coach"
