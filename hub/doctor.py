"""`uccn doctor`: check the configured engine step by step and say what is wrong."""

from __future__ import annotations

from dataclasses import dataclass

from graph.errors import GraphAuthError, GraphConfigError, GraphError, GraphUnavailable
from graph.url import EmbeddedTarget, parse_graph_url
from hub.bootstrap import open_store
from hub.settings import Settings


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str


async def run_checks(settings: Settings) -> list[Check]:
    checks: list[Check] = []
    try:
        target = parse_graph_url(settings.graph_url)
    except GraphConfigError as exc:
        return [Check("graph url", False, str(exc))]
    if isinstance(target, EmbeddedTarget):
        checks.append(Check("graph url", True, f"embedded FalkorDB in {target.directory}"))
        checks.append(_embedded_binaries())
        if not checks[-1].ok:
            return checks
    else:
        checks.append(Check("graph url", True, f"Neo4j at {target.uri}"))
    try:
        store = await open_store(settings)
    except GraphAuthError as exc:
        return [*checks, Check("credentials", False, f"{exc} (check UCCN_NEO4J_USER/PASSWORD)")]
    except GraphUnavailable as exc:
        return [*checks, Check("reachable", False, str(exc))]
    except GraphError as exc:
        return [*checks, Check("open", False, str(exc))]
    try:
        checks.append(Check("reachable", True, await store.ping()))
        counts = await store.counts()
        cities = counts.nodes.get("City", 0)
        checks.append(
            Check(
                "data",
                cities > 0,
                f"{cities} cities, {sum(counts.nodes.values())} nodes, "
                f"{sum(counts.relationships.values())} relationships"
                + ("" if cities else " (empty: run `uccn load`)"),
            )
        )
    except GraphError as exc:
        checks.append(Check("query", False, str(exc)))
    finally:
        await store.close()
    return checks


def _embedded_binaries() -> Check:
    from graph.embedded_server import server_binaries

    try:
        server, module = server_binaries()
    except GraphError as exc:
        return Check("embedded server", False, str(exc))
    return Check("embedded server", True, f"{server.name} with {module.name}")
