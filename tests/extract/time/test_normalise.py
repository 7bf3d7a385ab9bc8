"""The issue's example expressions, tense direction, and bad input, against a fixed date."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values

# published Wednesday 2024-12-18
EXAMPLES = [
    ("Asked at a news conference on Tuesday (December 17), he said no.", "Tuesday (December 17)", "2024-12-17"),
    ("He was killed last week in Kabul.", "last week", "2024-W50"),
    ("The Taliban took power in August.", "August", "2024-08"),
    ("He was designated a terrorist 10 years ago.", "10 years ago", "2014"),
    ("Earlier this month, the envoy travelled to Doha.", "Earlier this month", "2024-12"),
    ("He attended a meeting November 30-December 1 in Dushanbe.", "November 30", "2024-11-30"),
    ("He attended a meeting November 30-December 1 in Dushanbe.", "December 1", "2024-12-01"),
    ("Al-Zawahiri was killed in 2022 in Kabul.", "2022", "2022"),
    ("Aid fell sharply last year.", "last year", "2023"),
    ("The delegation met officials on Saturday and Sunday.", "Saturday", "2024-12-14"),
    ("The delegation met officials on Saturday and Sunday.", "Sunday", "2024-12-15"),
    ("The report was published yesterday.", "yesterday", "2024-12-17"),
    ("Talks resumed Sunday, December 15, in Doha.", "Sunday, December 15", "2024-12-15"),
    ("Profits rose in the third quarter.", "the third quarter", "2024-Q3"),
]


@pytest.mark.parametrize(("text", "expression", "value"), EXAMPLES)
def test_example_expressions(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


@pytest.mark.parametrize(("text", "expression", "value", "kind"), [
    ("The talks lasted two weeks.", "two weeks", "P2W", "DURATION"),
    ("Over the past two months, prices rose.", "the past two months", "P2M", "DURATION"),
    ("Flights leave daily.", "daily", "P1D", "SET"),
    ("The blast came at 7:15 p.m. local time.", "7:15 p.m.", "2024-12-18T19:15", "TIME"),
    ("Officials are currently meeting.", "currently", "PRESENT_REF", "DATE"),
])
def test_types(nlp: Any, text: str, expression: str, value: str, kind: str) -> None:
    found = {t.text: t for t in process(nlp, text).timexes}
    assert (found[expression].value, found[expression].type) == (value, kind)


def test_tense_decides_the_direction_of_a_weekday(nlp: Any) -> None:
    # published Friday 2021-10-08
    future = process(nlp, "A US delegation will meet the Taliban on Saturday.", "2021-10-08")
    past = process(nlp, "The EU's foreign policy chief said on Saturday that it was not encouraging.", "2021-10-08")
    assert values(future)["Saturday"] == "2021-10-09"
    assert values(past)["Saturday"] == "2021-10-02"


def test_a_planned_event_lies_ahead(nlp: Any) -> None:
    result = process(nlp, "Protesters planned a large demonstration on Saturday.", "2000-01-07")
    assert values(result)["Saturday"] == "2000-01-08"


def test_tense_decides_the_year_of_a_month(nlp: Any) -> None:
    past = process(nlp, "The withdrawal was completed in August.", "2021-05-10")
    future = process(nlp, "The withdrawal will be completed in August.", "2021-10-08")
    assert values(past)["August"] == "2020-08"
    assert values(future)["August"] == "2022-08"


def test_weekday_and_date_must_agree(nlp: Any) -> None:
    result = process(nlp, "The law was approved on Monday (December 17).")  # the 17th is a Tuesday
    assert values(result)["Monday (December 17)"] == "2024-12-17"
    conflict = [f for f in result.article.flags if f.type == "date_conflict"]
    assert conflict and "Monday does not fit 2024-12-17" in conflict[0].detail
    assert conflict[0].evidence[0].text == "Monday (December 17)"
    assert result.article.published_inferred is not None  # a year where the 17th is a Monday


def test_agreeing_weekday_raises_no_flag(nlp: Any) -> None:
    result = process(nlp, "The law was approved on Tuesday (December 17).")
    assert not [f for f in result.article.flags if f.type == "date_conflict"]


@pytest.mark.parametrize("text", [
    "The vote was set for February 30.",
    "It happened on Dec. 5, '98 and on 31/02/2020.",
    "",
    "2024 2025 — 12/10/23 last year, next week",
])
def test_bad_input_never_raises(nlp: Any, text: str) -> None:
    for published in ("2024-12-18", None, "not a date"):
        process(nlp, text, published)


def test_impossible_date_has_no_value(nlp: Any) -> None:
    assert values(process(nlp, "The vote was set for February 30."))["February 30"] is None


def test_without_a_publication_date_relative_values_stay_unresolved(nlp: Any) -> None:
    result = process(nlp, "He said on Saturday that talks held last year in August had failed.", None)
    got = values(result)
    assert got["Saturday"] == "XXXX-WXX-6"
    assert got["last year"] is None
    assert got["August"] == "XXXX-08"


def test_two_digit_year_is_read_near_the_publication_date(nlp: Any) -> None:
    assert values(process(nlp, "It opened on Dec. 5, '98."))["Dec. 5, '98"] == "1998-12-05"
    assert values(process(nlp, "It opened on Dec. 5, '98.", None))["Dec. 5, '98"] is None
