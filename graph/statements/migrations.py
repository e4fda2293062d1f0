"""What `uccn load` changes in a graph loaded from earlier reference data, before it writes the
current data (`services/reference/migration.py` decides what; these statements only do it), and
the count of cities per status that `uccn stats` shows next to the labels.

Every write takes a list `$rows` and does nothing for an empty one. A city's relationships
follow its node when its `id` changes, so a move only rewrites ids.
"""

from __future__ import annotations

from graph.statement import Statement

# Relationships from the records made for one city (its reports, contributions, mentorships,
# introductions, dismissals, host applications and focal points) to that city.
_OWN_RECORD_LINKS = (
    "REPORT_OF|CONTRIBUTION_OF|MENTOR|CANDIDATE|REQUESTED_BY|TO_CITY|DISMISSED_BY|APPLIED_BY"
    "|REPRESENTS"
)

# The labels whose ids are made of city ids, `<city id>:<cycle>` and the like (graph/model.py).
RECORD_LABELS = (
    "MonitoringReport",
    "Contribution",
    "Mentorship",
    "Introduction",
    "Dismissal",
    "HostApplication",
)

# The records of the cities `$ids`, with the kind of partner an introduction or a dismissal
# names (its id holds the partner's id).
CITY_RECORDS = Statement(
    "migration_city_records",
    f"UNWIND $ids AS id MATCH (n)-[:{_OWN_RECORD_LINKS}]->(:City {{id: id}}) "
    "RETURN DISTINCT labels(n)[0] AS label, n.id AS id, n.partner_kind AS partner_kind "
    "ORDER BY label, id",
)

# Dismissals that name one of `$ids` as the partner (by id only: no relationship leads there).
PARTNER_DISMISSALS = Statement(
    "migration_partner_dismissals",
    "MATCH (n:Dismissal) WHERE n.partner_id IN $ids "
    "RETURN n.id AS id, n.partner_kind AS partner_kind, n.partner_id AS partner_id ORDER BY id",
)


def _move_records(label: str) -> Statement:
    # A dismissal also names its partner in `partner_id`; `row.partner_id` is null otherwise.
    partner = ", n.partner_id = coalesce(row.partner_id, n.partner_id)"
    partner = partner if label == "Dismissal" else ""
    return Statement(
        f"migration_move_{label}",
        f"UNWIND $rows AS row MATCH (n:{label} {{id: row.old}}) SET n.id = row.new{partner} "
        "RETURN count(n) AS moved",
        writes=True,
    )


# `$rows`: [{old, new, partner_id}], one per record whose id changes.
MOVE_RECORDS = {label: _move_records(label) for label in RECORD_LABELS}

# `$rows`: [{old, new}]. A city moves only when no city has its new id yet; its old id joins
# its `former_ids`. Returns the moves made.
MOVE_CITIES = Statement(
    "migration_move_cities",
    "UNWIND $rows AS row MATCH (c:City {id: row.old}) "
    "OPTIONAL MATCH (taken:City {id: row.new}) "
    "WITH c, row.old AS old, row.new AS new, count(taken) AS taken WHERE taken = 0 "
    "WITH c, old, new, [x IN coalesce(c.former_ids, []) WHERE x <> old AND x <> new] AS former "
    "SET c.id = new, c.former_ids = former + [old] "
    "RETURN old, new ORDER BY old",
    writes=True,
)

# `$rows`: [{id}]. Removes each city with the records made for it; projects, institutions,
# conferences and tokens it was linked to stay, without the link. Returns what went.
REMOVE_CITIES = Statement(
    "migration_remove_cities",
    "UNWIND $rows AS row MATCH (c:City {id: row.id}) "
    f"OPTIONAL MATCH (own)-[:{_OWN_RECORD_LINKS}]->(c) "
    "WITH c, row.id AS id, collect(DISTINCT own) AS owned "
    "FOREACH (n IN owned | DETACH DELETE n) "
    "DETACH DELETE c "
    "RETURN id, size(owned) AS records ORDER BY id",
    writes=True,
)

CITIES_BY_STATUS = Statement(
    "count_cities_by_status",
    "MATCH (c:City) RETURN c.status AS status, count(*) AS count ORDER BY status",
)

STATEMENTS = (
    CITY_RECORDS,
    PARTNER_DISMISSALS,
    *MOVE_RECORDS.values(),
    MOVE_CITIES,
    REMOVE_CITIES,
    CITIES_BY_STATUS,
)
