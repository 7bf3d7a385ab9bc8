"""CPU of the `date_conflict` step's pure-Python tests, before and after session 15 (issue #9).

    .venv/bin/python bench/date_conflict_cpu.py [--per-month 3000] [--pages 300] [--repeat 3]

Builds references as a busy store gives them (invented words, a Zipf-like vocabulary so that
many sentences share common words; a few thousand references to each month, firm or not, over
five years, from fewer articles than references) and times, on the same inputs, the code before
session 15 (copied here, `Old*`/`old_*`) and the package's: `contradicting_years`,
`winnable_years`, `open_months`, the step's work on each page's open months (twice before,
once now), `month_candidates`' filtering, `older_to_check`'s two filters, hashing references
(dict keys) and making them from `time_refs` rows. Every result is compared: the script fails if one
differs. Prints one JSON line per test (seconds old and new, and their ratio) and a total.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.extract.time import corpus
from storyline.extract.time.corpus import MIN_SHARED_CANDIDATE, Ref, WordIndex, implied_month

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# the tests' plain (pair-by-pair) definitions are the code before session 15
from tests.extract.time import test_conflict_equivalence as plain  # noqa: E402

old_contradicting_years = plain.plain_contradicting_years
old_open_months = plain.plain_open_months
old_winnable_years = plain.plain_winnable_years

log = logging.getLogger("bench.date_conflict_cpu")

_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})$")
YEARS = ("2019", "2020", "2021", "2022", "2023")


# --- the code before session 15 (f32e54f), as it was ------------------------------------------

@dataclass(frozen=True, slots=True)
class OldRef:
    """`Ref` before session 15: the generated hash (a tuple of its eight compared fields)."""

    article: str
    start: int
    end: int
    text: str
    value: str
    firm: bool
    words: frozenset[str]
    sentence: str = ""
    row: int = field(default=0, compare=False)


def old_same_subject(a: frozenset[str], b: frozenset[str], min_shared: int) -> bool:
    return len(a & b) >= min_shared


def old_winnable_firm(ref: Ref, same_month: list[Ref]) -> list[Ref]:
    years = old_winnable_years(ref, same_month)
    return [o for o in same_month if o.firm and o.value[:4] in years]


def old_step_months(pages: list[list[Ref]], others: list[list[Ref]]) -> list[Any]:
    """What the step worked out before about each page's months, embeddings aside: its open
    months and their winnable firm references, once for `first_compared` and again in `check`."""
    out = []
    for _ in ("first_compared", "check"):
        out = [[(ref, same_month, old_winnable_firm(ref, same_month)) for ref, same_month in old_open_months(p, o)]
               for p, o in zip(pages, others, strict=True)]
    return out


def old_candidates(ref: Ref, near: list[Ref]) -> list[Ref]:
    """`month_candidates`' filtering of one reference's neighbours."""
    years = old_contradicting_years(ref, near)
    return [o for o in near if o.firm or o.value[:4] in years] if years else []


def old_loose(loose: list[Ref], refs: list[Ref]) -> list[Ref]:
    """`older_to_check`'s first filter (its `r.article not in new` left out)."""
    return [r for r in loose if any(
        n.value[:4] != r.value[:4] and old_same_subject(r.words, n.words, MIN_SHARED_CANDIDATE) for n in refs)]


def old_other_year(loose: list[Ref], refs: list[Ref]) -> list[list[Ref]]:
    """`older_to_check`'s second: the new references of another year each stored one shares a word with."""
    return [[n for n in refs if n.value[:4] != r.value[:4] and old_same_subject(r.words, n.words, MIN_SHARED_CANDIDATE)]
            for r in loose]


# --- the same with the package's code ---------------------------------------------------------

def new_candidates(ref: Ref, near: list[Ref]) -> list[Ref]:
    years = corpus.contradicting_years(ref, near)
    return [o for o in near if o.firm or o.value[:4] in years] if years else []


def new_loose(loose: list[Ref], refs: list[Ref]) -> list[Ref]:
    test = corpus._other_year_sharing(refs)
    return [r for r in loose if test(r)]


def new_other_year(loose: list[Ref], refs: list[Ref]) -> list[list[Ref]]:
    by_word = WordIndex(refs)
    return [[n for n in by_word.sharing(r.words, MIN_SHARED_CANDIDATE) if n.value[:4] != r.value[:4]] for r in loose]


# --- references as a busy store gives them -----------------------------------------------------

class Maker:
    """Invented words, drawn so that a few are in many sentences (a storyline's common words)."""

    def __init__(self, seed: int, vocabulary: int = 4000) -> None:
        self.rng = random.Random(seed)
        letters = "abcdefghijklmnopqrstuvwxyz"
        self.words = sorted({"".join(self.rng.choice(letters) for _ in range(4)) for _ in range(vocabulary)})
        self.weights = [1 / (rank + 8) for rank in range(len(self.words))]

    def sentence(self) -> frozenset[str]:
        return frozenset(self.rng.choices(self.words, self.weights, k=self.rng.randint(6, 16)))

    def ref(self, article: str, month: str, kind: type[Any] = Ref) -> Any:
        year = self.rng.choice(YEARS)
        firm = self.rng.random() < 0.4
        day = self.rng.random() < 0.2
        value = f"{year}-{month}" + (f"-{self.rng.randint(1, 28):02d}" if day else "")
        start = self.rng.randint(0, 5000)
        return kind(article, start, start + 8, value, value, firm, self.sentence())


def store_refs(maker: Maker, per_month: int, months: list[str]) -> list[Ref]:
    """`per_month` references to each month from about a third as many articles."""
    articles = [f"a{i:06d}" for i in range(max(1, per_month // 3))]
    return [maker.ref(maker.rng.choice(articles), month) for month in months for _ in range(per_month)]


def page(maker: Maker, article: str, months: list[str]) -> list[Ref]:
    """A page's references: a month or two without a year, a firm one now and then."""
    out = [maker.ref(article, maker.rng.choice(months)) for _ in range(maker.rng.randint(2, 5))]
    return [Ref(r.article, r.start, r.end, r.text, r.value[:7], r.firm and maker.rng.random() < 0.3, r.words)
            for r in out]


def near(ref: Ref, by_month: dict[str, list[Ref]], cap: int = 2400) -> list[Ref]:
    """Like `_near`: references to its month sharing a word with it (capped, as the index reads are)."""
    return [o for o in by_month.get(ref.value[5:7], []) if o.article != ref.article
            and not ref.words.isdisjoint(o.words)][:cap]


# --- timing -------------------------------------------------------------------------------------

def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.process_time()
        out = fn()
        best = min(best, time.process_time() - start)
    return best, out


def compare(name: str, old: Callable[[], Any], new: Callable[[], Any], repeat: int) -> dict[str, Any]:
    t_old, r_old = timed(old, repeat)
    t_new, r_new = timed(new, repeat)
    if r_old != r_new:
        raise SystemExit(f"{name}: the results differ")
    row = {"test": name, "old_s": round(t_old, 3), "new_s": round(t_new, 3), "ratio": round(t_old / t_new, 2)}
    print(json.dumps(row), flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-month", type=int, default=3000, help="stored references to each month")
    parser.add_argument("--pages", type=int, default=300, help="pages checked")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    maker = Maker(args.seed)
    months = ["03", "08", "11"]
    stored = store_refs(maker, args.per_month, months)
    by_month: dict[str, list[Ref]] = defaultdict(list)
    for r in stored:
        by_month[r.value[5:7]].append(r)
    pages = [page(maker, f"p{i:04d}", months) for i in range(args.pages)]
    loose_refs = [r for refs in pages for r in refs if implied_month(r)]
    neighbours = [(r, near(r, by_month)) for r in loose_refs]
    others = [[o for r in refs if implied_month(r) for o in new_candidates(r, near(r, by_month))] for refs in pages]
    month_lists = [(r, [o for o in by_month[r.value[5:7]] if o.firm or implied_month(o)][:2400]) for r in loose_refs]
    # a batch's references to one month, mostly of this year's pages
    new_refs = [r if maker.rng.random() < 0.2 else Ref(r.article, r.start, r.end, r.text, "2023" + r.value[4:], r.firm,
                                                       r.words)
                for refs in pages for r in refs if r.value[5:7] == "08"]
    stored_loose = [r for r in by_month["08"] if implied_month(r)]
    rows = [
        compare("contradicting_years", lambda: [old_contradicting_years(r, n) for r, n in neighbours],
                lambda: [corpus.contradicting_years(r, n) for r, n in neighbours], args.repeat),
        compare("could_conflict", lambda: [bool(old_contradicting_years(r, n)) for r, n in neighbours],
                lambda: [corpus.could_conflict(r, n) for r, n in neighbours], args.repeat),
        compare("month_candidates", lambda: [old_candidates(r, n) for r, n in neighbours],
                lambda: [new_candidates(r, n) for r, n in neighbours], args.repeat),
        compare("winnable_years", lambda: [old_winnable_years(r, m) for r, m in month_lists],
                lambda: [corpus.winnable_years(r, m) for r, m in month_lists], args.repeat),
        compare("open_months", lambda: [old_open_months(p, o) for p, o in zip(pages, others, strict=True)],
                lambda: [corpus.open_months(p, o) for p, o in zip(pages, others, strict=True)], args.repeat),
        compare("open months, winnable firm (step)", lambda: old_step_months(pages, others),
                lambda: [corpus.opened_months(p, o) for p, o in zip(pages, others, strict=True)], args.repeat),
        compare("older_to_check loose", lambda: old_loose(stored_loose, new_refs),
                lambda: new_loose(stored_loose, new_refs), args.repeat),
        compare("older_to_check other_year", lambda: old_other_year(stored_loose, new_refs),
                lambda: new_other_year(stored_loose, new_refs), args.repeat),
    ]
    rows.append(hashing(stored, args.repeat))
    rows.append(reading(stored, args.repeat))
    total_old, total_new = sum(r["old_s"] for r in rows), sum(r["new_s"] for r in rows)
    print(json.dumps({"test": "total", "stored_refs": len(stored), "pages": len(pages), "old_s": round(total_old, 3),
                      "new_s": round(total_new, 3), "ratio": round(total_old / total_new, 2)}))
    return 0


def hashing(stored: list[Ref], repeat: int) -> dict[str, Any]:
    """Each reference used as a dict key ten times (`SentenceReader.filled`, `dict.fromkeys`)."""
    olds = [OldRef(r.article, r.start, r.end, r.text, r.value, r.firm, r.words) for r in stored]
    news = [Ref(r.article, r.start, r.end, r.text, r.value, r.firm, r.words) for r in stored]

    def keys(refs: list[Any]) -> int:
        seen: dict[Any, None] = {}
        for _ in range(10):
            seen.update(dict.fromkeys(refs))
        return len(seen)

    return compare("hash (dict keys, x10)", lambda: keys(olds), lambda: keys(news), repeat)


def old_ref(row: Any) -> Ref:
    """`refindex._ref` before session 15: by the row's attributes."""
    return Ref(sys.intern(row.article_id), row.start, row.end, row.text, sys.intern(row.value), bool(row.firm),
               frozenset(map(sys.intern, row.words.split())), row=row.id)


def reading(stored: list[Ref], repeat: int) -> dict[str, Any]:
    """References made from `time_refs` rows as SQLAlchemy returns them (an in-memory store)."""
    from sqlalchemy import create_engine, insert, select

    from storyline.extract.time import refindex
    from storyline.store import schema

    engine = create_engine("sqlite://")
    schema.time_refs.create(engine)
    with engine.begin() as conn:
        conn.execute(insert(schema.time_refs), [
            {"article_id": r.article, "kind": "ref", "value": r.value, "month": r.value[5:7], "firm": int(r.firm),
             "start": r.start, "end": r.end, "text": r.text, "words": " ".join(sorted(r.words))} for r in stored])
        rows = conn.execute(select(*refindex._COLUMNS)).all()
    return compare("_ref (rows to references)", lambda: [old_ref(row) for row in rows],
                   lambda: [refindex._ref(row) for row in rows], repeat)


if __name__ == "__main__":
    sys.exit(main())
