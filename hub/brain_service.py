"""The brain's data: what `brain/` needs, read from the graph in few queries, and its answers.

Resolvers (and later the bot) call these functions; the decisions themselves are in `brain/`.
Bad input raises the write rules' errors (`InvalidInput`, `Missing`, `Refused`), which the API
turns into its union results.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from brain import calls, hosts, mentors, partners
from graph.engine import Row
from graph.statements import brain as q
from graph.statements import recommend
from graph.store import GraphStore
from hub.partner_index import PartnerIndex, Snapshot
from hub.settings import Settings
from hub.write_rules import InvalidInput, Missing

RUNNING_MENTORSHIPS = ["proposed", "active"]


def partner_weights(settings: Settings) -> partners.PartnerWeights:
    return partners.PartnerWeights(
        thematic=settings.recommend_weight_thematic,
        field=settings.recommend_weight_field,
        novelty=settings.recommend_weight_novelty,
        balance=settings.recommend_weight_balance,
        standing=settings.recommend_weight_standing,
        feedback=settings.recommend_weight_feedback,
        recent_years=settings.recommend_recent_years,
        max_per_country=settings.recommend_max_per_country,
    )


def check_need(need: partners.Need, snap: Snapshot) -> None:
    """Every code the need names exists: which one does not, and where."""
    places = snap.places
    for index, code in enumerate(need.targets):
        if code not in places.targets:
            raise InvalidInput(
                f"{code!r} is not an SDG target code (like 11.4)",
                ("need", "sdgTargets", str(index)),
            )
    if not need.kinds:
        raise InvalidInput("ask for at least one kind of partner", ("need", "kinds"))


async def recommend_partners(
    store: GraphStore,
    index: PartnerIndex,
    settings: Settings,
    city: str,
    need: partners.Need,
    first: int,
    today: dt.date,
) -> partners.Recommendations:
    if not 1 <= first <= settings.api_page_max:
        raise InvalidInput(f"first must be between 1 and {settings.api_page_max}", ("first",))
    snap = await index.snapshot()
    check_need(need, snap)
    rows = await store.run(recommend.ASKER, city=city)
    if not rows:
        raise Missing(f"no city {city!r}", ("city",), city)
    asker = _asker(rows[0], snap)
    return partners.recommend(
        asker,
        need,
        snap.candidates,
        snap.places,
        year=today.year,
        first=first,
        weights=partner_weights(settings),
    )


def _asker(row: dict[str, object], snap: Snapshot) -> partners.Asker:
    city = str(row["id"])
    ties = snap.city_ties.get(city, set())
    own = snap.cities.get(city)
    countries: set[str] = set()
    warm: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, partner in ties:
        profile = snap.cities.get(partner) if kind == "city" else snap.profiles.get((kind, partner))
        if profile is None:
            continue
        if profile.country:
            countries.add(profile.country)
        if kind != "city":
            continue
        for second in snap.city_ties.get(partner, ()):
            if second != ("city", city) and second not in ties:
                warm[second].add(profile.name)
    introductions = [tuple(str(v) for v in i) for i in _rows(row["introductions"])]
    fruitful = tuple(
        p
        for kind, pid, status in introductions
        if status == "became-project" and (p := snap.profiles.get((kind, pid))) is not None
    )
    return partners.Asker(
        id=city,
        country=_str(row["country"]),
        field=_str(row["field"]),
        targets=own.targets if own else frozenset(),
        partners=frozenset(ties),
        partner_countries=frozenset(countries),
        warm={key: frozenset(names) for key, names in warm.items()},
        dismissed=frozenset(
            (str(k), str(i), str(n)) for k, i, n in (tuple(d) for d in _rows(row["dismissed"]))
        ),
        introduced=frozenset((kind, pid) for kind, pid, _status in introductions),
        fruitful=fruitful,
    )


async def propose(
    store: GraphStore, settings: Settings, call_year: int, today: dt.date
) -> mentors.Assignment:
    candidate_rows, member_rows = await _call_and_members(store, call_year)
    mentees = {
        str(r["id"]): int(r["mentees"])
        for r in await store.run(q.MENTEES, statuses=RUNNING_MENTORSHIPS)
    }
    overdue = {
        str(r["id"]): (int(r["overdue"]), str(r["since"]))
        for r in await store.run(q.OVERDUE_ON, on=today.isoformat())
    }
    candidates = [
        mentors.Candidate(
            id=str(r["id"]),
            name=str(r["name"]),
            field=str(r["field"] or ""),
            region=str(r["region"] or ""),
            country=str(r["country"] or ""),
            languages=tuple(str(x) for x in r["languages"]),
        )
        for r in candidate_rows
        if r["status"] == "candidate"
    ]
    pool = []
    for r in member_rows:
        late = overdue.get(str(r["id"]))
        pool.append(
            mentors.Mentor(
                id=str(r["id"]),
                name=str(r["name"]),
                field=str(r["field"] or ""),
                region=str(r["region"] or ""),
                country=str(r["country"] or ""),
                languages=tuple(str(x) for x in r["languages"]),
                good_standing=late is None,
                standing_note=(
                    f"{late[0]} monitoring report(s) overdue since {late[1]}" if late else None
                ),
                current_mentees=mentees.get(str(r["id"]), 0),
            )
        )
    weights = mentors.MentorWeights(
        same_field=settings.mentor_weight_same_field,
        same_region=settings.mentor_weight_same_region,
        shared_language=settings.mentor_weight_shared_language,
        max_per_mentor=settings.mentor_max_candidates,
    )
    return mentors.propose_mentors(candidates, pool, weights)


async def rank_hosts(
    store: GraphStore, settings: Settings, year: int, as_of: dt.date
) -> list[hosts.HostRanking]:
    applicant_rows = await store.run(q.HOST_APPLICANTS, year=year)
    history_rows = await store.run(q.HOST_HISTORY, year=year)
    ids = [str(r["id"]) for r in applicant_rows]
    overdue = {str(r["id"]) for r in await store.run(q.OVERDUE_ON, on=as_of.isoformat())}
    contributed = {
        str(r["key"]): [int(y) for y in r["years"]]
        for r in await store.run(q.CONTRIBUTION_YEARS, ids=ids, year=as_of.year + 1)
    }
    hosted: dict[str, list[int]] = defaultdict(list)
    history = []
    for r in history_rows:
        for city in r["cities"]:
            hosted[str(city)].append(int(r["year"]))
        history.append(
            hosts.PastConference(
                year=int(r["year"]),
                regions=tuple(str(x) for x in r["regions"] if x in hosts.REGION_NAMES),
                fields=tuple(str(x) for x in r["fields"] if x in hosts.FIELD_NAMES),
            )
        )
    applicants = [
        hosts.Applicant(
            city_id=str(r["id"]),
            name=str(r["name"]),
            region=str(r["region"]),
            field=str(r["field"]),
            global_south=bool(r["south"]),
            hosted_years=tuple(sorted(hosted.get(str(r["id"]), []))),
            reports_up_to_date=str(r["id"]) not in overdue,
            contributions_up_to_date=any(
                y >= as_of.year - 2 for y in contributed.get(str(r["id"]), [])
            ),
            venue_seats=r["venue_seats"],
            hotel_rooms=r["hotel_rooms"],
            airport_km=r["airport_km"],
        )
        for r in applicant_rows
        if r["region"] in hosts.REGION_NAMES and r["field"] in hosts.FIELD_NAMES
    ]
    needs = hosts.HostNeeds(
        venue_seats=settings.host_need_venue_seats,
        hotel_rooms=settings.host_need_hotel_rooms,
        airport_km=settings.host_need_airport_km,
    )
    weights = hosts.HostWeights(
        region_rotation=settings.host_weight_region_rotation,
        field_rotation=settings.host_weight_field_rotation,
        global_south=settings.host_weight_global_south,
        standing=settings.host_weight_standing,
        capacity=settings.host_weight_capacity,
        first_time=settings.host_weight_first_time,
    )
    return hosts.rank_hosts(year, applicants, history, needs, weights)


async def check_call(store: GraphStore, settings: Settings, call_year: int) -> calls.CallCheck:
    candidate_rows, member_rows = await _call_and_members(store, call_year)
    opened = {str(r["id"]): int(r["since"]) for r in await store.run(q.FIELDS_OPEN)}
    candidates = [
        calls.CallCandidate(
            city_id=str(r["id"]),
            name=str(r["name"]),
            country=str(r["country"] or ""),
            field=str(r["field"] or ""),
            status=str(r["status"]),
        )
        for r in candidate_rows
    ]
    members = [
        calls.Member(city_id=str(r["id"]), name=str(r["name"]), country=str(r["country"] or ""))
        for r in member_rows
    ]
    rules = calls.CallRules(max_per_country=settings.call_max_per_country)
    return calls.check_applications(call_year, candidates, members, opened, rules)


async def _call_and_members(store: GraphStore, call_year: int) -> tuple[list[Row], list[Row]]:
    """A call's candidate cities, and every member city (mentors; who is one already)."""
    return (
        await store.run(q.CALL_CANDIDATES, year=call_year),
        await store.run(q.MEMBERS),
    )


def _rows(value: object) -> list[list[object]]:
    return [list(v) for v in value] if isinstance(value, list) else []


def _str(value: object) -> str | None:
    return None if value is None else str(value)
