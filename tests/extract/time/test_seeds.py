"""Every relative time expression of the seed articles resolves against the manifest date.

The seeds are read in place from ../shared (skipped when absent); only short expressions and
their expected values are written here.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pytest

# (article prefix, expression, expected values in order of appearance)
EXPECTED = [
    ("000", "Tuesday (December 17)", ["2024-12-17"]),
    ("000", "Sunday, December 15", ["2024-12-15"]),
    ("000", "last week", ["2024-W50"]),
    ("000", "Tuesday", ["2024-12-17"]),
    ("000", "Tuesday, December 17", ["2024-12-17", "2024-12-17"]),
    ("000", "July", ["2024-07"]),
    ("000", "Monday", ["2024-12-16"]),
    ("000", "this month", ["2024-12"]),
    ("000", "today", ["2024-12-18"]),
    ("000", "Currently", ["PRESENT_REF"]),
    ("001", "Saturday", ["2021-10-09"]),  # "will meet ... on Saturday and Sunday"
    ("001", "Sunday", ["2021-10-10", "2021-10-03"]),  # ... and "said on Sunday"
    ("001", "August", ["2021-08"]),
    ("001", "last month", ["2021-09"]),
    ("001", "Thursday", ["2021-10-07"]),
    ("001", "August 31", ["2021-08-31"]),
    ("001", "Right now", ["PRESENT_REF"]),
    ("002", "Friday", ["2021-08-27", "2021-08-27", "2021-08-27"]),
    ("002", "August 31", ["2021-08-31", "2021-08-31"]),
    ("002", "Aug 31", ["2021-08-31"]),
    ("002", "10 years ago", ["2011"]),
    ("002", "last week", ["2021-W33"]),
    ("002", "Thursday", ["2021-08-26"]),
    ("003", "Monday", ["2022-12-19"]),
    ("003", "June", ["2022-06"]),
    ("003", "July", ["2022-07"]),
    ("003", "August", ["2022-08", "2022-08", "2022-08"]),
    ("003", "earlier this month", ["2022-12"]),
    ("003", "November 30", ["2022-11-30"]),
    ("003", "December 1", ["2022-12-01"]),
    ("003", "December 7", ["2022-12-07"]),
    ("003", "September", ["2022-09"]),
    ("003", "Tuesday", ["2022-12-20"]),
    # the page is flagged as misdated (below) and its expressions resolved again against the
    # inferred date 2021-10-10: the first day of the Doha talks, the Friday before, the takeover
    ("004", "Saturday", ["2021-10-09"]),
    ("004", "Friday", ["2021-10-08"]),
    ("004", "August", ["2021-08"]),
]
# 004's values against its stated date, kept beside them (`timexes.stated_value`)
STATED_004 = {"Saturday": ["2023-12-09"], "Friday": ["2023-12-08"], "August": ["2023-08"]}


@pytest.fixture(scope="module")
def seed_values(seeds_store: Any) -> dict[tuple[str, str], list[str]]:
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for t in sorted(seeds_store.store.iter_timexes(), key=lambda t: (t["article_id"], t["start"])):
        out[(t["article_id"][:3], t["text"])].append(t["value"])
    return out


@pytest.mark.parametrize(("article", "expression", "expected"), EXPECTED)
def test_seed_relative_expression(seed_values: dict[tuple[str, str], list[str]], article: str,
                                 expression: str, expected: list[str]) -> None:
    assert seed_values[(article, expression)] == expected


def test_the_misdated_seed_keeps_its_stated_values(seeds_store: Any) -> None:
    stated: dict[str, list[str]] = defaultdict(list)
    for t in sorted(seeds_store.store.iter_timexes(), key=lambda t: (t["article_id"], t["start"])):
        if t["stated_value"] is not None:
            assert t["article_id"].startswith("004")
            stated[t["text"]].append(t["stated_value"])
    assert {k: v for k, v in stated.items() if k in STATED_004} == STATED_004


def test_only_the_misdated_seed_gets_a_corpus_date_conflict(seeds_store: Any) -> None:
    """004 is stated 2023-12-10 but narrates the October 2021 Doha talks: its "in August" is the
    takeover other seeds date August 2021, its "On Saturday" the first day of the talks another
    seed dates 2021-10-09. No other seed is flagged."""
    flagged = {a.id[:3]: (a, f) for a in seeds_store.store.iter_articles() for f in a.flags
               if f.type == "date_conflict" and f.related}
    assert set(flagged) == {"004"}
    article, flag = flagged["004"]
    assert str(article.published_inferred).startswith("2021-10")
    assert "2021-08" in flag.detail and "'August'" in flag.detail and "2021-10-09" in flag.detail
    assert any(r.startswith("003") for r in flag.related) and any(r.startswith("001") for r in flag.related)
    quoted = {article.text[e.start:e.end] for e in flag.evidence}
    assert {"August", "Saturday"} <= quoted
