"""A clock time beside a recurring day recurs with it (TimeML SET), on sentences written for the
tests (published Wednesday 2024-12-18)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.time.helpers import process


def _typed(text: str, nlp: Any) -> dict[str, tuple[str, str | None]]:
    return {t.text: (t.type, t.value) for t in process(nlp, text).timexes}


@pytest.mark.parametrize(("text", "clock", "value"), [
    ("The chess club meets every Monday at 9 a.m. in the old library.", "9 a.m.", "XXXX-WXX-1T09:00"),
    ("The fish market opens each Friday at noon.", "noon", "XXXX-WXX-5T12:00"),
    ("The quiz show airs Sundays at 8 p.m.", "8 p.m.", "XXXX-WXX-7T20:00"),
    ("The yoga class starts at 7:30 p.m. every Thursday.", "7:30 p.m.", "XXXX-WXX-4T19:30"),
    ("The ferry leaves at 6 a.m. on Saturdays.", "6 a.m.", "XXXX-WXX-6T06:00"),
    ("The shuttle bus leaves daily at 6 p.m.", "6 p.m.", "XXXX-XX-XXT18:00"),
    ("The bakery closes every night at 10 p.m.", "10 p.m.", "XXXX-XX-XXT22:00"),
    ("Tuesday nights at 11 p.m. the bar hosts a quiz.", "11 p.m.", "XXXX-WXX-2T23:00"),
])
def test_a_clock_time_of_a_recurring_day_is_a_set(nlp: Any, text: str, clock: str, value: str) -> None:
    assert _typed(text, nlp)[clock] == ("SET", value)


def test_a_day_already_named_is_not_the_recurring_clock_s(nlp: Any) -> None:
    found = _typed("On Tuesday the board voted. The canteen now serves soup every Sunday at 11 a.m.", nlp)
    assert found["Tuesday"] == ("DATE", "2024-12-17")
    assert found["every Sunday"] == ("SET", "XXXX-WXX-7")
    assert found["11 a.m."] == ("SET", "XXXX-WXX-7T11:00")


def test_both_clock_times_of_a_recurring_day_recur(nlp: Any) -> None:
    found = _typed("The pantry is open Mondays from 9 a.m. to 5 p.m.", nlp)
    assert found["9 a.m."] == ("SET", "XXXX-WXX-1T09:00")
    assert found["5 p.m."] == ("SET", "XXXX-WXX-1T17:00")


def test_a_part_of_day_after_every_is_a_set(nlp: Any) -> None:
    assert _typed("The old farmer walked his dogs every morning.", nlp)["every morning"] == ("SET", "XXXX-XX-XXTMO")


def test_a_clock_time_of_another_sentence_keeps_the_narrative_day(nlp: Any) -> None:
    found = _typed("Every Tuesday the stalls close early. At 5 p.m. on Friday the police arrived.", nlp)
    assert found["Every Tuesday"] == ("SET", "XXXX-WXX-2")
    assert found["5 p.m. on Friday"] == ("TIME", "2024-12-13T17:00")


def test_a_weekday_joined_to_a_recurring_one_recurs(nlp: Any) -> None:
    found = _typed("The gym runs spin classes every Monday and Wednesday at 6 p.m.", nlp)
    assert found["every Monday"] == ("SET", "XXXX-WXX-1")
    assert found["Wednesday"] == ("SET", "XXXX-WXX-3")
    assert found["6 p.m."] == ("SET", "XXXX-WXX-3T18:00")


def test_every_other_weekday_is_a_set_of_that_day(nlp: Any) -> None:
    found = _typed("The payroll runs every other Friday at 4 p.m.", nlp)
    assert found["every other Friday"] == ("SET", "XXXX-WXX-5")
    assert found["4 p.m."] == ("SET", "XXXX-WXX-5T16:00")


def test_a_weekday_of_another_clause_is_no_set(nlp: Any) -> None:
    found = _typed("The nurse visits every Monday, and on Wednesday she stayed late.", nlp)
    assert found["Wednesday"][0] == "DATE"


def test_a_frequency_on_a_noun_makes_no_recurring_clock(nlp: Any) -> None:
    found = _typed("The mayor spoke at the 6 p.m. daily briefing.", nlp)
    assert found["6 p.m."][0] == "TIME"
    assert "daily" not in found
