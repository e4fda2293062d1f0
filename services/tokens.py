"""Bearer tokens: created once and shown once; only a SHA-256 hash of the secret is stored.

A token reads `uccn_<id>.<secret>`: the id finds the record (and names it for revocation),
the secret is 256 random bits, so a plain SHA-256 suffices and is compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from graph.dataset import GraphData
from graph.statements import tokens as statements
from graph.store import GraphStore
from services.policy import TOKEN_ROLES, Role, Viewer

TOKEN_PATTERN = re.compile(r"^uccn_(tk_[0-9a-f]{12})\.([A-Za-z0-9_-]{43})$")


class InvalidToken(Exception):
    """The token is malformed, unknown, revoked or does not match."""


class TokenRequestError(ValueError):
    """A token cannot be created as asked (role, city)."""


@dataclass(frozen=True, slots=True)
class TokenInfo:
    id: str
    role: str
    city: str | None
    label: str | None
    created_at: str
    revoked_at: str | None


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


async def create_token(
    store: GraphStore, role: Role, city: str | None = None, label: str | None = None
) -> tuple[str, str]:
    """Returns (token id, the token in clear). The clear token is never stored or shown again."""
    if role not in TOKEN_ROLES:
        raise TokenRequestError(f"role must be one of {', '.join(TOKEN_ROLES)}")
    if role is Role.FOCAL_POINT:
        if not city:
            raise TokenRequestError("a focal-point token needs --city (the city it speaks for)")
        if not await store.existing_ids("City", [city]):
            raise TokenRequestError(f"no city with id {city!r}")
    elif city:
        raise TokenRequestError(f"a {role} token speaks for no single city; drop --city")
    token_id = f"tk_{secrets.token_hex(6)}"
    secret = secrets.token_urlsafe(32)
    data = GraphData()
    data.add_node(
        "ApiToken",
        {
            "id": token_id,
            "hash": _hash(secret),
            "role": str(role),
            "created_at": _now(),
            "label": label,
        },
    )
    if city:
        data.add_link("ApiToken-SPEAKS_FOR-City", token_id, city)
    await store.write_data(data)
    return token_id, f"uccn_{token_id}.{secret}"


async def revoke_token(store: GraphStore, token_id: str) -> bool:
    """True if the token was active and is now revoked."""
    return bool(await store.run(statements.REVOKE_TOKEN, id=token_id, now=_now()))


async def list_tokens(store: GraphStore) -> list[TokenInfo]:
    return [TokenInfo(**row) for row in await store.run(statements.LIST_TOKENS)]


async def resolve_token(store: GraphStore, token: str) -> Viewer:
    match = TOKEN_PATTERN.match(token)
    if match is None:
        raise InvalidToken("the bearer token is malformed")
    token_id, secret = match.groups()
    rows = await store.run(statements.TOKEN_BY_ID, id=token_id)
    if not rows:
        raise InvalidToken("the bearer token is unknown")
    record = rows[0]["token"]
    if not hmac.compare_digest(record["hash"], _hash(secret)):
        raise InvalidToken("the bearer token is unknown")
    if record.get("revoked_at"):
        raise InvalidToken("the bearer token was revoked")
    return Viewer(Role(record["role"]), city=rows[0]["city"], token_id=token_id)
