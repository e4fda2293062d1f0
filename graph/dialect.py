"""The two Cypher dialects the store speaks."""

from enum import StrEnum


class Dialect(StrEnum):
    FALKORDB = "falkordb"
    NEO4J = "neo4j"
