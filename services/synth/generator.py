"""A deterministic synthetic network in the shape of the model, for load tests and demos.

`generate(cities, seed, reference)` invents `cities` cities with everything around them:
partner institutions, pilot projects, monitoring reports, contributions, mentorships, focal
points, and what the brain's users record: introductions, dismissed proposals and applications
to host the next Annual Conference. Every invented node carries `generated: True` (where the
model has that property), so that it can be told apart from, and deleted without touching, the
real network.

`generate_layer(reference, seed, layer)` invents the same records around the real member cities
of `reference` instead of invented ones (the demo layer, `hub/demo.py`): it adopts them as its
city pool and never writes them out.

It never invents reference nodes (regions, countries, creative fields, SDG goals and targets).
It links to the ones in `reference`, the real network that the caller loads first; without a
reference it adds `minimal_reference()`, a small real subset with the same ids, to its output.

The same `cities`, `seed` and reference always give the same graph: one `random.Random(seed)`
drives everything, only lists are iterated and no clock is read. The calendar is fixed at
`CURRENT_YEAR`, so "overdue" is relative to that year.
"""

from __future__ import annotations

import math
import random
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from graph.dataset import GraphData, Link, Props
from graph.model import INSTITUTION_KINDS, NODE_BY_LABEL
from graph.store import fold_name

CURRENT_YEAR = 2025  # the synthetic "now": designations up to it, planned projects after it
FIRST_YEAR = 2004  # the network's first designation
REPORT_EVERY = 4  # a Membership Monitoring Report every four years after designation
HERITAGE_TARGET = "11.4"  # safeguarding cultural heritage: on many projects
GLOBAL_SOUTH_BOOST = 2.2  # weight multiplier that tilts invented cities towards the South
UNREPRESENTED_WEIGHT = 0.6  # weight of a country with no real creative city (sovereign state)
TERRITORY_WEIGHT = 0.15  # weight of a territory with no real creative city
COORD_SPREAD_DEG = 0.6  # standard deviation of a city's offset from its anchor city
NEXT_CALL = 2027  # the next call for applications (calls every two years since 2015)
PAST_CALL = NEXT_CALL - 2  # the call before it, already closed in CURRENT_YEAR
HOST_YEAR = 2027  # the Annual Conference that member cities apply to host

REGION_IDS = (
    "africa",
    "arab-states",
    "asia-and-the-pacific",
    "europe-and-north-america",
    "latin-america-and-the-caribbean",
)
_REGION_ROWS: tuple[tuple[str, str, str], ...] = (
    ("africa", "Africa", "AFRICA"),
    ("arab-states", "Arab States", "ARAB_STATES"),
    ("asia-and-the-pacific", "Asia and the Pacific", "ASIA_AND_THE_PACIFIC"),
    ("europe-and-north-america", "Europe and North America", "EUROPE_AND_NORTH_AMERICA"),
    (
        "latin-america-and-the-caribbean",
        "Latin America and the Caribbean",
        "LATIN_AMERICA_AND_THE_CARIBBEAN",
    ),
)

# id, name, code, year the field joined, real member cities (reference data: uccn_cities.csv).
_FIELD_ROWS: tuple[tuple[str, str, str, int, int], ...] = (
    ("crafts-and-folk-art", "Crafts and Folk Art", "CRAFTS_AND_FOLK_ART", 2004, 73),
    ("design", "Design", "DESIGN", 2004, 52),
    ("film", "Film", "FILM", 2004, 29),
    ("gastronomy", "Gastronomy", "GASTRONOMY", 2004, 60),
    ("literature", "Literature", "LITERATURE", 2004, 60),
    ("media-arts", "Media Arts", "MEDIA_ARTS", 2004, 26),
    ("music", "Music", "MUSIC", 2004, 80),
    ("architecture", "Architecture", "ARCHITECTURE", 2025, 5),
)

# Designations per round (services/reference/data/SOURCES.md: official round sizes).
_ROUND_SIZES: dict[int, int] = {
    2004: 1, 2005: 5, 2006: 3, 2008: 7, 2009: 3, 2010: 8, 2011: 2, 2012: 6, 2013: 6,
    2014: 28, 2015: 47, 2017: 64, 2019: 66, 2021: 49, 2023: 55, 2025: 58,
}  # fmt: skip
_OFF_ROUND_SHARE = 0.1  # share of designation years drawn uniformly from 2004..CURRENT_YEAR

# iso2, name (as in countries.csv), region, Global South, anchor latitude and longitude, main
# language, real member cities. The anchor is the most populous real creative city of the
# country, or its capital where it has none. Used for coordinates and, without a reference, as
# the minimal set of countries.
_A, _AS, _AP, _EU, _LA = REGION_IDS
_COUNTRY_ROWS: tuple[tuple[str, str, str, bool, float, float, str, int], ...] = (
    ("AE", "United Arab Emirates", _AS, True, 25.08, 55.31, "ar", 3),
    ("AF", "Afghanistan", _AP, True, 34.81, 67.82, "fa", 1),
    ("AR", "Argentina", _LA, True, -34.60, -58.38, "es", 2),
    ("AT", "Austria", _EU, False, 47.07, 15.44, "de", 2),
    ("AU", "Australia", _AP, False, -33.87, 151.21, "en", 8),
    ("AZ", "Azerbaijan", _EU, True, 40.38, 49.89, "az", 3),
    ("BA", "Bosnia", _EU, False, 43.85, 18.36, "bs", 2),
    ("BE", "Belgium", _EU, False, 51.05, 3.72, "nl", 4),
    ("BF", "Burkina Faso", _A, True, 12.37, -1.52, "fr", 2),
    ("BG", "Bulgaria", _EU, False, 42.70, 23.32, "bg", 2),
    ("BH", "Bahrain", _AS, True, 26.26, 50.61, "ar", 1),
    ("BJ", "Benin", _A, True, 6.50, 2.63, "fr", 2),
    ("BO", "Bolivia", _LA, True, -17.41, -66.17, "es", 1),
    ("BR", "Brazil", _LA, True, -23.55, -46.64, "pt", 15),
    ("BS", "Bahamas", _LA, True, 25.05, -77.36, "en", 1),
    ("CA", "Canada", _EU, False, 43.65, -79.38, "en", 4),
    ("CD", "Congo - Kinshasa", _A, True, -4.44, 15.27, "fr", 2),
    ("CG", "Congo - Brazzaville", _A, True, -4.26, 15.24, "fr", 1),
    ("CH", "Switzerland", _EU, False, 46.80, 7.15, "fr", 2),
    ("CL", "Chile", _LA, True, -33.04, -71.63, "es", 3),
    ("CM", "Cameroon", _A, True, 4.95, 9.94, "fr", 1),
    ("CN", "China", _AP, True, 31.23, 121.47, "zh", 19),
    ("CO", "Colombia", _LA, True, 4.71, -74.07, "es", 8),
    ("CR", "Costa Rica", _LA, True, 9.93, -84.08, "es", 1),
    ("CU", "Cuba", _LA, True, 23.13, -82.38, "es", 3),
    ("CV", "Cape Verde", _A, True, 14.93, -23.51, "pt", 1),
    ("CZ", "Czechia", _EU, False, 50.08, 14.44, "cs", 2),
    ("DE", "Germany", _EU, False, 52.52, 13.40, "de", 7),
    ("DK", "Denmark", _EU, False, 55.50, 9.47, "da", 2),
    ("DO", "Dominican Republic", _LA, True, 18.47, -69.89, "es", 1),
    ("EC", "Ecuador", _LA, True, -0.23, -78.52, "es", 6),
    ("EE", "Estonia", _EU, False, 59.44, 24.75, "et", 3),
    ("EG", "Egypt", _AS, True, 30.04, 31.24, "ar", 3),
    ("ES", "Spain", _EU, False, 41.39, 2.17, "es", 11),
    ("FI", "Finland", _EU, False, 60.17, 24.94, "fi", 4),
    ("FR", "France", _EU, False, 45.76, 4.84, "fr", 11),
    ("GB", "UK", _EU, False, 55.86, -4.25, "en", 14),
    ("GE", "Georgia", _EU, True, 41.69, 44.83, "ka", 3),
    ("GN", "Guinea", _A, True, 9.54, -13.68, "fr", 1),
    ("GR", "Greece", _EU, False, 40.64, 22.93, "el", 3),
    ("GW", "Guinea-Bissau", _A, True, 11.86, -15.60, "pt", 1),
    ("HR", "Croatia", _EU, False, 46.30, 16.34, "hr", 1),
    ("HT", "Haiti", _LA, True, 18.24, -72.53, "fr", 1),
    ("HU", "Hungary", _EU, False, 47.50, 19.04, "hu", 2),
    ("ID", "Indonesia", _AP, True, -6.21, 106.85, "id", 6),
    ("IE", "Ireland", _EU, False, 53.35, -6.26, "en", 2),
    ("IL", "Israel", _EU, False, 32.09, 34.78, "he", 1),
    ("IN", "India", _AP, True, 19.08, 72.88, "hi", 8),
    ("IQ", "Iraq", _AS, True, 33.31, 44.36, "ar", 2),
    ("IR", "Iran", _AP, True, 32.65, 51.67, "fa", 6),
    ("IS", "Iceland", _EU, False, 64.13, -21.82, "is", 1),
    ("IT", "Italy", _EU, False, 41.90, 12.50, "it", 15),
    ("JM", "Jamaica", _LA, True, 18.02, -76.81, "en", 1),
    ("JO", "Jordan", _AS, True, 31.72, 35.79, "ar", 1),
    ("JP", "Japan", _AP, False, 35.18, 136.91, "ja", 12),
    ("KE", "Kenya", _A, True, -0.31, 36.07, "sw", 2),
    ("KH", "Cambodia", _AP, True, 13.10, 103.20, "km", 1),
    ("KR", "South Korea", _AP, True, 37.57, 126.98, "ko", 13),
    ("KZ", "Kazakhstan", _AP, True, 43.24, 76.95, "kk", 1),
    ("LB", "Lebanon", _AS, True, 33.89, 35.50, "ar", 2),
    ("LT", "Lithuania", _EU, False, 54.69, 25.28, "lt", 2),
    ("LV", "Latvia", _EU, False, 55.88, 26.53, "lv", 2),
    ("MA", "Morocco", _AS, True, 33.59, -7.61, "ar", 4),
    ("ME", "Montenegro", _EU, False, 42.39, 18.91, "sr", 1),
    ("MK", "North Macedonia", _EU, False, 41.03, 21.34, "mk", 1),
    ("MN", "Mongolia", _AP, True, 47.91, 106.88, "mn", 1),
    ("MU", "Mauritius", _A, True, -20.16, 57.50, "en", 1),
    ("MX", "Mexico", _LA, True, 19.43, -99.13, "es", 10),
    ("MY", "Malaysia", _AP, True, 3.14, 101.69, "ms", 3),
    ("NG", "Nigeria", _A, True, 6.45, 3.39, "en", 4),
    ("NI", "Nicaragua", _LA, True, 11.93, -85.95, "es", 1),
    ("NL", "Netherlands", _EU, False, 52.09, 5.12, "nl", 2),
    ("NO", "Norway", _EU, False, 60.39, 5.32, "no", 3),
    ("NP", "Nepal", _AP, True, 27.70, 85.32, "ne", 1),
    ("NZ", "New Zealand", _AP, False, -36.85, 174.76, "en", 4),
    ("PA", "Panama", _LA, True, 8.97, -79.53, "es", 1),
    ("PE", "Peru", _LA, True, -16.40, -71.54, "es", 3),
    ("PH", "Philippines", _AP, True, 14.65, 121.05, "tl", 5),
    ("PK", "Pakistan", _AP, True, 31.57, 74.31, "ur", 1),
    ("PL", "Poland", _EU, False, 50.06, 19.94, "pl", 7),
    ("PS", "Palestine", _AS, True, 31.90, 35.18, "ar", 1),
    ("PT", "Portugal", _EU, False, 41.55, -8.43, "pt", 11),
    ("PY", "Paraguay", _LA, True, -25.31, -57.38, "es", 1),
    ("QA", "Qatar", _AS, True, 25.29, 51.53, "ar", 2),
    ("RO", "Romania", _EU, False, 47.17, 27.60, "ro", 3),
    ("RS", "Serbia", _EU, False, 45.25, 19.84, "sr", 2),
    ("RU", "Russia", _EU, False, 59.94, 30.31, "ru", 5),
    ("SA", "Saudi Arabia", _AS, True, 24.69, 46.72, "ar", 5),
    ("SE", "Sweden", _EU, False, 57.71, 11.97, "sv", 3),
    ("SG", "Singapore", _AP, True, 1.29, 103.85, "en", 1),
    ("SI", "Slovenia", _EU, False, 46.06, 14.51, "sl", 2),
    ("SK", "Slovakia", _EU, False, 48.72, 21.26, "sk", 1),
    ("SN", "Senegal", _A, True, 14.76, -17.37, "fr", 1),
    ("TG", "Togo", _A, True, 8.98, 1.14, "fr", 1),
    ("TH", "Thailand", _AP, True, 13.75, 100.50, "th", 8),
    ("TM", "Turkmenistan", _AP, True, 37.95, 58.38, "tk", 1),
    ("TN", "Tunisia", _AS, True, 36.81, 10.18, "ar", 1),
    ("TR", "Türkiye", _EU, True, 41.01, 28.98, "tr", 8),
    ("TT", "Trinidad & Tobago", _LA, True, 10.67, -61.52, "en", 1),
    ("UA", "Ukraine", _EU, False, 50.45, 30.52, "uk", 4),
    ("US", "US", _EU, False, 29.42, -98.49, "en", 10),
    ("UY", "Uruguay", _LA, True, -34.90, -56.16, "es", 1),
    ("UZ", "Uzbekistan", _AP, True, 39.77, 64.43, "uz", 1),
    ("VE", "Venezuela", _LA, True, 10.49, -66.88, "es", 1),
    ("VN", "Vietnam", _AP, True, 21.02, 105.84, "vi", 3),
    ("ZA", "South Africa", _A, True, -33.92, 18.42, "en", 5),
    # Global South states without a creative city yet: anchored on their capital.
    ("AM", "Armenia", _EU, True, 40.18, 44.51, "hy", 0),
    ("AO", "Angola", _A, True, -8.84, 13.23, "pt", 0),
    ("BD", "Bangladesh", _AP, True, 23.81, 90.41, "bn", 0),
    ("BW", "Botswana", _A, True, -24.65, 25.91, "en", 0),
    ("CI", "Côte d’Ivoire", _A, True, 5.36, -4.01, "fr", 0),
    ("DZ", "Algeria", _AS, True, 36.75, 3.06, "ar", 0),
    ("ET", "Ethiopia", _A, True, 9.03, 38.74, "am", 0),
    ("FJ", "Fiji", _AP, True, -18.14, 178.44, "en", 0),
    ("GA", "Gabon", _A, True, 0.39, 9.45, "fr", 0),
    ("GH", "Ghana", _A, True, 5.60, -0.19, "en", 0),
    ("GT", "Guatemala", _LA, True, 14.63, -90.51, "es", 0),
    ("GY", "Guyana", _LA, True, 6.80, -58.16, "en", 0),
    ("HN", "Honduras", _LA, True, 14.07, -87.19, "es", 0),
    ("KG", "Kyrgyzstan", _AP, True, 42.87, 74.59, "ky", 0),
    ("KW", "Kuwait", _AS, True, 29.38, 47.98, "ar", 0),
    ("LA", "Laos", _AP, True, 17.97, 102.63, "lo", 0),
    ("LK", "Sri Lanka", _AP, True, 6.93, 79.86, "si", 0),
    ("MG", "Madagascar", _A, True, -18.88, 47.51, "mg", 0),
    ("ML", "Mali", _A, True, 12.64, -8.00, "fr", 0),
    ("MM", "Myanmar", _AP, True, 16.87, 96.20, "my", 0),
    ("MR", "Mauritania", _AS, True, 18.08, -15.98, "ar", 0),
    ("MW", "Malawi", _A, True, -13.96, 33.79, "en", 0),
    ("MZ", "Mozambique", _A, True, -25.97, 32.57, "pt", 0),
    ("NA", "Namibia", _A, True, -22.56, 17.08, "en", 0),
    ("NE", "Niger", _A, True, 13.51, 2.11, "fr", 0),
    ("OM", "Oman", _AS, True, 23.59, 58.41, "ar", 0),
    ("RW", "Rwanda", _A, True, -1.94, 30.06, "rw", 0),
    ("SD", "Sudan", _AS, True, 15.50, 32.56, "ar", 0),
    ("SV", "El Salvador", _LA, True, 13.69, -89.22, "es", 0),
    ("TJ", "Tajikistan", _AP, True, 38.56, 68.78, "tg", 0),
    ("TZ", "Tanzania", _A, True, -6.79, 39.21, "sw", 0),
    ("UG", "Uganda", _A, True, 0.35, 32.58, "en", 0),
    ("ZM", "Zambia", _A, True, -15.39, 28.32, "en", 0),
    ("ZW", "Zimbabwe", _A, True, -17.83, 31.05, "en", 0),
)

# Official UN wording (services/reference/data/sdg_goals.csv, sdg_targets.csv): the minimal SDG set.
_GOAL_ROWS: tuple[tuple[str, str, str], ...] = (
    ("1", "No poverty", "End poverty in all its forms everywhere"),
    ("2", "Zero hunger", "End hunger, achieve food security and improved nutrition and promote sustainable agriculture"),  # noqa: E501
    ("3", "Good health and well-being", "Ensure healthy lives and promote well-being for all at all ages"),  # noqa: E501
    ("4", "Quality education", "Ensure inclusive and equitable quality education and promote lifelong learning opportunities for all"),  # noqa: E501
    ("5", "Gender equality", "Achieve gender equality and empower all women and girls"),
    ("6", "Clean water and sanitation", "Ensure availability and sustainable management of water and sanitation for all"),  # noqa: E501
    ("7", "Affordable and clean energy", "Ensure access to affordable, reliable, sustainable and modern energy for all"),  # noqa: E501
    ("8", "Decent work and economic growth", "Promote sustained, inclusive and sustainable economic growth, full and productive employment and decent work for all"),  # noqa: E501
    ("9", "Industry, innovation and infrastructure", "Build resilient infrastructure, promote inclusive and sustainable industrialization and foster innovation"),  # noqa: E501
    ("10", "Reduced inequalities", "Reduce inequality within and among countries"),
    ("11", "Sustainable cities and communities", "Make cities and human settlements inclusive, safe, resilient and sustainable"),  # noqa: E501
    ("12", "Responsible consumption and production", "Ensure sustainable consumption and production patterns"),  # noqa: E501
    ("13", "Climate action", "Take urgent action to combat climate change and its impacts"),
    ("14", "Life below water", "Conserve and sustainably use the oceans, seas and marine resources for sustainable development"),  # noqa: E501
    ("15", "Life on land", "Protect, restore and promote sustainable use of terrestrial ecosystems, sustainably manage forests, combat desertification, and halt and reverse land degradation and halt biodiversity loss"),  # noqa: E501
    ("16", "Peace, justice and strong institutions", "Promote peaceful and inclusive societies for sustainable development, provide access to justice for all and build effective, accountable and inclusive institutions at all levels"),  # noqa: E501
    ("17", "Partnerships for the goals", "Strengthen the means of implementation and revitalize the Global Partnership for Sustainable Development"),  # noqa: E501
)  # fmt: skip
_TARGET_ROWS: tuple[tuple[str, str], ...] = (
    ("4.4", "By 2030, substantially increase the number of youth and adults who have relevant skills, including technical and vocational skills, for employment, decent jobs and entrepreneurship"),  # noqa: E501
    ("8.3", "Promote development-oriented policies that support productive activities, decent job creation, entrepreneurship, creativity and innovation, and encourage the formalization and growth of micro-, small- and medium-sized enterprises, including through access to financial services"),  # noqa: E501
    ("8.9", "By 2030, devise and implement policies to promote sustainable tourism that creates jobs and promotes local culture and products"),  # noqa: E501
    ("10.2", "By 2030, empower and promote the social, economic and political inclusion of all, irrespective of age, sex, disability, race, ethnicity, origin, religion or economic or other status"),  # noqa: E501
    ("11.3", "By 2030, enhance inclusive and sustainable urbanization and capacity for participatory, integrated and sustainable human settlement planning and management in all countries"),  # noqa: E501
    ("11.4", "Strengthen efforts to protect and safeguard the world’s cultural and natural heritage"),  # noqa: E501
    ("11.7", "By 2030, provide universal access to safe, inclusive and accessible, green and public spaces, in particular for women and children, older persons and persons with disabilities"),  # noqa: E501
    ("12.b", "Develop and implement tools to monitor sustainable development impacts for sustainable tourism that creates jobs and promotes local culture and products"),  # noqa: E501
    ("16.7", "Ensure responsive, inclusive, participatory and representative decision-making at all levels"),  # noqa: E501
    ("17.17", "Encourage and promote effective public, public-private and civil society partnerships, building on the experience and resourcing strategies of partnerships"),  # noqa: E501
)  # fmt: skip

# Targets that creative-city projects work on most, after 11.4; any other target is rarer.
_CULTURE_TARGETS = (
    "4.4", "4.7", "5.5", "8.3", "8.9", "9.5", "10.2", "11.3", "11.7", "11.a", "12.8", "12.b",
    "13.3", "16.7", "17.17",
)  # fmt: skip
_HERITAGE_SHARE = 0.45  # projects whose first target is 11.4
_CULTURE_WEIGHT = 6.0
_OTHER_TARGET_WEIGHT = 0.4

# Syllables that give each region's invented names their own sound.
_SYLLABLES: dict[str, tuple[str, ...]] = {
    _A: (
        "ka", "ba", "ndu", "mbo", "la", "zi", "ko", "tu", "ma", "nge", "wa", "se", "bu", "ya",
        "ki", "mu", "ra", "na", "jo", "fa", "di", "ge", "lo", "sa", "ta", "nya", "ru", "be",
    ),
    _AS: (
        "al", "ra", "sha", "ham", "kar", "dir", "mad", "na", "bas", "ri", "za", "ja", "qa", "hal",
        "mar", "sa", "fa", "rim", "tab", "dun", "lat", "ka", "mir", "zar", "ba", "sur", "ha",
    ),
    _AP: (
        "shan", "jin", "wa", "ta", "ko", "ri", "lin", "hai", "pur", "nag", "ban", "chi", "su",
        "mi", "yu", "to", "kan", "pa", "sen", "da", "ma", "hoa", "tan", "yo", "ga", "ra", "ku",
    ),
    _EU: (
        "ber", "ling", "ton", "ford", "vil", "burg", "sta", "len", "dor", "mar", "bro", "kel",
        "ham", "ros", "wen", "ste", "gra", "lau", "ny", "vik", "ra", "no", "ve", "li", "sa", "ko",
    ),
    _LA: (
        "san", "ta", "ri", "co", "pa", "mar", "lo", "bra", "que", "ba", "to", "ca", "la", "gua",
        "ma", "jo", "re", "na", "ti", "cu", "ya", "pe", "do", "ra", "so", "mi", "al", "ro",
    ),
}  # fmt: skip

_FIELD_THEMES: dict[str, tuple[str, ...]] = {
    "crafts-and-folk-art": (
        "Ceramics", "Textile", "Weaving", "Woodcraft", "Folk Art", "Basketry", "Lacquerware",
        "Metalwork", "Embroidery",
    ),
    "design": (
        "Urban Design", "Product Design", "Design Thinking", "Social Design", "Circular Design",
        "Type Design", "Public Space",
    ),
    "film": ("Film Heritage", "Documentary", "Animation", "Youth Film", "Screenwriting", "Cinema"),
    "gastronomy": (
        "Street Food", "Food Heritage", "Culinary", "Farm-to-Table", "Spice Route", "Food Waste",
        "Indigenous Food",
    ),
    "literature": (
        "Reading", "Translation", "Poetry", "Storytelling", "Children's Books", "Library",
        "Oral Tradition",
    ),
    "media-arts": (
        "Digital Arts", "Media Lab", "Light Art", "Creative Coding", "Virtual Heritage",
        "Game Design",
    ),
    "music": (
        "Music Education", "Folk Music", "Jazz", "Sound Archive", "Street Music", "Orchestra",
        "Music Industry",
    ),
    "architecture": (
        "Vernacular Architecture", "Adaptive Reuse", "Heritage Building", "Housing",
        "Urban Renewal",
    ),
}  # fmt: skip
_GENERIC_THEMES = ("Creative Heritage", "Culture", "Creative Economy")
# What an institution of a field's city is about.
_FIELD_SUBJECTS: dict[str, tuple[str, ...]] = {
    "crafts-and-folk-art": ("Crafts", "Folk Art", "Textiles", "Ceramics"),
    "design": ("Design", "Industrial Design", "Visual Communication"),
    "film": ("Film", "Cinema", "Animation"),
    "gastronomy": ("Gastronomy", "Culinary Arts", "Food Heritage"),
    "literature": ("Literature", "Books", "Translation"),
    "media-arts": ("Media Arts", "Digital Arts", "New Media"),
    "music": ("Music", "Performing Arts", "Sound"),
    "architecture": ("Architecture", "Urban Design", "Heritage Conservation"),
}
_GENERIC_SUBJECTS = ("Culture", "Creative Industries", "the Arts")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_PROJECT_FORMATS = (
    "Lab", "Festival", "Residency", "Atlas", "Exchange", "Academy", "Archive", "Incubator",
    "Route", "Workshops", "Forum", "School", "Hub", "Map", "Programme", "Biennale", "Market",
    "Trail", "Observatory", "Fellowship",
)  # fmt: skip

_STATUS_WEIGHTS = (("member", "candidate", "former"), (87, 8, 5))
_KIND_WEIGHTS: dict[str, int] = {
    "university": 30,
    "training-institute": 12,
    "professional-body": 12,
    "ngo": 18,
    "cultural-centre": 15,
    "company": 10,
    "city-network": 3,
}
_INSTITUTION_TEMPLATES: dict[str, tuple[str, ...]] = {
    "university": (
        "University of {city}", "{city} University of the Arts", "{city} Polytechnic",
        "{city} Institute of Technology",
    ),
    "training-institute": (
        "{city} Institute of {subject}", "{city} School of {subject}",
        "{city} Academy of {subject}",
    ),
    "professional-body": (
        "{city} {subject} Guild", "{city} Association of {subject} Professionals",
        "{city} Chamber of {subject}",
    ),
    "ngo": ("{city} {subject} Foundation", "Friends of {city} {subject}", "{city} Heritage Trust"),
    "cultural-centre": ("{city} {subject} Centre", "{city} House of Culture", "{city} Museum of {subject}"),  # noqa: E501
    "company": ("{word} Studios", "{word} Creative Labs", "{word} Media", "{word} Workshop"),
    "city-network": ("{city} Creative Cities Alliance", "{word} Cities Forum"),
}  # fmt: skip
_CONTRIBUTOR_ROLES = ("research", "funding", "training", "venue", "technical")
_SAME_REGION_SHARE = 0.45  # a participant is from the lead's region
_SAME_FIELD_SHARE = 0.30  # ... or else from the lead's field; otherwise from anywhere
_FIRST_NAMES = (
    "Amara", "Noor", "Kenji", "Lucia", "Tomas", "Aiko", "Farid", "Ines", "Kwame", "Mei",
    "Rafael", "Sana", "Oskar", "Leila", "Ravi", "Zanele", "Mateo", "Hana", "Yusuf", "Elena",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Country:
    id: str
    region: str
    global_south: bool
    anchors: tuple[tuple[float, float], ...]
    language: str
    weight: float


@dataclass(slots=True)
class _Reference:
    """What the generator needs from the reference graph, in a deterministic order."""

    countries: list[_Country]
    fields: list[str]
    field_weights: list[float]
    field_since: dict[str, int]
    targets: list[str]
    taken: dict[str, set[str]] = field(default_factory=dict)  # ids already in use, by label


type _Party = tuple[str, str]  # (partner kind, id): a city and an institution may share a slug
type _Asked = tuple[str, str, str]  # (asking city id, partner kind, partner id)


@dataclass(slots=True)
class _Ties:
    """Who already works with whom and on what, read back from the generated links: a city's
    partners are the cities and institutions on its projects and the institutions partnering
    with it; a party's targets and field are what a need for it would name."""

    partners: dict[str, set[_Party]] = field(default_factory=dict)
    targets: dict[_Party, list[str]] = field(default_factory=dict)
    fields: dict[_Party, str] = field(default_factory=dict)


@dataclass(slots=True)
class _City:
    id: str
    name: str
    country: str
    region: str
    field_id: str
    status: str
    year: int | None
    language: str
    activity: float
    institutions: list[int] = field(default_factory=list)


def minimal_reference() -> GraphData:
    """A small real subset of the reference data, with the real ids: what `generate` links to
    when it is given no reference. Loading it over the real data changes no value."""
    data = GraphData()
    for region_id, name, code in _REGION_ROWS:
        data.add_node("Region", {"id": region_id, "name": name, "code": code})
    for field_id, name, code, since, _count in _FIELD_ROWS:
        data.add_node(
            "CreativeField", {"id": field_id, "name": name, "code": code, "since_year": since}
        )
    for iso2, name, region, south, *_rest in sorted(_COUNTRY_ROWS):
        data.add_node("Country", {"id": iso2, "name": name, "global_south": south})
        data.add_link("Country-IN_REGION-Region", iso2, region)
    for goal, short, title in _GOAL_ROWS:
        data.add_node(
            "SDGGoal", {"id": goal, "number": int(goal), "short_title_en": short, "title_en": title}
        )
    for target, title in _TARGET_ROWS:
        goal = target.split(".")[0]
        data.add_node("SDGTarget", {"id": target, "goal": int(goal), "title_en": title})
        data.add_link("SDGTarget-OF_GOAL-SDGGoal", target, goal)
    return data


def generate(cities: int, seed: int, reference: GraphData | None = None) -> GraphData:
    """A synthetic network of `cities` cities, linked only to reference ids.

    With `reference` (the real network, loaded by the caller first) the output holds generated
    nodes only; without it, the output also holds `minimal_reference()`.
    """
    if cities < 0:
        raise ValueError("cities must be >= 0")
    base = reference if reference is not None else minimal_reference()
    ref = _read_reference(base)
    out = GraphData()
    if reference is None:
        out.merge(base)
    _Generator(random.Random(seed), ref, out).run(cities)
    return out


@dataclass(frozen=True, slots=True)
class Layer:
    """How much `generate_layer` invents around the real member cities (per real city where the
    amount should grow with the network, a fixed number where it should not)."""

    institutions_per_city: float = 0.5
    projects_per_city: float = 3.0
    focal_points_per_city: float = 0.1
    candidates: int = 30  # invented candidate cities, most of them for NEXT_CALL
    featured: tuple[str, ...] = ()  # real cities that lead several projects, one on 11.4


def generate_layer(reference: GraphData, seed: int, layer: Layer) -> GraphData:
    """Generated records around the real member cities of `reference`, linked to them by id.

    The output holds generated nodes only: the real cities are the pool it links to, never
    rewritten, so loading it over the real network changes no real value.
    """
    out = GraphData()
    _Generator(random.Random(seed), _read_reference(reference), out).run_layer(reference, layer)
    return out


# --- reading the reference -----------------------------------------------------------------------


def _read_reference(data: GraphData) -> _Reference:
    country_rows = data.nodes.get("Country", [])
    region_of = {k.start: k.end for k in data.links.get("Country-IN_REGION-Region", [])}
    region_ids = {str(r["id"]) for r in data.nodes.get("Region", [])}
    builtin = {row[0]: row for row in _COUNTRY_ROWS}

    city_coords = {
        str(r["id"]): (float(r["latitude"]), float(r["longitude"]))
        for r in data.nodes.get("City", [])
        if r.get("latitude") is not None and r.get("longitude") is not None
    }
    real_cities: Counter[str] = Counter()
    anchors: dict[str, list[tuple[float, float]]] = {}
    for k in data.links.get("City-IN_COUNTRY-Country", []):
        real_cities[k.end] += 1
        if k.start in city_coords:
            anchors.setdefault(k.end, []).append(city_coords[k.start])
    have_cities = bool(data.nodes.get("City"))

    countries: list[_Country] = []
    for row in country_rows:
        iso2 = str(row["id"])
        region = region_of.get(iso2)
        if region is None or region not in region_ids:
            continue  # a city needs a region: territories without one are left out
        known = builtin.get(iso2)
        points = anchors.get(iso2) or ([(known[4], known[5])] if known else [])
        if not points:
            continue  # nowhere to put a city of this country
        south = bool(row.get("global_south"))
        builtin_count = float(known[7]) if known else 0.0
        count = float(real_cities[iso2]) if have_cities else builtin_count
        if count == 0:
            sovereign = row.get("status") in (None, "Yes")
            count = UNREPRESENTED_WEIGHT if sovereign else TERRITORY_WEIGHT
        weight = count * (GLOBAL_SOUTH_BOOST if south else 1.0)
        language = known[6] if known else "en"
        countries.append(_Country(iso2, region, south, tuple(points), language, weight))
    if not countries:
        raise ValueError("the reference has no country with a region to put cities in")

    field_rows = data.nodes.get("CreativeField", [])
    if not field_rows:
        raise ValueError("the reference has no creative fields")
    fields = [str(r["id"]) for r in field_rows]
    since = {str(r["id"]): int(r.get("since_year") or FIRST_YEAR) for r in field_rows}
    real_fields = Counter(k.end for k in data.links.get("City-DESIGNATED_IN-CreativeField", []))
    builtin_fields = {row[0]: row[4] for row in _FIELD_ROWS}
    counts = real_fields if real_fields else builtin_fields
    field_weights = [float(counts.get(f, 0)) + 1.0 for f in fields]

    targets = [str(r["id"]) for r in data.nodes.get("SDGTarget", [])]
    if not targets:
        raise ValueError("the reference has no SDG targets")

    taken = {label: {str(r["id"]) for r in rows} for label, rows in data.nodes.items()}
    return _Reference(countries, fields, field_weights, since, targets, taken)


# --- generation ----------------------------------------------------------------------------------


def _cumulative(weights: list[float] | tuple[float, ...] | tuple[int, ...]) -> list[float]:
    return list(accumulate(float(w) for w in weights))


class _Weighted[T]:
    """A weighted choice, cheaper than `Random.choices` for one item at a time."""

    __slots__ = ("_cum", "_items", "_last", "_total")

    def __init__(self, items: Sequence[T], weights: Sequence[float]) -> None:
        self._items = list(items)
        self._cum = _cumulative(tuple(float(w) for w in weights))
        self._total = self._cum[-1]
        self._last = len(self._items) - 1

    def pick(self, rng: random.Random) -> T:
        return self._items[bisect_right(self._cum, rng.random() * self._total, 0, self._last)]


_SYLLABLE_COUNTS = _Weighted((2, 3, 4), (40, 50, 10))
_EXTRA_PARTNERS = _Weighted((0, 1, 2), (60, 30, 10))  # partner cities besides the home city
_PARTICIPANTS = _Weighted((1, 2, 3, 4), (50, 28, 14, 8))  # cities besides the lead
_CONTRIBUTORS = _Weighted((0, 1, 2, 3), (55, 30, 11, 4))  # institutions on a project
_TARGET_COUNTS = _Weighted((1, 2, 3), (55, 32, 13))
_PARTICIPANT_ROLES = _Weighted(("partner", "co-lead", "associate"), (80, 10, 10))
_MENTORSHIP_OUTCOMES = _Weighted(("active", "completed", "ended-early"), (30, 55, 15))
_INTRODUCTION_OUTCOMES = _Weighted(
    ("requested", "accepted", "declined", "met", "became-project"), (30, 20, 12, 20, 18)
)
_PAST_CALL_EVERY = 4  # every fourth candidate is of the closed call; the others of NEXT_CALL
_CROWD_EVERY = 10  # one country over the two-per-country rule per this many NEXT_CALL candidates
_CROWD_SIZE = 3  # candidates that country has in NEXT_CALL
_INTRODUCTIONS_PER_MEMBER = 0.3
_DISMISSALS_PER_MEMBER = 0.1
_CITY_PARTNER_SHARE = 0.6  # introductions and dismissals about a city rather than an institution
_HOST_APPLICANTS = (5, 12)
_HOST_NOTES = (
    "Main venue: {city} Convention Centre.",
    "Hotel rooms include the neighbouring towns.",
    "Venue under renovation, ready a year before the conference.",
    "Shuttle from the airport included in the offer.",
    None,
    None,
)
_INTRODUCTION_NOTES = (
    "Met at the Annual Conference.",
    "Asked through the hub.",
    "Introduced by the secretariat.",
    None,
)
_FEATURED_ACTIVITY = 5.0  # how much more a featured city of a layer leads projects


class _Generator:
    def __init__(self, rng: random.Random, ref: _Reference, out: GraphData) -> None:
        self.rng = rng
        self.ref = ref
        self.out = out
        self.cities: list[_City] = []
        self.institutions: list[tuple[str, int]] = []  # (id, home city index)
        self.used: dict[str, set[str]] = {label: set(ids) for label, ids in ref.taken.items()}
        self.generated_flag = {
            label: spec.prop("generated") is not None for label, spec in NODE_BY_LABEL.items()
        }

    def run(self, count: int) -> None:
        self._cities(count)
        self._institutions(count // 2)
        self._projects(count * 5)
        self._reports()
        self._contributions()
        self._mentorships()
        self._focal_points(max(1, count // 20) if count else 0)
        self._users_records()

    def run_layer(self, reference: GraphData, layer: Layer) -> None:
        """The same steps over the real member cities, adopted as the pool; candidates are
        invented after the projects so that, like new applicants, they have none yet."""
        self._adopt(reference)
        real = len(self.cities)
        featured = [i for i, c in enumerate(self.cities) if c.id in layer.featured]
        for index in featured:
            self.cities[index].activity = max(self.cities[index].activity, _FEATURED_ACTIVITY)
        self._institutions(round(real * layer.institutions_per_city))
        self._projects(round(real * layer.projects_per_city))
        self._projects(len(featured), leads=featured, first_target=HERITAGE_TARGET)
        self._cities(layer.candidates, status="candidate")
        self._reports()
        self._contributions()
        self._mentorships()
        self._focal_points(round(real * layer.focal_points_per_city))
        self._users_records()

    def _users_records(self) -> None:
        """What the hub's users record once the network exists: introductions they asked for,
        proposals they dismissed, applications to host the next conference."""
        members = [c for c in self.cities if c.status == "member"]
        if not members:
            return
        ties = self._ties()
        asked = self._introductions(round(len(members) * _INTRODUCTIONS_PER_MEMBER), ties, members)
        self._dismissals(round(len(members) * _DISMISSALS_PER_MEMBER), ties, members, asked)
        self._host_applications(members)

    # helpers --------------------------------------------------------------------------------

    def _node(self, label: str, props: Props) -> None:
        if self.generated_flag[label]:
            props["generated"] = True
        self.out.nodes.setdefault(label, []).append(props)

    def _links(self, key: str) -> list[Link]:
        return self.out.links.setdefault(key, [])

    def _unique(self, label: str, slug: str) -> str:
        used = self.used.setdefault(label, set())
        candidate, n = slug, 1
        while candidate in used:
            n += 1
            candidate = f"{slug}-{n}"
        used.add(candidate)
        return candidate

    def _word(self, region: str) -> str:
        pool = _SYLLABLES.get(region, _SYLLABLES[_EU])
        size = _SYLLABLE_COUNTS.pick(self.rng)
        return "".join(self.rng.choice(pool) for _ in range(size)).capitalize()

    # cities ---------------------------------------------------------------------------------

    def _adopt(self, reference: GraphData) -> None:
        """The real member cities of `reference` as the city pool: linked to, never written."""
        country_of = {k.start: k.end for k in reference.links.get("City-IN_COUNTRY-Country", [])}
        field_of: dict[str, str] = {}
        for link in reference.links.get("City-DESIGNATED_IN-CreativeField", []):
            field_of.setdefault(link.start, link.end)
        countries = {c.id: c for c in self.ref.countries}
        for row in reference.nodes.get("City", []):
            city_id = str(row["id"])
            country = countries.get(country_of.get(city_id, ""))
            if row.get("status") != "member" or country is None or city_id not in field_of:
                continue  # nothing to link a project or a report of it to
            year = row.get("designation_year")
            self.cities.append(
                _City(
                    city_id,
                    str(row["name"]),
                    country.id,
                    country.region,
                    field_of[city_id],
                    "member",
                    int(year) if year is not None else None,
                    country.language,
                    self.rng.lognormvariate(0.0, 0.9),
                )
            )

    def _cities(self, count: int, status: str | None = None) -> None:
        """`count` invented cities, of `status` or of the network's mix of statuses."""
        rng, ref = self.rng, self.ref
        country_cum = _cumulative([c.weight for c in ref.countries])
        countries = rng.choices(ref.countries, cum_weights=country_cum, k=count)
        fields = rng.choices(ref.fields, cum_weights=_cumulative(ref.field_weights), k=count)
        rounds = _Weighted(list(_ROUND_SIZES), list(_ROUND_SIZES.values()))
        statuses = [status] * count if status else rng.choices(*_STATUS_WEIGHTS, k=count)
        calls = self._call_years(statuses)
        self._crowd(countries, calls)
        used = self.used.setdefault("City", set())
        nodes = self.out.nodes.setdefault("City", [])
        in_country, designated = self._links("City-IN_COUNTRY-Country"), []
        for country, field_id, status, call in zip(countries, fields, statuses, calls, strict=True):
            name = self._word(country.region)
            slug = name.lower()
            for _ in range(4):
                if slug not in used:
                    break
                name = self._word(country.region)
                slug = name.lower()
            if slug in used:
                slug = f"{slug}-{country.id.lower()}"
            city_id = self._unique("City", slug)
            year: int | None = None
            if status != "candidate":
                if rng.random() < _OFF_ROUND_SHARE:
                    year = rng.randint(FIRST_YEAR, CURRENT_YEAR)
                else:
                    year = rounds.pick(rng)
                year = max(year, ref.field_since.get(field_id, FIRST_YEAR))
            lat, lon = rng.choice(country.anchors)
            lat = max(-85.0, min(85.0, lat + rng.gauss(0.0, COORD_SPREAD_DEG)))
            lon_spread = COORD_SPREAD_DEG / max(0.2, math.cos(math.radians(lat)))
            lon = (lon + rng.gauss(0.0, lon_spread) + 180.0) % 360.0 - 180.0
            population = int(rng.lognormvariate(math.log(250_000), 1.25))
            languages = [country.language]
            if country.language != "en" and rng.random() < 0.3:
                languages.append("en")
            props: Props = {
                "id": city_id,
                "name": name,
                "search_name": _fold(name),
                "status": status,
                "designation_year": year,
                "latitude": round(lat, 5),
                "longitude": round(lon, 5),
                "population": max(2_000, min(25_000_000, population)),
                "languages": languages,
                "call_year": call,
            }
            if self.generated_flag["City"]:
                props["generated"] = True
            nodes.append(props)
            in_country.append(Link(city_id, country.id, {}))
            designated.append(Link(city_id, field_id, {"year": year} if year else {}))
            activity = rng.lognormvariate(0.0, 0.9) if status != "candidate" else 0.0
            self.cities.append(
                _City(
                    city_id,
                    name,
                    country.id,
                    country.region,
                    field_id,
                    status,
                    year,
                    country.language,
                    activity,
                )
            )
        self._links("City-DESIGNATED_IN-CreativeField").extend(designated)

    @staticmethod
    def _call_years(statuses: Sequence[str]) -> list[int | None]:
        """The call each candidate applies in: mostly the next one, some the closed one. A
        quota rather than a draw, so that even a small network has both (statuses are drawn,
        so which candidates fall in the closed call is random all the same)."""
        calls: list[int | None] = []
        candidates = 0
        for status in statuses:
            if status != "candidate":
                calls.append(None)
                continue
            candidates += 1
            calls.append(PAST_CALL if candidates % _PAST_CALL_EVERY == 0 else NEXT_CALL)
        return calls

    def _crowd(self, countries: list[_Country], calls: Sequence[int | None]) -> None:
        """Give a few countries `_CROWD_SIZE` candidates in NEXT_CALL, over the two-per-country
        rule, so that checking the applications has something to report."""
        nexts = [i for i, call in enumerate(calls) if call == NEXT_CALL]
        crowds = max(len(nexts) // _CROWD_EVERY, 1) if len(nexts) >= _CROWD_SIZE else 0
        picked = self.rng.sample(nexts, crowds * _CROWD_SIZE)
        for start in range(0, len(picked), _CROWD_SIZE):
            group = picked[start : start + _CROWD_SIZE]
            for i in group[1:]:
                countries[i] = countries[group[0]]

    # partner institutions -------------------------------------------------------------------

    def _institutions(self, count: int) -> None:
        rng, cities = self.rng, self.cities
        if not cities or not count:
            return
        kind_names = [k for k in INSTITUTION_KINDS if k in _KIND_WEIGHTS]
        kinds = _Weighted(kind_names, [_KIND_WEIGHTS[k] for k in kind_names])
        by_country: dict[str, list[int]] = {}
        by_region: dict[str, list[int]] = {}
        for i, city in enumerate(cities):
            by_country.setdefault(city.country, []).append(i)
            by_region.setdefault(city.region, []).append(i)
        partners = self._links("PartnerInstitution-PARTNERS_WITH-City")
        based = self._links("PartnerInstitution-BASED_IN-Country")
        for _ in range(count):
            home_index = rng.randrange(len(cities))
            home = cities[home_index]
            kind = kinds.pick(rng)
            template = rng.choice(_INSTITUTION_TEMPLATES.get(kind, ("{city} {subject} Centre",)))
            subject = rng.choice(_FIELD_SUBJECTS.get(home.field_id, _GENERIC_SUBJECTS))
            name = template.format(city=home.name, subject=subject, word=self._word(home.region))
            inst_id = self._unique("PartnerInstitution", _slug(name))
            self._node(
                "PartnerInstitution",
                {
                    "id": inst_id,
                    "name": name,
                    "search_name": _fold(name),
                    "kind": kind,
                    "website": f"https://{inst_id}.example.org",
                },
            )
            index = len(self.institutions)
            self.institutions.append((inst_id, home_index))
            based.append(Link(inst_id, home.country, {}))
            chosen = [home_index]
            for _extra in range(_EXTRA_PARTNERS.pick(rng)):
                pool = by_country[home.country] if rng.random() < 0.5 else by_region[home.region]
                other = rng.choice(pool)
                if other not in chosen:
                    chosen.append(other)
            for city_index in chosen:
                city = cities[city_index]
                start = city.year if city.year is not None else CURRENT_YEAR - 3
                since = rng.randint(max(start, FIRST_YEAR), CURRENT_YEAR)
                partners.append(Link(inst_id, city.id, {"since_year": since}))
                city.institutions.append(index)

    # pilot projects -------------------------------------------------------------------------

    def _projects(
        self, count: int, leads: Sequence[int] | None = None, first_target: str | None = None
    ) -> None:
        """`count` projects, led by cities drawn by activity (or by `leads`, one each), with
        `first_target` among the targets of each when given."""
        rng, cities, ref = self.rng, self.cities, self.ref
        leaders = [i for i, c in enumerate(cities) if c.status != "candidate"]
        if not leaders or not count:
            return
        if leads is None:
            lead_cum = _cumulative([cities[i].activity for i in leaders])
            leads = rng.choices(leaders, cum_weights=lead_cum, k=count)
        active = [i for i, c in enumerate(cities) if c.status != "former"]
        by_region: dict[str, list[int]] = {}
        by_field: dict[str, list[int]] = {}
        for i in active:
            by_region.setdefault(cities[i].region, []).append(i)
            by_field.setdefault(cities[i].field_id, []).append(i)
        by_country_inst: dict[str, list[int]] = {}
        for index, (_inst_id, home) in enumerate(self.institutions):
            by_country_inst.setdefault(cities[home].country, []).append(index)
        targets = _target_weights(ref.targets)
        heritage = HERITAGE_TARGET in ref.targets

        led_by = self._links("PilotProject-LED_BY-City")
        participates = self._links("City-PARTICIPATES_IN-PilotProject")
        contributes = self._links("PartnerInstitution-CONTRIBUTES_TO-PilotProject")
        in_field = self._links("PilotProject-IN_FIELD-CreativeField")
        addresses = self._links("PilotProject-ADDRESSES-SDGTarget")
        nodes = self.out.nodes.setdefault("PilotProject", [])
        flag = self.generated_flag["PilotProject"]

        for lead_index in leads:
            lead = cities[lead_index]
            field_id = lead.field_id if rng.random() < 0.85 else rng.choice(ref.fields)
            theme = rng.choice(_FIELD_THEMES.get(field_id, _GENERIC_THEMES))
            form = rng.choice(_PROJECT_FORMATS)
            first = max(lead.year or CURRENT_YEAR, 2006)
            start = rng.randint(first, CURRENT_YEAR + 1)
            title = f"{lead.name} {theme} {form}"
            slug = _slug(title)
            if slug in self.used.setdefault("PilotProject", set()):
                title = f"{title} {start}"
                slug = _slug(title)
            project_id = self._unique("PilotProject", slug)
            end, status = _project_timeline(rng, start)
            summary = f"{_article(form)} {form.lower()} on {theme.lower()} led by {lead.name}."
            props: Props = {
                "id": project_id,
                "title": title,
                "search_name": _fold(title),
                "summary": summary,
                "start_year": start,
                "end_year": end,
                "status": status,
            }
            if flag:
                props["generated"] = True
            nodes.append(props)
            led_by.append(Link(project_id, lead.id, {}))

            members = [lead_index]
            wanted = _PARTICIPANTS.pick(rng)
            for _attempt in range(wanted * 3):
                if len(members) > wanted:
                    break
                roll = rng.random()
                if roll < _SAME_REGION_SHARE:
                    pool = by_region.get(lead.region) or active
                elif roll < _SAME_REGION_SHARE + _SAME_FIELD_SHARE:
                    pool = by_field.get(field_id) or active
                else:
                    pool = active
                if not pool:
                    break
                other = rng.choice(pool)
                if other in members:
                    continue
                members.append(other)
                role = _PARTICIPANT_ROLES.pick(rng)
                participates.append(Link(cities[other].id, project_id, {"role": role}))

            helpers: list[int] = []
            for _n in range(_CONTRIBUTORS.pick(rng)):
                if lead.institutions and rng.random() < 0.6:
                    pick = rng.choice(lead.institutions)
                elif by_country_inst.get(lead.country) and rng.random() < 0.5:
                    pick = rng.choice(by_country_inst[lead.country])
                elif self.institutions:
                    pick = rng.randrange(len(self.institutions))
                else:
                    break
                if pick in helpers:
                    continue
                helpers.append(pick)
                role = rng.choice(_CONTRIBUTOR_ROLES)
                contributes.append(Link(self.institutions[pick][0], project_id, {"role": role}))

            in_field.append(Link(project_id, field_id, {}))
            if rng.random() < 0.2:
                second = rng.choice(ref.fields)
                if second != field_id:
                    in_field.append(Link(project_id, second, {}))

            chosen_targets: list[str] = []
            n_targets = _TARGET_COUNTS.pick(rng)
            if first_target in ref.targets:
                chosen_targets.append(first_target)
            elif heritage and rng.random() < _HERITAGE_SHARE:
                chosen_targets.append(HERITAGE_TARGET)
            for _attempt in range(n_targets * 3):
                if len(chosen_targets) >= n_targets:
                    break
                target = targets.pick(rng)
                if target not in chosen_targets:
                    chosen_targets.append(target)
            for target in chosen_targets:
                addresses.append(Link(project_id, target, {}))

    # monitoring reports and contributions -----------------------------------------------------

    def _reports(self) -> None:
        rng = self.rng
        report_of = self._links("MonitoringReport-REPORT_OF-City")
        for city in self.cities:
            if city.year is None:
                continue
            cycles = list(range(city.year + REPORT_EVERY, CURRENT_YEAR + 2, REPORT_EVERY))
            for n, cycle in enumerate(cycles):
                due = date(cycle, 11, 30)
                last = n == len(cycles) - 1
                if cycle > CURRENT_YEAR:
                    submitted_p = 0.05  # due next year: a few are in early
                elif cycle == CURRENT_YEAR:
                    submitted_p = 0.6
                elif city.status == "former" and last:
                    submitted_p = 0.0  # the report that was never sent
                else:
                    submitted_p = 0.85
                submitted: str | None = None
                url: str | None = None
                report_id = f"{city.id}:{cycle}"
                if rng.random() < submitted_p:
                    offset = rng.randint(-90, 20) if rng.random() < 0.8 else rng.randint(21, 200)
                    submitted = (due + timedelta(days=offset)).isoformat()
                    url = f"https://reports.example.org/{city.id}/{cycle}.pdf"
                self._node(
                    "MonitoringReport",
                    {
                        "id": report_id,
                        "cycle": cycle,
                        "due_date": due.isoformat(),
                        "submitted_date": submitted,
                        "url": url,
                    },
                )
                report_of.append(Link(report_id, city.id, {}))

    def _contributions(self) -> None:
        rng = self.rng
        contribution_of = self._links("Contribution-CONTRIBUTION_OF-City")
        for city in self.cities:
            if city.year is None or city.status != "member":
                continue
            for year in range(city.year, CURRENT_YEAR + 1):
                if rng.random() >= 0.25:
                    continue
                extra = rng.lognormvariate(math.log(3_000), 1.0)
                amount = float(2_000 + round(extra / 100) * 100)
                contribution_id = f"{city.id}:{year}"
                self._node(
                    "Contribution",
                    {"id": contribution_id, "year": year, "amount": amount, "currency": "USD"},
                )
                contribution_of.append(Link(contribution_id, city.id, {}))

    # mentorships and focal points -----------------------------------------------------------

    def _mentorships(self) -> None:
        rng, cities = self.rng, self.cities
        members_by_field: dict[str, list[int]] = {}
        members: list[int] = []
        for i, city in enumerate(cities):
            if city.status == "member":
                members.append(i)
                members_by_field.setdefault(city.field_id, []).append(i)
        if not members:
            return
        mentor_links = self._links("Mentorship-MENTOR-City")
        candidate_links = self._links("Mentorship-CANDIDATE-City")
        for candidate in cities:
            if candidate.status != "candidate" or rng.random() >= 0.4:
                continue
            mentor = cities[rng.choice(members_by_field.get(candidate.field_id) or members)]
            start = rng.randint(CURRENT_YEAR - 4, CURRENT_YEAR)
            if start == CURRENT_YEAR:
                status = rng.choice(("proposed", "active"))
            else:
                status = _MENTORSHIP_OUTCOMES.pick(rng)
            ended = status in ("completed", "ended-early")
            end = min(start + rng.randint(1, 2), CURRENT_YEAR) if ended else None
            mentorship_id = self._unique("Mentorship", f"{mentor.id}:{candidate.id}:{start}")
            self._node(
                "Mentorship",
                {"id": mentorship_id, "start_year": start, "end_year": end, "status": status},
            )
            mentor_links.append(Link(mentorship_id, mentor.id, {}))
            candidate_links.append(Link(mentorship_id, candidate.id, {}))

    def _focal_points(self, count: int) -> None:
        rng = self.rng
        members = [c for c in self.cities if c.status == "member"]
        if not members:
            return
        represents = self._links("FocalPoint-REPRESENTS-City")
        for city in rng.sample(members, min(count, len(members))):
            first = rng.choice(_FIRST_NAMES)
            last = self._word(city.region)
            person_id = self._unique("FocalPoint", f"{city.id}-{_slug(first)}")
            self._node(
                "FocalPoint",
                {
                    "id": person_id,
                    "name": f"{first} {last}",
                    "email": f"{_slug(first)}.{_slug(last)}@{city.id}.example.org",
                    "language": city.language,
                },
            )
            represents.append(Link(person_id, city.id, {}))

    # what the hub's users record ------------------------------------------------------------

    def _ties(self) -> _Ties:
        links, ties = self.out.links, _Ties()
        for city in self.cities:
            ties.fields[("city", city.id)] = city.field_id
        for inst_id, home in self.institutions:
            ties.fields[("institution", inst_id)] = self.cities[home].field_id
        parties: dict[str, list[_Party]] = {}  # project id -> who works on it
        for k in links.get("PilotProject-LED_BY-City", []):
            parties.setdefault(k.start, []).append(("city", k.end))
        for k in links.get("City-PARTICIPATES_IN-PilotProject", []):
            parties.setdefault(k.end, []).append(("city", k.start))
        for k in links.get("PartnerInstitution-CONTRIBUTES_TO-PilotProject", []):
            parties.setdefault(k.end, []).append(("institution", k.start))
        project_targets: dict[str, list[str]] = {}
        for k in links.get("PilotProject-ADDRESSES-SDGTarget", []):
            project_targets.setdefault(k.start, []).append(k.end)
        for project, who in parties.items():
            for party in who:
                known = ties.targets.setdefault(party, [])
                known.extend(t for t in project_targets.get(project, []) if t not in known)
                if party[0] == "city":
                    ties.partners.setdefault(party[1], set()).update(w for w in who if w != party)
        for k in links.get("PartnerInstitution-PARTNERS_WITH-City", []):
            ties.partners.setdefault(k.end, set()).add(("institution", k.start))
        return ties

    def _stranger(
        self, city: _City, ties: _Ties, members: Sequence[_City], avoid: set[_Asked]
    ) -> _Party | None:
        """A member city or an institution that `city` does not work with yet and has not
        asked about: what the hub proposes, so what users ask for or dismiss."""
        rng = self.rng
        kind = (
            "city" if rng.random() < _CITY_PARTNER_SHARE or not self.institutions else "institution"
        )
        known = ties.partners.get(city.id, set())
        for _attempt in range(10):
            if kind == "city":
                party = ("city", rng.choice(members).id)
            else:
                party = ("institution", rng.choice(self.institutions)[0])
            if party[1] != city.id and party not in known and (city.id, *party) not in avoid:
                return party
        return None

    def _need(self, party: _Party, ties: _Ties) -> str:
        """The need a party answers, as a canonical key: a target it works on, or its field."""
        targets = ties.targets.get(party)
        if targets and self.rng.random() < 0.7:
            return f"targets={self.rng.choice(targets)}"
        return f"fields={ties.fields[party]}"

    def _introductions(self, count: int, ties: _Ties, members: Sequence[_City]) -> set[_Asked]:
        rng, asked = self.rng, set[_Asked]()
        requested_by = self._links("Introduction-REQUESTED_BY-City")
        to_city = self._links("Introduction-TO_CITY-City")
        to_institution = self._links("Introduction-TO_INSTITUTION-PartnerInstitution")
        for _ in range(count):
            asker = rng.choice(members)
            party = self._stranger(asker, ties, members, asked)
            if party is None:
                continue
            kind, partner_id = party
            requested = _day(rng, CURRENT_YEAR)
            status = _INTRODUCTION_OUTCOMES.pick(rng)
            updated = (
                None if status == "requested" else requested + timedelta(days=rng.randint(7, 120))
            )
            intro_id = self._unique(
                "Introduction", f"{asker.id}:{partner_id}:{requested.isoformat()}"
            )
            self._node(
                "Introduction",
                {
                    "id": intro_id,
                    "status": status,
                    "partner_kind": kind,
                    "need": self._need(party, ties),
                    "note": rng.choice(_INTRODUCTION_NOTES),
                    "requested_date": requested.isoformat(),
                    "updated_date": updated.isoformat() if updated else None,
                },
            )
            requested_by.append(Link(intro_id, asker.id, {}))
            (to_city if kind == "city" else to_institution).append(Link(intro_id, partner_id, {}))
            asked.add((asker.id, kind, partner_id))
        return asked

    def _dismissals(
        self, count: int, ties: _Ties, members: Sequence[_City], asked: set[_Asked]
    ) -> None:
        rng = self.rng
        used = self.used.setdefault("Dismissal", set())
        dismissed_by = self._links("Dismissal-DISMISSED_BY-City")
        for _ in range(count):
            city = rng.choice(members)
            party = self._stranger(city, ties, members, asked)
            if party is None:
                continue
            kind, partner_id = party
            need = self._need(party, ties)
            dismissal_id = f"{city.id}:{partner_id}:{need}"
            if dismissal_id in used:
                continue  # the same dismissal again: one node
            used.add(dismissal_id)
            self._node(
                "Dismissal",
                {
                    "id": dismissal_id,
                    "partner_kind": kind,
                    "partner_id": partner_id,
                    "need": need,
                    "dismissed_date": _day(rng, CURRENT_YEAR).isoformat(),
                },
            )
            dismissed_by.append(Link(dismissal_id, city.id, {}))

    def _host_applications(self, members: Sequence[_City]) -> None:
        """Member cities applying to host HOST_YEAR's conference; the declared capacity varies
        around what a conference needs, and every third applicant leaves one figure out."""
        rng = self.rng
        low, high = _HOST_APPLICANTS
        applicants = rng.sample(members, min(len(members), rng.randint(low, high)))
        applied_by = self._links("HostApplication-APPLIED_BY-City")
        for n, city in enumerate(applicants):
            declared: dict[str, float | None] = {
                "venue_seats": round(rng.uniform(300, 2500), -1),
                "hotel_rooms": round(rng.lognormvariate(math.log(1400), 0.6), -1),
                "airport_km": round(rng.uniform(3.0, 90.0), 1),
            }
            if n % 3 == 1:
                declared[rng.choice(sorted(declared))] = None
            note = rng.choice(_HOST_NOTES)
            application_id = f"{HOST_YEAR}:{city.id}"
            self._node(
                "HostApplication",
                {
                    "id": application_id,
                    "year": HOST_YEAR,
                    "venue_seats": _whole(declared["venue_seats"]),
                    "hotel_rooms": _whole(declared["hotel_rooms"]),
                    "airport_km": declared["airport_km"],
                    "submitted_date": _day(rng, CURRENT_YEAR).isoformat(),
                    "notes": note.format(city=city.name) if note else None,
                },
            )
            applied_by.append(Link(application_id, city.id, {}))


def _whole(value: float | None) -> int | None:
    return None if value is None else int(value)


def _day(rng: random.Random, year: int) -> date:
    return date(year, 1, 1) + timedelta(days=rng.randrange(365))


def _project_timeline(rng: random.Random, start: int) -> tuple[int | None, str]:
    if start > CURRENT_YEAR:
        return (start + rng.randint(1, 3) if rng.random() < 0.5 else None), "planned"
    if rng.random() < 0.05:
        return None, "cancelled"
    end = start + rng.randint(0, 4)
    return end, ("completed" if end < CURRENT_YEAR else "active")


def _target_weights(targets: list[str]) -> _Weighted[str]:
    """Targets other than 11.4 (which is drawn apart), culture-related ones much likelier."""
    culture = set(_CULTURE_TARGETS)
    others = [t for t in targets if t != HERITAGE_TARGET]
    if not others:  # only 11.4 in the reference
        return _Weighted([HERITAGE_TARGET], [1.0])
    weights = [_CULTURE_WEIGHT if t in culture else _OTHER_TARGET_WEIGHT for t in others]
    return _Weighted(others, weights)


def _fold(text: str) -> str:
    """`fold_name`, with a shortcut for the plain ASCII that invented names are made of."""
    return text.lower() if text.isascii() else fold_name(text)


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", _fold(text)).strip("-")


def _article(word: str) -> str:
    return "An" if word[:1].lower() in "aeiou" else "A"
