"""A frequency after a quantity is a rate (a count per period), neither a SET nor a duration."""

from __future__ import annotations

from typing import Any

from tests.extract.time.helpers import process


def test_a_frequency_after_a_quantity_is_a_rate(nlp: Any) -> None:
    text = ("The new kiln would fire about 4,000 pots annually. Sales should rise 6.5% annually. "
            "Prices grew 3 percent a year. The report is published annually.")
    got = [(t.text, t.type, t.value) for t in process(nlp, text).timexes]
    assert got == [("annually", "SET", "P1Y")]
    assert process(nlp, text).timexes[0].start == text.rindex("annually")
