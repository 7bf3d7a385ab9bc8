"""The per-document stage is a pure function of the document and the models."""

from pathlib import Path

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
    assert result.article.title == "US to engage with Taliban for safe evacuation after Aug 31"
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
