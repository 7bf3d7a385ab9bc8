"""Expressions recent news writes that the first rules missed, on sentences written for the tests
(published Wednesday 2024-12-18 unless said otherwise)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process, values


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Lawmakers hope to pass the bill by the end of the week.", "the end of the week", "2024-W51"),
    ("The fund was launched at the start of the month.", "the start of the month", "2024-12"),
    ("Talks could resume in the middle of the month.", "the middle of the month", "2024-12"),
])
def test_a_point_in_the_current_week_or_month(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Retailers slashed prices on Black Friday.", "Black Friday", "2023-11-24"),
    ("The markets were shut for Martin Luther King Jr. Day.", "Martin Luther King Jr. Day", "2024-01-15"),
    ("He flew home on New Year’s Day.", "New Year’s Day", "2024-01-01"),
    ("Crowds gathered in Dublin on St. Patrick's Day.", "St. Patrick's Day", "2024-03-17"),
    ("The family met on Mother's Day.", "Mother's Day", "2024-05-12"),
])
def test_holidays_of_recent_news(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text, published="2024-06-12"))[expression] == value


def test_a_holiday_a_tense_would_put_half_a_year_away_is_the_near_one(nlp: Any) -> None:
    # published 2012-10-06: "Election Day" a month ahead, whatever the past tense of "announced" says
    result = process(nlp, "The ministry announced a fall in inflation a month before Election Day.",
                     published="2012-10-06")
    assert values(result)["Election Day"] == "2012-11-06"


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("Officials freed 1,300 prisoners between Feb. 4 and March 2, 2013.", "Feb. 4", "2013-02-04"),
    ("The sensors were installed in November and December 2014.", "November", "2014-11"),
    ("The festival ran from Dec. 28 to Jan. 3, 2021.", "Dec. 28", "2020-12-28"),
])
def test_a_range_start_takes_the_year_written_at_its_end(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_past_alone_is_a_preposition_not_a_modifier(nlp: Any) -> None:
    # published 2024-10-23: "past Nov. 21" is beyond the coming one, not the last one
    result = process(nlp, "Lawmakers have weeks to keep the agency open past Nov. 21.", published="2024-10-23")
    assert values(result)["Nov. 21"] == "2024-11-21"
    assert values(process(nlp, "The council met this past Saturday."))["this past Saturday"] == "2024-12-14"


def test_until_after_a_participle_on_a_noun_looks_ahead(nlp: Any) -> None:
    result = process(nlp, "The players have three weeks left until August, when the season ends.",
                     published="2024-04-29")
    assert values(result)["August"] == "2024-08"


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The Sept. 11 attacks changed airport security for good.", "Sept. 11", "2001-09-11"),
    ("He enlisted in the Army after 9/11.", "9/11", "2001-09-11"),
    ("The Jan. 6 committee will hold another hearing.", "Jan. 6", "2021-01-06"),
    ("The vote is scheduled for Sept. 11.", "Sept. 11", "2025-09-11"),  # no noun of the attacks: this year's
])
def test_days_of_history_named_without_their_year(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_a_day_of_history_is_not_named_before_it_happened(nlp: Any) -> None:
    # published 2020-03-02: "the Jan. 6 hearing" is that year's, no day of 2021
    assert values(process(nlp, "The Jan. 6 hearing was postponed.", published="2020-03-02"))["Jan. 6"] \
        == "2020-01-06"


def test_a_day_of_last_year(nlp: Any) -> None:
    result = process(nlp, "The consulate was overrun on Sept. 11 last year.", published="2013-05-08")
    assert values(result)["Sept. 11 last year"] == "2012-09-11"
    assert values(process(nlp, "She resigned on 3 March this year."))["3 March this year"] == "2024-03-03"


def test_a_time_stamp_is_on_the_publication_day(nlp: Any) -> None:
    text = ("The consulate was attacked on Sept. 11, 2012.\n\n"
            "[1:44 p.m. ET] The committee resumed its hearing.\n\n"
            "This report was last revised at 8:15 p.m.")
    found = values(process(nlp, text))
    assert found["1:44 p.m. ET"] == "2024-12-18T13:44"
    assert found["8:15 p.m."] == "2024-12-18T20:15"
    # a time in the narrative stays on the day the story names
    assert values(process(nlp, "The attack began on Sept. 11, 2012, and at 9:40 p.m. gunmen arrived."))[
        "9:40 p.m."] == "2012-09-11T21:40"


def test_an_update_stamp_is_near_the_publication_day(nlp: Any) -> None:
    # "Update" as a noun stamps the page as "updated" does, whatever day the story named before
    text = ("Pictured: the pier at Brightwater on May 2, 2021.\n\n"
            "The council met again. (Update at 4:10 p.m.: The mayor said she still backs the plan.)")
    assert values(process(nlp, text))["4:10 p.m."] == "2024-12-18T16:10"
    # a stamp's weekday is the nearest one, the day after a Wednesday page too; its clock time is on it
    found = values(process(nlp, "Updated Thursday at 9:05 a.m. ET\n\nThe ferry service resumed on Monday."))
    assert found["Thursday"] == "2024-12-19"
    assert found["9:05 a.m. ET"] == "2024-12-19T09:05"
    assert found["Monday"] == "2024-12-16"
    assert values(process(nlp, "Posted Monday at noon"))["Monday"] == "2024-12-16"


def test_a_capitalised_time_word_opening_a_line_is_no_name(nlp: Any) -> None:
    # a line ending in a capitalised word without a stop (page furniture) does not run into the next
    text = "By signing up, you accept our Terms of Use\n\nAt the moment, the bridge stays closed."
    assert values(process(nlp, text))["At the moment"] == "PRESENT_REF"
    assert "Now" not in values(process(nlp, "He watched Harbour Radio Now on Fridays."))


def test_a_may_with_its_article_is_the_month(nlp: Any) -> None:
    assert values(process(nlp, "The band played a May concert in the park."))["May"] == "2024-05"
    assert "May" not in values(process(nlp, "Officials said May will visit the port."))


def test_a_clock_time_and_the_date_after_it_are_one_expression(nlp: Any) -> None:
    found = values(process(nlp, "The ferry left at 6:45 a.m. Nov. 9 and docked at noon June 2, 2022."))
    assert found["6:45 a.m. Nov. 9"] == "2024-11-09T06:45"
    assert found["noon June 2, 2022"] == "2022-06-02T12:00"
    # after "on" the date is an expression of its own, the time on it
    found = values(process(nlp, "The ferry leaves at 6:45 a.m. on March 9."))
    assert found["6:45 a.m."] == "2025-03-09T06:45"
    assert found["March 9"] == "2025-03-09"


def test_to_this_day_is_the_present_in_any_tense(nlp: Any) -> None:
    assert values(process(nlp, "The quarrel over the well goes on to this day."))["this day"] == "PRESENT_REF"
    found = values(process(nlp, "Who built the tower remained unknown to this very day."))
    assert found["this very day"] == "PRESENT_REF"


def test_as_recently_as_leads_to_its_date(nlp: Any) -> None:
    found = values(process(nlp, "As recently as last spring, the ferry still ran twice a day."))
    assert found["last spring"] == "2024-SP"
    assert "recently" not in found


def test_the_past_half_century(nlp: Any) -> None:
    found = values(process(nlp, "Over the last half century, the town doubled in size."))
    assert found["the last half century"] == "P50Y"
    assert values(process(nlp, "The choir sang through the past half-decade of festivals."))[
        "the past half-decade"] == "P5Y"


@pytest.mark.parametrize(("text", "word"), [
    ("The rumour first appeared in The Sun. Nobody believed it.", "Sun."),
    ("The painter April Jensen opened a studio.", "April"),
    ("Tickets went to the singer June Holloway and her band.", "June"),
    ("She became the first half billion dollar rower in the league.", "first half"),
    ("The port sent 90 million crates ($310 million) a week to the north.", "a week"),
])
def test_names_numbers_and_rates_are_no_time(nlp: Any, text: str, word: str) -> None:
    assert word not in values(process(nlp, text))


def test_a_month_ahead_of_an_event_and_up_to_this_moment(nlp: Any) -> None:
    # past tense, but the month named ahead of the event is the nearest one (as "ahead of November's vote")
    found = values(process(nlp, "In June she ran a drive ahead of the February ballot.", published="2024-12-18"))
    assert found["February"] == "2025-02"
    assert values(process(nlp, "Few leaders are up to this moment."))["this moment"] == "PRESENT_REF"
    assert values(process(nlp, "In August Moreau sold the farm."))["August"] == "2024-08"


def test_a_holiday_before_a_kind_of_thing_is_no_day(nlp: Any) -> None:
    found = values(process(nlp, "The children hunted Easter eggs, and the mayor hung Christmas trees on Easter."))
    assert list(found) == ["Easter"]  # the last one, a day (the past one: "hung" is told in the past)


def test_hundreds_are_centuries_and_a_matter_of_days(nlp: Any) -> None:
    found = values(process(nlp, "Mills spread through the late 1700s and the early 1900s, and again in the 2010s."))
    assert found["the late 1700s"] == "17"
    assert found["the early 1900s"] == "19"
    assert found["the 2010s"] == "201"
    assert values(process(nlp, "The bridge reopens in a matter of weeks."))["a matter of weeks"] == "PXW"


def test_a_couple_without_of(nlp: Any) -> None:
    assert values(process(nlp, "In a couple weeks, the lease runs out."))["a couple weeks"] == "P2W"
    assert values(process(nlp, "He met her a couple years ago."))["a couple years ago"] == "2022"


def test_the_year_set_beside_a_year_is_that_year(nlp: Any) -> None:
    found = values(process(nlp, "The code dates to 1987, the year the council last revised it. "
                                "In that year, it also created two grades."))
    assert found["the year"] == "1987"
    assert found["that year"] == "1987"


def test_halves(nlp: Any) -> None:
    found = values(process(nlp, "The recital was meant to last a half-hour. The band peaked a half-century ago."))
    assert found["half-hour"] == "PT30M"  # "last" is the verb here, no "last half-hour"
    assert found["a half-century ago"] == "1974"
    assert values(process(nlp, "The ruling came two and a half years ago."))["two and a half years"] == "P2Y6M"


def test_a_year_named_pages_before_is_not_the_one_previous_counts_from(nlp: Any) -> None:
    text = ("The rules were first written in 2007. " + "Officials said little else about them. " * 30 +
            "Complaints rose this year compared with the previous fiscal year.")
    assert values(process(nlp, text))["the previous fiscal year"] == "2023"
    assert values(process(nlp, "The rules were first written in 2007. In the following year they were changed."))[
        "the following year"] == "2008"


def test_super_tuesday(nlp: Any) -> None:
    result = process(nlp, "Biden surged on Super Tuesday, winning 10 states.", published="2020-03-04")
    assert values(result)["Super Tuesday"] == "2020-03-03"


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The committee meets twice a week.", "twice a week", "P1W"),
    ("Take the pill three times a day.", "three times a day", "P1D"),
    ("Elections are held every four years.", "every four years", "P4Y"),
    ("He flies to Toronto every other week.", "every other week", "P2W"),
    ("A new leak emerges every few days.", "every few days", "PXD"),
])
def test_frequencies_are_sets(nlp: Any, text: str, expression: str, value: str) -> None:
    found = {t.text: t for t in process(nlp, text).timexes}
    assert (found[expression].type, found[expression].value) == ("SET", value)


def test_a_sunday_school_is_no_day(nlp: Any) -> None:
    assert values(process(nlp, "“Voters are not hiring a Sunday school teacher,” she said.")) == {}
    assert values(process(nlp, "The senator, a former Sunday-school teacher, voted no.")) == {}


def test_a_limit_month_near_ahead_is_not_last_year_s(nlp: Any) -> None:
    # published 2020-04-17: a past verb, but "to early May" is the coming May
    result = process(nlp, "The county prolonged its curfew order to early May.", published="2020-04-17")
    assert values(result)["early May"] == "2020-05"
    # "in" is no limit: the January of the past tense stays last January
    result = process(nlp, "The mayor knew in January that her aide had misled the auditors.", published="2017-12-04")
    assert values(result)["January"] == "2017-01"
    # "at least", "at the earliest" between the limit and the month
    result = process(nlp, "The court postponed the hearing until at least June.", published="2021-04-02")
    assert values(result)["June"] == "2021-06"


def test_a_month_before_a_possessive_is_the_month(nlp: Any) -> None:
    # published 2024-12-18: TimeML spans the month without its "'s"
    text = "Turnout fell after November’s vote, and last September's floods cost more. Theresa May's aides left."
    got = values(process(nlp, text))
    assert got == {"November": "2024-11", "last September": "2024-09"}
    # the event's month, not placed by the clause's tense; "May's" alone is a name's
    text = "Both campaigns kept spending money going into November's runoff, a spokesman from May's office said."
    assert values(process(nlp, text, published="2024-08-15")) == {"November": "2024-11"}


def test_a_march_for_a_cause_is_no_month(nlp: Any) -> None:
    assert values(process(nlp, "Thousands joined the March for Life in Washington.")) == {}


@pytest.mark.parametrize("text", [
    "The mayor wished the whole town a Merry Christmas.",
    "Shop assistants may say “Merry Christmas” again, the owner said.",
])
def test_a_christmas_greeting_is_no_day(nlp: Any, text: str) -> None:
    assert values(process(nlp, text)) == {}


def test_christmas_itself_stays_a_day(nlp: Any) -> None:
    assert values(process(nlp, "The bakery will close on Christmas."))["Christmas"] == "2024-12-25"


def test_a_march_on_a_place_is_no_month(nlp: Any) -> None:
    assert values(process(nlp, "Her aunt walked in the March on Westminster.")) == {}
    # the month, then where
    assert values(process(nlp, "The bill passed in March on Capitol Hill.", published="2024-06-12")) == \
        {"March": "2024-03"}


def test_a_past_told_on_a_holiday_keeps_the_past_one(nlp: Any) -> None:
    result = process(nlp, "Shortly after the senator won on Election Day, his aide was replaced.",
                     published="2017-10-15")
    assert values(result)["Election Day"] == "2016-11-08"


def test_times_as_much_is_no_frequency(nlp: Any) -> None:
    assert values(process(nlp, "Top managers make six times per year as much as their staff.")) == {}


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The bridge looked safer than it did 24 hours ago.", "24 hours ago", "2024-12-17"),
    ("The ferry left port 48 hours ago.", "48 hours ago", "2024-12-16"),
    ("A fire broke out three hours ago.", "three hours ago", "2024-12-18"),
    ("The polls closed 30 minutes ago.", "30 minutes ago", "2024-12-18"),
])
def test_hours_ago_are_counted_to_a_day_of_the_publication(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The budget passed on Christmas Eve in 2009.", "Christmas Eve", "2009-12-24"),
    ("Turnout was low on Election Day in 2016, she said.", "Election Day", "2016-11-08"),
    ("The plant opened on Jan. 3 in 1998.", "Jan. 3", "1998-01-03"),
    ("The law passed on June 5 in the Senate.", "June 5", "2024-06-05"),
])
def test_a_day_followed_by_in_a_year_takes_that_year(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_couple_without_of_counts_two(nlp: Any) -> None:
    text = "Prices climbed over the past couple years and may fall in the next couple months."
    assert values(process(nlp, text)) == {"the past couple years": "P2Y", "the next couple months": "P2M"}


@pytest.mark.parametrize(("text", "expression"), [
    ("The mayor said the city cannot afford a strike at this moment.", "this moment"),
    ("Voters are anxious in this uncertain moment, the poll suggests.", "this uncertain moment"),
    ("Nobody should leave the coalition at this fragile moment.", "this fragile moment"),
])
def test_this_moment_is_the_present(nlp: Any, text: str, expression: str) -> None:
    assert values(process(nlp, text)) == {expression: "PRESENT_REF"}


@pytest.mark.parametrize("text", [
    "At this moment she understood what the letter meant.",  # a moment of a past narrative
    "The moment he arrived, the crowd cheered.",
    "This moment changed the race.",
])
def test_this_moment_told_in_the_past_or_without_a_preposition_is_no_present(nlp: Any, text: str) -> None:
    assert values(process(nlp, text)) == {}


@pytest.mark.parametrize(("published", "text", "expression", "value"), [
    # the month just gone is "last month": "last February" written in March is a year before
    ("2024-03-12", "The old pier collapsed last February during a gale.", "last February", "2023-02"),
    ("2024-03-12", "The old pier collapsed last January during a gale.", "last January", "2024-01"),
    ("2024-03-12", "The old pier collapsed this past February.", "this past February", "2024-02"),
    # across the turn of the year the month just gone is also last year's
    ("2024-01-12", "The old pier collapsed last December.", "last December", "2023-12"),
])
def test_last_before_the_month_just_gone_is_a_year_back(nlp: Any, published: str, text: str, expression: str,
                                                       value: str) -> None:
    assert values(process(nlp, text, published))[expression] == value


def test_election_night_is_the_night_of_election_day(nlp: Any) -> None:
    found = values(process(nlp, "The governor conceded on election night.", published="2022-11-10"))
    assert found["election night"] == "2022-11-08TNI"
    assert values(process(nlp, "Polls closed on Election Day.", published="2022-11-10"))["Election Day"] == "2022-11-08"


def test_that_same_month_is_the_month_last_named(nlp: Any) -> None:
    found = values(process(nlp, "The mill closed in March. That same month, the mayor resigned."))
    assert found["That same month"] == "2024-03"


def test_a_weekend_edition_is_a_programme(nlp: Any) -> None:
    assert values(process(nlp, "As the host said on Weekend Edition Sunday, the pier is shut.")) == {}
    assert values(process(nlp, "The comic wrote sketches for “Saturday Night Live”.")) == {}


@pytest.mark.parametrize("text", [
    "The ministry expects 140,000 new claims a day by spring.",
    "Up from about 12,000 a day, the queue keeps growing.",
])
def test_a_count_with_thousands_before_a_day_is_a_rate(nlp: Any, text: str) -> None:
    assert "a day" not in values(process(nlp, text))


def test_each_month_after_a_count_stays_a_set(nlp: Any) -> None:
    assert values(process(nlp, "The port added 21,000 new berths each month."))["each month"] == "P1M"


def test_this_weekend_told_in_the_past_on_a_weekday_is_the_one_just_gone(nlp: Any) -> None:
    # published Monday 2020-05-04
    told = values(process(nlp, "The governor said this weekend that the fair was off.", published="2020-05-04"))
    assert told["this weekend"] == "2020-W18-WE"
    ahead = values(process(nlp, "The fair will open this weekend.", published="2020-05-04"))
    assert ahead["this weekend"] == "2020-W19-WE"


@pytest.mark.parametrize("text", [
    "One day the ferryman simply left.",
    "The keepers moved the flock late one night.",
])
def test_one_day_of_a_past_story_is_no_expression(nlp: Any, text: str) -> None:
    assert values(process(nlp, text)) == {}


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The fair lasted one day.", "one day", "P1D"),
    ("The ferryman will one day retire.", "one day", "FUTURE_REF"),
])
def test_one_day_as_a_length_or_ahead_stays(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_may_before_another_month_is_the_month(nlp: Any) -> None:
    found = values(process(nlp, "Compared with a year before, May to July orders were weaker.", published="2019-06-29"))
    assert found["May"] == "2019-05"
    assert "May" not in values(process(nlp, "Theresa May and the ministers met.", published="2019-06-29"))
