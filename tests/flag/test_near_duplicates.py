"""Near-duplicates across the corpus: the copy is flagged, the original never."""

from pathlib import Path

from storyline import Storyline
from storyline.model import Document
from tests.flag.test_compare import ORIGINAL, spin

OTHER = ("Floods in the north of the country displaced thousands of families on Monday, local officials said, "
         "as rivers rose after three days of heavy rain and roads to several districts were cut off.")


def run(store_url: str, docs: list[Document]) -> dict[str, list[dict]]:  # type: ignore[type-arg]
    with Storyline(store_url, progress=False) as sl:
        sl.store.add_documents(docs)
        sl.process()
        return {a.id: [f.model_dump() for f in a.flags if f.type != "boilerplate_removed"]
                for a in sl.store.iter_articles()}


def doc(id: str, text: str, published: str) -> Document:
    from storyline.ingest.base import content_hash

    return Document(id=id, text=text, published=published, format="jsonl", content_hash=content_hash(text))


def test_copies_and_spins_are_flagged_with_their_original(store_url: str) -> None:
    flags = run(store_url, [
        doc("orig", ORIGINAL, "2022-01-02"),
        doc("copy", "Talks in Doha\n\n" + ORIGINAL, "2022-01-03"),
        doc("spun", spin(ORIGINAL), "2022-01-04"),
        doc("cut", ORIGINAL[:300], "2022-01-05"),
        doc("other", OTHER, "2022-01-02"),
    ])
    assert flags["orig"] == [] and flags["other"] == []
    [copy] = flags["copy"]
    assert copy["type"] == "near_duplicate" and copy["related"] == ["orig"] and copy["score"] > 0.9
    assert "copy of orig" in copy["detail"]
    spun_types = {(f["type"], tuple(f["related"])) for f in flags["spun"]}
    assert ("spun", ("orig",)) in spun_types
    spun_flag = next(f for f in flags["spun"] if f["type"] == "spun")
    assert spun_flag["evidence"] and all(e["article"] == "spun" for e in spun_flag["evidence"])
    [cut] = [f for f in flags["cut"] if f["type"] == "near_duplicate" and "truncated copy of orig" in f["detail"]]
    # nothing of its own: its evidence is the words it copied, first to last
    [copied] = cut["evidence"]
    assert copied["article"] == "cut" and copied["start"] == 0 and ORIGINAL[:300].startswith(copied["text"])
    assert len(copied["text"]) > 280
    assert [e["text"] for e in copy["evidence"]] == ["Talks in Doha"]  # what the copy added


def test_an_earlier_original_arriving_later_flags_the_stored_copy(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    run(db, [doc("late", "Doha talks\n\n" + ORIGINAL, "2022-03-01")])
    flags = run(db, [doc("early", ORIGINAL, "2022-01-01")])
    assert flags["early"] == []
    assert [f["related"] for f in flags["late"]] == [["early"]]
