"""Events per sentence: every PLOVER type, the modes, parties, dates and places (own sentences)."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.document_stage import run_document_stage
from storyline.extract.events.lexicon import TYPES, load_lexicon, merge
from storyline.model import Document, Event


def events_of(nlp: Any, text: str, published: str = "2022-03-10") -> list[Event]:
    doc = Document(id="t1", text=text, published=published, format="jsonl")
    outcome = next(iter(run_document_stage([doc], nlp)))
    return sorted(outcome.articles[0].events, key=lambda e: -e.confidence)


def top(nlp: Any, text: str) -> Event:
    found = events_of(nlp, text)
    assert found, text
    return found[0]


def names(parties: Any) -> set[str]:
    return {p.entity_text for p in parties}


TYPE_CASES = [
    ("AGREE", "Germany and France agreed on Monday to extend the trade pact."),
    ("CONSULT", "The Pakistani foreign minister met Chinese President Xi Jinping in Beijing on Tuesday."),
    ("SUPPORT", "The European Union praised Kenya for its handling of the election."),
    ("CONCEDE", "The Iranian government released two British nationals on Friday."),
    ("COOPERATE", "Colombia and Ecuador shared intelligence about the rebels last year."),
    ("AID", "Japan donated 20 million dollars to Haiti after the earthquake."),
    ("RETREAT", "Russian troops withdrew from the city of Kherson in November."),
    ("REQUEST", "The Secretary-General called on Israel to halt the construction of settlements."),
    ("ACCUSE", "Turkey accused Greece of violating its airspace."),
    ("REJECT", "North Korea rejected the proposal by South Korea."),
    ("THREATEN", "China threatened to impose tariffs on Australian wine."),
    ("PROTEST", "Thousands of students protested in Dhaka against the new law."),
    ("SANCTION", "The United States imposed sanctions on Venezuela's state oil company."),
    ("MOBILIZE", "India deployed additional troops along the border with China."),
    ("COERCE", "Egyptian police arrested three journalists in Cairo on Sunday."),
    ("ASSAULT", "Militants attacked a police station in Peshawar, killing five officers."),
]


@pytest.mark.parametrize(("kind", "text"), TYPE_CASES)
def test_every_type(nlp: Any, kind: str, text: str) -> None:
    found = events_of(nlp, text)
    assert kind in {e.event for e in found}, (text, [e.event for e in found])


MORE_CASES = [
    ("THREATEN", "Hamas vowed to retaliate for the killing of its leader."),
    ("COERCE", "The army declared martial law in the province."),
    ("AGREE", "The two countries signed a free trade agreement in Seoul on Monday."),
    ("AGREE", "Syria pledged to cooperate with the inspectors."),
    ("AGREE", "Rebel leaders expressed willingness to negotiate with the government."),
    ("CONSULT", "The Egyptian president hosted talks between Israeli and Palestinian negotiators in Cairo."),
    ("CONSULT", "Foreign ministers of the two countries discussed the border dispute by telephone."),
    ("SUPPORT", "Britain welcomed the decision by Libya to give up its weapons programme."),
    ("SUPPORT", "The Pope expressed support for the peace process in Northern Ireland."),
    ("CONCEDE", "Israel eased restrictions on the movement of Palestinians in the West Bank."),
    ("CONCEDE", "The government lifted the state of emergency in the capital."),
    ("COOPERATE", "Pakistan extradited the suspect to the United States."),
    ("AID", "The World Bank approved a loan of 50 million dollars to Ghana."),
    ("AID", "France granted political asylum to the dissident."),
    ("RETREAT", "Serbian forces pulled out of Kosovo."),
    ("RETREAT", "The rebels declared a ceasefire on Sunday."),
    ("REQUEST", "Kenya appealed to donors for food aid."),
    ("REQUEST", "The opposition demanded the resignation of the prime minister."),
    ("ACCUSE", "Human rights groups criticized the government for the arrests."),
    ("ACCUSE", "Police are investigating the murder of a journalist."),
    ("REJECT", "Iran refused to suspend uranium enrichment."),
    ("REJECT", "The president vetoed the bill passed by parliament."),
    ("THREATEN", "The United States warned Syria of serious consequences."),
    ("THREATEN", "Russia threatened to cut off gas supplies to Ukraine."),
    ("PROTEST", "Workers went on strike in protest against the wage cuts."),
    ("PROTEST", "Hundreds of demonstrators rallied outside the embassy."),
    ("SANCTION", "Canada expelled two Russian diplomats."),
    ("SANCTION", "The European Union imposed an arms embargo on Sudan."),
    ("SANCTION", "Washington broke off diplomatic relations with Cuba."),
    ("MOBILIZE", "Turkey massed troops on the Iraqi border."),
    ("MOBILIZE", "Thailand put its army on high alert."),
    ("COERCE", "Soldiers seized control of the state television building."),
    ("COERCE", "Authorities deported hundreds of illegal immigrants."),
    ("COERCE", "The government banned the opposition party."),
    ("ASSAULT", "Gunmen kidnapped two foreign aid workers in Somalia."),
    ("ASSAULT", "Israeli aircraft bombed targets in southern Lebanon."),
    ("ASSAULT", "A suicide bomber blew himself up in a crowded market in Baghdad."),
    ("ASSAULT", "Troops fought with rebels near the border."),
]


@pytest.mark.parametrize(("kind", "text"), MORE_CASES)
def test_top_type(nlp: Any, kind: str, text: str) -> None:
    """CAMEO-style sentences (our own): the most confident event has the type."""
    assert top(nlp, text).event == kind, text


def test_cases_cover_every_type() -> None:
    assert {k for k, _ in TYPE_CASES} == set(TYPES)
    lex = load_lexicon()
    assert set(lex.quad) == set(TYPES)
    assert {t.type for t in lex.verbs.values()} == set(TYPES)


def test_actor_recipient_codes_and_place(nlp: Any) -> None:
    event = top(nlp, "The Pakistani foreign minister met Chinese President Xi Jinping in Beijing on Tuesday.")
    assert event.event == "CONSULT"
    assert any(p.code == "PAK" for p in event.actor)
    assert "Xi Jinping" in names(event.recipient)
    assert event.event_loc is not None and event.event_loc.name == "Beijing"
    assert event.event_loc.country == "CHN" and event.event_loc.lat is not None
    assert event.when.iso() == "2022-03-08"
    assert event.quad_code == 1


def test_reciprocal_parties_are_all_actors(nlp: Any) -> None:
    event = top(nlp, "Germany and France agreed on Monday to extend the trade pact.")
    assert event.event == "AGREE"
    assert {"Germany", "France"} <= names(event.actor)


def test_calls_for_is_request(nlp: Any) -> None:
    event = top(nlp, "The Red Cross called for a ceasefire in Yemen.")
    assert event.event == "REQUEST"
    assert "Red Cross" in " ".join(names(event.actor))


def test_future_meeting_is_agree_and_keeps_the_planned_meeting(nlp: Any) -> None:
    found = events_of(nlp, "A US delegation will meet Taliban representatives in Doha on Saturday.", "2021-10-08")
    kinds = {e.event: e for e in found}
    assert found[0].event == "AGREE"
    assert kinds["CONSULT"].mode == "future"
    assert kinds["CONSULT"].when.iso() == "2021-10-09"
    assert kinds["CONSULT"].event_loc is not None and kinds["CONSULT"].event_loc.country == "QAT"


def test_negated_and_hypothetical_modes(nlp: Any) -> None:
    assert top(nlp, "Hungary did not accept the migrant quota.").mode == "negated"
    assert top(nlp, "No country has recognised the new government in Kabul.").mode == "negated"
    found = events_of(nlp, "Israel would withdraw from the area if the attacks stopped.")
    assert found[0].event == "AGREE"
    assert any(e.event == "RETREAT" and e.mode == "hypothetical" for e in found)


def test_future_hostile_act_is_threaten(nlp: Any) -> None:
    found = events_of(nlp, "The government will impose a curfew in the capital unless the protests end.")
    assert found[0].event == "THREATEN"


def test_demand_reported_with_must_is_request(nlp: Any) -> None:
    event = top(nlp, "The minister said that Iran must stop enriching uranium.")
    assert event.event == "REQUEST"
    assert "Iran" in names(event.recipient)


def test_pronoun_subject_is_the_speaker(nlp: Any) -> None:
    event = top(nlp, "Syria said it would allow the entry of chemical weapons monitors.")
    assert "Syria" in names(event.actor)


def test_pure_comment_is_not_an_event(nlp: Any) -> None:
    assert events_of(nlp, "The spokesman said the weather in the capital was cold on Monday.") == []


def test_text_date_and_evidence(nlp: Any) -> None:
    text = "Headline\n\nEgyptian police arrested three journalists in Cairo on Sunday."
    event = top(nlp, text)
    assert event.event == "COERCE" and event.mode == "arrest"
    assert event.when.iso() == "2022-03-06" and event.date_source == "text"
    ev = event.evidence[0]
    assert text[ev.start:ev.end] == ev.text and "Headline" not in ev.text


def test_lexicon_is_user_extendable(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("ASSAULT:\n  verbs: {pummel: null}\nPROTEST:\n  verbs: {attack: null}\n", encoding="utf-8")
    monkeypatch.setenv("STORYLINE_PLOVER", str(extra))
    lex = load_lexicon()
    assert lex.verbs["pummel"].type == "ASSAULT"
    assert lex.verbs["attack"].type == "PROTEST"
    assert merge([{"AGREE": {"verbs": ["concur"]}}]).verbs["concur"].type == "AGREE"


@pytest.mark.parametrize("text", [
    "The spokeswoman refused to confirm or deny the rumours.",
    "The minister declined to give a precise number for the detainees still held.",
    "When the envoy was asked about sharing intelligence with Pakistan, he smiled.",
    "I can assure you the president feels strongly about it, the official said.",
    "The rebels and the army share strong links, analysts say.",
    "The hurdles are real, but the meeting follows on from earlier contacts.",
    "He said the attack was a tragedy.",
])
def test_comment_questions_and_generic_mentions_are_not_events(nlp: Any, text: str) -> None:
    """PLOVER: a refusal to speak, a question, a comment and a relation state no act; a trigger
    noun without any party is a generic mention or points back at an event already told."""
    assert events_of(nlp, text) == [], text


def test_wishes_and_infinitives_after_nouns_are_hypothetical(nlp: Any) -> None:
    found = events_of(nlp, "The commander has the authority to carry out raids against the rebel militia.")
    assert found and all(e.mode == "hypothetical" for e in found)
    wished = events_of(nlp, "Thousands of Afghans who want to leave the country wait at the border.")
    assert all(e.event != "AGREE" for e in wished), "a wish is no promise"


def test_an_anchored_attack_without_parties_is_an_event(nlp: Any) -> None:
    event = top(nlp, "A car bomb exploded in a crowded market in Kabul on Monday.")
    assert event.event == "ASSAULT" and event.event_loc is not None and event.event_loc.country == "AFG"


def test_he_is_the_last_person_named(nlp: Any) -> None:
    text = "Ned Price spoke to reporters in Washington on Monday. He urged Pakistan to release the prisoners."
    event = top(nlp, text)
    assert event.event == "REQUEST" and "Ned Price" in names(event.actor)


def test_headline_run_into_the_lead_keeps_its_own_subject(nlp: Any) -> None:
    text = ("Talks to resume next week, reports Capital News\n\n"
            "The United States will meet Iranian negotiators in Vienna on Tuesday, the spokesman said.")
    found = [e for e in events_of(nlp, text) if e.event in ("CONSULT", "AGREE")]
    assert found and all("Capital News" not in names(e.actor) for e in found)
    assert any("United States" in " ".join(names(e.actor)) for e in found)


def test_lessening_a_measure_is_a_concession(nlp: Any) -> None:
    event = top(nlp, "The military government shortened the curfew in Khartoum on Friday.")
    assert event.event == "CONCEDE" and event.mode == "ease"


def test_a_date_of_another_noun_is_not_the_events(nlp: Any) -> None:
    """"following the September 30 pullout" dates the pullout, not the request."""
    text = "The junta has asked France to keep a small mission in Niamey following the September 30 pullout."
    event = next(e for e in events_of(nlp, text, "2023-09-20") if e.event == "REQUEST")
    assert event.date_source == "published" and event.when.iso() == "2023-09-20"


def test_helping_to_act_is_the_act(nlp: Any) -> None:
    event = top(nlp, "Norway helped free two aid workers held by rebels in Sudan last week.")
    assert event.event == "CONCEDE", event


def test_the_place_is_not_a_recipient_beside_the_parties(nlp: Any) -> None:
    text = "A Japanese delegation will meet with Iranian envoys for their first round of talks in Muscat on Thursday."
    for event in events_of(nlp, text, "2023-08-08"):
        assert event.event_loc is not None and event.event_loc.name == "Muscat"
        assert "Muscat" not in names(event.recipient) and names(event.recipient), event



def test_him_is_the_last_person_named_who_is_not_the_actor(nlp: Any) -> None:
    text = ("Maria Lopez arrived in Geneva on Monday for talks with Omar Haddad. "
            "Haddad hosted Lopez at his residence and later Lopez criticised him sharply.")
    accuse = next(e for e in events_of(nlp, text) if e.event == "ACCUSE")
    assert any("Lopez" in n for n in names(accuse.actor))
    assert any("Haddad" in n for n in names(accuse.recipient))
    assert not any("Lopez" in n for n in names(accuse.recipient))


def test_her_as_a_possessive_is_no_party(nlp: Any) -> None:
    text = "Anna Berg met the minister. The minister praised her government for the reform."
    assert all("Anna Berg" not in names(e.recipient) for e in events_of(nlp, text) if e.event != "CONSULT")
