"""A reason: a short sentence a focal point can read, with a stable code and the values in it,
so a client (the Slack bot) can say it again in another language."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Reason:
    code: str  # stable, snake_case (`shared_target`)
    text: str  # English sentence
    params: dict[str, str] = field(default_factory=dict)
