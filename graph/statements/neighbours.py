"""Batched neighbour lookups for DataLoaders: one statement per relationship and direction.

`out_<key>` walks Start-[:TYPE]->End from a batch of Start ids; `in_<key>` walks back from End
ids. Each returns one row per distinct neighbour, ordered by its id: `id`, its property `values`
and the batch `keys` it is a neighbour of. A loader answers a whole level of a GraphQL query in
one round trip, and a neighbour many keys share (an SDG target most projects address) crosses
the wire and is parsed once, not once per key.
"""

from __future__ import annotations

from graph.model import EXPORTED_LABELS, EXPORTED_RELATIONSHIPS, NODE_BY_LABEL, RelSpec
from graph.statement import Statement

# Neighbours come back as a list of property values in model order, not as a map: half the
# strings for the client to parse. VALUE_COLUMNS names them, per statement.
VALUE_COLUMNS: dict[str, tuple[str, ...]] = {}


def _values(name: str, var: str, label: str) -> str:
    columns = tuple(p.name for p in NODE_BY_LABEL[label].props)
    VALUE_COLUMNS[name] = columns
    return "[" + ", ".join(f"{var}.{c}" for c in columns) + "] AS values"


def by_ids(var: str, label: str) -> str:
    """The batch's nodes, each once, with its id as `key`: one index scan with `IN` (FalkorDB
    runs an unwound `MATCH (n {id: key})` as one index probe per row, 6-10x slower for a batch
    of 100 to 1,000 ids)."""
    return f"MATCH ({var}:{label}) WHERE {var}.id IN $ids WITH {var}, {var}.id AS key "


def _grouped(name: str, var: str, label: str) -> str:
    """The tail every neighbour statement shares: one row per distinct neighbour `var`."""
    return (
        f"WITH {var}, collect(key) AS keys "
        f"RETURN {var}.id AS id, {_values(name, var, label)}, keys ORDER BY id"
    )


def _out(rel: RelSpec) -> Statement:
    name = f"out_{rel.key}"
    return Statement(
        name,
        by_ids("a", rel.start)
        + f"MATCH (a)-[:{rel.type}]->(b:{rel.end}) "
        + _grouped(name, "b", rel.end),
    )


def _in(rel: RelSpec) -> Statement:
    name = f"in_{rel.key}"
    return Statement(
        name,
        by_ids("a", rel.end)
        + f"MATCH (a)<-[:{rel.type}]-(b:{rel.start}) "
        + _grouped(name, "b", rel.start),
    )


OUTGOING = {r.key: _out(r) for r in EXPORTED_RELATIONSHIPS}
INCOMING = {r.key: _in(r) for r in EXPORTED_RELATIONSHIPS}


def _by_ids(label: str) -> Statement:
    return Statement(
        f"nodes_by_id_{label}",
        by_ids("n", label) + f"RETURN key, {_values(f'nodes_by_id_{label}', 'n', label)}",
    )


NODES_BY_ID = {label: _by_ids(label) for label in EXPORTED_LABELS}

# Two-hop neighbours the API shows as one list, each in one round trip. A neighbour reached
# along several paths from the same key is listed once for it.
CITY_PROJECTS = Statement(
    "city_projects",
    by_ids("a", "City") + "MATCH (a)-[:LED_BY|PARTICIPATES_IN]-(p:PilotProject) "
    "WITH DISTINCT key, p " + _grouped("city_projects", "p", "PilotProject"),
)

COOPERATING_CITIES = Statement(
    "cooperating_cities",
    by_ids("a", "City") + "MATCH (a)-[:LED_BY|PARTICIPATES_IN]-(:PilotProject)"
    "-[:LED_BY|PARTICIPATES_IN]-(b:City) WHERE b.id <> key "
    "WITH DISTINCT key, b " + _grouped("cooperating_cities", "b", "City"),
)

TARGET_CITIES = Statement(
    "target_cities",
    by_ids("t", "SDGTarget") + "MATCH (t)<-[:ADDRESSES]-(:PilotProject)"
    "-[:LED_BY|PARTICIPATES_IN]-(c:City) "
    "WITH DISTINCT key, c " + _grouped("target_cities", "c", "City"),
)

CITY_MENTORSHIPS = Statement(
    "city_mentorships",
    by_ids("a", "City") + "MATCH (a)<-[:MENTOR|CANDIDATE]-(m:Mentorship) "
    "WITH DISTINCT key, m " + _grouped("city_mentorships", "m", "Mentorship"),
)

TWO_HOP = (CITY_PROJECTS, COOPERATING_CITIES, TARGET_CITIES, CITY_MENTORSHIPS)
