"""What partner recommendations read.

The hub keeps a recommendation index (`services.partner_index`) built from the `INDEX_*` statements:
a few bulk reads, rebuilt after the hub's own writes and at most `recommend_index_ttl_s` old.
What changes with every request (the asking city's dismissals and introductions, the feedback
loop) is read fresh by `ASKER`.

FalkorDB hangs on a `reduce` whose list is a pattern comprehension binding the same name as the
reduce's own variable (`reduce(y = 0, p IN [(o)--(p) | …] | …)`): keep such names apart.
"""

from graph.statement import Statement

# One row for the asking city. A city the graph gives more than one country (or field) has
# none here: the answer is then made without its own country (or field), instead of from
# whichever edge came first.
ASKER = Statement(
    "recommend_asker",
    "MATCH (c:City {id: $city}) "
    "OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country) "
    "OPTIONAL MATCH (c)-[:DESIGNATED_IN]->(f:CreativeField) "
    "WITH c, collect(DISTINCT k.id) AS countries, collect(DISTINCT f.id) AS fields "
    "RETURN c.id AS id, c.status AS status, "
    "CASE WHEN size(countries) = 1 THEN countries[0] END AS country, "
    "CASE WHEN size(fields) = 1 THEN fields[0] END AS field, "
    "[(c)<-[:DISMISSED_BY]-(d:Dismissal) | [d.partner_kind, d.partner_id, d.need]] AS dismissed, "
    "[(c)<-[:REQUESTED_BY]-(n:Introduction)-[:TO_CITY|TO_INSTITUTION]->(x) | "
    "[n.partner_kind, x.id, n.status]] AS introductions",
)

# One row per city, with every country and field the graph gives it: the index leaves out
# (as a candidate) a city with more than one, instead of keeping whichever row came last.
INDEX_CITIES = Statement(
    "recommend_index_cities",
    "MATCH (o:City) "
    "OPTIONAL MATCH (o)-[:IN_COUNTRY]->(k:Country) "
    "OPTIONAL MATCH (o)-[:DESIGNATED_IN]->(f:CreativeField) "
    "RETURN o.id AS id, o.name AS name, o.status AS status, "
    "collect(DISTINCT k.id) AS countries, collect(DISTINCT f.id) AS fields, "
    "coalesce(o.generated, false) AS generated",
)

INDEX_INSTITUTIONS = Statement(
    "recommend_index_institutions",
    "MATCH (i:PartnerInstitution) OPTIONAL MATCH (i)-[:BASED_IN]->(k:Country) "
    "RETURN i.id AS id, i.name AS name, collect(DISTINCT k.id) AS countries, "
    "coalesce(i.generated, false) AS generated",
)

# The projects, read grouped by what few values they share (a year, a target, a field, a city,
# an institution), each group listing its projects by the engine's own key for the node: one
# short key per project and link, with no grouping on 50,000 project ids (the per-project reads
# this replaced spent most of the index build grouping and shipping long id strings). The keys
# only join these reads to each other within one build; they are never kept or shown.
# FalkorDB's integer `id()`; Neo4j 5 deprecates `id()` for `elementId()`.
_PROJECT_KEY = {"falkordb": "id(p)", "neo4j": "elementId(p)"}


def _per_engine(name: str, template: str) -> Statement:
    return Statement(
        name,
        falkordb=template.format(key=_PROJECT_KEY["falkordb"]),
        neo4j=template.format(key=_PROJECT_KEY["neo4j"]),
    )


INDEX_PROJECT_YEARS = _per_engine(
    "recommend_index_project_years",
    "MATCH (p:PilotProject) "
    "RETURN coalesce(p.end_year, p.start_year) AS year, coalesce(p.generated, false) AS generated, "
    "collect({key}) AS projects",
)

INDEX_TARGET_PROJECTS = _per_engine(
    "recommend_index_target_projects",
    "MATCH (p:PilotProject)-[:ADDRESSES]->(t:SDGTarget) "
    "RETURN t.id AS id, collect({key}) AS projects",
)

INDEX_FIELD_PROJECTS = _per_engine(
    "recommend_index_field_projects",
    "MATCH (p:PilotProject)-[:IN_FIELD]->(f:CreativeField) "
    "RETURN f.id AS id, collect({key}) AS projects",
)

INDEX_CITY_PROJECTS = _per_engine(
    "recommend_index_city_projects",
    "MATCH (o:City)-[:LED_BY|PARTICIPATES_IN]-(p:PilotProject) "
    "RETURN o.id AS id, collect({key}) AS projects",
)

INDEX_INSTITUTION_PROJECTS = _per_engine(
    "recommend_index_institution_projects",
    "MATCH (i:PartnerInstitution)-[:CONTRIBUTES_TO]->(p:PilotProject) "
    "RETURN i.id AS id, collect({key}) AS projects",
)

INDEX_PARTNERSHIPS = Statement(
    "recommend_index_partnerships",
    "MATCH (i:PartnerInstitution)-[:PARTNERS_WITH]->(o:City) "
    "RETURN i.id AS id, collect(DISTINCT o.id) AS ids",
)

# The date test is inside CASE, not in WHERE: FalkorDB answers `m.due_date < $today` in WHERE
# from the range index on `due_date`, which ignores the bound for strings (every report passes).
INDEX_OVERDUE = Statement(
    "recommend_index_overdue",
    "MATCH (m:MonitoringReport)-[:REPORT_OF]->(o:City) "
    "WITH o, sum(CASE WHEN m.submitted_date IS NULL AND m.due_date < $today THEN 1 ELSE 0 END) "
    "AS overdue WHERE overdue > 0 "
    "RETURN o.id AS id, overdue",
)

# The small tables a recommendation reads names and places from.
PLACES = Statement(
    "recommend_places",
    "MATCH (k:Country) OPTIONAL MATCH (k)-[:IN_REGION]->(r:Region) "
    "RETURN 'country' AS kind, k.id AS id, k.name AS name, r.id AS region, "
    "coalesce(k.global_south, false) AS south "
    "UNION ALL MATCH (r:Region) "
    "RETURN 'region' AS kind, r.id AS id, r.name AS name, null AS region, false AS south "
    "UNION ALL MATCH (f:CreativeField) "
    "RETURN 'field' AS kind, f.id AS id, f.name AS name, null AS region, false AS south "
    "UNION ALL MATCH (t:SDGTarget) "
    "RETURN 'target' AS kind, t.id AS id, t.id AS name, null AS region, false AS south",
)

INDEX = (
    INDEX_CITIES,
    INDEX_INSTITUTIONS,
    INDEX_PROJECT_YEARS,
    INDEX_TARGET_PROJECTS,
    INDEX_FIELD_PROJECTS,
    INDEX_CITY_PROJECTS,
    INDEX_INSTITUTION_PROJECTS,
    INDEX_PARTNERSHIPS,
)
