"""Which GraphQL type shows which label, for node(id:) and mixed results."""

from __future__ import annotations

from functools import cache
from typing import Any

from graph.dataset import Props


def type_for(label: str) -> Any:
    return _types()[label]


@cache
def _types() -> dict[str, Any]:
    """Built once, on first use: the type modules import this one, so not at import time."""
    from schema.city import City
    from schema.conference import Conference
    from schema.contribution import Contribution
    from schema.country import Country
    from schema.dismissal import Dismissal
    from schema.field import CreativeField
    from schema.focal_point import FocalPoint
    from schema.host_application import HostApplication
    from schema.institution import PartnerInstitution
    from schema.introduction import Introduction
    from schema.mentorship import Mentorship
    from schema.project import PilotProject
    from schema.region import Region
    from schema.report import MonitoringReport
    from schema.sdg_goal import SDGGoal
    from schema.sdg_target import SDGTarget

    types: dict[str, Any] = {
        "City": City,
        "Conference": Conference,
        "Contribution": Contribution,
        "Country": Country,
        "CreativeField": CreativeField,
        "Dismissal": Dismissal,
        "FocalPoint": FocalPoint,
        "HostApplication": HostApplication,
        "Introduction": Introduction,
        "PartnerInstitution": PartnerInstitution,
        "Mentorship": Mentorship,
        "PilotProject": PilotProject,
        "Region": Region,
        "MonitoringReport": MonitoringReport,
        "SDGGoal": SDGGoal,
        "SDGTarget": SDGTarget,
    }
    return types


def build_node(label: str, props: Props) -> Any:
    return type_for(label).from_props(props)
