"""Upsert and dump statements for every relationship of the model, keyed `Start-TYPE-End`; the
far ends of given start nodes (`ENDS`, what an import compares with); and what the store's undo
log reads and writes (`PRIOR` before a write, `RESTORE` and `REMOVE` to take it back).

A relationship is named by its two ends: the undo of a pair joined twice by one type (which
no write of ours makes) treats both alike."""

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
    """The relationships of one page of start nodes, the next `$limit` after id `$after` (`""`
    for the first), keyed by the start's id index like the nodes' dump. Every start of the page
    gives a row (`end` null when it has none), so the caller knows where the page ended."""
    return Statement(
        f"dump_{rel.key}",
        f"MATCH (a:{rel.start}) WHERE a.id > $after WITH a ORDER BY a.id LIMIT $limit "
        f"OPTIONAL MATCH (a)-[r:{rel.type}]->(b:{rel.end}) "
        "RETURN a.id AS start, b.id AS end, CASE WHEN r IS NULL THEN null ELSE properties(r) END "
        "AS props ORDER BY start, end",
    )


def _pair(rel: RelSpec) -> str:
    return (
        f"UNWIND $rows AS row MATCH (a:{rel.start} {{id: row.start}})-[r:{rel.type}]->"
        f"(b:{rel.end} {{id: row.end}}) "
    )


def _prior(rel: RelSpec) -> Statement:
    return Statement(
        f"prior_{rel.key}",
        _pair(rel) + "RETURN a.id AS start, b.id AS end, properties(r) AS props",
    )


def _restore(rel: RelSpec) -> Statement:
    return Statement(
        f"restore_{rel.key}",
        _pair(rel) + "SET r = row.props RETURN count(r) AS restored",
        writes=True,
    )


def _remove(rel: RelSpec) -> Statement:
    return Statement(f"remove_{rel.key}", _pair(rel) + "DELETE r", writes=True)


def _ends(rel: RelSpec) -> Statement:
    return Statement(
        f"ends_{rel.key}",
        f"UNWIND $ids AS id MATCH (a:{rel.start} {{id: id}})-[:{rel.type}]->(b:{rel.end}) "
        "RETURN a.id AS id, collect(DISTINCT b.id) AS ends",
    )


UPSERT = {r.key: _upsert(r) for r in RELATIONSHIPS}
PRIOR = {r.key: _prior(r) for r in RELATIONSHIPS}
RESTORE = {r.key: _restore(r) for r in RELATIONSHIPS}
REMOVE = {r.key: _remove(r) for r in RELATIONSHIPS}
ENDS = {r.key: _ends(r) for r in RELATIONSHIPS}
DUMP = {r.key: _dump(r) for r in RELATIONSHIPS}

COUNT_BY_TYPE = Statement(
    "count_relationships_by_type", "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS count"
)
