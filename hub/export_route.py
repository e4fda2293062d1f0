"""`GET /export/{json|csv|graphml}`: the cooperation graph for researchers and the secretariat
(`gexf`, `nodes.csv`, `edges.csv` and `node-link.json`, the cooperation network, are answered
by `hub.network_export_route`). `asOf` and the city filters apply (`services.exchange.scoping`).

Who may export and what leaves is the services' rule (`services.exchange.access`); this route
reads the bearer token and writes the chosen format.

The document is made in full before the answer starts, so a caller gets the whole export or an
error, never part of one: 409 with a message naming the nodes when the graph holds values the
format cannot carry (`ExportRefused`: control characters in GraphML), 503 when the graph does
not answer.
"""

from __future__ import annotations

import io

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graph.errors import GraphError
from hub.identity import InvalidCredentials, viewer_from_headers
from hub.network_export_route import BadQuery, network_export_endpoint, scope_of
from services.container import Services
from services.errors import Refused
from services.exchange.exporting import EXPORT_FORMATS, ExportRefused, export_graph
from services.exchange.network_files import NETWORK_FORMATS
from services.exchange.scoping import scoped

MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "graphml": "application/graphml+xml",
}


async def export_endpoint(request: Request) -> Response:
    fmt = request.path_params["format"]
    if fmt in NETWORK_FORMATS:  # the cooperation network, for researchers' tools
        return await network_export_endpoint(request, fmt)
    if fmt not in EXPORT_FORMATS:
        return JSONResponse(
            {"error": f"format must be one of {', '.join((*EXPORT_FORMATS, *NETWORK_FORMATS))}"},
            status_code=404,
        )
    services: Services = request.state.services
    try:
        scope = scope_of(request.query_params)  # asOf and the city filters, as for the network
        viewer = await viewer_from_headers(request.headers, services.store)
        data = scoped(await services.exchange.export_data(viewer), scope)
    except BadQuery as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    except InvalidCredentials as exc:
        return JSONResponse({"error": str(exc)}, status_code=401)
    except Refused as exc:
        return JSONResponse(
            {"error": exc.message}, status_code=401, headers={"www-authenticate": "Bearer"}
        )
    except GraphError as exc:
        return JSONResponse({"error": f"the graph is not available: {exc}"}, status_code=503)
    buffer = io.StringIO()
    try:
        export_graph(data, fmt, buffer)
    except ExportRefused as exc:
        return JSONResponse({"error": str(exc), "problems": exc.problems}, status_code=409)
    return Response(
        buffer.getvalue(),
        media_type=MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="uccn-graph.{fmt}"'},
    )
