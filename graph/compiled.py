"""Compiled reads: a query's whole sub-tree of neighbour lists in one statement.

The GraphQL layer describes what a request will walk as a neutral `Plan` (a label, and for each
relation it selects the neighbour statement it stands for and the plan below it); `compile_plan`
turns it into one parameterised statement of nested pattern comprehensions, the same text for
FalkorDB and Neo4j. For each start id it returns, per relation, the neighbours as
`[id, values, nested]`: `values` their properties in model order (as the neighbour statements
give them), `nested` the same shape for the plan below. `read_tree` groups the answer into
neighbour lists keyed by statement name and node id, exactly as the neighbour statements'
DataLoaders would hold them (ordered by neighbour id, distinct where the statement is).

Which relations compile is said once, here, in `PATHS`: the pattern each neighbour statement of
`graph.statements.neighbours` walks. A relation without a path is not compiled (its lists load
as before). Windows are not applied in the statement (a pattern comprehension has no order):
the whole neighbour lists come back, and the caller keeps a plan shallow enough that this stays
small.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from graph.dataset import Props
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


def compile_plan(plan: Plan) -> Statement:
    """One statement: `$ids` of `plan.label` nodes in, a row per found node out (`key`, `tree`)."""
    if not plan.relations:
        raise ValueError("a plan without relations has nothing to compile")
    tree = _tree(plan, "n0", itertools.count(1))
    return Statement(
        f"compiled_{plan.label}",
        f"UNWIND $ids AS key MATCH (n0:{plan.label} {{id: key}}) RETURN key, {tree} AS tree",
    )


def _tree(plan: Plan, near: str, names: Iterator[int]) -> str:
    return "[" + ", ".join(_relation(r, near, names) for r in plan.relations) + "]"


def _relation(relation: Relation, near: str, names: Iterator[int]) -> str:
    # Every comprehension binds a name of its own: FalkorDB reads a name bound by a sibling
    # comprehension as already bound.
    path = PATHS[relation.statement]
    far = f"n{next(names)}"
    pattern = f"({near})"
    for i, step in enumerate(path.steps):
        last = i == len(path.steps) - 1
        types = "|".join(step.types)
        left, right = {"out": ("-", "->"), "in": ("<-", "-"), "both": ("-", "-")}[step.direction]
        node = f"({far}:{step.label})" if last else f"(:{step.label})"
        pattern += f"{left}[:{types}]{right}{node}"
    where = f" WHERE {far}.id <> {near}.id" if path.not_self else ""
    columns = ", ".join(f"{far}.{p.name}" for p in NODE_BY_LABEL[path.label].props)
    nested = _tree(relation.below, far, names) if relation.below.relations else "[]"
    return f"[{pattern}{where} | [{far}.id, [{columns}], {nested}]]"


Lists = dict[str, dict[str, list[Props]]]  # statement name -> node id -> neighbour list


def read_tree(plan: Plan, rows: Sequence[Mapping[str, Any]]) -> Lists:
    """The neighbour lists the compiled statement's rows hold, as the loaders would hold them."""
    lists: Lists = {}
    for row in rows:
        _fill(plan, str(row["key"]), row["tree"], lists)
    return lists


def _fill(plan: Plan, key: str, tree: Sequence[Any], lists: Lists) -> None:
    for relation, found in zip(plan.relations, tree, strict=True):
        path = PATHS[relation.statement]
        columns = tuple(p.name for p in NODE_BY_LABEL[path.label].props)
        if path.distinct:
            found = list({item[0]: item for item in found}.values())
        ordered = sorted(found, key=lambda item: item[0])
        lists.setdefault(relation.statement, {})[key] = [
            {c: v for c, v in zip(columns, item[1], strict=True) if v is not None}
            for item in ordered
        ]
        if relation.below.relations:
            for item in ordered:
                _fill(relation.below, str(item[0]), item[2], lists)
