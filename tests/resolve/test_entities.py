from pathlib import Path

from storyline.corpus_stage import run_corpus_stage
from storyline.model import Article, Document, Mention, ProcessedArticle
from storyline.resolve.entities import entity_id
from storyline.resolve.names import name_key
from storyline.store import Store


def add_article(store: Store, doc_id: str, text: str, names: list[tuple[str, str]]) -> None:
    mentions = []
    for surface, label in names:
        start = text.index(surface)
        mentions.append(Mention(article=doc_id, start=start, end=start + len(surface), text=surface, type=label))
    store.add_documents([Document(id=doc_id, text=text, content_hash=doc_id)])
    store.save_processed([(doc_id, [ProcessedArticle(article=Article(id=doc_id, document=doc_id, text=text),
                                                      mentions=mentions)])])


def entities(store: Store) -> dict[str, tuple[str, list[str], int]]:
    return {e.name: (e.type, e.aliases, e.mentions) for e in store.iter_entities()}


def test_short_forms_join_the_full_name_of_the_same_article(store_url: str) -> None:
    store = Store(store_url)
    text = "State Department spokesperson Ned Price said so. Price replied later."
    add_article(store, "a", text, [("Ned Price", "PERSON"), ("Price", "PERSON"), ("State Department", "ORG")])
    run_corpus_stage(store)
    found = entities(store)
    assert found["Ned Price"] == ("PERSON", ["Ned Price", "Price"], 2)
    assert found["US State Department"][2] == 1  # the knowledge base names it


def test_spelling_variants_merge_and_counts_grow_incrementally(store_url: str) -> None:
    store = Store(store_url)
    add_article(store, "a", "Al Qaeda and the Taliban.", [("Al Qaeda", "ORG"), ("Taliban", "ORG")])
    run_corpus_stage(store)
    add_article(store, "b", "al-Qaeda praised Taliban’s rule.", [("al-Qaeda", "ORG"), ("Taliban’s", "NORP")])
    stats = run_corpus_stage(store)
    assert stats["articles_resolved"] == 1  # only the new article is read
    found = entities(store)
    assert found["Taliban"][2] == 2 and found["Taliban"][0] == "ORG"
    qaeda = next(v for k, v in found.items() if name_key(k) == "al qaeda")
    assert set(qaeda[1]) == {"Al Qaeda", "al-Qaeda"} and qaeda[2] == 2
    assert run_corpus_stage(store)["articles_resolved"] == 0


def test_same_surname_different_people_stay_apart(store_url: str) -> None:
    store = Store(store_url)
    text = "Sirajuddin Haqqani met Khalil Haqqani while Jalaluddin Haqqani was remembered."
    add_article(store, "a", text, [("Sirajuddin Haqqani", "PERSON"), ("Khalil Haqqani", "PERSON"),
                                   ("Jalaluddin Haqqani", "PERSON")])
    run_corpus_stage(store)
    assert len(entities(store)) == 3


def test_entity_ids_are_stable_across_stores(tmp_path: Path) -> None:
    ids = []
    for name in ("one", "two"):
        store = Store(tmp_path / f"{name}.db")
        add_article(store, "a", "Zabihullah Mujahid spoke.", [("Zabihullah Mujahid", "PERSON")])
        run_corpus_stage(store)
        ids.append([e.id for e in store.iter_entities()])
    assert ids[0] == ids[1] == [entity_id("zabihullah mujahid")]


def test_rerunning_after_an_interrupted_corpus_stage_does_not_double_count(tmp_path: Path) -> None:
    from storyline.resolve.entities import EntityResolver

    store = Store(tmp_path / "s.db")
    add_article(store, "a", "Kabul and Doha.", [("Kabul", "GPE"), ("Doha", "GPE")])
    EntityResolver().run(store, ["a"])  # crash before mark_resolved
    run_corpus_stage(store)
    assert {n: c for n, (_, _, c) in entities(store).items()} == {"Kabul": 1, "Doha": 1}
