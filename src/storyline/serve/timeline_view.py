"""The timeline page's picture: events placed on a date axis, honest about partial dates.

Pure layout, no markup: `layout()` turns events and a date window into rows (one per PLOVER
type), marks and axis ticks in SVG user units, and the template draws them.

- A day-precise event is a dot on its day.
- An event known only to a week, month, year or range is a bar over the whole interval, drawn
  differently per precision (CSS class `prec-<precision>`) and labelled with it ("2021-08,
  month"), so a month is never passed off as its first day.
- An event dated only by its article's publication day (no time expression in its sentence) is
  drawn hollow and says so.
- Events of one type with the very same date (and precision) are one mark counting them ("×12").
- Events without a date are not on the axis: `Layout.undated` lists them for a table beside it.
- A window holding more events than a page can draw one by one is drawn as counts per slice of
  the window and type (`counts()`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from storyline.model import Event
from storyline.serve.queries import PLOVER_TYPES

PLOVER_ORDER = PLOVER_TYPES  # rows in the manual's order: cooperation first, conflict last
PRECISION_WORD = {"day": "day", "week": "week", "month": "month", "year": "year", "range": "date range",
                  "unknown": "no date"}

WIDTH = 1100  # SVG user units; the picture scales to the page width
LEFT = 110  # room for the row labels
RIGHT = 16
AXIS = 28  # height of the axis band at the top
LANE = 14  # height of one lane of marks
ROW_PAD = 8
POINT_ROOM = 9  # width a dot occupies when lanes are packed
MIN_DAYS = 7  # the narrowest window one can zoom to
MAX_LANES = 12  # lanes of one row; further marks overlap on the last
BINS = 120  # slices of a window drawn as counts
COUNT_ROW = 34  # height of a row drawn as counts


@dataclass(frozen=True)
class Window:
    """An inclusive date window."""

    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def x(self, d: date) -> float:
        """SVG x of the start of day `d`."""
        plot = WIDTH - LEFT - RIGHT
        return LEFT + plot * (d - self.start).days / self.days

    def around(self, center: date, days: int) -> Window:
        days = max(days, MIN_DAYS)
        start = center - timedelta(days=days // 2)
        return Window(start, start + timedelta(days=days - 1))

    @property
    def center(self) -> date:
        return self.start + timedelta(days=self.days // 2)

    def zoomed(self, factor: float) -> Window:
        return self.around(self.center, round(self.days / factor))

    def shifted(self, fraction: float) -> Window:
        step = timedelta(days=round(self.days * fraction))
        return Window(self.start + step, self.end + step)


@dataclass
class Mark:
    """One event, or several of one type with the very same date (`events`), drawn once."""

    event: Event
    x: float
    width: float  # 0 for a dot
    y: float = 0.0
    lane: int = 0
    events: list[Event] = field(default_factory=list)

    @property
    def many(self) -> int:
        """How many events the mark stands for when more than one, else 0."""
        return len(self.events) if len(self.events) > 1 else 0

    @property
    def label_inside(self) -> bool:
        """The "×N" count goes inside a long bar, after a dot or a short bar."""
        return self.width > 40

    @property
    def label_x(self) -> float:
        return self.x + 4 if self.label_inside else self.x + self.width + 6

    @property
    def right(self) -> float:
        """Where the mark, with its count label, ends."""
        end = self.x + max(self.width, POINT_ROOM / 2)
        if self.many and not self.label_inside:
            end = self.label_x + 6 * (len(str(self.many)) + 1)
        return end

    @property
    def point(self) -> bool:
        return self.width == 0

    @property
    def css(self) -> str:
        quad = self.event.quad_code or 0
        source = " by-published" if self.event.date_source == "published" else ""
        return f"mark quad-{quad} prec-{self.event.when.precision}{source}"


@dataclass
class Bar:
    """How many events of a type a slice of the window holds (a crowded window's picture)."""

    x: float
    y: float
    width: float
    height: float
    events: int
    period: Window


@dataclass
class Row:
    kind: str
    y: float
    height: float
    marks: list[Mark] = field(default_factory=list)
    crowded: int = 0  # marks drawn over others for want of lanes
    bars: list[Bar] = field(default_factory=list)
    count: int = 0  # events in the row when drawn as counts


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Layout:
    window: Window
    rows: list[Row]
    ticks: list[Tick]
    height: float
    undated: list[Event]
    outside: int  # dated events outside the window
    counted: bool = False  # drawn as counts per slice, not event by event

    @property
    def width(self) -> int:
        return WIDTH

    @property
    def plot_left(self) -> int:
        return LEFT

    @property
    def plot_width(self) -> int:
        return WIDTH - LEFT - RIGHT


def date_label(event: Event) -> str:
    """`2021-08-27`, `2021-08 (month)`, `2021 (year)`, `2021-10-09/2021-10-10 (date range)`."""
    when = event.when
    if when.start is None:
        return "no date"
    label = when.iso() or "no date"
    if when.precision != "day":
        label += f" ({PRECISION_WORD[when.precision]})"
    if event.date_source == "published":
        label += ", dated by its article's publication day"
    return label


Dated = list[tuple[date, date, str]]  # (start, end, event type) of every matching dated event


def _padded(start: date, end: date) -> Window:
    pad = timedelta(days=max(1, ((end - start).days + 1) // 40))
    window = Window(start - pad, end + pad)
    return window if window.days >= MIN_DAYS else window.around(window.center, MIN_DAYS)


def default_window(dated: Dated) -> Window:
    """The window holding the bulk of the dated events (all but the earliest and latest 3%,
    which are often a history paragraph's years), with a little room either side; a week
    around today when nothing is dated. Events left outside are counted on the page."""
    if not dated:
        today = date.today()
        return Window(today - timedelta(days=3), today + timedelta(days=3))
    ordered = sorted(dated)
    trim = len(ordered) * 3 // 100
    core = ordered[trim:len(ordered) - trim] or ordered
    return _padded(min(d[0] for d in core), max(d[1] for d in core))


def full_window(dated: Dated) -> Window:
    """Every dated event, with a little room either side."""
    if not dated:
        return default_window([])
    return _padded(min(d[0] for d in dated), max(d[1] for d in dated))


def in_window(dated: Dated, window: Window) -> Dated:
    return [d for d in dated if d[1] >= window.start and d[0] <= window.end]


def _pack(marks: list[Mark]) -> tuple[int, int]:
    """Give every mark the first lane where it overlaps nothing, at most `MAX_LANES` lanes (a
    mark finding none goes on the last lane, over the others); return the lanes used and the
    number of marks that had to overlap."""
    lane_ends: list[float] = []
    crowded = 0
    for m in sorted(marks, key=lambda m: (m.x, -m.width)):
        left, right = m.x - POINT_ROOM / 2, m.right
        free = next((i for i, end in enumerate(lane_ends) if left >= end), None)
        if free is None and len(lane_ends) < MAX_LANES:
            free = len(lane_ends)
            lane_ends.append(right)
        if free is None:
            m.lane, crowded = MAX_LANES - 1, crowded + 1
            lane_ends[-1] = max(lane_ends[-1], right)
        else:
            m.lane, lane_ends[free] = free, right
    return max(1, len(lane_ends)), crowded


def _mark(event: Event, window: Window) -> Mark | None:
    when = event.when
    if when.start is None or when.end is None or when.end < window.start or when.start > window.end:
        return None
    if when.precision == "day":
        return Mark(event, window.x(when.start) + (window.x(when.start + timedelta(days=1)) - window.x(when.start)) / 2,
                    0.0)
    left = window.x(max(when.start, window.start))
    right = window.x(min(when.end, window.end) + timedelta(days=1))
    return Mark(event, left, max(right - left, 2.0))


def kind_order(kind: str) -> tuple[int, str]:
    return (PLOVER_ORDER.index(kind) if kind in PLOVER_ORDER else 99, kind)


def layout(events: list[Event], window: Window, dated: Dated | None = None,
           undated: list[Event] | None = None) -> Layout:
    """Place `events` in `window`, one row per event type. `dated` (every matching dated event)
    counts those outside the window; `undated` is listed beside the picture."""
    same_date: dict[tuple[Any, ...], list[Event]] = {}
    for event in events:
        key = (event.event, event.when.start, event.when.end, event.when.precision, event.date_source)
        same_date.setdefault(key, []).append(event)
    by_kind: dict[str, list[Mark]] = {}
    for group in same_date.values():
        mark = _mark(group[0], window)
        if mark is not None:
            mark.events = group
            by_kind.setdefault(group[0].event, []).append(mark)
    rows, y = [], float(AXIS)
    for kind in sorted(by_kind, key=kind_order):
        marks = by_kind[kind]
        lanes, crowded = _pack(marks)
        height = lanes * LANE + ROW_PAD
        for m in marks:
            m.y = y + ROW_PAD / 2 + m.lane * LANE + LANE / 2
        rows.append(Row(kind, y, height, marks, crowded=crowded))
        y += height
    outside = len(dated or []) - len(in_window(dated or [], window))
    return Layout(window, rows, ticks(window), max(y, AXIS + LANE) + 4, undated or [], outside)


def counts(dated: Dated, window: Window, undated: list[Event] | None = None) -> Layout:
    """A window too crowded to draw event by event, drawn as counts: per event type, a bar per
    slice of the window (`BINS` of them) as high as the square root of the events that start
    (or, begun earlier, overlap the window's start) in it, relative to the busiest slice."""
    inside = in_window(dated, window)
    per_kind: dict[str, list[int]] = {}
    for start, _end, kind in inside:
        column = min(BINS - 1, max(0, (max(start, window.start) - window.start).days * BINS // window.days))
        per_kind.setdefault(kind, [0] * BINS)[column] += 1
    busiest = max((n for row in per_kind.values() for n in row), default=1)
    plot = WIDTH - LEFT - RIGHT
    rows, y = [], float(AXIS)
    for kind in sorted(per_kind, key=kind_order):
        height = COUNT_ROW
        bars = []
        for column, n in enumerate(per_kind[kind]):
            if not n:
                continue
            first = window.start + timedelta(days=column * window.days // BINS)
            last = window.start + timedelta(days=(column + 1) * window.days // BINS - 1)
            tall = max(2.0, (height - ROW_PAD) * math.sqrt(n / busiest))
            bars.append(Bar(LEFT + plot * column / BINS, y + height - ROW_PAD / 2 - tall, plot / BINS - 1, tall,
                            n, Window(first, max(first, last))))
        rows.append(Row(kind, y, height, bars=bars, count=sum(per_kind[kind])))
        y += height
    return Layout(window, rows, ticks(window), max(y, AXIS + LANE) + 4, undated or [],
                  len(dated) - len(inside), counted=True)


def _month_add(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def ticks(window: Window, most: int = 12) -> list[Tick]:
    """Axis ticks at round dates (years, months, weeks or days), at most about `most`."""
    days = window.days
    out: list[Tick] = []
    if days > 366 * 2:
        step = next(s for s in (1, 2, 5, 10, 20, 50, 100) if days / 365.25 / s <= most)
        year = window.start.year + (-window.start.year % step)
        while date(year, 1, 1) <= window.end:
            if date(year, 1, 1) >= window.start:
                out.append(Tick(window.x(date(year, 1, 1)), str(year)))
            year += step
    elif days > 60:
        step = next(s for s in (1, 2, 3, 6) if days / 30.4 / s <= most)
        d = _month_add(date(window.start.year, window.start.month, 1), 0)
        while d <= window.end:
            if d >= window.start and (d.month - 1) % step == 0:
                out.append(Tick(window.x(d), d.strftime("%Y-%m") if d.month == 1 or not out else d.strftime("%b")))
            d = _month_add(d, 1)
    else:
        step = next(s for s in (1, 2, 7, 14) if days / s <= most)
        d = window.start
        if step >= 7:
            d += timedelta(days=-d.weekday() % 7)  # Mondays
        while d <= window.end:
            out.append(Tick(window.x(d), d.isoformat() if not out else d.strftime("%d %b")))
            d += timedelta(days=step)
    return out
