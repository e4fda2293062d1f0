"""Delivering messages to people: the port every sender implements (`Messenger`) and what
travels through it. The Slack Web API adapter is `services.notify.slack`; the bot's console
has its own. The bot and the jobs both deliver through a `Messenger`."""

from services.notify.port import Message, Messenger, OpenedView, UserInfo

__all__ = ["Message", "Messenger", "OpenedView", "UserInfo"]
