"""Quotes: the wider cue lexicon (stances, phrasal and nominal cues), nesting, quotes over paragraphs."""

from __future__ import annotations

from typing import Any

from tests.extract.helpers import one, quotes_of, speaker_of


def test_stance_verb_takes_its_object(nlp: Any) -> None:
    q = one(quotes_of(nlp, "On Friday, Ben Carson endorsed Donald Trump at a news conference in Florida."), "Trump")
    assert q.cue == "endorsed" and q.speaker.entity_text == "Ben Carson" and q.text == "Donald Trump"


def test_stance_verb_object_with_its_of_phrase(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Ms. Delgado accused Harmon of being silent on housing reform."), "Harmon")
    assert q.cue == "accused" and q.text == "Harmon of being silent on housing reform"


def test_phrasal_cue_talked_about(nlp: Any) -> None:
    q = one(quotes_of(nlp, "In an interview, the senator talked about the cost of the war in Syria."), "cost")
    assert q.cue == "talked about" and q.speaker.entity_text == "the senator"
    assert q.text == "the cost of the war in Syria"


def test_nominal_cue_with_its_owner(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The Taliban's promise that girls would return to school was not kept."), "girls")
    assert q.cue == "promise" and q.speaker.entity_text == "The Taliban's"
    q = one(quotes_of(nlp, "Critics dismissed the Taliban's promise that girls would return to school."), "girls")
    assert q.cue == "dismissed"  # an attribution never nests inside another one
    q = one(quotes_of(nlp, "His plan to reopen the embassy in Kabul drew criticism."), "reopen")
    assert q.cue == "plan" and q.speaker.entity_text == "His" and q.text == "to reopen the embassy in Kabul"


def test_a_belief_verb_inside_the_content_stays_inside_it(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Okafor told the audience that fixing the bridge was harder than he expected."), "bridge")
    assert q.cue == "told" and q.speaker.entity_text == "Okafor" and q.text.endswith("than he expected")


def test_short_quote_inside_reported_speech_is_part_of_it(nlp: Any) -> None:
    text = ("Omar Reyes said teams of medics were sent with the pilgrims, whom he described as "
            "\"cheerful,\" and that they met no hostility.")
    quotes = quotes_of(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].cue == "said" and "\"cheerful,\"" in quotes[0].text and not quotes[0].direct


def test_cue_verb_the_tagger_misreads(nlp: Any) -> None:
    q = one(quotes_of(nlp, "She hopes the talks will resume next month."), "talks")
    assert q.cue == "hopes" and q.speaker.entity_text == "She"


def test_quote_over_two_paragraphs_with_cue_after_the_last(nlp: Any) -> None:
    text = ("“We have asked the Taliban to reopen the schools for girls across the country.\n\n"
            "“And we will keep asking, with our partners, until ‘every girl’ is back in class,” "
            "the spokesman said.")
    q = one(quotes_of(nlp, text), "reopen the schools")
    assert q.direct and q.speaker.entity_text == "the spokesman" and q.cue == "said"
    assert len(q.evidence) == 2 and "keep asking" in q.evidence[1].text
    assert "‘every girl’" in q.text  # a nested quote stays inside the quote that holds it


def test_quote_over_two_paragraphs_after_a_colon_line(nlp: Any) -> None:
    text = ("Ned Price told reporters:\n\n“The talks in Doha were useful.\n\n"
            "“More meetings will follow next month.”")
    q = one(quotes_of(nlp, text), "talks in Doha")
    assert q.speaker.entity_text == "Ned Price" and len(q.evidence) == 2


def test_pronoun_goes_to_the_previous_speaker_not_the_nearest_name(nlp: Any) -> None:
    text = ("“We are ready,” Jen Psaki said on Friday. She spoke after a meeting with Amir Khan Muttaqi "
            "in Doha.\n\n“Some of that will mean more talks,” she added.")
    q = one(quotes_of(nlp, text), "more talks")
    assert q.speaker.entity_text == "she" and q.speaker.identifier_text == "Jen Psaki"


def test_pronoun_without_a_previous_speaker_goes_to_the_nearest_person(nlp: Any) -> None:
    text = ("Zalmay Khalilzad met Taliban negotiators in Doha on Sunday. He said the talks had "
            "made progress on a ceasefire.")
    q = one(quotes_of(nlp, text), "ceasefire")
    assert q.speaker.entity_text == "He" and q.speaker.identifier_text == "Zalmay Khalilzad"
    assert q.speaker_mention is not None and q.speaker_mention.text == "Zalmay Khalilzad"


def test_interrupted_reported_and_direct_parts_keep_one_speaker(nlp: Any) -> None:
    text = "“The border will stay open,” the minister said, “and trade will go on as before.”"
    quotes = quotes_of(nlp, text)
    assert len(quotes) == 1 and [e.text for e in quotes[0].evidence] == [
        "The border will stay open,", "and trade will go on as before."]


def test_anonymous_sources_have_no_entity(nlp: Any) -> None:
    text = "Aid deliveries to Kandahar resumed on Tuesday, two UN officials said."
    q = one(quotes_of(nlp, text), "Aid deliveries")
    assert q.speaker.entity_text == "two UN officials"
    assert q.speaker.identifier_id is None and q.speaker_mention is None


def test_verbs_whose_object_alone_is_an_act(nlp: Any) -> None:
    for text in ("The team added two new players.", "The senator maintained her lead in the polls.",
                 "The lawyer advised the campaign for two years."):
        assert not quotes_of(nlp, text), text
    assert [q.text for q in quotes_of(nlp, "The coach added that the team was tired.")] == ["that the team was tired"]


def test_more_verbs_of_saying_and_phrasal_cues(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The senator reminded voters that the plan had failed."), "plan")
    assert q.text == "that the plan had failed" and q.cue == "reminded"
    q = one(quotes_of(nlp, "She confessed that she had never read the report."), "report")
    assert q.cue == "confessed" and q.speaker is not None and q.speaker.entity_text == "She"
    q = one(quotes_of(nlp, "The aide laid out a plan for the recovery of the port."), "port")
    assert q.cue == "laid out" and q.text == "a plan for the recovery of the port"


def test_disagree_with_and_ponder(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Several economists disagree with the new forecast."), "forecast")
    assert q.text == "the new forecast" and q.cue == "disagree with"
    q = one(quotes_of(nlp, "The coach pondered whether the team could win."), "team")
    assert q.cue == "pondered" and q.speaker is not None and q.speaker.entity_text == "The coach"


def test_predicate_adjectives_of_judging(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Many economists are skeptical of the new plan."), "plan")
    assert q.text == "the new plan" and q.speaker is not None and q.speaker.entity_text == "Many economists"
    q = one(quotes_of(nlp, "She was confident that the bill would pass."), "bill")
    assert q.cue == "confident" and q.text == "that the bill would pass"
    assert not quotes_of(nlp, "The road was clear of debris by noon.")


def test_predicate_adjectives_of_feeling(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The growers were nervous about the coming frost."), "frost")
    assert q.cue == "nervous" and speaker_of(q) == "The growers" and q.text == "the coming frost"
    q = one(quotes_of(nlp, "Local shop owners are upbeat about the new bridge."), "bridge")
    assert q.cue == "upbeat" and speaker_of(q) == "Local shop owners"


def test_made_clear_that(nlp: Any) -> None:
    for text in ("The senator made clear that she would oppose the bill.",
                 "The senator has made it clear that she would oppose the bill."):
        q = one(quotes_of(nlp, text), "oppose")
        assert q.text == "that she would oppose the bill" and q.speaker is not None
        assert q.speaker.entity_text == "The senator"


def test_identify_as_and_criticism_verbs(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The report identified the mayor as the main obstacle."), "obstacle")
    assert q.text == "the mayor as the main obstacle" and q.cue == "identified"
    q = one(quotes_of(nlp, "The council trashed the proposal on Monday."), "proposal")
    assert speaker_of(q) == "The council"


def test_as_she_put_it_gives_the_sentence_around_it(nlp: Any) -> None:
    q = one(quotes_of(nlp, "As the senator put it, the bill is dead."), "bill is dead")
    assert q.cue == "put it" and speaker_of(q) == "the senator"
    assert quotes_of(nlp, "She put it on the table.") == []


def test_a_quote_inside_the_clause_its_cue_reports_is_part_of_that_clause(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The mayor defended the budget cuts, saying it was “the only sensible choice.”")
    q = one(quotes, "sensible choice")
    assert q.cue == "saying" and speaker_of(q) == "The mayor" and q.text.startswith("it was")
    assert one(quotes, "budget cuts").cue == "defended"


def test_a_quote_whose_cue_lies_in_a_reported_statement_goes_on_with_it(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The senator pledged to oppose the new tax, “today, tomorrow and forever.”")
    assert [(q.cue, speaker_of(q)) for q in quotes] == [("pledged", "The senator")]
    assert [e.text for e in quotes[0].evidence] == ["to oppose the new tax", "today, tomorrow and forever."]


def test_a_noun_with_a_that_clause_of_its_own_is_a_nominal_cue(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The senator's insinuation that the vote was rigged angered many voters."), "rigged")
    assert q.cue == "insinuation" and speaker_of(q) == "The senator's" and q.text == "that the vote was rigged"
    assert not quotes_of(nlp, "The senator's memo that the committee released was long.")


def test_a_predicate_adjective_with_a_that_clause_of_its_own_is_a_cue(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The coach was emphatic that the team would win the final."), "final")
    assert q.cue == "emphatic" and speaker_of(q) == "The coach" and q.text == "that the team would win the final"
    assert not quotes_of(nlp, "The crowd was so loud that the speech stopped.")
    assert not quotes_of(nlp, "It is likely that the bill will pass.")


def test_a_verb_with_a_that_clause_and_a_named_or_personal_subject_is_a_cue(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Ms. Ortiz gambled that voters would forgive the delay."), "forgive")
    assert q.cue == "gambled" and speaker_of(q) == "Ms. Ortiz" and q.text == "that voters would forgive the delay"
    assert not quotes_of(nlp, "She is spending more now that other donors are contributing.")
    assert not quotes_of(nlp, "The storm meant that the roads were closed.")
    q = one(quotes_of(nlp, "Ms. Ortiz queried whether the plan would work."), "plan")
    assert q.cue == "queried" and q.text == "whether the plan would work"


def test_a_verb_of_feeling_is_held_by_its_object(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The new tariffs angered farmers across the state."), "tariffs")
    assert q.cue == "angered" and speaker_of(q) is not None and speaker_of(q).startswith("farmers")
    assert q.text == "The new tariffs"
    q = one(quotes_of(nlp, "She worries that the bridge will not be finished in time."), "bridge")
    assert speaker_of(q) == "She"


def test_a_verb_of_feeling_in_the_passive_is_held_by_its_subject(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Many voters are frustrated with the slow pace of the talks."), "slow pace")
    assert speaker_of(q) == "Many voters" and q.text == "the slow pace of the talks"


def test_a_participle_of_feeling_read_as_an_adjective_is_its_subjects(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The players seemed pleased with the new coach."), "new coach")
    assert speaker_of(q) == "The players" and q.text == "the new coach"


def test_a_noun_of_feeling_is_a_nominal_cue(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The mayor's anger at the council grew over the summer."), "council")
    assert q.cue == "anger" and speaker_of(q) == "The mayor's" and q.text == "the council"


def test_verbs_of_talking_with_their_particle_are_cues(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The mayor hinted at a second bridge over the river."), "bridge")
    assert q.cue == "hinted at" and speaker_of(q) == "The mayor" and q.text == "a second bridge over the river"
    q = one(quotes_of(nlp, "The coach touched on his own future only briefly."), "future")
    assert q.cue == "touched on" and speaker_of(q) == "The coach"
    q = one(quotes_of(nlp, "Several councillors pushed back against the parking charges."), "parking")
    assert q.cue == "pushed back" and q.text == "the parking charges"


def test_verbs_of_rejecting_and_of_keeping_away_are_cues(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The new chairman quickly disavowed the remarks of his predecessor."), "remarks")
    assert q.cue == "disavowed" and speaker_of(q) == "The new chairman"
    q = one(quotes_of(nlp, "The governor has distanced herself from the plan to sell the port."), "port")
    assert q.cue == "distanced from" and q.text == "the plan to sell the port" and speaker_of(q) == "The governor"
    q = one(quotes_of(nlp, "The council leader brushed off the complaints about the bin collections."), "complaints")
    assert q.cue == "brushed off" and speaker_of(q) == "The council leader"


def test_nouns_of_rejecting_and_of_judging_with_their_owner(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The bishop's rejection of the new rules came as no surprise to the parish."), "rules")
    assert q.cue == "rejection" and q.text == "the new rules" and speaker_of(q) == "The bishop's"
    q = one(quotes_of(nlp, "Few voters share the senator's contempt for the press."), "press")
    assert q.cue == "contempt" and speaker_of(q) == "the senator's"
    q = one(quotes_of(nlp, "The minister's refusal to meet the nurses has lasted for months."), "nurses")
    assert q.cue == "refusal" and q.text == "to meet the nurses"


def test_predicate_adjectives_of_distrust_reluctance_and_outspokenness(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The farmers remain leery of the new water rules."), "water rules")
    assert q.cue == "leery" and q.text == "the new water rules" and speaker_of(q) == "The farmers"
    q = one(quotes_of(nlp, "The senator was reluctant to back the harbour bill."), "harbour")
    assert q.cue == "reluctant" and speaker_of(q) == "The senator"
    q = one(quotes_of(nlp, "Local traders have been vocal about the road closures."), "closures")
    assert q.cue == "vocal" and speaker_of(q) == "Local traders"


def test_verbs_of_foreseeing_floating_an_idea_and_extolling(nlp: Any) -> None:
    q = one(quotes_of(nlp, "She foresees that the dispute will last for years."), "dispute")
    assert q.cue == "foresees" and speaker_of(q) == "She"
    q = one(quotes_of(nlp, "The mayor floated the idea of a tram line to the airport."), "tram")
    assert q.cue == "floated" and q.text == "the idea of a tram line to the airport"
    q = one(quotes_of(nlp, "The principal extols the new library in every speech."), "library")
    assert q.cue == "extols" and speaker_of(q) == "The principal"


def test_nouns_of_explaining_feeling_and_apologizing_with_their_owner(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The coach's explanation of the defeat did not convince the fans."), "defeat")
    assert q.cue == "explanation" and q.text == "the defeat" and speaker_of(q) == "The coach's"
    q = one(quotes_of(nlp, "Nobody shares the minister's optimism about the harvest."), "harvest")
    assert q.cue == "optimism" and speaker_of(q) == "the minister's"
    q = one(quotes_of(nlp, "The bank's apology for the outage came two days later."), "outage")
    assert q.cue == "apology" and speaker_of(q) == "The bank's"


def test_a_verb_of_ascribing_is_a_stance(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The minister attributed the delay to the storm in the north."), "delay")
    assert q.cue == "attributed" and speaker_of(q) == "The minister"


def test_particle_verbs_of_retracting_insisting_and_focusing(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The mayor walked back her comments about the festival."), "festival")
    assert q.cue == "walked back" and q.text == "her comments about the festival" and speaker_of(q) == "The mayor"
    q = one(quotes_of(nlp, "The union doubled down on its demand for a shorter week."), "shorter week")
    assert q.cue == "doubled down" and speaker_of(q) == "The union"
    q = one(quotes_of(nlp, "The inspectors zeroed in on the safety record of the plant."), "safety")
    assert q.cue == "zeroed in" and speaker_of(q) == "The inspectors"


def test_verbs_of_speaking_manner_carry_a_direct_quote(nlp: Any) -> None:
    q = one(quotes_of(nlp, "“We will not move one inch from this field,” the farmer fumed."), "field")
    assert q.direct and q.cue == "fumed" and speaker_of(q) == "the farmer"
    q = one(quotes_of(nlp, "“That was the worst referee I have seen in years,” Coach Ellen Park groaned."), "referee")
    assert q.direct and q.cue == "groaned" and speaker_of(q) == "Coach Ellen Park"
    assert not [q for q in quotes_of(nlp, "The engines roared over the valley all night.") if q.cue == "roared"]


def test_a_nominal_cue_with_an_among_phrase_is_held_by_those_named_there(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The mayor's support among dock workers has never been higher."), "mayor")
    assert q.cue == "support" and speaker_of(q) == "dock workers" and q.text == "The mayor's"
    q = one(quotes_of(nlp, "The new coach enjoys strong support among the younger players."), "coach")
    assert q.text == "The new coach" and speaker_of(q) == "the younger players"
    q = one(quotes_of(nlp, "The ruling caused alarm among fishermen along the coast."), "ruling")
    assert q.cue == "alarm" and q.text == "The ruling" and speaker_of(q).startswith("fishermen")


def test_listed_nouns_take_more_of_their_complements(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The governor's call to close the old bridge has split the town."), "bridge")
    assert q.cue == "call" and q.text == "to close the old bridge" and speaker_of(q) == "The governor's"
    q = one(quotes_of(nlp, "The senator's remark that the budget was a joke did not go down well."), "joke")
    assert q.cue == "remark" and q.text == "that the budget was a joke"


def test_the_shipped_lexicon_names_each_word_once_per_list() -> None:
    """A word listed twice in one mapping would silently drop the first entry's links."""
    import collections
    from importlib import resources

    import yaml

    root = yaml.compose((resources.files("storyline") / "data" / "cues.yaml").read_text(encoding="utf-8"))
    for key, value in root.value:
        if isinstance(value, yaml.MappingNode):
            counts = collections.Counter(k.value for k, _ in value.value)
            assert not [w for w, n in counts.items() if n > 1], key.value


def test_more_verbs_of_causing_a_feeling_are_held_by_the_one_who_feels(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The new parking rules irked the shopkeepers on the high street."), "parking")
    assert q.cue == "irked" and q.text == "The new parking rules" and speaker_of(q).startswith("the shopkeepers")
    q = one(quotes_of(nlp, "Many farmers were dismayed by the drop in milk prices."), "milk")
    assert q.cue == "dismayed" and speaker_of(q) == "Many farmers"


def test_agree_and_believe_with_their_particles_report_their_object(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Many party leaders agree with her reading of the polls."), "reading")
    assert (q.cue, speaker_of(q), q.text) == ("agree with", "Many party leaders", "her reading of the polls")
    q = one(quotes_of(nlp, "The union agreed to a new contract with the city."), "contract")
    assert (q.cue, speaker_of(q), q.text) == ("agreed to", "The union", "a new contract with the city")
    q = one(quotes_of(nlp, "Most young voters believe in a fair tax system."), "tax")
    assert (q.cue, speaker_of(q), q.text) == ("believe in", "Most young voters", "a fair tax system")
    q = one(quotes_of(nlp, "The driver admitted to speeding through the red light near the school."), "speeding")
    assert (q.cue, speaker_of(q)) == ("admitted to", "The driver")
