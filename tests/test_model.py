from datetime import date

from storyline.model import Evidence, PartialDate


def test_partial_dates_parse_every_precision() -> None:
    assert PartialDate.parse("2021") == PartialDate(start=date(2021, 1, 1), end=date(2021, 12, 31), precision="year")
    aug = PartialDate.parse("2021-08")
    assert (aug.start, aug.end, aug.precision) == (date(2021, 8, 1), date(2021, 8, 31), "month")
    assert PartialDate.parse("2024-02").end == date(2024, 2, 29)
    week = PartialDate.parse("2021-W41")
    assert (week.start, week.end, week.precision) == (date(2021, 10, 11), date(2021, 10, 17), "week")
    assert PartialDate.parse("2021-10-09T10:00:00Z") == PartialDate.day(date(2021, 10, 9))
    rng = PartialDate.parse("2021-10-09/2021-10-10")
    assert (rng.precision, rng.iso()) == ("range", "2021-10-09/2021-10-10")


def test_partial_dates_round_trip_through_iso() -> None:
    for value in ("2021", "2021-08", "2021-W41", "2021-10-09", "2022-11-30/2022-12-01"):
        assert PartialDate.parse(value).iso() == value


def test_impossible_or_missing_dates_are_unknown_not_errors() -> None:
    for value in (None, "", "2021-02-30", "yesterday", "12/10/2023", "2021-13"):
        parsed = PartialDate.parse(value)
        assert parsed.precision == "unknown" and parsed.iso() is None
    assert PartialDate.unknown().export_fields() == {"date": None, "enddate": None, "date_precision": "unknown"}


def test_export_fields_are_the_spec_triple() -> None:
    assert PartialDate.parse("2021-08").export_fields() == {
        "date": "2021-08-01", "enddate": "2021-08-31", "date_precision": "month"}


def test_evidence_takes_the_exact_characters() -> None:
    text = "Nadia Karimzai turned up in Kabul."
    ev = Evidence.of("a1", text, 28, 33)
    assert ev.text == "Kabul" and ev.article == "a1"
