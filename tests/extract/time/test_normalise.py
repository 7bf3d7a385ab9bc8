"""The issue's example expressions, tense direction, and bad input, against a fixed date."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.extract.time.helpers import process, values

# published Wednesday 2024-12-18
EXAMPLES = [
    ("Asked at a press briefing on Tuesday (December 17), she declined.", "Tuesday (December 17)", "2024-12-17"),
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
    result = process(nlp, "The union planned a long march on Saturday.", "2000-01-07")
    assert values(result)["Saturday"] == "2000-01-08"


def test_tense_decides_the_year_of_a_month(nlp: Any) -> None:
    past = process(nlp, "The withdrawal was completed in August.", "2021-05-10")
    future = process(nlp, "The withdrawal will be completed in August.", "2021-10-08")
    assert values(past)["August"] == "2020-08"
    assert values(future)["August"] == "2022-08"


def test_a_period_that_ended_ended_before_the_publication_day(nlp: Any) -> None:
    # four days ahead is nearer, but a quarter that ended, or an offer that expired, lies behind
    ended = process(nlp, "A year earlier, in the quarter ended Nov. 30, the chain lost $4 million.", "2019-11-26")
    expired = process(nlp, "The tender offer expired Dec. 1, the bakery said.", "2019-11-26")
    ahead = process(nlp, "The tender offer will expire Dec. 1, the bakery said.", "2019-11-26")
    assert values(ended)["Nov. 30"] == "2018-11-30"
    assert values(expired)["Dec. 1"] == "2018-12-01"
    assert values(ahead)["Dec. 1"] == "2019-12-01"


def test_a_days_market_close_is_past(nlp: Any) -> None:
    # published Tuesday 2024-10-29: the coming Friday is nearer, but a closing level is a past figure
    level = process(nlp, "The bonds can be swapped for stock at $31, well above Friday's closing level.",
                    "2024-10-29")
    close = process(nlp, "Oil gained 2% from Friday's close in thin trade.", "2024-10-29")
    gala = process(nlp, "Fans expect a big show at Friday's closing gala.", "2024-10-29")
    assert values(level)["Friday"] == "2024-10-25"
    assert values(close)["Friday"] == "2024-10-25"
    assert values(gala)["Friday"] == "2024-11-01"  # an event: no direction, the nearest


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


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The ferry pier first opened in '98.", "'98", "1998"),
    ("The ferry pier first opened in ’98.", "’98", "1998"),  # typeset apostrophe
    ("The ferry pier has stood empty since ‘05.", "‘05", "2005"),  # apostrophe set as an opening quote
    ("The mayor took office on March 4, ’19.", "March 4, ’19", "2019-03-04"),
    ("The pier was rebuilt in the spring of '05.", "the spring of '05", "2005-SP"),
    ("The festival began in the summer of '69.", "the summer of '69", "1969-SU"),  # the past, not 2069
    ("The harbour boomed in the ’90s.", "the ’90s", "199"),
    ("The port aims to double its cargo by '30.", "'30", "2030"),
])
def test_two_digit_years_with_any_apostrophe(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_two_digit_years_without_a_publication_date_are_found_unresolved(nlp: Any) -> None:
    got = values(process(nlp, "The pier opened in '98 and was rebuilt in the spring of ’05.", None))
    assert got == {"'98": None, "the spring of ’05": None}


def test_a_quoted_count_after_a_preposition_is_no_year(nlp: Any) -> None:
    assert values(process(nlp, "The show aired in '20 minutes' slot.")) == {}


def test_a_weekday_beside_a_typeset_two_digit_year_is_checked_in_that_year(nlp: Any) -> None:
    result = process(nlp, "The ferry sank on Wednesday, March 6, ’19, officials said.")
    assert values(result)["Wednesday, March 6, ’19"] == "2019-03-06"
    assert not [f for f in result.article.flags if f.type == "date_conflict"]


@pytest.mark.parametrize(("text", "expression", "value", "kind"), [
    ("Talks lasted 5 1/2 hours.", "5 1/2 hours", "PT5H30M", "DURATION"),
    ("The war lasted two and a half years.", "two and a half years", "P2Y6M", "DURATION"),
    ("He waited half an hour.", "half an hour", "PT30M", "DURATION"),
    ("They met on Friday morning.", "Friday morning", "2024-12-13TMO", "TIME"),
    ("The curfew starts at 10 p.m. Wednesday.", "10 p.m. Wednesday", "2024-12-18T22:00", "TIME"),
    ("Shots were heard last night.", "last night", "2024-12-17TNI", "TIME"),
    ("He speaks tonight.", "tonight", "2024-12-18TNI", "TIME"),
    ("Prices rose in July last year.", "July last year", "2023-07", "DATE"),
    ("He died last Dec. 23 in Paris.", "last Dec. 23", "2023-12-23", "DATE"),
    ("The talks will go on for the next year or so.", "the next year or so", "P1Y", "DURATION"),
    ("Growth slowed in the last half of 2023.", "the last half of 2023", "2023-H2", "DATE"),
    ("Rents doubled in the early 1980s.", "the early 1980s", "198", "DATE"),
])
def test_fractions_parts_of_day_and_spans(nlp: Any, text: str, expression: str, value: str, kind: str) -> None:
    found = {t.text: t for t in process(nlp, text).timexes}
    assert (found[expression].value, found[expression].type) == (value, kind)


@pytest.mark.parametrize("text", [
    "The envoy, 37 years old, resigned.",
    "The mill ships three-quarters of the paper it makes.",
])
def test_ages_and_fractions_are_no_durations(nlp: Any, text: str) -> None:
    assert process(nlp, text).timexes == []


def test_only_is_outside_the_span(nlp: Any) -> None:
    assert list(values(process(nlp, "The ceasefire lasted only 14 days."))) == ["14 days"]


def test_a_weekday_without_tense_is_the_nearest(nlp: Any) -> None:
    # published Wednesday 2024-12-18: Friday is two days ahead, Monday two days back
    result = process(nlp, "The ministers' talks on Friday and the summit on Monday are key.")
    assert values(result)["Friday"] == "2024-12-20"
    assert values(result)["Monday"] == "2024-12-16"


def test_a_past_plan_gives_no_direction(nlp: Any) -> None:
    # published Saturday 2000-01-15: the deadline set in the past is the nearest Friday
    result = process(nlp, "The board had met twice and had set Friday as the last day for bids.", "2000-01-15")
    assert values(result)["Friday"] == "2000-01-14"


def test_will_begin_doing_points_ahead(nlp: Any) -> None:
    result = process(nlp, "The mayor said the city will begin clearing the canal on Friday.", "1990-08-15")
    assert values(result)["Friday"] == "1990-08-17"


def test_now_opening_a_sentence_with_a_comma_is_a_discourse_marker(nlp: Any) -> None:
    result = process(nlp, "Prices fell. Now, he says, they will rise. Troops are now in the city.")
    assert [(t.text, t.value) for t in result.timexes] == [("now", "PRESENT_REF")]


def test_the_future_of_something_is_no_time(nlp: Any) -> None:
    result = process(nlp, "It matters to the future of the harbour. Repairs will continue into the future.")
    assert [(t.text, t.value) for t in result.timexes] == [("the future", "FUTURE_REF")]


def test_past_and_future_before_a_noun_are_adjectives(nlp: Any) -> None:
    text = ("The mayor lost the past three races. Her future rival spoke in the past tense. "
            "Mistakes were made in the past, and more will come in the future.")
    assert [(t.text, t.value) for t in process(nlp, text).timexes] == [
        ("the past", "PAST_REF"), ("the future", "FUTURE_REF")]


def test_over_the_years_is_a_vague_duration(nlp: Any) -> None:
    result = process(nlp, "Over the years, many patients died. The days of glory are gone.")
    assert [(t.text, t.value) for t in result.timexes] == [("the years", "PXY")]


def test_the_first_hours_and_the_early_years_are_vague_durations(nlp: Any) -> None:
    # invented sentences
    text = ("Hundreds left the valley during the first hours of flooding. In the early years the club had no ground. "
            "The final weeks of the season were tense. A siren sounded in the early hours of Sunday.")
    got = [(t.text, t.type, t.value) for t in process(nlp, text).timexes]
    assert got[:3] == [("the first hours", "DURATION", "PTXH"), ("the early years", "DURATION", "PXY"),
                       ("The final weeks", "DURATION", "PXW")]
    assert "the early hours" not in [t for t, _, _ in got]  # the small hours: a part of the night, no stretch


def test_will_one_day_is_the_future(nlp: Any) -> None:
    result = process(nlp, "The village will one day be a town. The strike lasted one day.")
    assert [(t.text, t.value) for t in result.timexes] == [("one day", "FUTURE_REF"), ("one day", "P1D")]


def test_a_weekday_joined_to_plural_ones_is_a_set(nlp: Any) -> None:
    result = process(nlp, "The night bus runs on Monday and Thursday nights.")
    assert [(t.text, t.type, t.value) for t in result.timexes] == [
        ("Monday", "SET", "XXXX-WXX-1TNI"), ("Thursday nights", "SET", "XXXX-WXX-4TNI")]


def test_a_second_day_after_and_is_its_own_date(nlp: Any) -> None:
    result = process(nlp, "The fair will be held on April 11 and 12. Sales rose on May 5 and 6 percent later.")
    assert [(t.text, t.value) for t in result.timexes] == [
        ("April 11", "2025-04-11"), ("12", "2025-04-12"), ("May 5", "2024-05-05")]


def test_a_range_of_days_with_to_or_through_is_two_dates(nlp: Any) -> None:
    text = "The survey ran from Nov. 4 through 8. The fair runs June 9 to 12. Rates rose on May 3 to 5 percent."
    assert [(t.text, t.value) for t in process(nlp, text).timexes] == [
        ("Nov. 4", "2024-11-04"), ("8", "2024-11-08"), ("June 9", "2025-06-09"), ("12", "2025-06-12"),
        ("May 3", "2024-05-03")]


def test_an_impossible_second_day_has_no_value(nlp: Any) -> None:
    result = process(nlp, "Talks were held on November 30 and 31.")
    assert [(t.text, t.value) for t in result.timexes] == [("November 30", "2024-11-30"), ("31", None)]


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The brewer sold 40 million cases in the latest fiscal year.", "the latest fiscal year", "2023"),
    ("Profit doubled last fiscal year.", "last fiscal year", "2023"),
    ("Profit will double next fiscal year.", "next fiscal year", "2025"),
    ("Sales rose from the prior year.", "the prior year", "2023"),
])
def test_fiscal_years_relative_to_the_publication_year(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_the_end_of_the_year_is_one_expression(nlp: Any) -> None:
    assert values(process(nlp, "The deal should close by the end of the year.")) == {"the end of the year": "2024"}


def test_the_people_of_tomorrow_is_no_day(nlp: Any) -> None:
    result = process(nlp, "He chose the people of tomorrow. As of tomorrow the law applies.")
    assert [(t.text, t.value) for t in result.timexes] == [("tomorrow", "2024-12-19")]


def test_capitalised_words_in_a_name_are_no_time(nlp: Any) -> None:
    text = ('Moreno said on Bay Channel\'s "This Week With Clara Moreno" that talks failed. This is Harbour Radio '
            "Today. Today, talks resumed.")
    assert [(t.text, t.value) for t in process(nlp, text).timexes] == [("Today", "2024-12-18")]


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Families were split by the post-1959 politics.", "post-1959", "1959"),
    ("It was a decades-long battle.", "decades-long", "PXY"),
    ("The valley was ruled from the coast for centuries.", "centuries", "PXY"),
    ("We investigate leads on a daily basis.", "daily", "P1D"),
])
def test_prefixed_years_long_periods_and_frequencies(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_a_frequency_adjective_on_a_noun_is_no_set(nlp: Any) -> None:
    assert values(process(nlp, "The company pays a quarterly dividend.")) == {}


def test_anaphoric_years_and_months_count_from_the_last_one_named(nlp: Any) -> None:
    text = ("In March 1995 he moved to Paris. That month he married; the following month he left. "
            "The following year he returned, and the previous year he had studied.")
    assert [(t.text, t.value) for t in process(nlp, text).timexes] == [
        ("March 1995", "1995-03"), ("That month", "1995-03"), ("the following month", "1995-04"),
        ("The following year", "1996"), ("the previous year", "1995")]


def test_an_anaphoric_year_with_none_named_counts_from_the_publication(nlp: Any) -> None:
    assert values(process(nlp, "Sales fell from the previous year.")) == {"the previous year": "2023"}


def test_an_anaphoric_week_counts_from_the_last_day_named(nlp: Any) -> None:
    text = "The talks began on March 6, 1995. The following week they failed; later that year they resumed."
    assert [(t.text, t.value) for t in process(nlp, text).timexes] == [
        ("March 6, 1995", "1995-03-06"), ("The following week", "1995-W11"), ("later that year", "1995")]


def test_the_previous_quarter_is_the_one_before_the_quarter_under_discussion(nlp: Any) -> None:
    result = process(nlp, "Third-quarter profit rose 5% from the previous quarter.")
    assert values(result) == {"Third-quarter": "2024-Q3", "the previous quarter": "2024-Q2"}


def test_a_second_day_without_a_publication_date_keeps_its_month(nlp: Any) -> None:
    result = process(nlp, "The fair is on April 11 and 12.", None)
    assert values(result) == {"April 11": "XXXX-04-11", "12": "XXXX-04-12"}


def test_a_fronted_day_of_a_past_plan_is_when_the_planning_was(nlp: Any) -> None:
    # published Wednesday 1998-09-30: the planning was last Friday; the demonstration is the nearest Saturday
    result = process(nlp, "On Friday, the council planned to repair the roads.", "1998-09-30")
    assert values(result)["Friday"] == "1998-09-25"
    result = process(nlp, "The union planned a long march on Saturday.", "1998-09-30")
    assert values(result)["Saturday"] == "1998-10-03"


def test_business_shorthand_for_quarters_halves_and_fiscal_years(nlp: Any) -> None:
    got = values(process(nlp, "The company reported Q4 2023 earnings, expects a stronger H1 and a better FY2025. "
                              "Q3 results beat estimates; in the quarter, costs rose."))
    assert got["Q4 2023"] == "2023-Q4"
    assert got["H1"] == "2024-H1"
    assert got["FY2025"] == "2025"
    assert got["Q3"] == "2024-Q3"
    assert got["the quarter"] == "2024-Q3"  # the quarter under discussion


def test_codes_that_are_names_are_no_quarters(nlp: Any) -> None:
    got = values(process(nlp, "The H1N1 virus spread; H-1B visas were issued; he drove an H2 Hummer."))
    assert not any(k.startswith(("H1", "H2", "H-1")) for k in got)


def test_in_a_count_of_units_ahead_is_a_point(nlp: Any) -> None:
    # published 2021-06-15: "in five years" on a verb pointing ahead is the year five years on
    ahead = process(nlp, "The council says the new bridge will open in five years.", "2021-06-15")
    weeks = process(nlp, "Lawmakers could face another shutdown in three weeks.", "2021-06-15")
    assert values(ahead)["five years"] == "2026"
    assert values(weeks)["three weeks"] == "2021-W27"
    # a noun's, a vague count, a past: durations
    best = process(nlp, "It will be the team's best season in eight years.", "2021-06-15")
    vague = process(nlp, "The plant may reopen in a year or two.", "2021-06-15")
    past = process(nlp, "The bridge was built in five years.", "2021-06-15")
    assert values(best)["eight years"] == "P8Y"
    assert values(vague)["a year"] == "P1Y"
    assert values(past)["five years"] == "P5Y"
    ranged = process(nlp, "The fund will run dry in 15 to 20 years.", "2021-06-15")
    assert values(ranged)["15 to 20 years"] == "P15Y"


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Repairs wiped out 2020's gains at the port.", "2020", "2020"),  # the year's gains, not the 2020s
    ("The flood was worse than 2010’s storm surge.", "2010", "2010"),
    ("The pier was popular in the 1960's.", "the 1960's", "196"),  # an old spelling of the decade
])
def test_a_possessive_year_before_a_noun_is_the_year(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_a_numeric_dates_reading_is_a_field_not_a_note() -> None:
    from storyline.extract.time.extractor import find
    from storyline.extract.time.normalise import Order

    def orders(text: str) -> dict[str, Order | None]:
        return {f.text: f.norm.order for f in find(text, date(2024, 12, 18))}

    # invented: both readings possible, one only, dotted (day first), and the page's other date's order
    assert orders("The permit was issued on 03/08/2021.")["03/08/2021"] is Order.AMBIGUOUS
    assert orders("The permit was issued on 15/08/2021.")["15/08/2021"] is Order.ONE_WAY
    assert orders("The permit was issued on 03.08.2021.")["03.08.2021"] is Order.ONE_WAY
    page = find("The notice of 15/07/2021 was replaced on 03/08/2021.", date(2024, 12, 18))
    assert [(f.norm.order, f.norm.value, f.norm.notes) for f in page if f.text == "03/08/2021"] == [
        (Order.PAGE, "2021-08-03", ["read day first, as the page's other numeric dates"])]
    assert orders("The permit was issued in 2021.")["2021"] is None
