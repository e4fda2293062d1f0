"""GraphQL over HTTP: Strawberry's ASGI app with our identity, context and request ids, held to
the GraphQL-over-HTTP spec (https://graphql.github.io/graphql-over-http/draft/); the rules
themselves are in hub.graphql_http."""

from __future__ import annotations

import json
import logging
import random
from typing import Any

from cross_web import HTTPException
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData, process_result
from strawberry.http.base import BaseRequestProtocol
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.execution import PreExecutionError
from strawberry.types.graphql import OperationType

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
from hub.response_cache import Key, ResponseCache
from hub.settings import Environment, Settings
from hub.trusted_documents import DocumentRefused, TrustedDocuments
from schema.build import build_schema
from schema.context import Context
from schema.mutation import Mutation
from services.container import Services
from services.policy import Viewer

REQUEST_ID_HEADER = "x-request-id"
CACHE_HEADER = "x-uccn-cache"  # `hit` or `miss` when the response cache was asked
log = logging.getLogger(__name__)


class HubGraphQL(GraphQL[Context, None]):
    def __init__(self, settings: Settings) -> None:
        super().__init__(
            build_schema(api_config(settings), mutation=Mutation),
            graphql_ide="graphiql" if settings.env is Environment.DEVELOPMENT else None,
        )
        self.api = api_config(settings)
        self.max_body_bytes = settings.api_max_body_bytes
        self.documents = TrustedDocuments.load(
            anonymous_trusted_only=settings.api_trusted_documents_only
        )
        self.cache_bytes = (
            settings.api_response_cache_bytes if settings.api_response_cache else None
        )
        self._cache: ResponseCache | None = None
        self._cache_store: GraphStore | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        receive = limited_receive(scope, receive, self.max_body_bytes)
        request = Request(scope, receive)
        state = scope.setdefault("state", {})
        state["request_id"] = request_id = new_request_id()
        # The response's media type, chosen before anything can fail, so errors use it too.
        media_type = negotiate(request.headers.get("accept"))
        headers = {REQUEST_ID_HEADER: request_id}
        store: GraphStore = state["store"]
        try:
            if media_type is None and not self.should_render_graphql_ide(
                self.request_adapter_class(request)
            ):
                # Spec, "Body": no JSON type is acceptable, so 406 (RECOMMENDED) and stop.
                message = f"Accept {JSON} or {GRAPHQL_RESPONSE_JSON}."
                raise HTTPException(406, message)
            state["viewer"] = viewer = await viewer_from_headers(request.headers, store)
            data = await self._read_request(request, viewer)
            if data is None:  # another method, or GraphiQL's page: Strawberry's own way
                response = await self.run(request)
            else:
                assert media_type is not None  # GraphiQL's page is the only other way here
                await self._answer(request, send, state, data, media_type)
                return
        except InvalidCredentials as exc:
            headers["www-authenticate"] = 'Bearer error="invalid_token"'
            response = _error_response(401, str(exc), media_type, headers)
        except BodyTooLarge as exc:
            headers["connection"] = "close"  # the rest of the body is not read
            response = _error_response(413, str(exc), media_type, headers)
        except DocumentRefused as exc:
            status = exc.status or (400 if media_type == GRAPHQL_RESPONSE_JSON else 200)
            response = _error_response(status, str(exc), media_type, headers, code=exc.code)
        except HTTPException as exc:
            if exc.status_code == 405:  # a mutation over GET goes by POST; HEAD by neither
                headers["allow"] = "POST" if request.method == "GET" else "GET, POST"
            response = _error_response(exc.status_code, exc.reason, media_type, headers)
        await response(scope, receive, send)

    async def _execute(
        self, data: GraphQLRequestData, context: Context, *, via_get: bool
    ) -> ExecutionResult:
        """The request's operation, run by the schema. Strawberry's view does the same (its
        `run` and `execute_single`); the hub reads the request itself (`_read_request`), so it
        calls the schema directly rather than through the view's layers of hooks for batches,
        streams, multipart bodies and subscriptions, none of which it serves."""
        try:
            return await self.schema.execute(
                data.query,
                variable_values=data.variables,
                context_value=context,
                operation_name=data.operation_name,
                allowed_operation_types=OperationType.from_http("GET" if via_get else "POST"),
                operation_extensions=data.extensions,
            )
        except CannotGetOperationTypeError as exc:
            # Spec, "Operation cannot be determined": a GraphQL request error, not a
            # malformed HTTP request, so its status follows the media type.
            return PreExecutionError(data=None, errors=[GraphQLError(exc.as_http_error_reason())])
        except InvalidOperationTypeError as exc:
            # Spec, "GET": a mutation over GET MUST be refused with 405.
            status, method = (405, "GET") if via_get else (400, "POST")
            raise HTTPException(status, exc.as_http_error_reason(method)) from exc
        except MissingQueryError as exc:
            raise HTTPException(400, "No GraphQL query found in the request") from exc

    def _encode(self, result: ExecutionResult, media_type: str) -> tuple[int, bytes]:
        """Spec, "Status Codes": with application/json every GraphQL response is a 200; with
        application/graphql-response+json a response without `data` (a request error) is 400.
        A request error's response has no `data` entry at all (GraphQL spec, "Response")."""
        response = process_result(result)
        status = 200
        if is_request_error(result):
            del response["data"]
            if media_type == GRAPHQL_RESPONSE_JSON:
                status = 400
        return status, json.dumps(response, separators=(",", ":")).encode()

    async def _answer(
        self,
        request: Request,
        send: Send,
        state: dict[str, Any],
        data: GraphQLRequestData,
        media_type: str,
    ) -> None:
        """The request answered from the response cache, or run and, when it may be kept (no
        errors, an operation whose root fields the cache knows to be reads), kept."""
        request_id: str = state["request_id"]
        cache = self._cache_for(state["store"])
        key = await _cache_key(cache, data, state["viewer"], state["services"])
        if key is not None:
            assert cache is not None
            kept = cache.get(key)
            if kept is not None:
                await _send(send, 200, kept, media_type, request_id, cache="hit")
                return
        context = self._context(state)
        result = await self._execute(data, context, via_get=request.method == "GET")
        status, body = self._encode(result, media_type)
        said = None
        if key is not None and status == 200 and not result.errors:
            assert cache is not None
            assert data.query is not None  # `request_data` checked it is a string
            if cache.may_keep(data.query, data.operation_name):
                cache.keep(key, body)
                said = "miss"
        await _send(send, status, body, media_type, request_id, cache=said)

    async def _read_request(self, request: Request, viewer: Viewer) -> GraphQLRequestData | None:
        """The request's parameters (a document sent by hash resolved, `TrustedDocuments`), each
        checked; None for what is no GraphQL request (another method, GraphiQL's page)."""
        if request.method not in ("GET", "POST"):
            return None
        adapter = self.request_adapter_class(request)
        if self.should_render_graphql_ide(adapter):
            return None
        try:
            if request.method == "GET":
                parameters = self.parse_query_params(adapter.query_params)
            else:
                check_request_content_type(adapter.content_type)
                parameters = self.parse_json(await adapter.get_body())
        except json.JSONDecodeError as exc:
            raise HTTPException(400, "Unable to parse request body as JSON") from exc
        if isinstance(parameters, dict):
            parameters = self.documents.resolve(parameters, viewer)
        return request_data(parameters, from_url=request.method == "GET")

    def _cache_for(self, store: GraphStore) -> ResponseCache | None:
        """The cache of the store the app serves (opened in the lifespan, after this view)."""
        if self.cache_bytes is None:
            return None
        if self._cache is None or self._cache_store is not store:
            self._cache, self._cache_store = ResponseCache(store, self.cache_bytes), store
        return self._cache

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL from the hub's own bundle (`make web`), not from a CDN: it loads offline."""
        if not bundles_built():
            return PlainTextResponse(NOT_BUILT.replace("explorer", "GraphiQL"), status_code=503)
        return FileResponse(STATIC / "graphiql.html", media_type="text/html; charset=utf-8")

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """GraphiQL where it is served (development); elsewhere a GET is only a GraphQL request."""
        return self.graphql_ide is not None and super().should_render_graphql_ide(request)

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

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        """Strawberry's view answers only what `__call__` leaves it (GraphiQL's page, a refused
        method), and neither reaches here; GraphQL responses are encoded by `_encode`."""
        raise NotImplementedError("GraphQL responses are sent by HubGraphQL.__call__")

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        return self._context(request.scope["state"])

    def _context(self, state: dict[str, Any]) -> Context:
        """The request's context, from what `__call__` put in its scope's state."""
        return Context(
            services=state["services"],
            api=self.api,
            viewer=state["viewer"],
            request_id=state["request_id"],
        )


def new_request_id() -> str:
    """32 random hex digits, as `uuid4().hex` but without building a UUID or asking the kernel:
    an id tells requests apart in the logs, it guards nothing."""
    return f"{random.getrandbits(128):032x}"


async def _cache_key(
    cache: ResponseCache | None,
    data: GraphQLRequestData | None,
    viewer: Viewer,
    services: Services,
) -> Key | None:
    """The request's cache key; None without a cache, for no GraphQL request, or when the
    graph's version cannot be read: the request then runs as if there were no cache, and meets
    the same failure where it is answered (a field error, logged and masked)."""
    if cache is None or data is None:
        return None
    parameters = {
        "query": data.query,
        "operationName": data.operation_name,
        "variables": data.variables,
    }
    try:
        return await cache.key(parameters, viewer, services.clock.today())
    except Exception as exc:
        log.warning("answering without the response cache: %s", exc)
        return None


async def _send(
    send: Send, status: int, body: bytes, media_type: str, request_id: str, *, cache: str | None
) -> None:
    """A GraphQL response, kept or fresh, with its request id and (when the response cache was
    asked and answered or kept it) what the cache did."""
    headers = [
        (b"content-length", str(len(body)).encode()),
        (b"content-type", f"{media_type}; charset=utf-8".encode()),
        (REQUEST_ID_HEADER.encode(), request_id.encode()),
    ]
    if cache is not None:
        headers.append((CACHE_HEADER.encode(), cache.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _error_response(
    status: int,
    message: str,
    media_type: str | None,
    headers: dict[str, str],
    *,
    code: str | None = None,
) -> Response:
    """A request refused before execution, as a GraphQL response without `data`."""
    error: dict[str, object] = {"message": message}
    if code is not None:
        error["extensions"] = {"code": code}
    return JSONResponse(
        {"errors": [error]},
        status_code=status,
        headers=headers,
        media_type=f"{media_type or JSON}; charset=utf-8",
    )
