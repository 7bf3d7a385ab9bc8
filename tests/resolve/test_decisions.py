"""The user's merges and splits: applied at once, kept across later runs, from CLI and API."""

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from storyline import Storyline
from storyline.cli import main
from storyline.corpus_stage import run_corpus_stage
from storyline.store import Store
from tests.resolve.test_actors import add, by_name


def test_split_holds_for_later_articles(tmp_path: Path) -> None:
    sl = Storyline(tmp_path / "s.db")
    canon = {"Washington": {"canonical": "United States"}}
    add(sl.store, "a", "Washington said the US would act.", [("Washington", "GPE"), ("US", "GPE")], **canon)
    run_corpus_stage(sl.store)
    result = sl.split_entity("United States", "Washington")
    assert result["mentions_moved"] == 1
    add(sl.store, "b", "Washington warned the United States Congress.", [("Washington", "GPE")], **canon)
    run_corpus_stage(sl.store)
    found = by_name(sl.store)
    assert "Washington" not in found["United States"].aliases
    assert found["Washington"].mentions == 2
    shown = sl.entity("United States")
    assert shown["decisions"][0]["action"] == "split"


def test_merge_holds_for_later_articles_and_keeps_evidence(tmp_path: Path) -> None:
    sl = Storyline(tmp_path / "s.db")
    add(sl.store, "a", "Qari Yusuf spoke.", [("Qari Yusuf", "PERSON")])
    add(sl.store, "b", "Qari Yousaf Ahmadi spoke.", [("Qari Yousaf Ahmadi", "PERSON")])
    run_corpus_stage(sl.store)
    assert len(by_name(sl.store)) == 2
    sl.merge_entities("Qari Yusuf", "Qari Yousaf Ahmadi")
    add(sl.store, "c", "Qari Yousaf Ahmadi spoke again.", [("Qari Yousaf Ahmadi", "PERSON")])
    run_corpus_stage(sl.store)
    (entity,) = by_name(sl.store).values()
    assert entity.mentions == 3 and set(entity.aliases) == {"Qari Yusuf", "Qari Yousaf Ahmadi"}
    merges = sl.entity(entity.id)["merges"]
    assert merges[-1]["method"] == "user" and merges[-1]["score"] == 1.0


def test_merged_kb_entity_keeps_absorbing_its_kb_names(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    add(store, "a", "Muttaqi and Mujahid.", [("Muttaqi", "PERSON"), ("Mujahid", "PERSON")])
    run_corpus_stage(store)
    sl = Storyline(store.url)
    sl.merge_entities("Mujahid", "Muttaqi")  # a user's (odd) decision wins over the KB
    add(store, "b", "Amir Khan Mottaki spoke.", [("Amir Khan Mottaki", "PERSON")])
    run_corpus_stage(store)
    assert [e.mentions for e in store.iter_entities()] == [3]


def test_cli_list_show_merge_split(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    store = Store(db)
    add(store, "a", "Zalmay Khalilzad met Zalmai Khalilzad.", [("Zalmay Khalilzad", "PERSON"),
                                                             ("Zalmai Khalilzad", "PERSON")])
    run_corpus_stage(store)
    runner = CliRunner()

    def run(*args: str) -> list[dict[str, Any]]:
        result = runner.invoke(main, [*args, "--db", db])
        assert result.exit_code == 0, result.output
        return [json.loads(line) for line in result.stdout.splitlines()]

    listed = run("entities", "list", "--type", "PERSON")
    assert listed[0]["name"] == "Zalmay Khalilzad" and listed[0]["mentions"] == 2
    split = run("entities", "split", "Zalmay Khalilzad", "Zalmai Khalilzad")[0]
    assert split["event"] == "split" and split["mentions_moved"] == 1
    assert len(run("entities", "list")) == 2
    merged = run("entities", "merge", "Zalmay Khalilzad", "Zalmai Khalilzad")[0]
    assert merged["event"] == "merged"
    shown = run("entities", "show", "Zalmai Khalilzad")[0]
    assert shown["entity"]["mentions"] == 2 and [d["action"] for d in shown["decisions"]] == ["split", "merge"]
    bad = runner.invoke(main, ["entities", "show", "Nobody", "--db", db])
    assert bad.exit_code == 1 and "E504" in bad.stderr


def test_cli_kb_add_and_show(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["kb", "add", "Vedant Patel", "--country", "USA", "--sector", "GOV",
                                  "--alias", "V. Patel", "--role", "deputy spokesperson|US State Department|2021-01|"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "storyline-kb.yaml").exists()
    shown = runner.invoke(main, ["--kb", "storyline-kb.yaml", "kb", "show", "V. Patel"])
    actor = json.loads(shown.stdout)
    assert actor["name"] == "Vedant Patel" and actor["roles"][0]["title"] == "deputy spokesperson"
