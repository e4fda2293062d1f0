"""The five entity kinds of `uccn import`: their friendly columns and how a checked row maps
to model nodes and relationships.

Columns are the same in CSV (one kind per file, lists `;`-separated) and in JSON sections
(lists as arrays, numbers as numbers). An `id` column is optional where there is one: the slug
of the name or title is used. Reports and contributions get `<city>:<cycle>` and
`<city>:<year>`. Every id a row names becomes a relationship whose far end is checked later
against the file and the store.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from graph.model import CITY_STATUSES, INSTITUTION_KINDS, PROJECT_STATUSES
from names import fold_name, slugify
from services.exchange.batch import BatchBuilder

ColType = Literal["text", "slug", "iso2", "field", "url", "int", "float", "date", "list"]
ItemType = Literal["id", "field", "sdg"]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: ColType = "text"
    required: bool = False
    default: str | None = None
    choices: tuple[str, ...] = ()
    item: ItemType = "id"  # what the items of a list column are


@dataclass(slots=True)
class Row:
    """One entity row being mapped: where it is, and how its fields are named in errors."""

    builder: BatchBuilder
    line: int
    prefix: str  # "" for CSV, "projects[3]." for JSON

    def field(self, column: str) -> str:
        return f"{self.prefix}{column}"

    def error(self, column: str, reason: str) -> None:
        self.builder.error(self.line, self.field(column), reason)

    def node(self, label: str, props: dict[str, Any]) -> bool:
        """Add the row's node; False (and no relationships should follow) for a duplicate."""
        clean = {k: v for k, v in props.items() if v is not None}
        return self.builder.node(label, clean, self.line, self.field("id"))

    def link(
        self, key: str, start: str, end: str, columns: tuple[str, str], props: Mapping[str, Any]
    ) -> None:
        clean = {k: v for k, v in props.items() if v is not None}
        fields = (self.field(columns[0]), self.field(columns[1]))
        self.builder.link(key, start, end, clean, self.line, fields)


@dataclass(frozen=True, slots=True)
class EntityKind:
    name: str
    label: str
    columns: tuple[Column, ...]
    build: Callable[[Row, dict[str, Any]], None]

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


# --- mapping of each kind -----------------------------------------------------------------------


def _own_id(row: Row, values: dict[str, Any], name_column: str) -> str | None:
    if values.get("id"):
        return str(values["id"])
    name = values.get(name_column)
    if not name:
        return None
    slug = slugify(str(name))
    if not slug:
        row.error("id", f"cannot be made from the {name_column}; give an id")
        return None
    return slug


def _search_name(text: Any) -> str | None:
    return fold_name(text) if isinstance(text, str) else None


def _city(row: Row, v: dict[str, Any]) -> None:
    city = _own_id(row, v, "name")
    if city is None:
        return
    names = ("name", "status", "designation_year", "latitude", "longitude", "population")
    props = {"id": city, "search_name": _search_name(v["name"])}
    props |= {k: v[k] for k in (*names, "geonames_id", "unesco_url", "languages")}
    if not row.node("City", props):
        return
    if v["country"]:
        row.link("City-IN_COUNTRY-Country", city, v["country"], ("id", "country"), {})
    if v["field"]:
        year = {"year": v["designation_year"]}
        row.link("City-DESIGNATED_IN-CreativeField", city, v["field"], ("id", "field"), year)


def _institution(row: Row, v: dict[str, Any]) -> None:
    inst = _own_id(row, v, "name")
    if inst is None:
        return
    props = {"id": inst, "search_name": _search_name(v["name"])}
    props |= {k: v[k] for k in ("name", "kind", "website")}
    if not row.node("PartnerInstitution", props):
        return
    if v["country"]:
        row.link("PartnerInstitution-BASED_IN-Country", inst, v["country"], ("id", "country"), {})
    if v["since_year"] is not None and not v["partner_cities"]:
        row.error("since_year", "needs partner_cities")
    for city in v["partner_cities"] or ():
        since = {"since_year": v["since_year"]}
        key = "PartnerInstitution-PARTNERS_WITH-City"
        row.link(key, inst, city, ("id", "partner_cities"), since)


def _project(row: Row, v: dict[str, Any]) -> None:
    project = _own_id(row, v, "title")
    if project is None:
        return
    props = {"id": project, "search_name": _search_name(v["title"])}
    props |= {k: v[k] for k in ("title", "summary", "start_year", "end_year", "status")}
    if not row.node("PilotProject", props):
        return
    if v["lead_city"]:
        row.link("PilotProject-LED_BY-City", project, v["lead_city"], ("id", "lead_city"), {})
    for city in v["cities"] or ():
        row.link("City-PARTICIPATES_IN-PilotProject", city, project, ("cities", "id"), {})
    for inst in v["institutions"] or ():
        key = "PartnerInstitution-CONTRIBUTES_TO-PilotProject"
        row.link(key, inst, project, ("institutions", "id"), {})
    for field_id in v["fields"] or ():
        key = "PilotProject-IN_FIELD-CreativeField"
        row.link(key, project, field_id, ("id", "fields"), {})
    for target in v["sdg_targets"] or ():
        key = "PilotProject-ADDRESSES-SDGTarget"
        row.link(key, project, target, ("id", "sdg_targets"), {})


def _report(row: Row, v: dict[str, Any]) -> None:
    if not v["city"] or v["cycle"] is None:
        return
    report = f"{v['city']}:{v['cycle']}"
    props = {"id": report} | {k: v[k] for k in ("cycle", "due_date", "submitted_date", "url")}
    if not row.node("MonitoringReport", props):
        return
    row.link("MonitoringReport-REPORT_OF-City", report, v["city"], ("id", "city"), {})


def _contribution(row: Row, v: dict[str, Any]) -> None:
    if not v["city"] or v["year"] is None:
        return
    contribution = f"{v['city']}:{v['year']}"
    props = {"id": contribution} | {k: v[k] for k in ("year", "amount", "currency")}
    if not row.node("Contribution", props):
        return
    key = "Contribution-CONTRIBUTION_OF-City"
    row.link(key, contribution, v["city"], ("id", "city"), {})


KINDS: dict[str, EntityKind] = {
    kind.name: kind
    for kind in (
        EntityKind(
            "cities",
            "City",
            (
                Column("id", "slug"),
                Column("name", required=True),
                Column("country", "iso2", required=True),
                Column("field", "field", required=True),
                Column("status", default="member", choices=CITY_STATUSES),
                Column("designation_year", "int"),
                Column("latitude", "float"),
                Column("longitude", "float"),
                Column("population", "int"),
                Column("geonames_id"),
                Column("unesco_url", "url"),
                Column("languages", "list"),
            ),
            _city,
        ),
        EntityKind(
            "institutions",
            "PartnerInstitution",
            (
                Column("id", "slug"),
                Column("name", required=True),
                Column("kind", required=True, choices=INSTITUTION_KINDS),
                Column("country", "iso2", required=True),
                Column("website", "url"),
                Column("partner_cities", "list"),
                Column("since_year", "int"),
            ),
            _institution,
        ),
        EntityKind(
            "projects",
            "PilotProject",
            (
                Column("id", "slug"),
                Column("title", required=True),
                Column("summary"),
                Column("start_year", "int", required=True),
                Column("end_year", "int"),
                Column("status", required=True, choices=PROJECT_STATUSES),
                Column("lead_city", required=True),
                Column("cities", "list"),
                Column("institutions", "list"),
                Column("fields", "list", item="field"),
                Column("sdg_targets", "list", item="sdg"),
            ),
            _project,
        ),
        EntityKind(
            "reports",
            "MonitoringReport",
            (
                Column("city", required=True),
                Column("cycle", "int", required=True),
                Column("due_date", "date", required=True),
                Column("submitted_date", "date"),
                Column("url", "url"),
            ),
            _report,
        ),
        EntityKind(
            "contributions",
            "Contribution",
            (
                Column("city", required=True),
                Column("year", "int", required=True),
                Column("amount", "float", required=True),
                Column("currency", default="USD"),
            ),
            _contribution,
        ),
    )
}
