"""Quotes: content read from the structure of the parse (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import spacy
from spacy.tokens import Doc

from storyline.extract.quotes.attribution import (
    Parsed,
    _content_tokens,
    _inverted_name,
    _named_before,
    _sentence_final,
    _set_off_subject,
    reported_speech,
)
from storyline.extract.quotes.cues import load_cues
from storyline.extract.quotes.marks import find_passages
from tests.extract.helpers import one, quotes_of, speaker_of


def test_pronoun_object_with_an_as_predicate_is_the_content(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The governor also regards her as a rival who cannot be trusted."), "rival")
    assert q.text.startswith("her as a rival") and q.cue == "regards"
    assert speaker_of(q) == "The governor"


def test_pronoun_object_alone_is_not_a_content(nlp: Any) -> None:
    assert not [q for q in quotes_of(nlp, "The spokesman would not confirm it on Monday.") if q.cue == "confirm"]


def test_object_after_the_cue_wins_over_a_clause_before_a_colon(nlp: Any) -> None:
    text = "The group's method is far more aggressive: it often posts whole archives online without any editing."
    q = one(quotes_of(nlp, text), "archives")
    assert q.cue == "posts" and "aggressive" not in q.text


def test_trailing_cue_after_a_long_subject(nlp: Any) -> None:
    text = ("“The budget will not pass in its present form,” Maria Lopez, the chair of the finance committee "
            "of the regional assembly, said on Tuesday.")
    q = one(quotes_of(nlp, text), "budget")
    assert q.direct and q.cue == "said" and q.text == "The budget will not pass in its present form,"
    assert q.speaker is not None and q.speaker.entity_text.startswith("Maria Lopez")


def test_a_title_in_quotes_does_not_take_the_cue_of_the_sentence(nlp: Any) -> None:
    text = ("On “Morning Report,” the governor of the northern province of the country said that the roads "
            "would reopen next week.")
    q = one(quotes_of(nlp, text), "roads")
    assert not q.direct and q.cue == "said"


def test_object_of_a_topic_preposition_is_the_content(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The senator apologized for her remarks about the farmers."), "remarks")
    assert q.text == "her remarks about the farmers"
    assert speaker_of(q) == "The senator"
    q = one(quotes_of(nlp, "The appeals court ruled on the new voting procedure."), "procedure")
    assert q.text == "the new voting procedure" and q.cue == "ruled"


def test_a_date_a_place_or_an_addressee_after_a_cue_is_not_a_content(nlp: Any) -> None:
    assert not quotes_of(nlp, "The minister spoke on Tuesday.")
    assert not quotes_of(nlp, "The minister spoke in Kabul.")
    assert not quotes_of(nlp, "The minister spoke with reporters.")


def test_subject_of_any_verb_holds_its_nominal_cue_object(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The governor unleashed a fierce attack on the new budget."), "budget")
    assert q.cue == "attack" and q.speaker is not None and q.speaker.entity_text == "The governor"


def test_subject_of_a_receiving_verb_does_not_hold_its_nominal_cue(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The mayor faced criticism for the delays.")
    assert not [q for q in quotes if q.speaker is not None and q.speaker.entity_text == "The mayor"]


def test_a_nominal_cue_takes_the_object_of_a_topic_preposition(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The senator's argument about the tariffs was weak."), "tariffs")
    assert q.text == "the tariffs" and q.cue == "argument"


def test_a_nominal_cue_after_with_or_in_belongs_to_the_verbs_subject(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The mayor opened the session with sharp criticism of the budget."), "budget")
    assert q.cue == "criticism" and q.speaker is not None and q.speaker.entity_text == "The mayor"
    q = one(quotes_of(nlp, "The senator will headline a rally in support of the new bill."), "bill")
    assert q.cue == "support" and q.speaker is not None and q.speaker.entity_text == "The senator"


def test_a_title_after_a_preposition_is_not_a_quote(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The governor said on “Morning Report” that the roads would reopen.")
    assert [q.text for q in quotes] == ["that the roads would reopen"]
    assert [q.text for q in quotes_of(nlp, "“We Are Not Done,” the mayor said in his speech.")] == ["We Are Not Done,"]


def test_a_cue_less_quote_continues_the_speaker_only_as_a_paragraph_of_its_own(nlp: Any) -> None:
    alone = "“We will rebuild the bridge,” the mayor said.\n\n“It will take two years and cost a great deal.”"
    q = one(quotes_of(nlp, alone), "two years")
    assert speaker_of(q) == "the mayor"
    shared = ("“We will rebuild the bridge,” the mayor said.\n\n"
              "Across town, the reaction was cool. “It will take two years and cost a great deal.”")
    assert not [q for q in quotes_of(nlp, shared) if "two years" in q.text]


def test_according_to_parsed_as_the_root_of_its_sentence(nlp: Any) -> None:
    text = ("According to a March 2019 survey by the Rand Institute based on tax records from 2017, "
            "young renters in Ohio save less than their parents did.")
    q = one(quotes_of(nlp, text), "young renters")
    assert q.cue == "according to" and "Rand" not in q.text


def test_a_pronoun_speaker_keeps_the_clause_that_names_it(nlp: Any) -> None:
    q = one(quotes_of(nlp, "Those polled said housing was their main worry."), "housing")
    assert speaker_of(q) == "Those polled"
    q = one(quotes_of(nlp, "The minister, who has led the talks for years, said the deal was close."), "deal")
    assert speaker_of(q) == "The minister"


def test_a_new_statement_after_a_quote_that_ends_its_sentence(nlp: Any) -> None:
    text = ("She closed with her old motto: “Build the bridge now!” Supporters still praise her refusal "
            "to give up on the project.")
    quotes = quotes_of(nlp, text)
    assert not [q for q in quotes if "bridge" in q.text and q.speaker is not None
                and q.speaker.entity_text == "Supporters"]
    assert one(quotes, "refusal").cue == "praise"
    q = one(quotes_of(nlp, "“Why now?” Sanders asked the crowd."), "Why now")
    assert q.direct and q.cue == "asked"


def test_a_relative_clause_set_off_by_a_comma_is_not_part_of_the_content(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The mayor criticized the budget, which the council said was unfair.")
    assert one(quotes, "budget").text == "the budget"
    assert speaker_of(one(quotes, "unfair")) == "the council"
    restrictive = one(quotes_of(nlp, "The senator praised the governor who took office in May."), "governor")
    assert restrictive.text == "the governor who took office in May"


def test_attribute_values_of_markup_are_not_quotes(nlp: Any) -> None:
    text = ("Their rivals, for their part, offered their sympathy to the families:\n\n"
            '<tweet pic="" author="MayorLund" timestamp="1602345600" tweet_id="1314987654321098752">'
            "Thinking of everyone hurt by the floods in Iowa today.</tweet>.\n\n"
            '<tweet pic="" author="RepOkoro" timestamp="1602345600" tweet_id="1314990012345678901">'
            "The flooding looks terrible. Thank you to the rescue crews, stay safe.</tweet>.")
    assert [q.text for q in quotes_of(nlp, text)] == ["their sympathy"]


def test_a_cue_set_off_by_commas_frames_its_sentence(nlp: Any) -> None:
    text = "If the county refuses the offer, the union leader warned, its members plan to strike in March."
    quotes = quotes_of(nlp, text)
    q = one(quotes, "strike")
    assert q.cue == "warned" and speaker_of(q) == "the union leader"
    assert q.text.startswith("If the county refuses the offer") and "warned" not in q.text
    assert not [x for x in quotes if x.cue in ("plan", "refuses")]
    q = one(quotes_of(nlp, "Unless the bill changes, she cautioned, farmers intend to sell their land."), "land")
    assert q.cue == "cautioned" and q.text.startswith("Unless the bill changes")


def test_a_passive_with_its_agent_attributes_whatever_the_verb(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The new budget is backed by most members of the council."), "budget")
    assert q.cue == "backed" and speaker_of(q) == "most members of the council" and q.text == "The new budget"
    q = one(quotes_of(nlp, "The reform was seen by some as a betrayal of the voters."), "reform")
    assert speaker_of(q) == "some" and q.text == "The reform as a betrayal of the voters"


def test_a_verb_that_reports_only_a_clause_may_frame_its_sentence(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The plant was closed in May, the company added, and will be sold next year."), "plant")
    assert q.cue == "added" and speaker_of(q) == "the company" and q.text == "The plant was closed in May"


def test_a_verb_of_belief_coordinated_inside_a_reported_clause_is_part_of_it(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The nurse said she was relieved but still feared the new rules.")
    assert [(q.cue, q.text) for q in quotes] == [("said", "she was relieved but still feared the new rules")]
    quotes = quotes_of(nlp, "The mayor said he would review the budget and warned against new taxes.")
    assert speaker_of(one(quotes, "new taxes")) == "The mayor"
    assert one(quotes, "review").text == "he would review the budget"


def test_a_coordinated_participle_inside_a_content_is_part_of_it(nlp: Any) -> None:
    quotes = quotes_of(nlp, "Farmers have blamed the new rule for raising costs and pushing up food prices.")
    assert [(q.cue, q.text) for q in quotes] == [
        ("blamed", "the new rule for raising costs and pushing up food prices")]
    quotes = quotes_of(nlp, "The senator said the plan was flawed, arguing that it would raise taxes.")
    assert speaker_of(one(quotes, "raise taxes")) == "The senator"


def test_according_to_frames_the_cues_of_its_sentence_except_verbs_of_saying(nlp: Any) -> None:
    for text in ("According to the survey, most parents want longer school days.",
                 "Most parents want longer school days, according to a new survey."):
        quotes = quotes_of(nlp, text)
        assert [q.cue for q in quotes] == ["according to"] and "want longer school days" in quotes[0].text
    quotes = quotes_of(nlp, "According to the paper, the governor said that taxes would rise.")
    assert [(q.cue, speaker_of(q)) for q in quotes] == [("according to", "the paper"), ("said", "the governor")]


def test_a_contracted_has_before_a_participle_with_an_object_is_no_passive(nlp: Any) -> None:
    q = one(quotes_of(nlp, "She's criticized the plan since May."), "plan")
    assert q.cue == "criticized" and speaker_of(q) == "She" and q.text == "the plan"


def test_a_quote_that_opens_the_reported_clause_goes_on_with_it(nlp: Any) -> None:
    text = "The governor said “it makes me furious” every time he reads about the program."
    q = one(quotes_of(nlp, text), "furious")
    assert not q.direct and q.cue == "said" and q.text.endswith("every time he reads about the program")
    q = one(quotes_of(nlp, "The governor said, “It makes me furious.”"), "furious")
    assert q.direct and q.text == "It makes me furious."


def test_a_quote_running_past_the_clause_its_cue_reports_joins_that_clause(nlp: Any) -> None:
    text = "The coach said that the defeat was “a wake-up call for every one of us. We will train harder, and we " \
        "will be back next year.”"
    quotes = quotes_of(nlp, text)
    assert len(quotes) == 1, [(q.cue, q.text) for q in quotes]
    assert "the defeat" in quotes[0].text and "back next year" in quotes[0].text


def test_a_sentence_final_cue_before_a_paragraph_break_gives_the_sentence() -> None:
    # the parse as the tagger gives it at the end of a paragraph: the break is a token of the sentence
    words = ["The", "fire", "spread", "fast", ",", "officials", "said", ".", "\n\n"]
    heads = [1, 2, 6, 2, 6, 6, 6, 6, 6]
    deps = ["det", "nsubj", "advcl", "advmod", "punct", "nsubj", "ROOT", "punct", "dep"]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True, True, True, False, True, True, False, False, False],
              heads=heads, deps=deps, sent_starts=[True] + [False] * 8)
    assert sorted(_sentence_final(doc[6])) == [0, 1, 2, 3]


def test_a_cue_with_a_clause_of_its_own_after_a_quote_inside_a_sentence_is_not_the_quotes(nlp: Any) -> None:
    text = "The coach blamed the loss on a “terrible call,” claiming the referee had missed an obvious foul."
    quotes = quotes_of(nlp, text)
    claim = one(quotes, "missed an obvious foul")
    assert claim.cue == "claiming" and speaker_of(claim) == "The coach" and "terrible call" not in claim.text
    assert one(quotes, "terrible call").cue == "blamed"
    opening = one(quotes_of(nlp, "“We will be back next year,” the coach said the players told him."), "back next year")
    assert opening.direct and speaker_of(opening) == "the coach"


def test_quotation_marks_inside_the_phrase_naming_the_speaker_are_not_a_quote(nlp: Any) -> None:
    text = "“We will build it,” said Ann Lee, whose “little protest” drew thousands last spring."
    assert [(q.text, speaker_of(q)) for q in quotes_of(nlp, text)] == [("We will build it,", "Ann Lee")]


def _slipped_parse(words: list[str], heads: list[int], deps: list[str], pos: list[str], tags: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
               spaces=[nxt not in (",", ".") for nxt in words[1:] + ["."]],
               sent_starts=[True] + [False] * (len(words) - 1))


def test_a_verb_of_saying_left_without_a_subject_takes_the_set_off_phrase_before_it() -> None:
    # "The dam will hold, an engineer, Ann Lee, 44, said.", parsed with no subject for "said"
    words = ["The", "dam", "will", "hold", ",", "an", "engineer", ",", "Ann", "Lee", ",", "44", ",", "said", "."]
    heads = [1, 3, 3, 13, 13, 6, 3, 6, 9, 6, 9, 9, 9, 13, 13]
    deps = ["det", "nsubj", "aux", "ccomp", "punct", "det", "npadvmod", "punct", "compound", "appos", "punct",
            "appos", "punct", "ROOT", "punct"]
    pos = ["DET", "NOUN", "AUX", "VERB", "PUNCT", "DET", "NOUN", "PUNCT", "PROPN", "PROPN", "PUNCT", "NUM",
           "PUNCT", "VERB", "PUNCT"]
    tags = ["DT", "NN", "MD", "VB", ",", "DT", "NN", ",", "NNP", "NNP", ",", "CD", ",", "VBD", "."]
    doc = _slipped_parse(words, heads, deps, pos, tags)
    speaker = _set_off_subject(doc[13], Parsed(doc, [], doc.text))
    assert speaker is not None and speaker.text == "Lee"  # past the age, an aside
    # "Most wells ran dry, said Lee.": a clause, not a noun phrase, before the comma
    doc = _slipped_parse(["Most", "wells", "ran", "dry", ",", "said", "Lee", "."], [1, 2, 5, 2, 5, 5, 5, 5],
                         ["amod", "nsubj", "ccomp", "acomp", "punct", "ROOT", "dobj", "punct"],
                         ["ADJ", "NOUN", "VERB", "ADJ", "PUNCT", "VERB", "PROPN", "PUNCT"],
                         ["JJS", "NNS", "VBD", "JJ", ",", "VBD", "NNP", "."])
    assert _set_off_subject(doc[5], Parsed(doc, [], doc.text)) is None


def test_a_clause_of_contrast_set_off_by_a_comma_is_not_part_of_the_content(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The coach argued that the team had improved, whereas the fans said it was worse.")
    assert [(q.cue, speaker_of(q), q.text) for q in quotes] == [
        ("argued", "The coach", "that the team had improved"), ("said", "the fans", "it was worse")]


def test_an_apposition_carrying_a_relative_clause_is_not_part_of_the_content(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The senator praised Tom Reed, a banker who has backed the new port, for his work."), "Reed")
    assert q.cue == "praised" and q.text == "Tom Reed for his work"


def test_the_subject_of_a_passive_verb_of_asking_or_telling_is_its_addressee_not_its_content(nlp: Any) -> None:
    q = one(quotes_of(nlp, "At the hearing, the mayor was asked whether the bridge would reopen in May."), "bridge")
    assert q.cue == "asked" and q.speaker is None and q.text == "whether the bridge would reopen in May"
    q = one(quotes_of(nlp, "The coach was asked a blunt question about the team's defence."), "question")
    assert q.text == "a blunt question about the team's defence"


def test_a_topic_preposition_comes_before_one_that_may_name_an_addressee(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The coach apologized to the fans for the late start."), "late start")
    assert q.cue == "apologized" and speaker_of(q) == "The coach" and q.text == "the late start"


def test_an_indirect_question_parsed_as_a_condition_is_what_was_asked(nlp: Any) -> None:
    quotes = quotes_of(nlp, "He asked the crowd if they liked the plan.")
    assert [(q.cue, speaker_of(q), q.text) for q in quotes] == [("asked", "He", "if they liked the plan")]


def test_an_indirect_question_parsed_as_a_condition_after_a_passive_verb_of_asking_is_its_content(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The farmer was asked if the crops had been damaged by the frost."), "crops")
    assert q.cue == "asked" and q.speaker is None and q.text == "if the crops had been damaged by the frost"


def test_a_by_agent_hung_from_the_as_phrase_of_a_passive_is_its_speaker(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The new bridge was described as a triumph by local engineers."), "bridge")
    assert q.cue == "described" and speaker_of(q) == "local engineers" and q.text == "The new bridge as a triumph"



def test_a_title_with_a_symbol_for_a_word_is_not_a_quote(nlp: Any) -> None:
    text = "On “Farm & Home,” the governor discussed the plan to rebuild the roads."
    assert not [q for q in quotes_of(nlp, text) if q.direct]


def test_a_title_after_the_noun_it_names_is_not_a_quote(nlp: Any) -> None:
    text = "During the documentary “Rivers of Gold,” the governor discussed the plan to rebuild the roads."
    assert not [q for q in quotes_of(nlp, text) if q.direct]


def test_the_phrases_after_a_verbs_object_go_with_it(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The senator chastised the mayor for refusing to ask the state for help.")
    assert [(q.cue, q.text) for q in quotes] == [("chastised", "the mayor for refusing to ask the state for help")]


def test_a_pronoun_object_with_a_topic_phrase_after_it_is_content(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The senator chastised them over the delays at the port."), "delays")
    assert q.cue == "chastised" and q.text == "them over the delays at the port"
    assert not [q for q in quotes_of(nlp, "The spokesman would not confirm it on Monday.") if q.cue == "confirm"]
    assert not quotes_of(nlp, "The senator chastised them at the port.")


def test_a_that_clause_hung_on_a_noun_of_the_verbs_phrase_is_what_was_said(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The coach said in a series of posts that the team had been treated unfairly."), "team")
    assert q.cue == "said" and speaker_of(q) == "The coach" and q.text == "that the team had been treated unfairly"
    text = "The coach told reporters in a series of posts that the team had been treated unfairly."
    q = one(quotes_of(nlp, text), "team")
    assert q.cue == "told" and speaker_of(q) == "The coach" and q.text == "that the team had been treated unfairly"


def test_an_as_predicate_hung_from_the_verb_or_the_object_goes_with_the_object(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The governor sees the mayor as beholden to the developers."), "mayor")
    assert q.cue == "sees" and speaker_of(q) == "The governor" and q.text == "the mayor as beholden to the developers"
    q = one(quotes_of(nlp, "Fishermen see the quotas set last year as a threat to their towns."), "quotas")
    assert q.cue == "see" and speaker_of(q) == "Fishermen" and q.text.endswith("as a threat to their towns")
    assert not [q for q in quotes_of(nlp, "The fishermen saw the storm as they left the harbour.") if q.cue == "saw"]


def test_what_a_document_finds_is_its_object(nlp: Any) -> None:
    q = one(quotes_of(nlp, "The report finds the agency with a large backlog of claims."), "agency")
    assert q.cue == "finds" and speaker_of(q) == "The report" and q.text == "the agency with a large backlog of claims"
    assert not [q for q in quotes_of(nlp, "The inspectors found a way into the building.") if q.cue == "found"]


def test_a_statement_before_a_coordinated_cue_of_a_direct_quote_stands_on_its_own(nlp: Any) -> None:
    text = "The mayor says she trusts the chief and calls him “a master of patience who never rushes a difficult case.”"
    quotes = quotes_of(nlp, text)
    assert ("says", "The mayor", "she trusts the chief") in [(q.cue, speaker_of(q), q.text) for q in quotes]
    assert one(quotes, "master").cue == "calls"


def test_a_verb_of_saying_left_without_a_subject_after_a_quote_takes_the_name_after_it() -> None:
    # "“It will hold,” said retired judge Ann Lee, pointing to the dam.", the name parsed as the
    # subject of "pointing"
    words = ["“", "It", "will", "hold", ",", "”", "said", "retired", "judge", "Ann", "Lee", ",", "pointing", "to",
             "the", "dam", "."]
    heads = [6, 3, 3, 6, 6, 6, 6, 8, 10, 10, 12, 10, 6, 12, 15, 13, 6]
    deps = ["punct", "nsubj", "aux", "ccomp", "punct", "punct", "ROOT", "amod", "compound", "compound", "nsubj",
            "punct", "ccomp", "prep", "det", "pobj", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "VERB", "VERB", "NOUN", "PROPN", "PROPN", "PUNCT",
           "VERB", "ADP", "DET", "NOUN", "PUNCT"]
    tags = ["``", "PRP", "MD", "VB", ",", "''", "VBD", "VBN", "NN", "NNP", "NNP", ",", "VBG", "IN", "DT", "NN", "."]
    ents = ["O"] * 9 + ["B-PERSON", "I-PERSON"] + ["O"] * 6
    spaces = [False, True, True, False, False, True, True, True, True, True, False, True, True, True, True, False,
              False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
              ents=ents, sent_starts=[True] + [False] * 16)
    parsed = Parsed(doc, find_passages(doc.text), doc.text)
    speaker = _inverted_name(doc[6], parsed)
    assert speaker is not None and speaker.text == "Lee"
    assert _inverted_name(doc[12], parsed) is None  # "pointing" follows a name, not a quote


def test_a_direct_quote_whose_cue_heads_the_clause_another_verb_reports_is_part_of_that_report(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The senator said he replied: “We will not be moved by threats of any kind.”")
    assert [(q.cue, speaker_of(q)) for q in quotes] == [("said", "The senator")]
    assert quotes[0].text.startswith("he replied:") and "threats of any kind" in quotes[0].text
    quotes = quotes_of(nlp, "Investigators say that she told a deputy, “I would do it all again tomorrow.”")
    assert [(q.cue, speaker_of(q)) for q in quotes] == [("say", "Investigators")]


def test_a_that_clause_parsed_as_an_adverbial_clause_of_the_cue_is_its_complement() -> None:
    # "She reminded parents that the plant closed.", the clause hung from the verb as an advcl
    doc = _slipped_parse(["She", "reminded", "parents", "that", "the", "plant", "closed", "."],
                         [1, 1, 1, 6, 5, 6, 1, 1],
                         ["nsubj", "ROOT", "dobj", "mark", "det", "nsubj", "advcl", "punct"],
                         ["PRON", "VERB", "NOUN", "SCONJ", "DET", "NOUN", "VERB", "PUNCT"],
                         ["PRP", "VBD", "NNS", "IN", "DT", "NN", "VBD", "."])
    assert sorted(_content_tokens(doc[1], load_cues())) == [3, 4, 5, 6]


def test_a_verb_of_saying_left_without_a_subject_after_a_quote_takes_the_noun_phrase_after_it() -> None:
    # "“We lost,” added a county official.", the phrase parsed as the verb's object
    words = ["“", "We", "lost", ",", "”", "added", "a", "county", "official", "."]
    heads = [5, 2, 5, 5, 5, 5, 8, 8, 5, 5]
    deps = ["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "det", "compound", "dobj", "punct"]
    pos = ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "DET", "NOUN", "NOUN", "PUNCT"]
    tags = ["``", "PRP", "VBD", ",", "''", "VBD", "DT", "NN", "NN", "."]
    spaces = [False, True, False, False, True, True, True, True, False, False]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags,
              sent_starts=[True] + [False] * 9)
    speaker = _inverted_name(doc[5], Parsed(doc, find_passages(doc.text), doc.text))
    assert speaker is not None and speaker.text == "official"
    # "“We lost,” said Monday.": a date is nobody
    words = ["“", "We", "lost", ",", "”", "said", "Monday", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[False, True, False, False, True, True, False, False],
              heads=[5, 2, 5, 5, 5, 5, 5, 5], deps=["punct", "nsubj", "ccomp", "punct", "punct", "ROOT", "npadvmod",
                                                    "punct"],
              pos=["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "VERB", "PROPN", "PUNCT"],
              tags=["``", "PRP", "VBD", ",", "''", "VBD", "NNP", "."], ents=["O"] * 6 + ["B-DATE", "O"],
              sent_starts=[True] + [False] * 7)
    assert _inverted_name(doc[5], Parsed(doc, find_passages(doc.text), doc.text)) is None


def test_a_quote_cue_without_a_speaker_in_the_parse_takes_a_name_of_its_sentence() -> None:
    # "Columnist Ann Lee, in a long post, wrote, “It is over.”", parsed with no subject for "wrote"
    words = ["Columnist", "Ann", "Lee", ",", "in", "a", "long", "post", ",", "wrote", ",", "“", "It", "is", "over",
             ".", "”"]
    spaces = [True, True, False, True, True, True, True, False, True, False, True, False, True, True, False, False,
              False]
    ents = ["O", "B-PERSON", "I-PERSON"] + ["O"] * 14
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces, ents=ents, sent_starts=[True] + [False] * 16)
    speaker = _named_before(doc[9], Parsed(doc, find_passages(doc.text), doc.text))
    assert speaker is not None and speaker.text in ("Ann", "Lee")
    assert _named_before(doc[1], Parsed(doc, find_passages(doc.text), doc.text)) is None  # the name itself
    after = _named_before(doc[0], Parsed(doc, find_passages(doc.text), doc.text))  # else the first name after it
    assert after is not None and after.text in ("Ann", "Lee")


def test_a_verb_of_saying_without_a_subject_in_the_parse_is_held_by_a_name_of_its_sentence() -> None:
    # "Then Lee quietly said the plant would close.", the name parsed as a modifier of the verb
    words = ["Then", "Lee", "quietly", "said", "the", "plant", "would", "close", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=[True] * 7 + [False, False],
              heads=[3, 3, 3, 3, 5, 7, 7, 3, 3],
              deps=["advmod", "npadvmod", "advmod", "ROOT", "det", "nsubj", "aux", "ccomp", "punct"],
              pos=["ADV", "PROPN", "ADV", "VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
              tags=["RB", "NNP", "RB", "VBD", "DT", "NN", "MD", "VB", "."],
              lemmas=["then", "Lee", "quietly", "say", "the", "plant", "would", "close", "."],
              ents=["O", "B-PERSON"] + ["O"] * 7, sent_starts=[True] + [False] * 8)
    found = reported_speech(Parsed(doc, [], doc.text), load_cues(), set())
    assert [(f.cue.text, f.speaker.text, doc.text[f.start:f.end]) for f in found] \
        == [("said", "Lee", "the plant would close")]


def test_a_date_after_a_nominal_cue_is_when_it_was_said_not_what(nlp: Any) -> None:
    quotes = quotes_of(nlp, "The harbour trust said in a statement on Monday that the canal was closed.")
    assert [(q.cue, q.text) for q in quotes] == [("said", "that the canal was closed")]
    assert speaker_of(quotes[0]) == "The harbour trust"


def test_a_cue_before_a_colon_introduces_the_next_quote_not_the_one_before(nlp: Any) -> None:
    text = "Mara Voss warned against “any delay at the dam.” She told reporters: “The river will not wait.”"
    quotes = quotes_of(nlp, text)
    first, second = one(quotes, "any delay"), one(quotes, "will not wait")
    assert first is not second and "will not wait" not in first.text
    assert (first.cue, speaker_of(first)) == ("warned against", "Mara Voss")
    assert second.cue == "told" and second.speaker is not None and second.speaker.identifier_text == "Mara Voss"


def test_a_pronoun_after_a_newer_main_clause_subject_points_at_that_subject(nlp: Any) -> None:
    text = ("“The dam is safe,” said Tom Berger, the engineer.\n\n"
            "Nadia Okafor, a hydrologist, disagreed. “It could fail within a year,” she said.")
    q = one(quotes_of(nlp, text), "could fail")
    assert q.speaker is not None and q.speaker.identifier_text == "Nadia Okafor"


def test_a_name_inside_the_quote_or_a_subordinate_clause_is_no_antecedent(nlp: Any) -> None:
    text = ("“The dam is safe,” said Tom Berger, the engineer. He added that if Nadia Okafor wins the vote, "
            "the works stop. “I doubt that Nadia Okafor will win,” he said.")
    q = one(quotes_of(nlp, text), "I doubt")
    assert q.speaker is not None and q.speaker.identifier_text == "Tom Berger"
