"""The corpus-stage resolver: across articles, with the KB, roles in time, merge evidence."""

from typing import Any

from sqlalchemy import select

from storyline.corpus_stage import run_corpus_stage
from storyline.model import Article, Document, Mention, MentionRole, PartialDate, ProcessedArticle
from storyline.store import Store, schema


def add(store: Store, doc_id: str, text: str, names: list[tuple[str, str]], published: str = "2022-12-22",
        **extra: dict[str, Any]) -> None:
    """Store one article whose mentions are the given (surface, type) pairs, in order of text."""
    mentions, pos = [], 0
    for surface, label in names:
        start = text.index(surface, pos)
        pos = start + len(surface)
        mentions.append(Mention(article=doc_id, start=start, end=pos, text=surface, type=label,
                                **extra.get(surface, {})))
    store.add_documents([Document(id=doc_id, text=text, content_hash=doc_id)])
    article = Article(id=doc_id, document=doc_id, text=text, published=PartialDate.parse(published))
    store.save_processed([(doc_id, [ProcessedArticle(article=article, mentions=mentions)])])


def by_name(store: Store) -> dict[str, Any]:
    return {e.name: e for e in store.iter_entities()}


def merges(store: Store) -> dict[str, tuple[float, str]]:
    m = schema.entity_merges
    with store.engine.connect() as conn:
        return {k: (s, meth) for k, s, meth in conn.execute(select(m.c.key, m.c.score, m.c.method))}


def test_transliterations_across_articles(tmp_path: Any) -> None:
    store = Store(tmp_path / "s.db")
    add(store, "a", "Rahm Dil Hanafi died.", [("Rahm Dil Hanafi", "PERSON")])
    add(store, "b", "Rahmdel Hanafi had returned.", [("Rahmdel Hanafi", "PERSON")])
    add(store, "c", "Gulbuddin Hekmatyar spoke; Gulbuddin Hikmatyar spoke again.",
        [("Gulbuddin Hekmatyar", "PERSON"), ("Gulbuddin Hikmatyar", "PERSON")])
    run_corpus_stage(store)
    found = by_name(store)
    assert set(found["Rahm Dil Hanafi"].aliases) == {"Rahm Dil Hanafi", "Rahmdel Hanafi"}
    assert found["Gulbuddin Hekmatyar"].mentions == 2 or found["Gulbuddin Hikmatyar"].mentions == 2
    assert merges(store)["rahmdel hanafi"] == (0.95, "transliteration")


def test_kb_aliases_acronyms_and_countries(tmp_path: Any) -> None:
    store = Store(tmp_path / "s.db")
    add(store, "a", "Muttaqi met the US envoy; Washington said al-Qaida was weak.",
        [("Muttaqi", "PERSON"), ("US", "GPE"), ("Washington", "GPE"), ("al-Qaida", "ORG")],
        Washington={"canonical": "United States"})
    add(store, "b", "Mottaki, the United States and Al Qaeda.",
        [("Mottaki", "PERSON"), ("United States", "GPE"), ("Al Qaeda", "ORG")])
    run_corpus_stage(store)
    found = by_name(store)
    assert set(found["Amir Khan Muttaqi"].aliases) == {"Muttaqi", "Mottaki"}
    us = found["United States"]
    assert set(us.aliases) == {"US", "Washington", "United States"} and us.country == "USA"
    assert set(found["al-Qaeda"].aliases) == {"al-Qaida", "Al Qaeda"}


def test_family_members_stay_apart(tmp_path: Any) -> None:
    store = Store(tmp_path / "s.db")
    add(store, "a", "Sirajuddin Haqqani and Jalaluddin Haqqani.", [("Sirajuddin Haqqani", "PERSON"),
                                                                 ("Jalaluddin Haqqani", "PERSON")])
    add(store, "b", "Khalil Haqqani and Anas Haqqani.", [("Khalil Haqqani", "PERSON"), ("Anas Haqqani", "PERSON")])
    add(store, "c", "Ahmad Massoud, son of Ahmad Shah Massoud.", [("Ahmad Massoud", "PERSON"),
                                                                ("Ahmad Shah Massoud", "PERSON")])
    run_corpus_stage(store)
    people = [e for e in store.iter_entities() if e.type == "PERSON"]
    assert len(people) == 6 and all(len(e.aliases) == 1 for e in people)


def test_spun_name_links_by_role_and_time_with_evidence(tmp_path: Any) -> None:
    store = Store(tmp_path / "s.db")
    text = "State Division spokesperson Ned Value noted it. The State Division said so."
    role = MentionRole(title="spokesperson", org="State Division", start=0, end=37)
    add(store, "spun", text, [("Ned Value", "PERSON"), ("State Division", "ORG")],
        **{"Ned Value": {"role": role}})
    run_corpus_stage(store)
    found = by_name(store)
    price = found["Ned Price"]
    assert "Ned Value" in price.aliases
    spokes = [r for r in price.roles if r.title == "spokesperson"]
    assert spokes and any(e.text == "State Division spokesperson Ned Value" for e in spokes[0].evidence)
    assert "State Division" in found["US State Department"].aliases
    score, method = merges(store)["ned value"]
    assert method == "role_time" and 0.7 <= score < 1


def test_spun_name_without_role_or_at_another_time_stays_apart(tmp_path: Any) -> None:
    store = Store(tmp_path / "s.db")
    add(store, "a", "Ned Value mentioned it.", [("Ned Value", "PERSON")])
    role = MentionRole(title="spokesperson", org="State Department", start=0, end=38)
    add(store, "b", "State Department spokesperson Ned Cost said it.", [("Ned Cost", "PERSON")],
        published="2024-06-01", **{"Ned Cost": {"role": role}})
    run_corpus_stage(store)
    found = by_name(store)
    assert "Ned Value" in found and "Ned Cost" in found and "Ned Price" not in found


def test_roles_are_dated_and_widen(tmp_path: Any) -> None:
    store = Store(tmp_path / "s.db")
    for doc, day in (("a", "2022-01-10"), ("b", "2022-03-05")):
        text = "Taliban commander Qari Example spoke."
        role = MentionRole(title="commander", org="Taliban", start=0, end=len("Taliban commander Qari Example"))
        add(store, doc, text, [("Taliban", "ORG"), ("Qari Example", "PERSON")], published=day,
            **{"Qari Example": {"role": role}})
    run_corpus_stage(store)
    (role,) = by_name(store)["Qari Example"].roles
    assert role.title == "commander" and role.org == by_name(store)["Taliban"].id
    assert (str(role.start), str(role.end)) == ("2022-01-10", "2022-03-05")
    assert len(role.evidence) == 2


def test_incremental_only_new_mentions(tmp_path: Any) -> None:
    store = Store(tmp_path / "s.db")
    add(store, "a", "Amir Khan Muttaki spoke.", [("Amir Khan Muttaki", "PERSON")])
    run_corpus_stage(store)
    add(store, "b", "Amir Khan Mottaki spoke.", [("Amir Khan Mottaki", "PERSON")])
    assert run_corpus_stage(store)["mentions_linked"] == 1
    assert by_name(store)["Amir Khan Muttaqi"].mentions == 2


def test_role_only_mention_resolves_to_the_holder_that_day(tmp_path: Any) -> None:
    store = Store(tmp_path / "s.db")
    text = "A US State Department spokesperson said so."
    phrase = "US State Department spokesperson"
    role = MentionRole(title="spokesperson", org="US State Department", start=2, end=2 + len(phrase))
    for doc, day in (("a", "2022-06-01"), ("b", "2024-06-01"), ("c", "2030-01-01")):
        add(store, doc, text, [(phrase, "ROLE")], published=day, **{phrase: {"role": role}})
    run_corpus_stage(store)
    found = by_name(store)
    assert found["Ned Price"].mentions == 1 and found["Matthew Miller"].mentions == 1
    assert phrase not in found["Ned Price"].aliases  # a description is not a name
    assert merges(store)[phrase.lower()][1] == "role_holder"
    linked = {m.article: m.entity for m in store.iter_mentions()}
    assert linked["c"] is None  # nobody known to hold it then


def test_role_only_mention_resolves_to_the_holder_the_store_saw(tmp_path: Any) -> None:
    store = Store(tmp_path / "s.db")
    text = "Hudson Institute director Jane Example said so."
    role = MentionRole(title="director", org="Hudson Institute", start=0,
                      end=len("Hudson Institute director Jane Example"))
    add(store, "a", text, [("Hudson Institute", "ORG"), ("Jane Example", "PERSON")], published="2023-03-01",
        **{"Jane Example": {"role": role}})
    run_corpus_stage(store)
    phrase = "Hudson Institute director"
    only = MentionRole(title="director", org="Hudson Institute", start=2, end=2 + len(phrase))
    for doc, day in (("b", "2023-05-01"), ("c", "2025-05-01")):
        add(store, doc, "A Hudson Institute director said so.", [(phrase, "ROLE")], published=day,
            **{phrase: {"role": only}})
    run_corpus_stage(store)
    linked = {m.article: m.entity for m in store.iter_mentions() if m.type == "ROLE"}
    assert linked == {"b": by_name(store)["Jane Example"].id, "c": None}  # two years later: unknown
