"""Filtered, ordered, paged listings for the API's top-level connections.

Each listing is one statement: absent filters are null parameters (`$x IS NULL OR ...`), the
page is sliced from the ordered collection, and the total comes back in the same round trip.
ORDER BY cannot take a parameter, so each order is its own named statement.
"""

from __future__ import annotations

import functools

from graph.model import NODE_BY_LABEL
from graph.statement import Statement

_PAGE = (
    "WITH collect(n) AS matched "
    "RETURN size(matched) AS total, [x IN matched[$skip..$page_end] | properties(x)] AS page"
)

# Cities that lead or join a project addressing one of $targets; empty when no target is asked.
_TARGET_CITIES = (
    "OPTIONAL MATCH (t:SDGTarget)<-[:ADDRESSES]-(:PilotProject)"
    "-[:LED_BY|PARTICIPATES_IN]-(tc:City) "
    "WHERE $targets IS NOT NULL AND t.id IN $targets "
    "WITH collect(DISTINCT tc.id) AS target_cities "
)

_CITY_FILTER = (
    "MATCH (n:City) "
    "OPTIONAL MATCH (n)-[:IN_COUNTRY]->(k:Country) "
    "OPTIONAL MATCH (k)-[:IN_REGION]->(r:Region) "
    "OPTIONAL MATCH (n)-[:DESIGNATED_IN]->(f:CreativeField) "
    "WITH n, k, r, f, target_cities "
    "WHERE ($statuses IS NULL OR n.status IN $statuses) "
    "AND ($fields IS NULL OR f.id IN $fields) "
    "AND ($regions IS NULL OR r.id IN $regions) "
    "AND ($countries IS NULL OR k.id IN $countries) "
    "AND ($global_south IS NULL OR k.global_south = $global_south) "
    "AND ($year_from IS NULL OR n.designation_year >= $year_from) "
    "AND ($year_to IS NULL OR n.designation_year <= $year_to) "
    "AND ($name IS NULL OR n.search_name CONTAINS $name) "
    "AND ($generated IS NULL OR coalesce(n.generated, false) = $generated) "
    "AND ($targets IS NULL OR n.id IN target_cities) "
    "WITH DISTINCT n "
)

# Unknown years and populations come last either way (DESC alone would put nulls first).
CITY_ORDERS = {
    "NAME_ASC": "n.search_name, n.id",
    "NAME_DESC": "n.search_name DESC, n.id DESC",
    "DESIGNATION_YEAR_ASC": "n.designation_year IS NULL, n.designation_year, n.search_name, n.id",
    "DESIGNATION_YEAR_DESC": (
        "n.designation_year IS NULL, n.designation_year DESC, n.search_name, n.id"
    ),
    "POPULATION_ASC": "n.population IS NULL, n.population, n.search_name, n.id",
    "POPULATION_DESC": "n.population IS NULL, n.population DESC, n.search_name, n.id",
}

CITIES = {
    order: Statement(
        f"list_cities_{order.lower()}",
        f"{_TARGET_CITIES}{_CITY_FILTER}WITH n ORDER BY {clause} {_PAGE}",
    )
    for order, clause in CITY_ORDERS.items()
}


def _top_page(name: str, label: str, clause: str) -> Statement:
    """Every node of `label`, unfiltered: the total is the label's count, and the page the first
    `$page_end` in order (a top-k sort, where collecting every node sorted them all), from
    `$skip`. No row when the label has no node or the page ends at 0: `TOTALS` counts then."""
    return Statement(
        name,
        f"MATCH (c:{label}) WITH count(c) AS total "
        f"MATCH (n:{label}) WITH total, n ORDER BY {clause} LIMIT $page_end "
        "WITH total, collect(n)[$skip..] AS shown "
        "RETURN total, [x IN shown | properties(x)] AS page",
    )


# With no filter at all, the joins above only cost time: list the cities alone.
ALL_CITIES = {
    order: _top_page(f"list_all_cities_{order.lower()}", "City", clause)
    for order, clause in CITY_ORDERS.items()
}

COUNTRIES = Statement(
    "list_countries",
    "MATCH (n:Country) OPTIONAL MATCH (n)-[:IN_REGION]->(r:Region) WITH n, r "
    "WHERE ($regions IS NULL OR r.id IN $regions) "
    "AND ($global_south IS NULL OR n.global_south = $global_south) "
    "AND ($name IS NULL OR toLower(n.name) CONTAINS $name) "
    f"WITH DISTINCT n ORDER BY n.name, n.id {_PAGE}",
)

INSTITUTIONS = Statement(
    "list_institutions",
    "MATCH (n:PartnerInstitution) OPTIONAL MATCH (n)-[:BASED_IN]->(k:Country) WITH n, k "
    "WHERE ($kinds IS NULL OR n.kind IN $kinds) "
    "AND ($countries IS NULL OR k.id IN $countries) "
    "AND ($name IS NULL OR n.search_name CONTAINS $name) "
    "AND ($generated IS NULL OR coalesce(n.generated, false) = $generated) "
    f"WITH DISTINCT n ORDER BY n.search_name, n.id {_PAGE}",
)

PROJECTS = Statement(
    "list_projects",
    "MATCH (n:PilotProject) "
    "OPTIONAL MATCH (n)-[:IN_FIELD]->(f:CreativeField) "
    "OPTIONAL MATCH (n)-[:ADDRESSES]->(t:SDGTarget) "
    "OPTIONAL MATCH (n)-[:LED_BY|PARTICIPATES_IN]-(c:City) "
    "WITH n, f, t, c "
    "WHERE ($statuses IS NULL OR n.status IN $statuses) "
    "AND ($fields IS NULL OR f.id IN $fields) "
    "AND ($targets IS NULL OR t.id IN $targets) "
    "AND ($goals IS NULL OR t.goal IN $goals) "
    "AND ($cities IS NULL OR c.id IN $cities) "
    "AND ($year_from IS NULL OR coalesce(n.end_year, 9999) >= $year_from) "
    "AND ($year_to IS NULL OR n.start_year <= $year_to) "
    "AND ($name IS NULL OR n.search_name CONTAINS $name) "
    "AND ($generated IS NULL OR coalesce(n.generated, false) = $generated) "
    f"WITH DISTINCT n ORDER BY n.start_year DESC, n.id {_PAGE}",
)

ALL_OF_LABEL = {
    label: _top_page(f"list_all_{label}", label, order)
    for label, order in {
        "Region": "n.name",
        "CreativeField": "n.name",
        "SDGGoal": "n.number",
        "SDGTarget": "n.goal, n.id",
        "Conference": "n.year, n.id",
    }.items()
}


COUNT_ALL = {
    label: Statement(f"count_all_{label}", f"MATCH (n:{label}) RETURN count(n) AS total")
    for label in ("City", *ALL_OF_LABEL)
}
# The total of a top-k listing that returned no row (see `_top_page`), by its statement's name.
TOTALS = {
    **{statement.name: COUNT_ALL["City"] for statement in ALL_CITIES.values()},
    **{statement.name: COUNT_ALL[label] for label, statement in ALL_OF_LABEL.items()},
}


# Every listing returns its page as `[x IN … | properties(x)] AS page`; `with_columns` reads
# only some properties instead, as a list of values in model order (`COLUMNS_MARK` starts it).
_PROPERTIES = "| properties(x)] AS page"
COLUMNS_MARK = "| [x.id, "


@functools.lru_cache(maxsize=512)
def with_columns(statement: Statement, label: str, columns: frozenset[str]) -> Statement:
    """`statement` with its page's nodes as the values of `label`'s properties `columns`, the id
    and the required ones (what a node is built from) in model order: `page_columns` names
    them. Reading all of a node's properties costs about as much as the rest of a page."""
    names = page_columns(label, columns)
    if _PROPERTIES not in statement.cypher or statement.neo4j or statement.falkordb:
        raise ValueError(f"{statement.name} does not return its page as properties")
    values = ", ".join(f"x.{name}" for name in names)
    return Statement(
        f"{statement.name}_columns",
        statement.cypher.replace(_PROPERTIES, f"| [{values}]] AS page"),
    )


@functools.lru_cache(maxsize=512)
def page_columns(label: str, columns: frozenset[str]) -> tuple[str, ...]:
    ordered = NODE_BY_LABEL[label].read(columns)
    assert ordered[0] == "id", label  # COLUMNS_MARK
    return ordered
