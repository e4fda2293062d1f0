"""The real reference data shipped in `services/reference/data/` (sources in its `SOURCES.md`),
as a graph.

Fix-ups of obviously incomplete rows are made here, visibly, and recorded on the nodes:
- A country whose status is "Part of XX" (Macao and Hong Kong in China, France's overseas
  departments, ...) and which has no UNESCO region takes its state's region, with
  `region_source = "inherited from XX"`. Other territories stay without a region.
- Two member cities share a name (Granada, Spain and Granada, Nicaragua): their ids carry the
  country code (`granada-es`, `granada-ni`).
- Ids are `names.slugify`'d names (Łódź is `lodz`). A city whose id under the hub's earlier rule
  (`names.legacy_slugify`: Łódź was `odz`) differs keeps that one in `former_ids`, so old links
  resolve on a fresh install too; `services.reference.migration` moves graphs that have it.
- Conference hosts are split into the member cities they name ("Kraków & Katowice"); a host
  that is not a member city (UNESCO headquarters in Paris) stays as `host_city_name` only.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from graph.dataset import GraphData, Props
from names import fold_name, legacy_slugify, slugify

DATA_DIR = Path(__file__).parent / "data"

REGIONS: dict[str, str] = {
    "Africa": "AFRICA",
    "Arab States": "ARAB_STATES",
    "Asia and the Pacific": "ASIA_AND_THE_PACIFIC",
    "Europe and North America": "EUROPE_AND_NORTH_AMERICA",
    "Latin America and the Caribbean": "LATIN_AMERICA_AND_THE_CARIBBEAN",
}

# The eight creative fields; the year the field joined the network where it is not 2004.
FIELDS: dict[str, tuple[str, int]] = {
    "Crafts and Folk Art": ("CRAFTS_AND_FOLK_ART", 2004),
    "Design": ("DESIGN", 2004),
    "Film": ("FILM", 2004),
    "Gastronomy": ("GASTRONOMY", 2004),
    "Literature": ("LITERATURE", 2004),
    "Media Arts": ("MEDIA_ARTS", 2004),
    "Music": ("MUSIC", 2004),
    "Architecture": ("ARCHITECTURE", 2025),
}

_HOST_SPLIT = re.compile(r"\s*(?:&|,\s*co-organised with)\s*")
_HOST_NOTE = re.compile(r"\s*\(.*?\)\s*")


def region_id(name: str) -> str:
    return slugify(name)


def field_id(name: str) -> str:
    return slugify(name)


def _rows(data_dir: Path, name: str) -> Iterator[dict[str, str]]:
    with (data_dir / name).open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            # Some source texts arrive decomposed (e + combining accent): store them composed.
            yield {k: unicodedata.normalize("NFC", v) for k, v in row.items()}


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


def _float(text: str) -> float | None:
    return float(text) if text.strip() else None


def _bool(text: str) -> bool | None:
    return {"true": True, "false": False}.get(text.strip().lower())


def load_reference_data(data_dir: Path | None = None) -> GraphData:
    data_dir = data_dir or DATA_DIR
    graph = GraphData()
    _regions(graph)
    _fields(graph)
    _countries(graph, data_dir)
    city_ids = _cities(graph, data_dir)
    _sdgs(graph, data_dir)
    _conferences(graph, data_dir, city_ids)
    return graph


def _regions(graph: GraphData) -> None:
    for name, code in REGIONS.items():
        graph.add_node("Region", {"id": region_id(name), "name": name, "code": code})


def _fields(graph: GraphData) -> None:
    for name, (code, since) in FIELDS.items():
        graph.add_node(
            "CreativeField", {"id": field_id(name), "name": name, "code": code, "since_year": since}
        )


def _countries(graph: GraphData, data_dir: Path) -> None:
    rows = list(_rows(data_dir, "countries.csv"))
    region_of = {r["iso2"]: r["unesco_region"] for r in rows}
    for row in rows:
        region, source = row["unesco_region"], row["unesco_region_source"] or None
        part_of = (
            row["status"].removeprefix("Part of ") if row["status"].startswith("Part of ") else None
        )
        if not region and part_of and region_of.get(part_of):
            region, source = region_of[part_of], f"inherited from {part_of}"
        graph.add_node(
            "Country",
            {
                "id": row["iso2"],
                "iso3": row["iso3"],
                "m49": row["m49"],
                "name": row["name"],
                "name_fr": row["official_name_fr"] or None,
                "status": row["status"],
                "global_south": _bool(row["global_south"]),
                "ldc": _bool(row["ldc"]),
                "lldc": _bool(row["lldc"]),
                "sids": _bool(row["sids"]),
                "region_source": source if region else None,
            },
        )
        if region:
            graph.add_link("Country-IN_REGION-Region", row["iso2"], region_id(region))
        if part_of:
            graph.add_link("Country-PART_OF-Country", row["iso2"], part_of)


def city_ids(rows: Sequence[dict[str, str]], slug: Callable[[str], str]) -> list[str]:
    """The id of each city row: its slug, with `-<iso2>` when another row has the same slug."""
    slugs = [slug(r["city"]) for r in rows]
    shared = {s for s, n in Counter(slugs).items() if n > 1}
    return [
        f"{s}-{r['country_iso2'].lower()}" if s in shared else s
        for s, r in zip(slugs, rows, strict=True)
    ]


def _cities(graph: GraphData, data_dir: Path) -> dict[tuple[str, str], str]:
    """Adds the member cities; returns their ids by (folded name, country)."""
    rows = list(_rows(data_dir, "uccn_cities.csv"))
    ids: dict[tuple[str, str], str] = {}
    for row, city_id, legacy_id in zip(
        rows, city_ids(rows, slugify), city_ids(rows, legacy_slugify), strict=True
    ):
        ids[(fold_name(row["city"]), row["country_iso2"])] = city_id
        year = _int(row["year_designated"])
        graph.add_node(
            "City",
            {
                "id": city_id,
                "name": row["city"],
                "search_name": fold_name(row["city"]),
                "status": "member",
                "former_ids": [legacy_id] if legacy_id not in ("", city_id) else None,
                "designation_year": year,
                "latitude": _float(row["latitude"]),
                "longitude": _float(row["longitude"]),
                "population": _int(row["population"]),
                "geonames_id": row["geonames_id"] or None,
                "unesco_url": row["unesco_url"] or None,
            },
        )
        graph.add_link("City-IN_COUNTRY-Country", city_id, row["country_iso2"])
        graph.add_link(
            "City-DESIGNATED_IN-CreativeField",
            city_id,
            field_id(row["creative_field"]),
            {"year": year},
        )
    return ids


def _sdgs(graph: GraphData, data_dir: Path) -> None:
    for row in _rows(data_dir, "sdg_goals.csv"):
        graph.add_node(
            "SDGGoal",
            {
                "id": row["goal"],
                "number": int(row["goal"]),
                "short_title_en": row["short_title_en"],
                "title_en": row["title_en"],
                "short_title_fr": row["short_title_fr"],
                "title_fr": row["title_fr"],
            },
        )
    for row in _rows(data_dir, "sdg_targets.csv"):
        graph.add_node(
            "SDGTarget",
            {
                "id": row["target"],
                "goal": int(row["goal"]),
                "title_en": row["title_en"],
                "title_fr": row["title_fr"],
            },
        )
        graph.add_link("SDGTarget-OF_GOAL-SDGGoal", row["target"], row["goal"])


def _conferences(graph: GraphData, data_dir: Path, city_ids: dict[tuple[str, str], str]) -> None:
    for row in _rows(data_dir, "conferences.csv"):
        hosts = [_HOST_NOTE.sub(" ", h).strip() for h in _HOST_SPLIT.split(row["host_city"])]
        conference_id = f"{row['year']}-{slugify(hosts[0])}"
        props: Props = {
            "id": conference_id,
            "edition": row["edition"] or None,
            "year": int(row["year"]),
            "host_city_name": row["host_city"],
            "dates": row["dates"] or None,
            "theme": row["theme"] or None,
            "status": _conference_status(row["status"]),
            "notes": row["notes"] or None,
        }
        graph.add_node("Conference", props)
        graph.add_link("Conference-HELD_IN-Country", conference_id, row["host_country_iso2"])
        for host in hosts:
            city_id = city_ids.get((fold_name(host), row["host_country_iso2"]))
            if city_id:
                graph.add_link("Conference-HOSTED_BY-City", conference_id, city_id)


def _conference_status(text: str) -> str:
    lowered = text.lower()
    if lowered.startswith("held"):
        return "held"
    if "postponed" in lowered:
        return "postponed"
    if "announced" in lowered:
        return "announced"
    return "planned"
