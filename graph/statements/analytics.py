"""What the network analytics read: member cities with their places, projects with the cities
and institutions in them, institutions with their standing partnerships. Flat bulk reads, run
concurrently, that `services.analytics.network` joins into one snapshot, cached per graph
version. (Flat rows, not pattern comprehensions per project: on fifty thousand projects
FalkorDB answers the flat form several times faster.)"""

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

# Projects grouped by what the figures read of them (a few dozen rows of id lists, not one row
# of four columns per project: FalkorDB's client spends its time parsing values), and their
# leads grouped by city, as the participations are.
PROJECTS = Statement(
    "analytics_projects",
    "MATCH (p:PilotProject) "
    "RETURN p.start_year AS start_year, p.status AS status, collect(p.id) AS ids",
)

LEADS = Statement(
    "analytics_leads",
    "MATCH (p:PilotProject)-[:LED_BY]->(o:City) RETURN o.id AS id, collect(p.id) AS projects",
)

# The cities taking part besides the lead (an invited city takes no part until it accepts),
# grouped by city: far fewer rows than one per participation.
PARTICIPATIONS = Statement(
    "analytics_participations",
    "MATCH (o:City)-[:PARTICIPATES_IN]->(p:PilotProject) "
    "RETURN o.id AS id, collect(p.id) AS projects",
)

CONTRIBUTIONS = Statement(
    "analytics_contributions",
    "MATCH (i:PartnerInstitution)-[:CONTRIBUTES_TO]->(p:PilotProject) "
    "RETURN i.id AS id, collect(p.id) AS projects",
)

INSTITUTIONS = Statement(
    "analytics_institutions",
    "MATCH (i:PartnerInstitution) "
    "OPTIONAL MATCH (i)-[:BASED_IN]->(k:Country) "
    "OPTIONAL MATCH (k)-[:IN_REGION]->(r:Region) "
    "RETURN i.id AS id, i.name AS name, i.kind AS kind, k.id AS country, r.id AS region",
)

PARTNERSHIPS = Statement(
    "analytics_partnerships",
    "MATCH (i:PartnerInstitution)-[w:PARTNERS_WITH]->(o:City) "
    "RETURN i.id AS institution, o.id AS city, w.since_year AS since_year",
)

STATEMENTS = (
    CITIES,
    PROJECTS,
    LEADS,
    PARTICIPATIONS,
    CONTRIBUTIONS,
    INSTITUTIONS,
    PARTNERSHIPS,
)
