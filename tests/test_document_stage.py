"""The per-document stage is a pure function of the document and the models."""

import io
from pathlib import Path
from typing import Any

from storyline.document_stage import run_document_stage
from storyline.model import Document


def seed_document(seeds: Path, stem: str) -> Document:
    return Document(id=stem, text=(seeds / f"{stem}.txt").read_text(encoding="utf-8"), format="text",
                    published="2021-08-28", outlet="Asian Lite News")


def test_stage_yields_clean_annotated_articles_with_exact_offsets(seeds: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = seed_document(seeds, "002_9935c97695e8bf58")
    [outcome] = list(run_document_stage([doc], nlp))
    assert outcome.error is None
    [result] = outcome.articles
    text = result.article.text
    assert "[mc4wp_form" not in text and "ALSO READ" not in text
    headline = next(line for line in doc.text.splitlines() if line.strip())  # the seed's first line
    assert result.article.title == headline
    assert result.article.published.iso() == "2021-08-28"
    assert result.words > 500 and len(result.sentences) > 20
    names = {m.text for m in result.mentions}
    assert {"Jen Psaki", "Antony Blinken", "Ned Price"} <= names
    for m in result.mentions:
        assert text[m.start:m.end] == m.text
    assert any(f.type == "boilerplate_removed" for f in result.article.flags)


def test_stage_is_pure_same_input_same_output(seeds: Path, nlp) -> None:  # type: ignore[no-untyped-def]
    doc = seed_document(seeds, "004_0e8ab7f9404d1008")
    first = list(run_document_stage([doc], nlp))
    second = list(run_document_stage([doc], nlp))
    assert first[0].articles[0].model_dump() == second[0].articles[0].model_dump()


def test_a_document_that_breaks_cleaning_fails_alone(monkeypatch, nlp) -> None:  # type: ignore[no-untyped-def]
    import storyline.document_stage as stage

    real = stage.clean_document

    def flaky(doc: Document):  # type: ignore[no-untyped-def]
        if doc.id == "bad":
            raise RuntimeError("boom")
        return real(doc)

    monkeypatch.setattr(stage, "clean_document", flaky)
    docs = [Document(id=i, text=f"Kabul news number {i}.", format="text") for i in ("a", "bad", "c")]
    outcomes = {o.document: o for o in run_document_stage(docs, nlp)}
    assert set(outcomes) == {"a", "bad", "c"}
    assert outcomes["bad"].error and "[E101]" in outcomes["bad"].error
    assert outcomes["a"].error is None and outcomes["c"].error is None


def test_a_digest_page_becomes_one_article_per_story(monkeypatch, nlp) -> None:  # type: ignore[no-untyped-def]
    import storyline.document_stage as stage
    from storyline.clean.stories import Story

    text = "Envoys met in Doha on Monday.\n\nA bomb hit Kabul airport on Thursday."
    split_at = text.index("A bomb")
    real = stage.split_stories
    monkeypatch.setattr(stage, "split_stories",
                        lambda t: [Story(0, split_at - 2), Story(split_at, len(t))] if t == text else real(t))
    docs = [Document(id="digest", text=text, format="jsonl"), Document(id="plain", text="Kabul news.", format="jsonl")]
    outcomes = {o.document: o for o in run_document_stage(docs, nlp)}
    digest = outcomes["digest"].articles
    assert [r.article.id for r in digest] == ["digest#1", "digest#2"]
    assert digest[1].article.text == "A bomb hit Kabul airport on Thursday."
    assert all(r.article.document == "digest" for r in digest)
    assert {f.type for f in digest[0].article.flags} == {"digest"}
    kabul = next(m for m in digest[1].mentions if m.text == "Kabul")
    assert digest[1].article.text[kabul.start:kabul.end] == "Kabul"
    assert [r.article.id for r in outcomes["plain"].articles] == ["plain"]


def test_a_pages_flag_evidence_goes_to_the_story_it_is_in() -> None:
    from storyline.clean.stories import Story
    from storyline.document_stage import story_articles
    from storyline.model import Article, Evidence, Flag

    text = "BERGEN, 2 May 2022: Ferries stopped.\n\nTolls rose on the new bridge."
    at = text.index("Tolls")
    flag = Flag(type="date_conflict", detail="d",
                evidence=[Evidence.of("p", text, 0, 18), Evidence.of("p", text, at, at + 5)])
    whole = Article(id="p", document="p", text=text, flags=[flag])
    first, second = story_articles(whole, [Story(0, at - 2), Story(at, len(text))])
    assert [(e.article, e.start, e.text) for e in first.flags[0].evidence] == [("p#1", 0, "BERGEN, 2 May 2022")]
    assert [(e.article, e.start, e.text) for e in second.flags[0].evidence] == [("p#2", 0, "Tolls")]


def test_a_pages_flag_on_a_story_without_its_evidence_cites_the_story_that_has_it() -> None:
    from storyline.clean.stories import Story
    from storyline.document_stage import story_articles
    from storyline.model import Article, Evidence, Flag

    text = "BERGEN, 2 May 2022: Ferries stopped.\n\nTolls rose on the new bridge.\n\nA choir sang."
    at, last = text.index("Tolls"), text.index("A choir")
    flag = Flag(type="date_conflict", detail="d", evidence=[Evidence.of("p", text, 0, 18)])
    whole = Article(id="p", document="p", text=text, flags=[flag])
    first, second, third = story_articles(whole, [Story(0, at - 2), Story(at, last - 2), Story(last, len(text))])
    assert [(e.article, e.start, e.text) for e in first.flags[0].evidence] == [("p#1", 0, "BERGEN, 2 May 2022")]
    for story in (second, third):
        assert [(e.article, e.start, e.end, e.text) for e in story.flags[0].evidence] == \
            [("p#1", 0, 18, first.text[0:18])]


def test_documents_spacy_drops_are_reported_failed_not_lost(monkeypatch, nlp) -> None:  # type: ignore[no-untyped-def]
    import storyline.document_stage as stage

    real = stage.annotate

    def lossy(nlp, items, **kw):  # type: ignore[no-untyped-def]
        for doc, article in real(nlp, items, **kw):
            if article.document != "b":
                yield doc, article

    monkeypatch.setattr(stage, "annotate", lossy)
    docs = [Document(id=i, text=f"Doha talks, report {i}.", format="jsonl") for i in ("a", "b", "c")]
    outcomes = {o.document: o for o in run_document_stage(docs, nlp)}
    assert outcomes["b"].error and "[E202]" in outcomes["b"].error
    assert outcomes["a"].error is None and outcomes["c"].error is None


def _run_and_export(tmp_path: Path, pages: Path) -> list[dict[str, Any]]:
    """Run a folder of pages into a new store and read its export back as records."""
    import json

    from storyline import Storyline

    sl = Storyline(tmp_path / "store.db", progress=False)
    sl.run([pages])
    out = io.StringIO()
    sl.export(out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


# Invented pages, each republished under a later date than its dateline's: an HTML page with a
# full date in its dateline, a plain-text page with a dateline without its year.
_HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Ferry company cuts winter fares</title>
<meta property="article:published_time" content="2019-03-20T08:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry company cuts winter fares</h1>
<p>BERGEN, March 3, 2019 (Fjord Wire) - The ferry company said on Friday that it would cut fares on its
coastal routes in April, after a winter in which fewer passengers travelled than in any year before.</p>
<p>"The winter was hard for everyone on the coast," the company's chief executive told reporters at the
harbour, adding that the cheaper tickets would stay until the end of the summer season.</p>
</article><footer>Share this article</footer></body></html>
"""
_TEXT_PAGE = """Harbour board closes the old ferry pier

TROMSO, Oct 12 (Reuters) - The harbour board said on Tuesday that the old ferry pier would close in
November because its timber had rotted.

"The pier is no longer safe," the board's chair said.
"""


def test_a_contradicting_datelines_flag_on_text_and_html_points_at_it_in_the_clean_text(tmp_path: Path) -> None:


    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "fares.html").write_text(_HTML_PAGE, encoding="utf-8")
    (pages / "pier.txt").write_text(_TEXT_PAGE, encoding="utf-8")
    (pages / "manifest.jsonl").write_text('{"file": "pier.txt", "published": "2023-10-30"}\n', encoding="utf-8")
    records = _run_and_export(tmp_path, pages)
    articles = {r["id"]: r for r in records if r["kind"] == "article"}
    for aid, dateline, inferred in (("fares", "BERGEN, March 3, 2019 (Fjord Wire)", "2019-03-03"),
                                    ("pier", "TROMSO, Oct 12 (Reuters)", "2023-10-12")):
        article = articles[aid]
        [flag] = [f for f in article["flags"] if f["type"] == "date_conflict"]
        [evidence] = flag["evidence"]
        assert evidence["article"] == aid and evidence["text"] == dateline == article["dateline"]
        assert article["text"][evidence["start"]:evidence["end"]] == dateline
        # a paragraph of its own: the lede's first sentence does not start with it
        assert article["text"][evidence["end"]:].startswith(" -\n\nThe ")
        assert article["published_inferred"]["date"] == inferred
        assert not [r for r in article["removed"] if r["reason"] == "dateline"]


# Invented pages with a weekday and no day in their datelines: one stated four days after its
# Tuesday (a Saturday), one the day after it (out the next morning).
_WEEKDAY_PAGE = """Harbour board votes to close the old ferry pier

TROMSO, Tuesday (Reuters) - The harbour board voted on Monday to close the old ferry pier in
November because its timber had rotted.

"The pier is no longer safe," the board's chair said.
"""
_NEXT_MORNING_PAGE = """Ferry company cuts winter fares

BERGEN, Tuesday (NTB) - The ferry company said on Monday that it would cut fares on its
coastal routes in April.
"""

# 2019-03-20 is a Wednesday: the Sunday before is 3 days back, the one after 4 days on
_WEEKDAY_HTML = _HTML_PAGE.replace("BERGEN, March 3, 2019 (Fjord Wire)", "BERGEN, Sunday (NTB)")


def test_a_datelines_weekday_far_from_the_stated_day_is_flagged_with_it_as_evidence(tmp_path: Path) -> None:


    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "pier.txt").write_text(_WEEKDAY_PAGE, encoding="utf-8")
    (pages / "fares.txt").write_text(_NEXT_MORNING_PAGE, encoding="utf-8")
    (pages / "winter.html").write_text(_WEEKDAY_HTML, encoding="utf-8")
    (pages / "manifest.jsonl").write_text('{"file": "pier.txt", "published": "2023-10-28"}\n'
                                          '{"file": "fares.txt", "published": "2023-10-25"}\n', encoding="utf-8")
    records = _run_and_export(tmp_path, pages)
    articles = {r["id"]: r for r in records if r["kind"] == "article"}
    pier = articles["pier"]
    [flag] = [f for f in pier["flags"] if f["type"] == "date_conflict"]
    assert "gives a Tuesday and no day, but no Tuesday is within 2 days of the stated 2023-10-28" in flag["detail"]
    [evidence] = flag["evidence"]
    assert evidence["article"] == "pier" and evidence["text"] == "TROMSO, Tuesday (Reuters)" == pier["dateline"]
    assert pier["text"][evidence["start"]:evidence["end"]] == pier["dateline"]
    assert pier["text"][evidence["end"]:].startswith(" -\n\nThe harbour board voted")  # a paragraph of its own
    assert not [r for r in pier["removed"] if r["reason"] == "dateline"]
    # no day to re-date it to: its dates stay counted from the stated day, through the corpus step too
    assert pier["published_inferred"] is None and pier["published"] == "2023-10-28"
    [vote] = [r for r in records if r["kind"] == "event" and r["articles"] == ["pier"]]
    assert vote["date"] == "2023-10-23"  # "on Monday", before the stated Saturday
    # an HTML page: the dateline kept in the clean text for its evidence as well
    winter = articles["winter"]
    [flag] = [f for f in winter["flags"] if f["type"] == "date_conflict"]
    assert "no Sunday is within 2 days of the stated 2019-03-20, a Wednesday" in flag["detail"]
    [evidence] = flag["evidence"]
    assert evidence["text"] == "BERGEN, Sunday (NTB)" == winter["dateline"]
    assert winter["text"][evidence["start"]:evidence["end"]] == evidence["text"]
    assert winter["published_inferred"] is None
    # the next morning: no flag, and the dateline cut from the text as before
    fares = articles["fares"]
    assert not [f for f in fares["flags"] if f["type"] == "date_conflict"]
    assert fares["dateline"] == "BERGEN, Tuesday (NTB)"
    assert fares["text"].startswith("Ferry company cuts winter fares\n\nThe ferry company said")
    assert [r["reason"] for r in fares["removed"]] == ["dateline"]


# An invented plain-text page stated 03/09/2019 (2019-03-09, a Saturday, or 2019-09-03, a
# Tuesday) with no locale hint, its dateline a Tuesday's: within two days of 2019-09-03 only.
_AMBIGUOUS_WEEKDAY_PAGE = """Harbour board votes to close the old ferry pier

TROMSO, Tuesday (Reuters) - The harbour board voted on Monday to close the old ferry pier in
November because its timber had rotted.

"The pier is no longer safe," the board's chair said.
"""
# Invented pages stated 03/09/2019 as well: a dateline with its month and day settles it; the
# page's own dates settle it (the vote told in the past on March 20, 2019 was not told on
# 2019-03-09); nothing does (no dateline, no day of its own).
_AMBIGUOUS_MONTH_DAY_PAGE = """Ferry company cuts autumn fares

BERGEN, Sept 3 (NTB) - The ferry company said it would cut fares on its coastal routes.
"""
_AMBIGUOUS_CONTENT_PAGE = """Council closes the old bridge

The town council voted on March 20, 2019 to close the old bridge, and its chair said the repairs
would take a year.
"""
_AMBIGUOUS_ALONE_PAGE = """Council reviews the old bridge

The town council said it would review the state of the old bridge before the winter.
"""


def test_an_ambiguous_stated_date_settled_by_the_text_cites_what_settled_it_end_to_end(tmp_path: Path) -> None:


    pages = tmp_path / "pages"
    pages.mkdir()
    named = {"pier": _AMBIGUOUS_WEEKDAY_PAGE, "ferry": _AMBIGUOUS_MONTH_DAY_PAGE,
             "bridge": _AMBIGUOUS_CONTENT_PAGE, "review": _AMBIGUOUS_ALONE_PAGE}
    for name, page in named.items():
        (pages / f"{name}.txt").write_text(page, encoding="utf-8")
    (pages / "manifest.jsonl").write_text("".join(f'{{"file": "{name}.txt", "published": "03/09/2019"}}\n'
                                                  for name in named), encoding="utf-8")
    records = _run_and_export(tmp_path, pages)
    articles = {r["id"]: r for r in records if r["kind"] == "article"}
    flags = {aid: [f for f in a["flags"] if f["type"] == "date_conflict"] for aid, a in articles.items()}
    for aid in named:
        [flag] = flags[aid]
        assert "ambiguous numeric date '03/09/2019'" in flag["detail"], aid
        for evidence in flag["evidence"]:  # every span is the clean text's
            assert evidence["article"] == aid
            assert articles[aid]["text"][evidence["start"]:evidence["end"]] == evidence["text"], aid
    # a dateline's weekday settles it: the dateline is the flag's evidence, kept in the clean text
    pier = articles["pier"]
    assert pier["published"] == "2019-09-03" and pier["published_inferred"] is None  # no hint: read so
    [flag] = flags["pier"]
    assert flag["detail"].endswith("the dateline 'TROMSO, Tuesday (Reuters)' gives a Tuesday and no day: a Tuesday "
                                   "is within 2 days of 2019-09-03 only (the nearest to 2019-03-09, a Saturday: "
                                   "2019-03-05, 4 days before; 2019-03-12, 3 days after), so it gives 2019-09-03: "
                                   "read so")
    assert [e["text"] for e in flag["evidence"]] == ["TROMSO, Tuesday (Reuters)"] == [pier["dateline"]]
    assert pier["text"][flag["evidence"][0]["end"]:].startswith(" -\n\nThe harbour board voted")
    assert not [r for r in pier["removed"] if r["reason"] == "dateline"]
    # "voted on Monday", counted from the day it settled
    dates = sorted(r["date"] for r in records if r["kind"] == "event" and r["articles"] == ["pier"])
    assert "2019-09-02" in dates
    # a dateline's month and day settle it: the dateline again
    ferry = articles["ferry"]
    [flag] = flags["ferry"]
    assert ferry["published"] == "2019-09-03" and flag["detail"].endswith("gives 2019-09-03: read so")
    assert [e["text"] for e in flag["evidence"]] == ["BERGEN, Sept 3 (NTB)"] == [ferry["dateline"]]
    # the page's own dates settle it: the expression that decided it
    [flag] = flags["bridge"]
    assert articles["bridge"]["published"] == "2019-09-03"
    assert "the page's dates fit 2019-09-03 only" in flag["detail"]
    assert [e["text"] for e in flag["evidence"]] == ["March 20, 2019"]
    # nothing in the text bears on it: a flag about the metadata alone, without evidence
    [flag] = flags["review"]
    assert articles["review"]["published"] == "2019-03-09/2019-09-03"
    assert flag["evidence"] == [] and flag["detail"].endswith("kept as the range between them")
