"""Raising the hub's query limits for a benchmark's document, and saying so.

The benchmarks are about speed, not about the limits: when the production defaults refuse a
document (too deep, too costly...), the limit it names is raised to a ceiling and the benchmark
notes what it raised. A limit without a ceiling here stops the benchmark instead.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from strawberry.types import ExecutionResult

from hub.settings import Settings

# Query limits a benchmark may raise when they refuse its document, to these values.
LIMIT_CEILINGS = {
    "UCCN_API_MAX_DEPTH": ("api_max_depth", 50),
    "UCCN_API_MAX_COST": ("api_max_cost", 10_000_000),
    "UCCN_API_MAX_ALIASES": ("api_max_aliases", 1000),
    "UCCN_API_MAX_TOKENS": ("api_max_tokens", 100_000),
}
LIMIT_CODE = "QUERY_LIMIT_EXCEEDED"

Probe = Callable[[Settings], Awaitable[ExecutionResult]]


class LimitError(RuntimeError):
    """The document is refused by a limit the benchmark cannot raise, or still refused."""


async def raise_limits(base: Settings, probe: Probe) -> tuple[Settings, list[str]]:
    """`base`, with every query limit that refuses `probe`'s document raised, and what was
    raised (the benchmarks are about speed, not about the limits)."""
    settings = base
    raised: list[str] = []
    for _ in range(len(LIMIT_CEILINGS) + 1):
        result = await probe(settings)
        refusals = [
            e for e in result.errors or [] if (e.extensions or {}).get("code") == LIMIT_CODE
        ]
        if not refusals:
            return settings, raised
        updates: dict[str, int] = {}
        for refusal in refusals:
            limit = str((refusal.extensions or {}).get("limit"))
            if limit not in LIMIT_CEILINGS:
                raise LimitError(f"a limit the benchmark cannot raise: {refusal.message}")
            name, ceiling = LIMIT_CEILINGS[limit]
            updates[name] = ceiling
            raised.append(f"{limit} raised to {ceiling:,} (refused: {refusal.message})")
        settings = settings.model_copy(update=updates)
    raise LimitError(f"the document is still refused after raising: {raised}")
