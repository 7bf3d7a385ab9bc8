"""The index of dated references the date_conflict step reads instead of the whole store."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select

from storyline import Storyline
from storyline.store import Store, schema
from tests.extract.time.test_conflict import PAGES


def _write(path: Path, pages: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    return path


def _refs(sl: Storyline) -> dict[str, int]:
    t = schema.time_refs
    with sl.store.engine.connect() as conn:
        return dict(conn.execute(select(t.c.article_id, func.count()).group_by(t.c.article_id)).all())  # type: ignore[arg-type]


def test_a_store_from_before_the_index_is_indexed_once_and_still_flags(tmp_path: Path) -> None:
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([_write(tmp_path / "a.jsonl", PAGES[:3])])
        assert set(_refs(sl)) == {"firm", "firm2", "talks"}
        with sl.store.transaction() as conn:  # as a store written before schema 7 would be
            conn.execute(delete(schema.time_ref_words))
            conn.execute(delete(schema.time_refs))
            conn.execute(delete(schema.meta).where(schema.meta.c.key == "time_refs_indexed"))
        sl.run([_write(tmp_path / "b.jsonl", PAGES[3:])])
        assert set(_refs(sl)) == {"firm", "firm2", "talks", "late"}
        assert [f for f in sl.store.article("late").flags if f.type == "date_conflict"]


def test_a_reprocessed_article_replaces_its_references(tmp_path: Path) -> None:
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([_write(tmp_path / "a.jsonl", PAGES[:1])])
        before = _refs(sl)["firm"]
        changed = dict(PAGES[0], text=PAGES[0]["text"] + " Talks followed in October 2021 and in May 2022.")
        sl.run([_write(tmp_path / "a.jsonl", [changed])])
        assert _refs(sl)["firm"] == before + 4  # each new month: a `ref` and a `known` period, none twice


def test_references_stored_before_their_word_keys_get_them_once(tmp_path: Path) -> None:
    """A store whose references have no word keys yet (an older release) gets them on the next
    run, and a page arriving then is still checked against them."""
    from storyline.extract.time.refindex import KEYED

    w = schema.time_ref_words
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([_write(tmp_path / "a.jsonl", PAGES[:3])])
        with sl.store.transaction() as conn:
            keys = set(conn.execute(select(w.c.word).where(w.c.word.like("%:%"))).scalars())
            assert "08f:seiz" in keys, "a firm August sentence is found by its words"
            conn.execute(delete(w).where(w.c.word.like("%:%")))
            conn.execute(delete(schema.meta).where(schema.meta.c.key == KEYED))
        sl.run([_write(tmp_path / "b.jsonl", PAGES[3:])])
        with sl.store.engine.connect() as conn:
            again = set(conn.execute(select(w.c.word).where(w.c.word.like("%:%"))).scalars())
        assert keys <= again
        assert [f for f in sl.store.article("late").flags if f.type == "date_conflict"]


def test_a_busy_key_or_day_gives_its_latest_references_only(tmp_path: Path, monkeypatch: Any) -> None:
    """Under a key (a month and a word) or on a day that thousands of stored references share,
    only the latest `POSTINGS_READ` are read: the cost of a new article stays bounded."""
    from storyline.extract.time import refindex
    from storyline.extract.time.corpus import Ref

    monkeypatch.setattr(refindex, "POSTINGS_READ", 3)
    busy = [Ref(f"a{n}", 0, 6, "August", "2021-08-15", True, frozenset({"talk", f"w{n}"})) for n in range(6)]
    quiet = Ref("q", 0, 6, "August", "2021-08-16", True, frozenset({"seiz"}))
    store = Store(tmp_path / "s.db")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        index = refindex.RefIndex(conn)
        index.add({r.article: {"ref": [r], "rel": [], "known": []} for r in [*busy, quiet]})
        assert [r.article for r in index.firm_sharing("08", {"talk", "seiz"})] == ["a3", "a4", "a5", "q"]
        assert [r.article for r in index.firm_sharing("08", {"w0"})] == ["a0"], "a quiet key: all of it"
        sunday = Ref("n", 0, 6, "Sunday", "2021-08-22", False, frozenset({"talk"}))
        monday = Ref("n", 7, 13, "Monday", "2021-08-23", False, frozenset({"seiz", "else"}))
        days = sorted(r.article for r in index.days_sharing([sunday, monday], 2021))
        assert days == ["a3", "a4", "a5", "q"]
        assert not index.days_sharing([sunday], 2022), "another year"
        assert not index.days_sharing([replace(monday, words=frozenset({"talk"}))], 2021), "another weekday"
    store.close()


def test_days_stored_before_their_day_keys_get_them_once(tmp_path: Path) -> None:
    """A store keyed by the release before day keys (months and relative words only) gets the
    day keys of its stored days on the next run, once."""
    from storyline.extract.time.refindex import DAY_KEYED, key_older_refs

    w = schema.time_ref_words
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([_write(tmp_path / "a.jsonl", PAGES)])
        with sl.store.transaction() as conn:
            # one row per day and word (the re-dated page's Saturday shares some with another's)
            days = sorted(conn.execute(select(w.c.word).where(w.c.word.like("____w_:%"))).scalars())
            assert days, "the pages' days are found by year, weekday and word"
            conn.execute(delete(w).where(w.c.word.like("____w_:%")))
            conn.execute(delete(schema.meta).where(schema.meta.c.key == DAY_KEYED))
        with sl.store.transaction() as conn:
            assert key_older_refs(conn) == len(days)
            assert key_older_refs(conn) == 0
            assert sorted(conn.execute(select(w.c.word).where(w.c.word.like("____w_:%"))).scalars()) == days


def test_one_lookup_reads_its_rarest_keys_first_within_its_budget(tmp_path: Path, monkeypatch: Any) -> None:
    """A sentence whose every word is busy does not read every busy key: the keys with the
    fewest references come first, until `SHARING_READ` references are read (the first key
    always); `known` references are found under their rarest words, the latest of each."""
    from storyline.extract.time import refindex
    from storyline.extract.time.corpus import Ref

    monkeypatch.setattr(refindex, "SHARING_READ", 3)
    monkeypatch.setattr(refindex, "POSTINGS_READ", 4)
    common = [Ref(f"c{n}", 0, 6, "August", "2021-08-15", True, frozenset({"kabu", "talk"})) for n in range(6)]
    rare = [Ref(f"r{n}", 0, 6, "August", "2021-08-15", True, frozenset({"kabu", "evac"})) for n in range(2)]
    known = [Ref(f"k{n}", 0, 6, "August 2021", "2021-08", True, frozenset({"take", "over", f"w{n}"})) for n in range(6)]
    store = Store(tmp_path / "s.db")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        index = refindex.RefIndex(conn)
        index.add({r.article: {"ref": [r], "rel": [], "known": []} for r in [*common, *rare]})
        index.add({r.article: {"ref": [], "rel": [], "known": [r]} for r in known})
        assert [r.article for r in index.firm_sharing("08", {"evac", "talk", "kabu"})] == ["r0", "r1"]
        assert [r.article for r in index.firm_sharing("08", {"talk"})] == ["c2", "c3", "c4", "c5"], "the first key"
        found = index.known_sharing(frozenset({"take", "over", "w0", "w5"}), 2)
        assert sorted(r.article for r in found) == ["k0", "k2", "k3", "k4", "k5"], \
            "all share 'take over': k0 and k5 under their rare words, the latest four under 'over'; not k1"
    store.close()


def _sentences(conn: Any, articles: set[str] | None = None) -> list[tuple[str, str | None, str]]:
    """(article, stored sentence, the sentence cut from its stored page now) of every reference."""
    from storyline.extract.time.corpus import sentence_without

    t, a = schema.time_refs, schema.articles
    rows = conn.execute(select(t.c.article_id, t.c.start, t.c.end, t.c.sentence, a.c.text)
                        .join(a, a.c.id == t.c.article_id).order_by(t.c.id)).all()
    return [(r.article_id, r.sentence, sentence_without(r.text, r.start, r.end)) for r in rows
            if articles is None or r.article_id in articles]


def test_a_stored_pages_sentences_are_read_from_the_index_not_from_its_text(
        tmp_path: Path, store_url: str, monkeypatch: Any) -> None:
    """Each reference is indexed with the sentence the step compares (`sentence_without`), and a
    stored page's references are filled from their rows: its text is not read. A row without
    one (stored before schema 14) is still cut from its page."""
    from storyline.extract.time.corpus import SentenceReader
    from storyline.extract.time.refindex import RefIndex

    with Storyline(store_url, progress=False) as sl:
        sl.run([_write(tmp_path / "a.jsonl", PAGES[:3])])
        read: list[str] = []
        with sl.store.transaction() as conn:
            stored = _sentences(conn)
            assert stored and all(s == cut for _, s, cut in stored), "each row holds its sentence"
            assert any(s for _, s, _ in stored)
            reading = SentenceReader._read
            monkeypatch.setattr(SentenceReader, "_read", lambda self, todo: (read.extend(todo), reading(self, todo)))
            refs = [r for kinds in RefIndex(conn).of_articles(["firm", "firm2", "talks"]).values()
                    for rs in kinds.values() for r in rs]
            filled = SentenceReader(conn, {}).fill(refs)
            assert sorted(r.sentence for r in filled) == sorted(s or "" for _, s, _ in stored)
            assert read == [], "no page text read"
            t = schema.time_refs
            conn.execute(t.update().where(t.c.article_id == "talks").values(sentence=None))
            again = SentenceReader(conn, {}).fill(refs)
            assert again == filled and read == ["talks"], "a row without its sentence: its page is read"


def test_references_stored_before_their_sentences_get_them_once(tmp_path: Path, store_url: str) -> None:
    """A store from before schema 14 (rows without a sentence): the step's next run fills them
    once, from the pages' texts, and a page arriving then is flagged as before."""
    from storyline.extract.time.refindex import SENTENCES, fill_older_sentences

    t = schema.time_refs
    with Storyline(store_url, progress=False) as sl:
        sl.run([_write(tmp_path / "a.jsonl", PAGES[:3])])
        with sl.store.transaction() as conn:
            before = _sentences(conn)
            conn.execute(t.update().values(sentence=None))
            conn.execute(delete(schema.meta).where(schema.meta.c.key == SENTENCES))
        sl.run([_write(tmp_path / "b.jsonl", PAGES[3:])])
        with sl.store.transaction() as conn:
            after = _sentences(conn)
            assert [r for r in after if r[0] != "late"] == before
            assert all(s == cut for _, s, cut in after)
            assert fill_older_sentences(conn) == 0, "once"
        assert [f for f in sl.store.article("late").flags if f.type == "date_conflict"]
