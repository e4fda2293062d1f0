"""A whole-graph export as of a year and for a filter on cities, like the network formats and
the analytics (`services.analytics.projection.Scope`): cities that the scope does not admit
(designated later, or of another field, region, country, side of the North–South line) leave
with their relationships; so do projects started after the year and standing partnerships
begun after it. Everything else (countries, fields, SDGs, institutions, records) stays."""

from __future__ import annotations

from graph.dataset import GraphData
from graph.model import REL_BY_KEY
from services.analytics.network import CityNode
from services.analytics.projection import Scope


def _is_everything(scope: Scope) -> bool:
    return scope == Scope()


def _one(data: GraphData, key: str) -> dict[str, str]:
    return {link.start: link.end for link in data.links.get(key, ())}


def _city_nodes(data: GraphData) -> dict[str, CityNode]:
    country_of = _one(data, "City-IN_COUNTRY-Country")
    field_of = _one(data, "City-DESIGNATED_IN-CreativeField")
    region_of = _one(data, "Country-IN_REGION-Region")
    south = {str(c["id"]): bool(c.get("global_south")) for c in data.nodes.get("Country", ())}
    found = {}
    for row in data.nodes.get("City", ()):
        city = str(row["id"])
        country = country_of.get(city)
        year = row.get("designation_year")
        found[city] = CityNode(
            id=city,
            name=str(row.get("name", city)),
            year=int(year) if year is not None else None,
            latitude=None,
            longitude=None,
            country=country,
            region=region_of.get(country) if country else None,
            south=south.get(country, False) if country else False,
            field=field_of.get(city),
            generated=bool(row.get("generated")),
        )
    return found


def scoped(data: GraphData, scope: Scope) -> GraphData:
    if _is_everything(scope):
        return data
    cities = _city_nodes(data)
    dropped: dict[str, set[str]] = {
        "City": {city for city, node in cities.items() if not scope.admits(node)},
        "PilotProject": set(),
    }
    if scope.as_of is not None:
        dropped["PilotProject"] = {
            str(p["id"])
            for p in data.nodes.get("PilotProject", ())
            if p.get("start_year") is None or int(p["start_year"]) > scope.as_of
        }
    out = GraphData()
    for label, rows in data.nodes.items():
        gone = dropped.get(label, set())
        kept = [row for row in rows if str(row["id"]) not in gone]
        if kept:
            out.nodes[label] = kept
    for key, links in data.links.items():
        rel = REL_BY_KEY[key]
        start_gone, end_gone = dropped.get(rel.start, set()), dropped.get(rel.end, set())
        kept_links = [
            link
            for link in links
            if link.start not in start_gone
            and link.end not in end_gone
            and not _too_late(link.props.get("since_year"), scope.as_of)
        ]
        if kept_links:
            out.links[key] = kept_links
    return out


def _too_late(year: object, as_of: int | None) -> bool:
    return as_of is not None and isinstance(year, int) and year > as_of
