"""What the GraphQL layer is configured with, built by the composition root from the settings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ApiConfig:
    production: bool = False  # no introspection, no suggestions, unexpected errors masked
    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 2000
    max_cost: int = 5000
    page_max: int = 100
    neighbourhood_max_nodes: int = 500  # what one neighbourhood may visit (its cost)
    compiled_reads: bool = True  # nested relations in one statement (`schema.compiled`)
