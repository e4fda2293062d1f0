"""Reading the network: the README's queries, global ids, every relationship a type shows,
orderings, SDG and conference details from the real data, search and stats."""

from __future__ import annotations

import csv
from typing import Any

import pytest

from graph.model import EXPORTED_LABELS, EXPORTED_RELATIONSHIPS
from graph.store import GraphStore
from schema.node import to_global_id
from services.reference.dataset import DATA_DIR
from tests.schema.api import errors, run
from tests.schema.fixtures_reading import reading_network, reference_graph, small_graph

__all__ = ["reference_graph", "small_graph"]


def gid(label: str, key: str) -> str:
    return str(to_global_id(label, key))


def slugs(connection: dict[str, Any]) -> list[str]:
    return [n["slug"] for n in connection["nodes"]]


# --- the README's three queries, under the default limits ----------------------------------------


async def test_readme_query_gastronomy_cities_of_the_global_south_on_heritage(
    small_graph: GraphStore,
) -> None:
    query = """
    { cities(filter: {fields: [GASTRONOMY], globalSouth: true, sdgTargets: ["11.4"]}, first: 20) {
        totalCount
        nodes { name country { name region { code } } }
        pageInfo { hasNextPage endCursor } } }
    """
    data = await run(small_graph, query)
    assert data["cities"]["totalCount"] == 1
    assert data["cities"]["nodes"] == [
        {
            "name": "Phuket",
            "country": {"name": "Thailand", "region": {"code": "ASIA_AND_THE_PACIFIC"}},
        }
    ]
    assert data["cities"]["pageInfo"]["hasNextPage"] is False


async def test_readme_query_our_city(small_graph: GraphStore) -> None:
    query = """
    { city(id: "chiang-mai") {
        name field { code }
        projects(first: 10) { nodes { title status sdgTargets { code title } } }
        cooperatingCities(first: 10) { nodes { name } }
        partnerInstitutions(first: 10) { nodes { name kind } } } }
    """
    data = await run(small_graph, query)
    assert data["city"] == {
        "name": "Chiang Mai",
        "field": {"code": "CRAFTS_AND_FOLK_ART"},
        "projects": {
            "nodes": [
                {
                    "title": "Crafts Lab",
                    "status": "ACTIVE",
                    "sdgTargets": [{"code": "11.4", "title": "T 11.4"}],
                }
            ]
        },
        "cooperatingCities": {"nodes": [{"name": "Bogotá"}]},
        "partnerInstitutions": {"nodes": []},
    }


async def test_readme_query_how_are_we_connected(small_graph: GraphStore) -> None:
    query = """
    { path(from: "chiang-mai", to: "bogota", maxHops: 4) {
        ... on CooperationPath { found length hops { from { id } via { id } to { id } } }
        ... on NotFoundError { message field } } }
    """
    data = await run(small_graph, query)
    assert data["path"] == {
        "found": True,
        "length": 2,
        "hops": [
            {
                "from": {"id": gid("City", "chiang-mai")},
                "via": {"id": gid("PilotProject", "crafts-lab")},
                "to": {"id": gid("City", "bogota")},
            }
        ],
    }


# --- global ids ----------------------------------------------------------------------------------


async def test_every_object_is_fetchable_by_its_global_id(small_graph: GraphStore) -> None:
    data = reading_network()
    assert set(data.nodes) == set(EXPORTED_LABELS)
    for label, rows in data.nodes.items():
        for row in rows:
            node_id = gid(label, str(row["id"]))
            got = await run(
                small_graph, "query($id: ID!) { node(id: $id) { __typename id } }", {"id": node_id}
            )
            assert got["node"] == {"__typename": label, "id": node_id}


@pytest.mark.parametrize(
    "node_id",
    [
        gid("City", "atlantis"),
        gid("Country", "chiang-mai"),
        gid("ApiToken", "tk_anything"),
        gid("Nonsense", "x"),
        "chiang-mai",
        "Q2l0eQ==",  # "City" without a key
        "",
    ],
)
async def test_an_unknown_global_id_is_null(small_graph: GraphStore, node_id: str) -> None:
    got = await run(small_graph, "query($id: ID!) { node(id: $id) { id } }", {"id": node_id})
    assert got == {"node": None}


async def test_a_city_by_slug_or_global_id(small_graph: GraphStore) -> None:
    query = """
    query($a: ID!, $b: ID!) { a: city(id: $a) { slug id } b: city(id: $b) { slug id } }
    """
    got = await run(small_graph, query, {"a": "bogota", "b": gid("City", "bogota")})
    assert got["a"] == got["b"] == {"slug": "bogota", "id": gid("City", "bogota")}
    assert await run(small_graph, '{ city(id: "atlantis") { slug } }') == {"city": None}


async def test_a_city_asked_by_the_id_of_something_else_is_an_error(
    small_graph: GraphStore,
) -> None:
    [error] = await errors(
        small_graph, "query($id: ID!) { city(id: $id) { slug } }", {"id": gid("Country", "TH")}
    )
    assert error.extensions == {"code": "BAD_USER_INPUT", "argument": "id"}
    assert "Country, not a City" in error.message


async def test_lookups_by_natural_key(small_graph: GraphStore) -> None:
    query = """
    { country(code: "th") { name code }
      project(id: "music-bridge") { title }
      institution(id: "paper-guild") { name }
      sdgTarget(code: "4.7") { code }
      missing: sdgTarget(code: "4.99") { code } }
    """
    assert await run(small_graph, query) == {
        "country": {"name": "Thailand", "code": "TH"},
        "project": {"title": "Music Bridge"},
        "institution": {"name": "Paper Guild"},
        "sdgTarget": {"code": "4.7"},
        "missing": None,
    }


# --- every relationship, both ways ---------------------------------------------------------------


async def test_a_city_and_its_neighbours(small_graph: GraphStore) -> None:
    query = """
    { city(id: "chiang-mai") {
        name status designationYear
        country { code region { code } }
        field { code }
        projects { totalCount nodes { slug } }
        cooperatingCities { nodes { slug } }
        reports { nodes { cycle dueDate state city { slug } } }
        mentorships { nodes { status mentor { slug } candidate { slug } } }
        focalPoints { nodes { name city { slug } } }
        contributions { nodes { year } }
        conferencesHosted { totalCount } } }
    """
    assert (await run(small_graph, query))["city"] == {
        "name": "Chiang Mai",
        "status": "MEMBER",
        "designationYear": 2017,
        "country": {"code": "TH", "region": {"code": "ASIA_AND_THE_PACIFIC"}},
        "field": {"code": "CRAFTS_AND_FOLK_ART"},
        "projects": {"totalCount": 1, "nodes": [{"slug": "crafts-lab"}]},
        "cooperatingCities": {"nodes": [{"slug": "bogota"}]},
        "reports": {
            "nodes": [
                {
                    "cycle": 2021,
                    "dueDate": "2021-11-30",
                    "state": "OVERDUE",
                    "city": {"slug": "chiang-mai"},
                }
            ]
        },
        "mentorships": {
            "nodes": [
                {
                    "status": "ACTIVE",
                    "mentor": {"slug": "chiang-mai"},
                    "candidate": {"slug": "pistoia"},
                }
            ]
        },
        "focalPoints": {"nodes": [{"name": "Somchai Kittisak", "city": {"slug": "chiang-mai"}}]},
        "contributions": {"nodes": [{"year": 2023}]},
        "conferencesHosted": {"totalCount": 0},
    }


async def test_a_city_s_projects_include_those_it_leads_and_joins(
    small_graph: GraphStore,
) -> None:
    got = await run(small_graph, '{ city(id: "bogota") { projects { nodes { slug } } } }')
    assert slugs(got["city"]["projects"]) == ["crafts-lab", "music-bridge"]
    got = await run(small_graph, '{ city(id: "bogota") { cooperatingCities { nodes { slug } } } }')
    assert slugs(got["city"]["cooperatingCities"]) == ["chiang-mai", "fabriano"]


async def test_a_project_and_its_neighbours(small_graph: GraphStore) -> None:
    query = """
    { project(id: "music-bridge") {
        title startYear endYear status
        leadCity { slug } cities { nodes { slug } } institutions { totalCount }
        fields { code } sdgTargets { code goal { number } } }
      island: project(id: "island-food") { endYear status institutions { nodes { slug } } } }
    """
    assert await run(small_graph, query) == {
        "project": {
            "title": "Music Bridge",
            "startYear": 2022,
            "endYear": None,
            "status": "PLANNED",
            "leadCity": {"slug": "bogota"},
            "cities": {"nodes": [{"slug": "fabriano"}]},
            "institutions": {"totalCount": 0},
            "fields": [{"code": "MUSIC"}],
            "sdgTargets": [
                {"code": "17.17", "goal": {"number": 17}},
                {"code": "4.7", "goal": {"number": 4}},
            ],
        },
        "island": {
            "endYear": 2020,
            "status": "COMPLETED",
            "institutions": {"nodes": [{"slug": "silk-institute"}]},
        },
    }


async def test_the_other_types_and_their_neighbours(small_graph: GraphStore) -> None:
    query = """
    { institution(id: "paper-guild") { kind country { code } partnerCities { nodes { slug } }
        projects { totalCount } }
      sdgTarget(code: "11.4") { projects { nodes { slug } } cities { nodes { slug } } }
      country(code: "IT") { cities { nodes { slug } } region { code } }
      regions { nodes { code countries { nodes { code } } } }
      fields { nodes { code cities { totalCount } projects { totalCount } } }
      conferences { nodes { year hostCities { slug } country { code } status } }
      sdgGoals { nodes { number targets { nodes { code } } } } }
    """
    got = await run(small_graph, query)
    assert got["institution"] == {
        "kind": "PROFESSIONAL_BODY",
        "country": {"code": "IT"},
        "partnerCities": {"nodes": [{"slug": "fabriano"}, {"slug": "sukhothai"}]},
        "projects": {"totalCount": 0},
    }
    assert slugs(got["sdgTarget"]["projects"]) == ["crafts-lab", "island-food"]
    assert slugs(got["sdgTarget"]["cities"]) == ["bogota", "chiang-mai", "phuket"]
    assert got["country"] == {
        "cities": {"nodes": [{"slug": "fabriano"}, {"slug": "pistoia"}]},
        "region": {"code": "EUROPE_AND_NORTH_AMERICA"},
    }
    assert {
        r["code"]: [c["code"] for c in r["countries"]["nodes"]] for r in got["regions"]["nodes"]
    } == {
        "ASIA_AND_THE_PACIFIC": ["TH"],
        "EUROPE_AND_NORTH_AMERICA": ["IT"],
        "LATIN_AMERICA_AND_THE_CARIBBEAN": ["CO"],
    }
    fields = {
        f["code"]: (f["cities"]["totalCount"], f["projects"]["totalCount"])
        for f in got["fields"]["nodes"]
    }
    assert fields == {
        "CRAFTS_AND_FOLK_ART": (3, 1),
        "DESIGN": (1, 0),
        "GASTRONOMY": (1, 1),
        "MUSIC": (1, 1),
    }
    assert got["conferences"]["nodes"] == [
        {
            "year": 2019,
            "hostCities": [{"slug": "fabriano"}],
            "country": {"code": "IT"},
            "status": "HELD",
        }
    ]
    assert {
        g["number"]: [t["code"] for t in g["targets"]["nodes"]] for g in got["sdgGoals"]["nodes"]
    } == {4: ["4.7"], 11: ["11.4"], 17: ["17.17"]}


# --- the real data -------------------------------------------------------------------------------


def _cities_csv() -> list[dict[str, str]]:
    with (DATA_DIR / "uccn_cities.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


async def _walk(store: GraphStore, order: str) -> list[dict[str, Any]]:
    query = """
    query($order: CityOrder!, $after: String) {
      cities(orderBy: $order, first: 100, after: $after) {
        pageInfo { hasNextPage endCursor } nodes { slug name population designationYear } } }
    """
    found: list[dict[str, Any]] = []
    after = None
    while True:
        page = (await run(store, query, {"order": order, "after": after}))["cities"]
        found.extend(page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]


async def test_orderings(reference_graph: GraphStore) -> None:
    rows = _cities_csv()
    populations = sorted(int(r["population"]) for r in rows if r["population"])
    unknown = sum(1 for r in rows if not r["population"])
    assert unknown > 0  # the CSV has cities without a population: they must come last

    by_name = await _walk(reference_graph, "NAME_ASC")
    assert [c["slug"] for c in await _walk(reference_graph, "NAME_DESC")] == [
        c["slug"] for c in reversed(by_name)
    ]
    for order, expected in (
        ("POPULATION_ASC", populations),
        ("POPULATION_DESC", populations[::-1]),
    ):
        got = await _walk(reference_graph, order)
        assert [c["population"] for c in got] == expected + [None] * unknown, order
    years = sorted(int(r["year_designated"]) for r in rows)
    for order, expected in (
        ("DESIGNATION_YEAR_ASC", years),
        ("DESIGNATION_YEAR_DESC", years[::-1]),
    ):
        got = await _walk(reference_graph, order)
        assert [c["designationYear"] for c in got] == expected, order


async def test_unknown_years_come_last_in_both_directions(small_graph: GraphStore) -> None:
    for order in ("DESIGNATION_YEAR_ASC", "DESIGNATION_YEAR_DESC"):
        got = await _walk(small_graph, order)
        assert got[-1]["slug"] == "pistoia", order
    assert [c["slug"] for c in await _walk(small_graph, "DESIGNATION_YEAR_DESC")][:2] == [
        "sukhothai",
        "chiang-mai",
    ]


async def test_sdg_targets_in_their_natural_order(reference_graph: GraphStore) -> None:
    query = (
        '{ sdgTarget(code: "11.4") { goal { number shortTitle targets(first: 100) {'
        " totalCount nodes { code } } } } }"
    )
    goal = (await run(reference_graph, query))["sdgTarget"]["goal"]
    assert goal["number"] == 11
    assert goal["shortTitle"] == "Sustainable cities and communities"
    codes = [t["code"] for t in goal["targets"]["nodes"]]
    assert codes == [f"11.{i}" for i in range(1, 8)] + ["11.a", "11.b", "11.c"]
    assert goal["targets"]["totalCount"] == len(codes)


async def test_sdg_titles_in_french(reference_graph: GraphStore) -> None:
    query = '{ sdgTarget(code: "11.4") { title(language: FR) en: title } }'
    got = (await run(reference_graph, query))["sdgTarget"]
    assert got["title"] != got["en"]
    assert "patrimoine" in got["title"]


async def test_conferences_and_their_hosts(reference_graph: GraphStore) -> None:
    with (DATA_DIR / "conferences.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    query = (
        "{ conferences(first: 30) { totalCount nodes { year hostCityName hostCities { name } } } }"
    )
    got = (await run(reference_graph, query))["conferences"]
    assert got["totalCount"] == len(rows)
    assert [c["year"] for c in got["nodes"]] == sorted(int(r["year"]) for r in rows)
    hosts = {c["hostCityName"]: [h["name"] for h in c["hostCities"]] for c in got["nodes"]}
    # Split into the member cities it names, as the cities' CSV spells them.
    assert sorted(hosts["Kraków & Katowice"]) == ["Katowice", "Krakow"]
    assert hosts["Paris (UNESCO HQ)"] == []


@pytest.mark.parametrize("text", ["bogota", "BOGOTÁ", "Bogotá"])
async def test_search_folds_accents_and_case(reference_graph: GraphStore, text: str) -> None:
    query = "query($t: String!) { search(text: $t) { __typename ... on City { slug } } }"
    got = await run(reference_graph, query, {"t": text})
    assert got["search"] == [{"__typename": "City", "slug": "bogota"}]


async def test_search_finds_every_kind(small_graph: GraphStore) -> None:
    query = """
    query($t: String!) { search(text: $t) { __typename
        ... on City { slug } ... on PilotProject { slug } ... on PartnerInstitution { slug } } }
    """
    assert (await run(small_graph, query, {"t": "crafts"}))["search"] == [
        {"__typename": "PilotProject", "slug": "crafts-lab"}
    ]
    assert (await run(small_graph, query, {"t": "silk"}))["search"] == [
        {"__typename": "PartnerInstitution", "slug": "silk-institute"}
    ]
    assert (await run(small_graph, query, {"t": "  "}))["search"] == []


async def test_stats_count_the_network_and_never_credentials(small_graph: GraphStore) -> None:
    data = reading_network()
    got = (
        await run(small_graph, "{ stats { nodes { label count } relationships { type count } } }")
    )["stats"]
    assert {n["label"]: n["count"] for n in got["nodes"]} == {
        label: len(rows) for label, rows in data.nodes.items()
    }
    per_type: dict[str, int] = {}
    for rel in EXPORTED_RELATIONSHIPS:
        per_type[rel.type] = per_type.get(rel.type, 0) + len(data.links.get(rel.key, []))
    assert {r["type"]: r["count"] for r in got["relationships"]} == {
        t: c for t, c in per_type.items() if c
    }
