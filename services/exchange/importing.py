"""`uccn import FILE`: entity files and whole-graph exports, checked in full before any write.

What a file holds is told by its content: a JSON object with `"format": "uccn-graph"`, a CSV
file whose header is the export's (`record,label,id,...`) and any GraphML document are
whole-graph exports (`services.exchange.exporting`); any other JSON object is an entity file
with sections
`cities`, `institutions`, `projects`, `reports`, `contributions`; any other CSV file holds the
one entity kind named by `kind` or by the file name (`cities.csv`). Columns:
`services.exchange.rows`.

Every row is checked (types, required fields, choices, ranges, dates, duplicate ids, unknown
columns, values no engine can store), then every id a row refers to is looked up in the file and
in the store, and what the file gives a node of which it has only one (a city's country and
field, ...) is compared with the store (`services.exchange.conflicts`). Any error anywhere
rejects the whole file with all its errors (`ImportRejected`) and nothing is written; otherwise
the graph is written with `GraphStore.write_data`, all or nothing (one transaction, or an undo
log on FalkorDB), whose MERGE makes a second import of the same file change nothing. Properties
a row leaves empty are not touched in the store; a name or title it changes is listed in the
report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import LABELS, REL_BY_KEY, REL_TYPES
from graph.store import GraphStore
from services.exchange.batch import ImportBatch, ImportRejected, Ref, RowError, file_error
from services.exchange.conflicts import Renamed, conflict_errors, renames
from services.exchange.exporting import CSV_COLUMNS, FORMAT_NAME
from services.exchange.formats import (
    csv_header,
    csv_rows,
    decode_utf8,
    load_json,
    read_bytes,
    sniff,
)
from services.exchange.graph_files import read_graph_csv, read_graph_json
from services.exchange.graphml import read_graphml
from services.exchange.kinds import KINDS
from services.exchange.rows import read_entity_csv, read_entity_json

__all__ = [
    "ENTITY_KINDS",
    "GRAPH_KIND",
    "ImportBatch",
    "ImportRejected",
    "ImportReport",
    "Renamed",
    "RowError",
    "import_file",
    "parse_import_file",
]

GRAPH_KIND = "graph"
ENTITY_KINDS: tuple[str, ...] = tuple(KINDS)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What one import wrote: nodes per label and relationships per type (model order), and
    the nodes it gave another name or title."""

    path: Path
    format: str
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)
    renamed: tuple[Renamed, ...] = ()

    @property
    def node_total(self) -> int:
        return sum(self.nodes.values())

    @property
    def relationship_total(self) -> int:
        return sum(self.relationships.values())

    def __str__(self) -> str:
        lines = [
            f"imported {self.path} ({self.format}): {self.node_total} nodes, "
            f"{self.relationship_total} relationships"
        ]
        lines += [f"  {label}: {count}" for label, count in self.nodes.items()]
        lines += [f"  {rel_type}: {count}" for rel_type, count in self.relationships.items()]
        lines += [str(renamed) for renamed in self.renamed]
        return "\n".join(lines)


def parse_import_file(path: Path, kind: str | None = None) -> ImportBatch:
    """Read and check every row of `path` (no store needed); raises `ImportRejected` only for
    a file that cannot be read at all. Row errors are in `batch.errors`; references are checked
    by `import_file`.

    `kind`: `graph` or one of `ENTITY_KINDS`; it names what a CSV file holds, and for a JSON
    entity file it allows that section only.
    """
    file = str(path)
    if kind is not None and kind not in (GRAPH_KIND, *ENTITY_KINDS):
        raise file_error(
            file, f"unknown kind {kind!r} (kinds: {GRAPH_KIND}, {', '.join(ENTITY_KINDS)})"
        )
    raw = read_bytes(path, file)
    sniffed = sniff(raw)
    if sniffed == "xml":
        if kind not in (None, GRAPH_KIND):
            raise file_error(file, f"a GraphML file holds a whole graph, not {kind}")
        return read_graphml(path, file, raw)
    text = decode_utf8(raw, file)
    if sniffed == "json":
        document = load_json(text, file)
        if not isinstance(document, dict):
            raise file_error(
                file,
                f"a JSON import file is an object: a {FORMAT_NAME} export "
                f"or sections {', '.join(ENTITY_KINDS)}",
            )
        if "format" in document:
            if document["format"] != FORMAT_NAME:
                raise file_error(file, f"format {document['format']!r} is not {FORMAT_NAME!r}")
            if kind not in (None, GRAPH_KIND):
                raise file_error(file, f"a {FORMAT_NAME} export holds a whole graph, not {kind}")
            return read_graph_json(path, file, text, document)
        if kind == GRAPH_KIND:
            raise file_error(file, f'not a {FORMAT_NAME} export (no "format" key)')
        return read_entity_json(path, file, text, document, kind)
    _, header = csv_header(csv_rows(text, file), file)
    if (header and header[0].strip() == CSV_COLUMNS[0]) or kind == GRAPH_KIND:
        return read_graph_csv(path, file, text)
    entity = kind or path.stem.lower()
    if entity not in KINDS:
        raise file_error(
            file,
            "cannot tell what the CSV file holds: name it "
            f"{', '.join(k + '.csv' for k in ENTITY_KINDS)}, or pass --kind",
        )
    return read_entity_csv(path, file, text, KINDS[entity])


async def reference_errors(store: GraphStore, batch: ImportBatch) -> list[RowError]:
    """An error for each reference to an id that is neither in the file nor in the store."""
    in_file = {(label, str(row["id"])) for label, rows in batch.data.nodes.items() for row in rows}
    open_refs: list[Ref] = [r for r in batch.refs if (r.label, r.id) not in in_file]
    wanted: dict[str, set[str]] = defaultdict(set)
    for ref in open_refs:
        wanted[ref.label].add(ref.id)
    found: dict[str, set[str]] = {}
    for label in LABELS:
        if wanted.get(label):
            found[label] = await store.existing_ids(label, wanted[label])
    return [
        RowError(batch.file, r.line, r.field, f"no {r.label} {r.id!r} in the file or the graph")
        for r in open_refs
        if r.id not in found.get(r.label, set())
    ]


async def import_file(store: GraphStore, path: Path, kind: str | None = None) -> ImportReport:
    """Check all of `path`, then write it; raises `ImportRejected` (nothing written) on any
    error."""
    batch = parse_import_file(path, kind)
    errors = batch.errors + await reference_errors(store, batch)
    errors += await conflict_errors(store, batch)
    if errors:
        raise ImportRejected(errors)
    renamed = await renames(store, batch)
    await store.write_data(batch.data)
    data = batch.data
    by_type: dict[str, int] = defaultdict(int)
    for key in data.ordered_keys():
        by_type[REL_BY_KEY[key].type] += len(data.links[key])
    return ImportReport(
        path,
        batch.format,
        {label: len(data.nodes[label]) for label in data.ordered_labels()},
        {t: by_type[t] for t in REL_TYPES if t in by_type},
        tuple(renamed),
    )
