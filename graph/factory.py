"""Open the engine a graph URL names. Nothing connects until this is called."""

from __future__ import annotations

from graph.engine import GraphEngine
from graph.falkordb_engine import FalkorDBEngine
from graph.neo4j_engine import Neo4jEngine
from graph.url import EmbeddedTarget, parse_graph_url


async def open_engine(
    url: str,
    *,
    graph_name: str,
    neo4j_user: str = "neo4j",
    neo4j_password: str = "",
    neo4j_database: str = "neo4j",
    timeout_s: float = 10.0,
) -> GraphEngine:
    target = parse_graph_url(url)
    if isinstance(target, EmbeddedTarget):
        return await FalkorDBEngine.open(target.directory, graph_name)
    return await Neo4jEngine.open(target.uri, neo4j_user, neo4j_password, neo4j_database, timeout_s)
