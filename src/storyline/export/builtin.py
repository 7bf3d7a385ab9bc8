"""storyline's own exporters, registered through the plugin hook."""

from __future__ import annotations

from storyline.export.events import GexfExporter, GraphmlExporter, TimelineJsExporter
from storyline.export.jsonl import JsonLinesExporter
from storyline.export.tabular import CsvExporter
from storyline.plugins import Exporter, hookimpl


@hookimpl
def storyline_exporters() -> list[Exporter]:
    return [JsonLinesExporter(), CsvExporter(), TimelineJsExporter(), GexfExporter(), GraphmlExporter()]
