"""`date_conflict` across the corpus: a page whose stated date does not fit what others say.

A month named without its year ("seized the capital in August") is resolved against the page's
own publication date. When other articles of the store date the same month *firmly* (with a
year written out: "took over ... in August 2021") in sentences about the same event (their
sentence embeddings are close: `similar`) and none of them in the year this page implies, the
page's date is suspect. A written-out year is the firm anchor; pages that only
*imply* a year vote with each other and cannot outvote a firm one.

A weekday then pins the day: when a sentence of the suspect page ("On Saturday ... their first
face-to-face talks") shares enough content words with a sentence of another page that dates its
weekday in the suggested year ("talks are set for ... Saturday and Sunday", 2021-10-09), the page's
publication day is that date moved by the page's own distance from its weekday: its
`published_inferred`. The page gets a `date_conflict` flag with the reasons and evidence.

A batch reads only the references it can conflict with, from an index of every stored
article's dated references (`refindex`): its cost grows with the references to the months it
names, not with the store.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from storyline.extract.time.lexicon import lexicon
from storyline.model import Article, Evidence, Flag, PartialDate

if TYPE_CHECKING:
    from storyline.extract.time.refindex import RefIndex

log = logging.getLogger(__name__)

MIN_SHARED_MONTH = 2  # content words two sentences must share when one has no text to compare
MIN_SHARED_CANDIDATE = 1  # content words a firm reference must share to be compared at all
MIN_SHARED_DAY = 3  # content words two sentences must share to be about the same day
WINDOW = 25  # words on either side of an expression that go into its sentence's embedding
MIN_AGREEING = 2  # distinct other articles that must date the period the same way
# A page's date is only doubted when the store agrees with itself: in a general corpus one other
# article that writes "Sept. 11, 2001" says nothing about this page's "September".
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{3,}|\b[A-Z]{2,}\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_HAS_YEAR = re.compile(r"\b(?:1[5-9]|20)\d\d\b")
_MONTH_VALUE = re.compile(r"^(\d{4})-(\d{2})$")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Ref:
    """A dated expression of a stored article, with the words of its sentence."""

    article: str
    start: int
    end: int
    text: str
    value: str
    firm: bool  # the year is written out
    words: frozenset[str]
    sentence: str = ""  # its sentence without the expression, when read (`SentenceReader.fill`)
    row: int = field(default=0, compare=False)  # its `time_refs` id, when read from the index
    # the hash of the compared fields, computed on first use: a batch hashes references millions
    # of times (dict keys, set members), the generated hash built a tuple of eight fields each time
    _hash: int | None = field(default=None, init=False, repr=False, compare=False)

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash((self.article, self.start, self.end, self.text, self.value,
                                                    self.firm, self.words, self.sentence)))
        return self._hash  # type: ignore[return-value]

    def __getstate__(self) -> tuple[Any, ...]:
        """Pickled without its hash: a string's hash differs from one process to the next."""
        return tuple(getattr(self, name) for name in _REF_STATE)

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(_REF_STATE, state, strict=True):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_hash", None)


_REF_STATE = tuple(f.name for f in fields(Ref) if f.name != "_hash")  # what a pickled `Ref` keeps


def content_words(sentence: str) -> frozenset[str]:
    """Crude stems (first four letters) of the sentence's content words, minus names of time."""
    lx = lexicon()
    skip = lx.stopwords | set(lx.months) | set(lx.weekdays)
    return frozenset(w.lower()[:4] for w in _WORD.findall(sentence) if w.lower() not in skip)


def same_subject(a: frozenset[str], b: frozenset[str], min_shared: int) -> bool:
    """Two sentences are about the same thing: enough content words in common."""
    if min_shared == 1:
        return not a.isdisjoint(b)  # the same test, without building the intersection
    return len(a & b) >= min_shared


class WordIndex:
    """A list of references by the words of their sentences: which of them share at least `k`
    words with a sentence is a few lookups, not a test of every pair."""

    def __init__(self, refs: list[Ref]) -> None:
        self.refs = refs
        self.positions: dict[str, list[int]] = defaultdict(list)  # word -> where the references holding it are
        for i, r in enumerate(refs):
            for word in r.words:
                self.positions[word].append(i)

    def sharing(self, words: frozenset[str], min_shared: int) -> list[Ref]:
        """The references sharing at least `min_shared` of `words` (`same_subject`), in their order."""
        if min_shared <= 0:
            return list(self.refs)
        get = self.positions.get
        if min_shared == 1:
            found: set[int] = set()
            for word in words:
                found.update(get(word, ()))
            return [self.refs[i] for i in sorted(found)]
        counts = Counter(i for word in words for i in get(word, ()))
        return [self.refs[i] for i in sorted(i for i, n in counts.items() if n >= min_shared)]


def _sharing(words: frozenset[str], refs: list[Ref]) -> list[Ref]:
    """Those of `refs` sharing `MIN_SHARED_CANDIDATE` words with `words` (`same_subject`), in their order."""
    if MIN_SHARED_CANDIDATE == 1:
        return [o for o in refs if not words.isdisjoint(o.words)]
    return [o for o in refs if same_subject(words, o.words, MIN_SHARED_CANDIDATE)]


def about_the_same(ref: Ref, others: list[Ref]) -> list[Ref]:
    """The references of `others` whose sentences tell of the same event as `ref`'s: at least one
    content word in common, then close sentence embeddings (`similar.same_event`). References
    read without their sentence fall back to `MIN_SHARED_MONTH` shared words."""
    from storyline.extract.time import similar

    near = _sharing(ref.words, others)
    texts = [o for o in near if ref.sentence and o.sentence]
    same = set(o for o, yes in zip(texts, similar.same_event([(ref.sentence, o.sentence) for o in texts]),
                                   strict=True) if yes)
    return [o for o in near if o in same or (not (ref.sentence and o.sentence)
                                             and same_subject(ref.words, o.words, MIN_SHARED_MONTH))]


def agreed_year(refs: list[Ref], value: Any = lambda r: r.value[:4]) -> str | None:
    """The year that at least `MIN_AGREEING` distinct articles give in different sentences, if
    exactly one year is so given. A copy repeats its original's sentence word for word, so
    copies count once: they are not independent confirmation."""
    articles: dict[str, set[str]] = defaultdict(set)
    sentences: dict[str, set[frozenset[str]]] = defaultdict(set)
    for r in refs:
        articles[value(r)].add(r.article)
        sentences[value(r)].add(r.words)
    agreed = [year for year in articles
              if len(articles[year]) >= MIN_AGREEING and len(sentences[year]) >= MIN_AGREEING]
    return agreed[0] if len(agreed) == 1 else None


@lru_cache(maxsize=64)
def _sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """Where each sentence end (`_SENTENCE_END`) of `text` starts and stops: scanned once per
    text, however many expressions it holds (kept for the last few texts)."""
    found = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
    return [a for a, _ in found], [b for _, b in found]


def _sentence_start(text: str, start: int) -> int:
    """Where the sentence holding `start` begins: after the last sentence end begun before it
    (an end running past `start` is cut there)."""
    starts, ends = _sentence_ends(text)
    i = bisect_left(starts, start)
    return min(ends[i - 1], start) if i else 0


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence (or line) of `text` around [start, end) begins and ends."""
    right = _SENTENCE_END.search(text, end)
    return _sentence_start(text, start), right.start() if right else len(text)


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence (or line) of `text` around [start, end)."""
    left, right = _sentence_bounds(text, start, end)
    return text[left:right]


def sentence_without(text: str, start: int, end: int) -> str:
    """The sentence around [start, end) with the expression taken out, at most `WINDOW` words on
    either side of it (a run-on "sentence" of a page without full stops is not embedded whole)."""
    right = _SENTENCE_END.search(text, end)
    before, after = _words_before(text, start), text[end:right.start() if right else len(text)].split()
    return " ".join(before[-WINDOW:] + after[:WINDOW])


LOOKBACK = 2000  # characters before an expression searched for its sentence's start first


def _words_before(text: str, start: int) -> list[str]:
    """The words of `start`'s sentence before it, of which `sentence_without` keeps the last
    `WINDOW`: found in the `LOOKBACK` characters before it when they hold the sentence's start
    or more than `WINDOW` words, else from the whole text's sentence ends (`_sentence_start`),
    so a witness's sentence is cut from its long page without scanning all of it."""
    low = max(0, start - LOOKBACK)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, low, start)]
    words = text[ends[-1] if ends else low:start].split()
    if not ends and low > 0 and len(words) <= WINDOW:
        return text[_sentence_start(text, start):start].split()
    return words


def refs_of(article: Article, timexes: list[dict[str, Any]]) -> list[Ref]:
    out = []
    for t in timexes:
        value = t.get("value") or ""
        if t.get("type") not in ("DATE", "TIME") or not (_MONTH_VALUE.match(value) or _DAY_VALUE.match(value)):
            continue
        without = sentence_of(article.text, t["start"], t["end"]).replace(t["text"], " ")
        out.append(Ref(article.id, t["start"], t["end"], t["text"], value, bool(_HAS_YEAR.search(t["text"])),
                       content_words(without), sentence_without(article.text, t["start"], t["end"])))
    return out


class SentenceReader:
    """Fills in the sentences of references read from the index (`Ref.sentence` is left empty
    there: the postings a batch reads are many, the sentences it compares few): for the batch's
    articles (held, `hold`) cut from their texts; for stored ones taken from their index rows
    (`time_refs.sentence`, cut when they were indexed), `_CHUNK` at a time, so a witness's
    page is not read. Only a row stored before schema 14 and not filled since
    (`refindex.fill_older_sentences`) has its page's text read, cut, and let go, the last
    `KEEP_TEXTS` texts kept for the lookups that follow. Each sentence is filled once
    (`filled`): a witness is the candidate of many of a batch's references."""

    KEEP_TEXTS = 500
    _CHUNK = 500

    def __init__(self, conn: Any, articles: dict[str, Article]) -> None:
        self.conn = conn
        self.texts: dict[str, str] = {}
        self.hold(articles)
        self.recent: OrderedDict[str, str] = OrderedDict()  # texts read from the store, the latest last
        # a witness is the candidate of many of a batch's references: its sentence is cut once
        self.filled: dict[Ref, Ref] = {}

    def hold(self, articles: dict[str, Article]) -> None:
        """Keep these articles' texts at hand (they are in memory anyway)."""
        self.texts.update({aid: a.text for aid, a in articles.items()})

    def fill(self, refs: list[Ref]) -> list[Ref]:
        """`refs` with their sentences (those whose article is not stored are returned as they are)."""
        todo: dict[str, list[Ref]] = defaultdict(list)
        for r in refs:
            if not r.sentence and r not in self.filled:
                todo[r.article].append(r)
        for aid in [aid for aid in todo if aid in self.texts or aid in self.recent]:
            self._cut(self.texts[aid] if aid in self.texts else self.recent[aid], todo.pop(aid))
        self._stored(todo)
        self._read(todo)
        return [r if r.sentence else self.filled.get(r, r) for r in refs]

    def _stored(self, todo: dict[str, list[Ref]]) -> None:
        """Fill the references whose index rows hold their sentence, and take them out of `todo`."""
        from sqlalchemy import select

        from storyline.store import schema

        t = schema.time_refs
        rows = sorted({r.row for refs in todo.values() for r in refs if r.row})
        stored: dict[int, str] = {}
        for i in range(0, len(rows), self._CHUNK):
            query = select(t.c.id, t.c.sentence).where(t.c.id.in_(rows[i:i + self._CHUNK]), t.c.sentence.is_not(None))
            stored.update((row.id, row.sentence) for row in self.conn.execute(query))
        for aid in list(todo):
            for ref in (r for r in todo[aid] if r.row in stored):
                self.filled[ref] = replace(ref, sentence=stored[ref.row])
            todo[aid] = [r for r in todo[aid] if r.row not in stored]
            if not todo[aid]:
                del todo[aid]

    def _read(self, todo: dict[str, list[Ref]]) -> None:
        """Cut the sentences of `todo` from their pages' texts, read from the store."""
        from sqlalchemy import select

        from storyline.store import schema

        a = schema.articles
        missing = sorted(todo)
        for i in range(0, len(missing), self._CHUNK):
            for row in self.conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(missing[i:i + self._CHUNK]))):
                self._cut(row.text, todo[row.id])
                self.recent[row.id] = row.text
                if len(self.recent) > self.KEEP_TEXTS:
                    self.recent.popitem(last=False)

    def _cut(self, text: str, refs: list[Ref]) -> None:
        for ref in refs:
            self.filled[ref] = replace(ref, sentence=sentence_without(text, ref.start, ref.end))


def implied_month(ref: Ref) -> bool:
    """A month named without its year, placed by its page's stated date ("in August" -> 2021-08)."""
    return not ref.firm and bool(_MONTH_VALUE.match(ref.value))


def contradicting_years(ref: Ref, others: list[Ref]) -> set[str]:
    """The years `others` (the same month, a content word shared) could give `ref`'s month
    against its own: a year some firm reference writes, named (firm, or implied by their
    dates) by at least `MIN_AGREEING` articles whose sentences share one same word with
    `ref`'s. A cheap test before any sentence is embedded: a year that cannot gather two
    witnesses on one shared word is not worth embedding for."""
    return _contradicting(ref, others, everyone=True)


def _contradicting(ref: Ref, others: list[Ref], everyone: bool) -> set[str]:
    """`contradicting_years`, or (not `everyone`) at most the first one found. Only the words a
    firm reference of another year shares with `ref` can count, so they are found first; a year
    is given once it has its witnesses on one of them."""
    own, words = ref.value[:4], ref.words
    firm_words: dict[str, set[str]] = {}  # year -> the words firm references of it share with `ref`
    for o in others:
        if o.firm and (year := o.value[:4]) != own:
            firm_words.setdefault(year, set()).update(words & o.words)
    open_years = {year: shared for year, shared in firm_words.items() if shared}
    witnesses: dict[tuple[str, str], set[str]] = defaultdict(set)
    found: set[str] = set()
    for o in others:
        shared = open_years.get(o.value[:4])
        if not shared:
            continue
        year = o.value[:4]
        for word in shared.intersection(o.words):
            articles = witnesses[year, word]
            articles.add(o.article)
            if len(articles) >= MIN_AGREEING:
                found.add(year)
                del open_years[year]
                break
        if found and not everyone:
            break
    return found


def could_conflict(ref: Ref, others: list[Ref]) -> bool:
    """Whether `others` can contradict `ref` at all (`contradicting_years`)."""
    return bool(_contradicting(ref, others, everyone=False))


def open_months(mine: list[Ref], others: list[Ref]) -> list[tuple[Ref, list[Ref]]]:
    """The page's months without a year that `others` could contradict (`could_conflict`), each
    with the other articles' references to that month (firm, or without a year of their own;
    one list for the references of one month, not to be changed).

    A month the article itself also writes with a year elsewhere is left alone: its author tells
    the two apart ("In August 2021, when ...", and later "In August, a drone ...").
    """
    own_firm = {r.value[5:7] for r in mine if r.firm}
    loose = [r for r in mine if implied_month(r)]
    wanted = {r.value[5:7] for r in loose} - own_firm  # else the page knows which year it means
    by_month: dict[str, list[Ref]] = {month: [] for month in wanted}
    for o in others:
        if (month := o.value[5:7]) in wanted and (o.firm or implied_month(o)):
            by_month[month].append(o)
    return [(ref, by_month[month]) for ref in loose
            if (month := ref.value[5:7]) in wanted and could_conflict(ref, by_month[month])]


def winnable_years(ref: Ref, same_month: list[Ref]) -> set[str]:
    """The years other than `ref`'s that `agreed_year` could still give once the sentences are
    compared: named by references sharing a content word with `ref`'s sentence in at least
    `MIN_AGREEING` articles and as many different sentences, one of them firm. The same-event
    references are a subset of these, so no other year can be agreed on: their firm references
    are never embedded (`month_verdict`)."""
    sharing = _sharing(ref.words, same_month)
    firm = {o.value[:4] for o in sharing if o.firm} - {ref.value[:4]}  # only these can be given
    # year -> the articles and the sentences naming it, until it has enough of both
    open_years = {year: (set[str](), set[frozenset[str]]()) for year in firm}
    found: set[str] = set()
    for o in sharing:
        if (seen := open_years.get(o.value[:4])) is None:
            continue
        articles, sentences = seen
        articles.add(o.article)
        sentences.add(o.words)
        if len(articles) >= MIN_AGREEING and len(sentences) >= MIN_AGREEING:
            found.add(o.value[:4])
            del open_years[o.value[:4]]
            if not open_years:
                break
    return found


def winnable_firm(ref: Ref, same_month: list[Ref]) -> list[Ref]:
    """The firm references of `winnable_years`: the first sentences `month_verdict` compares."""
    years = winnable_years(ref, same_month)
    return [o for o in same_month if o.firm and o.value[:4] in years]


# a page's open months (`open_months`), each with its `winnable_firm`
Opened = list[tuple[Ref, list[Ref], list[Ref]]]


def opened_months(mine: list[Ref], others: list[Ref]) -> Opened:
    """`open_months`, each with its `winnable_firm`: the step works them out once for the
    sentences it embeds ahead (`first_compared`) and for `check`."""
    return [(ref, same_month, winnable_firm(ref, same_month)) for ref, same_month in open_months(mine, others)]


def month_verdict(ref: Ref, same_month: list[Ref],
                  winnable: list[Ref] | None = None) -> tuple[str, Ref, list[Ref]] | None:
    """The year other articles agree `ref`'s month is in, the firm reference that best says so,
    and the others that agree; or None.

    Only references about the same event count (`about_the_same`): at least one firm reference of
    another year, none of this page's year, and at least `MIN_AGREEING` articles agreeing on that
    year. A page naming the month without a year under its own stated date ("in August",
    published 2021-10-08) corroborates a firm year; it cannot stand for one alone. The sentences
    are compared in the order that ends the test soonest, each group only if the verdict can
    still turn on it: the firm references of the years that could be agreed on
    (`winnable_years`), then the references without a year of the years they give, and only
    when a year is agreed, the firm references of the page's own year (one of them vetoes it).
    `winnable`: `winnable_firm(ref, same_month)` when worked out already (`opened_months`).
    """
    firm = about_the_same(ref, winnable_firm(ref, same_month) if winnable is None else winnable)
    if not firm:
        return None
    firm_years = {o.value[:4] for o in firm}
    implied = about_the_same(ref, [o for o in same_month if not o.firm and o.value[:4] in firm_years])
    agreed = agreed_year(firm + implied)
    if agreed is None or about_the_same(ref, [o for o in same_month if o.firm and o.value[:4] == ref.value[:4]]):
        return None
    best = max((o for o in firm if o.value[:4] == agreed), key=lambda o: len(ref.words & o.words))
    return agreed, best, [o for o in firm + implied if o.value[:4] == agreed and o is not best]


def month_conflicts(mine: list[Ref], others: list[Ref],
                    opened: Opened | None = None) -> tuple[Counter[int], list[tuple[Ref, Ref, list[Ref]]]]:
    """Years that firm references of other articles give to months this article dates otherwise
    (`open_months`, `month_verdict`; `opened`: its `opened_months`, when worked out already)."""
    years: Counter[int] = Counter()
    pairs: list[tuple[Ref, Ref, list[Ref]]] = []  # the page's reference, the firm one, the corroborating ones
    for ref, same_month, winnable in opened_months(mine, others) if opened is None else opened:
        if found := month_verdict(ref, same_month, winnable):
            agreed, best, more = found
            years[int(agreed)] += 1
            pairs.append((ref, best, more))
    return years, pairs


def month_reason(ref: Ref, firm: Ref, more: list[Ref]) -> str:
    also = sorted({f"{o.article} ({o.text!r}{'' if o.firm else ' under its own date'})" for o in more})
    return (f"{ref.text!r} resolves to {ref.value} under the stated date, but {firm.article} dates the same event "
            f"{firm.value} ({firm.text!r})" + (f", and so does {', '.join(also)}" if also else ""))


def loose_days(refs: list[Ref]) -> list[Ref]:
    """The days named without their year ("on Saturday"), placed by the page's stated date."""
    return [r for r in refs if not r.firm and _DAY_VALUE.match(r.value)]


def day_evidence(mine: list[Ref], others: list[Ref], anchor: date, year: int) -> tuple[date, Ref, Ref] | None:
    """A weekday of this article matched to a dated day of another in `year`: the implied date."""
    best: tuple[int, date, Ref, Ref] | None = None
    for ref in loose_days(mine):
        here = date.fromisoformat(ref.value)
        for o in others:
            if not _DAY_VALUE.match(o.value) or int(o.value[:4]) != year:
                continue
            there = date.fromisoformat(o.value)
            shared = len(ref.words & o.words)
            if there.isoweekday() == here.isoweekday() and same_subject(ref.words, o.words, MIN_SHARED_DAY) and \
                    (best is None or shared > best[0]):
                best = (shared, there + (anchor - here), ref, o)
    return None if best is None else best[1:]


def check(article: Article, mine: list[Ref], others: list[Ref], relative: list[Ref] | None = None,
          known: list[Ref] | None = None, days: Callable[[int], list[Ref]] | None = None,
          opened: Opened | None = None) -> Flag | None:
    """The `date_conflict` flag for one article (and its `published_inferred`), or None.

    Two signals vote for the year the page was published in: months named without a year that
    others date firmly (`month_conflicts`), and relative references to periods others date
    firmly (`relative`, the page's; `known`, the other articles'; see `periods`). `days(year)`
    gives the other articles' references to days of the voted year (default: `others`);
    `opened`: the page's `opened_months`, when worked out already.
    """
    from storyline.extract.time import periods

    anchor = article.published.start
    if anchor is None or article.published.precision != "day":
        return None
    years, pairs = month_conflicts(mine, others, opened)
    counted = periods.period_conflicts(anchor, relative or [], known or [])
    votes = years + periods.published_years(counted)
    for future in [y for y in votes if y > date.today().year]:  # a page is not published in the future
        del votes[future]
    if not votes:
        return None
    year = votes.most_common(1)[0][0]
    reasons = [month_reason(r, o, more) for r, o, more in pairs] + [periods.reason(c) for c in counted]
    spans = [r for r, _, _ in pairs] + [c.ref for c in counted]
    related = {o.article for _, o, more in pairs for o in [o, *more]} | {c.firm.article for c in counted}
    inferred = PartialDate.year(year)
    if found := day_evidence(mine, days(year) if days else others, anchor, year):
        day, ref, other = found
        inferred = PartialDate.day(day)
        reasons.append(f"{ref.text!r} matches {other.article}'s {other.text!r} ({other.value}): published {day}")
        spans.append(ref)
        related.add(other.article)
    article.published_inferred = inferred
    detail = f"stated date {article.published} does not fit the content: " + "; ".join(reasons)
    evidence = [Evidence.of(article.id, article.text, r.start, r.end) for r in spans]
    return Flag(type="date_conflict", detail=detail, score=min(1.0, (len(pairs) + len(counted)) / 2),
                related=sorted(related), evidence=evidence)


_SEVERAL = "several years"  # longer than any `value[:4]`


def _other_year_sharing(refs: list[Ref]) -> Callable[[Ref], bool]:
    """A test of whether one of `refs` of another year than a reference shares
    `MIN_SHARED_CANDIDATE` words with it (`same_subject`): with one word, by the years of the
    references under each of its words (a dict made once for `refs`), not a test of each pair."""
    if MIN_SHARED_CANDIDATE != 1:
        return lambda r: any(n.value[:4] != r.value[:4] and same_subject(r.words, n.words, MIN_SHARED_CANDIDATE)
                             for n in refs)
    years: dict[str, str] = {}  # word -> the year of the references holding it, `_SEVERAL` when they name more
    for n in refs:
        year = n.value[:4]
        for word in n.words:
            if years.setdefault(word, year) != year:
                years[word] = _SEVERAL
    get = years.get

    def test(r: Ref) -> bool:
        year = r.value[:4]
        for word in r.words:
            found = get(word)
            if found is not None and found != year:  # `_SEVERAL` is no year (`value[:4]`)
                return True
        return False

    return test


def older_to_check(index: RefIndex, new: dict[str, dict[str, list[Ref]]], reader: SentenceReader) -> list[str]:
    """Older articles a new reference may now contradict, so that the order in which pages
    arrive does not matter: those naming a month without its year about the same event as a new
    article that names the month in another year (written, or implied by its date), and those
    with a relative reference to a period a new article dates with its year."""
    from storyline.extract.time import periods, similar

    older: set[str] = set()
    by_month: dict[str, list[Ref]] = defaultdict(list)
    for kinds in new.values():
        for r in kinds["ref"]:
            if r.firm or implied_month(r):
                by_month[r.value[5:7]].append(r)
    for month, refs in by_month.items():
        other_year_sharing = _other_year_sharing(refs)
        loose = [r for r in index.loose_sharing(month, *(n.words for n in refs))
                 if r.article not in new and other_year_sharing(r)]
        settled = _settled(reader.conn, sorted({r.article for r in loose}))
        loose = [r for r in loose if r.article not in settled]
        # the new references of another year each stored page could be about the same event as,
        # compared first: the stored sentences' vectors are mostly stored too, where the years the
        # store could agree on (`_winnable_against`) need the index read around every page
        by_word = WordIndex(refs)
        other_year = {filled: [n for n in by_word.sharing(r.words, MIN_SHARED_CANDIDATE) if n.value[:4] != r.value[:4]]
                      for r, filled in zip(loose, reader.fill(loose), strict=True)}
        similar.embed([s for r, ns in other_year.items() for s in (r.sentence, *(n.sentence for n in ns)) if s],
                      reader.conn)  # together, and stored
        with similar.storing(reader.conn):
            same = {r: found for r, ns in other_year.items() if (found := about_the_same(r, ns))}
        own_firm = {(r.article, r.value[5:7]) for kinds in index.of_articles([r.article for r in same]).values()
                    for r in kinds["ref"] if r.firm}  # the page knows which year it means (`open_months`)
        older.update(r.article for r, found in same.items() if (r.article, month) not in own_firm
                     and (years := _winnable_against(index, r)) and any(n.value[:4] in years for n in found))
    known = [k for kinds in new.values() for k in kinds["known"]]
    if known:
        older.update(r.article for r in index.relative_sharing(*(k.words for k in known))
                     if any(same_subject(r.words, k.words, periods.MIN_SHARED_PERIOD) for k in known))
    return sorted(older - set(new))


@dataclass(frozen=True)
class Dating:
    """What `date_conflict` has said of a page, read alike from an `Article` (`of_article`) and a
    stored row (`of_row`, without building the article): for each of its `date_conflict` flags,
    whether it names related articles (the step's do, a per-document flag's do not), and whether
    it has `published_inferred`."""

    related: tuple[bool, ...]
    inferred: bool

    @classmethod
    def of_article(cls, article: Article) -> Dating:
        return cls(tuple(bool(f.related) for f in article.flags if f.type == "date_conflict"),
                   article.published_inferred is not None)

    @classmethod
    def of_row(cls, flags: list[dict[str, Any]] | None, inferred: object) -> Dating:
        return cls(tuple(bool(f.get("related")) for f in flags or [] if f["type"] == "date_conflict"),
                   inferred is not None)

    @property
    def redated_by_its_page(self) -> bool:
        """`published_inferred` from its own per-document flag (`page_conflict`)."""
        return self.inferred and any(not related for related in self.related)

    @property
    def settled(self) -> bool:
        """Flagged by the step, or re-dated by its own flag: its dates were resolved once
        against the inferred date, and it is not checked again (`check`). Either way it has
        `published_inferred`: `check` gives one with every flag."""
        return self.inferred and (any(self.related) or self.redated_by_its_page)


def page_conflict(article: Article) -> Flag | None:
    """The per-document `date_conflict` flag (no related articles) of a page that has
    `published_inferred` from it, if any (`Dating.redated_by_its_page`): the year its weekdays fit
    (`conflict.check_document`), the day its dateline or its own dates give an ambiguous numeric
    date (`publication.publication`, `publication.settle_by_content`), or a dateline's day against
    the stated one. Such a page is re-dated in its batch like one the step flags (`DateConflictStep`).
    A per-document flag without `published_inferred` (a dateline's weekday that fits no day
    near the stated one: `publication.weekday_contradiction`) re-dates nothing."""
    if not Dating.of_article(article).redated_by_its_page:
        return None
    return [f for f in article.flags if f.type == "date_conflict" and not f.related][-1]


def _reindex(conn: Any, index: RefIndex, article: Article, anchor: date) -> dict[str, list[Ref]]:
    """Replace a re-dated page's references in the index by those of its new values, counted
    from `anchor` (the day its dates were resolved against again); returns them."""
    moved = article.model_copy(update={"published": PartialDate.day(anchor)})
    refs = article_refs({article.id: moved}, _timexes(conn, [article.id]))[article.id]
    index.replace(article.id, refs, article.text)
    return refs


def _redate_by_page(conn: Any, index: RefIndex, articles: dict[str, Article],
                    new: dict[str, dict[str, list[Ref]]]) -> int:
    """Re-date the pages of a batch flagged by their own check with `published_inferred`
    (`page_conflict`) as the step re-dates those it flags (`redate`), and put their new
    references in the index and in `new`; returns how many were re-dated."""
    from storyline.extract.time.redate import redate_article

    done = 0
    for aid in list(new):
        own = page_conflict(articles[aid])
        redated = redate_article(conn, articles[aid], own, stored=False) if own is not None else None
        if redated is None or redated.anchor is None:
            continue
        _write_dating(conn, articles[aid])
        new[aid] = _reindex(conn, index, articles[aid], redated.anchor)
        done += 1
    return done


def _settled(conn: Any, ids: list[str]) -> set[str]:
    """Those of these stored articles no new reference can flag (`check`): not dated to the day,
    or flagged already (`Dating.settled`, read from their rows; on SQLite from the index
    `ix_articles_id_dating` alone, without the rows: a row's flags come after its text)."""
    from storyline.store import schema
    from storyline.store.store import articles_by_id

    return {row.id for row in articles_by_id(conn, schema.ARTICLE_DATING_COLUMNS, ids)
            if row.published_start is None or row.published_precision != "day"
            or Dating.of_row(row.flags, row.published_inferred).settled}


def _winnable_against(index: RefIndex, ref: Ref) -> set[str]:
    """The years the stored references could now agree on against a stored page's month without
    a year (`winnable_years`, if `could_conflict`): a new reference of another year cannot
    change its verdict."""
    near = _near(index, ref.article, ref)
    return winnable_years(ref, near) if could_conflict(ref, near) else set()


def _near(index: RefIndex, article_id: str, ref: Ref) -> list[Ref]:
    """Other articles' references to `ref`'s month, firm or without a year, sharing a word with it."""
    month = ref.value[5:7]
    return [o for o in index.firm_sharing(month, ref.words) + index.loose_sharing(month, ref.words)
            if o.article != article_id]


def month_candidates(index: RefIndex, article_id: str, mine: list[Ref]) -> list[Ref]:
    """Other articles' references to the months this one names without a year that could
    contradict it (`could_conflict`): the only ones whose sentences are read and embedded."""
    candidates: list[Ref] = []
    for ref in (r for r in mine if implied_month(r)):
        near = _near(index, article_id, ref)
        years = contradicting_years(ref, near)
        if years:  # every firm reference (one of the page's own year vetoes), and the witnesses
            candidates += [o for o in near if o.firm or o.value[:4] in years]
    return list(dict.fromkeys(candidates))


def first_compared(opened: Iterable[Opened]) -> list[str]:
    """The sentences the checks of a batch's pages compare first (`opened`: each page's
    `opened_months`), to embed them together in batches: each open month's and those of the
    firm references of the years that could be agreed on (`winnable_firm`). The rest
    (`month_verdict`) is embedded only when needed."""
    out: list[str] = []
    for months in opened:
        for ref, _, firm in months:
            if firm:
                out += [r.sentence for r in (ref, *firm) if r.sentence]
    return out


def _check_one(index: RefIndex, article: Article, mine: list[Ref], others: list[Ref],
               relative: list[Ref], reader: SentenceReader, opened: Opened) -> Flag | None:
    """`check` one article against the references of the others that can bear on it."""
    from storyline.extract.time import periods

    known = reader.fill([k for r in relative for k in index.known_sharing(r.words, periods.MIN_SHARED_PERIOD)
                         if k.article != article.id])
    relative = reader.fill(relative) if known else relative
    weekdays = loose_days(mine)

    def days(year: int) -> list[Ref]:
        return [o for o in index.days_sharing(weekdays, year) if o.article != article.id] if weekdays else []

    return check(article, mine, others, relative, known, days, opened)


def _articles(conn: Any, ids: list[str]) -> dict[str, Article]:
    from sqlalchemy import select

    from storyline.store import rows, schema

    a = schema.articles
    out: dict[str, Article] = {}
    for i in range(0, len(ids), 500):
        for row in conn.execute(select(a).where(a.c.id.in_(ids[i:i + 500]))).mappings():
            out[row["id"]] = rows.row_article(row)
    return out


def _timexes(conn: Any, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    from sqlalchemy import select

    from storyline.store import schema

    t = schema.timexes
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in range(0, len(ids), 500):
        query = select(t).where(t.c.article_id.in_(ids[i:i + 500])).order_by(t.c.id)
        for row in conn.execute(query).mappings():
            out[row["article_id"]].append(dict(row))
    return out


def article_refs(articles: dict[str, Article],
                 timexes: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, list[Ref]]]:
    """article id -> kind -> the references the step indexes (see `refindex`)."""
    from storyline.extract.time import periods

    return {aid: {"ref": refs_of(a, timexes.get(aid, [])),
                  "rel": periods.relative_refs(a, timexes.get(aid, [])),
                  "known": periods.known_periods(a, timexes.get(aid, []))} for aid, a in articles.items()}


INDEXED = "time_refs_indexed"  # meta key: the articles stored before the index existed are in it


def _index_older_articles(conn: Any, index: RefIndex) -> None:
    """Once per store: put the articles the step saw before `time_refs` existed into it."""
    from sqlalchemy import select

    from storyline.store import schema
    from storyline.store.migrations import meta_value, set_meta

    a = schema.articles
    if meta_value(conn, INDEXED) is not None:
        return
    ids = list(conn.execute(select(a.c.id).where(a.c.resolved == 1).order_by(a.c.id)).scalars())
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        older = _articles(conn, chunk)
        index.add(article_refs(older, _timexes(conn, chunk)), texts={aid: a.text for aid, a in older.items()})
    set_meta(conn, INDEXED, "1")


def _write_dating(conn: Any, article: Article) -> None:
    from sqlalchemy import update

    from storyline.store import schema

    a = schema.articles
    inferred = article.published_inferred
    conn.execute(update(a).where(a.c.id == article.id).values(
        flags=[f.model_dump(mode="json") for f in article.flags],
        published_inferred=inferred.model_dump(mode="json") if inferred else None))


class DateConflictStep:
    """Corpus step: flag articles whose stated date contradicts firmly dated references elsewhere."""

    name = "date_conflict"
    version = "8"
    # The articles of a batch checked together. What one check holds at once (their sentences, the
    # stored pages they may contradict and those pages' sentences, the vectors compared) grows with
    # it: a batch of 500 held some 250 MB (bench/README, the long run past 140,000). The whole
    # batch's references are indexed first, so each part is checked against what the whole batch
    # would be, and a stored page is checked once, by the first part that may contradict it.
    checked_together = 100

    def run(self, store: Any, article_ids: list[str]) -> dict[str, int]:
        from storyline.extract.time.refindex import RefIndex, fill_older_sentences, key_older_refs
        from storyline.flag.confidence import rescore

        flagged = 0
        stored_flagged: list[str] = []  # pages of earlier batches found misdated
        with store.transaction() as conn:
            index = RefIndex(conn)
            key_older_refs(conn)
            _index_older_articles(conn, index)
            fill_older_sentences(conn)
            articles = _articles(conn, article_ids)
            new = article_refs(articles, _timexes(conn, article_ids))
            index.add(new, texts={aid: a.text for aid, a in articles.items()})
            # pages flagged by their own check first: what the batch is checked against is then
            # the same as when they were stored earlier
            page_redated = _redate_by_page(conn, index, articles, new)
            checked = set(article_ids)  # the batch's own pages, and the stored ones checked by a part
            for i in range(0, len(article_ids), self.checked_together):
                part = [aid for aid in article_ids[i:i + self.checked_together] if aid in articles]
                flagged += _check_part(conn, RefIndex(conn), {aid: articles[aid] for aid in part},  # its own
                                       {aid: new[aid] for aid in part}, checked, stored_flagged)  # index: let go
            # a stored page found misdated: its quotes, claims and events now rest on a flagged source
            rescore(store, conn, stored_flagged)
        return {"date_conflicts": flagged, "date_conflicts_redated_by_page": page_redated}


def _check_part(conn: Any, index: RefIndex, articles: dict[str, Article], new: dict[str, dict[str, list[Ref]]],
                checked: set[str], stored_flagged: list[str]) -> int:
    """Check these new articles (their references indexed) and the stored pages their references
    may now contradict that are not in `checked` (added to it); stored pages found misdated are
    added to `stored_flagged`. Returns how many pages were flagged."""
    from storyline.extract.time import similar
    from storyline.extract.time.redate import redate_article

    flagged = 0
    reader = SentenceReader(conn, articles)
    older = [aid for aid in older_to_check(index, new, reader) if aid not in checked]
    checked.update(older)
    refs = {**index.of_articles(older), **new}
    articles = {**articles, **_articles(conn, older)}
    reader.hold(articles)
    todo = [articles[aid] for aid in [*new, *older]
            if aid in articles and not Dating.of_article(articles[aid]).settled]
    mine = {a.id: reader.fill(refs[a.id]["ref"]) for a in todo}
    candidates = {a.id: month_candidates(index, a.id, mine[a.id]) for a in todo}
    reader.fill(list(dict.fromkeys(r for refs in candidates.values() for r in refs)))  # each text read once
    others = {aid: reader.fill(refs) for aid, refs in candidates.items()}
    # each page's open months worked out once, for what is embedded ahead and for its check
    opened = {a.id: opened_months(mine[a.id], others[a.id]) if others[a.id] else [] for a in todo}
    similar.embed(first_compared(opened.values()), conn)  # ahead, in batches
    redated: dict[str, date] = {}  # article id -> the day its dates were resolved again against
    with similar.storing(conn):
        for article in todo:
            aid = article.id
            flag = _check_one(index, article, mine[aid], others[aid], refs[aid]["rel"], reader, opened[aid])
            if flag is not None:
                article.flags.append(flag)
                stored = aid in older
                done = redate_article(conn, article, flag, stored=stored)  # its own dates follow
                _write_dating(conn, article)
                flagged += 1
                log.info("%s: %s", aid, flag.detail)
                if stored:
                    stored_flagged.append(aid)
                if done is not None and done.anchor is not None:
                    redated[aid] = done.anchor
    # the re-dated pages' references in the index carry their new values for the next batches
    for aid, anchor in redated.items():
        _reindex(conn, index, articles[aid], anchor)
    return flagged
