"""Phrases of news prose the time rules once misread; sentences written for the tests (published
Wednesday 2024-12-18 unless said otherwise)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Such floods were common in the not too distant past.", "the not too distant past", "PAST_REF"),
    ("Those maps belong to the distant past.", "the distant past", "PAST_REF"),
    ("In the recent past, the town had two mills.", "the recent past", "PAST_REF"),
    ("The ferry may close in the not-so-distant future.", "the not-so-distant future", "FUTURE_REF"),
])
def test_a_modified_past_or_future_is_one_expression(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text)) == {expression: value}


@pytest.mark.parametrize("text", [
    "The harbour gets busier by the year.",
    "Rents climb by the year, and nobody notices.",
])
def test_by_the_year_is_each_year_in_turn(nlp: Any, text: str) -> None:
    assert values(process(nlp, text)) == {}


def test_the_year_before_a_written_year_is_that_year(nlp: Any) -> None:
    assert values(process(nlp, "The bridge will be finished by the year 2031.")) == {"the year 2031": "2031"}


def test_years_younger_is_an_age_apart(nlp: Any) -> None:
    assert values(process(nlp, "He jokes that he would sail again if he were twenty years younger.")) == {}
    assert values(process(nlp, "The oak is 200 years older than the chapel.")) == {}


def test_an_end_of_the_month_modifier_is_the_current_month(nlp: Any) -> None:
    assert values(process(nlp, "The mayor kept the end-of-the-month deadline."))["end-of-the-month"] == "2024-12"


def test_a_quarter_with_a_share_after_it_is_a_fraction(nlp: Any) -> None:
    assert values(process(nlp, "Roughly a quarter (31%) of the ferry riders want a new timetable.")) == {}


@pytest.mark.parametrize("text", [
    "The bakery hired a night person for the ovens.",
    "He kept a day job at the port.",
])
def test_one_unit_on_the_noun_after_it_is_a_kind(nlp: Any, text: str) -> None:
    assert values(process(nlp, text)) == {}


def test_one_unit_as_a_length_stays(nlp: Any) -> None:
    assert values(process(nlp, "The board needs a month to decide."))["a month"] == "P1M"


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("In the capital, it is the sixth day of the blockade.", "the sixth day", "2024-12-18"),
    ("The strike entered its third day on Monday, with no talks planned.", "third day", "2024-12-16"),
])
def test_a_day_of_something_under_way_is_the_narrative_day(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_a_first_day_in_office_is_no_point(nlp: Any) -> None:
    assert values(process(nlp, "The mayor promised a new park on her first day in office.")) == {}


def test_a_weekday_meme_is_a_name(nlp: Any) -> None:
    found = values(process(nlp, "The bakery posts old photos for Flashback Friday. The club met on Friday."))
    assert found == {"Friday": "2024-12-13"}


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("A new crew would take months to learn the route.", "months", "PXM"),
    ("They spent years planning the new line.", "years", "PXY"),
    ("The repairs added years to the bridge's life.", "years", "PXY"),
])
def test_a_bare_plural_unit_a_verb_takes_as_object_is_a_stretch(nlp: Any, text: str, expression: str,
                                                                  value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_a_bare_plural_unit_not_the_object_is_no_stretch(nlp: Any) -> None:
    assert values(process(nlp, "She remembers the spent years of her youth.")) == {}


def test_today_in_a_quotation_counts_from_the_day_its_attribution_names(nlp: Any) -> None:
    text = ("The port closed on Feb. 19. Talks stalled for weeks. “Today, we open the docks to every ship,” "
            "the harbour master said in a post Monday.")
    assert values(process(nlp, text))["Today"] == "2024-12-16"


def test_a_day_of_another_clause_after_the_quotation_does_not_date_it(nlp: Any) -> None:
    text = "“Rents are the fight of our lives today,” said Ana Ruiz, whose term as chair begins on Monday."
    assert values(process(nlp, text))["today"] == "2024-12-18"


def test_the_next_year_of_a_past_clause_is_the_year_after_the_one_named(nlp: Any) -> None:
    found = values(process(nlp, "The mill closed in 2011 and its owner moved to Lisbon the next year. "
                                "That same year, the bakery opened."))
    assert (found["the next year"], found["That same year"]) == ("2012", "2012")


def test_the_next_year_as_a_span_stays_a_duration(nlp: Any) -> None:
    assert values(process(nlp, "The plant will close over the next year, the firm said.")) == {"the next year": "P1Y"}
