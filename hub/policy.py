"""Who may do what. Plain functions over a Viewer, so the rules are easy to read and test."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


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


def is_secretariat(viewer: Viewer) -> bool:
    return viewer.role is Role.SECRETARIAT


def speaks_for(viewer: Viewer, city_id: str | None) -> bool:
    """The secretariat speaks for every city; a focal point for its own city only."""
    if is_secretariat(viewer):
        return True
    return viewer.role is Role.FOCAL_POINT and city_id is not None and viewer.city == city_id


def can_see_private(viewer: Viewer, city_id: str | None) -> bool:
    """Contribution amounts and focal points' contact details."""
    return speaks_for(viewer, city_id)


def can_read_aggregates(viewer: Viewer) -> bool:
    """Counts per field, region and SDG goal, and exports: every authenticated role."""
    return viewer.role is not Role.ANONYMOUS
