"""`GET /export/{gexf|nodes.csv|edges.csv|node-link.json}`: the cooperation network for
researchers' tools, streamed as it is written. Query parameters choose the part of the network:
`asOf` (a year), `field`, `region`, `country` (repeatable), `globalSouth` (true/false),
`generated` (true/false). Who may export is the services' rule."""

from __future__ import annotations

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from graph.errors import GraphError
from hub.identity import InvalidCredentials, viewer_from_headers
from services.analytics.projection import Scope
from services.container import Services
from services.errors import InvalidInput, Refused
from services.exchange.network_files import MEDIA_TYPES, NetworkFormat, write_network


class BadQuery(ValueError):
    pass


def _flag(params: QueryParams, name: str) -> bool | None:
    value = params.get(name)
    if value is None:
        return None
    if value.lower() not in ("true", "false"):
        raise BadQuery(f"{name} must be true or false, not {value!r}")
    return value.lower() == "true"


def _many(params: QueryParams, name: str) -> frozenset[str] | None:
    values = params.getlist(name)
    return frozenset(values) if values else None


# What an export request may be refused for, before anything is written.
REFUSALS = (BadQuery, InvalidInput, InvalidCredentials, Refused, GraphError)


def refusal(exc: Exception) -> JSONResponse:
    """The answer to a refused export: which parameter, which credentials, or no graph."""
    if isinstance(exc, InvalidInput):
        return JSONResponse({"error": exc.render(camel)}, status_code=400)
    if isinstance(exc, Refused):
        return JSONResponse(
            {"error": exc.message}, status_code=401, headers={"www-authenticate": "Bearer"}
        )
    if isinstance(exc, InvalidCredentials):
        return JSONResponse({"error": str(exc)}, status_code=401)
    if isinstance(exc, GraphError):
        return JSONResponse({"error": f"the graph is not available: {exc}"}, status_code=503)
    return JSONResponse({"error": str(exc)}, status_code=400)


def scope_of(params: QueryParams) -> Scope:
    as_of = params.get("asOf")
    if as_of is not None and not as_of.isdigit():
        raise BadQuery(f"asOf must be a year, not {as_of!r}")
    return Scope(
        as_of=int(as_of) if as_of is not None else None,
        fields=_many(params, "field"),
        regions=_many(params, "region"),
        countries=_many(params, "country"),
        global_south=_flag(params, "globalSouth"),
        generated=_flag(params, "generated"),
    )


async def network_export_endpoint(request: Request, fmt: NetworkFormat) -> Response:
    services: Services = request.state.services
    try:
        scope = scope_of(request.query_params)
        viewer = await viewer_from_headers(request.headers, services.store)
        export = await services.analytics.export_network(viewer, scope)
    except REFUSALS as exc:
        return refusal(exc)
    name = fmt if "." in fmt else f"network.{fmt}"
    return StreamingResponse(
        (chunk.encode("utf-8") for chunk in write_network(export, fmt)),
        media_type=MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="uccn-{name}"'},
    )


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)
