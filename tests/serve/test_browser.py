"""The web UI in a real browser: headless Chromium (Debian's `chromium` and `chromidriver`)
driven by Selenium, against `storyline serve`'s app on a loopback port, over the seeds plus
one hostile article. Screenshots go to the test's temporary folder.

Skipped, with the reason, where /usr/bin/chromium, /usr/bin/chromedriver or selenium is
missing (`.ci/run` installs them: `apt-get install chromium chromium-driver`).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from tests.serve.ui_store import HOSTILE, HOSTILE_COPY_ID, HOSTILE_ID, ui_store

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"


def _missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if shutil.which(path) is None:
            return f"{path} is not installed (Debian: apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install -e '.[dev]')"
    return None


pytestmark = [pytest.mark.browser, pytest.mark.skipif(_missing() is not None, reason=_missing() or "")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`storyline serve`'s app under uvicorn on a free loopback port, in a thread; stopped after."""
    import uvicorn

    from storyline.serve.app import create_app

    port = _free_port()
    app = create_app(str(ui_store(tmp_path_factory)))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-background-networking", "--disable-dev-shm-usage",
                 "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


def visit(browser: Any, url: str) -> None:
    """Open a page and check that nothing ran that should not have: no dialog, no `window.__xss`
    set by the hostile article, no Content-Security-Policy violation, no console error."""
    browser.get(url)
    assert_nothing_ran(browser)


def assert_nothing_ran(browser: Any) -> None:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        alert = browser.switch_to.alert
        text = alert.text
        alert.dismiss()
        pytest.fail(f"a dialog opened: {text!r}")
    except NoAlertPresentException:
        pass
    assert browser.execute_script("return typeof window.__xss") == "undefined"
    problems = [e["message"] for e in browser.get_log("browser") if e["level"] in ("SEVERE", "WARNING")]
    assert not problems, problems


def test_timeline_click_through_to_the_evidence(browser: Any, server: str, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    visit(browser, server + "/timeline")
    assert browser.find_element(By.ID, "timeline").is_displayed()
    marks = browser.find_elements(By.CSS_SELECTOR, "#timeline a.mark")
    assert marks and any("prec-month" in m.get_attribute("class") for m in marks)
    browser.save_screenshot(str(shots / "timeline.png"))

    browser.find_elements(By.CSS_SELECTOR, "a.event-link")[0].click()
    assert "/events/" in browser.current_url
    assert_nothing_ran(browser)
    evidence = browser.find_element(By.CSS_SELECTOR, "p.context mark")
    assert evidence.is_displayed() and evidence.text.strip()
    browser.save_screenshot(str(shots / "event.png"))

    sentence = " ".join(evidence.text.split())
    browser.find_element(By.CSS_SELECTOR, "a.article-link").click()
    assert "/articles/" in browser.current_url and "hl=" in browser.current_url
    assert_nothing_ran(browser)
    marked = browser.find_element(By.ID, "hl")
    assert marked.is_displayed()
    article_marks = browser.find_elements(By.CSS_SELECTOR, "mark.hl-evidence")
    assert sentence.startswith(" ".join("".join(m.text for m in article_marks).split())[:20])
    top = browser.execute_script("return document.getElementById('hl').getBoundingClientRect().top")
    assert 0 < top < 900  # scrolled to the evidence, a little below the top
    browser.save_screenshot(str(shots / "article.png"))
    assert (shots / "timeline.png").stat().st_size > 10_000


def test_the_hostile_article_runs_nothing_anywhere(browser: Any, server: str, shots: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    visit(browser, server + "/articles/" + HOSTILE_ID)
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>window.__xss = 'text'; alert('text')</script>" in body
    assert HOSTILE["title"] in browser.find_element(By.TAG_NAME, "h1").text
    assert HOSTILE["url"] in body
    # nothing from the article exists as markup
    for selector in ("img", "svg[onload]", "#xss-link", "a[href^='javascript']", "[onerror]", "[onmouseover]", "b"):
        assert not browser.find_elements(By.CSS_SELECTOR, selector), selector
    scripts = [s.get_attribute("src") for s in browser.find_elements(By.TAG_NAME, "script")]
    assert all(src and src.startswith(server + "/static/") for src in scripts)
    # the text that names a handler is plain text: pointing at it and clicking it does nothing
    target = browser.find_element(By.XPATH, "(//div[@class='article-text']//*[contains(., 'on Sunday')])[last()]")
    ActionChains(browser).move_to_element(target).click(target).perform()
    assert_nothing_ran(browser)
    browser.save_screenshot(str(shots / "hostile.png"))

    events = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "a")
              if "/events/" in (a.get_attribute("href") or "")]
    pages = ["/search?q=Doha", "/search?q=" + quote("<script>alert(1)</script>"),
             "/timeline?from=2021-10-01&to=2021-10-31", "/network", "/articles", "/articles/" + HOSTILE_COPY_ID,
             "/entities/" + quote("Zabihullah Mujahid")]
    for url in events[:3] + [server + p for p in pages]:
        visit(browser, url)
        assert not browser.find_elements(By.CSS_SELECTOR, "img, iframe, [onerror], a[href^='javascript']"), url


def test_timeline_zooms_with_the_wheel_and_a_drag(browser: Any, server: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    visit(browser, server + "/timeline?type=CONSULT&from=2021-01-01&to=2024-12-31")
    svg = browser.find_element(By.ID, "timeline")
    browser.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "arguments[0].dispatchEvent(new WheelEvent('wheel', {deltaY: -120, bubbles: true, cancelable: true,"
        " clientX: r.left + r.width * 0.6, clientY: r.top + 20}));", svg)
    deadline = time.monotonic() + 5
    while "from=2021-01-01" in browser.current_url and time.monotonic() < deadline:
        time.sleep(0.05)
    params = parse_qs(urlsplit(browser.current_url).query)
    assert params["type"] == ["CONSULT"]
    zoomed = (params["from"][0], params["to"][0])
    assert "2021-01-01" < zoomed[0] < zoomed[1] < "2024-12-31"  # half the span, around the pointer
    assert_nothing_ran(browser)

    svg = browser.find_element(By.ID, "timeline")
    width = svg.size["width"]
    ActionChains(browser).move_to_element_with_offset(svg, int(-width * 0.2), -10).click_and_hold() \
        .move_by_offset(int(width * 0.2), 0).release().perform()
    deadline = time.monotonic() + 5
    while parse_qs(urlsplit(browser.current_url).query).get("from") == [zoomed[0]] and time.monotonic() < deadline:
        time.sleep(0.05)
    dragged = parse_qs(urlsplit(browser.current_url).query)
    assert zoomed[0] < dragged["from"][0] < dragged["to"][0] < zoomed[1]
    assert_nothing_ran(browser)


def test_article_highlights_switch_on_and_off(browser: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    visit(browser, server + "/articles/" + HOSTILE_ID)
    quote_span = browser.find_element(By.CSS_SELECTOR, ".hl-quote")
    name = browser.find_element(By.CSS_SELECTOR, ".hl-mention:not(.hl-quote)")

    def background(element: Any) -> str:
        return str(browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", element))

    def underline(element: Any) -> str:
        return str(browser.execute_script("return getComputedStyle(arguments[0]).textDecorationLine", element))

    shown = background(quote_span)
    assert shown != "rgba(0, 0, 0, 0)"  # quotes are highlighted at first
    assert underline(name) == "none"  # names are not
    browser.find_element(By.ID, "show-quote").click()
    browser.find_element(By.ID, "show-mention").click()
    assert background(quote_span) == "rgba(0, 0, 0, 0)"
    assert underline(name) == "underline"
    assert_nothing_ran(browser)


def test_network_node_opens_the_entity_page(browser: Any, server: str, shots: Path) -> None:
    from selenium.webdriver.common.by import By

    visit(browser, server + "/network")
    browser.save_screenshot(str(shots / "network.png"))
    nodes = browser.find_elements(By.CSS_SELECTOR, "#network a.node")
    assert nodes
    edges = browser.find_elements(By.CSS_SELECTOR, "#network a.edge.conflict line, #network a.edge.cooperation line")
    colours = {browser.execute_script("return getComputedStyle(arguments[0]).stroke", e) for e in edges}
    assert len(colours) == 2  # cooperation and conflict drawn in different colours
    href = server + nodes[0].get_dom_attribute("href")
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", nodes[0])
    deadline = time.monotonic() + 5
    while "/network" in browser.current_url and time.monotonic() < deadline:
        time.sleep(0.05)
    assert browser.current_url == href and "/entities/" in href
    assert_nothing_ran(browser)
    assert browser.find_element(By.TAG_NAME, "h1").text
