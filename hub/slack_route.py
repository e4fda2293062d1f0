"""`POST /slack/events`: Slack's events, the `/uccn` command, interactivity and options, handed
to the bot the lifespan built (present only when a signing secret is set). Bolt checks the
signature and the timestamp (401 when either is wrong or over 5 minutes old) before anything."""

from __future__ import annotations

from slack_bolt.adapter.starlette.async_handler import AsyncSlackRequestHandler
from starlette.requests import Request
from starlette.responses import Response

SLACK_PATH = "/slack/events"


async def slack_events(request: Request) -> Response:
    handler: AsyncSlackRequestHandler = request.state.slack
    return await handler.handle(request)
