"""The real reference facts the generator draws from: regions, creative fields, designation
rounds, countries (with an anchor city and a language) and the SDG subset.

Copied from `services/reference/data/` rather than read from it, for two reasons: `generate`
must work without a reference graph (`minimal_reference()` is built from these rows, with the
real ids and values), and the weights of a country or a field fall back on these counts when the
reference holds no cities. Data only: what the rows mean is said above each table.
"""

from __future__ import annotations

REGION_IDS = (
    "africa",
    "arab-states",
    "asia-and-the-pacific",
    "europe-and-north-america",
    "latin-america-and-the-caribbean",
)
REGION_ROWS: tuple[tuple[str, str, str], ...] = (
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
FIELD_ROWS: tuple[tuple[str, str, str, int, int], ...] = (
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
ROUND_SIZES: dict[int, int] = {
    2004: 1, 2005: 5, 2006: 3, 2008: 7, 2009: 3, 2010: 8, 2011: 2, 2012: 6, 2013: 6,
    2014: 28, 2015: 47, 2017: 64, 2019: 66, 2021: 49, 2023: 55, 2025: 58,
}  # fmt: skip

# iso2, name (as in countries.csv), region, Global South, anchor latitude and longitude, main
# language, real member cities. The anchor is the most populous real creative city of the
# country, or its capital where it has none. Used for coordinates and, without a reference, as
# the minimal set of countries.
_A, _AS, _AP, _EU, _LA = REGION_IDS
COUNTRY_ROWS: tuple[tuple[str, str, str, bool, float, float, str, int], ...] = (
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
GOAL_ROWS: tuple[tuple[str, str, str], ...] = (
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
TARGET_ROWS: tuple[tuple[str, str], ...] = (
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
