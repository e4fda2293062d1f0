"""`uccn bot --console`: the bot in a terminal, over the same handlers as in Slack.

Each line read is a message (or a command, as after `/uccn`); the answer is printed as text,
its buttons as numbered choices: typing the number presses the button. What the bot would send
elsewhere (the group conversation of an introduction) is printed too, marked with where it
would go. `--as SLUG` speaks as a focal point of that city; without it, as someone unlinked.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from bot.answers import Reply
from bot.conversation import Conversation
from bot.turn import Turn
from services.notify import Message, OpenedView, UserInfo

log = logging.getLogger(__name__)
CONSOLE_USER = "console"
_BOLD = re.compile(r"\*([^*\n]+)\*")
_LINK = re.compile(r"<@([^>|]+)(?:\|[^>]*)?>")


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    action_id: str
    value: str


def render(message: Message | None) -> tuple[list[str], list[Button]]:
    """A message as lines of text, with its buttons numbered from 1."""
    if message is None:
        return [], []
    lines: list[str] = []
    buttons: list[Button] = []
    for block in message.blocks or ({"type": "section", "text": {"text": message.text}},):
        kind = block.get("type")
        if kind in ("section", "header"):
            lines.append(_plain(str(block["text"]["text"])))
        elif kind == "context":
            lines += ["  " + _plain(str(e.get("text", ""))) for e in block["elements"]]
        elif kind == "divider":
            lines.append("—" * 20)
        elif kind == "actions":
            row = []
            for element in block["elements"]:
                buttons.append(
                    Button(element["text"]["text"], element["action_id"], element.get("value", ""))
                )
                row.append(f"[{len(buttons)}] {element['text']['text']}")
            lines.append("  " + "   ".join(row))
    return lines, buttons


def _plain(text: str) -> str:
    return _LINK.sub(r"@\1", _BOLD.sub(r"\1", text))


@dataclass(slots=True)
class ConsoleMessenger:
    """The delivery port on a terminal: what would be sent is printed, marked with where."""

    out: TextIO
    conversations: list[tuple[str, ...]] = field(default_factory=list)

    def _print(self, where: str, message: Message) -> None:
        lines, _buttons = render(message)
        self.out.write(f"({where})\n" + "\n".join(lines) + "\n")

    async def post(self, channel: str, message: Message, *, thread: str | None = None) -> str:
        self._print(f"to {channel}", message)
        return secrets.token_hex(4)

    async def post_ephemeral(self, channel: str, user: str, message: Message) -> None:
        self._print(f"to {user} in {channel}", message)

    async def respond(
        self, response_url: str, message: Message, *, replace_original: bool = False
    ) -> None:
        self._print("reply", message)

    async def open_conversation(self, users: Sequence[str]) -> str:
        self.conversations.append(tuple(users))
        return f"group conversation with {', '.join(users)}"

    async def publish_home(self, user: str, view: dict[str, Any]) -> None:
        self._print("home", Message(text="", blocks=tuple(view.get("blocks", ()))))

    async def open_view(self, trigger_id: str, view: dict[str, Any]) -> OpenedView:
        return OpenedView(id="console", hash=None)

    async def update_view(
        self, view_id: str, view: dict[str, Any], view_hash: str | None = None
    ) -> OpenedView:
        return OpenedView(id=view_id, hash=None)

    async def user_info(self, user: str) -> UserInfo:
        return UserInfo(id=user, name=None, email=None, email_confirmed=False, locale=None)


class Console:
    def __init__(self, conversation: Conversation, turn: Turn, out: TextIO) -> None:
        self.conversation = conversation
        self.turn = turn
        self.out = out
        self.buttons: list[Button] = []

    async def say(self, line: str) -> None:
        text = line.strip()
        if not text:
            return
        try:
            if text.lower() == "home":
                view = await self.conversation.home(self.turn)
                home = Message(text="", blocks=tuple(view["blocks"]))
                reply, t = Reply(home), self.conversation.translator(self.turn)
            elif text.isdigit() and 1 <= int(text) <= len(self.buttons):
                pressed = self.buttons[int(text) - 1]
                reply, t = await self.conversation.action(
                    self.turn, pressed.action_id, pressed.value
                )
            else:
                reply, t = await self.conversation.message(self.turn, text)
        except Exception as exc:
            reference = secrets.token_hex(4)
            log.error("bot error (reference %s)", reference, exc_info=exc)
            reply_lines, _ = render(self.conversation.apology(self.turn, reference))
            self.out.write("\n".join(reply_lines) + "\n")
            return
        if reply.open_project_form:
            self.out.write(
                t.gettext("The project form opens in Slack; here, use the GraphQL API.") + "\n"
            )
            return
        lines, buttons = render(reply.message)
        if buttons:
            self.buttons = buttons
        self.out.write("\n".join(lines) + "\n\n")

    async def run(self, source: TextIO, prompt: bool) -> None:
        while True:
            if prompt:
                self.out.write("> ")
                self.out.flush()
            line = await asyncio.to_thread(source.readline)
            if not line:
                return
            await self.say(line)
