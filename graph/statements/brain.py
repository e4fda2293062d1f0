"""What mentor pairing, host ranking and call checks read, and the brain's writes (introductions,
dismissals, host applications)."""

from graph.statement import Statement

# A city's place, one row per city whatever the graph holds: a city has one country (in one
# region) and one creative field, but a row per combination of edges would make a city with
# two countries two candidates, two mentors or two applicants. The lists let the caller see
# such a bad record and leave it out with a reason (`services.mentors.record_problem`).
_PLACE = (
    "OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country) "
    "OPTIONAL MATCH (k)-[:IN_REGION]->(r:Region) "
    "OPTIONAL MATCH (c)-[:DESIGNATED_IN]->(f:CreativeField) "
)
_PLACES = (
    "collect(DISTINCT k.id) AS countries, collect(DISTINCT r.id) AS regions, "
    "collect(DISTINCT f.id) AS fields"
)

# The candidate cities of one call for applications.
CALL_CANDIDATES = Statement(
    "brain_call_candidates",
    "MATCH (c:City) WHERE c.call_year = $year " + _PLACE + f"WITH c, {_PLACES} "
    "RETURN c.id AS id, c.name AS name, c.status AS status, countries, regions, fields, "
    "coalesce(c.languages, []) AS languages ORDER BY id",
)

# Member cities, as mentors and as the list a candidate must not already be on.
MEMBERS = Statement(
    "brain_members",
    "MATCH (c:City {status: 'member'}) " + _PLACE + f"WITH c, {_PLACES} "
    "RETURN c.id AS id, c.name AS name, countries, regions, fields, "
    "coalesce(c.languages, []) AS languages ORDER BY id",
)

# Mentorships still running or proposed, per mentor: they use up its capacity.
MENTEES = Statement(
    "brain_mentees",
    "MATCH (m:Mentorship)-[:MENTOR]->(c:City) WHERE m.status IN $statuses "
    "RETURN c.id AS id, count(m) AS mentees",
)

# Monitoring reports overdue on a date: due before it, not submitted by it.
# The date tests are inside CASE, not in WHERE: see recommend.INDEX_OVERDUE (FalkorDB's range
# index on `due_date` ignores a string bound).
OVERDUE_ON = Statement(
    "brain_overdue_on",
    "MATCH (m:MonitoringReport)-[:REPORT_OF]->(c:City) "
    "WITH c, m, CASE WHEN m.due_date < $on "
    "AND (m.submitted_date IS NULL OR m.submitted_date > $on) THEN 1 ELSE 0 END AS late "
    "WHERE late = 1 "
    "RETURN c.id AS id, min(m.due_date) AS since, count(m) AS overdue",
)

FIELDS_OPEN = Statement(
    "brain_fields_open",
    "MATCH (f:CreativeField) RETURN f.id AS id, coalesce(f.since_year, 2004) AS since",
)

# One row per applying city (however many applications or places the graph gives it).
HOST_APPLICANTS = Statement(
    "brain_host_applicants",
    "MATCH (a:HostApplication {year: $year})-[:APPLIED_BY]->(c:City) "
    + _PLACE
    + f"WITH c, {_PLACES}, collect(DISTINCT a.id) AS applications, "
    "collect(k.global_south) AS souths, head(collect(a.venue_seats)) AS venue_seats, "
    "head(collect(a.hotel_rooms)) AS hotel_rooms, head(collect(a.airport_km)) AS airport_km "
    "RETURN c.id AS id, c.name AS name, countries, regions, fields, applications, "
    "true IN souths AS south, venue_seats, hotel_rooms, airport_km ORDER BY id",
)

# Conferences held before a year: where (the host country's region), which fields and cities.
HOST_HISTORY = Statement(
    "brain_host_history",
    "MATCH (n:Conference) WHERE n.year < $year AND n.status = 'held' "
    "OPTIONAL MATCH (n)-[:HELD_IN]->(:Country)-[:IN_REGION]->(r:Region) "
    "OPTIONAL MATCH (n)-[:HOSTED_BY]->(c:City) "
    "OPTIONAL MATCH (c)-[:DESIGNATED_IN]->(f:CreativeField) "
    "RETURN n.year AS year, collect(DISTINCT r.id) AS regions, collect(DISTINCT f.id) AS fields, "
    "collect(DISTINCT c.id) AS cities ORDER BY year",
)

# The years each of these cities contributed before `year`.
CONTRIBUTION_YEARS = Statement(
    "brain_contribution_years",
    "UNWIND $ids AS key MATCH (k:Contribution)-[:CONTRIBUTION_OF]->(c:City {id: key}) "
    "WHERE k.year < $year RETURN key, collect(k.year) AS years",
)

# --- writes --------------------------------------------------------------------------------------

# An introduction is one per asking city, partner and day: a retry the same day is the same one.
INTRODUCE_CITY = Statement(
    "brain_introduce_city",
    "MATCH (c:City {id: $city}) MATCH (x:City {id: $partner}) "
    "MERGE (n:Introduction {id: $introduction}) ON CREATE SET n += $props "
    "MERGE (n)-[:REQUESTED_BY]->(c) MERGE (n)-[:TO_CITY]->(x) "
    "RETURN properties(n) AS props",
    writes=True,
)

INTRODUCE_INSTITUTION = Statement(
    "brain_introduce_institution",
    "MATCH (c:City {id: $city}) MATCH (x:PartnerInstitution {id: $partner}) "
    "MERGE (n:Introduction {id: $introduction}) ON CREATE SET n += $props "
    "MERGE (n)-[:REQUESTED_BY]->(c) MERGE (n)-[:TO_INSTITUTION]->(x) "
    "RETURN properties(n) AS props",
    writes=True,
)

INTRODUCTION_STATE = Statement(
    "brain_introduction_state",
    "MATCH (n:Introduction {id: $introduction})-[:REQUESTED_BY]->(c:City) "
    "OPTIONAL MATCH (n)-[:TO_CITY]->(x:City) "
    "RETURN properties(n) AS props, c.id AS city, x.id AS partner_city",
)

UPDATE_INTRODUCTION = Statement(
    "brain_update_introduction",
    "MATCH (n:Introduction {id: $introduction}) "
    "SET n.status = $status, n.updated_date = $today RETURN properties(n) AS props",
    writes=True,
)

DISMISS = Statement(
    "brain_dismiss",
    "MATCH (c:City {id: $city}) "
    "MERGE (d:Dismissal {id: $dismissal}) ON CREATE SET d += $props "
    "MERGE (d)-[:DISMISSED_BY]->(c) RETURN properties(d) AS props",
    writes=True,
)

# A city applies once per year; applying again replaces what it declared.
RECORD_HOST_APPLICATION = Statement(
    "brain_record_host_application",
    "MATCH (c:City {id: $city}) "
    "MERGE (a:HostApplication {id: $application}) SET a = $props "
    "MERGE (a)-[:APPLIED_BY]->(c) RETURN properties(a) AS props",
    writes=True,
)

STATEMENTS = (
    CALL_CANDIDATES,
    MEMBERS,
    MENTEES,
    OVERDUE_ON,
    FIELDS_OPEN,
    HOST_APPLICANTS,
    HOST_HISTORY,
    CONTRIBUTION_YEARS,
    INTRODUCE_CITY,
    INTRODUCE_INSTITUTION,
    INTRODUCTION_STATE,
    UPDATE_INTRODUCTION,
    DISMISS,
    RECORD_HOST_APPLICATION,
)
