"""Constraints and indexes, derived from the model, and how each dialect spells them.

This is the one place where the two engines' schema languages differ: Neo4j 5 takes Cypher DDL
with IF NOT EXISTS; FalkorDB takes `CREATE INDEX` without it, a `GRAPH.CONSTRAINT` command for
uniqueness and a procedure for full-text indexes, so its engine checks what exists first.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import NODES


@dataclass(frozen=True, slots=True)
class UniqueKey:
    label: str
    prop: str

    @property
    def name(self) -> str:
        return f"{self.label.lower()}_{self.prop}_unique"


@dataclass(frozen=True, slots=True)
class PropertyIndex:
    label: str
    prop: str

    @property
    def name(self) -> str:
        return f"{self.label.lower()}_{self.prop}"


@dataclass(frozen=True, slots=True)
class FulltextIndex:
    label: str
    props: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.label.lower()}_fulltext"


@dataclass(frozen=True, slots=True)
class SchemaSpec:
    unique_keys: tuple[UniqueKey, ...]
    indexes: tuple[PropertyIndex, ...]
    fulltext: tuple[FulltextIndex, ...]


def schema_from_model() -> SchemaSpec:
    return SchemaSpec(
        unique_keys=tuple(UniqueKey(n.label, "id") for n in NODES),
        indexes=tuple(PropertyIndex(n.label, p) for n in NODES for p in n.indexed),
        fulltext=tuple(FulltextIndex(n.label, n.fulltext) for n in NODES if n.fulltext),
    )


def fulltext_index_name(label: str) -> str:
    return FulltextIndex(label, ()).name


# --- Neo4j 5: Cypher DDL, idempotent by IF NOT EXISTS -------------------------------------------


def neo4j_schema_ddl(spec: SchemaSpec) -> list[tuple[str, str]]:
    """(name, statement) pairs; a uniqueness constraint brings its own range index."""
    ddl = [
        (
            k.name,
            f"CREATE CONSTRAINT {k.name} IF NOT EXISTS "
            f"FOR (n:{k.label}) REQUIRE n.{k.prop} IS UNIQUE",
        )
        for k in spec.unique_keys
    ]
    ddl += [
        (i.name, f"CREATE INDEX {i.name} IF NOT EXISTS FOR (n:{i.label}) ON (n.{i.prop})")
        for i in spec.indexes
    ]
    ddl += [
        (
            f.name,
            f"CREATE FULLTEXT INDEX {f.name} IF NOT EXISTS FOR (n:{f.label}) "
            f"ON EACH [{', '.join('n.' + p for p in f.props)}]",
        )
        for f in spec.fulltext
    ]
    return ddl


NEO4J_AWAIT_INDEXES = "CALL db.awaitIndexes($timeout_s)"


# --- FalkorDB: what exists is read first, then only the missing pieces are created --------------

FALKORDB_LIST_INDEXES = (
    "CALL db.indexes() YIELD label, properties, types RETURN label, properties, types"
)
FALKORDB_LIST_CONSTRAINTS = (
    "CALL db.constraints() YIELD type, label, properties RETURN type, label, properties"
)


def falkordb_index_statement(index: PropertyIndex | UniqueKey) -> str:
    return f"CREATE INDEX FOR (n:{index.label}) ON (n.{index.prop})"


def falkordb_fulltext_statement(index: FulltextIndex) -> str:
    args = ", ".join(f"'{p}'" for p in (index.label, *index.props))
    return f"CALL db.idx.fulltext.createNodeIndex({args})"


def falkordb_constraint_command(graph: str, key: UniqueKey) -> tuple[str, ...]:
    return (
        "GRAPH.CONSTRAINT",
        "CREATE",
        graph,
        "UNIQUE",
        "NODE",
        key.label,
        "PROPERTIES",
        "1",
        key.prop,
    )
