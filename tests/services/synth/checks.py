"""What the synth tests share: the size and seed of the generated network, the labels it may
hold, and checks of a generated graph against the model and against the ties it implies (used
by the tests of `generate` and of the demo layer alike)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

from graph.dataset import GraphData, Props
from graph.model import Prop, PropType

N = 200
SEED = 7
REFERENCE_LABELS = ("Region", "Country", "CreativeField", "SDGGoal", "SDGTarget")
GENERATED_LABELS = (
    "City",
    "PartnerInstitution",
    "PilotProject",
    "MonitoringReport",
    "Contribution",
    "Mentorship",
    "FocalPoint",
    "Introduction",
    "HostApplication",
)
# Generated too, but the model gives Dismissal no `generated` property (yet): `Draft.node` adds
# the flag as soon as it does, and test_generated_flag then requires it.
UNFLAGGED_LABELS = ("Dismissal",)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
REPO_ROOT = Path(__file__).resolve().parents[3]


def ids_by_label(*graphs: GraphData) -> dict[str, set[str]]:
    ids: dict[str, set[str]] = {}
    for graph in graphs:
        for label, rows in graph.nodes.items():
            ids.setdefault(label, set()).update(str(r["id"]) for r in rows)
    return ids


def links_from(data: GraphData, key: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for link in data.links.get(key, []):
        out.setdefault(link.start, []).append(link.end)
    return out


def links_to(data: GraphData, key: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for link in data.links.get(key, []):
        out.setdefault(link.end, []).append(link.start)
    return out


Party = tuple[str, str]  # (partner kind, id)


def partners_of(data: GraphData) -> dict[str, set[Party]]:
    """Each city's existing partners: the cities and institutions on its projects and the
    institutions partnering with it. An introduction or a dismissal is never about those."""
    parties: dict[str, list[Party]] = {}
    for link in data.links.get("PilotProject-LED_BY-City", []):
        parties.setdefault(link.start, []).append(("city", link.end))
    for link in data.links.get("City-PARTICIPATES_IN-PilotProject", []):
        parties.setdefault(link.end, []).append(("city", link.start))
    for link in data.links.get("PartnerInstitution-CONTRIBUTES_TO-PilotProject", []):
        parties.setdefault(link.end, []).append(("institution", link.start))
    out: dict[str, set[Party]] = {}
    for who in parties.values():
        for kind, city in who:
            if kind == "city":
                out.setdefault(city, set()).update(w for w in who if w != (kind, city))
    for link in data.links.get("PartnerInstitution-PARTNERS_WITH-City", []):
        out.setdefault(link.end, set()).add(("institution", link.start))
    return out


def requests_problems(data: GraphData) -> list[str]:
    """Introductions and dismissals that are about an existing partner of their city, or whose
    id, partner and need do not agree."""
    partners = partners_of(data)
    asker = links_from(data, "Introduction-REQUESTED_BY-City")
    to_city = links_from(data, "Introduction-TO_CITY-City")
    to_institution = links_from(data, "Introduction-TO_INSTITUTION-PartnerInstitution")
    problems: list[str] = []
    for row in data.nodes.get("Introduction", []):
        cities, institutions = to_city.get(row["id"], []), to_institution.get(row["id"], [])
        targets = [("city", c) for c in cities] + [("institution", i) for i in institutions]
        if len(asker.get(row["id"], [])) != 1 or len(targets) != 1:
            problems.append(f"{row['id']}: not one asker and one partner")
            continue
        (city,), ((kind, partner),) = asker[row["id"]], targets
        if row["id"] != f"{city}:{partner}:{row['requested_date']}":
            problems.append(f"{row['id']}: id is not <asker>:<partner>:<requested date>")
        if kind != row["partner_kind"] or (kind, partner) in partners.get(city, set()):
            problems.append(f"{row['id']}: {kind} {partner} is an existing partner or mislabelled")
        if row.get("updated_date") and row["updated_date"] < row["requested_date"]:
            problems.append(f"{row['id']}: updated before it was requested")
    dismissed_by = links_from(data, "Dismissal-DISMISSED_BY-City")
    for row in data.nodes.get("Dismissal", []):
        (city,) = dismissed_by[row["id"]]
        if row["id"] != f"{city}:{row['partner_id']}:{row['need']}":
            problems.append(f"{row['id']}: id is not <city>:<partner>:<need>")
        if (row["partner_kind"], row["partner_id"]) in partners.get(city, set()):
            problems.append(f"{row['id']}: dismisses an existing partner")
    return problems


def type_problem(prop: Prop, value: Any) -> str | None:
    """Why `value` does not fit `prop`, or None when it does."""
    expected: dict[PropType, bool] = {
        PropType.STRING: isinstance(value, str),
        PropType.INT: isinstance(value, int) and not isinstance(value, bool),
        PropType.FLOAT: isinstance(value, float),
        PropType.BOOL: isinstance(value, bool),
        PropType.DATE: isinstance(value, str) and bool(ISO_DATE.match(value)),
        PropType.STRING_LIST: isinstance(value, list) and all(isinstance(v, str) for v in value),
    }
    if not expected[prop.type]:
        return f"{prop.name}={value!r} is not {prop.type}"
    if prop.type is PropType.DATE:
        date.fromisoformat(value)
    if prop.choices and value not in prop.choices:
        return f"{prop.name}={value!r} is not one of {prop.choices}"
    return None


def props_problems(props: Props, spec_props: tuple[Prop, ...], where: str) -> list[str]:
    known = {p.name: p for p in spec_props}
    problems = [f"{where}: unknown property {k!r}" for k in props if k not in known]
    for prop in spec_props:
        value = props.get(prop.name)
        if value is None:
            if prop.required:
                problems.append(f"{where}: required {prop.name} missing")
            continue
        problem = type_problem(prop, value)
        if problem:
            problems.append(f"{where}: {problem}")
    return problems
