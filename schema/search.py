"""Full-text search over cities, institutions and projects."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from schema.city import City
from schema.institution import PartnerInstitution
from schema.project import PilotProject

SearchHit = Annotated[
    City | PartnerInstitution | PilotProject,
    strawberry.union("SearchHit", description="A city, institution or project found by name."),
]

SEARCHED: dict[str, Any] = {
    "City": City,
    "PartnerInstitution": PartnerInstitution,
    "PilotProject": PilotProject,
}
