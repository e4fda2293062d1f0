"""Pilot projects: led by a city of the pool, joined by others, helped by institutions.

Leads are drawn by activity (a few cities lead many projects, most lead few), or given (a
layer's featured cities). A project works mostly in its lead's field and is named after the
lead, a theme of the field and a format ("Chiang Mai Ceramics Lab"); its participants come from
the lead's region, or its field, or anywhere; its contributors are mostly the lead's own
institutions or others of its country; its SDG targets come from `targets`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from graph.dataset import Link, Props
from names import fold_name, slugify
from services.synth.draft import City, Draft
from services.synth.draw import Weighted, cumulative
from services.synth.targets import TargetDraw
from services.synth.words import article
from services.synth.years import CURRENT_YEAR

INVITED_ON = f"{CURRENT_YEAR}-11-15"  # when the pending invitations were made

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
_PROJECT_FORMATS = (
    "Lab", "Festival", "Residency", "Atlas", "Exchange", "Academy", "Archive", "Incubator",
    "Route", "Workshops", "Forum", "School", "Hub", "Map", "Programme", "Biennale", "Market",
    "Trail", "Observatory", "Fellowship",
)  # fmt: skip
_CONTRIBUTOR_ROLES = ("research", "funding", "training", "venue", "technical")
_SAME_REGION_SHARE = 0.45  # a participant is from the lead's region
_SAME_FIELD_SHARE = 0.30  # ... or else from the lead's field; otherwise from anywhere
_LEAD_FIELD_SHARE = 0.85  # projects in their lead's field; the others in any field
_SECOND_FIELD_SHARE = 0.2  # projects that name a second field
_PARTICIPANTS = Weighted((1, 2, 3, 4), (50, 28, 14, 8))  # cities besides the lead
_CONTRIBUTORS = Weighted((0, 1, 2, 3), (55, 30, 11, 4))  # institutions on a project
_PARTICIPANT_ROLES = Weighted(("partner", "co-lead", "associate"), (80, 10, 10))


@dataclass(slots=True)
class _Pools:
    """Where a project's participants and contributors come from, as indexes into the draft's
    cities and institutions."""

    active: list[int]  # cities that may join a project: all but former members
    by_region: dict[str, list[int]] = field(default_factory=dict)
    by_field: dict[str, list[int]] = field(default_factory=dict)
    institutions_by_country: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, draft: Draft) -> _Pools:
        cities = draft.cities
        pools = cls([i for i, c in enumerate(cities) if c.status != "former"])
        for i in pools.active:
            pools.by_region.setdefault(cities[i].region, []).append(i)
            pools.by_field.setdefault(cities[i].field_id, []).append(i)
        for index, (_inst_id, home) in enumerate(draft.institutions):
            pools.institutions_by_country.setdefault(cities[home].country, []).append(index)
        return pools


def add_projects(
    draft: Draft, count: int, leads: Sequence[int] | None = None, first_target: str | None = None
) -> None:
    """`count` projects, led by cities drawn by activity (or by `leads`, one each), with
    `first_target` among the targets of each when given."""
    rng, cities, ref = draft.rng, draft.cities, draft.ref
    leaders = [i for i, c in enumerate(cities) if c.status != "candidate"]
    if not leaders or not count:
        return
    if leads is None:
        lead_cum = cumulative([cities[i].activity for i in leaders])
        leads = rng.choices(leaders, cum_weights=lead_cum, k=count)
    pools = _Pools.of(draft)
    targets = TargetDraw(ref.targets)

    led_by = draft.links("PilotProject-LED_BY-City")
    participates = draft.links("City-PARTICIPATES_IN-PilotProject")
    invited = draft.links("City-INVITED_TO-PilotProject")
    contributes = draft.links("PartnerInstitution-CONTRIBUTES_TO-PilotProject")
    in_field = draft.links("PilotProject-IN_FIELD-CreativeField")
    addresses = draft.links("PilotProject-ADDRESSES-SDGTarget")
    nodes = draft.out.nodes.setdefault("PilotProject", [])
    flag = draft.generated_flag["PilotProject"]

    for lead_index in leads:
        lead = cities[lead_index]
        field_id = lead.field_id if rng.random() < _LEAD_FIELD_SHARE else rng.choice(ref.fields)
        props = _project(draft, lead, field_id)
        if flag:
            props["generated"] = True
        nodes.append(props)
        project_id = str(props["id"])
        led_by.append(Link(project_id, lead.id, {}))
        joined = _participants(rng, pools, lead_index, lead.region, field_id)
        for city_index, role in joined:
            participates.append(Link(cities[city_index].id, project_id, {"role": role}))
        guest = _guest(pools, lead_index, {i for i, _ in joined}, len(nodes))
        if props["status"] == "planned" and guest is not None:
            invited.append(Link(cities[guest].id, project_id, {"invited_date": INVITED_ON}))
        for inst_index, role in _contributors(draft, pools, lead):
            contributes.append(Link(draft.institutions[inst_index][0], project_id, {"role": role}))
        in_field.append(Link(project_id, field_id, {}))
        if rng.random() < _SECOND_FIELD_SHARE:
            second = rng.choice(ref.fields)
            if second != field_id:
                in_field.append(Link(project_id, second, {}))
        for target in targets.draw(rng, first_target):
            addresses.append(Link(project_id, target, {}))


def _project(draft: Draft, lead: City, field_id: str) -> Props:
    """The project's own properties: a title unique among projects, its years and status."""
    rng = draft.rng
    theme = rng.choice(_FIELD_THEMES.get(field_id, _GENERIC_THEMES))
    form = rng.choice(_PROJECT_FORMATS)
    first = max(lead.year or CURRENT_YEAR, 2006)
    start = rng.randint(first, CURRENT_YEAR + 1)
    title = f"{lead.name} {theme} {form}"
    project_slug = slugify(title)
    if project_slug in draft.used.setdefault("PilotProject", set()):
        title = f"{title} {start}"
        project_slug = slugify(title)
    project_id = draft.unique("PilotProject", project_slug)
    end, status = _timeline(rng, start)
    summary = f"{article(form)} {form.lower()} on {theme.lower()} led by {lead.name}."
    return {
        "id": project_id,
        "title": title,
        "search_name": fold_name(title),
        "summary": summary,
        "start_year": start,
        "end_year": end,
        "status": status,
    }


def _timeline(rng: random.Random, start: int) -> tuple[int | None, str]:
    """The end year and status of a project that starts in `start`."""
    if start > CURRENT_YEAR:
        return (start + rng.randint(1, 3) if rng.random() < 0.5 else None), "planned"
    if rng.random() < 0.05:
        return None, "cancelled"
    end = start + rng.randint(0, 4)
    return end, ("completed" if end < CURRENT_YEAR else "active")


def _participants(
    rng: random.Random, pools: _Pools, lead_index: int, region: str, field_id: str
) -> list[tuple[int, str]]:
    """The cities that join the lead's project, with their roles: up to four of them, from the
    lead's region, or the project's field, or anywhere."""
    joined: list[tuple[int, str]] = []
    members = [lead_index]
    wanted = _PARTICIPANTS.pick(rng)
    for _attempt in range(wanted * 3):
        if len(members) > wanted:
            break
        roll = rng.random()
        if roll < _SAME_REGION_SHARE:
            pool = pools.by_region.get(region) or pools.active
        elif roll < _SAME_REGION_SHARE + _SAME_FIELD_SHARE:
            pool = pools.by_field.get(field_id) or pools.active
        else:
            pool = pools.active
        if not pool:
            break
        other = rng.choice(pool)
        if other in members:
            continue
        members.append(other)
        joined.append((other, _PARTICIPANT_ROLES.pick(rng)))
    return joined


def _guest(pools: _Pools, lead_index: int, joined: set[int], serial: int) -> int | None:
    """A planned project's pending invitation: a city the lead named that has not answered
    yet. Chosen without the random stream, so every other draw stays as it was."""
    if not pools.active:
        return None
    guest = pools.active[(serial * 7 + lead_index) % len(pools.active)]
    return None if guest == lead_index or guest in joined else guest


def _contributors(draft: Draft, pools: _Pools, lead: City) -> list[tuple[int, str]]:
    """The institutions that contribute to the lead's project, with their roles: up to three,
    the lead's own partners first, then others of its country, then any."""
    rng, institutions = draft.rng, draft.institutions
    helpers: list[tuple[int, str]] = []
    for _n in range(_CONTRIBUTORS.pick(rng)):
        if lead.institutions and rng.random() < 0.6:
            pick = rng.choice(lead.institutions)
        elif pools.institutions_by_country.get(lead.country) and rng.random() < 0.5:
            pick = rng.choice(pools.institutions_by_country[lead.country])
        elif institutions:
            pick = rng.randrange(len(institutions))
        else:
            break
        if any(pick == helper for helper, _role in helpers):
            continue
        helpers.append((pick, rng.choice(_CONTRIBUTOR_ROLES)))
    return helpers
