"""The property graph of the network: labels, relationship types and their properties.

`graph/MODEL.md` documents the same model for people; `tests/graph/test_model_doc.py` keeps the
two in step. Every node carries a stable string `id` (slug, ISO code, SDG code, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
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
    exported: bool = True  # False: never leaves the store through export or snapshots

    def prop(self, name: str) -> Prop | None:
        return next((p for p in self.props if p.name == name), None)

    def read(self, columns: Iterable[str] | None) -> tuple[str, ...]:
        """The properties a read of `columns` takes, in model order: those, the id and the
        required ones (a node is never built without what the model says it has); None: all."""
        names = tuple(p.name for p in self.props)
        if columns is None:
            return names
        if unknown := set(columns) - set(names):
            raise ValueError(f"{self.label} has no properties {sorted(unknown)}")
        wanted = {"id", *columns, *(p.name for p in self.props if p.required)}
        return tuple(name for name in names if name in wanted)


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


STR, INT, FLOAT, BOOL, DATE, STRS = (
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
INTRODUCTION_STATUSES = (
    "requested",
    "accepted",
    "declined",
    "met",
    "became-project",
    "no-answer",
)
PARTNER_KINDS = ("city", "institution")
SLACK_LINKED_BY = ("email", "secretariat")  # how a Slack user was linked to a focal point

ID = Prop("id", STR, required=True)
GENERATED = Prop("generated", BOOL)  # true on nodes made by `uccn synth` or the demo layer

NODES: tuple[NodeSpec, ...] = (
    NodeSpec(
        "Region",
        "slug of the UNESCO region name (`africa`)",
        (ID, Prop("name", STR, True), Prop("code", STR, True)),
    ),
    NodeSpec(
        "Country",
        "ISO 3166-1 alpha-2 (`TH`)",
        (
            ID,
            Prop("iso3", STR),
            Prop("m49", STR),
            Prop("name", STR, True),
            Prop("name_fr", STR),
            Prop("status", STR),
            Prop("global_south", BOOL),
            Prop("ldc", BOOL),
            Prop("lldc", BOOL),
            Prop("sids", BOOL),
            Prop("region_source", STR),
        ),
        indexed=("name",),
    ),
    NodeSpec(
        "CreativeField",
        "slug of the field name (`crafts-and-folk-art`)",
        (ID, Prop("name", STR, True), Prop("code", STR, True), Prop("since_year", INT)),
    ),
    NodeSpec(
        "City",
        "slug of the name, with `-<iso2>` when two cities share a name (`granada-es`)",
        (
            ID,
            Prop("name", STR, True),
            Prop("search_name", STR),
            Prop("status", STR, True, CITY_STATUSES),
            Prop("designation_year", INT),
            Prop("latitude", FLOAT),
            Prop("longitude", FLOAT),
            Prop("population", INT),
            Prop("geonames_id", STR),
            Prop("unesco_url", STR),
            Prop("languages", STRS),
            Prop("call_year", INT),
            Prop("former_ids", STRS),
            GENERATED,
        ),
        fulltext=("search_name",),
        indexed=("status", "designation_year", "search_name", "call_year"),
    ),
    NodeSpec(
        "PartnerInstitution",
        "slug of the name (`chiang-mai-university`)",
        (
            ID,
            Prop("name", STR, True),
            Prop("search_name", STR),
            Prop("kind", STR, True, INSTITUTION_KINDS),
            Prop("website", STR),
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
            Prop("title", STR, True),
            Prop("search_name", STR),
            Prop("summary", STR),
            Prop("start_year", INT, True),
            Prop("end_year", INT),
            Prop("status", STR, True, PROJECT_STATUSES),
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
            Prop("number", INT, True),
            Prop("short_title_en", STR, True),
            Prop("title_en", STR, True),
            Prop("short_title_fr", STR),
            Prop("title_fr", STR),
        ),
    ),
    NodeSpec(
        "SDGTarget",
        "UN target code (`11.4`, `17.a`)",
        (ID, Prop("goal", INT, True), Prop("title_en", STR, True), Prop("title_fr", STR)),
    ),
    NodeSpec(
        "MonitoringReport",
        "`<city id>:<cycle>` (`chiang-mai:2023`)",
        (
            ID,
            Prop("cycle", INT, True),
            Prop("due_date", DATE, True),
            Prop("submitted_date", DATE),
            Prop("url", STR),
            GENERATED,
        ),
        indexed=("due_date",),
    ),
    NodeSpec(
        "Contribution",
        "`<city id>:<year>` (`fabriano:2019`)",
        (
            ID,
            Prop("year", INT, True),
            Prop("amount", FLOAT, True, private=True),
            Prop("currency", STR, True),
            GENERATED,
        ),
        indexed=("year",),
    ),
    NodeSpec(
        "Conference",
        "`<year>-<host slug>` (`2014-chengdu`)",
        (
            ID,
            Prop("edition", STR),
            Prop("year", INT, True),
            Prop("host_city_name", STR, True),
            Prop("dates", STR),
            Prop("theme", STR),
            Prop("status", STR, True, CONFERENCE_STATUSES),
            Prop("notes", STR),
        ),
        indexed=("year",),
    ),
    NodeSpec(
        "Mentorship",
        "`<mentor id>:<candidate id>:<start year>`",
        (
            ID,
            Prop("start_year", INT, True),
            Prop("end_year", INT),
            Prop("status", STR, True, MENTORSHIP_STATUSES),
            GENERATED,
        ),
    ),
    NodeSpec(
        "Introduction",
        "`<from city id>:<partner id>:<requested date>`",
        (
            ID,
            Prop("status", STR, True, INTRODUCTION_STATUSES),
            Prop("partner_kind", STR, True, PARTNER_KINDS),
            Prop("need", STR),
            Prop("note", STR, private=True),
            Prop("requested_date", DATE, True),
            Prop("updated_date", DATE),
            GENERATED,
        ),
        indexed=("status",),
    ),
    NodeSpec(
        "Dismissal",
        "`<city id>:<partner id>:<need key>`",
        (
            ID,
            Prop("partner_kind", STR, True, PARTNER_KINDS),
            Prop("partner_id", STR, True),
            Prop("need", STR, True),
            Prop("dismissed_date", DATE, True),
            GENERATED,
        ),
    ),
    NodeSpec(
        "HostApplication",
        "`<year>:<city id>`",
        (
            ID,
            Prop("year", INT, True),
            Prop("venue_seats", INT),
            Prop("hotel_rooms", INT),
            Prop("airport_km", FLOAT),
            Prop("submitted_date", DATE, True),
            Prop("notes", STR),
            GENERATED,
        ),
        indexed=("year",),
    ),
    NodeSpec(
        "FocalPoint",
        "slug of the person's name and city (`chiang-mai-somchai`)",
        (
            ID,
            Prop("name", STR, True),
            Prop("email", STR, private=True),
            Prop("slack_user_id", STR, private=True),
            Prop("slack_linked_by", STR, choices=SLACK_LINKED_BY),
            Prop("slack_linked_date", DATE),
            Prop("language", STR),
            Prop("timezone", STR),
            GENERATED,
        ),
        indexed=("slack_user_id", "email"),
    ),
)

# Not part of the network: API credentials. Only a token's hash is stored.
API_TOKEN = NodeSpec(
    "ApiToken",
    "short public token id (`tk_3f9a...`), the part before the secret",
    (
        ID,
        Prop("hash", STR, True, private=True),
        Prop("role", STR, True, ("secretariat", "focal-point", "researcher")),
        Prop("created_at", STR, True),
        Prop("revoked_at", STR),
        Prop("label", STR),
    ),
    exported=False,
)
# Not part of the network either: the bot's side of Slack. A Slack user the secretariat linked
# as one of its own (focal points are linked on `FocalPoint.slack_user_id`), and the ledger of
# Slack events already processed, so that a retried or repeated event is handled once.
SLACK_SECRETARIAT = NodeSpec(
    "SlackSecretariat",
    "the Slack user id (`U024BE7LH`)",
    (ID, Prop("name", STR, True), Prop("linked_date", DATE, True)),
    exported=False,
)
PROCESSED_EVENT = NodeSpec(
    "ProcessedEvent",
    "Slack's event id (`Ev0PV52K21`)",
    (ID, Prop("claim", STR, True), Prop("received_at", STR, True)),
    exported=False,
)
# The scheduled jobs' own (issue 9): the delivery ledger (one entry per message, keyed by its
# idempotency key, so no message goes twice), the lease that lets one scheduler run per graph,
# and each digest sent (what the next one counts "since").
DELIVERY_STATES = ("claimed", "sent", "failed")
DELIVERY = NodeSpec(
    "Delivery",
    "the message's idempotency key (`report:chiang-mai:2027:-30:chiang-mai-somchai:email`)",
    (
        ID,
        Prop("job", STR, True),
        Prop("channel", STR, True),
        Prop("city", STR),
        Prop("recipient", STR, private=True),
        Prop("state", STR, True, DELIVERY_STATES),
        Prop("claim", STR, True),
        Prop("claimed_at", STR, True),
        Prop("sent_at", STR),
        Prop("failed_at", STR),
        Prop("attempts", INT, True),
        Prop("error", STR),
    ),
    indexed=("state", "claimed_at"),
    exported=False,
)
SCHEDULER_LEASE = NodeSpec(
    "SchedulerLease",
    "the graph's one lease (`scheduler`)",
    (
        ID,
        Prop("holder", STR, True),
        Prop("acquired_at", STR, True),
        Prop("expires_at", STR, True),
    ),
    exported=False,
)
DIGEST_RUN = NodeSpec(
    "DigestRun",
    "the digest's date (`2026-01-15`)",
    (
        ID,
        Prop("sent_at", STR, True),
        Prop("city_ids", STRS),
        Prop("project_ids", STRS),
        Prop("partnership_ids", STRS),
        Prop("introduction_ids", STRS),
        Prop("members", INT),
        Prop("members_global_south", INT),
        Prop("members_africa_arab", INT),
        Prop("ties", INT),
        Prop("ties_global_south", INT),
        Prop("ties_africa_arab", INT),
    ),
    exported=False,
)
JOB_RUN = NodeSpec(
    "JobRun",
    "the job's id (`report-reminders`)",
    (ID, Prop("started_at", STR, True), Prop("finished_at", STR), Prop("outcome", STR)),
    exported=False,
)
# The graph's version, one node that every write statement bumps (`graph.statement`): what the
# API's response cache keys its answers by.
GRAPH_VERSION = NodeSpec(
    "GraphVersion",
    "`graph`, the one version node",
    (ID, Prop("version", INT, True), Prop("epoch", STR, True)),
    exported=False,
)
NODES = (
    *NODES,
    API_TOKEN,
    SLACK_SECRETARIAT,
    PROCESSED_EVENT,
    DELIVERY,
    SCHEDULER_LEASE,
    DIGEST_RUN,
    JOB_RUN,
    GRAPH_VERSION,
)

RELATIONSHIPS: tuple[RelSpec, ...] = (
    RelSpec("IN_REGION", "Country", "Region", "the country's UNESCO region"),
    RelSpec("PART_OF", "Country", "Country", "a territory that is part of a sovereign state"),
    RelSpec("IN_COUNTRY", "City", "Country", "the city's country"),
    RelSpec(
        "DESIGNATED_IN", "City", "CreativeField", "the city's creative field", (Prop("year", INT),)
    ),
    RelSpec("OF_GOAL", "SDGTarget", "SDGGoal", "the goal a target belongs to"),
    RelSpec("LED_BY", "PilotProject", "City", "the project's lead city"),
    RelSpec(
        "PARTICIPATES_IN",
        "City",
        "PilotProject",
        "a city that takes part in a project",
        (Prop("role", STR),),
    ),
    RelSpec(
        "INVITED_TO",
        "City",
        "PilotProject",
        "a city a focal point named in its project: it takes part once it (or the secretariat) "
        "accepts, and until then it is no tie",
        (Prop("invited_date", DATE),),
    ),
    RelSpec(
        "CONTRIBUTES_TO",
        "PartnerInstitution",
        "PilotProject",
        "an institution that takes part in a project",
        (Prop("role", STR),),
    ),
    RelSpec("ADDRESSES", "PilotProject", "SDGTarget", "an SDG target the project works on"),
    RelSpec("IN_FIELD", "PilotProject", "CreativeField", "a creative field of the project"),
    RelSpec(
        "PARTNERS_WITH",
        "PartnerInstitution",
        "City",
        "a standing partnership of an institution with a city",
        (Prop("since_year", INT),),
    ),
    RelSpec("BASED_IN", "PartnerInstitution", "Country", "where the institution is based"),
    RelSpec("REPORT_OF", "MonitoringReport", "City", "the city a monitoring report is about"),
    RelSpec("CONTRIBUTION_OF", "Contribution", "City", "the city that made the contribution"),
    RelSpec("HOSTED_BY", "Conference", "City", "a member city that hosted the conference"),
    RelSpec("HELD_IN", "Conference", "Country", "the host country"),
    RelSpec("MENTOR", "Mentorship", "City", "the mentoring member city"),
    RelSpec("CANDIDATE", "Mentorship", "City", "the candidate city being mentored"),
    RelSpec("REPRESENTS", "FocalPoint", "City", "the city a focal point speaks for"),
    RelSpec("REQUESTED_BY", "Introduction", "City", "the city asking to be introduced"),
    RelSpec("TO_CITY", "Introduction", "City", "the partner city it asks to meet"),
    RelSpec(
        "TO_INSTITUTION",
        "Introduction",
        "PartnerInstitution",
        "the partner institution it asks to meet",
    ),
    RelSpec(
        "DISMISSED_BY", "Dismissal", "City", "the city that found a proposed partner not relevant"
    ),
    RelSpec("APPLIED_BY", "HostApplication", "City", "the city applying to host the conference"),
    RelSpec("SPEAKS_FOR", "ApiToken", "City", "the one city a focal point's token may write for"),
)

NODE_BY_LABEL: dict[str, NodeSpec] = {n.label: n for n in NODES}
REL_BY_KEY: dict[str, RelSpec] = {r.key: r for r in RELATIONSHIPS}
LABELS: tuple[str, ...] = tuple(n.label for n in NODES)
EXPORTED_LABELS: tuple[str, ...] = tuple(n.label for n in NODES if n.exported)
EXPORTED_RELATIONSHIPS: tuple[RelSpec, ...] = tuple(
    r for r in RELATIONSHIPS if r.start in EXPORTED_LABELS and r.end in EXPORTED_LABELS
)
REL_TYPES: tuple[str, ...] = tuple(dict.fromkeys(r.type for r in RELATIONSHIPS))
