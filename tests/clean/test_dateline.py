"""Datelines at the start of the text: found, dated, and removed under `collapse` only (kept as a
paragraph of its own when the caller asks)."""

from __future__ import annotations

import pytest

from storyline.clean import CleanText
from storyline.clean.dateline import find, is_date_line, parse_full_date

from .helpers import clean, reasons


@pytest.mark.parametrize(
    ("text", "dateline", "iso"),
    [
        ("December 10, 2023", "December 10, 2023", "2023-12-10"),
        ("Sunday, December 10, 2023 10:30 AM EST", "Sunday, December 10, 2023 10:30 AM EST", "2023-12-10"),
        ("Updated: Dec. 3, 2019", "Updated: Dec. 3, 2019", "2019-12-03"),
        ("10 December 2023", "10 December 2023", "2023-12-10"),
        ("2023-12-10", "2023-12-10", "2023-12-10"),
        ("KABUL, Aug 27 (Reuters) - The Taliban said", "KABUL, Aug 27 (Reuters)", None),
        ("WASHINGTON (AP) — The talks", "WASHINGTON (AP)", None),
        ("Kabul, Dec 17 – The Taliban", "Kabul, Dec 17", None),
        ("DARWIN, Australia (AP)_ Breaking with custom", "DARWIN, Australia (AP)", None),
        ("Washington (CNN)President Biden", "Washington (CNN)", None),
        ("BEIJING, Dec. 10, 2023 (Xinhua) -- China said", "BEIJING, Dec. 10, 2023 (Xinhua)", "2023-12-10"),
        ("NEW YORK — Stocks fell", "NEW YORK", None),
        ("OSLO, March 16, 2022 (Fjord Courier) - The ferry", "OSLO, March 16, 2022 (Fjord Courier)", "2022-03-16"),
        ("OSLO, 16th March (Reuters) - The ferry", "OSLO, 16th March (Reuters)", None),
        ("Bergen, March 3rd, 2022 (Fjord Courier) - The quay", "Bergen, March 3rd, 2022 (Fjord Courier)", "2022-03-03"),
        ("KABUL, Tuesday (Reuters) - The envoys", "KABUL, Tuesday (Reuters)", None),
        ("WASHINGTON, Friday (AP) - The panel", "WASHINGTON, Friday (AP)", None),
    ],
)
def test_datelines_found(text: str, dateline: str, iso: str | None) -> None:
    found = find(text)
    assert found is not None
    assert (found.text, found.iso) == (dateline, iso)


@pytest.mark.parametrize(
    "text",
    [
        "UPDATE: the talks resumed",
        "FILE - In this photo, officials meet",
        "Donald Trump - the candidate - spoke",
        "WASHINGTON-based groups objected",
        "Facebook (FB) - shares fell",
        "Oslo, March 16 (a Wednesday) - the ferry",
        "OSLO, March 16, 2022 (a Wednesday) the ferry sailed",
        "The May 5 meeting was cancelled",
        "Officials say US envoy will visit Hanoi",
    ],
)
def test_not_datelines(text: str) -> None:
    assert find(text) is None


def test_full_dates_only() -> None:
    assert parse_full_date("Aug 27") is None
    assert parse_full_date("February 30, 2021") is None
    assert parse_full_date("on 3 March 2022 at noon") == "2022-03-03"
    assert is_date_line("12/7/2013")
    assert not is_date_line("December 10, 2023 was a Sunday")


def test_a_datelines_weekday_without_a_day() -> None:
    from storyline.clean.dateline import weekday_only

    for dateline, weekday in (("KABUL, Tuesday (Reuters)", 2), ("WASHINGTON, Friday (AP)", 5),
                              ("LONDON, Tues (Reuters)", 2), ("ROME, Sat. (ANSA)", 6), ("KABUL, Sunday", 7)):
        found = find(f"{dateline} - The envoys met.")
        assert found is not None and found.text == dateline and weekday_only(found.text) == weekday, dateline
    # a month and day date it; no weekday; a place that starts like one
    for dateline in ("WASHINGTON, Tuesday, March 3 (AP)", "OSLO, March 3 (Reuters)", "WASHINGTON (AP)",
                     "SUNDERLAND, England (AP)", "Sunderland (AP)", "December 10, 2023"):
        assert weekday_only(dateline) is None, dateline


def test_lead_in_removed_from_raw_text() -> None:
    text = "KABUL,  Aug 27 (Reuters) -  The Taliban said on Friday they would talk.\n\nMore follows."
    result = clean(text)
    assert result.text.startswith("The Taliban said")
    assert result.dateline == "KABUL, Aug 27 (Reuters)"
    assert [(r.reason, r.text) for r in result.removed] == [("dateline", "KABUL,  Aug 27 (Reuters) -")]


def test_date_line_removed_and_dated() -> None:
    result = clean("December 10, 2023\n\nTaliban warn US in talks\n\nThe minister said so.")
    assert (result.dateline, result.dateline_date) == ("December 10, 2023", "2023-12-10")
    assert result.text.startswith("Taliban warn US in talks")
    assert reasons(result) == ["dateline"]


def test_dateline_after_a_headline() -> None:
    result = clean("Taliban retake Kabul\n\nKABUL (Reuters) - The Taliban entered the capital.")
    assert result.dateline == "KABUL (Reuters)"
    assert result.title == "Taliban retake Kabul"
    assert result.text == "Taliban retake Kabul\n\nThe Taliban entered the capital."


def test_dateline_after_boilerplate() -> None:
    result = clean("Breaking News\n\nWASHINGTON (AP) — The talks began.")
    assert result.dateline == "WASHINGTON (AP)"
    assert result.text == "The talks began."


def test_only_at_the_start() -> None:
    text = "The talks began on Monday in Doha.\n\nWASHINGTON (AP) — More talks are planned."
    result = clean(text)
    assert result.dateline is None
    assert result.text == text


def test_preserve_reports_but_keeps_the_dateline() -> None:
    text = "\r\nDARWIN, Australia (AP)_ Breaking with custom, ..."
    result = clean(text, fmt="jsonl")
    assert result.dateline == "DARWIN, Australia (AP)"
    assert result.text == text
    assert result.removed == []


def test_month_and_day_with_or_without_the_year() -> None:
    from storyline.clean.dateline import month_day

    assert month_day("OSLO, March 16 (Reuters)") == (3, 16)
    assert month_day("OSLO, 16th March (Reuters)") == (3, 16)
    assert month_day("Sept. 3rd, 2021") == (9, 3)
    assert month_day("Updated 4 Jan 2022, then Dec 9") == (1, 4)  # the first
    assert month_day("Omar 5 and the Summary 3") is None  # a month's letters inside a word
    assert month_day("OSLO (Reuters)") is None
    assert parse_full_date("Omar 5, 2021") is None


def test_a_kept_dateline_is_a_paragraph_of_its_own() -> None:
    from storyline.clean import clean_document
    from storyline.model import Document

    def kept(text: str, fmt: str = "text") -> CleanText:
        return clean_document(Document(id="t", text=text, format=fmt), keep_dateline=True)

    lead = kept("BERGEN,  March 3 (Reuters) -  The ferry company said so.\nMore follows.")
    assert lead.text == "BERGEN, March 3 (Reuters) -\n\nThe ferry company said so.\nMore follows."
    assert (lead.dateline, lead.removed) == ("BERGEN, March 3 (Reuters)", [])
    # after a headline, which stays the title; a date-only line gets a blank line after it
    headed = kept("Ferry fares to fall in the spring\n\nBERGEN, March 3, 2019 (Fjord Wire) - The fares fall.")
    assert headed.text == "Ferry fares to fall in the spring\n\nBERGEN, March 3, 2019 (Fjord Wire) -\n\nThe fares fall."
    assert headed.title == "Ferry fares to fall in the spring"
    dated = kept("March 3, 2019\nFerry fares to fall in the spring\n\nThe fares fall.")
    assert dated.text == "March 3, 2019\n\nFerry fares to fall in the spring\n\nThe fares fall."
    assert (dated.title, dated.dateline_date, dated.removed) == ("Ferry fares to fall in the spring", "2019-03-03", [])
    alone = kept("BERGEN, March 3 (Reuters) -\n\nThe fares fall.")
    assert alone.text == "BERGEN, March 3 (Reuters) -\n\nThe fares fall."
    # other removals are as before, with their input offsets
    shared = kept("BERGEN, March 3 (Reuters) - The fares fall.\n\nShare this article")
    assert shared.text == "BERGEN, March 3 (Reuters) -\n\nThe fares fall."
    assert [(r.reason, r.text, r.raw_start, r.raw_end) for r in shared.removed] == [
        ("share", "Share this article", 45, 63)]
    # under `preserve` it was never removed
    text = "BERGEN, March 3 (Reuters) - The fares fall."
    assert kept(text, "jsonl").text == text
