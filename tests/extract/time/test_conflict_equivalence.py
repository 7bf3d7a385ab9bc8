"""The `date_conflict` step's faster tests (session 15) give what their plain definitions give.

Each `plain_*` below is the test as it was written before (a scan of every pair); the package's
versions index words, stop once a year is decided, and group by month. Random references over
a small vocabulary (so that sentences share words often) must get the same answers.
"""

from __future__ import annotations

import pickle
import random
from collections import defaultdict

from storyline.extract.time.corpus import (
    MIN_AGREEING,
    MIN_SHARED_CANDIDATE,
    Ref,
    WordIndex,
    _other_year_sharing,
    contradicting_years,
    could_conflict,
    implied_month,
    open_months,
    same_subject,
    winnable_years,
)

WORDS = [f"w{i:02d}" for i in range(30)]


def plain_contradicting_years(ref: Ref, others: list[Ref]) -> set[str]:
    firm_years = {o.value[:4] for o in others if o.firm} - {ref.value[:4]}
    witnesses: dict[tuple[str, str], set[str]] = defaultdict(set)
    firm_words: set[tuple[str, str]] = set()
    for o in others:
        year = o.value[:4]
        if year not in firm_years:
            continue
        for word in ref.words & o.words:
            witnesses[year, word].add(o.article)
            if o.firm:
                firm_words.add((year, word))
    return {year for (year, word), articles in witnesses.items()
            if len(articles) >= MIN_AGREEING and (year, word) in firm_words}


def plain_winnable_years(ref: Ref, same_month: list[Ref]) -> set[str]:
    articles: dict[str, set[str]] = defaultdict(set)
    sentences: dict[str, set[frozenset[str]]] = defaultdict(set)
    firm: set[str] = set()
    for o in same_month:
        year = o.value[:4]
        if year == ref.value[:4] or len(ref.words & o.words) < MIN_SHARED_CANDIDATE:
            continue
        articles[year].add(o.article)
        sentences[year].add(o.words)
        if o.firm:
            firm.add(year)
    return {year for year in firm if len(articles[year]) >= MIN_AGREEING and len(sentences[year]) >= MIN_AGREEING}


def plain_open_months(mine: list[Ref], others: list[Ref]) -> list[tuple[Ref, list[Ref]]]:
    own_firm = {r.value[5:7] for r in mine if r.firm}
    out = []
    for ref in (r for r in mine if implied_month(r)):
        month = ref.value[5:7]
        same_month = [o for o in others if o.value[5:7] == month and (o.firm or implied_month(o))]
        if month not in own_firm and plain_contradicting_years(ref, same_month):
            out.append((ref, same_month))
    return out


def _refs(rng: random.Random, n: int, articles: int) -> list[Ref]:
    out = []
    for _ in range(n):
        value = f"{rng.choice(('2019', '2020', '2021'))}-{rng.choice(('03', '08'))}"
        value += f"-{rng.randint(1, 28):02d}" if rng.random() < 0.2 else ""
        words = frozenset(rng.sample(WORDS, rng.randint(1, 5)))
        out.append(Ref(f"a{rng.randrange(articles)}", 0, 1, "x", value, rng.random() < 0.4, words))
    return out


def test_the_faster_tests_answer_as_the_plain_ones() -> None:
    rng = random.Random(15)
    for _ in range(300):
        others = _refs(rng, rng.randint(0, 40), rng.randint(1, 12))
        mine = _refs(rng, rng.randint(1, 4), 1)
        for ref in mine:
            assert contradicting_years(ref, others) == plain_contradicting_years(ref, others)
            assert could_conflict(ref, others) == bool(plain_contradicting_years(ref, others))
            assert winnable_years(ref, others) == plain_winnable_years(ref, others)
        assert open_months(mine, others) == plain_open_months(mine, others)


def test_word_index_and_other_year_test_answer_as_every_pair() -> None:
    rng = random.Random(9)
    for _ in range(200):
        refs, probes = _refs(rng, rng.randint(0, 30), 8), _refs(rng, 10, 8)
        index, other_year = WordIndex(refs), _other_year_sharing(refs)
        for r in probes:
            for k in (0, 1, 2, 3):
                assert index.sharing(r.words, k) == [n for n in refs if same_subject(r.words, n.words, k)]
            assert other_year(r) == any(n.value[:4] != r.value[:4] and len(r.words & n.words) >= MIN_SHARED_CANDIDATE
                                        for n in refs)


def test_a_reference_is_pickled_without_its_hash() -> None:
    """A string's hash differs between processes: a pickled reference computes its own again."""
    ref = Ref("a", 0, 1, "August", "2021-08", False, frozenset({"seiz"}), sentence="seized the capital", row=7)
    copy = pickle.loads(pickle.dumps(ref))
    assert copy == ref and copy.row == 7 and copy._hash is None and hash(copy) == hash(ref)
    assert {ref: 1}[copy] == 1
