"""What the network analytics read: member cities with their places, projects with the cities
and institutions in them, institutions with their standing partnerships. Three bulk reads that
`services.analytics.network` turns into one snapshot, cached per graph version."""

from graph.statement import Statement

CITIES = Statement(
    "analytics_cities",
    "MATCH (c:City {status: 'member'}) "
    "OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country) "
    "OPTIONAL MATCH (k)-[:IN_REGION]->(r:Region) "
    "OPTIONAL MATCH (c)-[:DESIGNATED_IN]->(f:CreativeField) "
    "RETURN c.id AS id, c.name AS name, c.designation_year AS year, c.latitude AS latitude, "
    "c.longitude AS longitude, k.id AS country, r.id AS region, "
    "coalesce(k.global_south, false) AS south, f.id AS field, "
    "coalesce(c.generated, false) AS generated",
)

PROJECTS = Statement(
    "analytics_projects",
    "MATCH (p:PilotProject) "
    "RETURN p.id AS id, p.start_year AS start_year, p.status AS status, "
    "[(p)-[:LED_BY|PARTICIPATES_IN]-(o:City) | o.id] AS cities, "
    "[(i:PartnerInstitution)-[:CONTRIBUTES_TO]->(p) | i.id] AS institutions",
)

INSTITUTIONS = Statement(
    "analytics_institutions",
    "MATCH (i:PartnerInstitution) "
    "OPTIONAL MATCH (i)-[:BASED_IN]->(k:Country) "
    "OPTIONAL MATCH (k)-[:IN_REGION]->(r:Region) "
    "RETURN i.id AS id, i.name AS name, i.kind AS kind, k.id AS country, r.id AS region, "
    "[(i)-[w:PARTNERS_WITH]->(o:City) | [o.id, w.since_year]] AS partners",
)

STATEMENTS = (CITIES, PROJECTS, INSTITUTIONS)
