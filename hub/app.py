"""The ASGI app, assembled by a factory: clients open in the lifespan, reached via request.state."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any, NotRequired, TypedDict

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from bot.app import slack_bot
from graph.errors import GraphError
from graph.store import GraphStore
from hub.bootstrap import bot_config, build_services, job_context, store_session
from hub.export_route import export_endpoint
from hub.graphql_app import HubGraphQL
from hub.pages import page_routes
from hub.settings import SchedulerMode, Settings
from hub.slack_route import SLACK_PATH, slack_events
from jobs.scheduler import embedded_scheduler
from services.container import Services

log = logging.getLogger(__name__)
GRAPHQL_PATH = "/graphql"


class State(TypedDict):
    store: GraphStore
    services: Services
    slack: NotRequired[AsyncSlackRequestHandler]


async def healthz(request: Request) -> JSONResponse:
    """The process is alive; says nothing about the graph."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    """The graph engine answers. Anyone may ask, so the answer says whether, never where: the
    engine's address or data folder goes to the log (and `uccn doctor`), not to the caller."""
    store: GraphStore = request.state.store
    try:
        engine = await store.ping()
    except GraphError as exc:
        log.warning("readiness check failed: %s", exc)
        return JSONResponse({"status": "unavailable"}, status_code=503)
    log.debug("ready: %s", engine)
    return JSONResponse({"status": "ready"})


async def _warm(services: Services) -> None:
    """The analytics' first read, ahead of the first request; a failure only means the first
    request reads it (and says why), so it is logged, not raised."""
    try:
        await services.analytics.warm()
    except GraphError as exc:
        log.warning("could not read the network ahead of requests: %s", exc)


async def _stop(task: asyncio.Task[None]) -> None:
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


class Hub(Starlette):
    """Starlette, with the GraphQL endpoint answered first: the hub's busiest path skips the
    router and the middleware stack (the endpoint answers its own errors, 405 included)."""

    def __init__(self, graphql: HubGraphQL, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.graphql = graphql

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == GRAPHQL_PATH:
            scope["app"] = self
            await self.graphql(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def create_app(settings: Settings, store: GraphStore | None = None) -> Starlette:
    """Build the hub. With `store`, the caller owns it (tests); otherwise the lifespan opens one."""

    slack = bot_config(settings)
    serves_slack = slack is not None and bool(slack.signing_secret)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[Any]:
        async with AsyncExitStack() as stack:
            opened = (
                store
                if store is not None
                else await stack.enter_async_context(store_session(settings))
            )
            services = build_services(opened, settings)
            state = State(store=opened, services=services)
            if slack is not None and serves_slack:
                bot = await stack.enter_async_context(slack_bot(services, slack))
                state["slack"] = AsyncSlackRequestHandler(bot.app)
            # The jobs run over a store the app opened: a caller's store (a test's) is the
            # caller's, and lives on the caller's event loop.
            if settings.scheduler is SchedulerMode.EMBEDDED and store is None:
                jobs = await stack.enter_async_context(job_context(services, settings))
                await stack.enter_async_context(embedded_scheduler(jobs))
            if settings.analytics_warm_on_start:
                warming = asyncio.create_task(_warm(services), name="warm-analytics")
                stack.push_async_callback(_stop, warming)
            yield state

    graphql = HubGraphQL(settings)
    routes = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route(GRAPHQL_PATH, graphql, methods=["GET", "POST"]),  # for url_for; `Hub` answers it
        Route("/export/{format}", export_endpoint, methods=["GET"]),
        *page_routes(),
    ]
    if serves_slack:
        routes.append(Route(SLACK_PATH, slack_events, methods=["POST"]))
    return Hub(graphql, routes=routes, lifespan=lifespan)
