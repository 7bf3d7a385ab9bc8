"""Expressions resolved against the narrative rather than the publication day, and TimeML's
less common forms: anaphoric quarters, clock times continuing a narrative, spoken years, "soon"."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


def test_the_quarter_refers_back_to_the_quarter_under_discussion(nlp: Any) -> None:
    text = ("Brightwater Tools made $2.1 million in the fiscal first quarter. Its managers hoped to stay in profit "
            "for the quarter. In the 1988 period, the tool maker lost $4.6 million.")
    got = values(process(nlp, text, "1989-10-26"))
    assert got["the fiscal first quarter"] == "1989-Q1"
    assert got["the quarter"] == "1989-Q1"
    assert got["the 1988 period"] == "1988-Q1"


def test_the_quarter_under_discussion_is_the_paragraphs_else_the_leads(nlp: Any) -> None:
    text = ("Harbor Mills reported a 12% rise in third-quarter profit.\n\n"
            "Following a weak second quarter, the miller credited its bakery brands with the rise.\n\n"
            "Freight costs in the 1989 period were also lower than in last year's quarter. This quarter's charge was "
            "small.")
    got = values(process(nlp, text, "1989-10-25"))
    assert got["the 1989 period"] == "1989-Q3"
    assert got["last year's quarter"] == "1988-Q3"
    assert got["This quarter"] == "1989-Q3"


def test_the_quarter_without_an_antecedent_is_the_last_reported(nlp: Any) -> None:
    assert values(process(nlp, "Sales rose in the quarter.", "1989-10-26"))["the quarter"] == "1989-Q3"


def test_the_latest_quarter_is_counted_from_the_publication_day(nlp: Any) -> None:
    text = "The flood will weigh on fourth-quarter results. In the latest quarter, the insurer posted a loss."
    assert values(process(nlp, text, "1989-10-30"))["the latest quarter"] == "1989-Q3"


def test_a_clock_time_takes_the_day_the_narrative_last_named(nlp: Any) -> None:
    text = "The boat was found on April 8. A fisherman saw it drifting off the pier at 6 a.m."
    assert values(process(nlp, text, "1999-04-19"))["6 a.m."] == "1999-04-08T06:00"
    assert values(process(nlp, "The blast came at 7:15 p.m. local time."))["7:15 p.m."] == "2024-12-18T19:15"


@pytest.mark.parametrize(("text", "expression", "value", "kind"), [
    ("The convoy will set off at 5 in the morning.", "5 in the morning", "2024-12-18T05:00", "TIME"),
    ("They arrived at ten at night.", "ten at night", "2024-12-18T22:00", "TIME"),
    ("The driver was stopped on Dec. 2 and paid the fine the next morning.", "the next morning", "2024-12-03TMO",
     "TIME"),
    ("He was arrested on Dec. 2 and released the following day.", "the following day", "2024-12-03", "DATE"),
    ("In nineteen ninety-one the old paper mill closed.", "nineteen ninety-one", "1991", "DATE"),
    ("The lake froze hard in the winter of nineteen eighty-seven.", "the winter of nineteen eighty-seven", "1987-WI",
     "DATE"),
    ("Planners feared the year two thousand would stop old computers.", "the year two thousand", "2000", "DATE"),
    ("A leaflet for the canvass up to Election Day.", "Election Day", "2024-11-05", "DATE"),
    ("The inspectors may soon publish their report.", "soon", "FUTURE_REF", "DATE"),
    ("Flights leave on Tuesday nights and Sundays.", "Tuesday nights", "XXXX-WXX-2TNI", "SET"),
    ("Flights leave on Tuesday nights and Sundays.", "Sundays", "XXXX-WXX-7", "SET"),
    ("The market opens every Monday.", "every Monday", "XXXX-WXX-1", "SET"),
    ("The harbour fair opens this coming Sunday, March ninth.", "this coming Sunday, March ninth", "2025-03-09",
     "DATE"),
    ("The Courier wrote in a column on Thursday, December 12: the bridge must close.", "Thursday, December 12",
     "2024-12-12", "DATE"),
])
def test_forms(nlp: Any, text: str, expression: str, value: str, kind: str) -> None:
    found = {t.text: t for t in process(nlp, text).timexes}
    assert (found[expression].value, found[expression].type) == (value, kind)


@pytest.mark.parametrize("text", [
    "The guests may go home as soon as the rain stops.",
    "The bridge was reopened soon after being inspected.",
    "A handful of complaints that soon grew into a stack.",
    "The army sent two thousand troops.",
])
def test_not_time_expressions(nlp: Any, text: str) -> None:
    assert not [t for t in process(nlp, text).timexes if t.text in ("soon", "two thousand")]


def test_a_clock_time_is_on_the_day_that_follows_its_time_zone(nlp: Any) -> None:
    # published Thursday 2013-03-21
    got = values(process(nlp, "The ceasefire took effect at 7 a.m. local time on Sunday. The generators failed at "
                              "around 9:20 a.m. (0620 GMT) Friday.", published="2013-03-21"))
    assert got["7 a.m."] == "2013-03-17T07:00"
    assert got["around 9:20 a.m."] == "2013-03-15T09:20"
    assert got["Sunday"] == "2013-03-17"


def test_a_day_opening_the_next_sentence_is_not_the_clock_times(nlp: Any) -> None:
    got = values(process(nlp, "The meeting ended at 5 p.m. On Monday, officials met again.", published="2013-03-21"))
    assert got["5 p.m."] == "2013-03-21T17:00"
    assert got["Monday"] == "2013-03-18"


def test_a_24_hour_clock_after_a_preposition_of_time(nlp: Any) -> None:
    got = values(process(nlp, "The talks resumed at 09:00 local time. The odds were 3:1, and John 3:16 was read. "
                              "The polls close at 14:30 GMT on Sunday.", published="2013-03-21"))
    assert got["14:30 GMT on Sunday"] == "2013-03-24T14:30"
    assert got["09:00"] == "2013-03-21T09:00"
    assert len(got) == 2


def test_a_weekday_joined_to_an_earlier_one_is_later_in_the_same_week(nlp: Any) -> None:
    # published on a Monday: "Monday and Tuesday" are today and tomorrow, not today and six days ago
    got = values(process(nlp, "The governor called off her rallies Monday and Tuesday in Ohio.",
                         published="2012-10-29"))
    assert got["Monday"] == "2012-10-29"
    assert got["Tuesday"] == "2012-10-30"
    got = values(process(nlp, "The delegation met officials on Saturday and Sunday.", published="2024-12-18"))
    assert (got["Saturday"], got["Sunday"]) == ("2024-12-14", "2024-12-15")


def test_a_month_of_that_year_is_in_the_year_last_named(nlp: Any) -> None:
    got = values(process(nlp, "In 2012, the group did not really get going until August of that year. It hired "
                              "staff in June of the following year.", published="2015-06-08"))
    assert got["August of that year"] == "2012-08"
    assert got["June of the following year"] == "2013-06"


def test_a_clock_time_in_a_named_us_time_zone_is_on_the_day_that_follows(nlp: Any) -> None:
    got = values(process(nlp, "The mayor conceded at around 9:40 p.m. Central Time on Tuesday night.",
                         published="2018-11-07"))
    assert got["around 9:40 p.m."] == "2018-11-06T21:40"


def test_a_quarter_told_by_its_end_is_the_calendar_quarter_of_most_of_its_months(nlp: Any) -> None:
    text = "The grocer earned $4 million in the quarter ended April 30. Revenue in the quarter rose 5%."
    got = [(t.text, t.value) for t in process(nlp, text, "2024-10-28").timexes]
    assert got == [("the quarter", "2024-Q1"), ("April 30", "2024-04-30"), ("the quarter", "2024-Q1")]
    ahead = values(process(nlp, "The grocer expects a loss in the quarter ending Jan. 31.", "2024-10-28"))
    assert ahead["the quarter"] == "2024-Q4"


def test_a_quarter_told_by_its_end_after_one_named_is_that_one(nlp: Any) -> None:
    text = "The bakery chain lost money in its fiscal first quarter. Its revenue in the quarter ended Sept. 28 fell."
    assert values(process(nlp, text, "2024-10-28"))["the quarter"] == "2024-Q1"


def test_the_day_set_beside_a_date_is_that_date(nlp: Any) -> None:
    # invented; published Wednesday 2024-12-18
    text = ("The ferry line stopped selling tickets on Dec. 9, the day before the strike began. "
            "Talks resumed on Friday, the day after the mayor spoke. By then the day was nearly over.")
    days = [t for t in process(nlp, text).timexes if t.text == "the day"]
    assert [d.value for d in days] == ["2024-12-09", "2024-12-13"]  # not "the day was nearly over"


def test_the_day_before_an_event_with_no_date_beside_it_is_no_expression(nlp: Any) -> None:
    text = "In December, the day before the strike, the line stopped selling tickets."  # invented
    assert "the day" not in values(process(nlp, text))
