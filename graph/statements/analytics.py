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
# of four columns per project: FalkorDB's client spends its time parsing values).
PROJECTS = Statement(
    "analytics_projects",
    "MATCH (p:PilotProject) "
    "RETURN p.start_year AS start_year, p.status AS status, collect(p.id) AS ids",
)

# The projects each city takes part in, as lead or beside it (an invited city takes no part
# until it accepts), and those each institution contributes to: one row per city or
# institution, its project ids joined into one text by `$separator`, with their number beside
# it (the reader checks that it splits into that many). The client parses each value of a
# result on its own, so one text per row instead of a list of ids parses about a hundred
# thousand values fewer. FalkorDB joins with `string.join`: its `+` in a `reduce` over long
# texts dropped characters (falkordblite 0.11); Neo4j has no `string.join`, and concatenates.
_JOINED = "WITH {who}, collect(p.id) AS projects RETURN {who}.id AS id, size(projects) AS count, "
_FALKORDB_JOIN = "string.join(projects, $separator) AS projects"
_NEO4J_JOIN = (
    "reduce(joined = head(projects), project IN tail(projects) | "
    "joined + $separator + project) AS projects"
)
_TAKING_PART = "MATCH (o:City)-[:LED_BY|PARTICIPATES_IN]-(p:PilotProject) " + _JOINED.format(
    who="o"
)
_CONTRIBUTING = (
    "MATCH (i:PartnerInstitution)-[:CONTRIBUTES_TO]->(p:PilotProject) " + _JOINED.format(who="i")
)

TAKING_PART = Statement(
    "analytics_taking_part",
    neo4j=_TAKING_PART + _NEO4J_JOIN,
    falkordb=_TAKING_PART + _FALKORDB_JOIN,
)

CONTRIBUTIONS = Statement(
    "analytics_contributions",
    neo4j=_CONTRIBUTING + _NEO4J_JOIN,
    falkordb=_CONTRIBUTING + _FALKORDB_JOIN,
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
    TAKING_PART,
    CONTRIBUTIONS,
    INSTITUTIONS,
    PARTNERSHIPS,
)
