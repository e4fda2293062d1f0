"""The property graph of the network: labels, relationship types and their properties.

`graph/MODEL.md` documents the same model for people; `tests/graph/test_model_doc.py` keeps the
two in step. Every node carries a stable string `id` (slug, ISO code, SDG code, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class PropType(StrEnum):
    STRING = "string"
    INT = "int"
    FLOAT = "float"
    BOOL = "bool"
    DATE = "date"  # stored as an ISO 8601 string, YYYY-MM-DD: sorts and compares as text
    STRING_LIST = "string[]"


@dataclass(frozen=True, slots=True)
class Prop:
    name: str
    type: PropType = PropType.STRING
    required: bool = False
    choices: tuple[str, ...] = ()
    private: bool = False  # visible to the secretariat and the city itself only


@dataclass(frozen=True, slots=True)
class NodeSpec:
    label: str
    key_doc: str
    props: tuple[Prop, ...]
    fulltext: tuple[str, ...] = ()
    indexed: tuple[str, ...] = ()

    def prop(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)


@dataclass(frozen=True, slots=True)
class RelSpec:
    type: str
    start: str
    end: str
    doc: str
    props: tuple[Prop, ...] = field(default=())

    @property
    def key(self) -> str:
        return f"{self.start}-{self.type}-{self.end}"


S, I, F, B, D, SL = (
    PropType.STRING,
    PropType.INT,
    PropType.FLOAT,
    PropType.BOOL,
    PropType.DATE,
    PropType.STRING_LIST,
)

CITY_STATUSES = ("member", "candidate", "former")
INSTITUTION_KINDS = (
    "university",
    "training-institute",
    "professional-body",
    "ngo",
    "cultural-centre",
    "company",
    "city-network",
)
PROJECT_STATUSES = ("planned", "active", "completed", "cancelled")
MENTORSHIP_STATUSES = ("proposed", "active", "completed", "ended-early")
CONFERENCE_STATUSES = ("held", "planned", "postponed", "announced")

ID = Prop("id", S, required=True)
GENERATED = Prop("generated", B)  # true on nodes made by `uccn synth` or the demo layer

NODES: tuple[NodeSpec, ...] = (
    NodeSpec(
        "Region",
        "slug of the UNESCO region name (`africa`)",
        (ID, Prop("name", S, True), Prop("code", S, True)),
    ),
    NodeSpec(
        "Country",
        "ISO 3166-1 alpha-2 (`TH`)",
        (
            ID,
            Prop("iso3", S),
            Prop("m49", S),
            Prop("name", S, True),
            Prop("name_fr", S),
            Prop("status", S),
            Prop("global_south", B),
            Prop("ldc", B),
            Prop("lldc", B),
            Prop("sids", B),
            Prop("region_source", S),
        ),
        indexed=("name",),
    ),
    NodeSpec(
        "CreativeField",
        "slug of the field name (`crafts-and-folk-art`)",
        (ID, Prop("name", S, True), Prop("code", S, True), Prop("since_year", I)),
    ),
    NodeSpec(
        "City",
        "slug of the name, with `-<iso2>` when two cities share a name (`granada-es`)",
        (
            ID,
            Prop("name", S, True),
            Prop("search_name", S),
            Prop("status", S, True, CITY_STATUSES),
            Prop("designation_year", I),
            Prop("latitude", F),
            Prop("longitude", F),
            Prop("population", I),
            Prop("geonames_id", S),
            Prop("unesco_url", S),
            Prop("languages", SL),
            GENERATED,
        ),
        fulltext=("search_name",),
        indexed=("status", "designation_year", "search_name"),
    ),
    NodeSpec(
        "PartnerInstitution",
        "slug of the name (`chiang-mai-university`)",
        (
            ID,
            Prop("name", S, True),
            Prop("search_name", S),
            Prop("kind", S, True, INSTITUTION_KINDS),
            Prop("website", S),
            GENERATED,
        ),
        fulltext=("search_name",),
        indexed=("kind",),
    ),
    NodeSpec(
        "PilotProject",
        "slug of the title (`lanna-crafts-heritage-lab`)",
        (
            ID,
            Prop("title", S, True),
            Prop("search_name", S),
            Prop("summary", S),
            Prop("start_year", I, True),
            Prop("end_year", I),
            Prop("status", S, True, PROJECT_STATUSES),
            GENERATED,
        ),
        fulltext=("search_name",),
        indexed=("status", "start_year"),
    ),
    NodeSpec(
        "SDGGoal",
        "goal number as text (`11`)",
        (
            ID,
            Prop("number", I, True),
            Prop("short_title_en", S, True),
            Prop("title_en", S, True),
            Prop("short_title_fr", S),
            Prop("title_fr", S),
        ),
    ),
    NodeSpec(
        "SDGTarget",
        "UN target code (`11.4`, `17.a`)",
        (ID, Prop("goal", I, True), Prop("title_en", S, True), Prop("title_fr", S)),
    ),
    NodeSpec(
        "MonitoringReport",
        "`<city id>:<cycle>` (`chiang-mai:2023`)",
        (
            ID,
            Prop("cycle", I, True),
            Prop("due_date", D, True),
            Prop("submitted_date", D),
            Prop("url", S),
            GENERATED,
        ),
        indexed=("due_date",),
    ),
    NodeSpec(
        "Contribution",
        "`<city id>:<year>` (`fabriano:2019`)",
        (
            ID,
            Prop("year", I, True),
            Prop("amount", F, True, private=True),
            Prop("currency", S, True),
            GENERATED,
        ),
        indexed=("year",),
    ),
    NodeSpec(
        "Conference",
        "`<year>-<host slug>` (`2014-chengdu`)",
        (
            ID,
            Prop("edition", S),
            Prop("year", I, True),
            Prop("host_city_name", S, True),
            Prop("dates", S),
            Prop("theme", S),
            Prop("status", S, True, CONFERENCE_STATUSES),
            Prop("notes", S),
        ),
        indexed=("year",),
    ),
    NodeSpec(
        "Mentorship",
        "`<mentor id>:<candidate id>:<start year>`",
        (
            ID,
            Prop("start_year", I, True),
            Prop("end_year", I),
            Prop("status", S, True, MENTORSHIP_STATUSES),
            GENERATED,
        ),
    ),
    NodeSpec(
        "FocalPoint",
        "slug of the person's name and city (`chiang-mai-somchai`)",
        (
            ID,
            Prop("name", S, True),
            Prop("email", S, private=True),
            Prop("slack_user_id", S, private=True),
            Prop("language", S),
        ),
        indexed=("slack_user_id", "email"),
    ),
)

RELATIONSHIPS: tuple[RelSpec, ...] = (
    RelSpec("IN_REGION", "Country", "Region", "the country's UNESCO region"),
    RelSpec("PART_OF", "Country", "Country", "a territory that is part of a sovereign state"),
    RelSpec("IN_COUNTRY", "City", "Country", "the city's country"),
    RelSpec(
        "DESIGNATED_IN", "City", "CreativeField", "the city's creative field", (Prop("year", I),)
    ),
    RelSpec("OF_GOAL", "SDGTarget", "SDGGoal", "the goal a target belongs to"),
    RelSpec("LED_BY", "PilotProject", "City", "the project's lead city"),
    RelSpec(
        "PARTICIPATES_IN",
        "City",
        "PilotProject",
        "a city that takes part in a project",
        (Prop("role", S),),
    ),
    RelSpec(
        "CONTRIBUTES_TO",
        "PartnerInstitution",
        "PilotProject",
        "an institution that takes part in a project",
        (Prop("role", S),),
    ),
    RelSpec("ADDRESSES", "PilotProject", "SDGTarget", "an SDG target the project works on"),
    RelSpec("IN_FIELD", "PilotProject", "CreativeField", "a creative field of the project"),
    RelSpec(
        "PARTNERS_WITH",
        "PartnerInstitution",
        "City",
        "a standing partnership of an institution with a city",
        (Prop("since_year", I),),
    ),
    RelSpec("BASED_IN", "PartnerInstitution", "Country", "where the institution is based"),
    RelSpec("REPORT_OF", "MonitoringReport", "City", "the city a monitoring report is about"),
    RelSpec("CONTRIBUTION_OF", "Contribution", "City", "the city that made the contribution"),
    RelSpec("HOSTED_BY", "Conference", "City", "a member city that hosted the conference"),
    RelSpec("HELD_IN", "Conference", "Country", "the host country"),
    RelSpec("MENTOR", "Mentorship", "City", "the mentoring member city"),
    RelSpec("CANDIDATE", "Mentorship", "City", "the candidate city being mentored"),
    RelSpec("REPRESENTS", "FocalPoint", "City", "the city a focal point speaks for"),
)

NODE_BY_LABEL: dict[str, NodeSpec] = {n.label: n for n in NODES}
REL_BY_KEY: dict[str, RelSpec] = {r.key: r for r in RELATIONSHIPS}
LABELS: tuple[str, ...] = tuple(n.label for n in NODES)
REL_TYPES: tuple[str, ...] = tuple(dict.fromkeys(r.type for r in RELATIONSHIPS))
