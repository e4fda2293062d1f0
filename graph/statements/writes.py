"""The API's writes: each mutation's whole change is ONE statement, so it lands entirely or not at
all (FalkorDB runs a query atomically; Neo4j runs it in one managed transaction).

`services.records` validates every value and checks that every referenced node exists before it runs
one of these; the statements still guard against a concurrent writer:
- creates are `CREATE` behind `count(old) = 0` (a leading `OPTIONAL MATCH ... WHERE old IS NULL`
  lets rows through on FalkorDB 4 even when `old` exists), so they return no row when the id is
  taken, and the caller re-reads and compares;
- records keyed by a composite id (`<city>:<year>`, ...) `MERGE` with `ON CREATE SET`, so an
  existing record is never overwritten; the caller compares what comes back.

Relationship sets are written with `OPTIONAL MATCH ... collect ... FOREACH`, never `UNWIND`,
so an empty list does not end the statement. A list parameter that is null (`$city_ids` in an
update) means "keep the current set"; a list replaces the set.
"""

from __future__ import annotations

from graph.statement import Statement

# The project's relationship sets: (relationship type, arrow from the project, far label,
# parameter with the far ids).
_PROJECT_SETS = (
    ("PARTICIPATES_IN", "in", "City", "city_ids"),
    ("INVITED_TO", "in", "City", "invited_ids"),
    ("CONTRIBUTES_TO", "in", "PartnerInstitution", "institution_ids"),
    ("IN_FIELD", "out", "CreativeField", "field_ids"),
    ("ADDRESSES", "out", "SDGTarget", "target_ids"),
)


def _pattern(direction: str, rel: str, far: str) -> str:
    return f"(p)<-[{rel}]-({far})" if direction == "in" else f"(p)-[{rel}]->({far})"


# An invitation remembers its day (set once, when it is made).
_ON_CREATE = {"INVITED_TO": " ON CREATE SET r.invited_date = $today"}


def _add_set(rel_type: str, direction: str, label: str, param: str) -> str:
    """Link the project to every node of `label` whose id is in `$param` (none when null)."""
    link = _pattern(direction, f"r:{rel_type}", "x")
    return (
        f"WITH p OPTIONAL MATCH (x:{label}) WHERE x.id IN coalesce(${param}, []) "
        f"WITH p, collect(x) AS found FOREACH (x IN found | MERGE {link}"
        f"{_ON_CREATE.get(rel_type, '')}) "
    )


def _drop_others(rel_type: str, direction: str, label: str, param: str) -> str:
    """Unlink the project from nodes of `label` not in `$param`; nothing when it is null."""
    link = _pattern(direction, f"old:{rel_type}", f"was:{label}")
    return (
        f"WITH p OPTIONAL MATCH {link} WHERE ${param} IS NOT NULL AND NOT was.id IN ${param} "
        "WITH p, collect(old) AS gone FOREACH (r IN gone | DELETE r) "
    )


_ADD_SETS = "".join(_add_set(*spec) for spec in _PROJECT_SETS)
_REPLACE_SETS = "".join(_drop_others(*spec) + _add_set(*spec) for spec in _PROJECT_SETS)

CREATE_PROJECT = Statement(
    "write_create_project",
    "OPTIONAL MATCH (old:PilotProject {id: $project}) "
    "WITH count(old) AS taken WHERE taken = 0 "
    "MATCH (lead:City {id: $lead}) "
    "CREATE (p:PilotProject {id: $project}) SET p += $props "
    "CREATE (p)-[:LED_BY]->(lead) "
    f"{_ADD_SETS}"
    "RETURN properties(p) AS props",
    writes=True,
)

# `$props` may hold nulls: `SET +=` removes those properties (summary, end_year cleared).
UPDATE_PROJECT = Statement(
    "write_update_project",
    "MATCH (p:PilotProject {id: $project}) SET p += $props "
    "WITH p OPTIONAL MATCH (p)-[old:LED_BY]->(was:City) "
    "WHERE $lead IS NOT NULL AND was.id <> $lead "
    "WITH p, collect(old) AS gone FOREACH (r IN gone | DELETE r) "
    "WITH p OPTIONAL MATCH (lead:City {id: $lead}) "
    "FOREACH (x IN CASE WHEN lead IS NULL THEN [] ELSE [lead] END | MERGE (p)-[:LED_BY]->(x)) "
    f"{_REPLACE_SETS}"
    "RETURN properties(p) AS props",
    writes=True,
)

# A project as the write rules compare it: properties and every relationship set.
PROJECT_STATE = Statement(
    "write_project_state",
    "MATCH (p:PilotProject {id: $project}) "
    "OPTIONAL MATCH (p)-[:LED_BY]->(lead:City) "
    "WITH p, collect(lead.id) AS leads "
    "OPTIONAL MATCH (p)<-[:PARTICIPATES_IN]-(c:City) "
    "WITH p, leads, collect(c.id) AS cities "
    "OPTIONAL MATCH (p)<-[:INVITED_TO]-(v:City) "
    "WITH p, leads, cities, collect(v.id) AS invited "
    "OPTIONAL MATCH (p)<-[:CONTRIBUTES_TO]-(i:PartnerInstitution) "
    "WITH p, leads, cities, invited, collect(i.id) AS institutions "
    "OPTIONAL MATCH (p)-[:IN_FIELD]->(f:CreativeField) "
    "WITH p, leads, cities, invited, institutions, collect(f.id) AS fields "
    "OPTIONAL MATCH (p)-[:ADDRESSES]->(t:SDGTarget) "
    "RETURN properties(p) AS props, leads, cities, invited, institutions, fields, "
    "collect(t.id) AS targets",
)

CREATE_INSTITUTION = Statement(
    "write_create_institution",
    "OPTIONAL MATCH (old:PartnerInstitution {id: $institution}) "
    "WITH count(old) AS taken WHERE taken = 0 "
    "MATCH (k:Country {id: $country}) "
    "CREATE (i:PartnerInstitution {id: $institution}) SET i += $props "
    "CREATE (i)-[:BASED_IN]->(k) "
    "WITH i OPTIONAL MATCH (c:City {id: $city}) "
    "FOREACH (x IN CASE WHEN c IS NULL THEN [] ELSE [c] END | "
    "MERGE (i)-[r:PARTNERS_WITH]->(x) SET r.since_year = $since_year) "
    "RETURN properties(i) AS props",
    writes=True,
)

INSTITUTION_STATE = Statement(
    "write_institution_state",
    "MATCH (i:PartnerInstitution {id: $institution}) "
    "OPTIONAL MATCH (i)-[:BASED_IN]->(k:Country) "
    "RETURN properties(i) AS props, collect(k.id) AS countries",
)

# A since year that is not given keeps the one recorded.
LINK_INSTITUTION = Statement(
    "write_link_institution",
    "MATCH (i:PartnerInstitution {id: $institution}) MATCH (c:City {id: $city}) "
    "MERGE (i)-[r:PARTNERS_WITH]->(c) SET r.since_year = coalesce($since_year, r.since_year) "
    "RETURN properties(i) AS institution, properties(c) AS city, r.since_year AS since_year",
    writes=True,
)

# Creates the report when it is not there yet (the caller then passes its due date); never
# changes a submission date already recorded (no row comes back then).
RECORD_REPORT = Statement(
    "write_record_report",
    "MATCH (c:City {id: $city}) "
    "MERGE (r:MonitoringReport {id: $report}) "
    "ON CREATE SET r.cycle = $cycle, r.due_date = $due_date "
    "WITH c, r WHERE r.submitted_date IS NULL OR r.submitted_date = $submitted_date "
    "SET r.submitted_date = $submitted_date, r.url = coalesce($url, r.url) "
    "MERGE (r)-[:REPORT_OF]->(c) "
    "RETURN properties(r) AS props",
    writes=True,
)

RECORD_CONTRIBUTION = Statement(
    "write_record_contribution",
    "MATCH (c:City {id: $city}) "
    "MERGE (n:Contribution {id: $contribution}) ON CREATE SET n += $props "
    "MERGE (n)-[:CONTRIBUTION_OF]->(c) "
    "RETURN properties(n) AS props",
    writes=True,
)

# A candidate city as the write rules compare it.
CANDIDATE_STATE = Statement(
    "write_candidate_state",
    "MATCH (c:City {id: $candidate}) "
    "OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country) "
    "WITH c, collect(k.id) AS countries "
    "OPTIONAL MATCH (c)-[:DESIGNATED_IN]->(f:CreativeField) "
    "RETURN properties(c) AS props, countries, collect(f.id) AS fields",
)

# The candidate city is created, or reused when it is the same candidate (same name, country and
# field); any other city under that id stops the statement before it writes anything.
# `created` is true for the one call that created the mentorship: MERGE serialises concurrent
# creators, and the flag set on creation is gone before the statement ends.
RECORD_CANDIDATE = Statement(
    "write_record_candidate",
    "MATCH (m:City {id: $mentor}) "
    "MATCH (k:Country {id: $country}) "
    "MATCH (f:CreativeField {id: $field}) "
    "MERGE (c:City {id: $candidate}) ON CREATE SET c += $city_props "
    "WITH m, k, f, c WHERE c.status = $candidate_status AND c.name = $candidate_name "
    "OPTIONAL MATCH (c)-[:IN_COUNTRY]->(elsewhere:Country) WHERE elsewhere.id <> $country "
    "WITH m, k, f, c, count(elsewhere) AS elsewheres "
    "OPTIONAL MATCH (c)-[:DESIGNATED_IN]->(other:CreativeField) WHERE other.id <> $field "
    "WITH m, k, f, c, elsewheres, count(other) AS others "
    "WHERE elsewheres = 0 AND others = 0 "
    "MERGE (c)-[:IN_COUNTRY]->(k) "
    "MERGE (c)-[:DESIGNATED_IN]->(f) "
    "MERGE (s:Mentorship {id: $mentorship}) "
    "ON CREATE SET s += $mentorship_props, s.created_now = true "
    "MERGE (s)-[:MENTOR]->(m) "
    "MERGE (s)-[:CANDIDATE]->(c) "
    "WITH c, s, coalesce(s.created_now, false) AS created REMOVE s.created_now "
    "RETURN properties(c) AS city, properties(s) AS mentorship, created",
    writes=True,
)

# An invited city answers: the invitation goes, and on yes the city takes part. No row when
# there is no such invitation.
ANSWER_INVITATION = Statement(
    "write_answer_invitation",
    "MATCH (c:City {id: $city})-[i:INVITED_TO]->(p:PilotProject {id: $project}) "
    "DELETE i "
    "WITH c, p FOREACH (x IN CASE WHEN $accept THEN [c] ELSE [] END | "
    "MERGE (x)-[:PARTICIPATES_IN]->(p)) "
    "RETURN properties(p) AS props",
    writes=True,
)

STATEMENTS = (
    CREATE_PROJECT,
    ANSWER_INVITATION,
    UPDATE_PROJECT,
    PROJECT_STATE,
    CREATE_INSTITUTION,
    INSTITUTION_STATE,
    LINK_INSTITUTION,
    RECORD_REPORT,
    RECORD_CONTRIBUTION,
    CANDIDATE_STATE,
    RECORD_CANDIDATE,
)
