"""The cooperation network for researchers' tools: member cities and their ties (two cities
that take part in a project together; weight: the number of such projects; start: the first
one's start year), as of a year and for a filter, in the formats those tools open.

* gexf: GEXF 1.2, dynamic (`timeformat="integer"`): each city starts in its designation year
  and each tie in its first project's year, so Gephi's timeline replays the network's growth;
  cities are placed by longitude and latitude and coloured by field (`viz`).
* nodes.csv / edges.csv: one row per city / per tie, for spreadsheets, R and pandas.
* node-link.json: NetworkX's node-link form (`nx.node_link_graph(data, edges="edges")`).

Lists (a tie's project ids) are JSON text in GEXF and CSV, which cannot hold lists, and lists in
node-link JSON. Every writer is a generator of text chunks: a large export streams out as it is
written, never as one string in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal
from xml.sax.saxutils import escape, quoteattr

from services.analytics.network import CityNode, Network
from services.analytics.projection import Projection, Scope, project

NetworkFormat = Literal["gexf", "nodes.csv", "edges.csv", "node-link.json"]
NETWORK_FORMATS: tuple[NetworkFormat, ...] = ("gexf", "nodes.csv", "edges.csv", "node-link.json")
MEDIA_TYPES: dict[str, str] = {
    "gexf": "application/gexf+xml",
    "nodes.csv": "text/csv; charset=utf-8",
    "edges.csv": "text/csv; charset=utf-8",
    "node-link.json": "application/json",
}
CHUNK_ROWS = 2000  # rows per chunk a writer yields

NODE_COLUMNS = (
    "id",
    "name",
    "country",
    "region",
    "field",
    "global_south",
    "designation_year",
    "latitude",
    "longitude",
    "generated",
    "degree",
)
EDGE_COLUMNS = ("source", "target", "weight", "start_year", "projects")

# GEXF attribute id, title, type for each city column beyond id and name (the label).
GEXF_NODE_ATTRIBUTES = (
    ("country", "string"),
    ("region", "string"),
    ("field", "string"),
    ("global_south", "boolean"),
    ("designation_year", "integer"),
    ("latitude", "double"),
    ("longitude", "double"),
    ("generated", "boolean"),
    ("degree", "integer"),
)
GEXF_EDGE_ATTRIBUTES = (("projects", "string"),)  # JSON text: GEXF 1.2 has no list type
FIELD_COLOURS = {
    "crafts-and-folk-art": (192, 57, 43),
    "design": (142, 68, 173),
    "film": (44, 62, 80),
    "gastronomy": (230, 126, 34),
    "literature": (22, 160, 133),
    "media-arts": (41, 128, 185),
    "music": (212, 172, 13),
    "architecture": (127, 140, 141),
}
OTHER_COLOUR = (149, 165, 166)


@dataclass(frozen=True, slots=True)
class CityRow:
    city: CityNode
    degree: int

    def values(self) -> dict[str, Any]:
        c = self.city
        return {
            "id": c.id,
            "name": c.name,
            "country": c.country,
            "region": c.region,
            "field": c.field,
            "global_south": c.south,
            "designation_year": c.year,
            "latitude": c.latitude,
            "longitude": c.longitude,
            "generated": c.generated,
            "degree": self.degree,
        }


@dataclass(frozen=True, slots=True)
class TieRow:
    source: str
    target: str
    weight: int
    start_year: int | None
    projects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NetworkExport:
    """The rows of one export: cities, then ties, in a stable order."""

    scope: Scope
    cities: tuple[CityRow, ...]
    ties: tuple[TieRow, ...]


def network_export(network: Network, scope: Scope) -> NetworkExport:
    projection = project(network, scope)
    return NetworkExport(scope, _cities(projection), _ties(projection))


def _cities(projection: Projection) -> tuple[CityRow, ...]:
    degree = [0] * len(projection.cities)
    for i, j in projection.weights:
        degree[i] += 1
        degree[j] += 1
    return tuple(CityRow(c, degree[n]) for n, c in enumerate(projection.cities))


def _ties(projection: Projection) -> tuple[TieRow, ...]:
    position = projection.index()
    shared: dict[tuple[int, int], list[str]] = {}
    for proj in projection.projects:
        members = sorted(position[c] for c in proj.cities if c in position)
        for n, i in enumerate(members):
            for j in members[n + 1 :]:
                shared.setdefault((i, j), []).append(proj.id)
    cities = projection.cities
    return tuple(
        TieRow(
            source=cities[i].id,
            target=cities[j].id,
            weight=weight,
            start_year=projection.since.get((i, j)),
            projects=tuple(sorted(shared.get((i, j), ()))),
        )
        for (i, j), weight in sorted(projection.weights.items())
    )


def write_network(export: NetworkExport, fmt: NetworkFormat) -> Iterator[str]:
    """The export in `fmt`, as text chunks."""
    if fmt == "gexf":
        return _gexf(export)
    if fmt == "nodes.csv":
        return _csv(NODE_COLUMNS, (_csv_values(r.values()) for r in export.cities))
    if fmt == "edges.csv":
        return _csv(EDGE_COLUMNS, (_tie_values(t) for t in export.ties))
    if fmt == "node-link.json":
        return _node_link(export)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(NETWORK_FORMATS)}")


# --- csv -----------------------------------------------------------------------------------------


def _csv_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _csv_values(values: dict[str, Any]) -> list[Any]:
    return [_csv_value(values[c]) for c in NODE_COLUMNS]


def _tie_values(tie: TieRow) -> list[Any]:
    projects = json.dumps(list(tie.projects), ensure_ascii=False)
    return [tie.source, tie.target, tie.weight, _csv_value(tie.start_year), projects]


def _csv(columns: tuple[str, ...], rows: Iterator[list[Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for n, row in enumerate(rows, 1):
        writer.writerow(row)
        if n % CHUNK_ROWS == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


# --- node-link json ------------------------------------------------------------------------------


def _node_link(export: NetworkExport) -> Iterator[str]:
    head = {"directed": False, "multigraph": False, "graph": _graph_attributes(export.scope)}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "nodes": [\n'
    yield from _json_items(r.values() for r in export.cities)
    yield '], "edges": [\n'
    yield from _json_items(
        {
            "source": t.source,
            "target": t.target,
            "weight": t.weight,
            "start_year": t.start_year,
            "projects": list(t.projects),
        }
        for t in export.ties
    )
    yield "]}\n"


def _json_items(items: Iterator[dict[str, Any]]) -> Iterator[str]:
    chunk: list[str] = []
    first = True
    for item in items:
        chunk.append(("" if first else ",\n") + json.dumps(item, ensure_ascii=False))
        first = False
        if len(chunk) >= CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk) + "\n"


def _graph_attributes(scope: Scope) -> dict[str, Any]:
    return {
        "name": "UCCN cooperation network",
        "as_of": scope.as_of,
        "ties": "cities taking part in a project together; weight: shared projects",
    }


# --- gexf ----------------------------------------------------------------------------------------

GEXF_NS = "http://www.gexf.net/1.2draft"
VIZ_NS = "http://www.gexf.net/1.2draft/viz"


def _gexf_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _gexf(export: NetworkExport) -> Iterator[str]:
    year = "" if export.scope.as_of is None else f" as of {export.scope.as_of}"
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" version="1.2">\n'
        f"  <meta><creator>UCCN Hub</creator>"
        f"<description>{escape('UCCN cooperation network' + year)}</description></meta>\n"
        '  <graph mode="dynamic" defaultedgetype="undirected" timeformat="integer">\n'
        '    <attributes class="node" mode="static">\n'
    )
    yield "".join(
        f'      <attribute id="{name}" title="{name}" type="{kind}"/>\n'
        for name, kind in GEXF_NODE_ATTRIBUTES
    )
    yield '    </attributes>\n    <attributes class="edge" mode="static">\n'
    yield "".join(
        f'      <attribute id="{name}" title="{name}" type="{kind}"/>\n'
        for name, kind in GEXF_EDGE_ATTRIBUTES
    )
    yield "    </attributes>\n    <nodes>\n"
    chunk: list[str] = []
    for row in export.cities:
        chunk.append(_gexf_node(row))
        if len(chunk) >= CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk) + "    </nodes>\n    <edges>\n"
    chunk = []
    for n, tie in enumerate(export.ties):
        chunk.append(_gexf_edge(n, tie))
        if len(chunk) >= CHUNK_ROWS:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk) + "    </edges>\n  </graph>\n</gexf>\n"


def _gexf_node(row: CityRow) -> str:
    values = row.values()
    start = "" if row.city.year is None else f' start="{row.city.year}"'
    attvalues = "".join(
        f"<attvalue for={quoteattr(name)} value={quoteattr(_gexf_value(values[name]))}/>"
        for name, _ in GEXF_NODE_ATTRIBUTES
        if values[name] is not None
    )
    r, g, b = FIELD_COLOURS.get(row.city.field or "", OTHER_COLOUR)
    viz = f'<viz:color r="{r}" g="{g}" b="{b}"/>'
    if row.city.latitude is not None and row.city.longitude is not None:
        viz += f'<viz:position x="{row.city.longitude}" y="{row.city.latitude}" z="0.0"/>'
    return (
        f"      <node id={quoteattr(row.city.id)} label={quoteattr(row.city.name)}{start}>"
        f"<attvalues>{attvalues}</attvalues>{viz}</node>\n"
    )


def _gexf_edge(n: int, tie: TieRow) -> str:
    start = "" if tie.start_year is None else f' start="{tie.start_year}"'
    projects = json.dumps(list(tie.projects), ensure_ascii=False)
    return (
        f'      <edge id="{n}" source={quoteattr(tie.source)} target={quoteattr(tie.target)} '
        f'weight="{tie.weight}"{start}><attvalues>'
        f'<attvalue for="projects" value={quoteattr(projects)}/></attvalues></edge>\n'
    )
