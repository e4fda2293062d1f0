"""Annual Conference host ranking: hand-built cases with a known winner, the real conference
history from `services/reference/data` ranked as of past years, and properties that hold for
any input."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import fields, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brain.calls import fold_city_name
from brain.hosts import (
    FIELD_NAMES,
    REGION_NAMES,
    ROTATION_HORIZON,
    Applicant,
    HostNeeds,
    HostRanking,
    HostWeights,
    PastConference,
    rank_hosts,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "services" / "reference" / "data"
COMPONENTS = tuple(f.name for f in fields(HostWeights))
PROPERTY = settings(database=None, deadline=None, max_examples=200)


def applicant(
    city_id: str = "bamako",
    *,
    name: str = "",
    region: str = "africa",
    field: str = "music",
    global_south: bool = True,
    hosted_years: tuple[int, ...] = (),
    reports: bool = True,
    contributions: bool = True,
    venue_seats: int | None = 800,
    hotel_rooms: int | None = 1000,
    airport_km: float | None = 20.0,
) -> Applicant:
    return Applicant(
        city_id=city_id,
        name=name or city_id.title(),
        region=region,
        field=field,
        global_south=global_south,
        hosted_years=hosted_years,
        reports_up_to_date=reports,
        contributions_up_to_date=contributions,
        venue_seats=venue_seats,
        hotel_rooms=hotel_rooms,
        airport_km=airport_km,
    )


def by_id(rankings: Sequence[HostRanking]) -> dict[str, HostRanking]:
    return {r.applicant.city_id: r for r in rankings}


def codes(ranking: HostRanking) -> list[str]:
    return [r.code for r in ranking.reasons]


def reason(ranking: HostRanking, code: str) -> str:
    (text,) = [r.text for r in ranking.reasons if r.code == code]
    return text


# --- hand-built cases ---------------------------------------------------------------------


def test_african_first_time_city_beats_a_european_city_that_hosted_two_years_ago() -> None:
    history = [
        PastConference(2024, ("europe-and-north-america",), ("media-arts",)),
        PastConference(2025, ("europe-and-north-america",), ("media-arts",)),
    ]
    bamako = applicant("bamako", region="africa", field="music")
    braga = applicant(
        "braga",
        region="europe-and-north-america",
        field="media-arts",
        global_south=False,
        hosted_years=(2024,),
    )
    ranking = rank_hosts(2026, [braga, bamako], history)

    assert [(r.applicant.city_id, r.rank) for r in ranking] == [("bamako", 1), ("braga", 2)]
    first, second = ranking
    assert first.score == 1.0
    assert first.breakdown == dict.fromkeys(COMPONENTS, 1.0)
    assert codes(first) == [
        "region_never_hosted",
        "field_never_hosted",
        "global_south",
        "standing_ok",
        "capacity_ok",
        "first_time",
    ]
    assert reason(first, "region_never_hosted") == "Africa has never hosted"
    assert reason(first, "field_never_hosted") == "No City of Music has hosted yet"
    assert second.breakdown == {
        "region_rotation": 1 / ROTATION_HORIZON,
        "field_rotation": 1 / ROTATION_HORIZON,
        "global_south": 0.0,
        "standing": 1.0,
        "capacity": 1.0,
        "first_time": 0.0,
    }
    # 0.25/8 + 0.15/8 + 0.15 + 0.15, over weights summing to 1.
    assert second.score == pytest.approx(0.35)
    assert reason(second, "region_rotation") == (
        "Europe and North America last hosted in 2025 (1 year ago)"
    )
    assert (
        reason(second, "field_rotation") == "A City of Media Arts last hosted in 2025 (1 year ago)"
    )
    assert reason(second, "hosted_before") == "Hosted in 2024"
    assert "global_south" not in codes(second)


def test_region_rotation_grows_with_the_years_since_the_region_hosted() -> None:
    history = [PastConference(2019, ("asia-and-the-pacific",), ("crafts-and-folk-art",))]
    city = applicant("jinju", region="asia-and-the-pacific", field="crafts-and-folk-art")
    (ranking,) = rank_hosts(2025, [city], history)
    assert ranking.breakdown["region_rotation"] == 6 / 8
    assert ranking.breakdown["field_rotation"] == 6 / 8
    assert reason(ranking, "region_rotation") == (
        "Asia and the Pacific last hosted in 2019 (6 years ago)"
    )
    (params,) = [r.params for r in ranking.reasons if r.code == "region_rotation"]
    assert params == {"region": "asia-and-the-pacific", "last_year": "2019", "years": "6"}


def test_a_region_that_waited_the_whole_horizon_scores_full_but_is_not_never_hosted() -> None:
    history = [PastConference(2010, ("asia-and-the-pacific",), ("design",))]
    (ranking,) = rank_hosts(2025, [applicant(region="asia-and-the-pacific")], history)
    assert ranking.breakdown["region_rotation"] == 1.0
    assert "region_never_hosted" not in codes(ranking)
    assert reason(ranking, "region_rotation") == (
        "Asia and the Pacific last hosted in 2010 (15 years ago)"
    )


def test_a_conference_with_two_hosts_counts_for_both_fields() -> None:
    history = [PastConference(2018, ("europe-and-north-america",), ("literature", "music"))]
    ranking = by_id(
        rank_hosts(
            2020,
            [applicant("a", field="literature"), applicant("b", field="music")],
            history,
        )
    )
    assert ranking["a"].breakdown["field_rotation"] == 2 / 8
    assert ranking["b"].breakdown["field_rotation"] == 2 / 8


def test_a_conference_at_unesco_headquarters_moves_no_rotation() -> None:
    history = [PastConference(2025, (), ())]
    (ranking,) = rank_hosts(2026, [applicant(region="europe-and-north-america")], history)
    assert ranking.breakdown["region_rotation"] == 1.0
    assert "region_never_hosted" in codes(ranking)


def test_capacity_counts_each_need_and_says_what_is_short() -> None:
    city = applicant(venue_seats=500, hotel_rooms=None, airport_km=90.0)
    (ranking,) = rank_hosts(2026, [city], [])
    # seats 500/800, rooms undeclared, airport 30 km over a 60 km need: 1 - 30/60.
    assert ranking.breakdown["capacity"] == pytest.approx((0.625 + 0.0 + 0.5) / 3)
    shortfalls = [r for r in ranking.reasons if r.code == "capacity_short"]
    assert [r.text for r in shortfalls] == [
        "800 venue seats needed, 500 declared",
        "Did not declare hotel rooms",
        "Airport within 60 km needed, 90 km declared",
    ]
    assert shortfalls[1].params == {"need": "hotel_rooms", "needed": "1000", "declared": ""}
    assert "capacity_ok" not in codes(ranking)


def test_an_airport_twice_the_distance_away_counts_nothing() -> None:
    (ranking,) = rank_hosts(2026, [applicant(airport_km=150.0)], [])
    assert ranking.breakdown["capacity"] == pytest.approx(2 / 3)


def test_more_capacity_than_needed_scores_no_more_than_enough() -> None:
    city = applicant(venue_seats=5000, hotel_rooms=20000, airport_km=0.0)
    (ranking,) = rank_hosts(2026, [city], [], needs=HostNeeds(venue_seats=300, hotel_rooms=400))
    assert ranking.breakdown["capacity"] == 1.0
    assert "capacity_ok" in codes(ranking)


def test_standing_is_half_reports_half_contributions() -> None:
    cities = [
        applicant("a", reports=False),
        applicant("b", contributions=False),
        applicant("c", reports=False, contributions=False),
    ]
    ranking = by_id(rank_hosts(2026, cities, []))
    assert ranking["a"].breakdown["standing"] == 0.5
    assert "reports_overdue" in codes(ranking["a"])
    assert ranking["b"].breakdown["standing"] == 0.5
    assert "contributions_overdue" in codes(ranking["b"])
    assert ranking["c"].breakdown["standing"] == 0.0
    assert {"reports_overdue", "contributions_overdue"} <= set(codes(ranking["c"]))
    assert not any("standing_ok" in codes(r) for r in ranking.values())


def test_hosted_before_lists_every_earlier_year() -> None:
    city = applicant(hosted_years=(2019, 2010, 2015, 2030))
    (ranking,) = rank_hosts(2026, [city], [])
    assert ranking.breakdown["first_time"] == 0.0
    assert reason(ranking, "hosted_before") == "Hosted in 2010, 2015 and 2019"


def test_ties_are_broken_by_city_id() -> None:
    cities = [applicant("zahle"), applicant("abuja"), applicant("medellin")]
    ranking = rank_hosts(2026, cities, [])
    assert [(r.applicant.city_id, r.rank) for r in ranking] == [
        ("abuja", 1),
        ("medellin", 2),
        ("zahle", 3),
    ]


def test_the_weights_decide_between_rotation_and_capacity() -> None:
    history = [PastConference(2025, ("africa",), ("music",))]
    recent_but_ready = applicant("ready", region="africa")
    waiting_but_small = applicant(
        "small", region="arab-states", venue_seats=100, hotel_rooms=100, airport_km=100.0
    )
    cities = [recent_but_ready, waiting_but_small]
    only = dict.fromkeys(COMPONENTS, 0.0)
    rotation = HostWeights(**(only | {"region_rotation": 1.0}))
    capacity = HostWeights(**(only | {"capacity": 1.0}))
    assert rank_hosts(2026, cities, history, weights=rotation)[0].applicant.city_id == "small"
    assert rank_hosts(2026, cities, history, weights=capacity)[0].applicant.city_id == "ready"


def test_invalid_input_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match="venue_seats must not be negative"):
        applicant(venue_seats=-1)
    with pytest.raises(ValueError, match="airport_km must not be negative"):
        applicant(airport_km=-0.5)
    with pytest.raises(ValueError, match="airport_km must not be negative"):
        applicant(airport_km=float("nan"))
    with pytest.raises(ValueError, match="needed hotel_rooms must be a positive number"):
        HostNeeds(hotel_rooms=0)
    with pytest.raises(ValueError, match="weights are all zero"):
        HostWeights(0, 0, 0, 0, 0, 0)
    with pytest.raises(ValueError, match="weight standing must be a finite number >= 0"):
        HostWeights(standing=-0.1)
    with pytest.raises(ValueError, match="unknown region 'Africa'"):
        applicant(region="Africa")
    with pytest.raises(ValueError, match="unknown creative field 'cinema'"):
        PastConference(2020, (), ("cinema",))
    with pytest.raises(ValueError, match="'bamako' applied more than once"):
        rank_hosts(2026, [applicant(), applicant()], [])


def test_no_applicants_no_ranking() -> None:
    assert rank_hosts(2026, [], [PastConference(2025, ("africa",), ("film",))]) == []


# --- the real conference history (services/reference/data) ------------------------------

# How `services/reference/data/conferences.csv` names several hosts, and notes about a host.
HOST_SPLIT = re.compile(r"\s*(?:&|,\s*co-organised with)\s*")
HOST_NOTE = re.compile(r"\s*\(.*?\)\s*")


def csv_rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_city_name(text)).strip("-")


def member_cities() -> dict[tuple[str, str], dict[str, str]]:
    """Member city rows by (folded name, country), with their region and Global South flag."""
    countries = {row["iso2"]: row for row in csv_rows("countries.csv")}
    cities = {}
    for row in csv_rows("uccn_cities.csv"):
        country = countries[row["country_iso2"]]
        cities[(fold_city_name(row["city"]), row["country_iso2"])] = {
            "id": slug(row["city"]),
            "name": row["city"],
            "region": slug(country["unesco_region"]),
            "field": slug(row["creative_field"]),
            "global_south": country["global_south"],
        }
    return cities


def held_conferences() -> list[tuple[int, list[dict[str, str]]]]:
    """The conferences held (not the postponed 2020 one, nor the unverified 2023 one), with
    the member cities that hosted each; UNESCO headquarters is no member city."""
    cities = member_cities()
    held = []
    for row in csv_rows("conferences.csv"):
        if not row["status"].startswith("held"):
            continue
        names = [HOST_NOTE.sub(" ", h).strip() for h in HOST_SPLIT.split(row["host_city"])]
        keys = [(fold_city_name(n), row["host_country_iso2"]) for n in names]
        held.append((int(row["year"]), [cities[k] for k in keys if k in cities]))
    return held


def real_history() -> list[PastConference]:
    return [
        PastConference(
            year,
            tuple(sorted({h["region"] for h in hosts})),
            tuple(sorted({h["field"] for h in hosts})),
        )
        for year, hosts in held_conferences()
    ]


def real_applicants() -> list[Applicant]:
    """Every city that ever hosted, applying again with full capacity and a clean standing."""
    hosted: dict[str, tuple[dict[str, str], list[int]]] = {}
    for year, hosts in held_conferences():
        for host in hosts:
            hosted.setdefault(host["id"], (host, []))[1].append(year)
    return [
        Applicant(
            city_id=city_id,
            name=host["name"],
            region=host["region"],
            field=host["field"],
            global_south=host["global_south"] == "true",
            hosted_years=tuple(years),
            reports_up_to_date=True,
            contributions_up_to_date=True,
            venue_seats=1200,
            hotel_rooms=1500,
            airport_km=30.0,
        )
        for city_id, (host, years) in sorted(hosted.items())
    ]


def test_the_real_history_names_its_hosts() -> None:
    hosts = {year: [h["id"] for h in cities] for year, cities in held_conferences()}
    assert hosts[2018] == ["krakow", "katowice"]
    assert hosts[2022] == ["santos"]
    assert hosts[2025] == ["enghien-les-bains"]  # co-organised with UNESCO headquarters
    assert 2020 not in hosts  # postponed to 2022
    history = {c.year: c for c in real_history()}
    assert history[2018] == PastConference(
        2018, ("europe-and-north-america",), ("literature", "music")
    )


@pytest.mark.parametrize("year", [2009, 2015, 2019, 2022, 2024, 2025, 2026])
def test_ranking_a_past_year_ignores_the_conferences_from_that_year_on(year: int) -> None:
    history = real_history()
    applicants = real_applicants()
    then = rank_hosts(year, applicants, [c for c in history if c.year < year])
    assert rank_hosts(year, applicants, history) == then
    for ranking in then:
        for item in ranking.reasons:
            if item.code in {"region_rotation", "field_rotation"}:
                assert int(item.params["last_year"]) < year
            if item.code == "hosted_before":
                assert all(int(y) < year for y in item.params["years"].split(","))


def test_santos_2022_was_the_first_conference_in_latin_america() -> None:
    santos_then = by_id(rank_hosts(2022, real_applicants(), real_history()))["santos"]
    assert santos_then.breakdown["region_rotation"] == 1.0
    assert santos_then.breakdown["first_time"] == 1.0
    assert reason(santos_then, "region_never_hosted") == (
        "Latin America and the Caribbean has never hosted"
    )
    assert reason(santos_then, "global_south") == "Santos is in the Global South"

    santos_later = by_id(rank_hosts(2024, real_applicants(), real_history()))["santos"]
    assert santos_later.breakdown["region_rotation"] == 2 / 8
    assert santos_later.breakdown["first_time"] == 0.0
    assert reason(santos_later, "region_rotation") == (
        "Latin America and the Caribbean last hosted in 2022 (2 years ago)"
    )
    assert reason(santos_later, "hosted_before") == "Hosted in 2022"


def test_fabriano_2019_as_the_history_saw_it() -> None:
    fabriano = by_id(rank_hosts(2019, real_applicants(), real_history()))["fabriano"]
    assert reason(fabriano, "region_rotation") == (
        "Europe and North America last hosted in 2018 (1 year ago)"
    )
    assert reason(fabriano, "field_rotation") == (
        "A City of Crafts and Folk Art last hosted in 2015 (4 years ago)"
    )
    assert fabriano.breakdown["field_rotation"] == 0.5
    assert fabriano.breakdown["first_time"] == 1.0


def test_for_2026_the_asian_hosts_of_the_global_south_lead() -> None:
    """Every past host applies again, all equally ready. Asia and the Pacific last hosted in
    2015, so its Global South cities tie at the top (in city id order); Santos follows, its
    region and field having hosted 4 years before; Europe, host of 2024 and 2025, comes last,
    and the two Cities of Media Arts that hosted those years after every other."""
    ranking = rank_hosts(2026, real_applicants(), real_history())
    assert [r.applicant.city_id for r in ranking[:4]] == ["chengdu", "seoul", "shenzhen", "santos"]
    assert [r.score for r in ranking[:4]] == pytest.approx([0.9, 0.9, 0.9, 0.7])
    assert [r.applicant.city_id for r in ranking[-2:]] == ["braga", "enghien-les-bains"]
    assert all(r.applicant.region == "europe-and-north-america" for r in ranking[5:])


# --- properties ---------------------------------------------------------------------------

REGIONS = sorted(REGION_NAMES)
FIELDS = sorted(FIELD_NAMES)
YEARS = st.integers(2004, 2032)

applicants_st = st.lists(
    st.builds(
        Applicant,
        city_id=st.text("abcdefgh", min_size=1, max_size=3),
        name=st.sampled_from(["Bamako", "Braga", "Santos", "Jinju"]),
        region=st.sampled_from(REGIONS),
        field=st.sampled_from(FIELDS),
        global_south=st.booleans(),
        hosted_years=st.lists(YEARS, max_size=3).map(tuple),
        reports_up_to_date=st.booleans(),
        contributions_up_to_date=st.booleans(),
        venue_seats=st.none() | st.integers(0, 3000),
        hotel_rooms=st.none() | st.integers(0, 3000),
        airport_km=st.none() | st.floats(0, 300, allow_nan=False),
    ),
    max_size=8,
    unique_by=lambda a: a.city_id,
)
conferences_st = st.lists(
    st.builds(
        PastConference,
        year=YEARS,
        regions=st.lists(st.sampled_from(REGIONS), max_size=2, unique=True).map(tuple),
        fields=st.lists(st.sampled_from(FIELDS), max_size=2, unique=True).map(tuple),
    ),
    max_size=10,
)
needs_st = st.builds(
    HostNeeds,
    venue_seats=st.integers(1, 3000),
    hotel_rooms=st.integers(1, 3000),
    airport_km=st.floats(1, 200, allow_nan=False),
)
weights_st = (
    st.tuples(*[st.just(0.0) | st.floats(1e-6, 10)] * len(COMPONENTS))
    .filter(any)
    .map(lambda values: HostWeights(*values))
)


def capacity_parts(applicant: Applicant, needs: HostNeeds) -> list[float]:
    """The three parts of capacity as the rules state them, recomputed independently."""
    parts = []
    for declared, needed in [
        (applicant.venue_seats, needs.venue_seats),
        (applicant.hotel_rooms, needs.hotel_rooms),
    ]:
        parts.append(0.0 if declared is None else min(1.0, declared / needed))
    km, limit = applicant.airport_km, needs.airport_km
    if km is None:
        parts.append(0.0)
    else:
        parts.append(1.0 if km <= limit else max(0.0, 1 - (km - limit) / limit))
    return parts


@PROPERTY
@given(YEARS, applicants_st, conferences_st, needs_st, weights_st)
def test_rankings_are_ordered_scored_and_bounded(
    year: int,
    applicants: list[Applicant],
    history: list[PastConference],
    needs: HostNeeds,
    weights: HostWeights,
) -> None:
    ranking = rank_hosts(year, applicants, history, needs, weights)
    assert [r.rank for r in ranking] == list(range(1, len(applicants) + 1))
    assert sorted(r.applicant.city_id for r in ranking) == sorted(a.city_id for a in applicants)
    keys = [(-r.score, r.applicant.city_id) for r in ranking]
    assert keys == sorted(keys)
    for r in ranking:
        assert 0.0 <= r.score <= 1.0
        assert tuple(r.breakdown) == COMPONENTS
        assert all(0.0 <= v <= 1.0 for v in r.breakdown.values())
        w = weights.by_component()
        expected = sum(w[k] * r.breakdown[k] for k in COMPONENTS) / sum(w.values())
        assert r.score == pytest.approx(expected)


@PROPERTY
@given(YEARS, applicants_st, conferences_st, needs_st)
def test_reasons_agree_with_the_breakdown(
    year: int, applicants: list[Applicant], history: list[PastConference], needs: HostNeeds
) -> None:
    before = [c for c in history if c.year < year]
    for r in rank_hosts(year, applicants, history, needs):
        a, found = r.applicant, set(codes(r))
        region_hosted = any(a.region in c.regions for c in before)
        field_hosted = any(a.field in c.fields for c in before)
        assert ("region_never_hosted" in found) == (
            r.breakdown["region_rotation"] == 1.0 and not region_hosted
        )
        assert ("region_rotation" in found) == region_hosted
        assert ("field_never_hosted" in found) == (
            r.breakdown["field_rotation"] == 1.0 and not field_hosted
        )
        assert ("field_rotation" in found) == field_hosted
        assert ("global_south" in found) == (r.breakdown["global_south"] == 1.0)
        assert ("standing_ok" in found) == (r.breakdown["standing"] == 1.0)
        assert ("reports_overdue" in found) == (not a.reports_up_to_date)
        assert ("contributions_overdue" in found) == (not a.contributions_up_to_date)
        parts = capacity_parts(a, needs)
        assert r.breakdown["capacity"] == pytest.approx(sum(parts) / 3)
        assert ("capacity_short" in found) == any(p < 1.0 for p in parts)
        assert codes(r).count("capacity_short") == sum(p < 1.0 for p in parts)
        assert ("capacity_ok" in found) == all(p == 1.0 for p in parts)
        assert ("first_time" in found) == (r.breakdown["first_time"] == 1.0)
        assert ("hosted_before" in found) == any(y < year for y in a.hosted_years)


@PROPERTY
@given(YEARS, applicants_st, conferences_st, conferences_st)
def test_later_conferences_never_change_the_ranking(
    year: int,
    applicants: list[Applicant],
    history: list[PastConference],
    later: list[PastConference],
) -> None:
    from_then_on = [replace(c, year=max(c.year, year)) for c in later]
    assert rank_hosts(year, applicants, history + from_then_on) == rank_hosts(
        year, applicants, history
    )


@PROPERTY
@given(YEARS, applicants_st, conferences_st, st.data())
def test_the_order_of_the_input_does_not_matter(
    year: int, applicants: list[Applicant], history: list[PastConference], data: st.DataObject
) -> None:
    reordered_applicants = data.draw(st.permutations(applicants))
    reordered_history = data.draw(st.permutations(history))
    assert rank_hosts(year, reordered_applicants, reordered_history) == rank_hosts(
        year, applicants, history
    )
