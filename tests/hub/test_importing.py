"""`uccn import`: entity files (CSV and JSON), whole-graph files, every error reported with
its line, nothing written when any row is bad, and re-imports that change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.dataset import GraphData
from graph.store import GraphStore
from services.exchange.importing import ImportRejected, import_file, parse_import_file

CITIES_CSV = """\
name,country,field,status,designation_year,latitude,longitude,population,languages
Chiang Mai,th,Crafts and Folk Art,,2017,18.79038,98.98468,127240,th; en
Bogotá,CO,design,candidate,,,,,
"""
INSTITUTIONS_CSV = """\
name,kind,country,website,partner_cities,since_year
Chiang Mai University,university,TH,https://www.cmu.ac.th,chiang-mai;bogota,2018
"""
PROJECTS_CSV = """\
id,title,summary,start_year,end_year,status,lead_city,cities,institutions,fields,sdg_targets
lanna-lab,Lanna Crafts Lab,"Weaving, lacquer
and silver",2021,2024,active,chiang-mai,chiang-mai;bogota,chiang-mai-university,\
Crafts and Folk Art;design,11.4
"""
REPORTS_CSV = """\
city,cycle,due_date,submitted_date,url
chiang-mai,2023,2023-11-30,2023-11-02,https://example.org/r.pdf
"""
CONTRIBUTIONS_CSV = """\
city,year,amount,currency
chiang-mai,2019,1500.50,
bogota,2020,2000,EUR
"""
ENTITY_FILES = {
    "cities.csv": CITIES_CSV,
    "institutions.csv": INSTITUTIONS_CSV,
    "projects.csv": PROJECTS_CSV,
    "reports.csv": REPORTS_CSV,
    "contributions.csv": CONTRIBUTIONS_CSV,
}
ENTITIES_JSON = {
    "contributions": [
        {"city": "chiang-mai", "year": 2019, "amount": 1500.5},
        {"city": "bogota", "year": 2020, "amount": 2000, "currency": "EUR"},
    ],
    "projects": [
        {
            "id": "lanna-lab",
            "title": "Lanna Crafts Lab",
            "summary": "Weaving, lacquer\nand silver",
            "start_year": 2021,
            "end_year": 2024,
            "status": "active",
            "lead_city": "chiang-mai",
            "cities": ["chiang-mai", "bogota"],
            "institutions": ["chiang-mai-university"],
            "fields": ["Crafts and Folk Art", "design"],
            "sdg_targets": ["11.4"],
        }
    ],
    "cities": [
        {
            "name": "Chiang Mai",
            "country": "th",
            "field": "Crafts and Folk Art",
            "designation_year": 2017,
            "latitude": 18.79038,
            "longitude": 98.98468,
            "population": 127240,
            "languages": ["th", "en"],
        },
        {"name": "Bogotá", "country": "CO", "field": "design", "status": "candidate"},
    ],
    "institutions": [
        {
            "name": "Chiang Mai University",
            "kind": "university",
            "country": "TH",
            "website": "https://www.cmu.ac.th",
            "partner_cities": ["chiang-mai", "bogota"],
            "since_year": 2018,
        }
    ],
    "reports": [
        {
            "city": "chiang-mai",
            "cycle": 2023,
            "due_date": "2023-11-30",
            "submitted_date": "2023-11-02",
            "url": "https://example.org/r.pdf",
        }
    ],
}


def expected_entities() -> GraphData:
    """What the entity files above add to the reference graph."""
    g = GraphData()
    g.add_node(
        "City",
        {
            "id": "chiang-mai",
            "name": "Chiang Mai",
            "search_name": "chiang mai",
            "status": "member",
            "designation_year": 2017,
            "latitude": 18.79038,
            "longitude": 98.98468,
            "population": 127240,
            "languages": ["th", "en"],
        },
    )
    g.add_node(
        "City", {"id": "bogota", "name": "Bogotá", "search_name": "bogota", "status": "candidate"}
    )
    g.add_node(
        "PartnerInstitution",
        {
            "id": "chiang-mai-university",
            "name": "Chiang Mai University",
            "search_name": "chiang mai university",
            "kind": "university",
            "website": "https://www.cmu.ac.th",
        },
    )
    g.add_node(
        "PilotProject",
        {
            "id": "lanna-lab",
            "title": "Lanna Crafts Lab",
            "search_name": "lanna crafts lab",
            "summary": "Weaving, lacquer\nand silver",
            "start_year": 2021,
            "end_year": 2024,
            "status": "active",
        },
    )
    g.add_node(
        "MonitoringReport",
        {
            "id": "chiang-mai:2023",
            "cycle": 2023,
            "due_date": "2023-11-30",
            "submitted_date": "2023-11-02",
            "url": "https://example.org/r.pdf",
        },
    )
    g.add_node(
        "Contribution", {"id": "chiang-mai:2019", "year": 2019, "amount": 1500.5, "currency": "USD"}
    )
    g.add_node(
        "Contribution", {"id": "bogota:2020", "year": 2020, "amount": 2000.0, "currency": "EUR"}
    )
    links = [
        ("City-IN_COUNTRY-Country", "chiang-mai", "TH", {}),
        ("City-IN_COUNTRY-Country", "bogota", "CO", {}),
        ("City-DESIGNATED_IN-CreativeField", "chiang-mai", "crafts-and-folk-art", {"year": 2017}),
        ("City-DESIGNATED_IN-CreativeField", "bogota", "design", {}),
        ("PartnerInstitution-BASED_IN-Country", "chiang-mai-university", "TH", {}),
        (
            "PartnerInstitution-PARTNERS_WITH-City",
            "chiang-mai-university",
            "chiang-mai",
            {"since_year": 2018},
        ),
        (
            "PartnerInstitution-PARTNERS_WITH-City",
            "chiang-mai-university",
            "bogota",
            {"since_year": 2018},
        ),
        ("PilotProject-LED_BY-City", "lanna-lab", "chiang-mai", {}),
        ("City-PARTICIPATES_IN-PilotProject", "chiang-mai", "lanna-lab", {}),
        ("City-PARTICIPATES_IN-PilotProject", "bogota", "lanna-lab", {}),
        (
            "PartnerInstitution-CONTRIBUTES_TO-PilotProject",
            "chiang-mai-university",
            "lanna-lab",
            {},
        ),
        ("PilotProject-IN_FIELD-CreativeField", "lanna-lab", "crafts-and-folk-art", {}),
        ("PilotProject-IN_FIELD-CreativeField", "lanna-lab", "design", {}),
        ("PilotProject-ADDRESSES-SDGTarget", "lanna-lab", "11.4", {}),
        ("MonitoringReport-REPORT_OF-City", "chiang-mai:2023", "chiang-mai", {}),
        ("Contribution-CONTRIBUTION_OF-City", "chiang-mai:2019", "chiang-mai", {}),
        ("Contribution-CONTRIBUTION_OF-City", "bogota:2020", "bogota", {}),
    ]
    for key, start, end, props in links:
        g.add_link(key, start, end, props)
    return g


def write(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def rejected_lines(exc: pytest.ExceptionInfo[ImportRejected], path: Path) -> list[str]:
    """The errors of a rejected import, with the file name as the test wrote it."""
    return [str(e).replace(str(path), path.name, 1) for e in exc.value.errors]


async def test_entity_csv_files_build_the_expected_graph(
    reference_store: GraphStore, tmp_path: Path
) -> None:
    expected = await reference_store.read_data()
    expected.merge(expected_entities())
    reports = []
    for name, text in ENTITY_FILES.items():
        reports.append(await import_file(reference_store, write(tmp_path, name, text)))
    assert (await reference_store.read_data()).canonical() == expected.canonical()
    assert [r.format for r in reports] == [
        "cities csv",
        "institutions csv",
        "projects csv",
        "reports csv",
        "contributions csv",
    ]
    assert reports[0].nodes == {"City": 2}
    assert reports[0].relationships == {"IN_COUNTRY": 2, "DESIGNATED_IN": 2}
    assert reports[2].relationships == {
        "LED_BY": 1,
        "PARTICIPATES_IN": 2,
        "CONTRIBUTES_TO": 1,
        "ADDRESSES": 1,
        "IN_FIELD": 2,
    }
    assert str(reports[4]).splitlines() == [
        f"imported {tmp_path / 'contributions.csv'} (contributions csv): 2 nodes, 2 relationships",
        "  Contribution: 2",
        "  CONTRIBUTION_OF: 2",
    ]
    city = await reference_store.get("City", "chiang-mai")
    assert city is not None
    assert type(city["latitude"]) is float
    assert type(city["designation_year"]) is int
    contribution = await reference_store.get("Contribution", "bogota:2020")
    assert contribution is not None
    assert type(contribution["amount"]) is float


async def test_entity_json_file_builds_the_same_graph(
    reference_store: GraphStore, tmp_path: Path
) -> None:
    expected = await reference_store.read_data()
    expected.merge(expected_entities())
    path = write(tmp_path, "network.json", json.dumps(ENTITIES_JSON, indent=2))
    report = await import_file(reference_store, path)
    assert (await reference_store.read_data()).canonical() == expected.canonical()
    assert report.format == "entities json"
    assert report.node_total == 7
    assert report.relationship_total == 17


async def test_kind_option_names_what_a_csv_file_holds(
    reference_store: GraphStore, tmp_path: Path
) -> None:
    path = write(tmp_path, "new-members-2025.csv", CITIES_CSV)
    with pytest.raises(ImportRejected) as exc:
        await import_file(reference_store, path)
    assert rejected_lines(exc, path) == [
        "new-members-2025.csv:1: file: cannot tell what the CSV file holds: name it cities.csv, "
        "institutions.csv, projects.csv, reports.csv, contributions.csv, or pass --kind"
    ]
    report = await import_file(reference_store, path, "cities")
    assert report.nodes == {"City": 2}


async def test_rows_may_refer_to_nodes_already_in_the_store(
    reference_store: GraphStore, tmp_path: Path
) -> None:
    await import_file(reference_store, write(tmp_path, "cities.csv", CITIES_CSV))
    path = write(tmp_path, "reports.csv", REPORTS_CSV)
    report = await import_file(reference_store, path)
    assert report.relationships == {"REPORT_OF": 1}


BAD_CITIES_CSV = """\
id,name,country,field,status,designation_year,latitude,longitude,population,colour
,Chiang Mai,TH,Crafts and Folk Art,member,2017,18.79,98.98,127240,
,"Bogotá
D.C.",XX,design,capital,1850,4.6,-74.1,-5,
chiang-mai,Chiang Mai,TH,design,member,2017,95,,,
Bad Id,,T1,,member,twenty,,,,
,Kraków,CO,crafts,member,2013,50.06,19.94,,
,Too Short,TH
"""
COLUMNS = (
    "id, name, country, field, status, designation_year, latitude, longitude, population, "
    "geonames_id, unesco_url, languages"
)


async def test_a_bad_csv_file_reports_every_error_and_writes_nothing(
    reference_store: GraphStore, tmp_path: Path
) -> None:
    before = await reference_store.read_data()
    counts = await reference_store.counts()
    path = write(tmp_path, "cities.csv", BAD_CITIES_CSV)
    with pytest.raises(ImportRejected) as exc:
        await import_file(reference_store, path)
    assert rejected_lines(exc, path) == [
        f"cities.csv:1: colour: unknown column for cities (columns: {COLUMNS})",
        "cities.csv:3: status: must be one of member, candidate, former",
        "cities.csv:3: designation_year: must be a year from 1900 to 2100",
        "cities.csv:3: population: must be between 0 and 100,000,000",
        "cities.csv:3: country: no Country 'XX' in the file or the graph",
        "cities.csv:5: latitude: must be between -90 and 90",
        "cities.csv:5: id: duplicate City id 'chiang-mai' (first on line 2)",
        "cities.csv:6: id: must be a slug of a-z, 0-9 and single hyphens",
        "cities.csv:6: name: required",
        "cities.csv:6: country: must be an ISO 3166-1 alpha-2 code",
        "cities.csv:6: field: required",
        "cities.csv:6: designation_year: must be a whole number",
        "cities.csv:7: field: no CreativeField 'crafts' in the file or the graph",
        "cities.csv:8: row: has 3 cells, the header has 10",
    ]
    assert str(exc.value).splitlines()[0] == f"{path}:1: colour: unknown column for cities " + (
        f"(columns: {COLUMNS})"
    )
    assert await reference_store.counts() == counts
    assert (await reference_store.read_data()).canonical() == before.canonical()


BAD_ENTITIES_JSON = """\
{
  "cities": [
    {"name": "Chiang Mai", "country": "TH", "field": "design", "designation_year": "2017"},
    {"name": "Bogotá", "country": "CO", "field": "design", "latitude": 4.6}
  ],
  "projects": [
    {"title": "Lab", "start_year": 2024, "end_year": 2020, "status": "active",
     "lead_city": "atlantis", "cities": ["chiang-mai", "chiang-mai"], "sdg_targets": ["99"]},
    "not an object",
    {"title": "Lab", "start_year": 2021, "status": "active", "lead_city": "bogota",
     "budget": 10}
  ],
  "reports": [{"city": "bogota", "cycle": 2023, "due_date": "2023-02-30"}],
  "events": []
}
"""
PROJECT_FIELDS = (
    "cities, end_year, fields, id, institutions, lead_city, sdg_targets, start_year, status, "
    "summary, title"
)


async def test_a_bad_json_file_reports_item_paths_and_lines(
    reference_store: GraphStore, tmp_path: Path
) -> None:
    counts = await reference_store.counts()
    path = write(tmp_path, "network.json", BAD_ENTITIES_JSON)
    with pytest.raises(ImportRejected) as exc:
        await import_file(reference_store, path)
    assert rejected_lines(exc, path) == [
        "network.json:1: events: unknown section "
        "(sections: cities, institutions, projects, reports, contributions)",
        "network.json:3: cities[1].designation_year: must be an integer",
        "network.json:4: cities[2].longitude: required when latitude is given",
        "network.json:7: projects[1].cities: lists 'chiang-mai' twice",
        "network.json:7: projects[1].sdg_targets: '99' is not an SDG target code like 11.4",
        "network.json:7: projects[1].end_year: must not be before start_year (2024)",
        "network.json:7: projects[1].lead_city: no City 'atlantis' in the file or the graph",
        "network.json:9: projects[2]: must be an object",
        f"network.json:10: projects[3].budget: unknown field (fields: {PROJECT_FIELDS})",
        "network.json:10: projects[3].id: duplicate PilotProject id 'lab' (first on line 7)",
        "network.json:13: reports[1].due_date: '2023-02-30' is not a calendar date",
    ]
    assert await reference_store.counts() == counts


BAD_GRAPH_JSON = """\
{"format": "uccn-graph", "version": 1,
 "nodes": [
  {"label": "Town", "id": "x", "properties": {}},
  {"label": "City", "id": "a", "properties": {"name": "A", "status": "capital",
   "population": 1.5, "languages": "en", "colour": "red"}},
  {"label": "City", "id": "a", "properties": {"name": "A", "status": "member"}},
  {"label": "Country", "properties": {"name": "Nowhere"}}
 ],
 "relationships": [
  {"type": "IN_COUNTRY", "start": {"label": "City", "id": "a"},
   "end": {"label": "Country", "id": "ZZ"}},
  {"type": "LIVES_IN", "start": {"label": "City", "id": "a"},
   "end": {"label": "Country", "id": "TH"}, "properties": {}}
 ]}
"""


async def test_a_bad_graph_export_is_checked_against_the_model(
    reference_store: GraphStore, tmp_path: Path
) -> None:
    counts = await reference_store.counts()
    path = write(tmp_path, "graph.json", BAD_GRAPH_JSON)
    with pytest.raises(ImportRejected) as exc:
        await import_file(reference_store, path)
    assert rejected_lines(exc, path) == [
        "graph.json:3: nodes[1].label: unknown label 'Town'",
        "graph.json:4: nodes[2].properties.status: must be one of member, candidate, former",
        "graph.json:4: nodes[2].properties.population: must be an integer",
        "graph.json:4: nodes[2].properties.languages: must be a list of strings",
        "graph.json:4: nodes[2].properties.colour: City has no property 'colour'",
        "graph.json:6: nodes[3].id: duplicate City id 'a' (first on line 4)",
        "graph.json:7: nodes[4].id: required",
        "graph.json:10: relationships[1].end.id: no Country 'ZZ' in the file or the graph",
        "graph.json:12: relationships[2].type: the model has no relationship City-LIVES_IN-Country",
    ]
    assert await reference_store.counts() == counts


GRAPHML_HEAD = '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
MALFORMED: list[tuple[str, bytes, str]] = [
    ("cities.csv", b"", "cities.csv:1: file: the file is empty"),
    ("network.json", b" \n\t\n", "network.json:1: file: the file is empty"),
    (
        "network.json",
        b'{"cities": [\n  {"name" "x"}\n]}',
        "network.json:2: file: not valid JSON: Expecting ':' delimiter (column 11)",
    ),
    (
        "network.json",
        b"[1, 2]",
        "network.json:1: file: a JSON import file is an object: "
        "a uccn-graph export or sections cities, institutions, projects, reports, contributions",
    ),
    ("graph.json", b'{"format": "gexf"}', "graph.json:1: file: format 'gexf' is not 'uccn-graph'"),
    (
        "graph.json",
        b'{"format": "uccn-graph", "version": 2}',
        "graph.json:1: file: uccn-graph version 2 is not supported",
    ),
    (
        "cities.csv",
        "name,country,field\nBogotá,CO,design\n".encode("latin-1"),
        "cities.csv:2: file: not UTF-8 text (byte 0xe1); save it as UTF-8",
    ),
    (
        "cities.csv",
        b'name,country,field\n"Bogot"a,CO,design\n',
        "cities.csv:2: file: not valid CSV: ',' expected after '\"'",
    ),
    (
        "graph.graphml",
        (GRAPHML_HEAD + '<graph>\n<node id="a"></graph></graphml>').encode(),
        "graph.graphml:3: file: not valid XML: mismatched tag",
    ),
    (
        "page.xml",
        b"<html><body/></html>",
        "page.xml:1: file: the root element is <html>, not <graphml>",
    ),
    (
        "bomb.graphml",
        b'<?xml version="1.0"?>\n<!DOCTYPE g [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>\n'
        b"<graphml>&b;</graphml>",
        "bomb.graphml:2: file: refused XML: entity declarations and external references are "
        "not allowed",
    ),
    ("cities.csv", b",,\n,\n", "cities.csv:1: file: the file has no header row"),
    (
        "people.csv",
        b"name,email\nSomchai,s@example.org\n",
        "people.csv:1: file: cannot tell what the CSV file holds: name it cities.csv, "
        "institutions.csv, projects.csv, reports.csv, contributions.csv, or pass --kind",
    ),
]


@pytest.mark.parametrize(("name", "content", "message"), MALFORMED)
def test_a_malformed_file_gives_one_clear_error(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(ImportRejected) as exc:
        parse_import_file(path)
    assert rejected_lines(exc, path) == [message]


def test_a_missing_file_gives_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "cities.csv"
    with pytest.raises(ImportRejected) as exc:
        parse_import_file(path)
    assert rejected_lines(exc, path) == [
        "cities.csv:1: file: cannot read the file: No such file or directory"
    ]


async def test_a_second_import_of_the_same_file_changes_nothing(
    reference_store: GraphStore, tmp_path: Path
) -> None:
    path = write(tmp_path, "network.json", json.dumps(ENTITIES_JSON, indent=2))
    first = await import_file(reference_store, path)
    graph, counts = await reference_store.read_data(), await reference_store.counts()
    second = await import_file(reference_store, path)
    assert second == first
    assert await reference_store.counts() == counts
    assert (await reference_store.read_data()).canonical() == graph.canonical()


async def test_empty_cells_leave_stored_properties_alone(
    reference_store: GraphStore, tmp_path: Path
) -> None:
    await import_file(reference_store, write(tmp_path, "cities.csv", CITIES_CSV))
    update = "id,name,country,field,population\nchiang-mai,Chiang Mai,TH,crafts-and-folk-art,\n"
    (tmp_path / "update").mkdir()
    await import_file(reference_store, write(tmp_path / "update", "cities.csv", update))
    city = await reference_store.get("City", "chiang-mai")
    assert city is not None
    assert city["population"] == 127240


# --- what a re-import may not change (issue 13, item 2) -----------------------------------------


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            "chiang-mai,Chiang Mai,CO,Crafts and Folk Art",
            "cities.csv:2: country: city 'chiang-mai' has the country TH in the graph, not CO: "
            "a city has one country, and an import does not change it (if this is another "
            "city, give it its own id)",
        ),
        (
            "chiang-mai,Chiang Mai,TH,design",
            "cities.csv:2: field: city 'chiang-mai' has the creative field crafts-and-folk-art in "
            "the graph, not design: a city has one creative field, and an import does not "
            "change it (if this is another city, give it its own id)",
        ),
    ],
    ids=["country", "field"],
)
async def test_re_importing_a_city_with_another_country_or_field_is_a_conflict(
    reference_store: GraphStore, tmp_path: Path, row: str, expected: str
) -> None:
    await import_file(reference_store, write(tmp_path, "cities.csv", CITIES_CSV))
    before = (await reference_store.read_data()).canonical()
    (tmp_path / "again").mkdir()
    path = write(tmp_path / "again", "cities.csv", f"id,name,country,field\n{row}\n")
    with pytest.raises(ImportRejected) as rejected:
        await import_file(reference_store, path)
    assert rejected_lines(rejected, path) == [expected]
    assert (await reference_store.read_data()).canonical() == before


async def test_a_graph_file_may_not_give_a_city_two_countries(
    reference_store: GraphStore, tmp_path: Path
) -> None:
    document = {
        "format": "uccn-graph",
        "version": 1,
        "nodes": [
            {"label": "City", "id": "twice", "properties": {"name": "T", "status": "member"}}
        ],
        "relationships": [
            {
                "type": "IN_COUNTRY",
                "start": {"label": "City", "id": "twice"},
                "end": {"label": "Country", "id": country},
                "properties": {},
            }
            for country in ("CO", "TH")
        ],
    }
    path = write(tmp_path, "graph.json", json.dumps(document, indent=2))
    before = (await reference_store.read_data()).canonical()
    with pytest.raises(ImportRejected) as rejected:
        await import_file(reference_store, path)
    assert rejected_lines(rejected, path) == [
        "graph.json:27: relationships[2].end.id: city 'twice' is given a second country, 'TH' "
        "(the first, 'CO', on line 15); a city has one country"
    ]
    assert (await reference_store.read_data()).canonical() == before


async def test_a_rename_under_the_same_id_is_written_and_reported(
    reference_store: GraphStore, tmp_path: Path
) -> None:
    await import_file(reference_store, write(tmp_path, "cities.csv", CITIES_CSV))
    (tmp_path / "again").mkdir()
    path = write(
        tmp_path / "again",
        "cities.csv",
        "id,name,country,field\nchiang-mai,Chiang Mai City,TH,crafts-and-folk-art\n"
        "bogota,Bogotá,CO,design\n",
    )
    report = await import_file(reference_store, path)
    assert [str(r) for r in report.renamed] == [
        "renamed City 'chiang-mai': 'Chiang Mai' -> 'Chiang Mai City'"
    ]
    assert str(report).splitlines()[-1] == str(report.renamed[0])
    city = await reference_store.get("City", "chiang-mai")
    assert city is not None
    assert (city["name"], city["search_name"]) == ("Chiang Mai City", "chiang mai city")
    counts = await reference_store.counts()
    assert counts.relationships == {"IN_COUNTRY": 2, "DESIGNATED_IN": 2}
