"""Events out of the store: the timeline, TimelineJS JSON, and the actor network (GEXF, GraphML).

- `timeline_events` filters the stored events (actor, type, date window) in date order;
  `timeline_line` is one readable line per event with its date precision.
- `TimelineJsExporter`: the TimelineJS 3 JSON (`{"events": [{"start_date", "end_date",
  "text": {"headline", "text"}, "group"}]}`), one slide per dated event.
- `GexfExporter` / `GraphmlExporter`: the actor network. Nodes are parties (the resolved entity
  where linked, else the name as written); a directed edge actor → recipient per event, and
  between every two parties of a reciprocal event (its parties are listed both as actors and as recipients).
  Edge attributes: `events` (count, also the `weight`), `score` (the sum of a PLOVER
  cooperation/conflict score per event: quad 1 verbal cooperation +1, quad 2 material
  cooperation +2, quad 3 verbal conflict -1, quad 4 material conflict -2) and `types`.
  Both are XML written with the standard library (text escaped by ElementTree).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import IO, Any

from storyline.model import Event, Party
from storyline.plugins import ExportOptions
from storyline.resolve.events import iter_events
from storyline.resolve.names import name_key
from storyline.store import Store

QUAD_SCORE = {1: 1.0, 2: 2.0, 3: -1.0, 4: -2.0}


def _names(parties: list[Party]) -> set[str]:
    return {name_key(n) for p in parties for n in (p.entity_text, p.identifier_text) if n}


def timeline_events(store: Store, actor: str | None = None, kind: str | None = None,
                    since: date | None = None, until: date | None = None) -> Iterator[Event]:
    """Stored events in date order: with `actor` among their parties (name or entity id),
    of type `kind`, and overlapping the window [since, until]."""
    wanted = name_key(actor) if actor else None
    for event in iter_events(store):
        if kind and event.event != kind.upper():
            continue
        if wanted and wanted not in _names(event.actor + event.recipient) and actor not in {
                p.identifier_id for p in event.actor + event.recipient}:
            continue
        if since and (event.when.end is None or event.when.end < since):
            continue
        if until and (event.when.start is None or event.when.start > until):
            continue
        yield event


def _party_names(parties: list[Party]) -> str:
    return ", ".join(p.identifier_text or p.entity_text for p in parties) or "?"


def timeline_line(event: Event) -> str:
    """`2021-10-09/2021-10-10 (range) CONSULT: United States -> Taliban [Doha] (2 article(s), 1
    independent, confidence 0.75)`: a copy and its original are one independent source."""
    when = event.when.iso() or "undated"
    mode = f" ({event.mode})" if event.mode else ""
    place = f" [{event.event_loc.name}]" if event.event_loc else ""
    sources = len(event.articles) if event.independent_sources is None else event.independent_sources
    return (f"{when} ({event.when.precision}) {event.event}{mode}: {_party_names(event.actor)} -> "
            f"{_party_names(event.recipient)}{place} ({len(event.articles)} article(s), "
            f"{sources} independent, confidence {event.confidence:.2f})")


# --------------------------------------------------------------------------- TimelineJS

def _slide_date(d: date) -> dict[str, str]:
    return {"year": str(d.year), "month": str(d.month), "day": str(d.day)}


def timelinejs(events: list[Event]) -> dict[str, Any]:
    """The TimelineJS 3 JSON document for dated events."""
    slides = []
    for e in events:
        if e.when.start is None or e.when.end is None:
            continue
        slide: dict[str, Any] = {
            "start_date": _slide_date(e.when.start),
            "text": {"headline": f"{e.event}: {_party_names(e.actor)} → {_party_names(e.recipient)}",
                     "text": e.event_text},
            "group": e.event, "unique_id": e.id,
        }
        if e.when.end != e.when.start:
            slide["end_date"] = _slide_date(e.when.end)
        slides.append(slide)
    return {"title": {"text": {"headline": "storyline events", "text": f"{len(slides)} events"}},
            "events": slides}


class TimelineJsExporter:
    name = "timelinejs"
    description = "events as TimelineJS 3 JSON"

    def export(self, store: Store, out: IO[str], options: ExportOptions) -> int:
        doc = timelinejs(list(iter_events(store)))
        out.write(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
        return len(doc["events"])


# --------------------------------------------------------------------------- network

@dataclass
class Network:
    """Actor nodes and event-weighted edges."""

    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def node(self, p: Party) -> str:
        key = p.identifier_id or "name:" + name_key(p.entity_text)
        self.nodes.setdefault(key, {"label": p.identifier_text or p.entity_text, "code": p.code or ""})
        return key

    def add(self, source: str, target: str, event: Event) -> None:
        if source == target:
            return
        edge = self.edges.setdefault((source, target), {"events": 0, "score": 0.0, "types": set()})
        edge["events"] += 1
        edge["score"] += QUAD_SCORE.get(event.quad_code or 0, 0.0)
        edge["types"].add(event.event)


def network(events: list[Event]) -> Network:
    net = Network()
    for e in events:
        actors = [net.node(p) for p in e.actor]
        recipients = [net.node(p) for p in e.recipient]
        reciprocal = set(actors) == set(recipients)
        for i, a in enumerate(actors):
            for r in (actors[i + 1:] if reciprocal else recipients):
                net.add(a, r, e)
    return net


def _text(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def gexf(net: Network) -> ET.Element:
    root = ET.Element("gexf", {"xmlns": "http://gexf.net/1.3", "version": "1.3"})
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed"})
    attrs = ET.SubElement(graph, "attributes", {"class": "edge"})
    for i, (name, kind) in enumerate((("events", "integer"), ("score", "double"), ("types", "string"))):
        ET.SubElement(attrs, "attribute", {"id": str(i), "title": name, "type": kind})
    nattrs = ET.SubElement(graph, "attributes", {"class": "node"})
    ET.SubElement(nattrs, "attribute", {"id": "code", "title": "code", "type": "string"})
    nodes = ET.SubElement(graph, "nodes")
    for key, node in net.nodes.items():
        n = ET.SubElement(nodes, "node", {"id": key, "label": node["label"]})
        values = ET.SubElement(n, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "code", "value": node["code"]})
    edges = ET.SubElement(graph, "edges")
    for i, ((s, t), edge) in enumerate(net.edges.items()):
        e = ET.SubElement(edges, "edge", {"id": str(i), "source": s, "target": t, "weight": str(edge["events"])})
        values = ET.SubElement(e, "attvalues")
        for j, name in enumerate(("events", "score", "types")):
            value = " ".join(sorted(edge[name])) if name == "types" else _text(edge[name])
            ET.SubElement(values, "attvalue", {"for": str(j), "value": value})
    return root


def graphml(net: Network) -> ET.Element:
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    keys = (("label", "node", "string"), ("code", "node", "string"), ("weight", "edge", "double"),
            ("events", "edge", "int"), ("score", "edge", "double"), ("types", "edge", "string"))
    for name, domain, kind in keys:
        ET.SubElement(root, "key", {"id": name, "for": domain, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", {"id": "actors", "edgedefault": "directed"})
    for key, node in net.nodes.items():
        n = ET.SubElement(graph, "node", {"id": key})
        for name in ("label", "code"):
            ET.SubElement(n, "data", {"key": name}).text = node[name]
    for (s, t), edge in net.edges.items():
        e = ET.SubElement(graph, "edge", {"source": s, "target": t})
        values = {"weight": _text(float(edge["events"])), "events": str(edge["events"]),
                  "score": _text(edge["score"]), "types": " ".join(sorted(edge["types"]))}
        for name, value in values.items():
            ET.SubElement(e, "data", {"key": name}).text = value
    return root


def _write_xml(root: ET.Element, out: IO[str]) -> None:
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")


class GexfExporter:
    name = "gexf"
    description = "the actor network of events as GEXF 1.3 (Gephi)"

    def export(self, store: Store, out: IO[str], options: ExportOptions) -> int:
        net = network(list(iter_events(store)))
        _write_xml(gexf(net), out)
        return len(net.edges)


class GraphmlExporter:
    name = "graphml"
    description = "the actor network of events as GraphML"

    def export(self, store: Store, out: IO[str], options: ExportOptions) -> int:
        net = network(list(iter_events(store)))
        _write_xml(graphml(net), out)
        return len(net.edges)
