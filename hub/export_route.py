"""`GET /export/{json|csv|graphml}`: the cooperation graph for researchers and the secretariat
(`gexf`, `nodes.csv`, `edges.csv` and `node-link.json`, the cooperation network, are answered
by `hub.network_export_route`). `asOf` and the city filters apply (`services.exchange.scoping`).

Who may export and what leaves is the services' rule (`services.exchange.access`); this route
reads the bearer token and writes the chosen format.

The document is made in full before the answer starts (in a spooled file, on disk when large,
then streamed; the whole graph's GraphML and JSON page by page as it is read, never held
whole), so a caller gets the whole export or an error, never part of one: 409 with a message
naming the nodes when the graph holds values the format cannot carry (`ExportRefused`:
control characters in GraphML), 503 when the graph does not answer.
"""

from __future__ import annotations

import asyncio
import tempfile
from collections.abc import AsyncIterator, Iterator
from typing import IO, TextIO, cast

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from graph.dataset import GraphData
from graph.errors import GraphError
from hub.identity import viewer_from_headers
from hub.network_export_route import REFUSALS, network_export_endpoint, refusal, scope_of
from services.analytics.projection import Scope
from services.container import Services
from services.exchange.exporting import (
    EXPORT_FORMATS,
    ExportRefused,
    GraphmlStream,
    JsonStream,
    export_graph,
)
from services.exchange.network_files import NETWORK_FORMATS
from services.exchange.scoping import scoped

SPOOL_BYTES = 8 * 2**20  # an export larger than this waits on disk, not in memory
CHUNK_CHARS = 2**16

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
        # asOf and the city filters, as for the network formats
        scope = services.analytics.check_scope(scope_of(request.query_params))
        viewer = await viewer_from_headers(request.headers, services.store)
        if fmt in ("graphml", "json") and scope == Scope():
            return await _paged(fmt, services.exchange.export_pages(viewer))
        data = scoped(await services.exchange.export_data(viewer), scope)
    except REFUSALS as exc:
        return refusal(exc)
    # Written in full before the answer starts (so a refusal is a 409, not half a file), into
    # a spooled file that moves to disk past SPOOL_BYTES, then streamed from there.
    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed by the stream below)
        max_size=SPOOL_BYTES, mode="w+t", encoding="utf-8", newline=""
    )
    try:
        await asyncio.to_thread(export_graph, data, fmt, cast(TextIO, spool))
    except ExportRefused as exc:
        spool.close()
        return JSONResponse({"error": str(exc), "problems": exc.problems}, status_code=409)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return StreamingResponse(
        _streamed(spool),
        media_type=MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="uccn-graph.{fmt}"'},
    )


async def _paged(fmt: str, pages: AsyncIterator[GraphData]) -> Response:
    """The whole graph as GraphML or JSON, each page written to a temporary body as it is read
    (the graph is never held whole), then the document from it; 409 as any export."""
    body = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed by the stream below)
        max_size=SPOOL_BYTES, mode="w+t", encoding="utf-8", newline=""
    )
    try:
        writer = GraphmlStream if fmt == "graphml" else JsonStream
        stream = writer(cast(TextIO, body))
        async for page in pages:
            await asyncio.to_thread(stream.add, page)
        chunks = stream.document()
    except ExportRefused as exc:
        body.close()
        return JSONResponse({"error": str(exc), "problems": exc.problems}, status_code=409)
    except GraphError as exc:
        body.close()
        return JSONResponse({"error": f"the graph is not available: {exc}"}, status_code=503)
    except BaseException:
        body.close()
        raise
    return StreamingResponse(
        _encoded(body, chunks),
        media_type=MEDIA_TYPES[fmt],
        headers={"content-disposition": f'attachment; filename="uccn-graph.{fmt}"'},
    )


def _encoded(body: IO[str], chunks: Iterator[str]) -> Iterator[bytes]:
    with body:
        for chunk in chunks:
            yield chunk.encode("utf-8")


def _streamed(spool: IO[str]) -> Iterator[bytes]:
    with spool:
        while block := spool.read(CHUNK_CHARS):
            yield block.encode("utf-8")
