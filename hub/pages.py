"""The hub's pages for people: the landing page (`/`), the network explorer (`/explore`) with the
network it draws (`/explore/network.json`), and the static files both use (`/static`), among
them the bundles `make web` builds from npm packages (sigma.js, graphology, GraphiQL): nothing
comes from a CDN, so the pages work offline."""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from services.container import Services

STATIC = Path(__file__).parent / "static"
BUNDLES = STATIC / "dist"
NOT_BUILT = (
    "The explorer's scripts are not built: run `make web` (it bundles them from npm), then reload."
)


def bundles_built() -> bool:
    return (BUNDLES / "explore.js").is_file() and (BUNDLES / "graphiql.js").is_file()


async def landing(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


async def explore(request: Request) -> Response:
    if not bundles_built():
        return PlainTextResponse(NOT_BUILT, status_code=503)
    return FileResponse(STATIC / "explore.html", media_type="text/html; charset=utf-8")


async def explore_network(request: Request) -> Response:
    services: Services = request.state.services
    network = await services.analytics.explorer_network()
    headers = {"cache-control": "no-cache", "vary": "accept-encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["content-encoding"] = "gzip"
        return Response(network.gzip, media_type="application/json", headers=headers)
    return Response(network.json, media_type="application/json", headers=headers)


def page_routes() -> list[Route | Mount]:
    return [
        Route("/", landing, methods=["GET"]),
        Route("/explore", explore, methods=["GET"]),
        Route("/explore/network.json", explore_network, methods=["GET"]),
        Mount("/static", app=StaticFiles(directory=STATIC, check_dir=False), name="static"),
    ]
