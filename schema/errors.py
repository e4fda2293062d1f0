"""Expected failures are part of the schema: union members with a message and a field path."""

from __future__ import annotations

import strawberry


@strawberry.type(description="The input is not acceptable; `field` is the path to the culprit.")
class ValidationError:
    message: str
    field: list[str]


@strawberry.type(description="Something the request names does not exist.")
class NotFoundError:
    message: str
    field: list[str]
    id: str


@strawberry.type(description="The caller may not do this.")
class ForbiddenError:
    message: str
    field: list[str]
