"""Parse `UCCN_GRAPH_URL` into the engine it names."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from graph.errors import GraphConfigError

NEO4J_SCHEMES = ("neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc")


@dataclass(frozen=True, slots=True)
class EmbeddedTarget:
    directory: Path


@dataclass(frozen=True, slots=True)
class Neo4jTarget:
    uri: str


def parse_graph_url(url: str) -> EmbeddedTarget | Neo4jTarget:
    """`falkordb:///abs/dir`, `falkordb:rel/dir` or a Neo4j driver URI."""
    scheme, sep, rest = url.partition(":")
    if not sep:
        raise GraphConfigError(
            f"UCCN_GRAPH_URL {url!r} has no scheme; use falkordb:///path or neo4j://host:7687"
        )
    scheme = scheme.lower()
    if scheme == "falkordb":
        path = rest[2:] if rest.startswith("//") else rest
        if not path:
            raise GraphConfigError(f"UCCN_GRAPH_URL {url!r} names no data directory")
        return EmbeddedTarget(Path(path).expanduser().resolve())
    if scheme in NEO4J_SCHEMES:
        if not urlsplit(url).hostname:
            raise GraphConfigError(f"UCCN_GRAPH_URL {url!r} names no host")
        return Neo4jTarget(url)
    raise GraphConfigError(
        f"UCCN_GRAPH_URL scheme {scheme!r} is not supported; "
        f"use falkordb or one of {', '.join(NEO4J_SCHEMES)}"
    )
