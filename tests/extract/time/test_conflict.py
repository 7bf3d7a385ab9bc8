"""`date_conflict` across the corpus: a page dated years after what it narrates."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from storyline import Storyline
from storyline.extract.time.corpus import (
    DateConflictStep,
    Ref,
    SentenceReader,
    content_words,
    month_conflicts,
    month_verdict,
    sentence_of,
    sentence_without,
    winnable_years,
)

# Short pages of our own: three firmly dated (two agree on the month), one stated two years late.
PAGES = [
    {"id": "firm", "published": "2021-12-01",
     "text": "The Taliban seized control of Afghanistan in August 2021 as the United States withdrew."},
    {"id": "firm2", "published": "2021-11-15",
     "text": "Since the Taliban seized control of Afghanistan in August 2021, aid has fallen sharply."},
    {"id": "talks", "published": "2021-10-08",
     "text": "A US delegation will meet senior Taliban officials in Doha on Saturday and Sunday, "
             "their first meeting since the withdrawal."},
    {"id": "late", "published": "2023-12-10",
     "text": "On Saturday, the Taliban foreign minister said the US delegation had warned in their first "
             "meeting in Doha since the withdrawal. The Taliban seized control of Afghanistan in August "
             "when the United States withdrew."},
]


def _run(tmp_path: Path, pages: list[dict[str, str]]) -> dict[str, dict[str, object]]:
    src = tmp_path / "pages.jsonl"
    src.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([src])
        sl.export(out, annotations=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return {r["id"]: r for r in records if r["kind"] == "article"}


def _conflicts(article: dict[str, object]) -> list[dict[str, object]]:
    return [f for f in article["flags"] if f["type"] == "date_conflict"]  # type: ignore[union-attr,index]


def test_misdated_page_is_flagged_with_inferred_date(tmp_path: Path) -> None:
    articles = _run(tmp_path, PAGES)
    flags = _conflicts(articles["late"])
    assert len(flags) == 1
    assert "talks" in flags[0]["related"] and {"firm", "firm2"} & set(flags[0]["related"])  # type: ignore[arg-type]
    assert "2023-08" in str(flags[0]["detail"]) and "2021-08" in str(flags[0]["detail"])
    assert articles["late"]["published_inferred"] == {"date": "2021-10-10", "enddate": "2021-10-10",
                                                      "date_precision": "day"}
    assert not _conflicts(articles["firm"]) and not _conflicts(articles["talks"]) and not _conflicts(articles["firm2"])


def test_page_that_writes_the_year_itself_is_not_flagged(tmp_path: Path) -> None:
    own = dict(PAGES[3], text=PAGES[3]["text"] + " In August 2021 the Taliban seized control of Afghanistan.")
    articles = _run(tmp_path, [PAGES[0], PAGES[1], PAGES[2], own])
    assert not _conflicts(articles["late"])


def test_one_page_alone_does_not_make_another_misdated(tmp_path: Path) -> None:
    """A general corpus: one other article writing "August 2021" says nothing about this page's
    "August" (the seed 004 case: only one other seed shares two words with its sentence)."""
    articles = _run(tmp_path, [PAGES[0], PAGES[2], PAGES[3]])
    assert not _conflicts(articles["late"])


def test_the_same_event_in_other_words_is_recognised(tmp_path: Path) -> None:
    """The misdated page words the takeover differently from the firm pages ("took back power"
    against "took control", "seized power"): one content word in common, the same event."""
    late = {"id": "late", "published": "2023-12-10",
            "text": "The hardline Taliban took back power in August once the United States had finished its "
                    "twenty-year war with a hurried evacuation."}
    firm = [{"id": "took", "published": "2022-05-02",
             "text": "In August 2021 the Taliban took control of the country after the foreign troops left."},
            {"id": "entered", "published": "2022-12-20",
             "text": "No country has recognised the Taliban government, which seized power in August 2021 as "
                     "American forces completed their withdrawal."}]
    flags = _conflicts(_run(tmp_path, [*firm, late])["late"])
    assert len(flags) == 1 and set(flags[0]["related"]) == {"took", "entered"}  # type: ignore[arg-type]


def test_an_unrelated_sentence_naming_the_month_is_no_witness(tmp_path: Path) -> None:
    """"September" in a page about a budget deal is not "Sept. 11, 2001" in two others."""
    page = {"id": "budget", "published": "2019-10-02",
            "text": "Congress passed the spending bill in September after the president agreed to the deal."}
    attacks = [{"id": f"attacks{n}", "published": f"2019-09-1{n}",
                "text": f"The president marked the anniversary of the Sept. 11, 2001, attacks{text}."}
               for n, text in ((1, " at the Pentagon"), (2, " with a speech in New York"))]
    assert not _conflicts(_run(tmp_path, [*attacks, page])["budget"])


def test_order_of_arrival_does_not_matter(tmp_path: Path) -> None:
    """The misdated page stored first is flagged once the firm pages arrive in a later run."""
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text(json.dumps(PAGES[3]) + "\n", encoding="utf-8")
    later.write_text("".join(json.dumps(p) + "\n" for p in PAGES[:3]), encoding="utf-8")
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([first])
        assert not [f for f in sl.store.article("late").flags if f.type == "date_conflict"]
        sl.run([later])
        late = sl.store.article("late")
    assert [f for f in late.flags if f.type == "date_conflict"]
    assert late.published_inferred is not None and str(late.published_inferred) == "2021-10-10"


@pytest.mark.parametrize("order", [PAGES, [PAGES[3], *PAGES[:3]]], ids=["misdated last", "misdated first"])
def test_a_batch_checked_a_part_at_a_time_gets_the_verdicts_of_one_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, order: list[dict[str, str]]) -> None:
    """The step checks a batch a part at a time (what it holds at once grows with the part); one
    article a part, the misdated page first or last, flags and re-dates what one check does."""
    (tmp_path / "whole").mkdir()
    (tmp_path / "parts").mkdir()
    whole = _run(tmp_path / "whole", order)
    monkeypatch.setattr(DateConflictStep, "checked_together", 1)
    parts = _run(tmp_path / "parts", order)
    assert _conflicts(whole["late"])
    for aid, article in whole.items():
        assert _conflicts(parts[aid]) == _conflicts(article)
        assert parts[aid]["published_inferred"] == article["published_inferred"]


def test_weekdays_and_dates_in_pairs_are_not_a_conflict(tmp_path: Path) -> None:
    page = {"id": "pairs", "published": "2024-07-01",
            "text": "Envoys met in Doha on Sunday and Monday, 30 June and 1 July 2024, with a Taliban delegation."}
    assert not _conflicts(_run(tmp_path, [page])["pairs"])


def test_a_copy_of_the_firm_page_is_not_a_second_witness(tmp_path: Path) -> None:
    copy = dict(PAGES[0], id="copy", published="2021-12-02", text="Update\n\n" + PAGES[0]["text"])
    articles = _run(tmp_path, [PAGES[0], copy, PAGES[2], PAGES[3]])
    assert not _conflicts(articles["late"])


def _ref(article: str, text: str, expression: str, value: str) -> Ref:
    """A reference as the step reads it: its sentence's content words, and the sentence
    without the expression."""
    start = text.index(expression)
    end = start + len(expression)
    return Ref(article, start, end, expression, value, any(c.isdigit() for c in expression),
               content_words(text.replace(expression, " ")), sentence_without(text, start, end))


LATE = _ref("late", "The Taliban seized control of Afghanistan in August when the United States withdrew.",
            "August", "2023-08")
TOOK = _ref("took", "In August 2021 the Taliban took control of the country after the foreign troops left.",
            "August 2021", "2021-08")
SEIZED = _ref("seized", "The Taliban seized power in August 2021 as American forces completed their withdrawal.",
              "August 2021", "2021-08")
AIRLIFT = _ref("airlift", "Thousands fled Kabul on the airlift in August as the Taliban took control.",
               "August", "2021-08")
OWN_YEAR = _ref("own", "The Taliban banned music at weddings in August 2023, the ministry said.",
                "August 2023", "2023-08")
LONE = _ref("lone", "The Taliban captured Mazar-i-Sharif in August 1998 after a long siege.",
            "August 1998", "1998-08")


def test_sentence_of_and_without_the_expression() -> None:
    text = "Talks began. On Saturday, the envoys met in Doha.\nA new line"
    start = text.index("Saturday")
    assert sentence_of(text, start, start + 8) == "On Saturday, the envoys met in Doha."
    assert sentence_without(text, start, start + 8) == "On , the envoys met in Doha."
    assert sentence_of(text, 0, 5) == "Talks began."
    run_on = " ".join(f"w{i}" for i in range(100))
    start = run_on.index("w50")
    assert sentence_without(run_on, start, start + 3).split() == [f"w{i}" for i in range(25, 76) if i != 50]


def test_a_witness_sentence_is_cut_from_a_long_page_as_from_a_short_one() -> None:
    """`sentence_without` looks for the sentence's start near the expression first: on a page
    of long run-on text, long words or a sentence end far back it gives what the whole page's
    sentence ends give."""
    opening = "The delegations met. " + "x" * 3000 + " "
    for page in (opening + "They agreed on Saturday to meet again in the capital.",
                 " ".join(f"word{i}" for i in range(2000)) + " on Saturday they met.",
                 "y" * 5000 + " on Saturday they met."):
        start = page.index("Saturday")
        sentence = page[:start].rsplit(". ", 1)[-1].split()[-25:] + page[start + 8:].split()[:25]
        assert sentence_without(page, start, start + 8) == " ".join(sentence)


def test_a_witness_sentence_is_cut_once_however_many_references_it_answers(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A stored reference is the month candidate of many of a batch's references: the reader
    fills each of its copies with the same sentence, cut from its page once."""
    from storyline.extract.time import corpus

    text = "Talks began. On Saturday, the envoys met in Doha.\nA new line"
    start = text.index("Saturday")
    witness = Ref("page", start, start + 8, "Saturday", "2021-08-14", False, frozenset({"envoy"}), "")
    cut: list[int] = []

    def counting(page: str, begin: int, end: int) -> str:
        cut.append(begin)
        return sentence_without(page, begin, end)

    monkeypatch.setattr(corpus, "sentence_without", counting)
    reader = SentenceReader(None, {})
    reader.texts["page"] = text
    filled = [reader.fill([dataclasses.replace(witness)])[0] for _ in range(3)]
    assert {r.sentence for r in filled} == {"On , the envoys met in Doha."} and cut == [start]


def test_only_years_two_articles_could_agree_on_are_winnable() -> None:
    assert winnable_years(LATE, [TOOK, SEIZED, OWN_YEAR, LONE]) == {"2021"}
    assert winnable_years(LATE, [TOOK, AIRLIFT]) == {"2021"}  # a firm one and one under its own date
    assert winnable_years(LATE, [TOOK, OWN_YEAR, LONE]) == set()  # one article alone is no agreement
    copy = dataclasses.replace(TOOK, article="copy")
    assert winnable_years(LATE, [TOOK, copy]) == set()  # a copy repeats its original's sentence


def test_sentences_are_compared_only_while_the_verdict_can_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    """The firm references of years nobody could agree on are never compared, and those of the
    page's own year only once another year is agreed on (one of them would veto it)."""
    from storyline.extract.time import similar

    asked: list[str] = []
    same_event = similar.same_event

    def recording(pairs: list[tuple[str, str]]) -> list[bool]:
        asked.extend(b for _, b in pairs)
        return same_event(pairs)

    monkeypatch.setattr(similar, "same_event", recording)
    found = month_verdict(LATE, [TOOK, SEIZED, OWN_YEAR, LONE])
    assert found is not None and found[0] == "2021" and {found[1], *found[2]} == {TOOK, SEIZED}
    assert LONE.sentence not in asked and OWN_YEAR.sentence in asked
    asked.clear()
    assert month_verdict(LATE, [TOOK, OWN_YEAR, LONE]) is None and asked == []
    _, pairs = month_conflicts([LATE], [TOOK, SEIZED, OWN_YEAR, LONE])
    assert [(r, best.value) for r, best, _ in pairs] == [(LATE, "2021-08")]


def test_stored_pages_no_new_reference_can_flag_are_settled(tmp_path: Path) -> None:
    """An older page already flagged, or without a stated day, is not compared again when new
    pages arrive (`older_to_check`)."""
    from storyline.extract.time.corpus import _settled

    undated = {"id": "undated", "published": "2023-12",
               "text": "Aid agencies said the Taliban had closed girls' schools again in August."}
    _run(tmp_path, [*PAGES, undated])
    with Storyline(tmp_path / "s.db", progress=False) as sl, sl.store.transaction() as conn:
        assert _settled(conn, ["firm", "firm2", "talks", "late", "undated"]) == {"late", "undated"}


def test_a_page_is_settled_alike_as_an_article_and_as_a_stored_row() -> None:
    """One test (`Dating`) for the step's articles and `_settled`'s rows: flagged by the step
    (related articles), or re-dated by its own flag (`published_inferred`, a flag without related
    articles); a per-document flag without `published_inferred` settles nothing."""
    from datetime import date

    from storyline.extract.time.corpus import Dating, page_conflict
    from storyline.model import Article, Flag, PartialDate

    step = Flag(type="date_conflict", detail="step", related=["other"])
    own = Flag(type="date_conflict", detail="own")
    other = Flag(type="boilerplate_removed", detail="1 removed: dateline")
    day = PartialDate.day(date(2021, 10, 10))
    # a step's flag always comes with `published_inferred` (`check`): without one it settles nothing
    cases = [([], None, False), ([other], day, False), ([own], None, False), ([own], day, True),
             ([step], None, False), ([step], day, True), ([own, step], day, True)]
    for flags, inferred, settled in cases:
        article = Article(id="a", document="a", text="Talks.", flags=flags, published_inferred=inferred)
        row = article.model_dump(mode="json")
        assert Dating.of_article(article) == Dating.of_row(row["flags"], row["published_inferred"])
        assert Dating.of_article(article).settled is settled, (flags, inferred)
        assert (page_conflict(article) is own) is (own in flags and inferred is not None)


class _StoredTexts:
    """A store connection holding article texts, counting which ones each query read."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.read: list[str] = []

    def execute(self, query: object) -> list[object]:
        from types import SimpleNamespace

        ids = list(next(iter(query.compile().params.values())))  # type: ignore[attr-defined]
        self.read += ids
        return [SimpleNamespace(id=i, text=self.texts[i]) for i in ids if i in self.texts]


def test_witness_texts_are_read_once_cut_and_let_go(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = {f"w{i}": f"Talks opened. In May, envoy {i} met the council in Oslo. More." for i in range(3)}
    conn = _StoredTexts(texts)
    monkeypatch.setattr(SentenceReader, "KEEP_TEXTS", 1)
    reader = SentenceReader(conn, {})

    def ref(aid: str) -> Ref:
        start = texts[aid].index("May")
        return Ref(aid, start, start + 3, "May", "2021-05", False, frozenset({"envo"}))

    gone = Ref("gone", 0, 3, "May", "2021-05", False, frozenset())
    filled = reader.fill([ref("w0"), ref("w1"), ref("w2"), gone])
    assert [r.sentence for r in filled[:3]] == [f"In , envoy {i} met the council in Oslo." for i in range(3)]
    assert filled[3] == gone  # not stored: returned as it was
    assert sorted(conn.read) == ["gone", "w0", "w1", "w2"] and list(reader.recent) == ["w2"]
    reader.fill([ref("w0"), ref("w2")])  # cut already: nothing read
    assert len(conn.read) == 4
    start = texts["w2"].index("Oslo")
    again = reader.fill([Ref("w2", start, start + 4, "Oslo", "2021-05", False, frozenset()),
                         Ref("w0", start, start + 4, "Oslo", "2021-05", False, frozenset())])
    assert conn.read[4:] == ["w0"] and all(r.sentence for r in again)  # w2 was kept, w0 let go


def test_stored_pages_are_compared_before_the_index_is_read_around_them(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """When firm pages arrive, a stored page naming the month without its year in a sentence that
    shares a word with theirs but tells of something else is rejected by the sentence comparison
    (`older_to_check`), before the years the store could agree on are looked up around it
    (`_winnable_against`, which reads the index); the misdated page is still checked again."""
    from storyline.extract.time import corpus

    cricket = {"id": "cricket", "published": "2023-12-05",
               "text": "The Taliban cricket board moved the league final to August, after the monsoon rains."}
    looked_up: list[str] = []
    winnable = corpus._winnable_against

    def recording(index: object, ref: Ref) -> set[str]:
        looked_up.append(ref.article)
        return winnable(index, ref)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus, "_winnable_against", recording)
    first, later = tmp_path / "first.jsonl", tmp_path / "later.jsonl"
    first.write_text("".join(json.dumps(p) + "\n" for p in (cricket, PAGES[3])), encoding="utf-8")
    later.write_text("".join(json.dumps(p) + "\n" for p in PAGES[:3]), encoding="utf-8")
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([first])
        looked_up.clear()
        sl.run([later])
        late, other = sl.store.article("late"), sl.store.article("cricket")
    assert set(looked_up) == {"late"}
    assert str(late.published_inferred) == "2021-10-10"
    assert not [f for f in other.flags if f.type == "date_conflict"]
