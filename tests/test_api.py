"""The Python API end to end on the real seed articles."""

import io
import json
from pathlib import Path

from storyline import Storyline


def test_seeds_run_end_to_end(seeds_store: Storyline) -> None:
    stats = seeds_store.stats()
    assert stats["documents_by_status"] == {"processed": 5}
    assert stats["articles"] == 10  # the digest page 000 holds six stories
    assert stats["entities"] > 50 and stats["words"] > 4000
    digest = [a for a in seeds_store.store.iter_articles() if a.document == "000_6c46ca4b0d9f742c"]
    assert [a.id for a in digest] == [f"000_6c46ca4b0d9f742c#{n}" for n in range(1, 7)]
    assert all(any(f.type == "digest" for f in a.flags) for a in digest)
    names = {e.name: e for e in seeds_store.store.iter_entities()}
    assert "Price" in names["Ned Price"].aliases
    assert names["Taliban"].mentions > 30


def test_rerun_is_idempotent(seeds_store: Storyline, seeds: Path) -> None:
    before = seeds_store.stats()
    report = seeds_store.run([seeds])
    assert report.counts["unchanged"] == 5 and report.counts["processed"] == 0
    assert seeds_store.stats() == before


def test_export_jsonl_is_valid_and_evidence_offsets_hold(seeds_store: Storyline) -> None:
    out = io.StringIO()
    count = seeds_store.export(out, annotations=True)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == count
    kinds = {r["kind"] for r in records}
    assert {"article", "entity", "mention"} <= kinds
    texts = {r["id"]: r["text"] for r in records if r["kind"] == "article"}
    for r in records:
        if r["kind"] == "mention":
            assert texts[r["article"]][r["start"]:r["end"]] == r["text"]
    article = next(r for r in records if r["id"] == "001_168b8b6aed8b292c")
    assert article["published"] == "2021-10-08" and article["document"] == article["id"]
    assert "Back to top button" not in article["text"] and "Breaking News" not in article["text"]


def test_export_csv_tables(seeds_store: Storyline) -> None:
    import csv

    for table, column in (("articles", "title"), ("entities", "aliases")):
        out = io.StringIO()
        seeds_store.export(out, format="csv", table=table)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert rows and column in rows[0]


def test_seed_boilerplate_is_gone_per_the_dev_gold(seeds_store: Storyline, shared: Path) -> None:
    gold = json.loads((shared / "gold" / "seeds-dev.json").read_text(encoding="utf-8"))
    for article_id, expected in gold["articles"].items():
        text = seeds_store.store.article(article_id).text
        for piece in expected["boilerplate"]:
            assert piece not in text, (article_id, piece)


def test_postgresql_store_gives_the_same_export_as_sqlite(seeds_store: Storyline, seeds: Path, store_url: str) -> None:
    if store_url.startswith("postgresql"):
        with Storyline(store_url, progress=False) as pg:
            pg.run([seeds])
            exported = io.StringIO()
            pg.export(exported, annotations=True)
        reference = io.StringIO()
        seeds_store.export(reference, annotations=True)
        assert exported.getvalue().splitlines() == reference.getvalue().splitlines()


def test_two_worker_processes_give_the_same_export_as_one(seeds_store: Storyline, seeds: Path, tmp_path: Path) -> None:
    with Storyline(tmp_path / "two.db", progress=False) as two:
        two.run([seeds], workers=2)
        exported = io.StringIO()
        two.export(exported, annotations=True)
    reference = io.StringIO()
    seeds_store.export(reference, annotations=True)
    assert exported.getvalue().splitlines() == reference.getvalue().splitlines()


def test_a_changed_document_is_reprocessed_without_double_counting(tmp_path: Path) -> None:
    from collections import Counter

    source = tmp_path / "d.jsonl"
    texts = ["Zabihullah Mujahid spoke in Kabul. Mujahid said talks went well.",
             "Zabihullah Mujahid spoke in Doha on Monday. Mujahid said talks went badly."]
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        for text in texts:
            source.write_text(json.dumps({"id": "d1", "text": text}) + "\n", encoding="utf-8")
            sl.run([source])
        linked = Counter(m.entity for m in sl.store.iter_mentions() if m.entity)
        assert {e.id: e.mentions for e in sl.store.iter_entities() if e.mentions} == dict(linked)
        assert any(e.name == "Zabihullah Mujahid" and e.mentions == 2 for e in sl.store.iter_entities())
