"""One hop of a neighbourhood walk from a batch of nodes of one label, credentials excluded."""

from graph.model import EXPORTED_LABELS
from graph.statement import Statement
from graph.statements.neighbours import by_ids


def _hop(label: str) -> Statement:
    return Statement(
        f"hop_from_{label}",
        by_ids("a", label) + "MATCH (a)-[r]-(b) "
        "WHERE NOT 'ApiToken' IN labels(b) "
        "RETURN key, labels(b)[0] AS label, b.id AS id, type(r) AS type, "
        "startNode(r) = a AS outgoing, properties(b) AS props "
        "ORDER BY key, label, id LIMIT $limit",
    )


HOP = {label: _hop(label) for label in EXPORTED_LABELS}
