"""Ranking the cities that applied to host the Annual Conference of a given year.

The score is a weighted mean of six components, each in [0, 1], so that the secretariat can see
why a city comes first and move the weights without touching the rules: rotation between
regions and between creative fields (a region or field that hosted recently waits its turn),
the Global South, the city's standing in the network (reports and contributions up to date),
the capacity it declared against what a conference needs, and whether it would host for the
first time.

Only the conferences held before the year being ranked count, and so do only the applicant's
own hosting years before it: ranking a past year with today's history gives what that history
suggested then.

A city whose record in the graph is wrong (two countries, no creative field, two applications
for the year, a negative capacity) cannot be scored; the caller sets it aside as `LeftOut` with
a `bad_record` reason (`bad_record`, `without_duplicates`) and ranks the others.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from brain.reasons import Reason

# A region (or field) that last hosted this many years ago, or longer, has waited its full turn.
ROTATION_HORIZON: Final = 8

REGION_NAMES: Final[Mapping[str, str]] = {
    "africa": "Africa",
    "arab-states": "Arab States",
    "asia-and-the-pacific": "Asia and the Pacific",
    "europe-and-north-america": "Europe and North America",
    "latin-america-and-the-caribbean": "Latin America and the Caribbean",
}

FIELD_NAMES: Final[Mapping[str, str]] = {
    "crafts-and-folk-art": "Crafts and Folk Art",
    "design": "Design",
    "film": "Film",
    "gastronomy": "Gastronomy",
    "literature": "Literature",
    "media-arts": "Media Arts",
    "music": "Music",
    "architecture": "Architecture",
}


@dataclass(frozen=True, slots=True)
class Applicant:
    """A city that applied to host, with what the ranking needs to know about it."""

    city_id: str
    name: str
    region: str  # region id, e.g. "africa"
    field: str  # creative field id, e.g. "gastronomy"
    global_south: bool
    hosted_years: tuple[int, ...]  # years it hosted before (from the conference history)
    reports_up_to_date: bool  # no monitoring report overdue as of the ranking date
    contributions_up_to_date: bool  # contributed in the last 2 years as of the ranking date
    # Declared capacity; None = not declared.
    venue_seats: int | None = None
    hotel_rooms: int | None = None
    airport_km: float | None = None

    def __post_init__(self) -> None:
        _check_region(self.region, f"applicant {self.city_id!r}")
        _check_field(self.field, f"applicant {self.city_id!r}")
        declared = {
            "venue_seats": self.venue_seats,
            "hotel_rooms": self.hotel_rooms,
            "airport_km": self.airport_km,
        }
        for name, value in declared.items():
            if value is not None and not value >= 0:  # `not >=` also refuses NaN
                raise ValueError(
                    f"applicant {self.city_id!r}: {name} must not be negative, got {value}"
                )


@dataclass(frozen=True, slots=True)
class PastConference:
    """An Annual Conference as the rotation sees it: the regions and fields of its host cities
    (several hosts are possible, and none when it was held at UNESCO headquarters)."""

    year: int
    regions: tuple[str, ...]
    fields: tuple[str, ...]

    def __post_init__(self) -> None:
        for region in self.regions:
            _check_region(region, f"conference {self.year}")
        for field_id in self.fields:
            _check_field(field_id, f"conference {self.year}")


@dataclass(frozen=True, slots=True)
class HostNeeds:
    """What a conference needs: seats in the main venue, hotel rooms, and the longest
    acceptable distance to an international airport."""

    venue_seats: int = 800
    hotel_rooms: int = 1000
    airport_km: float = 60.0

    def __post_init__(self) -> None:
        # Each need divides a declared figure, so it has to be positive.
        needed = {
            "venue_seats": self.venue_seats,
            "hotel_rooms": self.hotel_rooms,
            "airport_km": self.airport_km,
        }
        for name, value in needed.items():
            if not (value > 0 and math.isfinite(value)):
                raise ValueError(f"needed {name} must be a positive number, got {value}")


@dataclass(frozen=True, slots=True)
class HostWeights:
    """The weight of each component in the score; only their ratios matter."""

    region_rotation: float = 0.25
    field_rotation: float = 0.15
    global_south: float = 0.2
    standing: float = 0.15
    capacity: float = 0.15
    first_time: float = 0.1

    def __post_init__(self) -> None:
        by_component = self.by_component()
        for name, value in by_component.items():
            if not (value >= 0 and math.isfinite(value)):
                raise ValueError(f"weight {name} must be a finite number >= 0, got {value}")
        if sum(by_component.values()) == 0:
            raise ValueError("host weights are all zero: at least one must be positive")

    def by_component(self) -> dict[str, float]:
        """The weights keyed like a ranking's breakdown."""
        return {
            "region_rotation": self.region_rotation,
            "field_rotation": self.field_rotation,
            "global_south": self.global_south,
            "standing": self.standing,
            "capacity": self.capacity,
            "first_time": self.first_time,
        }


@dataclass(frozen=True, slots=True)
class HostRanking:
    """One applicant's place in the ranking, with the components and reasons behind it."""

    applicant: Applicant
    rank: int  # 1 is the first choice
    score: float  # [0, 1]
    breakdown: dict[str, float]  # each component in [0, 1], keys = HostWeights field names
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A city that applied but is not ranked, and why."""

    city_id: str
    name: str
    reason: Reason


def bad_record(city_id: str, name: str, problem: str) -> LeftOut:
    """An applicant left out because the graph's record of it is wrong."""
    text = f"{name} is left out of the ranking: {problem}; the data needs fixing"
    return LeftOut(city_id, name, Reason("bad_record", text, {"city": city_id, "problem": problem}))


def without_duplicates(applicants: Sequence[Applicant]) -> tuple[list[Applicant], list[LeftOut]]:
    """The applicants whose city id comes once, and one `LeftOut` per id that comes more often
    (which of its records is right?), by id."""
    count = Counter(a.city_id for a in applicants)
    once = [a for a in applicants if count[a.city_id] == 1]
    first = {a.city_id: a for a in reversed(applicants) if count[a.city_id] > 1}
    twice = [
        bad_record(city_id, a.name, f"the graph holds {count[city_id]} records of it")
        for city_id, a in sorted(first.items())
    ]
    return once, twice


def rank_hosts(
    year: int,
    applicants: Sequence[Applicant],
    history: Sequence[PastConference],
    needs: HostNeeds = HostNeeds(),
    weights: HostWeights = HostWeights(),
) -> list[HostRanking]:
    """Ranks the applicants to host the conference of `year`, best first (ties by city id)."""
    _check_unique_ids(applicants)
    before = [c for c in history if c.year < year]
    scored = [_assess(year, a, before, needs, weights) for a in applicants]
    scored.sort(key=lambda item: (-item[0], item[1].city_id))
    return [
        HostRanking(applicant=a, rank=i, score=score, breakdown=breakdown, reasons=reasons)
        for i, (score, a, breakdown, reasons) in enumerate(scored, start=1)
    ]


def _assess(
    year: int,
    applicant: Applicant,
    before: Sequence[PastConference],
    needs: HostNeeds,
    weights: HostWeights,
) -> tuple[float, Applicant, dict[str, float], tuple[Reason, ...]]:
    region_value, region_reason = _region_rotation(year, applicant.region, before)
    field_value, field_reason = _field_rotation(year, applicant.field, before)
    standing_value, standing_reasons = _standing(applicant)
    capacity_value, capacity_reasons = _capacity(applicant, needs)
    first_value, first_reason = _first_time(year, applicant)
    breakdown = {
        "region_rotation": region_value,
        "field_rotation": field_value,
        "global_south": 1.0 if applicant.global_south else 0.0,
        "standing": standing_value,
        "capacity": capacity_value,
        "first_time": first_value,
    }
    reasons = (
        region_reason,
        field_reason,
        *_global_south(applicant),
        *standing_reasons,
        *capacity_reasons,
        first_reason,
    )
    return _score(breakdown, weights), applicant, breakdown, reasons


def _score(breakdown: dict[str, float], weights: HostWeights) -> float:
    """The weighted mean; clamped only against floating-point rounding at the ends."""
    pairs = [(w, breakdown[name]) for name, w in weights.by_component().items()]
    total = sum(w for w, _ in pairs)
    return min(1.0, max(0.0, sum(w * v for w, v in pairs) / total))


def _last_year(years: Iterable[int]) -> int | None:
    return max(years, default=None)


def _rotation(year: int, last: int | None) -> float:
    """1 when it never hosted or waited the whole horizon; less the more recently it hosted."""
    return 1.0 if last is None else min(1.0, (year - last) / ROTATION_HORIZON)


def _region_rotation(
    year: int, region: str, before: Sequence[PastConference]
) -> tuple[float, Reason]:
    name = REGION_NAMES[region]
    last = _last_year(c.year for c in before if region in c.regions)
    if last is None:
        return 1.0, Reason("region_never_hosted", f"{name} has never hosted", {"region": region})
    ago = year - last
    text = f"{name} last hosted in {last} ({_years_ago(ago)})"
    params = {"region": region, "last_year": str(last), "years": str(ago)}
    return _rotation(year, last), Reason("region_rotation", text, params)


def _field_rotation(
    year: int, field_id: str, before: Sequence[PastConference]
) -> tuple[float, Reason]:
    title = f"City of {FIELD_NAMES[field_id]}"
    last = _last_year(c.year for c in before if field_id in c.fields)
    if last is None:
        text = f"No {title} has hosted yet"
        return 1.0, Reason("field_never_hosted", text, {"field": field_id})
    ago = year - last
    text = f"A {title} last hosted in {last} ({_years_ago(ago)})"
    params = {"field": field_id, "last_year": str(last), "years": str(ago)}
    return _rotation(year, last), Reason("field_rotation", text, params)


def _years_ago(years: int) -> str:
    return "1 year ago" if years == 1 else f"{years} years ago"


def _global_south(applicant: Applicant) -> tuple[Reason, ...]:
    if not applicant.global_south:
        return ()
    text = f"{applicant.name} is in the Global South"
    return (Reason("global_south", text, {"city": applicant.name}),)


def _standing(applicant: Applicant) -> tuple[float, tuple[Reason, ...]]:
    """Half for the monitoring reports, half for the contributions."""
    value = (int(applicant.reports_up_to_date) + int(applicant.contributions_up_to_date)) / 2
    reasons: list[Reason] = []
    if not applicant.reports_up_to_date:
        reasons.append(Reason("reports_overdue", "A monitoring report is overdue", {}))
    if not applicant.contributions_up_to_date:
        text = "No contribution to the network in the last 2 years"
        reasons.append(Reason("contributions_overdue", text, {}))
    if not reasons:
        text = "Monitoring reports and contributions are up to date"
        reasons.append(Reason("standing_ok", text, {}))
    return value, tuple(reasons)


def _capacity(applicant: Applicant, needs: HostNeeds) -> tuple[float, tuple[Reason, ...]]:
    """The mean of three parts; every part short of 1 gets a `capacity_short` reason (a need
    left undeclared is short too, with `declared` empty in the reason's params)."""
    parts = (
        _capacity_part("venue_seats", "venue seats", applicant.venue_seats, needs.venue_seats),
        _capacity_part("hotel_rooms", "hotel rooms", applicant.hotel_rooms, needs.hotel_rooms),
        _airport_part(applicant.airport_km, needs.airport_km),
    )
    value = sum(v for v, _ in parts) / len(parts)
    reasons = tuple(r for _, r in parts if r is not None)
    if not reasons:
        reasons = (Reason("capacity_ok", "The declared capacity meets every need", {}),)
    return value, reasons


def _capacity_part(
    need: str, words: str, declared: int | None, needed: int
) -> tuple[float, Reason | None]:
    if declared is None:
        return 0.0, _undeclared(need, words, str(needed))
    value = 1.0 if declared >= needed else declared / needed
    if value >= 1.0:
        return value, None
    text = f"{needed} {words} needed, {declared} declared"
    params = {"need": need, "needed": str(needed), "declared": str(declared)}
    return value, Reason("capacity_short", text, params)


def _airport_part(declared: float | None, needed: float) -> tuple[float, Reason | None]:
    """Full marks within the distance needed, then down to 0 at twice that distance."""
    if declared is None:
        return 0.0, _undeclared("airport_km", "the airport distance", f"{needed:g}")
    value = 1.0 if declared <= needed else max(0.0, 1.0 - (declared - needed) / needed)
    if value >= 1.0:
        return value, None
    text = f"Airport within {needed:g} km needed, {declared:g} km declared"
    params = {"need": "airport_km", "needed": f"{needed:g}", "declared": f"{declared:g}"}
    return value, Reason("capacity_short", text, params)


def _undeclared(need: str, words: str, needed: str) -> Reason:
    params = {"need": need, "needed": needed, "declared": ""}
    return Reason("capacity_short", f"Did not declare {words}", params)


def _first_time(year: int, applicant: Applicant) -> tuple[float, Reason]:
    hosted = sorted({y for y in applicant.hosted_years if y < year})
    if not hosted:
        text = f"{applicant.name} would host for the first time"
        return 1.0, Reason("first_time", text, {"city": applicant.name})
    text = f"Hosted in {_and_list([str(y) for y in hosted])}"
    return 0.0, Reason("hosted_before", text, {"years": ",".join(str(y) for y in hosted)})


def _and_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _check_region(region: str, where: str) -> None:
    """An unknown id would silently count as a region that never hosted."""
    if region not in REGION_NAMES:
        known = ", ".join(REGION_NAMES)
        raise ValueError(f"{where}: unknown region {region!r} (known: {known})")


def _check_field(field_id: str, where: str) -> None:
    if field_id not in FIELD_NAMES:
        known = ", ".join(FIELD_NAMES)
        raise ValueError(f"{where}: unknown creative field {field_id!r} (known: {known})")


def _check_unique_ids(applicants: Sequence[Applicant]) -> None:
    """Ties are broken by city id, so two applications under one id would be ambiguous."""
    seen: set[str] = set()
    for applicant in applicants:
        if applicant.city_id in seen:
            raise ValueError(f"city {applicant.city_id!r} applied more than once")
        seen.add(applicant.city_id)
