"""Tense direction over real parses: spaCy hands out a new Token object on every access, so
heads are compared by index, never by identity."""

from __future__ import annotations

from typing import Any

from storyline.extract.time.tense import NONE, PAST, verb_direction

from .helpers import process, values


def test_a_headline_infinitive_at_the_root_has_no_direction(nlp: Any) -> None:
    doc = nlp("Sanders, Warren to rally for Harris in September.")
    root = next(t for t in doc if t.dep_ == "ROOT")
    assert verb_direction(root) == NONE  # used to recurse on itself until RecursionError


def test_the_time_extractor_survives_a_root_infinitive(nlp: Any) -> None:
    result = process(nlp, "Sanders, Warren to rally for Harris in September.\n\n"
                          "Warren rallied with Harris last week.", published="2016-08-26")
    assert values(result)["September"] == "2016-09"
    assert values(result)["last week"] is not None


def test_said_on_a_weekday_is_past(nlp: Any) -> None:
    doc = nlp("The minister said on Saturday that talks would go on.")
    said = next(t for t in doc if t.lemma_ == "say")
    assert verb_direction(said) == PAST


def test_a_day_between_a_reporting_verb_and_its_clause_is_when_it_was_said(nlp: Any) -> None:
    # published on a Wednesday: the parse hangs "on Monday" on "would close"; it tells when it was said
    result = process(nlp, "The company said on Monday it would close the plant next month.")
    assert values(result)["Monday"] == "2024-12-16"
    result = process(nlp, "Police said Tuesday they would release the names of the victims.")
    assert values(result)["Tuesday"] == "2024-12-17"


def test_a_day_after_that_belongs_to_the_reported_clause(nlp: Any) -> None:
    result = process(nlp, "The company said that on Monday it would close the plant.")
    assert values(result)["Monday"] == "2024-12-23"


def test_a_day_governed_by_a_present_perfect_is_a_deadline_not_the_past(nlp: Any) -> None:
    # published on a Monday: the present perfect takes no definite past day
    result = process(nlp, "The landlord has given the tenants until 11 a.m. Thursday to pay the rent.",
                     published="2024-12-16")
    assert values(result)["11 a.m. Thursday"] == "2024-12-19T11:00"
    result = process(nlp, "Lenders have extended the company $90 million in loans through January.",
                     published="2024-10-30")
    assert values(result)["January"] == "2025-01"


def test_since_a_day_and_a_past_perfect_stay_past(nlp: Any) -> None:
    assert values(process(nlp, "The museum has been closed since Friday.", published="2024-12-16"))["Friday"] \
        == "2024-12-13"
    assert values(process(nlp, "The relatives had been given until Tuesday to respond.",
                          published="2024-12-16"))["Tuesday"] == "2024-12-10"


def test_a_month_modifying_a_noun_keeps_the_past_of_a_present_perfect(nlp: Any) -> None:
    result = process(nlp, "Inspectors say they have found the cause of the October collapse of the footbridge.",
                     published="2024-04-19")
    assert values(result)["October"] == "2023-10"


def test_the_timetable_present_of_a_scheduled_event_points_ahead(nlp: Any) -> None:
    # published on a Thursday: the trial begins on the coming Monday, not the one three days ago
    assert values(process(nlp, "The trial begins Monday in Boston.", published="2013-03-21"))["Monday"] \
        == "2013-03-25"
    # a verb whose past looks like its present gives no direction
    result = process(nlp, "Falling bank shares hurt the market, whose main gauge slid 2.3% on Friday.",
                     published="2013-03-25")
    assert values(result)["Friday"] == "2013-03-22"


def test_a_deadline_of_the_present_lies_ahead(nlp: Any) -> None:
    assert values(process(nlp, "Cypriot banks remain closed until Tuesday.", published="2013-03-21"))["Tuesday"] \
        == "2013-03-26"
    assert values(process(nlp, "The banks stayed closed until Tuesday.", published="2013-03-21"))["Tuesday"] \
        == "2013-03-19"


def test_a_past_attempt_is_no_plan_of_todays(nlp: Any) -> None:
    # published in November: the July of a past attempt is this year's
    assert values(process(nlp, "Harlow tried to force through a budget in July.",
                          published="2019-11-06"))["July"] == "2019-07"
    assert values(process(nlp, "The leaders plan to meet on Saturday.", published="2019-11-06"))["Saturday"] \
        == "2019-11-09"


def test_the_timetable_present_dates_only_its_own_adverbials(nlp: Any) -> None:
    # a day after Christmas: "its own Christmas recess" is the one just past, whatever "resumes" says
    got = values(process(nlp, "The assembly resumes Thursday from its own Christmas recess.", published="2012-12-26"))
    assert got["Thursday"] == "2012-12-27"
    assert got["Christmas"] == "2012-12-25"


def test_through_a_month_of_this_year_counts_up_to_it(nlp: Any) -> None:
    got = values(process(nlp, "Through July of this year, about 12,000 have applied for the permit.",
                         published="2015-08-26"))
    assert got["July of this year"] == "2015-07"


def test_a_refusal_to_speak_on_a_day_is_past(nlp: Any) -> None:
    # published on a Wednesday: "would not say" tells what happened that day, no plan
    assert values(process(nlp, "The mayor would not say on Tuesday whether she would run again."))["Tuesday"] \
        == "2024-12-17"
    assert values(process(nlp, "The ministry declined to comment on Monday."))["Monday"] == "2024-12-16"


def test_a_day_after_starting_or_effective_lies_ahead(nlp: Any) -> None:
    assert values(process(nlp, "The new fees apply starting Monday."))["Monday"] == "2024-12-23"
    assert values(process(nlp, "Stores must close early, effective Tuesday."))["Tuesday"] == "2024-12-24"


def test_a_present_progressive_does_not_send_a_noun_s_day_ahead(nlp: Any) -> None:
    # published on a Wednesday: "Monday's vote" is the last one, whatever "are weighing" suggests
    result = process(nlp, "After Monday's vote, party leaders are weighing their next move.")
    assert values(result)["Monday"] == "2024-12-16"
    assert values(process(nlp, "The minister is meeting union leaders on Friday."))["Friday"] == "2024-12-20"


def test_a_modal_perfect_is_no_plan(nlp: Any) -> None:
    # published on a Wednesday: "should have said ... on Monday" is the nearest Monday, no plan
    result = process(nlp, "“He should have said those words on Monday,” the senator said.")
    assert values(result)["Monday"] == "2024-12-16"
    result = process(nlp, "The party would have hoped to win back the seat on Tuesday.")
    assert values(result)["Tuesday"] == "2024-12-17"
    # published 2024-10-16: the coming elections, not last year's
    result = process(nlp, "Without the injunction, the new map would have been in place for the November vote.",
                     published="2024-10-16")
    assert values(result)["November"] == "2024-11"


def test_a_plan_of_the_clause_does_not_move_a_noun_s_day(nlp: Any) -> None:
    # published on a Wednesday: "Tuesday's verdict" is yesterday's, whatever "will not seek" plans
    result = process(nlp, "The agency will not seek a review of Tuesday's verdict.")
    assert values(result)["Tuesday"] == "2024-12-17"
    # a past clause still tells of a past day: Saturday's attack is the last one, not the coming one
    result = process(nlp, "Saturday's attack killed four people.", published="2024-12-19")
    assert values(result)["Saturday"] == "2024-12-14"


def test_following_and_previous_modify_a_weekday_only_after_the(nlp: Any) -> None:
    result = process(nlp, "Following Tuesday's announcement, the speaker called the policy an abuse.",
                     published="2024-12-17")
    assert values(result)["Tuesday"] == "2024-12-17"


def test_an_adjectival_participle_takes_the_tense_of_its_be(nlp: Any) -> None:
    # published on a Monday: "are also closed Tuesday" is tomorrow, "were also closed" the Tuesday past
    assert values(process(nlp, "Post offices are also closed Tuesday.", published="2024-12-16"))[
        "Tuesday"] == "2024-12-17"
    assert values(process(nlp, "Post offices were also closed Tuesday.", published="2024-12-16"))[
        "Tuesday"] == "2024-12-10"


def test_a_participle_clause_on_a_past_clause_is_past(nlp: Any) -> None:
    # published on a Sunday: "issuing an order Tuesday" is the Tuesday past
    result = process(nlp, "The governor became the first to act, issuing an executive order Tuesday.",
                     published="2024-12-15")
    assert values(result)["Tuesday"] == "2024-12-10"
    # a plan of the main clause is not the participle's: "after shuttering in mid-March" stays past
    result = process(nlp, "Businesses are reopening after shuttering in mid-March.", published="2024-05-27")
    assert values(result)["mid-March"] == "2024-03"


def test_a_quotation_keeps_its_own_time_from_the_telling(nlp: Any) -> None:
    # published 2016-04-20: "said Thursday" is past, the quoted June is not last year's
    for text in ("\"Probably some time in June,\" he said Thursday.",
                 "“Probably some time in June,” he said Thursday."):
        assert values(process(nlp, text, published="2016-04-20"))["June"] == "2016-06"
    # a phrase quoted inside a sentence belongs to that sentence
    result = process(nlp, "The draft will be shared Friday \"or by the weekend,\" aides said.",
                     published="2017-04-20")
    assert values(result)["the weekend"] == "2017-W16-WE"


def test_as_planned_takes_the_tense_of_the_act(nlp: Any) -> None:
    # published 2024-05-08: the plan kept is past when the act is, ahead when the act is
    past = process(nlp, "The minister resigned as planned in late January.", published="2024-05-08")
    assert values(past)["late January"] == "2024-01"
    ahead = process(nlp, "The talks will resume as planned in late January.", published="2024-05-08")
    assert values(ahead)["late January"] == "2025-01"


def _parsed(nlp: Any, rows: list[tuple[str, int, str, str, str]]) -> Any:
    """A Doc with the given (word, head, dep, tag, pos) rows: a parse fixed by hand."""
    from spacy.tokens import Doc

    words, heads, deps, tags, pos = (list(col) for col in zip(*rows, strict=True))
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos)


def test_a_day_before_that_is_not_read_from_the_clause_that_opens(nlp: Any) -> None:
    from storyline.extract.time.tense import FUTURE, direction

    # invented; parsed as a tagger may: "brushed" an adjective, so "could close" governs "Thursday"
    rows = [("The", 1, "det", "DT", "DET"), ("mayor", 11, "nsubj", "NN", "NOUN"),
            ("brushed", 11, "advmod", "JJ", "ADJ"), ("aside", 2, "prt", "RP", "ADP"),
            ("warnings", 2, "dobj", "NNS", "NOUN"), ("on", 2, "prep", "IN", "ADP"),
            ("Thursday", 5, "pobj", "NNP", "PROPN"), ("that", 11, "mark", "IN", "SCONJ"),
            ("a", 9, "det", "DT", "DET"), ("strike", 11, "nsubj", "NN", "NOUN"),
            ("could", 11, "aux", "MD", "AUX"), ("close", 11, "ROOT", "VB", "VERB"),
            ("ports", 11, "dobj", "NNS", "NOUN"), (".", 11, "punct", ".", "PUNCT")]
    doc = _parsed(nlp, rows)
    day = doc[6]
    assert direction(doc, day.idx, day.idx + len(day.text)) == NONE  # outside the "that" clause: no tense
    # inside it, the clause's modal still points ahead: "warned that a strike could close ports on Thursday"
    rows = [("Unions", 1, "nsubj", "NNS", "NOUN"), ("warned", 1, "ROOT", "VBD", "VERB"),
            ("that", 6, "mark", "IN", "SCONJ"), ("a", 4, "det", "DT", "DET"),
            ("strike", 6, "nsubj", "NN", "NOUN"), ("could", 6, "aux", "MD", "AUX"),
            ("close", 1, "ccomp", "VB", "VERB"), ("ports", 6, "dobj", "NNS", "NOUN"),
            ("on", 6, "prep", "IN", "ADP"), ("Thursday", 8, "pobj", "NNP", "PROPN"), (".", 1, "punct", ".", "PUNCT")]
    doc = _parsed(nlp, rows)
    day = doc[9]
    assert direction(doc, day.idx, day.idx + len(day.text)) == FUTURE


def test_a_plan_on_a_noun_of_a_past_clause_is_the_nearest_day(nlp: Any) -> None:
    # published Sunday 2025-03-09: the events were planned before, so the nearest Saturday, yesterday
    text = "The parade drew the biggest crowd of the marches slated for Saturday."
    result = process(nlp, text, published="2025-03-09")
    assert values(result)["Saturday"] == "2025-03-08"


def test_a_plan_on_a_noun_of_a_present_or_future_clause_stays_ahead(nlp: Any) -> None:
    found = values(process(nlp, "The vote scheduled for Friday will decide the matter.", published="2025-03-09"))
    assert found["Friday"] == "2025-03-14"
    found = values(process(nlp, "The talks scheduled for Tuesday are off.", published="2025-03-09"))
    assert found["Tuesday"] == "2025-03-11"
