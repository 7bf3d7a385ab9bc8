"""Facts resting only on flagged articles get a lower confidence; a sound source keeps them whole."""

from storyline import Storyline
from storyline.flag.confidence import trust
from storyline.model import Document
from tests.flag.test_compare import spin
from tests.flag.test_near_duplicates import doc

REPORT = (
    "Envoys from a dozen countries met Taliban officials in Doha on Sunday to discuss humanitarian aid "
    "and the education of girls. The meeting, convened by the United Nations, was the first of its kind "
    "this year. \"We want good relations with every country in the region,\" the acting foreign minister "
    "told reporters after the talks. Aid agencies warned that 22.9 million people faced hunger this winter "
    "and called on donors to release funds quickly. Diplomats said the talks were frank and that no "
    "decision on recognition had been taken."
)


def facts(store_url: str, docs: list[Document]) -> dict[str, list[float]]:
    """article id → confidences of its quotes and claims."""
    with Storyline(store_url, progress=False) as sl:
        sl.store.add_documents(docs)
        sl.process()
        out: dict[str, list[float]] = {}
        for quote in sl.store.iter_quotes():
            out.setdefault(quote.article, []).append(quote.confidence)
        for claim in sl.store.iter_claims():
            out.setdefault(claim.article, []).append(claim.confidence)
        return out


def test_trust_multiplies_the_factors_of_distinct_flag_types() -> None:
    assert trust([]) == 1.0 and trust([{"type": "digest"}, {"type": "boilerplate_removed"}]) == 1.0
    assert trust([{"type": "spun"}, {"type": "spun"}]) == 0.5
    assert trust([{"type": "near_duplicate"}, {"type": "date_conflict"}]) == 0.72


def test_a_spun_copy_s_facts_are_lowered_and_the_original_s_are_not(store_url: str) -> None:
    found = facts(store_url, [doc("orig", REPORT, "2022-01-02"), doc("spun", spin(REPORT), "2022-01-04")])
    assert found["orig"] and all(c == 1.0 for c in found["orig"])
    assert found["spun"] and min(found["spun"]) == 0.5  # quotes rest on the spun article alone


def test_a_copy_flagged_when_its_earlier_original_arrives_is_rescored(store_url: str) -> None:
    first = facts(store_url, [doc("late", "Talks in Doha\n\n" + REPORT, "2022-03-01")])
    assert all(c == 1.0 for c in first["late"])
    second = facts(store_url, [doc("early", REPORT, "2022-01-01")])
    assert all(c == 1.0 for c in second["early"])
    assert 0.8 in second["late"]
