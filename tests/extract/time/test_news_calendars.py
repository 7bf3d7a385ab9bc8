"""Holidays of other calendars (Islamic, Chinese, Persian, Hindu) on sentences written for the tests
(published Wednesday 2024-12-18 unless said otherwise). Islamic days are the Umm al-Qura calendar's."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from storyline.extract.time import resolve_in_sentence
from storyline.extract.time.dates import holiday_spans
from storyline.extract.time.extractor import find
from storyline.extract.time.hindu import amavasya_evenings
from storyline.extract.time.lexicon import ENV_VAR, lexicon
from storyline.extract.time.resolver import date_of_value
from tests.extract.time.helpers import process, values


@pytest.mark.parametrize(("text", "published", "expression", "value"), [
    # a lunar month named as a whole is the range of its days
    ("The truce broke down during Ramadan.", "2024-06-12", "Ramadan", "2024-03-11/2024-04-09"),
    ("Prices will rise before Ramadan.", "2024-08-20", "Ramadan", "2025-03-01/2025-03-29"),
    # published in the middle of the month: the one under way, whichever way the tense points
    ("Shops will stay open late during Ramadan.", "2024-03-25", "Ramadan", "2024-03-11/2024-04-09"),
    ("Ramadan 2023 was unusually hot.", "2024-06-12", "Ramadan 2023", "2023-03-23/2023-04-20"),
    ("Processions were banned during Muharram.", "2024-12-18", "Muharram", "2024-07-07/2024-08-04"),
    # spellings of South Asia and Afghanistan, entries of the data file
    ("Prices of dates rose before Ramzan.", "2024-06-12", "Ramzan", "2024-03-11/2024-04-09"),
    ("The rebels announced a truce during Ramazan.", "2024-06-12", "Ramazan", "2024-03-11/2024-04-09"),
])
def test_a_lunar_month_is_the_range_of_its_days(nlp: Any, text: str, published: str, expression: str,
                                               value: str) -> None:
    assert values(process(nlp, text, published=published))[expression] == value


@pytest.mark.parametrize(("text", "expression", "value"), [
    ("The rebels declared a ceasefire for Eid al-Fitr.", "Eid al-Fitr", "2024-04-10"),
    ("Prisoners were released on Eid-ul-Fitr.", "Eid-ul-Fitr", "2024-04-10"),
    ("Markets were shut for Eid ul-Fitr.", "Eid ul-Fitr", "2024-04-10"),
    ("Thousands of sheep were sold before Eid al-Adha.", "Eid al-Adha", "2024-06-16"),
    ("Millions celebrated Bakrid.", "Bakrid", "2024-06-16"),
    ("Pilgrims marked Ashura in the old city.", "Ashura", "2024-07-16"),
    ("The Islamic New Year passed quietly.", "Islamic New Year", "2024-07-07"),
    ("Crowds gathered for Mawlid in the capital.", "Mawlid", "2024-09-15"),
    ("Families celebrated Nowruz in the western provinces.", "Nowruz", "2024-03-20"),
    ("Shops were lit for Diwali.", "Diwali", "2024-10-31"),
])
def test_holidays_of_other_calendars(nlp: Any, text: str, expression: str, value: str) -> None:
    assert values(process(nlp, text))[expression] == value


def test_lunar_new_year_and_nowruz_move_with_their_calendars(nlp: Any) -> None:
    lunar = values(process(nlp, "Factories closed for Lunar New Year.", published="2024-03-01"))
    assert lunar["Lunar New Year"] == "2024-02-10"
    chinese = values(process(nlp, "Exports slowed over Chinese New Year.", published="2025-03-01"))
    assert chinese["Chinese New Year"] == "2025-01-29"
    assert values(process(nlp, "Families celebrated Nowruz.", published="2025-04-01"))["Nowruz"] == "2025-03-21"
    assert values(process(nlp, "Families celebrated Nowruz.", published="2029-04-01"))["Nowruz"] == "2029-03-20"


def test_eid_alone_is_the_eid_the_tense_and_the_date_pick(nlp: Any) -> None:
    # ten days after Eid al-Fitr, told in the past: that Eid; in early June, ahead: Eid al-Adha
    assert values(process(nlp, "Prisoners were freed for Eid.", published="2024-04-20"))["Eid"] == "2024-04-10"
    assert values(process(nlp, "The truce will hold through Eid.", published="2024-06-05"))["Eid"] == "2024-06-16"


@pytest.mark.parametrize("text", [
    "Tariq Ramadan spoke at the conference.",  # a surname
    "Ramadan Aziz said the talks had failed.",  # a first name, spaCy's PERSON the surname after it
    "Samir Eid, a lawyer, was arrested.",
    "Ramadan said the troops would stay.",  # a one-word PERSON, the subject
])
def test_a_holiday_inside_a_persons_name_is_no_date(nlp: Any, text: str) -> None:
    assert process(nlp, text).timexes == []


def test_a_holiday_named_after_a_person_stays_a_date(nlp: Any) -> None:
    result = process(nlp, "The markets were shut for Martin Luther King Jr. Day.", published="2024-06-12")
    assert values(result)["Martin Luther King Jr. Day"] == "2024-01-15"


def test_no_publication_date_or_a_year_outside_the_tables_gives_no_value(nlp: Any) -> None:
    assert values(process(nlp, "The truce broke down during Ramadan.", published=None))["Ramadan"] is None
    lunar = values(process(nlp, "Factories closed for Lunar New Year.", published="2150-03-01"))
    assert lunar["Lunar New Year"] is None  # after lunardate's table


def test_a_lunar_month_range_is_a_range_of_days_for_facts(nlp: Any) -> None:
    d = date_of_value("2024-03-11/2024-04-09")
    assert (d.start, d.end, d.precision) == (date(2024, 3, 11), date(2024, 4, 9), "range")
    # a fact dated by it (`resolve_in_sentence`: quotes' said_on, claims' as_of, events' dates)
    result = process(nlp, "The rebels broke the truce during Ramadan.", published="2024-06-12")
    when = resolve_in_sentence(result, 0, len(result.article.text))
    assert when.export_fields() == {"date": "2024-03-11", "enddate": "2024-04-09", "date_precision": "range"}


def test_an_islamic_day_can_fall_twice_in_one_gregorian_year() -> None:
    assert holiday_spans({"hijri_month": 10, "hijri_day": 1}, [2000]) == [
        (date(2000, 1, 8), date(2000, 1, 8)), (date(2000, 12, 27), date(2000, 12, 27))]
    assert holiday_spans({"hijri_month": 9}, [1900]) == []  # before the Umm al-Qura table
    assert holiday_spans({"lunar_month": 1, "lunar_day": 1}, [2150]) == []
    assert holiday_spans({"hijri_month": 9}, [9999]) == holiday_spans({"hijri_month": 9}, []) == []


@pytest.mark.parametrize(("text", "published", "expression", "value"), [
    ("Shops closed for Passover.", "2024-05-02", "Passover", "2024-04-23"),
    ("Talks will resume after Yom Kippur.", "2024-09-20", "Yom Kippur", "2024-10-12"),
    ("The menorah was lit on the first night of Hanukkah.", "2023-12-20", "Hanukkah", "2023-12-08"),
    ("Crowds gathered for Purim.", "2024-04-01", "Purim", "2024-03-24"),  # Adar II in a leap year
    ("Markets were quiet over Rosh Hashanah.", "2023-09-20", "Rosh Hashanah", "2023-09-16"),
])
def test_jewish_holidays_follow_the_hebrew_calendar(nlp: Any, text: str, published: str, expression: str,
                                                     value: str) -> None:
    assert values(process(nlp, text, published=published))[expression] == value


def test_a_hebrew_day_falls_once_a_gregorian_year() -> None:
    passover = {"hebrew_month": 1, "hebrew_day": 15}
    assert holiday_spans(passover, [2023, 2024, 2025]) == [
        (date(2023, 4, 6), date(2023, 4, 6)), (date(2024, 4, 23), date(2024, 4, 23)),
        (date(2025, 4, 13), date(2025, 4, 13))]


def test_nowruz_is_the_solar_hijri_new_year_the_old_leap_year_rule_gave_until_2028() -> None:
    nowruz = {"persian_month": 1, "persian_day": 1}
    for year in range(1996, 2029):  # 20 March in a Gregorian leap year, 21 March in the others
        day = date(year, 3, 20 if year % 4 == 0 else 21)
        assert holiday_spans(nowruz, [year]) == [(day, day)], year
    assert holiday_spans(nowruz, [2029]) == [(date(2029, 3, 20), date(2029, 3, 20))]  # the rule no longer holds
    assert holiday_spans({"persian_month": 10, "persian_day": 1}, [2025]) == [(date(2025, 12, 22), date(2025, 12, 22))]
    assert holiday_spans({"persian_month": 12, "persian_day": 30}, [2026]) == []  # Esfand 1404 has 29 days


def test_a_user_names_a_day_of_the_solar_hijri_calendar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extra = tmp_path / "more.yaml"
    extra.write_text("holidays:\n  sizdah bedar: {persian_month: 1, persian_day: 13}\n", encoding="utf-8")
    monkeypatch.setenv(ENV_VAR, str(extra))
    found = find("Families picnicked in the parks on Sizdah Bedar.", date(2029, 4, 5))
    assert [(f.text, f.norm.value) for f in found] == [("Sizdah Bedar", "2029-04-01")]


def test_the_computed_diwali_is_every_day_of_the_official_list() -> None:
    listed = [date.fromisoformat(str(d)) for d in lexicon().holidays["diwali"]["days"]]
    assert [d.year for d in listed] == list(range(2001, 2036))
    assert [amavasya_evenings(7, d.year) for d in listed] == [(d,) for d in listed]


@pytest.mark.parametrize(("published", "value"), [
    ("1990-11-20", "1990-10-18"), ("2036-11-01", "2036-10-18"), ("2024-11-20", "2024-10-31")])
def test_diwali_outside_the_list_is_computed(nlp: Any, published: str, value: str) -> None:
    assert values(process(nlp, "Shops were lit for Diwali.", published=published))["Diwali"] == value


def test_an_amavasya_evening_is_the_one_holding_more_of_the_tithi() -> None:
    # Ashvin's amavasya of 2024 began in the afternoon of 31 October and ended in the evening of
    # 1 November: it held the whole first evening, a part of the second
    assert amavasya_evenings(7, 2024) == (date(2024, 10, 31),)
    assert amavasya_evenings(6, 2024) == (date(2024, 10, 2),)  # Bhadrapada's, the month before
    assert amavasya_evenings(7, 1500) == ()  # before the Gregorian calendar


def test_diwali_in_a_year_before_the_gregorian_calendar_has_no_value(nlp: Any) -> None:
    assert values(process(nlp, "Lamps were lit for Diwali 1500."))["Diwali 1500"] is None
