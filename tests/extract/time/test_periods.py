"""`date_conflict` from relative references to periods other articles date firmly."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from storyline import Storyline
from storyline.extract.time.corpus import Ref
from storyline.extract.time.periods import counted_year, period_conflicts
from storyline.model import Article, PartialDate

FIRM = {"id": "firm", "published": "2021-12-01",
        "text": "American troops completed their withdrawal from Afghanistan in August 2021, ending the war."}
# The store must agree with itself before a page's date is doubted: a second page dates it too.
FIRM2 = {"id": "firm2", "published": "2021-12-05",
         "text": "The withdrawal of American troops from Afghanistan ended in 2021 after twenty years."}


def _page(published: str, text: str, page_id: str = "page") -> dict[str, str]:
    return {"id": page_id, "published": published, "text": text}


def _flags(tmp_path: Path, pages: list[dict[str, str]]) -> dict[str, dict[str, object]]:
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([src])
        out = {}
        for p in pages:
            article = sl.store.article(p["id"])
            flags = [f for f in article.flags if f.type == "date_conflict"]
            out[p["id"]] = {"flags": flags, "inferred": article.published_inferred}
    return out


def test_last_years_period_contradicting_the_stated_year_is_flagged(tmp_path: Path) -> None:
    late = _page("2023-06-01", "Taliban leaders celebrated last year's withdrawal of American troops from "
                               "Afghanistan with a parade.")
    got = _flags(tmp_path, [FIRM, FIRM2, late])
    flags = got["page"]["flags"]
    assert len(flags) == 1  # type: ignore[arg-type]
    flag = flags[0]  # type: ignore[index]
    assert "'last year' counts to 2022" in flag.detail and "2021" in flag.detail
    assert flag.related[0] in {"firm", "firm2"} and [e.text for e in flag.evidence] == ["last year"]
    assert got["page"]["inferred"] == PartialDate.year(2022)
    assert not got["firm"]["flags"]


def test_years_since_a_period_count_back_from_the_stated_year(tmp_path: Path) -> None:
    late = _page("2025-03-03", "It is two years since the withdrawal of American troops from Afghanistan "
                               "ended the war.")
    got = _flags(tmp_path, [FIRM, FIRM2, late])
    assert got["page"]["flags"] and got["page"]["inferred"] == PartialDate.year(2023)


def test_a_count_that_fits_is_not_flagged(tmp_path: Path) -> None:
    fits = _page("2022-06-01", "Taliban leaders celebrated last year's withdrawal of American troops from "
                               "Afghanistan with a parade.")
    got = _flags(tmp_path, [FIRM, fits])
    assert not got["page"]["flags"]


def test_an_unrelated_period_is_not_compared(tmp_path: Path) -> None:
    other = _page("2023-06-01", "Farmers in Kansas harvested less wheat than last year after a dry spring.")
    got = _flags(tmp_path, [FIRM, other])
    assert not got["page"]["flags"]


def test_order_of_arrival_does_not_matter(tmp_path: Path) -> None:
    late = _page("2023-06-01", "Taliban leaders celebrated last year's withdrawal of American troops from "
                               "Afghanistan with a parade.")
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text(json.dumps(late) + "\n", encoding="utf-8")
    later.write_text(json.dumps(FIRM) + "\n" + json.dumps(FIRM2) + "\n", encoding="utf-8")
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([first])
        assert not [f for f in sl.store.article("page").flags if f.type == "date_conflict"]
        sl.run([later])
        assert [f for f in sl.store.article("page").flags if f.type == "date_conflict"]


def _article(published: str, text: str) -> Article:
    return Article(id="a", document="a", text=text, published=PartialDate.parse(published))


def _t(a: Article, text: str, type_: str, value: str) -> dict[str, object]:
    start = a.text.index(text)
    return {"type": type_, "value": value, "text": text, "start": start, "end": start + len(text)}


def test_a_single_page_dating_the_period_is_not_enough(tmp_path: Path) -> None:
    late = _page("2023-06-01", "Taliban leaders celebrated last year's withdrawal of American troops from "
                               "Afghanistan with a parade.")
    assert not _flags(tmp_path, [FIRM, late])["page"]["flags"]


def test_counted_year_reads_only_relative_year_references() -> None:
    a = _article("2023-06-01", "Last year, in 2021, they met. Two years since the war, three years of talks. "
                               "This year's election was calm.")
    assert counted_year(a, _t(a, "Last year", "DATE", "2022")) is None  # names no period
    assert counted_year(a, _t(a, "This year", "DATE", "2023")) == (2023, "election was calm")
    assert counted_year(a, _t(a, "2021", "DATE", "2021")) is None
    assert counted_year(a, _t(a, "Two years", "DURATION", "P2Y")) == (2021, " the war, three years of talks.")
    assert counted_year(a, _t(a, "three years", "DURATION", "P3Y")) is None
    undated = _article("2023", a.text)
    assert counted_year(undated, _t(a, "Last year", "DATE", "2022")) is None


def test_years_after_count_from_today_only_in_a_present_sentence() -> None:
    a = _article("2023-06-01", "The rebels are trying to restore power 20 years after the invasion. "
                               "They returned to power 20 years after the invasion. "
                               "In 2021, 20 years after the invasion, they returned.")
    starts = [i for i in range(len(a.text)) if a.text.startswith("20 years", i)]
    found = [counted_year(a, {"type": "DURATION", "value": "P20Y", "text": "20 years", "start": s, "end": s + 8})
             for s in starts]
    assert found == [(2003, " the invasion."), None, None]


def test_period_conflicts_pick_the_firm_reference_sharing_most_words() -> None:
    words = frozenset({"with", "amer", "troo", "afgh"})
    mine = [Ref("a", 0, 9, "last year", "2022", False, words)]
    known = [Ref("b", 0, 4, "2021", "2021", True, words), Ref("d", 0, 4, "2021", "2021", True, words - {"with"}),
             Ref("c", 0, 4, "2019", "2019", True, frozenset({"afgh"}))]
    [conflict] = period_conflicts(date(2023, 6, 1), mine, known)
    assert conflict.firm.article == "b" and conflict.published_year == 2022
    assert period_conflicts(date(2023, 6, 1), mine, known[:1]) == []  # one page alone is not enough
    assert period_conflicts(date(2023, 6, 1), mine, [Ref("b", 0, 4, "2022", "2022", True, words)]) == []
