"""The JSON API over the seed corpus, on SQLite and PostgreSQL: lists, filters, pagination,
details, graph and search."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

from storyline.export.events import QUAD_SCORE
from storyline.resolve.names import name_key
from tests.serve.api_helpers import all_items


def _party_names(event: dict[str, Any]) -> set[str]:
    return {name_key(n) for p in event["actor"] + event["recipient"]
            for n in (p["entity_text"], p["identifier_text"]) if n}


def test_every_list_pages_stably_with_a_total(client: Any) -> None:
    for path in ("/api/articles", "/api/entities", "/api/events", "/api/timeline", "/api/quotes", "/api/claims"):
        paged = all_items(client, path, limit=7)
        whole = client.get(path, params={"limit": 500}).json()
        assert [i["id"] for i in paged] == [i["id"] for i in whole["items"]], path
        assert len({i["id"] for i in paged}) == len(paged) == whole["total"] > 0, path


def test_events_come_in_date_order_undated_last(client: Any) -> None:
    events = all_items(client, "/api/events", limit=50)
    dated = [e["date"] for e in events if e["date"]]
    assert dated == sorted(dated)
    assert all(e["date"] for e in events[:len(dated)])


def test_actor_filter_by_name_alias_and_id_agree(client: Any) -> None:
    taliban = client.get("/api/entities/Taliban").json()
    by_name = all_items(client, "/api/events", actor="Taliban")
    by_id = all_items(client, "/api/events", actor=taliban["id"])
    assert by_name and {e["id"] for e in by_name} == {e["id"] for e in by_id}
    for event in by_name:
        assert "taliban" in _party_names(event) or taliban["id"] in {
            p["identifier_id"] for p in event["actor"] + event["recipient"]}
    muttaqi = client.get("/api/entities/Mottaki").json()  # a spelling, not the canonical name
    assert muttaqi["name"] == "Amir Khan Muttaqi"
    assert {"Mottaki", "Amir Khan Muttaki"} <= set(muttaqi["aliases"])


def test_type_outlet_and_flag_filters(client: Any) -> None:
    consults = all_items(client, "/api/events", type="consult")
    assert consults and {e["event"] for e in consults} == {"CONSULT"}
    outlet = "Asian Lite News"
    outlet_articles = {a["id"] for a in all_items(client, "/api/articles", outlet=outlet)}
    assert outlet_articles
    for event in all_items(client, "/api/events", outlet=outlet):
        assert set(event["articles"]) & outlet_articles
    spun = all_items(client, "/api/articles", flag="spun")
    assert spun and all("spun" in {f["type"] for f in a["flags"]} for a in spun)
    flagged_quotes = all_items(client, "/api/quotes", flag="spun")
    assert {q["article"] for q in flagged_quotes} <= {a["id"] for a in spun}
    assert client.get("/api/events", params={"type": "PARTY"}).json()["error"]["code"] == "E802"


def test_date_filter_honours_partial_dates(client: Any) -> None:
    events = all_items(client, "/api/events", limit=100)
    month = next(e for e in events if e["date_precision"] == "month")
    first, last = date.fromisoformat(month["date"]), date.fromisoformat(month["enddate"])
    inside = f"{first.year}-{first.month:02d}-15"  # a window that starts mid-month still overlaps
    found = {e["id"] for e in all_items(client, "/api/events", **{"from": inside, "to": inside})}
    assert month["id"] in found
    before = f"{first.year - 1}"
    after_end = date.fromordinal(last.toordinal() + 1).isoformat()
    assert month["id"] not in {e["id"] for e in all_items(client, "/api/events", to=before)}
    assert month["id"] not in {e["id"] for e in all_items(client, "/api/events", **{"from": after_end})}
    for event in all_items(client, "/api/events", **{"from": "2021-08", "to": "2021-08"}):
        assert event["date"] <= "2021-08-31" and event["enddate"] >= "2021-08-01"
    assert client.get("/api/events", params={"from": "2021-13"}).json()["error"]["code"] == "E802"
    assert client.get("/api/events", params={"from": "2022", "to": "2021"}).status_code == 422


def test_timeline_items_are_compact_and_match_events(client: Any) -> None:
    timeline = client.get("/api/timeline", params={"actor": "Taliban", "limit": 20}).json()
    events = client.get("/api/events", params={"actor": "Taliban", "limit": 20}).json()
    assert [t["id"] for t in timeline["items"]] == [e["id"] for e in events["items"]]
    item = timeline["items"][0]
    assert {"date", "enddate", "date_precision", "actors", "recipients", "line"} <= set(item)
    assert item["event"] in item["line"]


def test_entity_detail_has_roles_quotes_events_and_claims(client: Any) -> None:
    price = client.get("/api/entities/" + quote("Ned Price")).json()
    assert price["type"] == "PERSON"
    assert any("spokesperson" in r["title"].lower() for r in price["roles"])
    assert price["quotes"]["total"] > 0
    assert all(q["speaker"]["identifier_id"] == price["id"] for q in price["quotes"]["items"])
    taliban = client.get("/api/entities/Taliban").json()
    assert taliban["events"]["total"] == len(all_items(client, "/api/timeline", actor=taliban["id"]))
    assert taliban["articles"]["total"] > 0
    assert client.get("/api/entities/Nobody%20At%20All").json()["error"]["code"] == "E801"


def test_event_detail_shows_every_article_with_evidence_in_context(client: Any) -> None:
    events = all_items(client, "/api/events", limit=100)
    joined = max(events, key=lambda e: len(e["articles"]))
    detail = client.get(f"/api/events/{joined['id']}").json()
    assert {s["article"]["id"] for s in detail["sources"]} == set(joined["articles"])
    for source in detail["sources"]:
        article = client.get("/api/articles/" + quote(source["article"]["id"], safe="")).json()
        for ev in source["evidence"]:
            assert ev["context"][ev["highlight_start"]:ev["highlight_end"]] == ev["text"]
            assert article["text"][ev["context_start"]:ev["context_end"]] == ev["context"]
            assert len(ev["context"]) > len(ev["text"]) or ev["context"] == article["text"]


def test_article_detail_has_flags_removals_and_facts(client: Any) -> None:
    articles = all_items(client, "/api/articles", limit=50)
    digest_part = next(a for a in articles if "#" in a["id"])
    detail = client.get("/api/articles/" + quote(digest_part["id"], safe="")).json()
    assert detail["id"] == digest_part["id"] and detail["text"]
    cleaned = next(a for a in articles if any(f["type"] == "boilerplate_removed" for f in a["flags"]))
    detail = client.get("/api/articles/" + quote(cleaned["id"], safe="")).json()
    assert detail["removed"] and all({"reason", "text"} <= set(r) for r in detail["removed"])
    for mention in detail["mentions"]:
        assert detail["text"][mention["start"]:mention["end"]] == mention["text"]
    assert {q["article"] for q in detail["quotes"]} <= {detail["id"]}
    assert client.get("/api/articles/nope").json()["error"]["code"] == "E801"


def test_quotes_and_claims_filters(client: Any) -> None:
    price = client.get("/api/entities/" + quote("Ned Price")).json()
    quotes = all_items(client, "/api/quotes", actor="Ned Price")
    assert quotes and len(quotes) == price["quotes"]["total"]
    claims = all_items(client, "/api/claims")
    assert claims and all({"value", "number", "unit", "same_as", "conflicts_with"} <= set(c) for c in claims)
    one = claims[0]["article"]
    assert {c["article"] for c in all_items(client, "/api/claims", article=one)} == {one}


def test_graph_edges_join_nodes_and_score_by_quad_class(client: Any) -> None:
    graph = client.get("/api/graph").json()
    nodes = {n["id"] for n in graph["nodes"]}
    assert graph["edges"] and all(e["source"] in nodes and e["target"] in nodes for e in graph["edges"])
    consult = client.get("/api/graph", params={"type": "CONSULT"}).json()
    assert all(e["types"] == ["CONSULT"] for e in consult["edges"])
    assert all(e["score"] == e["events"] * QUAD_SCORE[1] for e in consult["edges"])  # CONSULT is verbal cooperation


def test_search_finds_words_phrases_and_exclusions(client: Any) -> None:
    hits = all_items(client, "/api/search", q="Doha")
    assert hits
    for hit in hits:
        text = client.get("/api/articles/" + quote(hit["id"], safe="")).json()["text"]
        assert "doha" in text.lower()
        for start, end in hit["highlights"]:
            assert hit["snippet"][start:end].lower().startswith("doha")
    phrase = {h["id"] for h in all_items(client, "/api/search", q='"State Department"')}
    excluded = {h["id"] for h in all_items(client, "/api/search", q='"State Department" -Doha')}
    assert excluded and excluded < phrase and not excluded & {h["id"] for h in hits}
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_never_passes_user_syntax_to_the_database(client: Any) -> None:
    for q in ('"', "AND", "NEAR(", "taliban*", "a:b", "(((", "'; DROP TABLE articles; --", "-", "OR OR", "^x"):
        response = client.get("/api/search", params={"q": q})
        assert response.status_code in (200, 422), (q, response.text)
        if response.status_code == 422:
            assert response.json()["error"]["code"] == "E802"
    assert client.get("/api/articles").json()["total"] > 0


def test_facets_list_filter_values(client: Any) -> None:
    facets = client.get("/api/facets").json()
    assert {"outlet": "Asian Lite News", "articles": 1} in facets["outlets"]
    assert "spun" in {f["type"] for f in facets["flags"]}
    assert sum(t["events"] for t in facets["event_types"]) == facets["counts"]["events"]


def test_openapi_schema_lists_the_endpoints(client: Any) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/search", "/api/timeline", "/api/graph", "/api/documents"} <= set(schema["paths"])
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and "/api/openapi.json" in docs.text
    assert "cdn" not in docs.text.lower()


def test_graph_keeps_the_busiest_nodes_and_says_what_it_left_out(client: Any) -> None:
    whole = client.get("/api/graph").json()
    assert whole["omitted"] == {"nodes": 0, "edges": 0, "edge_events": 0}
    top = client.get("/api/graph", params={"nodes": 3}).json()
    assert [n["id"] for n in top["nodes"]] == [n["id"] for n in whole["nodes"][:3]]
    kept = {n["id"] for n in top["nodes"]}
    assert all(e["source"] in kept and e["target"] in kept for e in top["edges"])
    assert top["omitted"]["nodes"] == len(whole["nodes"]) - 3
    assert top["omitted"]["edges"] == len(whole["edges"]) - len(top["edges"]) > 0
    assert top["events"] == whole["events"]


def test_search_finds_quotes_by_their_words_and_speakers(client: Any) -> None:
    hits = all_items(client, "/api/search", q="Taliban", kind="quotes")
    assert hits
    for hit in hits:
        speaker = hit["speaker"] or {}  # null: a quote with no source ("is expected to")
        said = " ".join([hit["text"], speaker.get("entity_text") or "", speaker.get("identifier_text") or ""])
        assert "taliban" in said.lower()
        assert all(hit["snippet"][s:e].lower().startswith("taliban") for s, e in hit["highlights"])
    by_price = all_items(client, "/api/search", q="Taliban", kind="quotes", actor="Ned Price")
    assert {h["id"] for h in by_price} <= {h["id"] for h in hits}
    assert {h["id"] for h in by_price} <= {q["id"] for q in all_items(client, "/api/quotes", actor="Ned Price")}
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_finds_claims_by_number_unit_and_what_they_count(client: Any) -> None:
    hits = all_items(client, "/api/search", q="million", kind="claims")
    assert hits and all("million" in (h["value"] + " " + (h["about"] or "")).lower() for h in hits)
    assert all({"same_as", "conflicts_with"} <= set(h) for h in hits)
    response = client.get("/api/search", params={"q": "million", "kind": "events"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "E802"
