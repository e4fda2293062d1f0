"""Counts the API's aggregates need, computed in the graph."""

from graph.statement import Statement

CITIES_PER_FIELD = Statement(
    "cities_per_field",
    "MATCH (f:CreativeField) OPTIONAL MATCH (f)<-[:DESIGNATED_IN]-(c:City {status: 'member'}) "
    "RETURN f.id AS key, count(c) AS count ORDER BY key",
)

CITIES_PER_REGION = Statement(
    "cities_per_region",
    "MATCH (r:Region) "
    "OPTIONAL MATCH (r)<-[:IN_REGION]-(:Country)<-[:IN_COUNTRY]-(c:City {status: 'member'}) "
    "RETURN r.id AS key, count(c) AS count ORDER BY key",
)

PROJECTS_PER_GOAL = Statement(
    "projects_per_goal",
    "MATCH (g:SDGGoal) OPTIONAL MATCH (g)<-[:OF_GOAL]-(:SDGTarget)<-[:ADDRESSES]-(p:PilotProject) "
    "RETURN g.number AS number, g.id AS key, count(DISTINCT p) AS count ORDER BY number",
)
