"""The storyline data model, declared once.

Every record the pipeline produces is one of these classes. The store, the exporters, the CLI
and (later) the REST API all read and write them; the export JSON shapes are generated from
them (`to_export`), and `storyline schema` prints their JSON Schema.

Offsets (`start`, `end`) always index an article's *clean* text.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from typing import Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field

Precision = Literal["day", "week", "month", "year", "range", "unknown"]
MentionType = str  # spaCy labels: PERSON, ORG, GPE, LOC, NORP, ...
FlagType = Literal[
    "near_duplicate",
    "spun",
    "machine_translated",
    "date_conflict",
    "digest",
    "boilerplate_removed",
    "duplicate",
]
QuadCode = Literal[1, 2, 3, 4]


class Record(BaseModel):
    """Base of every model record: immutable-by-convention, strict about unknown fields."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


# --------------------------------------------------------------------------- partial dates

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


class PartialDate(Record):
    """A date known to a day, week, month, year or range: an interval plus its precision.

    `PartialDate.parse("2021-08")` is August 2021 (2021-08-01 .. 2021-08-31, precision month).
    `unknown` has neither bound.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: date | None = None
    end: date | None = None
    precision: Precision = "unknown"

    @classmethod
    def unknown(cls) -> PartialDate:
        return cls()

    @classmethod
    def day(cls, d: date) -> PartialDate:
        return cls(start=d, end=d, precision="day")

    @classmethod
    def month(cls, year: int, month: int) -> PartialDate:
        last = calendar.monthrange(year, month)[1]
        return cls(start=date(year, month, 1), end=date(year, month, last), precision="month")

    @classmethod
    def year(cls, year: int) -> PartialDate:
        return cls(start=date(year, 1, 1), end=date(year, 12, 31), precision="year")

    @classmethod
    def week(cls, year: int, week: int) -> PartialDate:
        monday = date.fromisocalendar(year, week, 1)
        return cls(start=monday, end=monday + timedelta(days=6), precision="week")

    @classmethod
    def between(cls, start: date, end: date) -> PartialDate:
        if end < start:
            start, end = end, start
        return cls(start=start, end=end, precision="day" if start == end else "range")

    @classmethod
    def parse(cls, value: str | None) -> PartialDate:
        """Read `2021`, `2021-08`, `2021-W41`, `2021-08-27`, an ISO datetime, or `A/B` ranges.

        Anything unreadable (including impossible dates such as `2021-02-30`) is `unknown`.
        """
        if not value:
            return cls.unknown()
        text = str(value).strip()
        try:
            if "/" in text:
                left, right = text.split("/", 1)
                a, b = cls.parse(left), cls.parse(right)
                if a.start is None or b.end is None:
                    return cls.unknown()
                return cls.between(a.start, b.end)
            if m := _YEAR.match(text):
                return cls.year(int(m.group(1)))
            if m := _MONTH.match(text):
                return cls.month(int(m.group(1)), int(m.group(2)))
            if m := _WEEK.match(text):
                return cls.week(int(m.group(1)), int(m.group(2)))
            if m := _DAY.match(text):
                return cls.day(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
        except ValueError:
            return cls.unknown()
        return cls.unknown()

    def iso(self) -> str | None:
        """The TIMEX-style value: `2021`, `2021-08`, `2021-W41`, `2021-08-27` or `A/B`."""
        if self.start is None or self.end is None:
            return None
        if self.precision == "day":
            return self.start.isoformat()
        if self.precision == "month":
            return self.start.strftime("%Y-%m")
        if self.precision == "year":
            return str(self.start.year)
        if self.precision == "week":
            y, w, _ = self.start.isocalendar()
            return f"{y}-W{w:02d}"
        return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def export_fields(self, prefix: str = "") -> dict[str, Any]:
        """The export triple: `date`, `enddate`, `date_precision` (optionally prefixed)."""
        return {
            f"{prefix}date": self.start.isoformat() if self.start else None,
            f"{prefix}enddate": self.end.isoformat() if self.end else None,
            f"{prefix}date_precision": self.precision,
        }

    def __str__(self) -> str:
        return self.iso() or "unknown"


# --------------------------------------------------------------------------- evidence, flags


class Evidence(Record):
    """Where a reader can see a fact: an article and a character span of its clean text."""

    article: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @classmethod
    def of(cls, article_id: str, text: str, start: int, end: int) -> Evidence:
        return cls(article=article_id, start=start, end=end, text=text[start:end])


class Flag(Record):
    """A source-quality finding about an article, with its reason and evidence."""

    type: FlagType
    detail: str = ""
    score: float | None = None
    related: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)


_Date: TypeAlias = date  # for a field named `date`


class WeekdayMismatch(Record):
    """A weekday written beside a date that is not that date's weekday ("on Monday, March 4" in a
    page of 2025, March 4, 2025 being a Tuesday), found by the per-document check whether or not
    it flags the page (`extract/time/conflict.py`). Weekdays paired in order with a list of dates
    ("Sunday and Monday, 30 June and 1 July") are no mismatch."""

    weekday: str  # as written
    date: _Date  # the written date (resolved against the stated publication date when it has no year)
    date_weekday: str  # that date's weekday ("Tuesday")
    fits: _Date | None = None  # the nearest date with the same month and day on the written weekday
    evidence: Evidence  # the weekday and its date


class Removal(Record):
    """A piece of raw text that cleaning removed, and why (kept so nothing is silently lost)."""

    reason: str
    text: str
    raw_start: int
    raw_end: int


# --------------------------------------------------------------------------- documents


class Document(Record):
    """One input document as ingested: raw text plus what the source said about it.

    `id` is stable (given id or file name); `content_hash` detects exact duplicates.
    """

    id: str
    text: str
    source: str = ""
    line: int | None = None
    format: str = "text"
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    language: str | None = None
    content_hash: str = ""
    extra: dict[str, Any] = Field(default_factory=dict)


class Article(Record):
    """One story: clean text and metadata. A digest page yields several (`<doc>#<n>`)."""

    id: str
    document: str
    text: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: PartialDate = Field(default_factory=PartialDate.unknown)
    published_raw: str | None = None
    published_inferred: PartialDate | None = None
    dateline: str | None = None
    flags: list[Flag] = Field(default_factory=list)
    removed: list[Removal] = Field(default_factory=list)
    weekday_mismatches: list[WeekdayMismatch] = Field(default_factory=list)


class Sentence(Record):
    start: int
    end: int


class MentionRole(Record):
    """A title the text gives a mentioned person ("State Department spokesperson Ned Price"):
    the title, the organisation as written, and the span of the phrase that says so."""

    title: str
    org: str | None = None
    start: int
    end: int


class Mention(Record):
    """A span of an article that names an actor, place or thing (spaCy NER, later corrected).

    `canonical` is the fuller name the article itself gives it (the long form of an acronym,
    the full name of a short form, the country a metonym or demonym stands for); `role` a
    title the article gives the person."""

    article: str
    start: int
    end: int
    text: str
    type: MentionType
    sentence: int | None = None
    entity: str | None = None
    canonical: str | None = None
    role: MentionRole | None = None


class NounChunk(Record):
    start: int
    end: int
    root: str


# --------------------------------------------------------------------------- corpus records


class Role(Record):
    title: str
    org: str | None = None
    start: PartialDate = Field(default_factory=PartialDate.unknown)
    end: PartialDate = Field(default_factory=PartialDate.unknown)
    evidence: list[Evidence] = Field(default_factory=list)


class Entity(Record):
    """One real actor, place or thing across the corpus, with every surface form seen."""

    id: str
    name: str
    type: MentionType
    aliases: list[str] = Field(default_factory=list)
    country: str | None = None
    roles: list[Role] = Field(default_factory=list)
    wikidata: str | None = None
    mentions: int = 0
    sector: str | None = None  # PLOVER/CAMEO sector code (GOV, MIL, REB, IGO, NGO...) where known


class Party(Record):
    """An actor or recipient of an event, or a speaker, as written and as resolved."""

    entity_text: str
    identifier_id: str | None = None
    identifier_text: str | None = None
    code: str | None = None
    office: str | None = None


class Location(Record):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


class Event(Record):
    """One real-world event (PLOVER-coded), however many articles report it."""

    id: str
    event: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    quad_code: QuadCode | None = None
    actor: list[Party] = Field(default_factory=list)
    recipient: list[Party] = Field(default_factory=list)
    when: PartialDate = Field(default_factory=PartialDate.unknown)
    event_loc: Location | None = None
    event_text: str = ""
    articles: list[str] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = 0.0
    link: list[str] = Field(default_factory=list)
    # where `when` comes from: a time expression of the text, or only the publication date
    date_source: Literal["text", "published", "unknown"] = "unknown"
    # how many reporting articles are independent of each other: an article flagged as a copy
    # or a spun rewrite of another reporting article counts with it, once
    independent_sources: int | None = None


class Quote(Record):
    id: str
    article: str
    speaker: Party | None  # None: the text names no source ("is expected to", "seems to")
    text: str
    direct: bool
    cue: str | None = None
    said_on: PartialDate = Field(default_factory=PartialDate.unknown)
    # `said_on` as resolved against the stated publication date, when a `date_conflict` found the
    # page misdated and its dates were resolved again against the inferred one (else None)
    said_on_stated: PartialDate | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    # where the speaker is named: the mention (or, for "he said", the antecedent) that the
    # corpus stage looks up to fill speaker.identifier_id
    speaker_mention: Evidence | None = None
    cue_evidence: Evidence | None = None  # where the cue word is
    # lowered by the source_confidence corpus step when the quote rests only on flagged articles
    confidence: float = 1.0


class Claim(Record):
    id: str
    article: str
    value: str
    number: float | None = None
    unit: str | None = None
    about: str | None = None
    attributed_to: Party | None = None
    as_of: PartialDate = Field(default_factory=PartialDate.unknown)
    as_of_stated: PartialDate | None = None  # as `Quote.said_on_stated`
    evidence: list[Evidence] = Field(default_factory=list)
    # where the source is named (see Quote.speaker_mention)
    attributed_mention: Evidence | None = None
    qualifier: str | None = None  # "more than", "about", ... as written before the number
    place: str | None = None  # where the quantity is ("Afghanistan", "the country"), when the clause says
    # lowered by the source_confidence corpus step when the claim rests only on flagged articles
    confidence: float = 1.0


class Timex(Record):
    article: str
    start: int
    end: int
    text: str
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None = None


class ProcessedArticle(Record):
    """Everything the per-document stage found in one article: the unit the store writes."""

    article: Article
    sentences: list[Sentence] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    noun_chunks: list[NounChunk] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    words: int = 0


class IngestProblem(Record):
    """A document or line that could not be read, with where and why. Never fatal to a batch."""

    source: str
    line: int | None = None
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"[{self.code}] {where}: {self.message}"
