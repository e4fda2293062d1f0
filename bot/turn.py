"""Who is speaking in one turn of the conversation, and the language to answer in.

The language of an answer is the message's own when it says (`bot.language`), else the user's
Slack locale, else the focal point's language on record, else English (the catalogs' fallback).
"""

from __future__ import annotations

from dataclasses import dataclass

from services.identity import ChatIdentity


@dataclass(frozen=True, slots=True)
class Turn:
    who: ChatIdentity
    locale_language: str | None = None  # from the user's Slack locale, when known

    def language(self, said: str | None = None) -> str | None:
        return said or self.locale_language or self.who.language
