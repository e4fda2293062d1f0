"""Who already works with whom, read back from the generated links: what an introduction or a
dismissal must not be about, and what the need of one names.

The hub proposes partners a city does not work with yet; users then ask for an introduction to
some and dismiss others. So the generated requests are about strangers (`stranger`), and name
the need a proposal would have answered (`need`): a target the partner works on, or its field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from services.synth.draft import City, Draft

_CITY_PARTNER_SHARE = 0.6  # introductions and dismissals about a city rather than an institution

type Party = tuple[str, str]  # (partner kind, id): a city and an institution may share a slug
type Asked = tuple[str, str, str]  # (asking city id, partner kind, partner id)


@dataclass(slots=True)
class Ties:
    """Who already works with whom and on what: a city's partners are the cities and
    institutions on its projects and the institutions partnering with it; a party's targets
    and field are what a need for it would name."""

    partners: dict[str, set[Party]] = field(default_factory=dict)
    targets: dict[Party, list[str]] = field(default_factory=dict)
    fields: dict[Party, str] = field(default_factory=dict)


def read_ties(draft: Draft) -> Ties:
    """The ties in the links generated so far."""
    links, ties = draft.out.links, Ties()
    for city in draft.cities:
        ties.fields[("city", city.id)] = city.field_id
    for inst_id, home in draft.institutions:
        ties.fields[("institution", inst_id)] = draft.cities[home].field_id
    parties: dict[str, list[Party]] = {}  # project id -> who works on it
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


def stranger(
    draft: Draft, city: City, ties: Ties, members: Sequence[City], avoid: set[Asked]
) -> Party | None:
    """A member city or an institution that `city` does not work with yet and has not
    asked about: what the hub proposes, so what users ask for or dismiss."""
    rng = draft.rng
    kind = "city" if rng.random() < _CITY_PARTNER_SHARE or not draft.institutions else "institution"
    known = ties.partners.get(city.id, set())
    for _attempt in range(10):
        if kind == "city":
            party = ("city", rng.choice(members).id)
        else:
            party = ("institution", rng.choice(draft.institutions)[0])
        if party[1] != city.id and party not in known and (city.id, *party) not in avoid:
            return party
    return None


def need(draft: Draft, party: Party, ties: Ties) -> str:
    """The need a party answers, as a canonical key: a target it works on, or its field."""
    targets = ties.targets.get(party)
    if targets and draft.rng.random() < 0.7:
        return f"targets={draft.rng.choice(targets)}"
    return f"fields={ties.fields[party]}"
