"""The city pool: invented cities, or the real member cities a layer adopts.

An invented city is placed in a country drawn by weight (`reference`), near one of its anchor
cities, with a field, a status in the network's mix and, unless a candidate, a designation year
drawn from the real rounds. Candidates apply in a call: most in `NEXT_CALL`, some in the closed
`PAST_CALL`, and a few countries get more candidates in the next call than the two-per-country
rule allows, so that checking the applications has something to report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from graph.dataset import GraphData, Link, Props
from names import fold_name
from services.synth.draft import City, Draft
from services.synth.draw import Weighted, cumulative
from services.synth.reference import Country
from services.synth.tables import ROUND_SIZES
from services.synth.years import CURRENT_YEAR, FIRST_YEAR, NEXT_CALL, PAST_CALL

COORD_SPREAD_DEG = 0.6  # standard deviation of a city's offset from its anchor city
_OFF_ROUND_SHARE = 0.1  # share of designation years drawn uniformly from 2004..CURRENT_YEAR
_STATUS_WEIGHTS = (("member", "candidate", "former"), (87, 8, 5))
_PAST_CALL_EVERY = 4  # every fourth candidate is of the closed call; the others of NEXT_CALL
_CROWD_EVERY = 10  # one country over the two-per-country rule per this many NEXT_CALL candidates
_CROWD_SIZE = 3  # candidates that country has in NEXT_CALL


def adopt_cities(draft: Draft, reference: GraphData) -> None:
    """The real member cities of `reference` as the city pool: linked to, never written."""
    country_of = {k.start: k.end for k in reference.links.get("City-IN_COUNTRY-Country", [])}
    field_of: dict[str, str] = {}
    for link in reference.links.get("City-DESIGNATED_IN-CreativeField", []):
        field_of.setdefault(link.start, link.end)
    countries = {c.id: c for c in draft.ref.countries}
    for row in reference.nodes.get("City", []):
        city_id = str(row["id"])
        country = countries.get(country_of.get(city_id, ""))
        if row.get("status") != "member" or country is None or city_id not in field_of:
            continue  # nothing to link a project or a report of it to
        year = row.get("designation_year")
        draft.cities.append(
            City(
                city_id,
                str(row["name"]),
                country.id,
                country.region,
                field_of[city_id],
                "member",
                int(year) if year is not None else None,
                country.language,
                draft.rng.lognormvariate(0.0, 0.9),
            )
        )


def invent_cities(draft: Draft, count: int, status: str | None = None) -> None:
    """`count` invented cities, of `status` or of the network's mix of statuses."""
    rng, ref = draft.rng, draft.ref
    country_cum = cumulative([c.weight for c in ref.countries])
    countries = rng.choices(ref.countries, cum_weights=country_cum, k=count)
    fields = rng.choices(ref.fields, cum_weights=cumulative(ref.field_weights), k=count)
    rounds = Weighted(list(ROUND_SIZES), list(ROUND_SIZES.values()))
    statuses = [status] * count if status else rng.choices(*_STATUS_WEIGHTS, k=count)
    calls = _call_years(statuses)
    _crowd(draft, countries, calls)
    used = draft.used.setdefault("City", set())
    nodes = draft.out.nodes.setdefault("City", [])
    in_country, designated = draft.links("City-IN_COUNTRY-Country"), []
    for country, field_id, status, call in zip(countries, fields, statuses, calls, strict=True):
        name = draft.word(country.region)
        slug = name.lower()
        for _ in range(4):
            if slug not in used:
                break
            name = draft.word(country.region)
            slug = name.lower()
        if slug in used:
            slug = f"{slug}-{country.id.lower()}"
        city_id = draft.unique("City", slug)
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
            "search_name": fold_name(name),
            "status": status,
            "designation_year": year,
            "latitude": round(lat, 5),
            "longitude": round(lon, 5),
            "population": max(2_000, min(25_000_000, population)),
            "languages": languages,
            "call_year": call,
        }
        if draft.generated_flag["City"]:
            props["generated"] = True
        nodes.append(props)
        in_country.append(Link(city_id, country.id, {}))
        designated.append(Link(city_id, field_id, {"year": year} if year else {}))
        activity = rng.lognormvariate(0.0, 0.9) if status != "candidate" else 0.0
        draft.cities.append(
            City(
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
    draft.links("City-DESIGNATED_IN-CreativeField").extend(designated)


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


def _crowd(draft: Draft, countries: list[Country], calls: Sequence[int | None]) -> None:
    """Give a few countries `_CROWD_SIZE` candidates in NEXT_CALL, over the two-per-country
    rule, so that checking the applications has something to report."""
    nexts = [i for i, call in enumerate(calls) if call == NEXT_CALL]
    crowds = max(len(nexts) // _CROWD_EVERY, 1) if len(nexts) >= _CROWD_SIZE else 0
    picked = draft.rng.sample(nexts, crowds * _CROWD_SIZE)
    for start in range(0, len(picked), _CROWD_SIZE):
        group = picked[start : start + _CROWD_SIZE]
        for i in group[1:]:
            countries[i] = countries[group[0]]
