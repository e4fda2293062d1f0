"""`GET /export/{json|csv|graphml}`: the cooperation graph for researchers and the secretariat.

Who may export and what leaves is the services' rule (`services.exchange.access`); this route
reads the bearer token and writes the chosen format.
"""

from __future__ import annotations

import io

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from hub.identity import InvalidCredentials, viewer_from_headers
from services.container import Services
from services.errors import Refused
from services.exchange.exporting import EXPORT_FORMATS, export_graph

MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "graphml": "application/graphml+xml",
}


async def export_endpoint(request: Request) -> Response:
    fmt = request.path_params["format"]
    if fmt not in EXPORT_FORMATS:
        return JSONResponse(
            {"error": f"format must be one of {', '.join(EXPORT_FORMATS)}"}, status_code=404
        )
    services: Services = request.state.services
    try:
        viewer = await viewer_from_headers(request.headers, services.store)
        data = await services.exchange.export_data(viewer)
    except InvalidCredentials as exc:
        return JSONResponse({"error": str(exc)}, status_code=401)
    except Refused as exc:
        return JSONResponse(
            {"error": exc.message}, status_code=401, headers={"www-authenticate": "Bearer"}
        )
    buffer = io.StringIO()
    export_graph(data, fmt, buffer)
    return Response(
        buffer.getvalue(),
        media_type=MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="uccn-graph.{fmt}"'},
    )
