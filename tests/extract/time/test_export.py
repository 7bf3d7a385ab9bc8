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


# Invented: March 4, 2025 is a Tuesday, March 6 a Thursday and March 11 a Tuesday. One weekday
# disagrees with its date, two agree: the page is not flagged, the mismatch is still exported.
WEEKDAYS = {"id": "wd", "published": "2025-03-19",
            "text": "The ferry board met on Monday, March 4, and again on Thursday, March 6. "
                    "Its report came out on Tuesday, March 11."}


def test_a_weekday_that_is_not_its_dates_is_exported_with_its_evidence(tmp_path: Path, store_url: str) -> None:
    src = tmp_path / "wd.jsonl"
    src.write_text(json.dumps(WEEKDAYS) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with Storyline(store_url, progress=False) as sl:
        sl.run([src])
        sl.export(out)
    article = next(json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()
                   if json.loads(line)["kind"] == "article")
    assert not [f for f in article["flags"] if f["type"] == "date_conflict"]  # two agree, one does not
    [mismatch] = article["weekday_mismatches"]
    evidence = mismatch.pop("evidence")
    assert mismatch == {"weekday": "Monday", "date": "2025-03-04", "date_weekday": "Tuesday", "fits": "2024-03-04"}
    assert evidence["article"] == "wd" and evidence["text"] == "Monday, March 4"
    assert article["text"][evidence["start"]:evidence["end"]] == evidence["text"]


def test_weekdays_in_pairs_with_a_list_of_dates_are_no_mismatch() -> None:
    from datetime import date

    from storyline.extract.time.conflict import check_document
    from storyline.extract.time.extractor import find
    from storyline.model import Article, PartialDate, ProcessedArticle

    # "Monday" pairs with 1 July, not 30 June; July 3, 2025 is a Thursday
    text = "Envoys met on Sunday and Monday, 30 June and 1 July 2024. The vote is on Friday, July 3."
    article = Article(id="p", document="p", text=text, published=PartialDate.parse("2025-06-20"))
    check_document(ProcessedArticle(article=article), find(text, date(2025, 6, 20)))
    assert [(m.weekday, m.date.isoformat(), m.date_weekday, m.evidence.text) for m in article.weekday_mismatches] \
        == [("Friday", "2025-07-03", "Thursday", "Friday, July 3")]


def test_the_normaliser_carries_a_misfit_weekday_as_fields() -> None:
    from datetime import date

    from storyline.extract.time.extractor import find
    from storyline.extract.time.normalise import WeekdayMisfit

    # invented; March 4, 2025 is a Tuesday, and March 4 was a Monday in 2024; a written year finds no other year
    found = {f.text: f.norm for f in find("The board met on Monday, March 4. It rose on Monday, March 3, 2025, "
                                          "and fell on Thursday, March 7, 2025.", date(2025, 3, 19))}
    assert found["Monday, March 4"].misfit == WeekdayMisfit("Monday", date(2025, 3, 4), date(2024, 3, 4))
    assert found["Monday, March 3, 2025"].misfit is None  # March 3, 2025 is a Monday
    # a written year: the weekday does not fit, and no other year is looked for
    assert found["Thursday, March 7, 2025"].misfit == WeekdayMisfit("Thursday", date(2025, 3, 7), None)
    assert found["Monday, March 4"].value == "2025-03-04"
    # the notes flag details give are the field's, in the words they always had
    assert found["Monday, March 4"].notes == []
    assert found["Monday, March 4"].described() == ["Monday does not fit 2025-03-04, a Tuesday",
                                                     "2024-03-04 is a Monday"]
    assert found["Thursday, March 7, 2025"].described() == ["Thursday does not fit 2025-03-07, a Friday"]
    assert found["Monday, March 3, 2025"].described() == []
