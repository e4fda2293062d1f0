"""What one city's read models need: its standing (reports, contributions, focal points), its
introductions, and the id it now has when it is named by a former id."""

from graph.statement import Statement

# A city with its country, field, reports, contributions and focal points, in one read. Each
# comprehension has a variable of its own: FalkorDB answers [] for a second one reusing `m`.
CITY_STATUS = Statement(
    "city_status",
    "MATCH (c:City {id: $city}) "
    "OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country) "
    "OPTIONAL MATCH (c)-[:DESIGNATED_IN]->(f:CreativeField) "
    "RETURN c {.*} AS city, k.id AS country, k.name AS country_name, "
    "f.id AS field, f.name AS field_name, "
    "[(r:MonitoringReport)-[:REPORT_OF]->(c) | r {.*}] AS reports, "
    "[(m:Contribution)-[:CONTRIBUTION_OF]->(c) | m {.*}] AS contributions, "
    "[(p:FocalPoint)-[:REPRESENTS]->(c) | p {.*}] AS focal_points",
)

# Introductions a city asked for or was asked to meet, with both sides named.
CITY_INTRODUCTIONS = Statement(
    "city_introductions",
    "MATCH (i:Introduction)-[:REQUESTED_BY|TO_CITY]->(:City {id: $city}) "
    "WHERE i.status IN $statuses "
    "MATCH (i)-[:REQUESTED_BY]->(a:City) "
    "OPTIONAL MATCH (i)-[:TO_CITY]->(pc:City) "
    "OPTIONAL MATCH (i)-[:TO_INSTITUTION]->(pi:PartnerInstitution) "
    "RETURN DISTINCT i {.*} AS introduction, a.id AS asking, a.name AS asking_name, "
    "coalesce(pc.id, pi.id) AS partner, coalesce(pc.name, pi.name) AS partner_name "
    "ORDER BY introduction.requested_date DESC, introduction.id",
)

# The city that now answers to a former id (ids made before names were transliterated).
CITY_BY_FORMER_ID = Statement(
    "city_by_former_id",
    "MATCH (c:City) WHERE $id IN c.former_ids RETURN c.id AS id ORDER BY id LIMIT 1",
)

STATEMENTS = (CITY_STATUS, CITY_INTRODUCTIONS, CITY_BY_FORMER_ID)
