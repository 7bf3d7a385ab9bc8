"""Event exports: the event record, TimelineJS slides, the actor network (GEXF, GraphML)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from storyline.export.events import gexf, graphml, network, timeline_line, timelinejs
from storyline.export.records import event_record
from storyline.model import Event, Evidence, Location, PartialDate, Party

US = Party(entity_text="US", identifier_id="e-us", identifier_text="United States", code="USA")
TALIBAN = Party(entity_text="Taliban", identifier_id="e-tb", identifier_text="Taliban")
QATAR = Party(entity_text="Qatar", code="QAT")


def event(kind: str, quad: int, actor: list[Party], recipient: list[Party], when: str = "2021-10-09") -> Event:
    return Event(id=f"E{kind}{len(actor)}", event=kind, quad_code=quad, actor=actor, recipient=recipient,
                 when=PartialDate.parse(when), articles=["a", "b"], independent_sources=1,
                 event_text="US officials met Taliban envoys in Doha.", date_source="text",
                 event_loc=Location(name="Doha", country="QAT", lat=25.28, lon=51.53, geonameid=290030),
                 evidence=[Evidence(article="a", start=0, end=5, text="US of")], confidence=0.7)


def test_event_record_keeps_plover_fields_and_extensions() -> None:
    record = event_record(event("CONSULT", 1, [US], [TALIBAN]))
    assert record["kind"] == "event" and record["event"] == "CONSULT" and record["quad_code"] == 1
    assert record["date"] == "2021-10-09" and record["date_precision"] == "day"
    assert record["actor"][0]["code"] == "USA" and record["event_loc"]["country"] == "QAT"
    assert record["independent_sources"] == 1 and record["date_source"] == "text"


def test_network_weights_and_reciprocal_pairs() -> None:
    events = [event("CONSULT", 1, [US], [TALIBAN]), event("ASSAULT", 4, [US], [TALIBAN], "2021-08-29"),
              event("AGREE", 1, [US, QATAR, TALIBAN], [US, QATAR, TALIBAN])]
    net = network(events)
    edge = net.edges[("e-us", "e-tb")]
    assert edge["events"] == 3 and edge["score"] == 1 - 2 + 1 and edge["types"] == {"CONSULT", "ASSAULT", "AGREE"}
    assert all(s != t for s, t in net.edges), "no self-loops"
    assert ("e-us", "name:qatar") in net.edges and ("name:qatar", "e-tb") in net.edges
    assert net.nodes["e-us"] == {"label": "United States", "code": "USA"}


def test_network_xml_and_timeline() -> None:
    events = [event("CONSULT", 1, [US], [TALIBAN]), event("CONSULT", 1, [US], [TALIBAN], "2021-10")]
    net = network(events)
    g = gexf(net)
    assert g.tag == "gexf" and len(list(g.iter("edge"))) == 1 and len(list(g.iter("node"))) == 2
    ET.fromstring(ET.tostring(graphml(net)))
    slides = timelinejs(events + [event("AID", 2, [US], [], "")])["events"]
    assert len(slides) == 2, "undated events have no slide"
    assert slides[0]["start_date"] == {"year": "2021", "month": "10", "day": "9"}
    assert slides[1]["end_date"] == {"year": "2021", "month": "10", "day": "31"}
    line = timeline_line(events[0])
    assert line.startswith("2021-10-09 (day) CONSULT: United States -> Taliban [Doha]") and "1 independent" in line
