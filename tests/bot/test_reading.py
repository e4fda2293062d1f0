"""The plain-language router: phrasings in English, French, Spanish and Thai, each with the
query it must read to (what is asked, the city, fields, regions, SDG targets, the language).
Deterministic and offline: the real lexicons, the real language model, the real city names."""

from __future__ import annotations

from typing import Any

import pytest

from bot.language import LanguageDetector, load_classifier
from bot.lexicon import Ask
from bot.understanding import CityName, CityNames, Query, Reader
from services.reference.dataset import load_reference_data


@pytest.fixture(scope="module")
def reader() -> Reader:
    return Reader(LanguageDetector(load_classifier()))


@pytest.fixture(scope="module")
def names() -> CityNames:
    cities = load_reference_data().nodes["City"]
    return CityNames(CityName(str(c["id"]), str(c["name"])) for c in cities)


P, S, C, D, H, J, T, X = (
    Ask.PARTNERS,
    Ask.SEARCH,
    Ask.CITY,
    Ask.DUE,
    Ask.HOST,
    Ask.PROJECT,
    Ask.SDG,
    Ask.HELP,
)
CM, LAC, HER = "chiang-mai", "latin-america-and-the-caribbean", "11.4"

# text, ask, language, city, fields, regions, targets
PHRASINGS: list[
    tuple[
        str, Ask | None, str | None, str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...]
    ]
] = [
    # English
    ("who works on street food in Africa?", S, "en", None, ("gastronomy",), ("africa",), ()),
    ("partners for Chiang Mai on heritage", P, "en", CM, (), (), (HER,)),
    ("partners for Chang Mai on heritage", P, "en", CM, (), (), (HER,)),
    ("find partners in Latin America on SDG 11.4", P, "en", None, (), (LAC,), (HER,)),
    (
        "which cities work on music in Europe?",
        S,
        "en",
        None,
        ("music",),
        ("europe-and-north-america",),
        (),
    ),
    ("who works on cultural heritage?", S, "en", None, (), (), (HER,)),
    ("design cities in the Arab States", S, "en", None, ("design",), ("arab-states",), ()),
    ("tell me about Bogota", C, "en", "bogota", (), (), ()),
    ("what is SDG 11.4?", T, "en", None, (), (), (HER,)),
    ("what reports are due for our city?", D, "en", None, (), (), ()),
    ("who applies to host in 2027?", H, "en", None, (), (), ()),
    ("help", X, None, None, (), (), ()),
    ("projects on tourism", J, "en", None, (), (), ("8.9",)),
    ("partners for Rio de Janeiro on music", P, "en", "rio-de-janeiro", ("music",), (), ()),
    ("film cities working on gender equality", S, "en", None, ("film",), (), ("5.5",)),
    # French
    ("qui travaille sur le patrimoine ?", S, "fr", None, (), (), (HER,)),
    ("partenaires pour Chiang Mai sur le patrimoine", P, "fr", CM, (), (), (HER,)),
    ("quelles villes de gastronomie en Afrique ?", S, "fr", None, ("gastronomy",), ("africa",), ()),
    ("des partenaires pour Bogotá en Amérique latine", P, "fr", "bogota", (), (LAC,), ()),
    (
        "qui travaille sur l'artisanat dans les États arabes ?",
        S,
        "fr",
        None,
        ("crafts-and-folk-art",),
        ("arab-states",),
        (),
    ),
    ("parle-moi de Montréal", C, "fr", "montreal", (), (), ()),
    ("nos rapports et échéances", D, "fr", None, (), (), ()),
    ("villes de cinéma qui travaillent sur l'éducation", S, "fr", None, ("film",), (), ("4.7",)),
    ("partenaires pour Chiang Mai sur le tourisme durable", P, "fr", CM, (), (), ("8.9",)),
    ("bonjour", X, "fr", None, (), (), ()),
    # Spanish
    ("¿qué ciudades de música hay en América Latina?", S, "es", None, ("music",), (LAC,), ()),
    ("socios para Chiang Mai en patrimonio", P, "es", CM, (), (), (HER,)),
    (
        "¿quién trabaja en gastronomía en Asia?",
        S,
        "es",
        None,
        ("gastronomy",),
        ("asia-and-the-pacific",),
        (),
    ),
    ("socios para Bogotá en diseño", P, "es", "bogota", ("design",), (), ()),
    (
        "ciudades de literatura en Europa",
        S,
        "es",
        None,
        ("literature",),
        ("europe-and-north-america",),
        (),
    ),
    ("háblame de Medellín", C, "es", "medellin", (), (), ()),
    ("¿qué ciudades trabajan en cambio climático?", S, "es", None, (), (), ("13.3",)),
    ("informes pendientes de mi ciudad", D, "es", None, (), (), ()),
    ("socios para Popayan en comida callejera", P, "es", "popayan", ("gastronomy",), (), ()),
    ("hola", X, "es", None, (), (), ()),
    # Thai
    ("เมืองไหนทำงานด้านหัตถกรรมบ้าง", S, "th", None, ("crafts-and-folk-art",), (), ()),
    ("พันธมิตรสำหรับเชียงใหม่ด้านมรดก", P, "th", CM, (), (), (HER,)),
    ("เมืองไหนทำงานด้านอาหารในแอฟริกา", S, "th", None, ("gastronomy",), ("africa",), ()),
    ("พันธมิตรสำหรับภูเก็ตด้านการท่องเที่ยว", P, "th", "phuket", (), (), ("8.9",)),
    ("เมืองไหนทำงานด้านดนตรีในละตินอเมริกา", S, "th", None, ("music",), (LAC,), ()),
    ("ข้อมูลเมืองสุโขทัย", C, "th", "sukhothai", (), (), ()),
    ("รายงานกำหนดส่งของเรา", D, "th", None, (), (), ()),
    (
        "เมืองไหนทำงานด้านการออกแบบในยุโรป",
        S,
        "th",
        None,
        ("design",),
        ("europe-and-north-america",),
        (),
    ),
    ("สวัสดี", X, "th", None, (), (), ()),
]


@pytest.mark.parametrize(
    ("text", "ask", "language", "city", "fields", "regions", "targets"), PHRASINGS
)
def test_a_phrasing_reads_to_its_query(
    reader: Reader, names: CityNames, text: str, ask: Ask | None, language: str | None,
    city: str | None, fields: tuple[str, ...], regions: tuple[str, ...],
    targets: tuple[str, ...],
) -> None:  # fmt: skip
    query = reader.read(text, names)
    found = (query.ask, query.language, query.city, query.fields, query.regions, query.targets)
    assert found == (ask, language, city, fields, regions, targets)


def test_there_are_at_least_forty_phrasings_ten_per_language() -> None:
    by_language: dict[Any, int] = {}
    for _text, _ask, language, *_rest in PHRASINGS:
        by_language[language] = by_language.get(language, 0) + 1
    assert len(PHRASINGS) >= 40
    assert all(by_language[lang] >= 9 for lang in ("en", "fr", "es", "th"))


@pytest.mark.parametrize(
    "text",
    [
        "partners for Chiang Mai on heritage",
        "partners for Bogota on 11.4 in Africa",
        "partners on music in Latin America",
        "search on crafts and folk art in arab states",
        "city chiang-mai",
        "sdg 4.7",
        "host 2027",
    ],
)
def test_a_query_written_as_a_command_reads_back_the_same(
    reader: Reader, names: CityNames, text: str
) -> None:
    query = reader.read(text, names)
    again = reader.read(query.command(), names)
    assert (again.ask, again.city, again.fields, again.regions, again.targets, again.year) == (
        query.ask, query.city, query.fields, query.regions, query.targets, query.year,
    )  # fmt: skip


def test_slash_subcommands_say_nothing_of_the_language(reader: Reader, names: CityNames) -> None:
    assert reader.read("sdg 11.4", names) == Query(Ask.SDG, targets=("11.4",))
    assert reader.read("due", names) == Query(Ask.DUE)
    assert reader.read("city Bogotá", names).language is None


def test_an_ambiguous_name_offers_the_cities_it_could_be(reader: Reader, names: CityNames) -> None:
    query = reader.read("partners for San on music", names)
    assert query.city is None
    assert query.city_text == "san"
    assert len(query.city_choices) >= 2


def test_nonsense_reads_to_no_query(reader: Reader, names: CityNames) -> None:
    assert reader.read("xyzzy plugh", names).ask is None
    assert reader.read("", names).ask is None
