"""`timex` records in the export line up with the text and with the shared scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from storyline import Storyline

DOC = {"id": "d1", "published": "2021-10-08",
       "text": "\r\nA US delegation will meet Taliban officials on Saturday. Aid fell last year.\r\n"}


def test_timex_records_score(tmp_path: Path, shared: Path) -> None:
    src = tmp_path / "in.docs.jsonl"
    src.write_text(json.dumps(DOC) + "\n", encoding="utf-8")
    gold = tmp_path / "in.gold.jsonl"
    text = DOC["text"]
    spans = [("Saturday", "2021-10-09"), ("last year", "2020")]
    gold.write_text(json.dumps({"id": "d1", "dct": "2021-10-08", "timexes": [
        {"start": text.index(t), "end": text.index(t) + len(t), "text": t, "type": "DATE", "value": v}
        for t, v in spans]}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([src])
        sl.export(out, annotations=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    article = next(r for r in records if r["kind"] == "article")
    timexes = [r for r in records if r["kind"] == "timex"]
    assert [(t["text"], t["value"]) for t in timexes] == spans
    assert all(article["text"][t["start"]:t["end"]] == t["text"] for t in timexes)
    scored = subprocess.run([sys.executable, str(shared / "tools" / "score_timex.py"), str(out), str(gold)],
                            capture_output=True, text=True, check=True)
    assert "strict_f1=1.0000" in scored.stdout and "value_f1=1.0000" in scored.stdout


def test_bad_dates_and_no_publication_date_export_unresolved_values(tmp_path: Path) -> None:
    doc = {"id": "bad", "text": "The vote was set for February 30. It opened on Dec. 5, '98. Aid fell last year, "
                                "and talks resume on Saturday in August."}
    src = tmp_path / "bad.jsonl"
    src.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with Storyline(tmp_path / "s.db", progress=False) as sl:
        sl.run([src])
        sl.export(out, annotations=True)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    got = {r["text"]: r["value"] for r in records if r["kind"] == "timex"}
    assert got == {"February 30": None, "Dec. 5, '98": None, "last year": None, "Saturday": "XXXX-WXX-6",
                   "August": "XXXX-08"}
