"""Who may do what. Plain functions over a Viewer, so the rules are easy to read and test.

The predicates answer; the `require_*` functions refuse with a `Refused` in domain words
("anonymous callers may not create a project: ..."), which every entry point shows as it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from services.errors import FieldPath, Refused


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    RESEARCHER = "researcher"
    FOCAL_POINT = "focal-point"
    SECRETARIAT = "secretariat"


TOKEN_ROLES = (Role.SECRETARIAT, Role.FOCAL_POINT, Role.RESEARCHER)


@dataclass(frozen=True, slots=True)
class Viewer:
    """The caller: a role, and for a focal point the one city it speaks for."""

    role: Role
    city: str | None = None
    token_id: str | None = None


ANONYMOUS = Viewer(Role.ANONYMOUS)
SECRETARIAT = Viewer(Role.SECRETARIAT)


def is_secretariat(viewer: Viewer) -> bool:
    return viewer.role is Role.SECRETARIAT


def speaks_for(viewer: Viewer, city_id: str | None) -> bool:
    """The secretariat speaks for every city; a focal point for its own city only."""
    if is_secretariat(viewer):
        return True
    return viewer.role is Role.FOCAL_POINT and city_id is not None and viewer.city == city_id


def can_see_private(viewer: Viewer, city_id: str | None) -> bool:
    """Contribution amounts, focal points' contact details, introduction notes."""
    return speaks_for(viewer, city_id)


def can_read_aggregates(viewer: Viewer) -> bool:
    """Counts per field, region and SDG goal, analytics and exports: every authenticated role."""
    return viewer.role is not Role.ANONYMOUS


def can_analyse(viewer: Viewer) -> bool:
    """Network analytics (statistics, centrality, communities, brokers): researchers and the
    secretariat, whose work is to study the network as a whole."""
    return viewer.role in (Role.RESEARCHER, Role.SECRETARIAT)


def require_analyst(viewer: Viewer, action: str) -> None:
    if not can_analyse(viewer):
        raise Refused(
            f"only researchers and the secretariat may {action}: send a researcher's or the "
            "secretariat's token"
        )


def require_writer(viewer: Viewer, action: str) -> None:
    """Anonymous callers and researchers read; only focal points and the secretariat write.
    `action` is what the caller tried, in words: "create a project"."""
    if viewer.role in (Role.ANONYMOUS, Role.RESEARCHER):
        who = "anonymous callers" if viewer.role is Role.ANONYMOUS else "researchers"
        raise Refused(
            f"{who} may not {action}: that needs a focal point's or the secretariat's token"
        )


def require_secretariat(viewer: Viewer, action: str) -> None:
    if not is_secretariat(viewer):
        raise Refused(f"only the secretariat may {action}")


def require_city(viewer: Viewer, city: str, path: FieldPath, doing: str) -> None:
    """The secretariat acts for every city; a focal point for its own city only."""
    if speaks_for(viewer, city):
        return
    raise Refused(
        f"a focal point may {doing} only for its own city ({viewer.city}), not for {city!r}", path
    )
