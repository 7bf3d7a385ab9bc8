"""Titles from pre-modifiers and appositions, with the org and the evidence span."""

from typing import Any

from storyline.extract.roles import TITLE_HEADS
from tests.extract.actor_helpers import actor_mentions, by_text


def role_of(nlp: Any, text: str, name: str) -> tuple[str, str | None, str]:
    m = by_text(actor_mentions(nlp, text))[name]
    assert m.role is not None, name
    return m.role.title, m.role.org, text[m.role.start:m.role.end]


def test_premodifier_title_and_org(nlp: Any) -> None:
    text = "State Department spokesperson Ned Price said on Thursday that talks went on."
    title, org, span = role_of(nlp, text, "Ned Price")
    assert (title, org) == ("spokesperson", "State Department")
    assert span == "State Department spokesperson Ned Price"


def test_multiword_titles(nlp: Any) -> None:
    text = "White House Press Secretary Jen Psaki told reporters on Wednesday that aid would keep flowing."
    assert role_of(nlp, text, "Jen Psaki")[:2] == ("Press Secretary", "White House")
    text = "President Joe Biden has asked Secretary of State Antony Blinken to call allies."
    assert role_of(nlp, text, "Antony Blinken")[:2] == ("Secretary of State", None)


def test_apposition_with_possessive_org(nlp: Any) -> None:
    text = ("The diplomat spoke with Abdul Qadir Nooristani, the Taliban's deputy health minister, "
            "at a meeting in Doha.")
    title, org, span = role_of(nlp, text, "Abdul Qadir Nooristani")
    assert (title, org) == ("deputy health minister", "Taliban")
    assert span.endswith("deputy health minister")


def test_apposition_with_of_org(nlp: Any) -> None:
    text = ("Thomas Whitcombe Hale, the chargé d'affaires of the Canadian embassy in Qatar, "
            "has said that the talks would continue next month.")
    title, org, _ = role_of(nlp, text, "Thomas Whitcombe Hale")
    assert title == "chargé d'affaires" and org is not None and "Canadian embassy" in org


def test_spun_org_is_kept_as_written(nlp: Any) -> None:
    text = "“Nothing is settled,” U.S. State Section spokesperson Ned Value acknowledged at Wednesday’s press event."
    assert role_of(nlp, text, "Ned Value")[:2] == ("spokesperson", "U.S. State Section")


def test_no_role_without_a_title_word(nlp: Any) -> None:
    text = "Ned Price said on Thursday that the US had facilitated departures."
    assert by_text(actor_mentions(nlp, text))["Ned Price"].role is None
    assert "spokesperson" in TITLE_HEADS


def test_a_title_without_a_name_is_a_role_mention(nlp: Any) -> None:
    text = "A US State Department spokesperson told reporters that Washington would keep talking to the group."
    roles = [m for m in actor_mentions(nlp, text, "2024-12-18") if m.type == "ROLE"]
    assert [(m.text, m.role.title, m.role.org) for m in roles if m.role] == \
        [("US State Department spokesperson", "spokesperson", "US State Department")]


def test_no_role_mention_for_a_named_person_or_a_vague_title(nlp: Any) -> None:
    text = ("State Department spokesperson Ned Price spoke. Sirajuddin Haqqani, the Taliban's interior "
            "minister, was there. A senior official declined to comment.")
    assert [m for m in actor_mentions(nlp, text) if m.type == "ROLE"] == []


def test_a_name_inside_a_title_is_not_a_mention_of_its_own(nlp: Any) -> None:
    text = "President Joe Biden has asked Secretary of State Antony Blinken to call allies."
    assert "State" not in [m.text for m in actor_mentions(nlp, text)]


def test_apposition_with_the_title_first(nlp: Any) -> None:
    text = "The envoy met the Taliban's deputy foreign minister, Sher Mohammad Abbas Stanekzai, in Doha."
    title, org, span = role_of(nlp, text, "Sher Mohammad Abbas Stanekzai")
    assert (title, org) == ("deputy foreign minister", "Taliban")
    assert span == "Taliban's deputy foreign minister, Sher Mohammad Abbas Stanekzai"
    assert [m for m in actor_mentions(nlp, text) if m.type == "ROLE"] == []
