"""Scores and blocking: what merges by strings, what never does, and the role-time link."""

from datetime import date

from storyline.resolve.kb import load_kb
from storyline.resolve.matching import MERGE_AT, best_match, blocking_keys, org_similarity, role_link, score


def test_transliteration_and_fuzzy_scores() -> None:
    m = score("amir khan muttaqi", "amir khan mottaki", "PERSON")
    assert m is not None and m.method == "transliteration" and m.score >= MERGE_AT
    m = score("abdul rashid dostum", "abdul rashid dostam", "PERSON")
    assert m is not None and m.method == "fuzzy" and m.score >= MERGE_AT


def test_shared_family_name_never_merges() -> None:
    for a, b in [("sirajuddin haqqani", "jalaluddin haqqani"), ("khalil haqqani", "sirajuddin haqqani"),
                 ("ahmad massoud", "ahmad shah massoud")]:
        assert score(a, b, "PERSON") is None
        assert best_match(a, "PERSON", {b: "PERSON"}) is None


def test_a_common_word_is_never_an_alias_by_strings() -> None:
    assert score("ned price", "ned value", "PERSON") is None
    assert score("state department", "state division", "ORG") is None


def test_blocking_puts_variants_together() -> None:
    assert set(blocking_keys("muttaqi")) & set(blocking_keys("mottaki"))
    assert not set(blocking_keys("sirajuddin haqqani")) & set(blocking_keys("jalaluddin haqqani"))


def test_types_must_be_compatible() -> None:
    assert best_match("kandahar", "PERSON", {"qandahar": "GPE"}) is None
    assert best_match("kandahar", "GPE", {"qandahar": "GPE"}) is not None


def test_role_and_time_link_a_spun_name() -> None:
    kb = load_kb()
    link = role_link(kb, "ned value", "spokesperson", "U.S. State Division", date(2022, 12, 22))
    assert link is not None and link.actor.name == "Ned Price" and link.org_alias == "U.S. State Division"
    # the wrong date, the wrong title, or no shared name word: no link
    assert role_link(kb, "ned value", "spokesperson", "U.S. State Division", date(2024, 6, 1)) is None
    assert role_link(kb, "ned value", "ambassador", "U.S. State Division", date(2022, 12, 22)) is None
    assert role_link(kb, "bob value", "spokesperson", "U.S. State Division", date(2022, 12, 22)) is None
    assert org_similarity(kb, "State Department", "US State Department") == 1.0
    assert org_similarity(kb, "Pentagon", "US State Department") == 0.0
