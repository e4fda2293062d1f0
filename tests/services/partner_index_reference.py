"""The recommendation index as it was built before issue 11 (one row per project, grouped on
project ids), and the scoring loop as it was, kept here only to show that what the hub does now
gives the same: same profiles, same ties, same bad records left out, same answers."""

from __future__ import annotations

import asyncio
import dataclasses
import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from brain import partners
from brain.partners import Places, Profile
from graph.statement import Statement
from graph.statements import recommend
from graph.store import GraphStore
from services.partner_index import places_of

PROJECTS = Statement(
    "reference_index_projects",
    "MATCH (p:PilotProject) OPTIONAL MATCH (p)-[:ADDRESSES]->(t:SDGTarget) "
    "RETURN p.id AS id, coalesce(p.end_year, p.start_year) AS year, "
    "coalesce(p.generated, false) AS generated, collect(t.id) AS targets",
)
PROJECT_FIELDS = Statement(
    "reference_index_project_fields",
    "MATCH (p:PilotProject)-[:IN_FIELD]->(f:CreativeField) RETURN p.id AS id, collect(f.id) AS ids",
)
PROJECT_CITIES = Statement(
    "reference_index_project_cities",
    "MATCH (p:PilotProject)-[:LED_BY|PARTICIPATES_IN]-(o:City) "
    "RETURN p.id AS id, collect(DISTINCT o.id) AS ids",
)
PROJECT_INSTITUTIONS = Statement(
    "reference_index_project_institutions",
    "MATCH (i:PartnerInstitution)-[:CONTRIBUTES_TO]->(p:PilotProject) "
    "RETURN p.id AS id, collect(DISTINCT i.id) AS ids",
)


@dataclass(slots=True)
class ReferenceIndex:
    profiles: dict[tuple[str, str], Profile]
    cities: dict[str, Profile]
    city_ties: dict[str, set[tuple[str, str]]]
    statuses: dict[str, str]
    places: Places
    candidates: list[Profile]
    left_out: dict[tuple[str, str], str]


async def reference_build(store: GraphStore, today: date) -> ReferenceIndex:
    reads = await asyncio.gather(
        store.run(recommend.INDEX_CITIES),
        store.run(recommend.INDEX_INSTITUTIONS),
        store.run(PROJECTS),
        store.run(PROJECT_FIELDS),
        store.run(PROJECT_CITIES),
        store.run(PROJECT_INSTITUTIONS),
        store.run(recommend.INDEX_PARTNERSHIPS),
        store.run(recommend.INDEX_OVERDUE, today=today.isoformat()),
        store.run(recommend.PLACES),
    )
    cities, institutions, projects, project_fields, project_cities, project_insts = reads[:6]
    partnerships, overdue_rows, place_rows = reads[6:]
    overdue = {str(r["id"]): int(r["overdue"]) for r in overdue_rows}

    year: dict[str, int] = {}
    targets: dict[str, frozenset[str]] = {}
    real: set[str] = set()
    for row in projects:
        pid = str(row["id"])
        year[pid] = int(row["year"] or 0)
        targets[pid] = frozenset(str(t) for t in row["targets"] if t is not None)
        if not row["generated"]:
            real.add(pid)
    fields_of = _lists(project_fields)
    cities_of = _lists(project_cities)
    institutions_of = _lists(project_insts)
    partner_cities = _lists(partnerships)

    city_projects: dict[str, list[str]] = defaultdict(list)
    for pid, members in cities_of.items():
        for city in members:
            city_projects[city].append(pid)
    institution_projects: dict[str, list[str]] = defaultdict(list)
    for pid, members in institutions_of.items():
        for inst in members:
            institution_projects[inst].append(pid)

    ties: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for pid, members in cities_of.items():
        for city in members:
            ties[city].update(("city", other) for other in members if other != city)
            ties[city].update(("institution", inst) for inst in institutions_of.get(pid, ()))
    for inst, linked in partner_cities.items():
        for city in linked:
            ties[city].add(("institution", inst))

    profiles: dict[tuple[str, str], Profile] = {}
    all_cities: dict[str, Profile] = {}
    statuses: dict[str, str] = {}
    left_out: dict[tuple[str, str], str] = {}
    for row in cities:
        cid = str(row["id"])
        worked = city_projects.get(cid, [])
        problem = _record_problem(row, "countries", "creative fields")
        if problem:
            left_out[("city", cid)] = problem
        country, city_fields = _one(row["countries"]), _one(row["fields"])
        profile = Profile(
            kind="city",
            id=cid,
            name=str(row["name"]),
            country=country,
            fields=(city_fields,) if city_fields else (),
            targets=_union(targets.get(p, frozenset()) for p in worked),
            real_targets=_union(targets.get(p, frozenset()) for p in worked if p in real),
            last_active=max((year.get(p, 0) for p in worked), default=0),
            overdue=overdue.get(cid, 0),
            partners=frozenset(i for kind, i in ties.get(cid, ()) if kind == "city"),
            generated=bool(row["generated"]),
        )
        all_cities[cid] = profile
        statuses[cid] = str(row["status"])
        if row["status"] == "member" and not problem:
            profiles[("city", cid)] = profile
    for row in institutions:
        iid = str(row["id"])
        worked = institution_projects.get(iid, [])
        problem = _record_problem(row, "countries")
        if problem:
            left_out[("institution", iid)] = problem
            continue
        linked_cities: set[str] = set(partner_cities.get(iid, ()))
        for pid in worked:
            linked_cities.update(cities_of.get(pid, ()))
        profiles[("institution", iid)] = Profile(
            kind="institution",
            id=iid,
            name=str(row["name"]),
            country=_one(row["countries"]),
            fields=tuple(sorted({f for p in worked for f in fields_of.get(p, ())})),
            targets=_union(targets.get(p, frozenset()) for p in worked),
            real_targets=_union(targets.get(p, frozenset()) for p in worked if p in real),
            last_active=max((year.get(p, 0) for p in worked), default=0),
            partners=frozenset(linked_cities),
            generated=bool(row["generated"]),
        )
    return ReferenceIndex(
        profiles=profiles,
        cities=all_cities,
        city_ties=dict(ties),
        statuses=statuses,
        places=places_of(place_rows),
        candidates=sorted(profiles.values(), key=lambda p: (p.kind, p.id)),
        left_out=left_out,
    )


def _one(values: list[Any]) -> str | None:
    return str(values[0]) if len(values) == 1 and values[0] is not None else None


def _record_problem(row: Any, *columns: str) -> str | None:
    parts = [
        f"{len(row[key])} {noun} ({', '.join(sorted(str(v) for v in row[key]))})"
        for key, noun in zip(("countries", "fields"), columns, strict=False)
        if len(row[key]) > 1
    ]
    return f"the graph gives it {' and '.join(parts)}, where it has one" if parts else None


def _lists(rows: list[Any]) -> dict[str, list[str]]:
    return {str(r["id"]): [str(i) for i in r["ids"] if i is not None] for r in rows}


def _union(sets: Iterable[frozenset[str]]) -> frozenset[str]:
    out: set[str] = set()
    for s in sets:
        out |= s
    return frozenset(out)


def reference_ranking(
    wanted: partners._Wanted, candidates: Iterable[Profile]
) -> list[tuple[float, str, str, int, Profile]]:
    """Every allowed candidate as (-score, kind, id, n, candidate), best first: the scoring loop
    of `brain.partners.recommend` before issue 11, one candidate at a time, its score the
    weighted mean of its whole breakdown (the components themselves are the brain's)."""
    weights = wanted.weights
    scored: list[tuple[float, str, str, int, Profile]] = []
    for candidate in candidates:
        if not _allows(wanted, candidate):
            continue
        b = wanted.breakdown(candidate)
        # Added left to right, as the old code did (`sum()` compensates since Python 3.12).
        score = (
            weights.thematic * b["thematic"]
            + weights.field * b["field"]
            + weights.novelty * b["novelty"]
            + weights.balance * b["balance"]
            + weights.standing * b["standing"]
            + weights.feedback * b["feedback"]
        )
        scored.append(
            (-(score / wanted.total), candidate.kind, candidate.id, len(scored), candidate)
        )
    return sorted(scored)


def reference_recommend(
    asker: partners.Asker,
    need: partners.Need,
    candidates: Iterable[Profile],
    places: Places,
    *,
    year: int,
    first: int,
    weights: partners.PartnerWeights,
) -> partners.Recommendations:
    """`brain.partners.recommend` as it was before issue 11, over `reference_ranking`."""
    wanted = partners._Wanted.of(asker, need, places, weights, year)
    scored = reference_ranking(wanted, candidates)
    heapq.heapify(scored)
    picked: list[partners.Recommendation] = []
    per_country: dict[str, int] = {}
    considered = len(scored)
    while scored and len(picked) < first:
        neg, _kind, _id, _n, candidate = heapq.heappop(scored)
        country = candidate.country or ""
        if per_country.get(country, 0) >= weights.max_per_country:
            continue
        per_country[country] = per_country.get(country, 0) + 1
        breakdown = wanted.breakdown(candidate)
        picked.append(
            partners.Recommendation(
                partner=candidate,
                score=round(-neg, 6),
                breakdown=breakdown,
                reasons=wanted.reasons(candidate, breakdown),
                rests_on_generated=wanted.rests_on_generated(candidate),
            )
        )
    found = partners.recommend(
        asker, need, [], places, year=year, first=first, weights=weights
    )  # the notes and flags of an answer, which do not depend on the candidates
    return dataclasses.replace(found, items=tuple(picked), considered=considered)


def _allows(wanted: Any, candidate: Profile) -> bool:
    asker, need = wanted.asker, wanted.need
    key = (candidate.kind, candidate.id)
    if candidate.kind not in need.kinds:
        return False
    if candidate.kind == "city" and candidate.id == asker.id:
        return False
    if key in asker.partners or key in asker.introduced:
        return False
    if (candidate.kind, candidate.id, wanted.need_key) in asker.dismissed:
        return False
    return not need.regions or wanted.places.region_of(candidate.country) in set(need.regions)
