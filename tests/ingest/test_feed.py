"""RSS and Atom feeds: one document per entry, stable ids, HTML to text."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest

from .conftest import run

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Example News</title>
  <link>https://news.example/</link>
  <language>en-us</language>
  <item>
    <title>First story</title>
    <link>https://news.example/1</link>
    <guid>urn:story:1</guid>
    <pubDate>Sat, 28 Aug 2021 01:00:00 +0430</pubDate>
    <author>desk@news.example (Desk)</author>
    <category>Asia</category>
    <description>&lt;p&gt;Summary only.&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Full <b>first</b> paragraph.</p>
      <script>alert("SCRIPT-LEAK")</script><p>Second   paragraph,
      wrapped.</p>]]></content:encoded>
  </item>
  <item>
    <title>Second story</title>
    <link>https://news.example/2</link>
    <pubDate>Fri, 27 Aug 2021 10:00:00 GMT</pubDate>
    <description>&lt;p&gt;Only a &lt;i&gt;summary&lt;/i&gt; here.&lt;/p&gt;
      &lt;p&gt;Two paragraphs.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Nothing inside</title>
    <link>https://news.example/3</link>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Atom Outlet</title>
  <id>urn:feed</id>
  <updated>2021-09-01T12:00:00Z</updated>
  <entry>
    <title>Atom entry</title>
    <id>urn:entry:1</id>
    <link href="https://atom.example/1"/>
    <updated>2021-09-01T12:00:00+02:00</updated>
    <content type="html">&lt;p&gt;Atom body.&lt;/p&gt;&lt;style&gt;p{}&lt;/style&gt;</content>
  </entry>
  <entry>
    <title>Plain entry</title>
    <id>urn:entry:2</id>
    <published>2021-09-02T08:00:00Z</published>
    <content type="text">Plain &lt;not a tag&gt; text.</content>
  </entry>
</feed>
"""


def write(path: Path, text: str) -> Path:
    path.write_text(text, "utf-8")
    return path


def test_rss_entries(tmp_path: Path) -> None:
    path = write(tmp_path / "world.rss", RSS)
    result = run([path])
    first, second = result.docs
    assert first.text == "Full first paragraph.\n\nSecond paragraph, wrapped."
    assert "SCRIPT-LEAK" not in first.text
    assert (first.title, first.url, first.outlet, first.language) == (
        "First story", "https://news.example/1", "Example News", "en",
    )  # fmt: skip
    assert first.published == "2021-08-27T20:30:00Z"  # UTC
    assert first.extra["published_raw"] == "Sat, 28 Aug 2021 01:00:00 +0430"
    assert first.extra["tags"] == ["Asia"]
    assert first.format == "feed" and first.line is None
    assert first.id == "world:" + hashlib.sha1(b"urn:story:1").hexdigest()[:12]
    assert second.text == "Only a summary here.\n\nTwo paragraphs."
    assert second.id == "world:" + hashlib.sha1(b"https://news.example/2").hexdigest()[:12]
    assert [(p.code, "entry 3" in p.message) for p in result.problems] == [("E007", True)]


def test_feed_ids_are_stable_across_runs_and_orders(tmp_path: Path) -> None:
    path = write(tmp_path / "world.rss", RSS)
    first_run = [d.id for d in run([path]).docs]
    assert first_run == [d.id for d in run([path]).docs]
    start, end = RSS.index("<item>"), RSS.index("<item>", RSS.index("</item>"))
    reordered = RSS[:start] + RSS[end : RSS.rindex("</channel>")] + RSS[start:end] + "</channel></rss>"
    assert sorted(d.id for d in run([write(tmp_path / "world.rss", reordered)]).docs) == sorted(first_run)


def test_atom_entries(tmp_path: Path) -> None:
    result = run([write(tmp_path / "site.atom", ATOM)])
    assert result.problems == []
    first, second = result.docs
    assert (first.text, first.title, first.outlet, first.url) == (
        "Atom body.", "Atom entry", "Atom Outlet", "https://atom.example/1",
    )  # fmt: skip
    assert first.published == "2021-09-01T10:00:00Z"
    assert second.text == "Plain <not a tag> text."
    assert second.published == "2021-09-02T08:00:00Z"


def test_xml_feed_is_read_and_other_xml_is_e013(tmp_path: Path) -> None:
    write(tmp_path / "a.xml", RSS)
    write(tmp_path / "b.xml", "<?xml version='1.0'?><config><item>1</item></config>")
    result = run([tmp_path])
    assert len(result.docs) == 2
    assert [(p.code, p.source.endswith("b.xml")) for p in result.problems if p.code != "E007"] == [
        ("E013", True)
    ]


def test_bozo_feed_with_entries_is_read_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cut = RSS[: RSS.index("</item>") + len("</item>")]  # no closing channel/rss
    with caplog.at_level(logging.WARNING, logger="storyline.ingest.feed"):
        result = run([write(tmp_path / "cut.rss", cut)])
    assert [d.title for d in result.docs] == ["First story"]
    assert "malformed feed" in caplog.text


def test_feeds_without_entries_are_e010(tmp_path: Path) -> None:
    write(tmp_path / "empty.rss", "<rss version='2.0'><channel><title>t</title></channel></rss>")
    write(tmp_path / "junk.atom", "this is not a feed at all")
    result = run([tmp_path])
    assert result.docs == []
    assert result.codes() == ["E010", "E010"]


def test_empty_feed_file_is_e004(tmp_path: Path) -> None:
    assert run([write(tmp_path / "x.rss", "  \n")]).codes() == ["E004"]
