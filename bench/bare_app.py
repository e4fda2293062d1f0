"""The throughput baseline: a bare Starlette JSON endpoint that answers what the hub answers to
`{ city(id: "chiang-mai") { name } }`, without GraphQL or a graph behind it.

Served by the same uvicorn command as the hub (`uvicorn --factory bench.bare_app:create_bare_app`).
It reads the request body, as the hub must, and ignores it.
"""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

PAYLOAD: dict[str, Any] = {"data": {"city": {"name": "Chiang Mai"}}}


async def graphql(request: Request) -> JSONResponse:
    await request.body()
    return JSONResponse(PAYLOAD)


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


def create_bare_app() -> Starlette:
    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route("/graphql", graphql, methods=["GET", "POST"]),
        ]
    )
