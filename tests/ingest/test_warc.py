"""WARC archives, built with warcio's WARCWriter: HTML responses only, crawl date kept apart."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .conftest import run
from .test_html import ARTICLE, PARAGRAPHS

UNDATED = """<html><head><title>Undated</title><script>var s = "SCRIPT-LEAK";</script></head>
<body><article><p>{}</p><p>{}</p></article></body></html>""".format(*PARAGRAPHS[:2])
LATIN = f"<html><body><article><p>Caf\u00e9 society. {PARAGRAPHS[2]}</p></article></body></html>"
WARC_DATE = "2023-05-06T07:08:09Z"


def response(
    writer: WARCWriter, uri: str, body: bytes, status: str = "200 OK", ctype: str = "text/html"
) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        uri,
        "response",
        payload=io.BytesIO(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": WARC_DATE},
    )
    writer.write_record(record)


def build(path: Path, *, gzip: bool) -> Path:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gzip)
        writer.write_record(
            writer.create_warc_record("https://a.example/x", "request", payload=io.BytesIO(b"GET /"))
        )
        response(writer, "https://a.example/article", ARTICLE.encode(), ctype="text/html; charset=utf-8")
        response(
            writer, "https://a.example/missing", b"<html><body>gone</body></html>", status="404 Not Found"
        )
        response(writer, "https://a.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", ctype="image/png")
        response(writer, "https://a.example/undated", UNDATED.encode())
        response(
            writer,
            "https://a.example/latin",
            LATIN.encode("iso-8859-1"),
            ctype="text/html; charset=ISO-8859-1",
        )
    return path


def uri_id(stem: str, uri: str) -> str:
    return f"{stem}:{hashlib.sha1(uri.encode()).hexdigest()[:12]}"


def test_warc_gz_html_responses(tmp_path: Path) -> None:
    result = run([build(tmp_path / "crawl.warc.gz", gzip=True)])
    assert result.problems == []
    article, undated, latin = result.docs
    assert [d.url for d in result.docs] == [
        "https://a.example/article", "https://a.example/undated", "https://a.example/latin",
    ]  # fmt: skip
    assert article.id == uri_id("crawl", "https://a.example/article")
    assert article.format == "warc" and article.source == str(tmp_path / "crawl.warc.gz")
    assert all(p in article.text for p in PARAGRAPHS)
    assert (article.title, article.outlet, article.published) == ("Kabul falls", "The Daily", "2021-08-15")
    assert article.extra["crawled"] == WARC_DATE
    assert article.extra["canonical_url"] == "https://daily.example/world/kabul-falls"
    assert undated.published is None and undated.extra["crawled"] == WARC_DATE  # crawl date is not published
    assert "SCRIPT-LEAK" not in undated.text
    assert "Caf\u00e9 society." in latin.text


def test_plain_warc(tmp_path: Path) -> None:
    result = run([build(tmp_path / "crawl.warc", gzip=False)])
    assert result.problems == []
    assert [d.id for d in result.docs][0] == uri_id("crawl", "https://a.example/article")
    assert len(result.docs) == 3


def test_truncated_warc_keeps_earlier_records(tmp_path: Path) -> None:
    whole = build(tmp_path / "whole.warc.gz", gzip=True).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(whole[: len(whole) - 200])
    result = run([cut])
    assert [d.url for d in result.docs][:2] == ["https://a.example/article", "https://a.example/undated"]
    assert result.codes() == ["E011"]
    assert str(cut) in str(result.problems[0])


def test_not_a_warc_is_e011(tmp_path: Path) -> None:
    (tmp_path / "junk.warc").write_bytes(b"this is not a web archive\r\n\r\n")
    result = run([tmp_path / "junk.warc"])
    assert result.docs == [] and result.codes() == ["E011"]


def test_empty_warc_is_e011(tmp_path: Path) -> None:
    (tmp_path / "empty.warc").write_bytes(b"")
    assert run([tmp_path / "empty.warc"]).codes() == ["E011"]


def test_warc_cut_inside_record_headers_is_e011(tmp_path: Path) -> None:
    whole = build(tmp_path / "whole.warc", gzip=False).read_bytes()
    last = whole.rindex(b"WARC/1.0")
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole[: last + 120])  # inside the last record's WARC headers
    result = run([cut])
    assert len(result.docs) == 2
    assert result.codes() == ["E011"]
