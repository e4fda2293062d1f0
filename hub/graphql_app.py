"""GraphQL over HTTP: Strawberry's ASGI app with our identity, context and request ids."""

from __future__ import annotations

import uuid

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from graph.store import GraphStore
from hub.identity import InvalidCredentials, viewer_from_headers
from hub.settings import Environment, Settings
from schema.build import build_schema
from schema.context import Context

REQUEST_ID_HEADER = "x-request-id"


class HubGraphQL(GraphQL[Context, None]):
    def __init__(self, settings: Settings) -> None:
        super().__init__(
            build_schema(settings),
            graphql_ide="graphiql" if settings.env is Environment.DEVELOPMENT else None,
        )
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope)
            state = scope.setdefault("state", {})
            state["request_id"] = uuid.uuid4().hex
            store: GraphStore = state["store"]
            try:
                state["viewer"] = await viewer_from_headers(request.headers, store)
            except InvalidCredentials as exc:
                refusal = JSONResponse(
                    {"errors": [{"message": str(exc)}]},
                    status_code=401,
                    headers={
                        "www-authenticate": 'Bearer error="invalid_token"',
                        REQUEST_ID_HEADER: state["request_id"],
                    },
                )
                await refusal(scope, receive, send)
                return
        await super().__call__(scope, receive, send)

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        if isinstance(response, Response):
            response.headers[REQUEST_ID_HEADER] = request.state.request_id
        return Context(
            store=request.state.store,
            settings=self.settings,
            viewer=request.state.viewer,
            request_id=request.state.request_id,
        )
