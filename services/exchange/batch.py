"""What parsing an import file yields: the graph to write, the references to check, the errors.

Every reader fills one `BatchBuilder`, which refuses duplicate ids and relationships and
remembers which ids each row refers to; `services.exchange.importing` checks those against the
file and the
store, and writes only when no error was found anywhere in the file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from graph.dataset import GraphData, Props
from graph.model import REL_BY_KEY


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem of one row: prints as `file:line: field: reason`.

    `line` is the physical line: the header of a CSV file is line 1 and a row that spans lines
    (a quoted newline) is reported at its first line; for JSON it is the line where the item
    starts (problems of a top-level key: line 1) and the field is a path with 1-based indexes,
    `projects[3].lead_city`; for GraphML the line of the `<node>` or `<edge>` tag. A problem of
    the whole file has the field `file`.
    """

    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.reason}"


class ImportRejected(Exception):
    """The file was not imported, and nothing of it was written; `errors` says why."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.file, e.line))
        super().__init__("\n".join(str(e) for e in self.errors))


def file_error(file: str, reason: str, line: int = 1) -> ImportRejected:
    """A problem of the whole file (unreadable, not UTF-8, bad JSON, bad XML, empty)."""
    return ImportRejected([RowError(file, line, "file", reason)])


@dataclass(frozen=True, slots=True)
class Ref:
    """A row names a node that must exist, in the file itself or already in the store."""

    label: str
    id: str
    line: int
    field: str


@dataclass(slots=True)
class ImportBatch:
    """A parsed file: `data` is written only when `errors` stays empty after the ref check."""

    path: Path
    file: str  # the name errors carry
    format: str  # what the file was read as: "graph json", "cities csv", "entities json", ...
    data: GraphData = field(default_factory=GraphData)
    refs: list[Ref] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    # Where each relationship was given: (key, start, end) -> (line, field of its end).
    link_origins: dict[tuple[str, str, str], tuple[int, str]] = field(default_factory=dict)


class BatchBuilder:
    """Collects nodes, relationships, references and errors of one file, row by row."""

    def __init__(self, path: Path, file: str, fmt: str) -> None:
        self.batch = ImportBatch(path, file, fmt)
        self._nodes: dict[tuple[str, str], int] = {}
        self._links: dict[tuple[str, str, str], int] = {}

    def error(self, line: int, field_name: str, reason: str) -> None:
        self.batch.errors.append(RowError(self.batch.file, line, field_name, reason))

    def ref(self, label: str, node_id: str, line: int, field_name: str) -> None:
        self.batch.refs.append(Ref(label, node_id, line, field_name))

    def node(self, label: str, props: Props, line: int, id_field: str) -> bool:
        """Add a node unless its id was already given in this file (then an error)."""
        node_id = str(props["id"])
        first = self._nodes.get((label, node_id))
        if first is not None:
            self.error(line, id_field, f"duplicate {label} id {node_id!r} (first on line {first})")
            return False
        self._nodes[(label, node_id)] = line
        self.batch.data.add_node(label, props)
        return True

    def link(
        self,
        key: str,
        start: str,
        end: str,
        props: Props,
        line: int,
        fields: tuple[str, str],
    ) -> None:
        """Add a relationship and the references to its two ends; a repeated one is an error.

        `fields` names where the start and the end id were given, for errors about them.
        """
        first = self._links.get((key, start, end))
        if first is not None:
            self.error(
                line,
                fields[1],
                f"duplicate {key} relationship {start!r} -> {end!r} (first on line {first})",
            )
            return
        self._links[(key, start, end)] = line
        self.batch.link_origins[(key, start, end)] = (line, fields[1])
        rel = REL_BY_KEY[key]
        self.ref(rel.start, start, line, fields[0])
        self.ref(rel.end, end, line, fields[1])
        self.batch.data.add_link(key, start, end, props)

    def has_node(self, label: str, node_id: str) -> bool:
        return (label, node_id) in self._nodes
