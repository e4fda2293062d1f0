"""`GET /export/{json|csv|graphml}`: the cooperation graph for researchers and the secretariat.

Private properties (contribution amounts, focal points' contacts) leave only for the secretariat.
"""

from __future__ import annotations

import io

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graph.dataset import GraphData
from graph.model import NODE_BY_LABEL
from graph.store import GraphStore
from hub.exporting import EXPORT_FORMATS, export_graph
from hub.identity import InvalidCredentials, viewer_from_headers
from hub.policy import Viewer, can_read_aggregates, is_secretariat

MEDIA_TYPES = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "graphml": "application/graphml+xml",
}


def without_private(data: GraphData) -> GraphData:
    public = GraphData(links=data.links)
    for label, rows in data.nodes.items():
        private = {p.name for p in NODE_BY_LABEL[label].props if p.private}
        public.nodes[label] = [{k: v for k, v in row.items() if k not in private} for row in rows]
    return public


def visible_to(viewer: Viewer, data: GraphData) -> GraphData:
    return data if is_secretariat(viewer) else without_private(data)


async def export_endpoint(request: Request) -> Response:
    fmt = request.path_params["format"]
    if fmt not in EXPORT_FORMATS:
        return JSONResponse(
            {"error": f"format must be one of {', '.join(EXPORT_FORMATS)}"}, status_code=404
        )
    store: GraphStore = request.state.store
    try:
        viewer = await viewer_from_headers(request.headers, store)
    except InvalidCredentials as exc:
        return JSONResponse({"error": str(exc)}, status_code=401)
    if not can_read_aggregates(viewer):
        return JSONResponse(
            {
                "error": "export is for researchers, focal points and the secretariat: "
                "send a bearer token"
            },
            status_code=401,
            headers={"www-authenticate": "Bearer"},
        )
    buffer = io.StringIO()
    export_graph(visible_to(viewer, await store.read_data()), fmt, buffer)
    return Response(
        buffer.getvalue(),
        media_type=MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="uccn-graph.{fmt}"'},
    )
