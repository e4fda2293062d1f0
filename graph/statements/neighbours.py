"""Batched neighbour lookups for DataLoaders: one statement per relationship and direction.

`out_<key>` walks Start-[:TYPE]->End from a batch of Start ids; `in_<key>` walks back from End
ids. Each returns (key, properties) pairs ordered by neighbour id, so a loader answers a whole
level of a GraphQL query in one round trip.
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


def _out(rel: RelSpec) -> Statement:
    return Statement(
        f"out_{rel.key}",
        f"UNWIND $ids AS key MATCH (a:{rel.start} {{id: key}})-[r:{rel.type}]->(b:{rel.end}) "
        f"RETURN key, b.id AS id, {_values(f'out_{rel.key}', 'b', rel.end)}, "
        "properties(r) AS rel ORDER BY key, id",
    )


def _in(rel: RelSpec) -> Statement:
    return Statement(
        f"in_{rel.key}",
        f"UNWIND $ids AS key MATCH (a:{rel.end} {{id: key}})<-[r:{rel.type}]-(b:{rel.start}) "
        f"RETURN key, b.id AS id, {_values(f'in_{rel.key}', 'b', rel.start)}, "
        "properties(r) AS rel ORDER BY key, id",
    )


OUTGOING = {r.key: _out(r) for r in EXPORTED_RELATIONSHIPS}
INCOMING = {r.key: _in(r) for r in EXPORTED_RELATIONSHIPS}


def _by_ids(label: str) -> Statement:
    return Statement(
        f"nodes_by_id_{label}",
        f"UNWIND $ids AS key MATCH (n:{label} {{id: key}}) "
        f"RETURN key, {_values(f'nodes_by_id_{label}', 'n', label)}",
    )


NODES_BY_ID = {label: _by_ids(label) for label in EXPORTED_LABELS}

# Two-hop neighbours the API shows as one list, each in one round trip.
CITY_PROJECTS = Statement(
    "city_projects",
    "UNWIND $ids AS key MATCH (a:City {id: key})-[r:LED_BY|PARTICIPATES_IN]-(p:PilotProject) "
    f"RETURN key, p.id AS id, {_values('city_projects', 'p', 'PilotProject')}, "
    "{role: CASE type(r) WHEN 'LED_BY' THEN 'lead' ELSE coalesce(r.role, 'participant') END} "
    "AS rel ORDER BY key, id",
)

COOPERATING_CITIES = Statement(
    "cooperating_cities",
    "UNWIND $ids AS key "
    "MATCH (a:City {id: key})-[:LED_BY|PARTICIPATES_IN]-(p:PilotProject)"
    "-[:LED_BY|PARTICIPATES_IN]-(b:City) WHERE b.id <> key "
    "WITH key, b, count(DISTINCT p) AS shared "
    f"RETURN key, b.id AS id, {_values('cooperating_cities', 'b', 'City')}, "
    "{shared_projects: shared} AS rel "
    "ORDER BY key, id",
)

TARGET_CITIES = Statement(
    "target_cities",
    "UNWIND $ids AS key "
    "MATCH (t:SDGTarget {id: key})<-[:ADDRESSES]-(p:PilotProject)"
    "-[:LED_BY|PARTICIPATES_IN]-(c:City) "
    "WITH key, c, count(DISTINCT p) AS projects "
    f"RETURN key, c.id AS id, {_values('target_cities', 'c', 'City')}, "
    "{projects: projects} AS rel ORDER BY key, id",
)

CITY_MENTORSHIPS = Statement(
    "city_mentorships",
    "UNWIND $ids AS key MATCH (a:City {id: key})<-[r:MENTOR|CANDIDATE]-(m:Mentorship) "
    f"RETURN key, m.id AS id, {_values('city_mentorships', 'm', 'Mentorship')}, "
    "{role: CASE type(r) WHEN 'MENTOR' THEN 'mentor' ELSE 'candidate' END} AS rel "
    "ORDER BY key, id",
)

TWO_HOP = (CITY_PROJECTS, COOPERATING_CITIES, TARGET_CITIES, CITY_MENTORSHIPS)
