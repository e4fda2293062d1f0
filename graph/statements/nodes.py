"""Upsert, dump and count statements for every label of the model, and what the store's undo log
reads and writes (`PROPERTIES` before a write, `RESTORE` and `REMOVE` to take it back).

Labels are constants of the model, written into the text when the module is built; values
always travel as parameters.
"""

from __future__ import annotations

from graph.model import NODES
from graph.statement import Statement


def _upsert(label: str) -> Statement:
    return Statement(
        f"upsert_{label}",
        f"UNWIND $rows AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props "
        "RETURN count(n) AS written",
        writes=True,
    )


def _dump(label: str) -> Statement:
    """One page of a label's nodes, the next `$limit` after id `$after` (`""` for the first):
    a range on the id index, so each page costs its own size, where SKIP re-sorted all before."""
    return Statement(
        f"dump_{label}",
        f"MATCH (n:{label}) WHERE n.id > $after "
        "RETURN properties(n) AS props ORDER BY n.id LIMIT $limit",
    )


def _existing(label: str) -> Statement:
    return Statement(
        f"existing_{label}",
        f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id",
    )


def _get(label: str) -> Statement:
    return Statement(f"get_{label}", f"MATCH (n:{label} {{id: $id}}) RETURN properties(n) AS props")


def _properties(label: str) -> Statement:
    return Statement(
        f"properties_{label}",
        f"UNWIND $ids AS id MATCH (n:{label} {{id: id}}) RETURN n.id AS id, properties(n) AS props",
    )


def _restore(label: str) -> Statement:
    """Put back every property a node had (`row.props` holds its `id` too)."""
    return Statement(
        f"restore_{label}",
        f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) SET n = row.props "
        "RETURN count(n) AS restored",
        writes=True,
    )


def _remove(label: str) -> Statement:
    return Statement(
        f"remove_{label}",
        f"UNWIND $rows AS row MATCH (n:{label} {{id: row.id}}) DETACH DELETE n",
        writes=True,
    )


UPSERT = {n.label: _upsert(n.label) for n in NODES}
PROPERTIES = {n.label: _properties(n.label) for n in NODES}
RESTORE = {n.label: _restore(n.label) for n in NODES}
REMOVE = {n.label: _remove(n.label) for n in NODES}
DUMP = {n.label: _dump(n.label) for n in NODES}
EXISTING = {n.label: _existing(n.label) for n in NODES}
GET = {n.label: _get(n.label) for n in NODES}

COUNT_BY_LABEL = Statement(
    "count_nodes_by_label", "MATCH (n) RETURN labels(n)[0] AS label, count(*) AS count"
)
