"""A named, parameterised Cypher statement, with its dialect differences in one visible place.

Every write statement also bumps the graph's version (`graph.statements.version`), in its own
text: `text()` puts `BUMP_VERSION` in front of it, so the write and the bump commit together on
either engine, whichever process wrote, and a reader that sees the new version sees the write.
The bump runs once per statement (it ends in an aggregation: one row goes on, whatever the
statement then unwinds); a statement that then matches nothing has bumped all the same, which
only costs a cache miss.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.dialect import Dialect

GRAPH_VERSION_ID = "graph"
# `version` counts writes; `epoch` is drawn when the node is made, so a graph dropped and written
# again (counting from 1 anew) never repeats a (epoch, version) an earlier life of it had. On
# Neo4j the `ON MATCH SET` reads `version` on its right-hand side, so the node is write-locked
# before the read (no lost update between concurrent writes).
BUMP_VERSION = (
    f"MERGE (graph_version:GraphVersion {{id: '{GRAPH_VERSION_ID}'}}) "
    "ON CREATE SET graph_version.version = 1, graph_version.epoch = randomUUID() "
    "ON MATCH SET graph_version.version = graph_version.version + 1 "
    "WITH count(*) AS graph_version_bumped "
)


@dataclass(frozen=True, slots=True)
class Statement:
    """One named statement. `cypher` is shared text; `neo4j`/`falkordb` replace it for one engine.

    Values never enter the text: callers pass them as parameters.
    """

    name: str
    cypher: str = ""
    neo4j: str = ""
    falkordb: str = ""
    writes: bool = False

    def text(self, dialect: Dialect) -> str:
        override = self.neo4j if dialect is Dialect.NEO4J else self.falkordb
        text = override or self.cypher
        if not text:
            raise ValueError(f"statement {self.name!r} has no text for {dialect}")
        return BUMP_VERSION + text if self.writes else text
