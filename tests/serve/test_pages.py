"""The HTML pages, through the app's test ui, on the seeds plus one hostile article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from lxml import html as lxml_html

from tests.serve.ui_store import HOSTILE, HOSTILE_COPY_ID, HOSTILE_ID, MARKUP, ui_store

fastapi = pytest.importorskip("fastapi")


@pytest.fixture(scope="module")
def ui(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from storyline.serve.app import create_app

    with TestClient(create_app(str(ui_store(tmp_path_factory)))) as c:
        yield c


def page(ui: Any, path: str, status: int = 200) -> Any:
    response = ui.get(path)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp
    doc = lxml_html.fromstring(response.text)
    _assert_inert(doc)
    return doc


def _assert_inert(doc: Any) -> None:
    """Nothing a Content-Security-Policy would block, nothing that runs: scripts only from our
    /static/, no inline style or event-handler attribute, no javascript: link, no foreign image."""
    for script in doc.iter("script"):
        assert script.get("src", "").startswith("/static/") and not (script.text or "").strip()
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert name.lower() != "style", element.tag
            assert not value.strip().lower().startswith("javascript:"), (element.tag, name, value)
        assert element.tag not in ("img", "iframe", "object", "embed", "style")


def text_of(doc: Any) -> str:
    return " ".join(doc.text_content().split())


def test_hostile_article_is_printed_as_text(ui: Any) -> None:
    doc = page(ui, "/articles/" + HOSTILE_ID)
    body = text_of(doc)
    for markup in ("<script>window.__xss = 'text'; alert('text')</script>", "<img src=x onerror=",
                   "<a href=\"javascript:window.__xss='link'\"", "<svg onload=", HOSTILE["url"]):
        assert markup in body
    assert doc.xpath("//h1")[0].text_content() == HOSTILE["title"]
    assert not doc.xpath("//*[@id='xss-link']")
    assert not doc.xpath("//a[contains(@href, 'javascript')]")


def test_a_near_copy_shows_its_flag_with_the_swapped_words_as_text(ui: Any) -> None:
    doc = page(ui, "/articles/" + HOSTILE_COPY_ID)
    flag = doc.xpath("//li[contains(@class,'flag-near_duplicate')]")[0]
    assert "copy of " + HOSTILE_ID in text_of(flag)
    assert doc.xpath(f"//li[contains(@class,'flag-near_duplicate')]//a[@href='/articles/{HOSTILE_ID}']")
    evidence = [text_of(a) for a in flag.xpath(".//a[@class='flag-evidence']")]
    assert any("iframe src=" in e for e in evidence)
    events = ui.get("/api/events", params={"article": HOSTILE_COPY_ID}).json()["items"]
    shared = [e for e in events if HOSTILE_ID in e["articles"]]
    assert shared, "the copy reports the original's events"
    event = page(ui, f"/events/{shared[0]['id']}")
    copies = event.xpath("//li[contains(@class,'evidence') and contains(@class,'copy')]")
    assert len(copies) == 1 and HOSTILE_COPY_ID in copies[0].xpath(".//a[@class='article-link']/@href")[0]


def test_every_page_showing_the_hostile_article_keeps_it_inert(ui: Any) -> None:
    events = ui.get("/api/events", params={"article": HOSTILE_ID}).json()["items"]
    assert events, "the hostile article should yield events"
    paths = [f"/events/{e['id']}" for e in events]
    paths += ["/articles", "/articles/" + HOSTILE_COPY_ID, "/search?q=Doha",
              "/search?q=" + quote("<script>alert(1)</script> Taliban"),
              "/timeline?from=2021-10-01&to=2021-10-20", "/timeline?actor=" + quote("<script>x</script>"),
              "/network", "/entities", "/entities/" + quote("Zabihullah Mujahid")]
    for path in paths:
        doc = page(ui, path)
        assert "window.__xss" not in "".join(doc.xpath("//script/@src"))
    doc = page(ui, f"/events/{events[0]['id']}")
    outlets = [text_of(o) for o in doc.xpath("//*[@class='outlet']")]
    assert any(o.startswith("<img src=x") for o in outlets)


def test_timeline_is_honest_about_partial_dates(ui: Any) -> None:
    doc = page(ui, "/timeline?from=2021-01-01&to=2024-12-31")
    marks = doc.xpath("//svg[@id='timeline']//a")
    classes = [m.get("class") for m in marks]
    assert any("prec-day" in c for c in classes) and any("prec-month" in c for c in classes)
    for mark in marks:
        shape = mark.xpath("./*[local-name()='circle' or local-name()='rect']")[0]
        title = mark.xpath("./*[local-name()='title']")[0].text_content()
        if "prec-day" in mark.get("class"):
            assert shape.tag.endswith("circle")
        else:  # a week, month, year or range: a bar over the interval, and the label says so
            assert shape.tag.endswith("rect")
            assert re.search(r"\((week|month|year|date range)\)", title), title
    rows = doc.xpath("//table[contains(@class,'events')][1]//tr/td[contains(@class,'when')]")
    assert any("(month)" in r.text_content() for r in rows)
    assert doc.xpath("//h2[@id='undated']")


def test_timeline_filters_are_query_parameters(ui: Any) -> None:
    doc = page(ui, "/timeline?type=CONSULT&actor=Taliban&from=2021-01-01&to=2024-12-31")
    assert {r.text_content() for r in doc.xpath("//svg[@id='timeline']//*[@class='row-label']")} == {"CONSULT"}
    listed = doc.xpath("//table[contains(@class,'events')][1]/tbody/tr")
    assert listed
    for row in listed:
        assert "CONSULT" in row.text_content() and "Taliban" in row.text_content()
    zoom = doc.xpath("//nav[@class='zoom']//a[@id='zoom-in']/@href")[0]
    assert "type=CONSULT" in zoom and "actor=Taliban" in zoom and "from=" in zoom
    assert doc.xpath("//select[@name='type']/option[@selected]/@value") == ["CONSULT"]
    assert page(ui, "/timeline?type=NONSENSE", status=400) is not None


def test_timeline_links_lead_to_event_pages_with_marked_evidence(ui: Any) -> None:
    doc = page(ui, "/timeline?from=2021-01-01&to=2024-12-31")
    link = doc.xpath("//a[@class='event-link']/@href")[0]
    event = page(ui, link)
    marks = event.xpath("//p[@class='context']/mark")
    assert marks and all(m.text_content().strip() for m in marks)
    article_link = event.xpath("//a[@class='article-link']/@href")[0]
    assert "?hl=" in article_link and article_link.endswith("#hl")
    article = page(ui, article_link.split("#")[0])
    assert article.xpath("//mark[@id='hl']")
    marks = article.xpath("//mark[contains(@class, 'hl-evidence')]")
    marked = " ".join("".join(m.text_content() for m in marks).split())
    assert marked and marked in text_of(article) and marked in text_of(event)


def test_copies_are_marked_on_the_event_page(ui: Any) -> None:
    events = ui.get("/api/events", params={"flag": "spun", "limit": 5}).json()["items"]
    assert events
    doc = page(ui, f"/events/{events[0]['id']}")
    copies = doc.xpath("//li[contains(@class,'evidence') and contains(@class,'copy')]")
    assert copies and "not an independent confirmation" in text_of(copies[0])


def test_article_page_shows_flags_spans_and_removed_boilerplate(ui: Any) -> None:
    flagged = ui.get("/api/articles", params={"flag": "machine_translated"}).json()["items"][0]
    doc = page(ui, "/articles/" + quote(flagged["id"], safe=""))
    flag = doc.xpath("//li[contains(@class,'flag-machine_translated')]")[0]
    assert "machine-translated" in text_of(flag) and doc.xpath("//li[contains(@class,'flag-machine_translated')]//p")
    removed = doc.xpath("//details[@class='removed']")[0]
    assert "Removed boilerplate" in removed.xpath("./summary")[0].text_content() and removed.xpath(".//li")
    assert removed.get("open") is None  # hidden until asked for
    assert doc.xpath("//span[contains(@class,'hl-quote')]") and doc.xpath("//span[contains(@class,'hl-event')]")
    assert doc.xpath("//input[@id='show-quote']") and doc.xpath("//input[@id='show-mention']")
    digest_part = ui.get("/api/articles", params={"flag": "digest"}).json()["items"][0]["id"]
    assert "#" in digest_part
    page(ui, "/articles/" + quote(digest_part, safe=""))


def test_entity_page_has_aliases_roles_quotes_and_events(ui: Any) -> None:
    entity = ui.get("/api/entities", params={"name": "Price", "type": "PERSON"}).json()["items"][0]
    doc = page(ui, "/entities/" + entity["id"])
    assert text_of(doc.xpath("//h1")[0]).startswith("Ned Price")
    headings = [text_of(h) for h in doc.xpath("//h2")]
    assert {"Names", "Roles over time"} <= set(headings)
    assert any(h.startswith("Quotes (") for h in headings) and any(h.startswith("Events (") for h in headings)
    assert doc.xpath("//ul[@class='aliases']/li")
    roles = doc.xpath("//table[@class='roles']")[0]
    assert "spokesperson" in text_of(roles).lower()
    org = roles.xpath(".//td[2]/a")[0]  # the organisation by name, linked to its page
    assert org.get("href").startswith("/entities/E") and "State" in org.text_content()
    assert doc.xpath("//ul[@class='quotes']/li/blockquote")
    page(ui, "/entities/no-such-entity", status=404)


def test_network_nodes_link_to_entities_and_edges_show_cooperation_or_conflict(ui: Any) -> None:
    doc = page(ui, "/network?limit=60")
    nodes = doc.xpath("//svg[@id='network']//a[@class='node']")
    assert nodes and all(n.get("href").startswith("/entities/") for n in nodes)
    tones = {c.split()[-1] for c in doc.xpath("//svg[@id='network']//a[starts-with(@class,'edge')]/@class")}
    assert {"cooperation", "conflict"} <= tones
    widths = {float(w) for w in doc.xpath("//svg[@id='network']//line/@stroke-width")}
    assert len(widths) > 1  # edges with more events are wider
    target = nodes[0].get("href")
    page(ui, target)


def test_search_finds_entities_and_articles_with_marked_words(ui: Any) -> None:
    doc = page(ui, "/search?q=Doha")
    assert [text_of(h).split(" (")[0] for h in doc.xpath("//h2")][:2] == ["Entities", "Articles"]
    quotes = page(ui, "/search?q=Taliban")
    assert "Quotes" in [text_of(h).split(" (")[0] for h in quotes.xpath("//h2")]
    assert quotes.xpath("//ol[@class='hits']//a[contains(@href, '?hl=')]")  # a quote marked in its article
    assert doc.xpath("//ol[@class='hits']//mark[text()='Doha']")
    hrefs = doc.xpath("//ol[@class='hits']//a/@href")
    assert "/articles/" + HOSTILE_ID in hrefs
    page(ui, "/search?q=%22%22", status=400)
    assert "value" in page(ui, "/search").xpath("//form[@class='search-big']/input")[0].attrib


def test_static_files_are_served_from_the_package_and_nothing_else(ui: Any) -> None:
    css = ui.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    js = ui.get("/static/timeline.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    for bad in ("/static/../pages.py", "/static/%2e%2e/pages.py", "/static/.hidden", "/static/nope.css"):
        assert ui.get(bad).status_code == 404


def test_markup_constants_cover_the_payload() -> None:
    assert all(m in HOSTILE["text"] or m in HOSTILE["url"] or m in HOSTILE["outlet"] for m in MARKUP)


def test_a_crowded_window_is_drawn_as_counts_with_links_to_zoom_in(ui: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.serve import page_data

    monkeypatch.setattr(page_data, "MAX_DRAWN", 10)
    monkeypatch.setattr(page_data, "TABLE_ROWS", 5)
    doc = page(ui, "/timeline?actor=Taliban&from=2021-01-01&to=2024-12-31")
    assert "Too many to draw one by one" in text_of(doc)
    bars = doc.xpath("//svg[@id='timeline']//a[contains(@class,'count')]")
    assert bars and not doc.xpath("//svg[@id='timeline']//a[contains(@class,'mark ')]")
    href = bars[0].get("href")
    assert "actor=Taliban" in href and "type=" in href and "from=" in href
    assert len(doc.xpath("//table[contains(@class,'events')][1]/tbody/tr")) == 5
    assert "The first 5 of" in text_of(doc)


def test_article_and_entity_lists_filter_by_query_parameters(ui: Any) -> None:
    doc = page(ui, "/articles?flag=spun")
    rows = doc.xpath("//table[@class='articles']/tbody/tr")
    assert rows and all("spun rewrite" in text_of(r) for r in rows)
    assert doc.xpath("//select[@name='flag']/option[@selected]/@value") == ["spun"]
    doc = page(ui, "/entities?type=PERSON&name=mutt")
    names = [text_of(a) for a in doc.xpath("//table[@class='entities']//td[1]/a")]
    assert names == ["Amir Khan Muttaqi"]


def test_the_overview_links_to_every_part(ui: Any) -> None:
    doc = page(ui, "/")
    hrefs = set(doc.xpath("//a/@href"))
    assert {"/timeline", "/network", "/entities", "/articles"} <= hrefs
    assert "/timeline?type=CONSULT" in hrefs and "/articles?flag=spun" in hrefs
    assert any(h.startswith("/entities/E") for h in hrefs)
    kinds = [text_of(s) for s in doc.xpath("//span[starts-with(@class,'etype')]")]
    assert kinds.index("AGREE") < kinds.index("ASSAULT")  # in the manual's order
