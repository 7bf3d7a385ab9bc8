"""Expressions built around another one (TimeML annotates each as one expression): a day next to
a named day, a duration of the year before, day ranges, a quarter or half of a relative year."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


def test_the_day_before_a_named_day_is_one_expression(nlp: Any) -> None:
    # published Wednesday 2024-12-18: last Tuesday is the 17th
    text = "The day before last Tuesday's vote, both parties met. They will leave the day after Christmas."
    got = values(process(nlp, text))
    assert got["The day before last Tuesday"] == "2024-12-16"
    assert got["the day after Christmas"] == "2024-12-26"
    assert "last Tuesday" not in got


def test_a_day_before_without_a_named_day_is_counted_from_the_narrative(nlp: Any) -> None:
    # no day named yet: "The day before" is the day before the publication (as "the previous day")
    got = values(process(nlp, "The day before, the talks had collapsed. He spoke on Tuesday."))
    assert got == {"The day before": "2024-12-17", "Tuesday": "2024-12-17"}


def test_a_year_earlier_period_of_months_is_one_duration(nlp: Any) -> None:
    text = "Output in the year-earlier nine months was weaker. Orders fell from the year-earlier level."
    got = values(process(nlp, text, "1989-10-26"))
    assert got["the year-earlier nine months"] == "P9M"
    assert got["the year-earlier level"] == "1988"


def test_a_range_of_days_is_two_dates(nlp: Any) -> None:
    got = values(process(nlp, "The summit will be held Jan. 20-21. Scores were 5-3 on May 5."))
    assert got["Jan. 20"] == "2025-01-20"
    assert got["21"] == "2025-01-21"
    assert got["May 5"] == "2024-05-05"
    assert "3" not in got


def test_a_day_range_must_run_forward(nlp: Any) -> None:
    got = values(process(nlp, "The fair ran Aug. 9-3 times over."))
    assert got == {"Aug. 9": "2024-08-09"}


def test_a_quarter_or_half_of_a_relative_year(nlp: Any) -> None:
    text = "Profit fell in the third quarter of last year. Sales rose in the first half of this year."
    got = values(process(nlp, text))
    assert got["the third quarter of last year"] == "2023-Q3"
    assert got["the first half of this year"] == "2024-H1"


def test_the_past_decade_is_written_in_years_as_a_decade_is(nlp: Any) -> None:
    text = "Sales doubled over the past decade, in about a decade. Rates will rise in the next quarter."
    got = values(process(nlp, text))
    assert got["the past decade"] == got["about a decade"] == "P10Y"
    assert got["the next quarter"] == "P3M"


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Rents have climbed over the last year.", "the last year", "P1Y"),
    ("Two plants closed within the last month.", "the last month", "P1M"),
    ("She has lived abroad for the last decade.", "the last decade", "P10Y"),
    ("Votes were cast in the last week of the session.", "the last week", "2024-W50"),
    ("Revenue fell in the last quarter.", "the last quarter", "2024-Q3"),
])
def test_over_the_last_year_is_the_span_up_to_now(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_a_day_after_a_named_day_is_a_duration(nlp: Any) -> None:
    got = values(process(nlp, "A day after Tuesday's vote, the minister resigned."))
    assert got == {"A day": "P1D", "Tuesday": "2024-12-17"}


def test_recently_before_a_date_leads_to_it(nlp: Any) -> None:
    text = "Three bridges on the river have failed, most recently in October. The firm recently cut jobs."
    got = [(t.text, t.value) for t in process(nlp, text).timexes]
    assert got == [("October", "2024-10"), ("recently", "PAST_REF")]


def test_this_past_and_this_coming_belong_to_the_expression(nlp: Any) -> None:
    text = ("The rally took place this past Saturday. The vote is this coming Sunday, Dec. 22. "
            "It rained this past spring.")
    got = values(process(nlp, text))
    assert got["this past Saturday"] == "2024-12-14"
    assert got["this coming Sunday, Dec. 22"] == "2024-12-22"
    assert got["this past spring"] == "2024-SP"


def test_the_first_two_quarters_of_a_year_are_its_first_half(nlp: Any) -> None:
    text = ("Weak demand should persist until the first two quarters of 2025. "
            "Profit rose in the first nine months of 2024 and in the past two quarters.")
    got = values(process(nlp, text))
    assert got["the first two quarters of 2025"] == "2025-H1"
    assert got["the first nine months"] == "P9M"
    assert got["the past two quarters"] == "P6M"


def test_the_preposition_stays_outside_the_past_and_the_future(nlp: Any) -> None:
    text = "In the past, Russia objected. It will sell more abroad in the future."
    got = [(t.text, t.value) for t in process(nlp, text).timexes]
    assert got == [("the past", "PAST_REF"), ("the future", "FUTURE_REF")]


def test_only_the_day_before_a_day_is_that_day(nlp: Any) -> None:
    got = values(process(nlp, "Trading was halted on the first day after Monday's crash."))
    assert got == {"Monday": "2024-12-16"}


def test_the_article_of_a_noun_a_hyphenated_modifier_describes_stays_out(nlp: Any) -> None:
    texts = {t.text for t in process(nlp, "The tenants found the 30-day notice period too short, and the "
                                          "third-quarter deficit grew past the year-earlier results.").timexes}
    assert {"30-day", "third-quarter", "year-earlier"} <= texts
    texts = {t.text for t in process(nlp, "Like the 19th-century bustle, it was seen in the 19th century.").timexes}
    assert texts == {"19th-century", "the 19th century"}
    texts = {t.text for t in process(nlp, "The ferry line lost money in the year-ago quarter.").timexes}
    assert "the year-ago quarter" in texts


def test_a_half_of_something_else_is_no_half_year(nlp: Any) -> None:
    got = values(process(nlp, "He scored twice in the second half of the game. The first half of the 20th century "
                              "was violent. Sales in the first half of fiscal 2024 rose.", published="2024-12-18"))
    assert "the second half" not in got and "The first half" not in got
    assert got["the first half of fiscal 2024"] == "2024-H1"


def test_may_the_name_is_no_month(nlp: Any) -> None:
    got = values(process(nlp, "Prime Minister Theresa May congratulated him, and he invited May to visit. "
                              "Trump spoke to May.", published="2018-11-20"))
    assert got == {}
    got = values(process(nlp, "The appeal comes up in May. The pact was signed last May. Sales rose from March to "
                              "May. April and May were wet.", published="2018-11-20"))
    assert got["May"] == "2018-05" and got["last May"] == "2018-05"
    assert sum(t.text == "May" for t in process(nlp, "Sales rose from March to May. April and May were wet.",
                                                 published="2018-11-20").timexes) == 2


def test_the_nth_week_of_a_month_is_one_week(nlp: Any) -> None:
    got = values(process(nlp, "The council is in recess during the last week of May. The talks are set for "
                              "the first week of January 2016.", published="2015-05-20"))
    assert got["the last week of May"] == "2015-W22"  # May 25-31
    assert got["the first week of January 2016"] == "2016-W01"


def test_tens_that_count_an_age_a_temperature_or_a_share_are_no_decades(nlp: Any) -> None:
    got = values(process(nlp, "A man in his 60s was hurt. Highs will be in the 60s. Support was in the mid-60s. "
                              "Music of the 60s and the early '90s filled the hall.", published="2016-02-01"))
    assert got == {"the 60s": "196", "the early '90s": "199"}


def test_time_words_capitalised_in_mid_sentence_are_titles(nlp: Any) -> None:
    got = values(process(nlp, "They were both on 60 Minutes last year. The Saturday Night Live skit aired. "
                              "Sign up for Daily Newsletters. He said so on This Week.", published="2019-11-06"))
    assert got == {"last year": "2018"}
    got = values(process(nlp, "Talks lasted 48 hours. He left Saturday night.", published="2019-11-06"))
    assert got == {"48 hours": "PT48H", "Saturday night": "2019-11-02TNI"}
    got = values(process(nlp, 'The poll was run by Resources for the Future. He said, "Now is the time."',
                         published="2019-11-06"))
    assert got == {"Now": "PRESENT_REF"}  # a quote opens a sentence


def test_a_point_in_the_next_period_is_a_date_not_a_duration(nlp: Any) -> None:
    got = values(process(nlp, "Costs could triple by the middle of the next decade. The launch would come at the start "
                              "of the next quarter. Over the next decade, debt will rise.", published="2012-06-05"))
    assert got["the middle of the next decade"] == "202"
    assert got["the start of the next quarter"] == "2012-Q3"
    assert got["the next decade"] == "P10Y"


def test_money_by_the_hour_and_an_age_range_are_no_times(nlp: Any) -> None:
    got = values(process(nlp, "He wants a $15-an-hour minimum wage. Most helpers were in their teens and 20s.",
                         published="2016-02-01"))
    assert got == {}


def test_may_the_month_after_a_bound(nlp: Any) -> None:
    got = values(process(nlp, "Recruitment posts appeared as early as May. The May jobs report showed gains.",
                         published="2015-08-26"))
    assert got == {"May": "2015-05"}
    assert len(process(nlp, "Recruitment posts appeared as early as May. The May jobs report showed gains.",
                       published="2015-08-26").timexes) == 2


@pytest.mark.parametrize(("text", "published", "expression", "value"), [
    ("Shops closed early during the holy month of Ramadan.", "2024-06-12", "the holy month of Ramadan",
     "2024-03-11/2024-04-09"),
    ("The Muslim fasting month of Ramzan ended quietly.", "2024-06-12", "The Muslim fasting month of Ramzan",
     "2024-03-11/2024-04-09"),
    ("Mourners marched through the month of Muharram.", "2024-12-18", "the month of Muharram", "2024-07-07/2024-08-04"),
    ("Rain fell for most of the month of May.", "2024-12-18", "the month of May", "2024-05"),
    ("Sales slumped in the month of August 2022.", "2024-12-18", "the month of August 2022", "2022-08"),
])
def test_a_month_named_with_its_noun_is_one_expression(nlp: Any, text: str, published: str, expression: str,
                                                       value: str) -> None:
    assert values(process(nlp, text, published)) == {expression: value}


def test_a_holiday_of_one_day_leaves_the_month_of_out(nlp: Any) -> None:
    # "the month of" names a month: a one-day holiday after it is the day alone
    assert "Eid al-Fitr" in values(process(nlp, "Travel peaks in the month of Eid al-Fitr.", "2024-06-12"))
