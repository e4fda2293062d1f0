"""Listing filters, checked against counts computed here, independently, from the shipped CSVs
(`services/reference/data/uccn_cities.csv` and `countries.csv`, read with the csv module), and
against the
hand-built network where the graph holds what the CSVs do not (projects, candidates)."""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest

from graph.store import GraphStore
from schema.enums import CreativeFieldCode, RegionCode
from services.reference.dataset import DATA_DIR
from tests.schema.api import errors, run
from tests.schema.fixtures_reading import reference_graph, small_graph, synthetic_graph

__all__ = ["reference_graph", "small_graph", "synthetic_graph"]

Row = dict[str, str]


def _csv(name: str) -> list[Row]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return [
            {k: unicodedata.normalize("NFC", v) for k, v in row.items()}
            for row in csv.DictReader(handle)
        ]


CITY_ROWS = _csv("uccn_cities.csv")
COUNTRY_ROWS = {row["iso2"]: row for row in _csv("countries.csv")}


def _code(words: str) -> str:
    """`Crafts and Folk Art` → `CRAFTS_AND_FOLK_ART`: the API's enum names."""
    return words.upper().replace(" ", "_")


def _region(iso2: str) -> str:
    """The country's UNESCO region; a territory "Part of XX" without one takes XX's."""
    row = COUNTRY_ROWS[iso2]
    if row["unesco_region"]:
        return _code(row["unesco_region"])
    if row["status"].startswith("Part of "):
        return _region(row["status"].removeprefix("Part of "))
    return ""


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _expected(keep: Callable[[Row], bool]) -> Counter[tuple[str, str]]:
    return Counter((r["city"], r["country_iso2"]) for r in CITY_ROWS if keep(r))


CITY_PAGE = """
query($filter: CityFilter, $after: String) {
  cities(filter: $filter, first: 100, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { name country { code } }
  }
}
"""


async def matched(store: GraphStore, filter: dict[str, Any]) -> Counter[tuple[str, str]]:
    """Every city the filter matches, as (name, country), walking all pages; the total the
    first page announces must be what the walk finds."""
    found: Counter[tuple[str, str]] = Counter()
    after: str | None = None
    total: int | None = None
    while True:
        data = await run(store, CITY_PAGE, {"filter": filter, "after": after})
        page = data["cities"]
        total = page["totalCount"] if total is None else total
        assert page["totalCount"] == total
        found.update((n["name"], n["country"]["code"]) for n in page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert sum(found.values()) == total
    return found


async def count(store: GraphStore, filter: dict[str, Any]) -> int:
    data = await run(
        store,
        "query($f: CityFilter) { cities(filter: $f, first: 0) { totalCount } }",
        {"f": filter},
    )
    total: int = data["cities"]["totalCount"]
    return total


async def slugs(store: GraphStore, filter: dict[str, Any]) -> set[str]:
    data = await run(
        store,
        "query($f: CityFilter) { cities(filter: $f, first: 100) { nodes { slug } } }",
        {"f": filter},
    )
    return {n["slug"] for n in data["cities"]["nodes"]}


# --- the real reference data ---------------------------------------------------------------------


async def test_no_filter_lists_every_city_of_the_csv(reference_graph: GraphStore) -> None:
    assert len(CITY_ROWS) == 405
    assert await matched(reference_graph, {}) == _expected(lambda r: True)


@pytest.mark.parametrize("field", list(CreativeFieldCode), ids=lambda f: f.name)
async def test_field(reference_graph: GraphStore, field: CreativeFieldCode) -> None:
    expected = _expected(lambda r: _code(r["creative_field"]) == field.name)
    assert expected, "every field has member cities in the CSV"
    assert await matched(reference_graph, {"fields": [field.name]}) == expected


async def test_several_fields_match_any_of_them(reference_graph: GraphStore) -> None:
    expected = _expected(lambda r: r["creative_field"] in ("Music", "Film"))
    assert await count(reference_graph, {"fields": ["MUSIC", "FILM"]}) == sum(expected.values())


@pytest.mark.parametrize("region", list(RegionCode), ids=lambda r: r.name)
async def test_region(reference_graph: GraphStore, region: RegionCode) -> None:
    expected = _expected(lambda r: _region(r["country_iso2"]) == region.name)
    assert expected
    assert await matched(reference_graph, {"regions": [region.name]}) == expected


async def test_macao_inherits_the_region_of_china(reference_graph: GraphStore) -> None:
    assert COUNTRY_ROWS["MO"]["unesco_region"] == ""
    assert COUNTRY_ROWS["MO"]["status"] == "Part of CN"
    asia = await matched(reference_graph, {"regions": ["ASIA_AND_THE_PACIFIC"]})
    assert asia[("Macao", "MO")] == 1
    every_region = await count(reference_graph, {"regions": [r.name for r in RegionCode]})
    assert every_region == len(CITY_ROWS)  # no member city is left without a region


async def test_every_country(reference_graph: GraphStore) -> None:
    per_country = Counter(r["country_iso2"] for r in CITY_ROWS)
    for iso2, expected in sorted(per_country.items()):
        assert await count(reference_graph, {"countries": [iso2]}) == expected, iso2


async def test_several_countries_and_a_country_without_cities(
    reference_graph: GraphStore,
) -> None:
    assert not any(r["country_iso2"] == "AQ" for r in CITY_ROWS)
    assert await count(reference_graph, {"countries": ["AQ"]}) == 0
    expected = _expected(lambda r: r["country_iso2"] in ("CN", "IT", "BR", "AQ"))
    assert await matched(reference_graph, {"countries": ["CN", "IT", "BR", "AQ"]}) == expected


@pytest.mark.parametrize("south", [True, False])
async def test_global_south(reference_graph: GraphStore, south: bool) -> None:
    flag = "true" if south else "false"
    expected = _expected(lambda r: COUNTRY_ROWS[r["country_iso2"]]["global_south"] == flag)
    assert expected
    assert await matched(reference_graph, {"globalSouth": south}) == expected


@pytest.mark.parametrize(
    ("year_from", "year_to"),
    [(2015, 2019), (None, 2010), (2021, None), (2017, 2017), (2026, None), (None, None)],
)
async def test_designation_year_range(
    reference_graph: GraphStore, year_from: int | None, year_to: int | None
) -> None:
    def keep(row: Row) -> bool:
        year = int(row["year_designated"])
        return (year_from is None or year >= year_from) and (year_to is None or year <= year_to)

    expected = _expected(keep)
    years = {"from": year_from, "to": year_to}
    assert await matched(reference_graph, {"designationYear": years}) == expected


async def test_the_year_range_counts_each_year_once(reference_graph: GraphStore) -> None:
    per_year = Counter(int(r["year_designated"]) for r in CITY_ROWS)
    for year, expected in sorted(per_year.items()):
        got = await count(reference_graph, {"designationYear": {"from": year, "to": year}})
        assert got == expected, year


@pytest.mark.parametrize("text", ["bogota", "BOGOTA", "Bogotá", "BOGOTÁ", "  bogotá ", "ogot"])
async def test_name_finds_bogota_whatever_the_accents_and_case(
    reference_graph: GraphStore, text: str
) -> None:
    # The CSV spells it without the accent; the search folds both sides.
    assert [r["city"] for r in CITY_ROWS if _fold(r["city"]) == "bogota"] == ["Bogota"]
    assert await matched(reference_graph, {"name": text}) == Counter({("Bogota", "CO"): 1})


@pytest.mark.parametrize(
    ("text", "name"),
    [("medellin", "Medellín"), ("SAO PAULO", "São Paulo"), ("québec", "Québec City")],
)
async def test_name_ignores_the_accents_of_the_csv(
    reference_graph: GraphStore, text: str, name: str
) -> None:
    assert name in {r["city"] for r in CITY_ROWS}
    assert name in {n for n, _ in await matched(reference_graph, {"name": text})}


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


async def test_every_accented_city_is_found_by_its_unaccented_upper_case_name(
    reference_graph: GraphStore,
) -> None:
    accented = [
        r for r in CITY_ROWS if not r["city"].isascii() and _strip_accents(r["city"]).isascii()
    ]
    assert len(accented) > 20
    for row in accented:
        found = await matched(reference_graph, {"name": _strip_accents(row["city"]).upper()})
        assert found[(row["city"], row["country_iso2"])] == 1, row["city"]


@pytest.mark.parametrize(("text", "name"), [("lodz", "Łódź"), ("KIRSEHIR", "Kırşehir")])
async def test_letters_without_a_decomposition_are_folded_too(
    reference_graph: GraphStore, text: str, name: str
) -> None:
    assert name in {n for n, _ in await matched(reference_graph, {"name": text})}


@pytest.mark.parametrize("text", ["san", "ar", "city", "zzz"])
async def test_name_is_a_substring_match(reference_graph: GraphStore, text: str) -> None:
    expected = _expected(lambda r: text in _fold(r["city"]))
    assert await matched(reference_graph, {"name": text}) == expected


async def test_blank_name_filters_nothing(reference_graph: GraphStore) -> None:
    assert await count(reference_graph, {"name": "   "}) == len(CITY_ROWS)


async def test_status(reference_graph: GraphStore) -> None:
    # Every city of the CSV is a member.
    assert await count(reference_graph, {"statuses": ["MEMBER"]}) == len(CITY_ROWS)
    assert await count(reference_graph, {"statuses": ["CANDIDATE", "FORMER"]}) == 0


async def test_criteria_combine_with_and(reference_graph: GraphStore) -> None:
    def keep(row: Row) -> bool:
        country = COUNTRY_ROWS[row["country_iso2"]]
        return (
            row["creative_field"] in ("Gastronomy", "Crafts and Folk Art")
            and country["global_south"] == "true"
            and _region(row["country_iso2"]) == "LATIN_AMERICA_AND_THE_CARIBBEAN"
            and int(row["year_designated"]) >= 2015
        )

    expected = _expected(keep)
    assert expected
    got = await matched(
        reference_graph,
        {
            "fields": ["GASTRONOMY", "CRAFTS_AND_FOLK_ART"],
            "globalSouth": True,
            "regions": ["LATIN_AMERICA_AND_THE_CARIBBEAN"],
            "designationYear": {"from": 2015},
        },
    )
    assert got == expected


async def test_generated_tells_the_synthetic_cities_apart(synthetic_graph: GraphStore) -> None:
    assert await count(synthetic_graph, {"generated": False}) == len(CITY_ROWS)
    synthetic = await count(synthetic_graph, {"generated": True})
    assert synthetic > 0
    assert await count(synthetic_graph, {}) == len(CITY_ROWS) + synthetic
    assert await matched(synthetic_graph, {"generated": False}) == _expected(lambda r: True)


async def test_country_filters(reference_graph: GraphStore) -> None:
    query = "query($f: CountryFilter) { countries(filter: $f, first: 100) { totalCount } }"

    async def countries(filter: dict[str, Any]) -> int:
        total: int = (await run(reference_graph, query, {"f": filter}))["countries"]["totalCount"]
        return total

    assert await countries({}) == len(COUNTRY_ROWS)
    for region in RegionCode:
        expected = sum(1 for iso2 in COUNTRY_ROWS if _region(iso2) == region.name)
        assert await countries({"regions": [region.name]}) == expected, region
    south = sum(1 for r in COUNTRY_ROWS.values() if r["global_south"] == "true")
    assert await countries({"globalSouth": True}) == south
    assert await countries({"name": "LAND"}) == sum(
        1 for r in COUNTRY_ROWS.values() if "land" in r["name"].lower()
    )


# --- the hand-built network ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("targets", "expected"),
    [
        (["11.4"], {"chiang-mai", "bogota", "phuket"}),
        (["4.7"], {"bogota", "fabriano"}),
        (["4.7", "17.17"], {"bogota", "fabriano"}),
        (["11.4", "4.7"], {"chiang-mai", "bogota", "phuket", "fabriano"}),
        (["1.1"], set()),
        ([], set()),
    ],
)
async def test_sdg_targets(small_graph: GraphStore, targets: list[str], expected: set[str]) -> None:
    assert await slugs(small_graph, {"sdgTargets": targets}) == expected


async def test_sdg_targets_combine_with_other_criteria(small_graph: GraphStore) -> None:
    got = await slugs(small_graph, {"sdgTargets": ["11.4"], "countries": ["TH"]})
    assert got == {"chiang-mai", "phuket"}
    got = await slugs(small_graph, {"sdgTargets": ["11.4"], "fields": ["MUSIC"]})
    assert got == {"bogota"}


async def test_status_and_missing_designation_year(small_graph: GraphStore) -> None:
    assert await slugs(small_graph, {"statuses": ["CANDIDATE"]}) == {"pistoia"}
    assert await slugs(small_graph, {"statuses": ["FORMER"]}) == set()
    # A candidate without a designation year is outside every year range.
    assert "pistoia" not in await slugs(small_graph, {"designationYear": {"from": 1900}})


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        ({"statuses": ["ACTIVE", "PLANNED"]}, {"crafts-lab", "music-bridge"}),
        ({"fields": ["GASTRONOMY"]}, {"island-food"}),
        ({"sdgTargets": ["11.4"]}, {"crafts-lab", "island-food"}),
        ({"sdgGoals": [4]}, {"music-bridge"}),
        ({"sdgGoals": [17, 11]}, {"crafts-lab", "music-bridge", "island-food"}),
        ({"cities": ["bogota"]}, {"crafts-lab", "music-bridge"}),
        ({"cities": ["fabriano"]}, {"music-bridge"}),
        ({"activeIn": {"from": 2022}}, {"crafts-lab", "music-bridge"}),
        ({"activeIn": {"to": 2020}}, {"island-food"}),
        ({"name": "BRIDGE"}, {"music-bridge"}),
    ],
)
async def test_project_filters(
    small_graph: GraphStore, filter: dict[str, Any], expected: set[str]
) -> None:
    data = await run(
        small_graph,
        "query($f: ProjectFilter) { projects(filter: $f) { totalCount nodes { slug } } }",
        {"f": filter},
    )
    assert {n["slug"] for n in data["projects"]["nodes"]} == expected
    assert data["projects"]["totalCount"] == len(expected)


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        ({}, {"paper-guild", "silk-institute"}),
        ({"kinds": ["UNIVERSITY"]}, {"silk-institute"}),
        ({"countries": ["IT"]}, {"paper-guild"}),
        ({"name": "guild"}, {"paper-guild"}),
        ({"kinds": ["NGO"]}, set()),
    ],
)
async def test_institution_filters(
    small_graph: GraphStore, filter: dict[str, Any], expected: set[str]
) -> None:
    data = await run(
        small_graph,
        "query($f: InstitutionFilter) { institutions(filter: $f) { nodes { slug } } }",
        {"f": filter},
    )
    assert {n["slug"] for n in data["institutions"]["nodes"]} == expected


# --- refused filters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("listing", "filter", "argument", "words"),
    [
        ("cities", {"countries": ["th"]}, "filter.countries", "'th'"),
        ("cities", {"countries": ["THA"]}, "filter.countries", "'THA'"),
        ("cities", {"sdgTargets": ["11"]}, "filter.sdgTargets", "'11'"),
        ("cities", {"sdgTargets": ["18.1"]}, "filter.sdgTargets", "'18.1'"),
        ("cities", {"designationYear": {"from": 2020, "to": 2019}}, "filter.designationYear", ""),
        ("projects", {"sdgGoals": [18]}, "filter.sdgGoals", "1 to 17"),
        ("projects", {"activeIn": {"from": 2024, "to": 2020}}, "filter.activeIn", ""),
        ("institutions", {"countries": ["xx"]}, "filter.countries", "'xx'"),
    ],
)
async def test_malformed_filters_are_clear_errors(
    small_graph: GraphStore, listing: str, filter: dict[str, Any], argument: str, words: str
) -> None:
    kind = {"cities": "City", "projects": "Project", "institutions": "Institution"}[listing]
    query = f"query($f: {kind}Filter) {{ {listing}(filter: $f) {{ totalCount }} }}"
    [error] = await errors(small_graph, query, {"f": filter})
    assert error.extensions == {"code": "BAD_USER_INPUT", "argument": argument}
    assert error.message.startswith(f"{argument}: ")
    assert words in error.message


async def test_an_unknown_enum_value_is_refused_before_any_query(small_graph: GraphStore) -> None:
    [error] = await errors(small_graph, "{ cities(filter: {fields: [POTTERY]}) { totalCount } }")
    assert "POTTERY" in error.message
