"""Full-text search on names. The engines name and call their full-text indexes differently."""

from __future__ import annotations

from graph.model import NODES
from graph.schema import fulltext_index_name
from graph.statement import Statement


def _search(label: str) -> Statement:
    yielded = (
        "YIELD node, score RETURN node.id AS id, score, properties(node) AS props "
        "ORDER BY score DESC, id LIMIT $limit"
    )
    return Statement(
        f"search_{label}",
        # Neo4j: a named Lucene index.
        neo4j=(
            f"CALL db.index.fulltext.queryNodes('{fulltext_index_name(label)}', $query) {yielded}"
        ),
        # FalkorDB: one RediSearch index per label, addressed by the label.
        falkordb=f"CALL db.idx.fulltext.queryNodes('{label}', $query) {yielded}",
    )


SEARCH = {n.label: _search(n.label) for n in NODES if n.fulltext}
