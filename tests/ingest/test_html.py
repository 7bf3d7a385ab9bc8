"""HTML pages: main text, metadata, the fallback chain, and untrusted markup."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from storyline.ingest.html import extract

from .conftest import run

PARAGRAPHS = [
    "The Taliban entered Kabul on Sunday as the government collapsed and the president fled the "
    "country, officials said.",
    "Crowds gathered at the airport hoping to leave. The United States sent troops to secure the "
    "evacuation of its embassy staff.",
    "Neighbouring countries closed their borders, and aid agencies warned of a humanitarian crisis "
    "as winter approached.",
]

ARTICLE = (
    """<!DOCTYPE html>
<html lang="en-GB"><head><title>Kabul falls | The Daily</title>
<meta charset="utf-8">
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2021-08-15T10:00:00Z">
<link rel="canonical" href="https://daily.example/world/kabul-falls">
<script>var token = "SCRIPT-LEAK-HEAD";</script>
<style>.ad { color: red } /* STYLE-LEAK */</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Kabul falls</h1>
<p>{0}</p>
<script>document.write("SCRIPT-LEAK-BODY")</script>
<p>{1}</p>
<noscript>NOSCRIPT-LEAK</noscript>
<p>{2}</p>
</article>
<footer>Copyright The Daily</footer>
</body></html>
""".replace("{0}", PARAGRAPHS[0])
    .replace("{1}", PARAGRAPHS[1])
    .replace("{2}", PARAGRAPHS[2])
)

LEAKS = ("SCRIPT-LEAK", "STYLE-LEAK", "NOSCRIPT-LEAK", "document.write", "var token")


def write(tmp_path: Path, name: str, html: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(html.encode("utf-8") if isinstance(html, str) else html)
    return path


def test_article_text_and_metadata(tmp_path: Path) -> None:
    result = run([write(tmp_path, "kabul-falls.html", ARTICLE)])
    assert result.problems == []
    (doc,) = result.docs
    assert doc.id == "kabul-falls" and doc.format == "html" and doc.line is None
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.title == "Kabul falls"
    assert doc.outlet == "The Daily"
    assert doc.published == "2021-08-15"
    assert doc.url == "https://daily.example/world/kabul-falls"
    assert doc.language == "en"
    assert doc.extra["extraction"] == "trafilatura"


def test_script_and_style_never_leak(tmp_path: Path) -> None:
    (doc,) = run([write(tmp_path, "a.html", ARTICLE)]).docs
    assert not any(leak in doc.text for leak in LEAKS)


def test_script_never_leaks_in_the_lxml_fallback(tmp_path: Path) -> None:
    page = (
        "<html><body><div>Short<script>alert('SCRIPT-LEAK')</script> note"
        "<style>p{}/*STYLE-LEAK*/</style></div><p>Second</p></body></html>"
    )
    extracted = extract(page)
    assert extracted is not None
    assert not any(leak in extracted.text for leak in LEAKS)
    assert "Short" in extracted.text and "Second" in extracted.text


def test_fallback_to_lxml_body_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    page = "<html><head><title> A  title </title></head><body><p>One.</p><p>Two<br>lines</p></body></html>"
    extracted = extract(page)
    assert extracted is not None
    assert extracted.text == "One.\n\nTwo\nlines"
    assert extracted.meta.title == "A title"
    assert extracted.extra["extraction"] == "lxml-body"


def test_trafilatura_errors_fall_back_too(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def boom(*args: object, **kwargs: object) -> None:
        raise ValueError("broken")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    extracted = extract(ARTICLE)
    assert extracted is not None and PARAGRAPHS[0] in extracted.text


def test_no_main_text_is_e012(tmp_path: Path) -> None:
    page = "<html><head><title>t</title><script>var x = 'SCRIPT-LEAK';</script></head><body> </body></html>"
    result = run([write(tmp_path, "empty-page.html", page)])
    assert result.docs == []
    assert result.codes() == ["E012"]


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><p>Unclosed <b>bold <i>italic <div>nested</p></span></body>",
        "<<<>>> &&&; <p>text <!-- unterminated comment",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>xml decl</p></body></html>",
        "</html></body><p>backwards</p><body><html>",
        "<p>" * 5000 + "deep" + "</p>" * 5000,
    ],
)
def test_malformed_html_does_not_crash(tmp_path: Path, page: str) -> None:
    result = run([write(tmp_path, "bad.html", page)])
    assert len(result.items) >= 1
    assert all(p.code in {"E012"} for p in result.problems)


def test_declared_charset_is_used_without_warning(tmp_path: Path) -> None:
    page = ARTICLE.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
    page = page.replace("Crowds gathered", "Cr\u00f6wds gathered")
    result = run([write(tmp_path, "latin.html", page.encode("iso-8859-1"))])
    assert result.problems == []
    assert "Cr\u00f6wds gathered" in result.docs[0].text


def test_xhtml_and_gzipped_html(tmp_path: Path) -> None:
    xhtml = '<?xml version="1.0" encoding="UTF-8"?>\n' + ARTICLE.replace(
        "<html ", '<html xmlns="http://www.w3.org/1999/xhtml" '
    )
    write(tmp_path, "a.xhtml", xhtml)
    write(tmp_path, "b.HTM.gz", gzip.compress(ARTICLE.encode()))
    result = run([tmp_path])
    assert result.problems == []
    assert [d.id for d in result.docs] == ["a", "b"]
    assert all(PARAGRAPHS[1] in d.text and d.format == "html" for d in result.docs)


def test_raw_html_over_the_size_limit_is_e017(tmp_path: Path) -> None:
    result = run([write(tmp_path, "big.html", ARTICLE)], max_chars=50)
    assert result.codes() == ["E017"]


def test_extracted_text_over_max_chars_is_e005(tmp_path: Path) -> None:
    result = run([write(tmp_path, "long.html", ARTICLE)], max_chars=200)
    assert result.codes() == ["E005"]


def test_declared_latin1_is_read_as_windows_1252(tmp_path: Path) -> None:
    page = ARTICLE.replace('<meta charset="utf-8">', '<meta charset="ISO-8859-1">')
    page = page.replace("Crowds gathered", "\u201cCrowds\u201d gathered")
    result = run([write(tmp_path, "quotes.html", page.encode("cp1252"))])
    assert result.problems == []
    assert "\u201cCrowds\u201d gathered" in result.docs[0].text


def test_declared_utf16_without_bom_is_ignored(tmp_path: Path) -> None:
    page = ARTICLE.replace('<meta charset="utf-8">', '<meta charset="utf-16">')
    page = page.replace("Crowds gathered", "Cr\u00f6wds gathered")
    result = run([write(tmp_path, "odd.html", page.encode("cp1252"))])
    assert "Cr\u00f6wds gathered" in result.docs[0].text
    assert result.codes() == ["E003"]
