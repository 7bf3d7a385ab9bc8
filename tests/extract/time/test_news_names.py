"""Words of a season that name no time, on sentences written for the tests (published Wednesday
2024-12-18)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


@pytest.mark.parametrize("text", [
    "Crowds marked the fall of the old regime with fireworks.",
    "Historians still argue about the fall of the Roman Republic.",
    "Poets wrote of the spring of the revolt for decades.",
    "She skated for her country at the Winter Olympics in Norway.",
    "The team trained hard for the Summer Games in Paris.",
])
def test_a_downfall_or_a_name_is_no_season(nlp: Any, text: str) -> None:
    found = values(process(nlp, text))
    assert not any(word in expression.lower() for expression in found for word in ("fall", "spring", "winter",
                                                                                   "summer"))


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The fall of 1998 was wet across the plains.", "The fall of 1998", "1998-FA"),
    ("Sales slowed in the fall, the company said.", "the fall", "2024-FA"),
    ("Winter storms closed the pass in the winter.", "the winter", "2024-WI"),
])
def test_seasons_stay_seasons(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


@pytest.mark.parametrize(("text", "published", "value"), [
    ("The new board will take office in the new year.", "2024-12-18", "2025"),
    ("Hiring should pick up after the start of the new year.", "2024-11-05", "2025"),
    ("The museum reopened its doors in the new year.", "2025-01-09", "2025"),
])
def test_the_new_year_is_the_one_nearest_the_turn(nlp: Any, text: str, published: str, value: str) -> None:
    assert values(process(nlp, text, published=published))["the new year"] == value


def test_the_new_year_holiday_is_no_year(nlp: Any) -> None:
    assert "the New Year" not in values(process(nlp, "Crowds in the square cheered the New Year with songs."))


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The committee expects a report by week's end.", "week's end", "2024-W51"),
    ("The fund pays out at month-end, the manager said.", "month-end", "2024-12"),
])
def test_the_end_of_the_current_week_or_month(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The club has not lost at home this season.", "this season", "2024"),
    ("The network rebuilt its site after last season's outages.", "last season", "2023"),
    ("The coach hopes to win the title next season.", "next season", "2025"),
])
def test_a_season_of_sport_or_politics_takes_its_year(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Prices of grain fell in the summer of last year.", "the summer of last year", "2023-SU"),
    ("The mill opened in 2019 and shut in the fall of that year.", "the fall of that year", "2019-FA"),
    ("The talks resume in the spring of next year.", "the spring of next year", "2025-SP"),
    ("Voters turn out for this fall's runoff.", "this fall", "2024-FA"),
])
def test_a_season_of_a_relative_year_is_one_expression(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Exports fell 4% from the year before.", "the year before", "2023"),
    ("The grant was $7 million this year. The year before that, it was $6 million.", "The year before that", "2023"),
    ("The fund gained 9% on the year prior, its manager said.", "the year prior", "2023"),
    ("The shop closed the week before last.", "the week before last", "2024-W49"),
    ("The board met on May 23. It had heard the auditors the day before and agreed.", "the day before",
     "2024-05-22"),
])
def test_a_unit_before_counts_back_from_the_narrative(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


@pytest.mark.parametrize("text", [
    "The program was cut the year before the audit.",
    "The plant was sold the year prior to the merger.",
])
def test_the_year_before_an_event_is_not_this_year(nlp: Any, text: str) -> None:
    assert not any(expression.lower().startswith("the year") for expression in values(process(nlp, text)))


def test_a_day_of_history_is_not_the_narrative_s_day(nlp: Any) -> None:
    text = "The city has changed since 9/11. Many of the marchers had been out the night before."
    assert values(process(nlp, text))["the night before"] == "2024-12-17TNI"


@pytest.mark.parametrize("text", [
    'The senator defended the plan on "60 Minutes."',
    "The chef's “48 Hours” interview aired in the fall of 2019.",
])
def test_a_show_named_by_a_number_and_a_unit_in_quotes_is_no_duration(nlp: Any, text: str) -> None:
    found = values(process(nlp, text))
    assert not any("Minutes" in expression or "Hours" in expression for expression in found)


def test_a_quoted_sentence_opening_with_a_duration_keeps_it(nlp: Any) -> None:
    assert values(process(nlp, '"Ten minutes is all we need," the coach said.'))["Ten minutes"] == "PT10M"


@pytest.mark.parametrize("text", [
    'The senator told "Fox News Sunday" that the bill would pass.',
    "The Tuesday Group's co-chair backed the deal.",
    "She wrote a column for the Sunday Times about the strike.",
])
def test_a_name_that_holds_a_weekday_is_no_day(nlp: Any, text: str) -> None:
    assert values(process(nlp, text)) == {}


def test_a_weekday_beside_a_name_stays_a_day(nlp: Any) -> None:
    found = values(process(nlp, "Fox News reported on Sunday that the talks had failed."))
    assert found == {"Sunday": "2024-12-15"}


def test_a_march_named_in_title_case_is_no_month(nlp: Any) -> None:
    found = values(process(nlp, "Volunteers carried signs at a “March For Jobs” rally downtown."))
    assert "March" not in found
