"""Filter inputs of the listings, and their translation into statement parameters."""

from __future__ import annotations

import re
from typing import Any

import strawberry

from graph.store import fold_name
from schema.connection import bad_input
from schema.enums import (
    CityStatus,
    CreativeFieldCode,
    InstitutionKind,
    ProjectStatus,
    RegionCode,
)

ISO2 = re.compile(r"^[A-Z]{2}$")
SDG_TARGET = re.compile(r"^(?:[1-9]|1[0-7])\.(?:[1-9][0-9]?|[a-z])$")


@strawberry.input(description="An inclusive range of years; either end may be left open.")
class YearRange:
    from_: int | None = strawberry.field(default=None, name="from")
    to: int | None = None


@strawberry.input(description="Cities matching every given criterion (lists match any value).")
class CityFilter:
    fields: list[CreativeFieldCode] | None = None
    regions: list[RegionCode] | None = None
    countries: list[str] | None = strawberry.field(default=None, description="ISO2 codes.")
    global_south: bool | None = None
    designation_year: YearRange | None = None
    statuses: list[CityStatus] | None = None
    sdg_targets: list[str] | None = strawberry.field(
        default=None, description="Target codes (`11.4`): cities in projects on any of them."
    )
    name: str | None = strawberry.field(
        default=None, description="Part of the name; accents and case do not matter."
    )
    generated: bool | None = None


@strawberry.input
class CountryFilter:
    regions: list[RegionCode] | None = None
    global_south: bool | None = None
    name: str | None = None


@strawberry.input
class InstitutionFilter:
    kinds: list[InstitutionKind] | None = None
    countries: list[str] | None = None
    name: str | None = None
    generated: bool | None = None


@strawberry.input
class ProjectFilter:
    statuses: list[ProjectStatus] | None = None
    fields: list[CreativeFieldCode] | None = None
    sdg_targets: list[str] | None = None
    sdg_goals: list[int] | None = None
    cities: list[str] | None = strawberry.field(default=None, description="City slugs.")
    active_in: YearRange | None = None
    name: str | None = None
    generated: bool | None = None


def _values(items: list[Any] | None) -> list[Any] | None:
    return None if items is None else [getattr(i, "value", i) for i in items]


def _countries(codes: list[str] | None, path: str) -> list[str] | None:
    if codes is None:
        return None
    for code in codes:
        if not ISO2.match(code):
            raise bad_input(path, f"{code!r} is not an ISO 3166-1 alpha-2 code like 'TH'")
    return codes


def _targets(codes: list[str] | None, path: str) -> list[str] | None:
    if codes is None:
        return None
    for code in codes:
        if not SDG_TARGET.match(code):
            raise bad_input(path, f"{code!r} is not an SDG target code like '11.4'")
    return codes


def _years(years: YearRange | None, path: str) -> tuple[int | None, int | None]:
    if years is None:
        return None, None
    if years.from_ is not None and years.to is not None and years.from_ > years.to:
        raise bad_input(path, f"from ({years.from_}) is after to ({years.to})")
    return years.from_, years.to


def _name(text: str | None) -> str | None:
    folded = fold_name(text).strip() if text is not None else None
    return folded or None


def city_params(f: CityFilter | None) -> dict[str, Any]:
    f = f or CityFilter()
    year_from, year_to = _years(f.designation_year, "filter.designationYear")
    return {
        "statuses": _values(f.statuses),
        "fields": _values(f.fields),
        "regions": _values(f.regions),
        "countries": _countries(f.countries, "filter.countries"),
        "global_south": f.global_south,
        "year_from": year_from,
        "year_to": year_to,
        "name": _name(f.name),
        "generated": f.generated,
        "targets": _targets(f.sdg_targets, "filter.sdgTargets"),
    }


def country_params(f: CountryFilter | None) -> dict[str, Any]:
    f = f or CountryFilter()
    name = f.name.strip().lower() if f.name and f.name.strip() else None
    return {"regions": _values(f.regions), "global_south": f.global_south, "name": name}


def institution_params(f: InstitutionFilter | None) -> dict[str, Any]:
    f = f or InstitutionFilter()
    return {
        "kinds": _values(f.kinds),
        "countries": _countries(f.countries, "filter.countries"),
        "name": _name(f.name),
        "generated": f.generated,
    }


def project_params(f: ProjectFilter | None) -> dict[str, Any]:
    f = f or ProjectFilter()
    year_from, year_to = _years(f.active_in, "filter.activeIn")
    if f.sdg_goals is not None and any(not 1 <= g <= 17 for g in f.sdg_goals):
        raise bad_input("filter.sdgGoals", "SDG goals are numbered 1 to 17")
    return {
        "statuses": _values(f.statuses),
        "fields": _values(f.fields),
        "targets": _targets(f.sdg_targets, "filter.sdgTargets"),
        "goals": f.sdg_goals,
        "cities": f.cities,
        "year_from": year_from,
        "year_to": year_to,
        "name": _name(f.name),
        "generated": f.generated,
    }
