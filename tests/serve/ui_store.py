"""A store for the web UI tests: the seed corpus plus hostile articles, built once per process.

The hostile article (and a near copy of it) carries markup in every field a page prints
(title, outlet, URL, text, and the copy's flag details):
a `<script>`, event-handler attributes and `javascript:` links, each of which would set
`window.__xss` (and some call `alert`) if a page ever let it run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS

HOSTILE_ID = "hostile-0001"
HOSTILE = {
    "id": HOSTILE_ID,
    "title": "Taliban talks <script>window.__xss = 'title'; alert('title')</script>",
    "outlet": "<img src=x onerror=\"window.__xss = 'outlet'; alert('outlet')\">Daily Payload",
    "url": "javascript:window.__xss='url';alert('url')",
    "published": "2021-10-10",
    "language": "en",
    "text": (
        "Taliban officials met a United States delegation in Doha on Saturday, October 9, 2021, "
        "<script>window.__xss = 'text'; alert('text')</script> the first talks since the withdrawal.\n\n"
        "\"We want good relations with the world <img src=x onerror=\"window.__xss = 'img'; alert('img')\">,\" "
        "said Zabihullah Mujahid, the Taliban spokesman. Read <a href=\"javascript:window.__xss='link'\" "
        "id=\"xss-link\">the statement</a> and <svg onload=\"window.__xss = 'svg'\"></svg> more.\n\n"
        "The United States will give $10 million in aid to Afghanistan, a State Department spokesperson said "
        "<b onmouseover=\"window.__xss = 'hover'\">on Sunday</b>."
    ),
}
# A copy of it a day later with a few words swapped (and one more payload): a near-duplicate
# whose flag details quote the swapped words, markup included.
HOSTILE_COPY_ID = "hostile-0002"
HOSTILE_COPY = {
    **HOSTILE,
    "id": HOSTILE_COPY_ID,
    "published": "2021-10-11",
    "text": HOSTILE["text"].replace("met a United States delegation", "talked with a United States delegation")
    .replace("the first talks since", "the first meeting since")
    .replace("the statement</a>", "the statement<iframe src=\"javascript:window.__xss='frame'\"></iframe></a>"),
}
MARKUP = ("<script>", "onerror=", "javascript:", "<svg onload", "onmouseover=")


_built: list[Path] = []


def ui_store(folders: pytest.TempPathFactory) -> Path:
    """The seeds and the hostile articles, ingested and processed into a SQLite store, once per
    test process (in pytest's temporary folders, which pytest cleans up)."""
    from storyline import Storyline

    if _built:
        return _built[0]
    folder = folders.mktemp("ui")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n" + json.dumps(HOSTILE_COPY) + "\n", encoding="utf-8")
    db = folder / "ui.db"
    with Storyline(db, progress=False) as sl:
        sl.run([SEEDS, hostile])
    _built.append(db)
    return db
