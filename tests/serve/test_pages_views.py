"""The pure layout code behind the pages: text segments, timeline placement, network layout."""

from __future__ import annotations

from datetime import date

from storyline.model import Event, PartialDate
from storyline.serve.network_view import picture
from storyline.serve.textview import Span, in_context, paragraph_bounds, paragraphs
from storyline.serve.timeline_view import MAX_LANES, Window, counts, date_label, default_window, layout, ticks

TEXT = "Taliban officials met in Doha.\n\nThe talks, said Mujahid, went well.\nMore later."


def test_paragraphs_follow_line_breaks() -> None:
    bounds = paragraph_bounds(TEXT)
    assert [TEXT[s:e] for s, e in bounds] == ["Taliban officials met in Doha.", "The talks, said Mujahid, went well.",
                                              "More later."]


def test_overlapping_spans_cut_the_text_and_keep_every_class() -> None:
    quote = TEXT.index("The talks")
    name = TEXT.index("Mujahid")
    spans = [Span(quote, TEXT.index("More") - 1, "quote", anchor="q1"), Span(name, name + 7, "mention")]
    second = paragraphs(TEXT, spans)[1]
    assert "".join(s.text for s in second.segments) == "The talks, said Mujahid, went well."
    by_text = {s.text: s for s in second.segments}
    assert by_text["Mujahid"].kinds == ["mention", "quote"]
    assert by_text["The talks, said "].anchor == "q1"
    assert by_text[", went well."].anchor is None


def test_evidence_in_context_is_its_paragraph_with_the_span_marked() -> None:
    start = TEXT.index("said Mujahid")
    p = in_context(TEXT, start, start + len("said Mujahid"))
    assert "".join(s.text for s in p.segments) == "The talks, said Mujahid, went well."
    assert [s.text for s in p.segments if s.marked] == ["said Mujahid"]


def _event(event_id: str, when: PartialDate, kind: str = "CONSULT", source: str = "text") -> Event:
    return Event(id=event_id, event=kind, quad_code=1, when=when, event_text=f"sentence of {event_id}",
                 date_source=source)  # type: ignore[arg-type]


def test_a_month_is_drawn_over_the_whole_month_and_a_day_as_a_dot() -> None:
    window = Window(date(2021, 7, 1), date(2021, 10, 31))
    month = _event("m", PartialDate.month(2021, 8))
    day = _event("d", PartialDate.day(date(2021, 8, 15)))
    pic = layout([month, day], window)
    marks = {m.event.id: m for row in pic.rows for m in row.marks}
    assert marks["d"].point and not marks["m"].point
    assert marks["m"].x == window.x(date(2021, 8, 1))
    assert marks["m"].x + marks["m"].width == window.x(date(2021, 9, 1))
    assert "prec-month" in marks["m"].css and "prec-day" in marks["d"].css
    assert window.x(date(2021, 8, 15)) < marks["d"].x < window.x(date(2021, 8, 16))
    assert marks["m"].lane != marks["d"].lane  # the dot inside the month bar gets its own lane


def test_labels_say_how_much_of_the_date_is_known() -> None:
    assert date_label(_event("y", PartialDate.year(2021))) == "2021 (year)"
    assert date_label(_event("m", PartialDate.month(2021, 8))) == "2021-08 (month)"
    assert date_label(_event("d", PartialDate.day(date(2021, 8, 27)))) == "2021-08-27"
    published = _event("p", PartialDate.day(date(2021, 8, 27)), source="published")
    assert "publication day" in date_label(published)
    assert "by-published" in layout([published], Window(date(2021, 8, 1), date(2021, 9, 1))).rows[0].marks[0].css
    assert date_label(_event("u", PartialDate.unknown())) == "no date"


def test_events_outside_the_window_are_counted_and_undated_ones_kept_apart() -> None:
    inside = _event("in", PartialDate.day(date(2021, 8, 27)))
    undated = _event("u", PartialDate.unknown())
    dated = [(date(2021, 8, 27), date(2021, 8, 27), "CONSULT"), (date(1996, 1, 1), date(2001, 12, 31), "CONSULT")]
    pic = layout([inside], Window(date(2021, 8, 1), date(2021, 9, 30)), dated, [undated])
    assert pic.outside == 1
    assert [e.id for e in pic.undated] == ["u"]


def test_the_default_window_leaves_out_a_few_far_outliers() -> None:
    dated = [(date(2021, 8, d), date(2021, 8, d), "AID") for d in range(1, 31)] * 2 + [
        (date(1996, 1, 1), date(2001, 12, 31), "AID")]
    window = default_window(dated)
    assert window.start.year == 2021 and window.start <= date(2021, 8, 1) and window.end >= date(2021, 8, 30)


def test_ticks_fall_on_round_dates_for_every_zoom() -> None:
    assert [t.label for t in ticks(Window(date(2011, 1, 1), date(2024, 12, 31)))][:3] == ["2012", "2014", "2016"]
    months = ticks(Window(date(2021, 6, 1), date(2021, 12, 31)))
    assert months[0].label == "2021-06" and [t.label for t in months[1:3]] == ["Jul", "Aug"]
    days = ticks(Window(date(2021, 8, 20), date(2021, 9, 2)))
    assert days[0].label == "2021-08-20" and len(days) <= 14
    assert Window(date(2021, 8, 1), date(2021, 8, 31)).zoomed(2).days == 16


def test_network_picture_keeps_the_busiest_nodes_and_colours_edges_by_score() -> None:
    graph = {"events": 5, "nodes": [
        {"id": "E1", "label": "Taliban", "code": "AFG", "events": 4},
        {"id": "E2", "label": "United States", "code": "USA", "events": 3},
        {"id": "E3", "label": "Pakistan", "code": "PAK", "events": 1},
        {"id": "name:someone", "label": "someone", "code": None, "events": 1},
    ], "edges": [
        {"source": "E2", "target": "E1", "events": 3, "score": 3.0, "types": ["CONSULT"]},
        {"source": "E1", "target": "E3", "events": 1, "score": -2.0, "types": ["ASSAULT"]},
        {"source": "E1", "target": "name:someone", "events": 1, "score": 0.0, "types": ["ACCUSE", "AID"]},
    ]}
    pic = picture(graph, limit=3)
    assert {n.key for n in pic.nodes} == {"E1", "E2", "E3"} and pic.dropped == 1
    tones = {(e.source.key, e.target.key): e.tone for e in pic.edges}
    assert tones == {("E2", "E1"): "cooperation", ("E1", "E3"): "conflict"}
    assert max(pic.edges, key=lambda e: e.events).width > min(pic.edges, key=lambda e: e.events).width
    for n in pic.nodes:
        assert 0 <= n.x <= pic.width and 0 <= n.y <= pic.height
    again = picture(graph, limit=3)
    assert [(n.x, n.y) for n in again.nodes] == [(n.x, n.y) for n in pic.nodes]  # seeded: the same picture
    assert picture(graph, limit=4).nodes[-1].entity_id is None  # a party without an entity links nowhere


def test_an_evidence_context_is_cut_to_its_paragraph() -> None:
    from storyline.serve.page_data import paragraph_of

    text = "Headline here\n\nFirst sentence. The evidence sentence. Last one.\nNext paragraph."
    lo = text.index("The evidence")
    hi = lo + len("The evidence sentence.")
    context = {"context": text, "context_start": 0, "context_end": len(text),
               "highlight_start": lo, "highlight_end": hi}
    p = paragraph_of(context)
    assert "".join(s.text for s in p.segments) == "First sentence. The evidence sentence. Last one."
    assert [s.text for s in p.segments if s.marked] == ["The evidence sentence."]
    inner = {"context": text[lo - 16:hi], "context_start": lo - 16, "context_end": hi,
             "highlight_start": 16, "highlight_end": 16 + hi - lo}
    assert paragraph_of(inner).segments[0].text.startswith("…")  # cut inside a paragraph: says so


def test_events_with_the_very_same_date_are_one_mark_that_counts_them() -> None:
    window = Window(date(2016, 1, 1), date(2016, 6, 30))
    year = [_event(f"y{i}", PartialDate.year(2016)) for i in range(10)]
    days = [_event(f"d{i}", PartialDate.day(date(2016, 3, 1))) for i in range(3)]
    other = _event("p", PartialDate.day(date(2016, 3, 1)), source="published")  # dated differently: apart
    pic = layout(year + days + [other], window)
    marks = pic.rows[0].marks
    assert sorted(m.many for m in marks) == [0, 3, 10]
    bar = next(m for m in marks if m.many == 10)
    assert bar.x == window.x(date(2016, 1, 1)) and bar.label_inside  # clipped to the window, still a year


def test_a_row_has_at_most_max_lanes_and_says_how_many_marks_overlap() -> None:
    spans = [_event(f"r{i}", PartialDate.between(date(2016, 1, 1), date(2016, 1, 2 + i))) for i in range(MAX_LANES + 5)]
    row = layout(spans, Window(date(2016, 1, 1), date(2016, 2, 29))).rows[0]
    assert max(m.lane for m in row.marks) == MAX_LANES - 1 and row.crowded == 5


def test_a_crowded_window_is_drawn_as_counts_per_slice_and_type() -> None:
    window = Window(date(2016, 1, 1), date(2016, 12, 31))
    dated = [(date(2016, 1, 1 + i % 28), date(2016, 1, 1 + i % 28), "CONSULT") for i in range(50)]
    dated += [(date(2016, 7, 1), date(2016, 7, 1), "ASSAULT"), (date(2015, 7, 1), date(2015, 7, 1), "ASSAULT")]
    pic = counts(dated, window)
    assert pic.counted and pic.outside == 1
    rows = {r.kind: r for r in pic.rows}
    assert [r.kind for r in pic.rows] == ["CONSULT", "ASSAULT"]  # in the manual's order
    assert rows["CONSULT"].count == 50 and sum(b.events for b in rows["CONSULT"].bars) == 50
    assert all(b.period.start.month == 1 for b in rows["CONSULT"].bars)
    (july,) = rows["ASSAULT"].bars
    assert july.events == 1 and july.period.start <= date(2016, 7, 1) <= july.period.end
    assert max(b.height for b in rows["CONSULT"].bars) > july.height
