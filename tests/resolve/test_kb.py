"""The knowledge base: bundled actors, countries, places, dated roles, user files."""

from datetime import date
from pathlib import Path

import pytest

from storyline.resolve.kb import KnowledgeBase, add_entry, load_kb, read_file, title_key
from storyline.resolve.names import name_key


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_aliases_and_transliterations(kb: KnowledgeBase) -> None:
    muttaqi = kb.lookup(name_key("Amir Khan Muttaqi"))
    assert muttaqi is not None and muttaqi.type == "PERSON" and muttaqi.country == "AFG"
    assert kb.lookup(name_key("Amir Khan Mottaki")) is muttaqi
    assert kb.lookup(name_key("Khalil ur-Rahman Haqqani")) is kb.lookup(name_key("Khalil Haqqani"))
    assert kb.lookup(name_key("Sirajuddin Haqqani")) is not kb.lookup(name_key("Jalaluddin Haqqani"))
    assert kb.lookup(name_key("Ahmad Massoud")) is not kb.lookup(name_key("Ahmad Shah Massoud"))


def test_countries_demonyms_metonyms(kb: KnowledgeBase) -> None:
    us = kb.lookup("us")
    assert us is not None and us.country == "USA" and us.wikidata == "Q30"
    assert kb.lookup(name_key("United States of America")) is us
    assert kb.demonym_of["russian"].country == "RUS"
    assert kb.metonym_of["washington"] is us and kb.metonym_of["kremlin"].name == "Russia"
    norway = kb.lookup("norway")  # from pycountry, not the curated file
    assert norway is not None and norway.country == "NOR"


def test_places_have_coordinates(kb: KnowledgeBase) -> None:
    kabul = kb.place("Kabul")
    assert kabul is not None and kabul.country == "AFG" and kabul.lat and 34 < kabul.lat < 35


def test_role_holders_on_a_date(kb: KnowledgeBase) -> None:
    def holders(day: date) -> list[str]:
        return [a.name for a, _ in kb.holders("spokesman", "us state department", day)]

    assert holders(date(2022, 12, 22)) == ["Ned Price"]
    assert holders(date(2024, 12, 17)) == ["Matthew Miller"]
    assert title_key("Acting Foreign Minister") == "foreign minister"


def test_user_files_yaml_and_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    yaml_file = tmp_path / "mine.yaml"
    add_entry(yaml_file, {"name": "Vedant Patel", "type": "PERSON", "country": "USA",
                          "roles": [{"title": "deputy spokesperson", "org": "US State Department", "from": "2021-01"}]})
    csv_file = tmp_path / "more.csv"
    csv_file.write_text("name,type,aliases,country,sector\nQari Fasihuddin,PERSON,Qari Fasihuddin Fitrat,AFG,MIL\n",
                        encoding="utf-8")
    assert read_file(csv_file)[0].aliases == ["Qari Fasihuddin Fitrat"]
    monkeypatch.setenv("STORYLINE_KB", f"{yaml_file}:{csv_file}")
    kb = load_kb()
    patel = kb.lookup("vedant patel")
    assert patel is not None and patel.roles[0].title == "deputy spokesperson"
    fitrat = kb.lookup(name_key("Qari Fasihuddin Fitrat"))
    assert fitrat is not None and fitrat.sector == "MIL"


def test_a_user_entry_extends_a_known_actor(tmp_path: Path) -> None:
    kb = KnowledgeBase(load_kb().actors[:0])
    for path_entry in ({"name": "Taliban", "type": "ORG", "aliases": ["Taliban"]},
                       {"name": "Taliban", "type": "ORG", "aliases": ["Talibans"], "wikidata": "Q42418"}):
        from storyline.resolve.kb import actor_from_dict

        kb.add(actor_from_dict(path_entry))
    (taliban,) = kb.actors
    assert taliban.aliases == ["Taliban", "Talibans"] and taliban.wikidata == "Q42418"
