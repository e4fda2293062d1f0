"""Upsert and dump statements for every relationship of the model, keyed `Start-TYPE-End`."""

from __future__ import annotations

from graph.model import RELATIONSHIPS, RelSpec
from graph.statement import Statement


def _upsert(rel: RelSpec) -> Statement:
    return Statement(
        f"upsert_{rel.key}",
        f"UNWIND $rows AS row MATCH (a:{rel.start} {{id: row.start}}) "
        f"MATCH (b:{rel.end} {{id: row.end}}) MERGE (a)-[r:{rel.type}]->(b) SET r += row.props "
        "RETURN count(r) AS written",
        writes=True,
    )


def _dump(rel: RelSpec) -> Statement:
    return Statement(
        f"dump_{rel.key}",
        f"MATCH (a:{rel.start})-[r:{rel.type}]->(b:{rel.end}) "
        "RETURN a.id AS start, b.id AS end, properties(r) AS props "
        "ORDER BY start, end SKIP $skip LIMIT $limit",
    )


UPSERT = {r.key: _upsert(r) for r in RELATIONSHIPS}
DUMP = {r.key: _dump(r) for r in RELATIONSHIPS}

COUNT_BY_TYPE = Statement(
    "count_relationships_by_type", "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count"
)
