"""The scheduled jobs' statements: the delivery ledger, the scheduler's lease, the digest's
record, and the bulk reads a sweep over the whole network rests on (one read each, so a
sweep over 10,000 cities is a handful of queries, not one per city).

Ledger states and times are parameters (`$claimed`, `$now`): times are ISO 8601 UTC strings,
which compare as text.
"""

from graph.statement import Statement

# Whoever creates the entry owns it: exactly one of concurrent claimants reads its token back.
CLAIM_DELIVERY = Statement(
    "jobs_claim_delivery",
    "MERGE (d:Delivery {id: $key}) "
    "ON CREATE SET d.claim = $claim, d.state = $claimed, d.job = $job, d.channel = $channel, "
    "d.city = $city, d.recipient = $recipient, d.claimed_at = $now, d.attempts = 0 "
    "RETURN d.claim = $claim AS mine, d.state AS state, d.attempts AS attempts",
    writes=True,
)

# A delivery that finally failed on an earlier run is claimed again, while attempts remain.
RECLAIM_FAILED = Statement(
    "jobs_reclaim_failed_delivery",
    "MATCH (d:Delivery {id: $key}) WHERE d.state = $failed AND d.attempts < $max_attempts "
    "SET d.state = $claimed, d.claim = $claim, d.claimed_at = $now "
    "RETURN d.claim = $claim AS mine",
    writes=True,
)

MARK_SENT = Statement(
    "jobs_mark_delivery_sent",
    "MATCH (d:Delivery {id: $key}) WHERE d.claim = $claim "
    "SET d.state = $sent, d.sent_at = $now, d.attempts = d.attempts + $attempts, d.error = null "
    "RETURN d.id AS key",
    writes=True,
)

MARK_FAILED = Statement(
    "jobs_mark_delivery_failed",
    "MATCH (d:Delivery {id: $key}) WHERE d.claim = $claim "
    "SET d.state = $failed, d.failed_at = $now, d.attempts = d.attempts + $attempts, "
    "d.error = $error "
    "RETURN d.id AS key",
    writes=True,
)

DELIVERY_STATES = Statement(
    "jobs_delivery_states",
    "MATCH (d:Delivery) WHERE d.id IN $keys RETURN d.id AS key, d.state AS state",
)

# Deliveries in one state claimed in [since, before): the digest's failures and those in doubt.
DELIVERIES_IN_STATE = Statement(
    "jobs_deliveries_in_state",
    "MATCH (d:Delivery) WHERE d.state = $state AND d.claimed_at >= $since "
    "AND d.claimed_at < $before "
    "RETURN d {.*} AS delivery ORDER BY delivery.claimed_at, delivery.id LIMIT $limit",
)

# Takes the lease when it is free or expired, renews it for its holder; returns who holds it.
# Items are written so that reading old or new values within the SET gives the same result.
ACQUIRE_LEASE = Statement(
    "jobs_acquire_lease",
    "MERGE (l:SchedulerLease {id: $lease}) "
    "ON CREATE SET l.holder = $holder, l.acquired_at = $now, l.expires_at = $expires "
    "WITH l "
    "SET l.acquired_at = CASE WHEN l.holder <> $holder AND l.expires_at < $now "
    "THEN $now ELSE l.acquired_at END, "
    "l.holder = CASE WHEN l.holder = $holder OR l.expires_at < $now "
    "THEN $holder ELSE l.holder END, "
    "l.expires_at = CASE WHEN l.holder = $holder OR l.expires_at < $now "
    "THEN $expires ELSE l.expires_at END "
    "RETURN l.holder AS holder, l.acquired_at AS acquired_at, l.expires_at AS expires_at",
    writes=True,
)

RELEASE_LEASE = Statement(
    "jobs_release_lease",
    "MATCH (l:SchedulerLease {id: $lease}) WHERE l.holder = $holder "
    "WITH l, l.id AS id DELETE l RETURN id",
    writes=True,
)

LEASE = Statement(
    "jobs_lease",
    "MATCH (l:SchedulerLease {id: $lease}) "
    "RETURN l.holder AS holder, l.acquired_at AS acquired_at, l.expires_at AS expires_at",
)

# Cities of some statuses, then their reports, contributions and focal points, each in one flat
# read joined by city id in Python: on FalkorDB a pattern comprehension per row costs ten times
# as much at 10,000 cities.
NETWORK_CITIES = Statement(
    "jobs_network_cities",
    "MATCH (c:City) WHERE c.status IN $statuses "
    "OPTIONAL MATCH (c)-[:IN_COUNTRY]->(k:Country) "
    "OPTIONAL MATCH (k)-[:IN_REGION]->(g:Region) "
    "RETURN c.id AS id, c.name AS name, c.status AS status, "
    "c.designation_year AS designation_year, c.longitude AS longitude, "
    "k.name AS country_name, k.global_south AS global_south, g.id AS region "
    "ORDER BY id",
)

NETWORK_REPORTS = Statement(
    "jobs_network_reports",
    "MATCH (r:MonitoringReport)-[:REPORT_OF]->(c:City) WHERE c.status IN $statuses "
    "RETURN c.id AS city, r.cycle AS cycle, r.due_date AS due_date, "
    "r.submitted_date AS submitted_date",
)

NETWORK_CONTRIBUTIONS = Statement(
    "jobs_network_contributions",
    "MATCH (m:Contribution)-[:CONTRIBUTION_OF]->(c:City) WHERE c.status IN $statuses "
    "RETURN c.id AS city, m.year AS year, m.amount AS amount, m.currency AS currency",
)

NETWORK_FOCAL_POINTS = Statement(
    "jobs_network_focal_points",
    "MATCH (p:FocalPoint)-[:REPRESENTS]->(c:City) WHERE c.status IN $statuses "
    "RETURN c.id AS city, p {.*} AS focal_point",
)

# Every introduction with both sides (the partner a city or an institution).
ALL_INTRODUCTIONS = Statement(
    "jobs_all_introductions",
    "MATCH (i:Introduction)-[:REQUESTED_BY]->(a:City) "
    "OPTIONAL MATCH (i)-[:TO_CITY]->(pc:City) "
    "OPTIONAL MATCH (i)-[:TO_INSTITUTION]->(pi:PartnerInstitution) "
    "RETURN i {.*} AS introduction, a.id AS asking, a.name AS asking_name, "
    "pc.id AS partner_city, coalesce(pc.name, pi.name) AS partner_name "
    "ORDER BY introduction.id",
)

# Projects with their lead, and the cities taking part (the ties a project makes) apart.
ALL_PROJECTS = Statement(
    "jobs_all_projects",
    "MATCH (p:PilotProject) "
    "OPTIONAL MATCH (p)-[:LED_BY]->(l:City) "
    "RETURN p.id AS id, p.title AS title, p.start_year AS start_year, l.id AS lead "
    "ORDER BY id",
)

ALL_PARTICIPATIONS = Statement(
    "jobs_all_participations",
    "MATCH (c:City)-[:PARTICIPATES_IN]->(p:PilotProject) RETURN p.id AS project, c.id AS city",
)

ALL_PARTNERSHIPS = Statement(
    "jobs_all_partnerships",
    "MATCH (i:PartnerInstitution)-[r:PARTNERS_WITH]->(c:City) "
    "RETURN i.id AS institution, i.name AS institution_name, c.id AS city, "
    "r.since_year AS since_year ORDER BY institution, city",
)

HOST_APPLICATIONS_OF_YEAR = Statement(
    "jobs_host_applications_of_year",
    "MATCH (h:HostApplication {year: $year})-[:APPLIED_BY]->(c:City) "
    "RETURN c.id AS city, c.name AS name, h.submitted_date AS submitted_date ORDER BY city",
)

LAST_DIGEST = Statement(
    "jobs_last_digest",
    "MATCH (r:DigestRun) WHERE r.id < $before RETURN r {.*} AS run ORDER BY run.id DESC LIMIT 1",
)

RECORD_DIGEST = Statement(
    "jobs_record_digest",
    "MERGE (r:DigestRun {id: $day}) SET r += $props RETURN r.id AS id",
    writes=True,
)

# Closes an introduction nobody answered, unless an answer came meanwhile.
CLOSE_UNANSWERED = Statement(
    "jobs_close_unanswered_introduction",
    "MATCH (i:Introduction {id: $introduction}) WHERE i.status IN $open "
    "SET i.status = $status, i.updated_date = $today RETURN i.id AS id",
    writes=True,
)

RECORD_JOB_RUN = Statement(
    "jobs_record_job_run",
    "MERGE (r:JobRun {id: $job}) SET r.started_at = $started, r.finished_at = $now, "
    "r.outcome = $outcome RETURN r.id AS id",
    writes=True,
)

JOB_RUNS = Statement(
    "jobs_job_runs",
    "MATCH (r:JobRun) RETURN r.id AS job, r.started_at AS started_at ORDER BY job",
)

STATEMENTS = (
    CLAIM_DELIVERY,
    RECLAIM_FAILED,
    MARK_SENT,
    MARK_FAILED,
    DELIVERY_STATES,
    DELIVERIES_IN_STATE,
    ACQUIRE_LEASE,
    RELEASE_LEASE,
    LEASE,
    NETWORK_CITIES,
    NETWORK_REPORTS,
    NETWORK_CONTRIBUTIONS,
    NETWORK_FOCAL_POINTS,
    ALL_INTRODUCTIONS,
    ALL_PROJECTS,
    ALL_PARTICIPATIONS,
    ALL_PARTNERSHIPS,
    HOST_APPLICATIONS_OF_YEAR,
    LAST_DIGEST,
    RECORD_DIGEST,
    CLOSE_UNANSWERED,
    RECORD_JOB_RUN,
    JOB_RUNS,
)
