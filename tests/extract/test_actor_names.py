"""Per-article names: KB types, short forms, transliterated short forms, metonyms, demonyms."""

from typing import Any

from tests.extract.actor_helpers import actor_mentions, by_text


def test_short_form_is_the_full_name_of_the_same_article(nlp: Any) -> None:
    text = ("David Arnold Pemberton, the chargé d'affaires of the Canadian embassy, met officials. "
            "Pemberton called on the Taliban to act.")
    found = by_text(actor_mentions(nlp, text))
    assert found["Pemberton"].canonical == "David Arnold Pemberton"


def test_transliterated_short_form(nlp: Any) -> None:
    text = "Foreign Minister Amir Khan Muttaki said talks went well. Mottaki told reporters in Doha."
    found = by_text(actor_mentions(nlp, text))
    assert found["Mottaki"].canonical == "Amir Khan Muttaki"


def test_shared_family_name_goes_to_the_nearest_full_name_before_it(nlp: Any) -> None:
    text = ("Khalil Haqqani was killed in Kabul. The killing of Haqqani was condemned. "
            "Sirajuddin Haqqani attended the funeral. Later Haqqani spoke.")
    mentions = actor_mentions(nlp, text)
    shorts = [m.canonical for m in mentions if m.text == "Haqqani"]
    assert shorts == ["Khalil Haqqani", "Sirajuddin Haqqani"]


def test_a_family_is_not_one_of_its_members(nlp: Any) -> None:
    text = "Khalil Haqqani was killed. Mourners offered condolences to the Haqqani family."
    mentions = actor_mentions(nlp, text)
    assert all(m.canonical != "Khalil Haqqani" for m in mentions if m.text == "Haqqani")


def test_kb_types_fix_the_model(nlp: Any) -> None:
    text = "The Haqqani Network still shelters al-Qaeda fighters, Psaki told reporters."
    found = by_text(actor_mentions(nlp, text))
    assert found["Haqqani Network"].type == "ORG"
    assert found["Psaki"].type == "PERSON"


def test_metonym_acts_but_a_place_name_after_in_does_not(nlp: Any) -> None:
    text = "Washington has promised to keep talking to the group. The talks were held in Washington."
    ms = [m for m in actor_mentions(nlp, text) if m.text == "Washington"]
    assert [m.canonical for m in ms] == ["United States", None]


def test_kremlin_and_demonyms_stand_for_their_country(nlp: Any) -> None:
    text = "Under the decree, the Kremlin may lift the embargo. The Russian parliament approved it."
    found = by_text(actor_mentions(nlp, text))
    assert found["Kremlin"].canonical == "Russia"
    assert found["Russian"].canonical == "Russia"


def test_a_name_word_the_model_left_out_is_taken_in(nlp: Any) -> None:
    text = "Sources confirmed that Rahm Dil Hanafi, a former bodyguard, died in Kabul on Sunday."
    names = [m.text for m in actor_mentions(nlp, text) if m.type == "PERSON"]
    assert "Rahm Dil Hanafi" in names


def test_afghan_stands_for_afghanistan(nlp: Any) -> None:
    found = by_text(actor_mentions(nlp, "The Afghan currency has lost a third of its value."))
    assert found["Afghan"].canonical == "Afghanistan"
