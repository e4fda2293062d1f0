"""What a short listing of projects shows of each (the bot's answers): its lead city and the
SDG targets it works on, for a page of projects in one read."""

from graph.statement import Statement

PROJECT_LINES = Statement(
    "directory_project_lines",
    "UNWIND $ids AS key MATCH (p:PilotProject {id: key}) "
    "OPTIONAL MATCH (p)-[:LED_BY]->(l:City) "
    "OPTIONAL MATCH (p)-[:ADDRESSES]->(t:SDGTarget) "
    "WITH key, p, l, collect(DISTINCT t.id) AS targets "
    "OPTIONAL MATCH (p)<-[:PARTICIPATES_IN]-(c:City) "
    "RETURN key AS id, properties(p) AS props, l.id AS lead, l.name AS lead_name, targets, "
    "count(DISTINCT c) AS partners",
)

STATEMENTS = (PROJECT_LINES,)
