"""Claims: numbers with scales and units, what they count, who claims them; linking across articles."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.model import Claim
from storyline.resolve.claims import link_claims, quantity_key, relation
from tests.extract.helpers import claims_of


def by_value(claims: list[Claim], value: str) -> Claim:
    found = [c for c in claims if value in c.value]
    assert len(found) == 1, [c.value for c in claims]
    return found[0]


@pytest.mark.parametrize("text, value, number, unit", [
    ("OCHA said 6.4 million people are in need of food assistance.", "6.4 million", 6.4e6, "people"),
    ("Britain pledged £161 million in aid.", "£161 million", 161e6, "GBP"),
    ("The central bank holds 14 billion AFN in reserves.", "14 billion AFN", 14e9, "AFN"),
    ("Grants financed 75% of public spending.", "75%", 75.0, "%"),
    ("The US offered a $5 million reward.", "$5 million", 5e6, "USD"),
    ("Officials said more than 60 people were killed.", "60", 60.0, "people"),
    ("Turnout was 41 percent of registered voters.", "41 percent", 41.0, "%"),
    ("The agency put the cost of the bridge at US$2.5bn.", "US$2.5bn", 2.5e9, "USD"),
    ("Donors pledged £16m for the clinics.", "£16m", 16e6, "GBP"),
    ("The fund lent $ 40 million to farmers.", "$ 40 million", 40e6, "USD"),
])
def test_numbers_scales_and_units(nlp: Any, text: str, value: str, number: float, unit: str) -> None:
    claim = by_value(claims_of(nlp, text), value)
    assert claim.number == pytest.approx(number)
    assert claim.unit == unit
    assert claim.evidence and claim.evidence[0].text.endswith(claim.value)


@pytest.mark.parametrize("text, value, number, unit", [
    ("Nearly five million people in the valley need food aid.", "five million", 5e6, "people"),
    ("Half a million children are out of school.", "Half a million", 5e5, "people"),
    ("The war cost twenty-two billion dollars.", "twenty-two billion dollars", 22e9, "USD"),
    ("A thousand protesters gathered at the port.", "A thousand", 1e3, "people"),
])
def test_numbers_written_in_words_with_a_scale(nlp: Any, text: str, value: str, number: float, unit: str) -> None:
    claim = by_value(claims_of(nlp, text), value)
    assert claim.number == pytest.approx(number) and claim.unit == unit


def test_written_numbers_without_a_scale_or_in_a_compound_are_not_read(nlp: Any) -> None:
    claims = claims_of(nlp, "Two soldiers died. Two hundred and eighty-one thousand voters were turned away.")
    assert claims == [], [(c.value, c.number) for c in claims]


def test_a_glued_m_or_k_without_a_currency_is_a_length_not_a_scale(nlp: Any) -> None:
    claims = claims_of(nlp, "She won the 100m sprint and then a 10k race.")
    assert not [c for c in claims if c.number in (100e6, 10e3)], [(c.value, c.number) for c in claims]


@pytest.mark.parametrize("text, value, about", [
    ("Bread inflation rose to 5.2 percent in March, the statistics office said.", "5.2 percent", "Bread inflation"),
    ("Youth unemployment was 7% last year.", "7%", "Youth unemployment"),
    ("Ferry traffic, which peaks in summer, fell by 12 percent.", "12 percent", "Ferry traffic"),
    ("The agency put the cost of the new bridge at US$2.5bn.", "US$2.5bn", "cost of the new bridge"),
    ("“We need $5 million by June,” Lena Ford said.", "$5 million", None),
    ("It rose 4 percent.", "4 percent", None),
    ("Nadia Okafor placed second at 31 percent.", "31 percent", None),
    ("The harbour board outbid its rivals by $4 million.", "$4 million", None),
    ("Support for the plan, the mayor said, stood at 38 percent.", "38 percent", "Support for the plan"),
    # an amount that is a verb's object: an "in" phrase after it names what it is
    ("The river authority collected 3 billion AFN in tolls last spring.", "3 billion AFN", "tolls"),
    ("The orchestra raised $2 million in private donations.", "$2 million", "private donations"),
    ("The club spent $6 million in Lisbon.", "$6 million", None),  # a place
    ("The club spent $6 million in total.", "$6 million", None),  # an idiom
    ("The club invested $6 million in the stadium.", "$6 million", None),  # a determiner: a target
    # a percentage a verb of change takes as its object: the verb's subject
    ("The harbour index gained 2 percent on Friday.", "2 percent", "harbour index"),
    ("Ann Lee gained 4 percent in the poll.", "4 percent", None),  # a named person: a standing
    # an amount that is the subject of a passive: what was done to it, with its agent or phrase
    ("About £90 million had been pledged by foundations, the museum said.", "£90 million", "pledged by foundations"),
    ("$3bn was set aside for the new tunnel.", "$3bn", "set aside for the new tunnel"),
    ("$4 million was stolen.", "$4 million", None),
    ("Some 40 were invited by the mayor.", "40", None),  # a count without a unit: left alone
])
def test_what_a_rate_or_amount_without_a_phrase_of_its_own_measures(nlp: Any, text: str, value: str,
                                                                    about: str | None) -> None:
    assert by_value(claims_of(nlp, text), value).about == about


def test_what_is_counted(nlp: Any) -> None:
    claims = claims_of(nlp, "OCHA said 6.4 million people are in need of food assistance.")
    assert by_value(claims, "6.4 million").about == "people in need of food assistance"
    assert by_value(claims_of(nlp, "Grants financed 75% of public spending."), "75%").about == "public spending"
    assert by_value(claims_of(nlp, "The US offered a $5 million reward."), "$5 million").about == "reward"


def test_qualifier(nlp: Any) -> None:
    claim = by_value(claims_of(nlp, "Officials said more than 60 people were killed."), "60")
    assert claim.qualifier == "more than"


def test_claim_attributed_to_enclosing_speaker(nlp: Any) -> None:
    claim = by_value(claims_of(nlp, "OCHA said 6.4 million people are in need of aid."), "6.4 million")
    assert claim.attributed_to is not None and claim.attributed_to.entity_text == "OCHA"
    unattributed = by_value(claims_of(nlp, "The airlift evacuated 124,000 civilians."), "124,000")
    assert unattributed.attributed_to is None
    assert unattributed.as_of.start is not None  # publication date fallback


@pytest.mark.parametrize("text", [
    "The deadline is August 31 for all forces.",
    "The Taliban ruled from 1996 to 2001.",
    "He carried an M4 rifle after 9/11.",
    "The meeting starts at 2:25 p.m. on Saturday.",
])
def test_dates_years_and_codes_are_not_claims(nlp: Any, text: str) -> None:
    assert claims_of(nlp, text) == []


def _record(cid: str, article: str, number: float, about: str, start: str = "2021-10-08") -> dict[str, Any]:
    return {"id": cid, "article": article, "number": number, "unit": "people", "about": about,
            "as_of": {"start": start, "end": start, "precision": "day"}}


def test_quantity_key_and_relations() -> None:
    a = _record("c1", "a1", 6.4e6, "people in need of food assistance")
    b = _record("c2", "a2", 6.4e6, "people in need of aid")
    c = _record("c3", "a3", 18e6, "people in need")
    assert quantity_key(a) == quantity_key(b) == ("people", "people")
    assert relation(a, b) == "same"
    assert relation(a, c) == "conflict"
    later = _record("c4", "a4", 18e6, "people", start="2022-03-01")
    assert relation(a, later) is None  # a bare "people" does not say which quantity
    moved = _record("c5", "a5", 18e6, "people in need", start="2022-03-01")
    # a number that changed between two dates is not a conflict: the earlier one changed to the later
    assert relation(a, moved) == "changed_to" and relation(moved, a) == "changed_from"


def test_link_claims_both_directions_across_articles_only() -> None:
    a = _record("c1", "a1", 105, "US citizens")
    b = _record("c2", "a2", 105, "American citizens")
    same_article = _record("c3", "a1", 95, "citizens")
    links = link_claims([a], [a, b, same_article])
    assert sorted((x[0], x[1], x[3]) for x in links) == [("c1", "c2", "same"), ("c2", "c1", "same")]


def test_claims_linked_and_conflicts_flagged_across_articles(tmp_path: Any) -> None:
    import json

    from storyline import Storyline

    docs = [
        {"id": "d1", "published": "2021-12-01", "text": "OCHA said 6.4 million people are in need of food "
                                                        "assistance in the region this winter."},
        {"id": "d2", "published": "2021-12-02", "text": "The UN said 6.4 million people are in need of food "
                                                        "assistance throughout the region."},
        {"id": "d3", "published": "2021-12-02", "text": "A charity said 5 million people are in need of food "
                                                        "assistance in the region."},
    ]
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    export = tmp_path / "out.jsonl"
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([source])
        sl.export(export)
    claims = {r["article"]: r for r in map(json.loads, export.read_text(encoding="utf-8").splitlines())
              if r["kind"] == "claim"}
    assert claims["d1"]["same_as"] == [claims["d2"]["id"]]
    assert claims["d3"]["id"] in claims["d1"]["conflicts_with"]
    assert claims["d1"]["attributed_to"]["entity_text"] == "OCHA"


def test_store_of_schema_3_gains_claim_links(tmp_path: Any) -> None:
    import sqlite3

    from storyline.store import Store

    path = tmp_path / "old.db"
    Store(path).close()
    with sqlite3.connect(path) as db:  # back to what schema 3 had
        db.execute("DROP TABLE claim_links")
        db.execute("DROP INDEX IF EXISTS ix_claims_quantity")
        db.execute("ALTER TABLE claims DROP COLUMN quantity")
        db.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    store = Store(path)
    assert store.schema_version >= 4
    with sqlite3.connect(path) as db:
        assert "quantity" in {row[1] for row in db.execute("PRAGMA table_info(claims)")}
        assert db.execute("SELECT count(*) FROM claim_links").fetchone() == (0,)
    store.close()


def test_as_of_is_the_date_the_number_refers_to(nlp: Any) -> None:
    from storyline.extract.claims import extract_claims
    from storyline.extract.quotes import extract_quotes
    from storyline.extract.time.extractor import TimexExtractor
    from tests.extract.helpers import processed

    def as_of(text: str) -> str | None:
        result, doc = processed(nlp, text, published="2021-12-02")
        TimexExtractor()(result, doc)
        result.quotes = extract_quotes(result, doc)
        (claim,) = extract_claims(result, doc)
        return claim.as_of.iso()

    # a date in the number's own clause, not the day it was said
    assert as_of("OCHA said on Tuesday that 6.4 million people will need food assistance in 2022.") == "2022"
    assert as_of("In 2020, the central bank held 9.5 billion dollars in reserves, the IMF said last week.") == "2020"
    # otherwise the day it was said (Tuesday before Thursday 2 December 2021)
    assert as_of("OCHA said on Tuesday that 6.4 million people need aid.") == "2021-11-30"


def _claim_record(nlp: Any, text: str, value: str, article: str) -> dict[str, Any]:
    record = by_value(claims_of(nlp, text), value).model_dump(mode="json")
    return record | {"article": article}


@pytest.mark.parametrize("first, second", [
    # the same head word, different quantities: people killed and people at a rally
    (("Police said 12 people were killed in the attack on Friday.", "12"),
     ("Organisers said 5,000 people attended the rally on Friday.", "5,000")),
    # two shares of voters from unrelated polls: "voters" alone does not say which quantity
    (("A poll found that 45% of voters back the plan.", "45%"),
     ("Turnout was 61 percent of voters in the district.", "61 percent")),
    # two unrelated rewards
    (("The company offered a $2 million reward to its sales staff.", "$2 million"),
     ("The State Department offered a $5 million reward.", "$5 million")),
    # the same quantity in two places
    (("The agency said 18 million people face acute hunger in Afghanistan.", "18 million"),
     ("The agency said 9 million people face acute hunger in Yemen.", "9 million")),
])
def test_unrelated_numbers_do_not_conflict(nlp: Any, first: tuple[str, str], second: tuple[str, str]) -> None:
    a, b = _claim_record(nlp, *first, "a1"), _claim_record(nlp, *second, "a2")
    assert relation(a, b) is None
    assert link_claims([a], [a, b]) == []


def test_the_same_quantity_with_other_values_conflicts(nlp: Any) -> None:
    a = _claim_record(nlp, "The UN said 22.8 million people face acute hunger in Afghanistan.", "22.8 million", "a1")
    b = _claim_record(nlp, "A charity said 18 million people face acute hunger across the country.", "18 million", "a2")
    assert a["about"] == "people face acute hunger" and a["place"] == "Afghanistan"
    assert relation(a, b) == "conflict"
    reward = "The US offered a {} reward for information on the attack."
    assert relation(_claim_record(nlp, reward.format("$5 million"), "$5 million", "a1"),
                    _claim_record(nlp, reward.format("$10 million"), "$10 million", "a2")) == "conflict"
