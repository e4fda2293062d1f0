"""Compiled reads: a query's whole sub-tree of neighbour lists in one statement.

The GraphQL layer describes what a request will walk as a neutral `Plan` (a label, and for each
relation it selects the neighbour statement it stands for, the properties it needs and the plan
below it); `compile_plan` turns it into one parameterised statement, the same text for FalkorDB
and Neo4j: one `UNION ALL` branch per relation, each the relation's neighbour statement fed with
the ids of its level (the plan's nodes, or the neighbours the level above shows, each once). Each
branch returns one row per distinct neighbour (`branch`, `id`, `values`, `keys`), so a neighbour
many nodes share (an SDG target most projects address) crosses the wire and is parsed once.
`read_tree` groups the rows into neighbour lists keyed by statement name and node id, as the
neighbour statements' DataLoaders hold them (ordered by neighbour id, distinct where the
statement is, [] for a node without neighbours).

Why not nested pattern comprehensions (`[(a)-[:R]->(b) | [b.x, [(b)-->(c) | …]]]`), the shape
the Neo4j GraphQL Library compiles to: measured on the embedded FalkorDB they cost about twice
the level-by-level statements they replace (a comprehension runs per row, and a shared neighbour
is repeated under every node that has it, for the client to parse each time).

Which relations compile is said once, here, in `PATHS`: the pattern each neighbour statement of
`graph.statements.neighbours` walks. A relation without a path is not compiled (its lists load
as before). Below a connection, a level is the neighbours its pages show (`Relation.window`:
each node's neighbours in id order, sliced, as the walk slices them), so a compiled read loads
what the walk would, in one round trip.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from graph.dataset import Props, props_from
from graph.model import EXPORTED_RELATIONSHIPS, NODE_BY_LABEL
from graph.statement import Statement
from graph.statements import neighbours

Direction = Literal["out", "in", "both"]


@dataclass(frozen=True, slots=True)
class Step:
    """One hop: relationship types, direction (from the near node), label of the far node."""

    types: tuple[str, ...]
    direction: Direction
    label: str


@dataclass(frozen=True, slots=True)
class Path:
    """The pattern a neighbour statement walks from a node to its neighbours."""

    start: str  # the label it starts from
    steps: tuple[Step, ...]
    distinct: bool = False  # a neighbour reached along several paths is listed once
    not_self: bool = False  # the start node is never its own neighbour

    @property
    def label(self) -> str:
        return self.steps[-1].label


@dataclass(frozen=True, slots=True)
class Relation:
    statement: str  # the neighbour statement whose lists this relation fills
    below: Plan
    columns: tuple[str, ...] | None = None  # the neighbours' properties to read; None: all
    # The page of each node's neighbours (skip, end; in id order) the level below reads;
    # None: all of them.
    window: tuple[int, int] | None = None

    def read(self) -> tuple[str, ...]:
        """The properties read, in model order: `columns`, and the required ones always (a
        node is never read without what the model says it has)."""
        return _read(self)


@functools.cache
def _read(relation: Relation) -> tuple[str, ...]:
    return NODE_BY_LABEL[PATHS[relation.statement].label].read(relation.columns)


@dataclass(frozen=True, slots=True)
class Plan:
    """What to read below nodes of `label`: each relation, and recursively below it."""

    label: str
    relations: tuple[Relation, ...] = ()

    def size(self) -> int:
        return sum(1 + r.below.size() for r in self.relations)


def _paths() -> dict[str, Path]:
    paths: dict[str, Path] = {}
    for rel in EXPORTED_RELATIONSHIPS:
        out, back = Step((rel.type,), "out", rel.end), Step((rel.type,), "in", rel.start)
        paths[neighbours.OUTGOING[rel.key].name] = Path(rel.start, (out,))
        paths[neighbours.INCOMING[rel.key].name] = Path(rel.end, (back,))
    member = ("LED_BY", "PARTICIPATES_IN")
    project, city = Step(member, "both", "PilotProject"), Step(member, "both", "City")
    paths[neighbours.CITY_PROJECTS.name] = Path("City", (project,), distinct=True)
    paths[neighbours.COOPERATING_CITIES.name] = Path(
        "City", (project, city), distinct=True, not_self=True
    )
    paths[neighbours.TARGET_CITIES.name] = Path(
        "SDGTarget", (Step(("ADDRESSES",), "in", "PilotProject"), city), distinct=True
    )
    paths[neighbours.CITY_MENTORSHIPS.name] = Path(
        "City", (Step(("MENTOR", "CANDIDATE"), "in", "Mentorship"),), distinct=True
    )
    return paths


PATHS: dict[str, Path] = _paths()


def compiles(statement: Statement) -> bool:
    return statement.name in PATHS


@functools.lru_cache(maxsize=1024)  # a plan is a value: the same query compiles once
def compile_plan(plan: Plan) -> Statement:
    """One statement: `$ids` of `plan.label` nodes in (and `parameters(plan)`); out, for each
    relation of the plan (its `branch`, in the plan's depth-first order), one row per distinct
    neighbour: `id`, `values` and the `keys` it is a neighbour of, as the relation's own
    neighbour statement gives them."""
    if not plan.relations:
        raise ValueError("a plan without relations has nothing to compile")
    branches = [_branch(plan.label, prefix, relation, n) for prefix, (n, relation) in _walk(plan)]
    return Statement(f"compiled_{plan.label}", " UNION ALL ".join(branches))


def parameters(plan: Plan) -> dict[str, int]:
    """The windows' bounds, by the parameter names the compiled statement gives them."""
    found: dict[str, int] = {}
    for _, (n, relation) in _walk(plan):
        if relation.window is not None and relation.below.relations:
            found[f"skip_{n}"], found[f"end_{n}"] = relation.window
    return found


Numbered = tuple[int, Relation]


def _walk(plan: Plan) -> list[tuple[tuple[Numbered, ...], Numbered]]:
    """Every relation of the plan, numbered depth first, with the relations above it."""
    found: list[tuple[tuple[Numbered, ...], Numbered]] = []

    def down(plan: Plan, prefix: tuple[Numbered, ...]) -> None:
        for relation in plan.relations:
            numbered = (len(found), relation)
            found.append((prefix, numbered))
            down(relation.below, (*prefix, numbered))

    down(plan, ())
    return found


def _branch(label: str, prefix: tuple[Numbered, ...], relation: Relation, n: int) -> str:
    # The level's nodes: the neighbours of the level above that its pages show (in id order, as
    # the walk slices them), each once; then the relation's neighbour statement, fed with their
    # ids as `key`.
    near = "a" if not prefix else "r"
    clauses = [neighbours.by_ids(near, label).rstrip()]
    for i, (m, above) in enumerate(prefix):
        far, path = f"x{i}", PATHS[above.statement]
        clauses.append(f"MATCH {_match(path, near, far)}")
        if above.window is not None:
            distinct = "DISTINCT " if path.distinct else ""
            clauses.append(
                f"WITH {distinct}{near}, {far} ORDER BY {far}.id "
                f"WITH {near}, collect({far})[$skip_{m}..$end_{m}] AS page UNWIND page AS {far}"
            )
        clauses.append(f"WITH DISTINCT {far}")
        near = far
    if prefix:
        clauses.append(f"WITH {near} AS a, {near}.id AS key")
    path = PATHS[relation.statement]
    clauses.append(f"MATCH {_match(path, 'a', 'b')}")
    if path.distinct:
        clauses.append("WITH DISTINCT key, b")
    values = ", ".join(f"b.{name}" for name in relation.read())
    clauses.append(
        f"WITH b, collect(key) AS keys RETURN {n} AS branch, b.id AS id, [{values}] AS values, keys"
    )
    return " ".join(clauses)


def _match(path: Path, near: str, far: str) -> str:
    """The path's pattern from `near` to `far`, as its neighbour statement writes it."""
    pattern = f"({near})"
    for i, step in enumerate(path.steps):
        left, right = {"out": ("-", "->"), "in": ("<-", "-"), "both": ("-", "-")}[step.direction]
        node = f"({far}:{step.label})" if i == len(path.steps) - 1 else f"(:{step.label})"
        pattern += f"{left}[:{'|'.join(step.types)}]{right}{node}"
    return pattern + (f" WHERE {far}.id <> {near}.id" if path.not_self else "")


Lists = dict[str, dict[str, list[Props]]]  # statement name -> node id -> neighbour list

MARK = " AS branch, "  # in every compiled statement's text, and in no other statement


def read_tree(plan: Plan, keys: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> Lists:
    """The neighbour lists the compiled statement's rows hold for the plan's nodes `keys` and
    every node below them, as the loaders would hold them (a node without neighbours has [])."""
    by_branch: dict[int, list[Mapping[str, Any]]] = {}
    for row in rows:
        by_branch.setdefault(int(row["branch"]), []).append(row)
    lists: Lists = {}
    _fill(plan, keys, by_branch, itertools.count(), lists)
    return lists


def _fill(
    plan: Plan,
    keys: Sequence[str],
    by_branch: Mapping[int, list[Mapping[str, Any]]],
    branches: Iterator[int],
    lists: Lists,
) -> None:
    for relation in plan.relations:
        found = sorted(by_branch.get(next(branches), ()), key=lambda row: str(row["id"]))
        columns = relation.read()
        grouped: dict[str, list[Props]] = {key: [] for key in keys}
        for row in found:  # by neighbour id, so each key's list is in that order too
            props = props_from(columns, row["values"])
            for key in row["keys"]:
                grouped[str(key)].append(props)  # shared by its keys: read-only
        lists.setdefault(relation.statement, {}).update(grouped)
        # The level below: what the statement fed its branches, the neighbours each page shows
        # (ids are slugs, so Python's order is the statement's).
        skip, end = relation.window or (0, None)
        below = dict.fromkeys(str(p["id"]) for key in keys for p in grouped[key][skip:end])
        _fill(relation.below, list(below), by_branch, branches, lists)
