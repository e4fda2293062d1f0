"""A named, parameterised Cypher statement, with its dialect differences in one visible place."""

from __future__ import annotations

from dataclasses import dataclass

from graph.dialect import Dialect


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
        return text
