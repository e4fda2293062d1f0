"""GraphQL over HTTP: Strawberry's ASGI app with our identity, context and request ids, held to
the GraphQL-over-HTTP spec (https://graphql.github.io/graphql-over-http/draft/); the rules
themselves are in hub.graphql_http."""

from __future__ import annotations

import os

from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError

from graph.store import GraphStore
from hub.body_limit import BodyTooLarge, limited_receive
from hub.bootstrap import api_config
from hub.graphql_http import (
    GRAPHQL_RESPONSE_JSON,
    JSON,
    MAX_JSON_DEPTH,
    check_request_content_type,
    is_request_error,
    negotiate,
    request_data,
)
from hub.identity import InvalidCredentials, viewer_from_headers
from hub.pages import NOT_BUILT, STATIC, bundles_built
from hub.settings import Environment, Settings
from schema.build import build_schema
from schema.context import Context
from schema.mutation import Mutation

REQUEST_ID_HEADER = "x-request-id"


class HubGraphQL(GraphQL[Context, None]):
    def __init__(self, settings: Settings) -> None:
        super().__init__(
            build_schema(api_config(settings), mutation=Mutation),
            graphql_ide="graphiql" if settings.env is Environment.DEVELOPMENT else None,
        )
        self.api = api_config(settings)
        self.max_body_bytes = settings.api_max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        receive = limited_receive(scope, receive, self.max_body_bytes)
        request = Request(scope, receive)
        state = scope.setdefault("state", {})
        state["request_id"] = request_id = new_request_id()
        # The response's media type, chosen before anything can fail, so errors use it too.
        state["media_type"] = media_type = negotiate(request.headers.get("accept"))
        headers = {REQUEST_ID_HEADER: request_id}
        store: GraphStore = state["store"]
        try:
            if media_type is None and not self.should_render_graphql_ide(
                self.request_adapter_class(request)
            ):
                # Spec, "Body": no JSON type is acceptable, so 406 (RECOMMENDED) and stop.
                message = f"Accept {JSON} or {GRAPHQL_RESPONSE_JSON}."
                raise HTTPException(406, message)
            state["viewer"] = await viewer_from_headers(request.headers, store)
            response = await self.run(request)
        except InvalidCredentials as exc:
            headers["www-authenticate"] = 'Bearer error="invalid_token"'
            response = _error_response(401, str(exc), media_type, headers)
        except BodyTooLarge as exc:
            headers["connection"] = "close"  # the rest of the body is not read
            response = _error_response(413, str(exc), media_type, headers)
        except HTTPException as exc:
            if exc.status_code == 405:  # a mutation over GET goes by POST; HEAD by neither
                headers["allow"] = "POST" if request.method == "GET" else "GET, POST"
            response = _error_response(exc.status_code, exc.reason, media_type, headers)
        await response(scope, receive, send)

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL from the hub's own bundle (`make web`), not from a CDN: it loads offline."""
        if not bundles_built():
            return PlainTextResponse(NOT_BUILT.replace("explorer", "GraphiQL"), status_code=503)
        return FileResponse(STATIC / "graphiql.html", media_type="text/html; charset=utf-8")

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """GraphiQL where it is served (development); elsewhere a GET is only a GraphQL request."""
        return self.graphql_ide is not None and super().should_render_graphql_ide(request)

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData:
        """Spec, "GET" and "POST": no batches, multipart or streams; each parameter checked."""
        if request.method == "GET":
            return request_data(self.parse_query_params(request.query_params), from_url=True)
        check_request_content_type(request.content_type)
        return request_data(self.parse_json(await request.get_body()), from_url=False)

    def decode_json(self, data: str | bytes) -> object:
        """Request bodies are UTF-8 (spec, "POST"): a body in another encoding fails to parse.
        JSON nested deeper than the parser's stack is a bad request too, not a crash."""
        if isinstance(data, bytes):
            try:
                data = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise HTTPException(400, "The request body is not valid UTF-8.") from exc
        try:
            return super().decode_json(data)
        except RecursionError as exc:
            message = f"The request's JSON nests deeper than {MAX_JSON_DEPTH} levels."
            raise HTTPException(400, message) from exc

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        try:
            return await super().execute_single(
                request=request,
                request_adapter=request_adapter,
                sub_response=sub_response,
                context=context,
                root_value=root_value,
                request_data=request_data,
            )
        except HTTPException as exc:
            if isinstance(exc.__cause__, InvalidOperationTypeError) and request.method == "GET":
                # Spec, "GET": a mutation over GET MUST be refused with 405.
                raise HTTPException(405, exc.reason) from exc.__cause__
            if isinstance(exc.__cause__, CannotGetOperationTypeError):
                # Spec, "Operation cannot be determined": a GraphQL request error, not a
                # malformed HTTP request, so its status follows the media type.
                return PreExecutionError(data=None, errors=[GraphQLError(exc.reason)])
            raise

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        response = await super().process_result(request, result)
        if is_request_error(result):
            del response["data"]  # GraphQL spec, "Response": no data when nothing executed
        return response

    async def get_sub_response(self, request: Request | WebSocket) -> Response:
        sub_response = await super().get_sub_response(request)
        sub_response.media_type = request.state.media_type
        return sub_response

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        """Spec, "Status Codes": with application/json every GraphQL response is a 200; with
        application/graphql-response+json a response without `data` (a request error) is 400."""
        media_type = sub_response.media_type or JSON
        status = sub_response.status_code or 200
        if (
            media_type == GRAPHQL_RESPONSE_JSON
            and isinstance(response_data, dict)
            and "data" not in response_data
        ):
            status = 400
        response = Response(
            self.encode_json(response_data),
            status_code=status,
            media_type=f"{media_type}; charset=utf-8",
            background=sub_response.background,
        )
        response.headers.raw.extend(sub_response.headers.raw)
        return response

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        if isinstance(response, Response):
            response.headers[REQUEST_ID_HEADER] = request.state.request_id
        return Context(
            services=request.state.services,
            api=self.api,
            viewer=request.state.viewer,
            request_id=request.state.request_id,
        )


def new_request_id() -> str:
    """32 random hex digits, as `uuid4().hex` but without building a UUID."""
    return os.urandom(16).hex()


def _error_response(
    status: int, message: str, media_type: str | None, headers: dict[str, str]
) -> Response:
    """A request refused before execution, as a GraphQL response without `data`."""
    return JSONResponse(
        {"errors": [{"message": message}]},
        status_code=status,
        headers=headers,
        media_type=f"{media_type or JSON}; charset=utf-8",
    )
