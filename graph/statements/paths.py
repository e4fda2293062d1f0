"""Shortest cooperation path between two cities, through the projects they share.

Neo4j finds shortest paths in MATCH, bounded by a constant (it forbids a parameter there) and
filtered by `$max_hops` after; FalkorDB's shortestPath() is directed only, so it uses
algo.SPpaths, which takes the bound and the relationship types as parameters.
"""

from graph.statement import Statement

MAX_PATH_HOPS = 6
COOPERATION_TYPES = ("LED_BY", "PARTICIPATES_IN", "CONTRIBUTES_TO", "PARTNERS_WITH")
_HOPS = "|".join(COOPERATION_TYPES)
_RETURN = (
    "RETURN [n IN nodes(p) | {id: n.id, label: labels(n)[0]}] AS nodes, "
    "[r IN relationships(p) | type(r)] AS types"
)

COOPERATION_PATH = Statement(
    "cooperation_path",
    neo4j=(
        "MATCH (a:City {id: $start}) MATCH (b:City {id: $end}) "
        f"MATCH p = shortestPath((a)-[:{_HOPS}*..{MAX_PATH_HOPS}]-(b)) "
        f"WHERE length(p) <= $max_hops {_RETURN}"
    ),
    # FalkorDB's shortestPath() is directed only; algo.SPpaths walks both directions.
    falkordb=(
        "MATCH (a:City {id: $start}), (b:City {id: $end}) "
        "CALL algo.SPpaths({sourceNode: a, targetNode: b, relTypes: $rel_types, "
        "relDirection: 'both', maxLen: $max_hops, pathCount: 1}) YIELD path AS p "
        f"{_RETURN}"
    ),
)
