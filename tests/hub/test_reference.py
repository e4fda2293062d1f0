"""`uccn load`'s data: the real network, checked against the shipped CSVs themselves."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from graph.store import GraphStore
from names import slugify
from services.reference.dataset import DATA_DIR, load_reference_data
from services.reference.loading import load_reference


def csv_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_shipped_copy_matches_the_shared_reference_data() -> None:
    shared = Path(__file__).parents[3] / "shared" / "data"
    if not shared.is_dir():  # ../shared exists only beside the developers' checkout
        return
    for name in [
        "uccn_cities.csv",
        "countries.csv",
        "sdg_goals.csv",
        "sdg_targets.csv",
        "conferences.csv",
        "SOURCES.md",
    ]:
        assert (DATA_DIR / name).read_bytes() == (shared / name).read_bytes(), name


def test_reference_graph_counts() -> None:
    data = load_reference_data()
    counts = {label: len(rows) for label, rows in data.nodes.items()}
    assert counts == {
        "Region": 5,
        "CreativeField": 8,
        "Country": len(csv_rows("countries.csv")),
        "City": len(csv_rows("uccn_cities.csv")),
        "SDGGoal": 17,
        "SDGTarget": 169,
        "Conference": len(csv_rows("conferences.csv")),
    }
    assert counts["City"] == 405
    assert counts["Country"] == 249


def test_every_city_has_country_and_field_as_in_the_csv() -> None:
    data = load_reference_data()
    fields = {f["id"]: f["name"] for f in data.nodes["CreativeField"]}
    per_field = Counter(fields[link.end] for link in data.links["City-DESIGNATED_IN-CreativeField"])
    assert per_field == Counter(r["creative_field"] for r in csv_rows("uccn_cities.csv"))
    assert per_field["Architecture"] == 5
    in_country = data.links["City-IN_COUNTRY-Country"]
    assert len({link.start for link in in_country}) == 405


def test_macao_takes_chinas_region_visibly() -> None:
    data = load_reference_data()
    macao = next(c for c in data.nodes["Country"] if c["id"] == "MO")
    assert macao["region_source"] == "inherited from CN"
    regions = {link.start: link.end for link in data.links["Country-IN_REGION-Region"]}
    assert regions["MO"] == regions["CN"] == "asia-and-the-pacific"
    # Territories that are not part of a state keep no region rather than a guessed one.
    assert "GI" not in regions


def test_every_member_city_has_a_region() -> None:
    data = load_reference_data()
    regions = {link.start for link in data.links["Country-IN_REGION-Region"]}
    countries = {link.end for link in data.links["City-IN_COUNTRY-Country"]}
    assert countries <= regions


def test_cities_sharing_a_name_get_country_suffixed_ids() -> None:
    ids = {c["id"] for c in load_reference_data().nodes["City"]}
    assert {"granada-es", "granada-ni"} <= ids
    assert "granada" not in ids
    assert "bogota" in ids
    assert "chiang-mai" in ids


def test_conference_hosts_link_to_member_cities() -> None:
    data = load_reference_data()
    hosted = Counter()  # type: Counter[str]
    for link in data.links["Conference-HOSTED_BY-City"]:
        hosted[link.start] += 1
    assert hosted["2018-krakow"] == 2  # Kraków & Katowice
    assert hosted["2014-chengdu"] == 1
    assert "2008-paris" not in hosted  # UNESCO headquarters is not a member city
    statuses = {c["id"]: c["status"] for c in data.nodes["Conference"]}
    assert statuses["2020-santos"] == "postponed"
    assert statuses["2023-istanbul"] == "announced"


async def test_load_twice_gives_the_same_graph(store: GraphStore) -> None:
    await load_reference(store)
    first = await store.read_data()
    await load_reference(store)
    second = await store.read_data()
    assert first.canonical() == second.canonical()
    counts = await store.counts()
    assert counts.nodes["City"] == 405
    assert counts.nodes["CreativeField"] == 8
    assert counts.nodes["Region"] == 5
    assert counts.nodes["SDGGoal"] == 17
    assert counts.nodes["SDGTarget"] == 169
    assert counts.relationships["IN_COUNTRY"] == 405


# The id of every city whose name is not plain ASCII, written out and checked by eye.
NON_ASCII_SLUGS = {
    "Angoulême": "angouleme",
    "Areguá": "aregua",
    "Belém": "belem",
    "Concepción": "concepcion",
    "Covilhã": "covilha",
    "Durán": "duran",
    "Dénia": "denia",
    "Gdańsk": "gdansk",
    "Huai’an": "huaian",
    "Höhr-Grenzhausen": "hohr-grenzhausen",
    "Iaşi": "iasi",
    "Ibagué": "ibague",
    "João Pessoa": "joao-pessoa",
    "Kahramanmaraş": "kahramanmaras",
    "Košice": "kosice",
    "Kütahya": "kutahya",
    "Kırşehir": "kirsehir",
    "Liège": "liege",
    "Llíria": "lliria",
    "Medellín": "medellin",
    "Mérida": "merida",
    "Nikšić": "niksic",
    "Norrköping": "norrkoping",
    "Popayán": "popayan",
    "Querétaro": "queretaro",
    "Québec City": "quebec-city",
    "Reykjavík": "reykjavik",
    "Saint-Étienne": "saint-etienne",
    "San Cristóbal de las Casas": "san-cristobal-de-las-casas",
    "San José": "san-jose",
    "San Luis Potosí": "san-luis-potosi",
    "Sokodé": "sokode",
    "São Paulo": "sao-paulo",
    "Tétouan": "tetouan",
    "Valparaíso": "valparaiso",
    "Varaždin": "varazdin",
    "Veszprém": "veszprem",
    "Wrocław": "wroclaw",
    "Zahlé": "zahle",
    "Óbidos": "obidos",
    "Östersund": "ostersund",
    "Łódź": "lodz",
    "Şanlıurfa": "sanliurfa",
}

# The ids the hub gave before names were transliterated, where they differ (Ł, ł, ı dropped).
FORMER_IDS = {
    "kirsehir": ["krsehir"],
    "lodz": ["odz"],
    "sanliurfa": ["sanlurfa"],
    "wroclaw": ["wrocaw"],
}


def test_every_non_ascii_city_name_has_its_pinned_slug() -> None:
    cities = load_reference_data().nodes["City"]
    ids = {c["name"]: c["id"] for c in cities if not c["name"].isascii()}
    assert ids == NON_ASCII_SLUGS
    assert {name: slugify(name) for name in NON_ASCII_SLUGS} == NON_ASCII_SLUGS


def test_cities_whose_id_changed_keep_the_old_one_as_a_former_id() -> None:
    cities = load_reference_data().nodes["City"]
    assert {c["id"]: c["former_ids"] for c in cities if c.get("former_ids")} == FORMER_IDS


def test_lagos_is_no_longer_a_member_city() -> None:
    # No source lists it among the 2025 Cities of Literature (SOURCES.md).
    ids = {c["id"] for c in load_reference_data().nodes["City"]}
    assert "lagos" not in ids
    assert {"abuja", "ho-chi-minh-city", "hohr-grenzhausen", "kahramanmaras"} <= ids
