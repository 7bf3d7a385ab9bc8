"""The full-text index: query reading, and an index the database keeps up to date as articles are
saved, re-processed and deleted (SQLite FTS5 triggers, PostgreSQL generated tsvector)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import text

from storyline.model import Article, Document, Event, PartialDate, Party, ProcessedArticle
from storyline.serve import index, search
from storyline.serve.queries import Filters, Limits, Queries
from storyline.store import Store, migrations


def test_queries_are_read_as_words_phrases_alternatives_and_exclusions() -> None:
    parsed = search.parse_query('taliban "doha talks" OR kabul -embassy -"State Department"')
    assert parsed.alternatives == [[("taliban",), ("doha", "talks")], [("kabul",)]]
    assert parsed.excluded == [("embassy",), ("State", "Department")]
    assert search.fts5_query(parsed) == ('(("taliban" AND "doha talks") OR ("kabul")) NOT ("embassy" OR '
                                         '"State Department")')
    assert search.websearch_query(parsed) == 'taliban "doha talks" OR kabul -embassy -"State Department"'
    assert search.parse_query('"" -- OR ( *').empty
    assert search.fts5_query(search.parse_query("NEAR(a b)")) == '("NEAR a" AND "b")'  # never an operator
    assert search.fts5_query(search.parse_query("al-Qaeda")) == '("al Qaeda")'  # a hyphenated word is a phrase


def test_snippet_marks_become_plain_text_and_offsets() -> None:
    start, end = search.HIGHLIGHT_START, search.HIGHLIGHT_END
    marked = f"talks in {start}Doha{end} and {start}Kabul{end}"
    plain, spans = search.split_highlights(marked)
    assert plain == "talks in Doha and Kabul"
    assert [plain[s:e] for s, e in spans] == ["Doha", "Kabul"]


def _save(store: Store, doc_id: str, body: str, title: str | None = None, published: str | None = None) -> None:
    digest = hashlib.sha256(f"{doc_id}\n{body}".encode()).hexdigest()
    store.add_documents([Document(id=doc_id, text=body, content_hash=digest)])
    article = Article(id=doc_id, document=doc_id, text=body, title=title,
                      published=PartialDate.parse(published) if published else PartialDate.unknown())
    store.save_processed([(doc_id, [ProcessedArticle(article=article)])])


def _hits(store: Store, query: str) -> list[str]:
    return [h["id"] for h in Queries(store).search(query, Filters(), 50).items]


def test_the_index_follows_saves_reprocessing_and_deletes(store_url: str) -> None:
    store = Store(store_url)
    _save(store, "a", "Envoys met in Doha to discuss humanitarian corridors.", title="Doha meeting")
    _save(store, "b", "Sanctions on the central bank were eased in Kabul.")
    assert _hits(store, "doha") == ["a"]
    assert _hits(store, "corridor") == ["a"]  # stemmed: corridors
    assert _hits(store, "central bank") == ["b"]
    _save(store, "a", "Envoys met in Islamabad instead.", title="Islamabad meeting")  # re-processed
    assert _hits(store, "doha") == []
    assert _hits(store, "islamabad") == ["a"]
    with store.transaction() as conn:
        store._forget_articles(conn, ["b"])
    assert _hits(store, "kabul") == []
    store.close()


def test_title_matches_rank_above_text_matches(store_url: str) -> None:
    store = Store(store_url)
    _save(store, "t", "A short note about several things.", title="Tashkent conference")
    _save(store, "x", "Delegates flew to Tashkent, then home, after a long week of other business elsewhere.")
    assert _hits(store, "tashkent") == ["t", "x"]
    store.close()


def test_an_older_store_gets_the_index_and_event_parties_by_migration(store_url: str) -> None:
    store = Store(store_url)
    _save(store, "a", "Envoys met in Doha.")
    event = Event(id="E1", event="CONSULT", actor=[Party(entity_text="United States", code="USA")],
                  recipient=[Party(entity_text="Taliban")], when=PartialDate.parse("2021-10"), articles=["a"])
    with store.transaction() as conn:
        conn.execute(text("INSERT INTO events (id, event, date_start, date_end, confidence, record) "
                          "VALUES ('E1', 'CONSULT', '2021-10-01', '2021-10-31', 0.5, :r)"),
                     {"r": event.model_dump_json()})
        if store.dialect == "sqlite":
            for name in ("articles_fts_insert", "articles_fts_delete", "articles_fts_update"):
                conn.exec_driver_sql(f"DROP TRIGGER {name}")
            conn.exec_driver_sql("DROP TABLE articles_fts")
        else:
            conn.exec_driver_sql("ALTER TABLE articles DROP COLUMN search_vector")
        conn.exec_driver_sql("DROP TABLE event_parties")
        migrations._set_version(conn, migrations.MIGRATIONS.index(migrations._v5_serve))
    store.close()
    again = Store(store_url)
    assert _hits(again, "doha") == ["a"]
    queries = Queries(again)
    assert [e["id"] for e in queries.timeline(Filters.parse(actor="USA")).items] == ["E1"]
    assert [e["id"] for e in queries.timeline(Filters.parse(actor="taliban", date_from="2021-10-31")).items] == ["E1"]
    assert queries.timeline(Filters.parse(actor="taliban", date_to="2021-09")).items == []
    with again.engine.connect() as conn:
        assert index.reindex_events(conn, ["E1"]) == 3  # USA: name key + code; Taliban: name key
    again.close()


def test_a_very_common_query_ranks_the_most_recent_matches_and_counts_all(tmp_path: Path) -> None:
    store = Store(tmp_path / "common.db")
    for i in range(5):
        _save(store, f"a{i}", f"Talks again in Doha, round {i}." + " Doha" * i)
    queries = Queries(store, Limits(max_ranked=2))
    first = queries.search("doha", Filters(), 2)
    assert first.total == 5 and {h["id"] for h in first.items} == {"a3", "a4"}  # the two stored last
    every = [h["id"] for offset in (0, 2, 4) for h in queries.search("doha", Filters(), 2, offset).items]
    assert sorted(every) == [f"a{i}" for i in range(5)]
    store.close()


def test_a_very_common_query_is_ranked_within_a_window_on_every_backend(store_url: str) -> None:
    store = Store(store_url)
    for i in range(5):  # stored and published in the same order: both windows are the newest two
        _save(store, f"p{i}", f"Talks again in Doha, round {i}." + " Doha" * i, published=f"2021-01-0{i + 1}")
    queries = Queries(store, Limits(max_ranked=2))
    first = queries.search("doha", Filters(), 2)
    assert first.total == 5 and {h["id"] for h in first.items} == {"p3", "p4"}
    filtered = queries.search("doha", Filters.parse(date_to="2021-01-03"), 2)
    assert filtered.total == 3 and {h["id"] for h in filtered.items} == {"p1", "p2"}  # the window after filters
    every = [h["id"] for offset in (0, 2, 4) for h in queries.search("doha", Filters(), 2, offset).items]
    assert sorted(every) == [f"p{i}" for i in range(5)]
    store.close()


def test_facets_are_read_again_after_the_store_changes(store_url: str) -> None:
    store = Store(store_url)
    _save(store, "a", "Envoys met in Doha.")
    queries = Queries(store)
    assert queries.facets()["counts"]["articles"] == 1
    assert queries.facets()["counts"]["articles"] == 1  # from the cache
    _save(store, "b", "Sanctions were eased in Kabul.")
    assert queries.facets()["counts"]["articles"] == 2
    store.close()


def test_quick_snippets_mark_the_query_words_where_most_of_them_meet() -> None:
    body = ("Kabul saw protests on Monday. " * 20 + "Envoys met in Doha to discuss humanitarian corridors. "
            + "Nothing else happened. " * 20)
    marked = search.quick_snippet(body, search.parse_query("humanitarian corridor"))
    assert marked is not None
    plain, spans = search.split_highlights(marked)
    assert [plain[s:e] for s, e in spans] == ["humanitarian", "corridors"]
    assert plain.startswith("…") and plain.endswith("…") and len(plain.split()) <= 34
    assert search.quick_snippet(body, search.parse_query("Islamabad")) is None  # left to the database
