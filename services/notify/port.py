"""The delivery port: what the bot and the jobs ask of a chat platform, as a `Protocol`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

Block = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Message:
    """A message: `text` is what notifications and screen readers say, `blocks` its layout."""

    text: str
    blocks: tuple[Block, ...] = ()

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"text": self.text}
        if self.blocks:
            body["blocks"] = list(self.blocks)
        return body


@dataclass(frozen=True, slots=True)
class OpenedView:
    id: str
    hash: str | None


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: str
    name: str | None
    email: str | None
    email_confirmed: bool
    locale: str | None
    is_bot: bool = False


class Messenger(Protocol):
    async def post(self, channel: str, message: Message, *, thread: str | None = None) -> str:
        """Posts to a channel (or a user's or a group's conversation); the message's ts."""
        ...

    async def post_ephemeral(self, channel: str, user: str, message: Message) -> None: ...

    async def respond(
        self, response_url: str, message: Message, *, replace_original: bool = False
    ) -> None:
        """Answers through a slash command's or an action's `response_url`."""
        ...

    async def open_conversation(self, users: Sequence[str]) -> str:
        """The direct (one user) or group (several) conversation with them; its channel id."""
        ...

    async def publish_home(self, user: str, view: dict[str, Any]) -> None: ...

    async def open_view(self, trigger_id: str, view: dict[str, Any]) -> OpenedView: ...

    async def update_view(
        self, view_id: str, view: dict[str, Any], view_hash: str | None = None
    ) -> OpenedView: ...

    async def user_info(self, user: str) -> UserInfo: ...
