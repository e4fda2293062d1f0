"""Every statement the store can run, so tests can lint and execute each one."""

from __future__ import annotations

from graph.dialect import Dialect
from graph.neo4j_engine import DETACH_DELETE_ALL
from graph.schema import NEO4J_AWAIT_INDEXES, neo4j_schema_ddl, schema_from_model
from graph.statement import Statement
from graph.statements import (
    aggregates,
    analytics,
    brain,
    cities,
    directory,
    events,
    health,
    identity,
    jobs,
    listing,
    migrations,
    neighbours,
    nodes,
    paths,
    recommend,
    relationships,
    search,
    tokens,
    traversal,
    version,
    writes,
)


def all_statements() -> list[Statement]:
    return [
        health.PING,
        *nodes.UPSERT.values(),
        *nodes.DUMP.values(),
        *nodes.EXISTING.values(),
        *nodes.GET.values(),
        nodes.COUNT_BY_LABEL,
        *nodes.PROPERTIES.values(),
        *nodes.RESTORE.values(),
        *nodes.REMOVE.values(),
        *relationships.UPSERT.values(),
        *relationships.DUMP.values(),
        relationships.COUNT_BY_TYPE,
        *relationships.PRIOR.values(),
        *relationships.RESTORE.values(),
        *relationships.REMOVE.values(),
        *relationships.ENDS.values(),
        *search.SEARCH.values(),
        paths.COOPERATION_PATH,
        tokens.TOKEN_BY_ID,
        tokens.LIST_TOKENS,
        tokens.REVOKE_TOKEN,
        *neighbours.OUTGOING.values(),
        *neighbours.INCOMING.values(),
        *neighbours.NODES_BY_ID.values(),
        *neighbours.TWO_HOP,
        *listing.CITIES.values(),
        *listing.ALL_CITIES.values(),
        listing.COUNTRIES,
        listing.INSTITUTIONS,
        listing.PROJECTS,
        *listing.ALL_OF_LABEL.values(),
        *listing.COUNT_ALL.values(),
        aggregates.CITIES_PER_FIELD,
        aggregates.CITIES_PER_REGION,
        aggregates.PROJECTS_PER_GOAL,
        *traversal.HOP.values(),
        *writes.STATEMENTS,
        recommend.ASKER,
        *recommend.INDEX,
        recommend.INDEX_OVERDUE,
        recommend.PLACES,
        *brain.STATEMENTS,
        *cities.STATEMENTS,
        *migrations.STATEMENTS,
        *identity.STATEMENTS,
        *events.STATEMENTS,
        *directory.STATEMENTS,
        *analytics.STATEMENTS,
        *jobs.STATEMENTS,
        version.READ_VERSION,
    ]


def neo4j_cypher_catalog() -> list[tuple[str, str]]:
    """(name, text) of every Cypher statement the Neo4j engine can send, DDL included."""
    catalog = [(s.name, s.text(Dialect.NEO4J)) for s in all_statements()]
    catalog += [(f"schema_{name}", text) for name, text in neo4j_schema_ddl(schema_from_model())]
    catalog += [("await_indexes", NEO4J_AWAIT_INDEXES), ("drop_all", DETACH_DELETE_ALL)]
    names = [name for name, _ in catalog]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise ValueError(f"statement names used twice: {sorted(duplicates)}")
    return catalog
