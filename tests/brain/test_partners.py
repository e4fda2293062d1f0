"""Partner recommendations: hand-built graphs with known answers, then the invariants of any
recommendation over small random worlds (exclusions, scores, the per-country cap, determinism,
and reasons that agree with the breakdown)."""

from __future__ import annotations

import dataclasses
import math
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brain.partners import (
    COMPONENTS,
    Asker,
    Need,
    PartnerWeights,
    Place,
    Places,
    Profile,
    Recommendation,
    Recommendations,
    recommend,
)
from brain.reasons import Reason

AFRICA = "africa"
ARAB = "arab-states"
ASIA = "asia-and-the-pacific"
EUROPE = "europe-and-north-america"
LATAM = "latin-america-and-the-caribbean"
REGIONS = (AFRICA, ARAB, ASIA, EUROPE, LATAM)
TARGETS = ("11.4", "11.3", "4.7", "8.3", "17.17")
FIELDS = ("design", "music", "film", "gastronomy", "literature")
YEAR = 2025

PLACES = Places(
    countries={
        "fr": Place("France", EUROPE),
        "de": Place("Germany", EUROPE),
        "it": Place("Italy", EUROPE),
        "es": Place("Spain", EUROPE),
        "sn": Place("Senegal", AFRICA, south=True),
        "eg": Place("Egypt", ARAB, south=True),
        "br": Place("Brazil", LATAM, south=True),
        "jp": Place("Japan", ASIA),
        "in": Place("India", ASIA, south=True),
    },
    regions={
        AFRICA: "Africa",
        ARAB: "Arab States",
        ASIA: "Asia and the Pacific",
        EUROPE: "Europe and North America",
        LATAM: "Latin America and the Caribbean",
    },
    fields={field: field.title() for field in FIELDS},
    targets=frozenset(TARGETS),
)

# Lyon, a Design city in France, with no partners yet.
LYON = Asker("lyon", "fr", "design")
ASK_11_4 = Need(targets=("11.4",))

PROPERTY = settings(max_examples=200, deadline=None, database=None)


def profile(
    profile_id: str,
    country: str | None = "de",
    fields: tuple[str, ...] = ("music",),
    targets: Iterable[str] = (),
    *,
    kind: str = "city",
    real: Iterable[str] | None = None,
    last_active: int = 2024,
    overdue: int = 0,
    generated: bool = False,
) -> Profile:
    """A candidate; by default a recently active Music city in Germany, all of it real."""
    worked_on = frozenset(targets)
    return Profile(
        kind=kind,
        id=profile_id,
        name=profile_id.title(),
        country=country,
        fields=fields,
        targets=worked_on,
        real_targets=worked_on if real is None else frozenset(real),
        last_active=last_active,
        overdue=overdue,
        generated=generated,
    )


def ids(result: Recommendations) -> list[str]:
    return [item.partner.id for item in result.items]


def keys(result: Recommendations) -> set[tuple[str, str]]:
    return {(item.partner.kind, item.partner.id) for item in result.items}


def by_id(result: Recommendations) -> dict[str, Recommendation]:
    return {item.partner.id: item for item in result.items}


def codes(reasons: Sequence[Reason]) -> list[str]:
    return [reason.code for reason in reasons]


def reason(item: Recommendation, code: str) -> Reason:
    (found,) = [r for r in item.reasons if r.code == code]
    return found


def weighted_mean(breakdown: dict[str, float], weights: PartnerWeights) -> float:
    parts = {
        "thematic": weights.thematic,
        "field": weights.field,
        "novelty": weights.novelty,
        "balance": weights.balance,
        "standing": weights.standing,
        "feedback": weights.feedback,
    }
    assert set(breakdown) == set(parts)
    return math.fsum(parts[name] * breakdown[name] for name in parts) / math.fsum(parts.values())


# --- thematic -------------------------------------------------------------------------------


def test_a_shared_target_beats_a_shared_goal_which_beats_nothing() -> None:
    # Three Music cities in three European countries, alike except for what they work on.
    candidates = [
        profile("nothing", "es", targets=["4.7"]),
        profile("goal", "it", targets=["11.3"]),
        profile("target", "de", targets=["11.4"]),
    ]
    result = recommend(LYON, ASK_11_4, candidates, PLACES, year=YEAR)

    assert ids(result) == ["target", "goal", "nothing"]
    items = by_id(result)
    assert [items[i].breakdown["thematic"] for i in ids(result)] == [1.0, 0.4, 0.0]
    # Everything else is alike: field 0.8, novelty 0.5, balance 0, standing 1, feedback 0.
    for item in result.items:
        assert {k: v for k, v in item.breakdown.items() if k != "thematic"} == {
            "field": 0.8,
            "novelty": 0.5,
            "balance": 0.0,
            "standing": 1.0,
            "feedback": 0.0,
        }
    # 0.35 * thematic + 0.15 * 0.8 + 0.15 * 0.5 + 0.1 * 1
    assert [item.score for item in result.items] == pytest.approx([0.645, 0.435, 0.295])

    shared = reason(items["target"], "shared_target")
    assert shared.text == "Works on SDG 11.4, which you asked for"
    assert shared.params == {"targets": "11.4"}
    goal = reason(items["goal"], "shared_goal")
    assert goal.text == "Works on SDG 11"
    assert goal.params == {"goals": "11"}
    assert "shared_goal" not in codes(items["target"].reasons)
    assert not {"shared_target", "shared_goal"} & set(codes(items["nothing"].reasons))


def test_thematic_is_the_share_of_the_asked_targets() -> None:
    need = Need(targets=("11.4", "4.7"))
    candidates = [
        profile("both", "de", targets=["11.4", "4.7", "8.3"]),
        profile("half", "it", targets=["11.4"]),
        profile("goal", "es", targets=["4.1"]),
        profile("none", "jp", targets=["8.3"]),
    ]
    items = by_id(recommend(LYON, need, candidates, PLACES, year=YEAR))

    assert items["both"].breakdown["thematic"] == 1.0
    assert items["half"].breakdown["thematic"] == pytest.approx(0.5)
    assert items["goal"].breakdown["thematic"] == pytest.approx(0.2)
    assert items["none"].breakdown["thematic"] == 0.0
    assert reason(items["both"], "shared_target").params == {"targets": "4.7, 11.4"}


def test_without_asked_targets_the_asker_own_targets_are_matched() -> None:
    asker = dataclasses.replace(LYON, targets=frozenset({"11.4"}))
    result = recommend(asker, Need(), [profile("porto", targets=["11.4"])], PLACES, year=YEAR)

    (item,) = result.items
    assert item.breakdown["thematic"] == 1.0
    assert reason(item, "shared_target").text == "Both work on SDG 11.4"
    assert not result.without_project_data
    assert result.notes == ()


# --- field ----------------------------------------------------------------------------------


def test_without_asked_fields_another_field_beats_the_same_one() -> None:
    candidates = [profile("aarhus", "de", ("design",)), profile("bologna", "it", ("music",))]
    result = recommend(LYON, Need(), candidates, PLACES, year=YEAR)

    assert ids(result) == ["bologna", "aarhus"]
    items = by_id(result)
    assert items["bologna"].breakdown["field"] == 0.8
    assert items["aarhus"].breakdown["field"] == 0.6
    other = reason(items["bologna"], "complementary_field")
    assert other.text == "Music complements your Design"
    assert other.params == {"field": "Music", "yours": "Design"}
    same = reason(items["aarhus"], "same_field")
    assert same.text == "Also Design: depth in your field"
    assert codes(items["aarhus"].reasons).count("complementary_field") == 0


def test_with_asked_fields_only_those_count() -> None:
    need = Need(fields=("music", "film"))
    candidates = [profile("busan", "jp", ("film",)), profile("aarhus", "de", ("design",))]
    items = by_id(recommend(LYON, need, candidates, PLACES, year=YEAR))

    assert items["busan"].breakdown["field"] == 1.0
    assert reason(items["busan"], "asked_field").text == "A Film partner, as asked"
    assert items["aarhus"].breakdown["field"] == 0.0
    field_codes = {"asked_field", "same_field", "complementary_field"}
    assert not field_codes & set(codes(items["aarhus"].reasons))


def test_an_asker_without_a_field_gets_no_field_score() -> None:
    asker = dataclasses.replace(LYON, field=None)
    (item,) = recommend(asker, Need(), [profile("bologna")], PLACES, year=YEAR).items
    assert item.breakdown["field"] == 0.0


# --- novelty --------------------------------------------------------------------------------


def test_a_warm_introduction_raises_novelty_and_the_own_country_lowers_it() -> None:
    asker = dataclasses.replace(LYON, warm={("city", "porto"): frozenset({"Barcelona", "Aveiro"})})
    candidates = [
        profile("porto", "de"),
        profile("marseille", "fr"),
        profile("bologna", "it"),
    ]
    items = by_id(recommend(asker, ASK_11_4, candidates, PLACES, year=YEAR))

    assert items["porto"].breakdown["novelty"] == 1.0
    warm = reason(items["porto"], "warm_introduction")
    assert warm.text == "Already works with your partner Aveiro"
    assert warm.params == {"via": "Aveiro"}
    assert items["marseille"].breakdown["novelty"] == 0.0
    assert reason(items["marseille"], "same_country").text == "In your own country"
    assert items["bologna"].breakdown["novelty"] == 0.5
    assert not {"warm_introduction", "same_country"} & set(codes(items["bologna"].reasons))
    assert "same_country" not in codes(items["porto"].reasons)


def test_warm_and_in_the_own_country_cancel_out() -> None:
    asker = dataclasses.replace(LYON, warm={("city", "nice"): frozenset({"Barcelona"})})
    (item,) = recommend(asker, ASK_11_4, [profile("nice", "fr")], PLACES, year=YEAR).items
    assert item.breakdown["novelty"] == 0.5
    assert {"warm_introduction", "same_country"} <= set(codes(item.reasons))


# --- balance --------------------------------------------------------------------------------


def test_a_first_partner_in_africa_is_the_most_balancing() -> None:
    asker = dataclasses.replace(LYON, partner_countries=frozenset({"de", "jp", "eg"}))
    candidates = [
        profile("dakar", "sn"),
        profile("milan", "it"),
        profile("cairo", "eg"),
        profile("salvador", "br"),
        profile("chennai", "in"),
        profile("kyoto", "jp"),
    ]
    items = by_id(recommend(asker, ASK_11_4, candidates, PLACES, year=YEAR))

    assert items["dakar"].breakdown["balance"] == 1.0  # south, Africa, first there
    first = reason(items["dakar"], "first_in_region")
    assert first.text == "Would be your first partner in Africa"
    assert first.params == {"region": "Africa"}
    assert "global_south" in codes(items["dakar"].reasons)
    assert "priority_region" not in codes(items["dakar"].reasons)

    assert items["milan"].breakdown["balance"] == 0.0  # the asker's own region, not south
    assert not {"first_in_region", "priority_region", "global_south"} & set(
        codes(items["milan"].reasons)
    )

    assert items["cairo"].breakdown["balance"] == pytest.approx(0.7)  # south, Arab States
    assert reason(items["cairo"], "priority_region").text == "A partner in Arab States"
    assert "first_in_region" not in codes(items["cairo"].reasons)

    assert items["salvador"].breakdown["balance"] == pytest.approx(0.7)  # south, first there
    assert reason(items["salvador"], "first_in_region").params == {
        "region": "Latin America and the Caribbean"
    }
    assert items["chennai"].breakdown["balance"] == pytest.approx(0.4)  # south only
    assert codes(items["chennai"].reasons).count("global_south") == 1
    assert "first_in_region" not in codes(items["chennai"].reasons)
    assert items["kyoto"].breakdown["balance"] == 0.0  # partners already there, not south


def test_an_unknown_country_gets_no_balance() -> None:
    candidates = [profile("atlantis", "zz"), profile("nowhere", None)]
    items = by_id(recommend(LYON, ASK_11_4, candidates, PLACES, year=YEAR))
    assert items["atlantis"].breakdown["balance"] == 0.0
    assert items["nowhere"].breakdown["balance"] == 0.0


# --- standing -------------------------------------------------------------------------------


def test_standing_rewards_recent_work_and_reports_on_time() -> None:
    candidates = [
        profile("active", "de", last_active=2024),
        profile("dormant", "it", last_active=2015, overdue=2),
        profile("late", "es", last_active=2025, overdue=1),
        profile("never", "jp", last_active=0),
    ]
    items = by_id(recommend(LYON, ASK_11_4, candidates, PLACES, year=YEAR))

    assert items["active"].breakdown["standing"] == 1.0
    recent = reason(items["active"], "recently_active")
    assert recent.text == "Active: a project in 2024"
    assert recent.params == {"year": "2024"}
    assert items["dormant"].breakdown["standing"] == 0.0
    assert reason(items["dormant"], "report_overdue").text == "2 monitoring report(s) overdue"
    assert "recently_active" not in codes(items["dormant"].reasons)
    assert items["late"].breakdown["standing"] == 0.5
    assert {"recently_active", "report_overdue"} <= set(codes(items["late"].reasons))
    assert items["never"].breakdown["standing"] == 0.5
    assert "recently_active" not in codes(items["never"].reasons)


def test_recent_years_is_a_weight() -> None:
    dormant = profile("dormant", last_active=2016)
    (short,) = recommend(LYON, ASK_11_4, [dormant], PLACES, year=YEAR).items
    weights = PartnerWeights(recent_years=10)
    (long,) = recommend(LYON, ASK_11_4, [dormant], PLACES, year=YEAR, weights=weights).items
    assert short.breakdown["standing"] == 0.5
    assert long.breakdown["standing"] == 1.0


# --- feedback -------------------------------------------------------------------------------


def test_a_partner_like_a_fruitful_one_is_rewarded() -> None:
    fruitful = profile("busan", "jp", ("film",))
    asker = dataclasses.replace(LYON, fruitful=(fruitful,))
    candidates = [
        profile("bradford", "de", ("film",)),
        profile("bologna", "it", ("music",)),
        profile("chennai", "in", ("music",)),  # in Asia, like Busan
    ]
    items = by_id(recommend(asker, ASK_11_4, candidates, PLACES, year=YEAR))

    assert items["bradford"].breakdown["feedback"] == 1.0
    assert reason(items["bradford"], "like_fruitful").params == {}
    assert items["bologna"].breakdown["feedback"] == 0.0
    assert "like_fruitful" not in codes(items["bologna"].reasons)
    assert items["chennai"].breakdown["feedback"] == 1.0


# --- exclusions, kinds, regions ---------------------------------------------------------------


def test_partners_the_asker_itself_dismissed_and_introduced_are_never_proposed() -> None:
    need = ASK_11_4
    asker = dataclasses.replace(
        LYON,
        partners=frozenset({("city", "berlin")}),
        dismissed=frozenset({("city", "rome", need.key()), ("city", "madrid", "fields=film")}),
        introduced=frozenset({("city", "oslo")}),
    )
    candidates = [
        profile("berlin", "de", targets=["11.4"]),
        profile("lyon", "fr", targets=["11.4"]),
        profile("rome", "it", targets=["11.4"]),
        profile("madrid", "es", targets=["11.4"]),
        profile("oslo", "jp", targets=["11.4"]),
        profile("porto", "br", targets=["11.4"]),
        # the same ids with another kind are other partners
        profile("berlin", "de", kind="institution"),
        profile("lyon", "fr", kind="institution"),
    ]
    result = recommend(asker, need, candidates, PLACES, year=YEAR)

    assert keys(result) == {
        ("city", "madrid"),
        ("city", "porto"),
        ("institution", "berlin"),
        ("institution", "lyon"),
    }
    assert result.considered == 4
    assert result.need_key == "targets=11.4"

    # The same need written another way is the same need: still dismissed.
    again = recommend(asker, Need(targets=("11.4", "11.4")), candidates, PLACES, year=YEAR)
    assert ("city", "rome") not in keys(again)
    # Another need: Rome is back.
    other = recommend(asker, Need(targets=("4.7",)), candidates, PLACES, year=YEAR)
    assert ("city", "rome") in keys(other)


def test_kinds_and_regions_filter_the_candidates() -> None:
    candidates = [
        profile("dakar", "sn"),
        profile("ifan", "sn", kind="institution"),
        profile("bauhaus", "de", kind="institution"),
        profile("milan", "it"),
        profile("stateless", None),
    ]
    institutions = recommend(LYON, Need(kinds=("institution",)), candidates, PLACES, year=YEAR)
    assert keys(institutions) == {("institution", "ifan"), ("institution", "bauhaus")}
    assert institutions.considered == 2

    african = recommend(LYON, Need(regions=(AFRICA,)), candidates, PLACES, year=YEAR)
    assert keys(african) == {("city", "dakar"), ("institution", "ifan")}

    both = Need(regions=(AFRICA, ASIA), kinds=("city",))
    assert keys(recommend(LYON, both, candidates, PLACES, year=YEAR)) == {("city", "dakar")}


# --- diversification ------------------------------------------------------------------------


def test_at_most_two_partners_per_country() -> None:
    germans = [profile(f"d{i}", "de", targets=["11.4"]) for i in range(1, 7)]
    others = [profile("seville", "es"), profile("milan", "it")]
    result = recommend(LYON, ASK_11_4, [*germans, *others], PLACES, year=YEAR, first=4)

    assert ids(result) == ["d1", "d2", "milan", "seville"]
    assert result.items[0].score > result.items[2].score
    assert result.considered == 8

    one = PartnerWeights(max_per_country=1)
    capped = recommend(LYON, ASK_11_4, [*germans, *others], PLACES, year=YEAR, first=4, weights=one)
    assert ids(capped) == ["d1", "milan", "seville"]  # no fourth country to fill the page

    six = PartnerWeights(max_per_country=6)
    wide = recommend(LYON, ASK_11_4, [*germans, *others], PLACES, year=YEAR, first=4, weights=six)
    assert ids(wide) == ["d1", "d2", "d3", "d4"]


def test_many_strong_candidates_in_one_country_do_not_starve_the_page() -> None:
    germans = [profile(f"d{i:02d}", "de", targets=["11.4"]) for i in range(41)]
    others = [profile("milan", "it"), profile("seville", "es")]
    result = recommend(LYON, ASK_11_4, [*germans, *others], PLACES, year=YEAR, first=4)

    assert ids(result) == ["d00", "d01", "milan", "seville"]


# --- without project data ---------------------------------------------------------------------


def test_without_any_targets_partners_still_come_from_fields_and_geography() -> None:
    candidates = [
        profile("dakar", "sn", targets=["11.4"]),
        profile("milan", "it", targets=["4.7"]),
        profile("busan", "jp", ("film",)),
    ]
    result = recommend(LYON, Need(), candidates, PLACES, year=YEAR)

    assert len(result.items) == 3
    assert result.without_project_data
    assert result.need_key == "any"
    assert [note.code for note in result.notes] == ["without_project_data"]
    for item in result.items:
        assert item.breakdown["thematic"] == 0.0
        assert not {"shared_target", "shared_goal"} & set(codes(item.reasons))
        assert not item.rests_on_generated
    assert ids(result)[0] == "dakar"  # balance decides


# --- generated data -------------------------------------------------------------------------


def test_rests_on_generated_follows_the_evidence() -> None:
    candidates = [
        profile("demo_match", "de", targets=["11.4", "4.7"], real=["4.7"]),
        profile("real_match", "it", targets=["11.4", "4.7"], real=["11.4"]),
        profile("generated", "es", targets=["11.4"], generated=True),
        profile("generated_nothing", "jp", generated=True),
        profile("no_match", "br", targets=["8.3"], real=[]),
    ]
    items = by_id(recommend(LYON, ASK_11_4, candidates, PLACES, year=YEAR))

    assert items["demo_match"].rests_on_generated
    assert not items["real_match"].rests_on_generated
    assert items["generated"].rests_on_generated
    assert items["generated_nothing"].rests_on_generated
    assert not items["no_match"].rests_on_generated


def test_a_goal_only_match_on_generated_targets_rests_on_generated() -> None:
    candidate = profile("demo_goal", "de", targets=["11.3"], real=[])
    (item,) = recommend(LYON, ASK_11_4, [candidate], PLACES, year=YEAR).items

    assert item.breakdown["thematic"] == pytest.approx(0.4)  # the evidence: generated 11.3
    assert item.rests_on_generated


# --- need keys and weights --------------------------------------------------------------------


def test_need_key_is_canonical() -> None:
    written = Need(targets=("4.7", "11.4", "4.7"), fields=("music", "design"), regions=(AFRICA,))
    rewritten = Need(
        targets=("11.4", "4.7"), fields=("design", "music", "music"), regions=(AFRICA,)
    )
    assert written.key() == rewritten.key() == "targets=11.4,4.7;fields=design,music;regions=africa"
    assert Need().key() == "any"
    assert Need(kinds=("institution",)).key() == "any"
    distinct = {
        Need(targets=("11.4",)).key(),
        Need(fields=("11.4",)).key(),
        Need(targets=("11.4", "4.7")).key(),
        Need(targets=("4.7",)).key(),
        Need(regions=(AFRICA,)).key(),
        Need().key(),
    }
    assert len(distinct) == 6


@pytest.mark.parametrize(
    "changes",
    [
        {"thematic": -0.1},
        {"feedback": -1e-9},
        {"balance": math.nan},
        {"field": math.inf},
        {name: 0.0 for name in COMPONENTS},
        {"max_per_country": 0},
        {"recent_years": -1},
    ],
)
def test_partner_weights_reject_bad_values(changes: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        PartnerWeights(**changes)  # type: ignore[arg-type]


def test_partner_weights_accept_zeros_when_one_counts() -> None:
    weights = PartnerWeights(
        thematic=0.0, field=0.0, novelty=0.0, balance=0.5, standing=0.0, feedback=0.0
    )
    candidates = [profile("dakar", "sn"), profile("milan", "it", targets=["11.4"])]
    result = recommend(LYON, ASK_11_4, candidates, PLACES, year=YEAR, weights=weights)
    assert ids(result) == ["dakar", "milan"]
    assert [item.score for item in result.items] == [1.0, 0.0]


def test_first_must_be_positive() -> None:
    with pytest.raises(ValueError, match="first"):
        recommend(LYON, ASK_11_4, [profile("milan")], PLACES, year=YEAR, first=0)


# --- properties -------------------------------------------------------------------------------

COUNTRY_CHOICES: tuple[str | None, ...] = (*sorted(PLACES.countries), "zz", None)
ID_POOL = tuple(f"c{i:02d}" for i in range(30))


@dataclass(frozen=True)
class World:
    asker: Asker
    need: Need
    candidates: tuple[Profile, ...]
    first: int
    weights: PartnerWeights | None

    def run(self, candidates: Iterable[Profile] | None = None) -> Recommendations:
        return recommend(
            self.asker,
            self.need,
            self.candidates if candidates is None else candidates,
            PLACES,
            year=YEAR,
            first=self.first,
            weights=self.weights,
        )

    @property
    def used_weights(self) -> PartnerWeights:
        return self.weights or PartnerWeights()

    def allowed(self, candidate: Profile) -> bool:
        """Written from the docstring, independently of the module."""
        key = (candidate.kind, candidate.id)
        region = PLACES.region_of(candidate.country)
        return (
            candidate.kind in self.need.kinds
            and key != ("city", self.asker.id)
            and key not in self.asker.partners
            and key not in self.asker.introduced
            and (*key, self.need.key()) not in self.asker.dismissed
            and (not self.need.regions or region in self.need.regions)
        )


def subset[T](draw: st.DrawFn, pool: Sequence[T], max_size: int | None = None) -> list[T]:
    if not pool:
        return []
    return draw(st.lists(st.sampled_from(pool), unique=True, max_size=max_size))


@st.composite
def profiles(draw: st.DrawFn, key: tuple[str, str]) -> Profile:
    targets = subset(draw, TARGETS, 3)
    return Profile(
        kind=key[0],
        id=key[1],
        name=key[1].upper(),
        country=draw(st.sampled_from(COUNTRY_CHOICES)),
        fields=tuple(subset(draw, FIELDS, 2)),
        targets=frozenset(targets),
        real_targets=frozenset(subset(draw, targets)),
        last_active=draw(st.sampled_from((0, 2010, 2019, 2021, 2022, 2023, 2024, 2025, 2026))),
        overdue=draw(st.integers(0, 2)),
        generated=draw(st.booleans()),
    )


weight_values = st.one_of(st.just(0.0), st.floats(0.01, 1.0))


@st.composite
def weights_st(draw: st.DrawFn) -> PartnerWeights | None:
    if draw(st.booleans()):
        return None
    values = draw(
        st.lists(weight_values, min_size=len(COMPONENTS), max_size=len(COMPONENTS)).filter(
            lambda vs: sum(vs) > 0
        )
    )
    thematic, field, novelty, balance, standing, feedback = values
    return PartnerWeights(
        thematic=thematic,
        field=field,
        novelty=novelty,
        balance=balance,
        standing=standing,
        feedback=feedback,
        recent_years=draw(st.integers(0, 5)),
        max_per_country=draw(st.integers(1, 3)),
    )


@st.composite
def worlds(draw: st.DrawFn) -> World:
    candidate_keys = draw(
        st.lists(
            st.tuples(st.sampled_from(("city", "institution")), st.sampled_from(ID_POOL)),
            min_size=1,
            max_size=25,
            unique=True,
        )
    )
    candidates = tuple(draw(profiles(key)) for key in candidate_keys)
    need = Need(
        targets=tuple(draw(st.lists(st.sampled_from(TARGETS), max_size=3))),
        fields=tuple(subset(draw, FIELDS, 2)),
        regions=tuple(draw(st.lists(st.sampled_from(REGIONS), max_size=2))),
        kinds=draw(st.sampled_from((("city", "institution"), ("city",), ("institution",)))),
    )
    some_keys = st.lists(st.sampled_from(candidate_keys), unique=True, max_size=6)
    names = st.frozensets(st.sampled_from(("Porto", "Aveiro", "Graz")), min_size=1)
    dismissed = {
        (kind, cid, draw(st.sampled_from((need.key(), "any", "fields=film"))))
        for kind, cid in draw(some_keys)
    }
    fruitful = tuple(draw(profiles(("city", f"f{i}"))) for i in range(draw(st.integers(0, 2))))
    asker = Asker(
        id=draw(st.sampled_from(ID_POOL)),
        country=draw(st.sampled_from(COUNTRY_CHOICES)),
        field=draw(st.sampled_from((*FIELDS, None))),
        targets=frozenset(subset(draw, TARGETS, 3)),
        partners=frozenset(draw(some_keys)),
        partner_countries=frozenset(subset(draw, sorted(PLACES.countries), 3)),
        warm={key: draw(names) for key in draw(some_keys)},
        dismissed=frozenset(dismissed),
        introduced=frozenset(draw(some_keys)),
        fruitful=fruitful,
    )
    return World(asker, need, candidates, draw(st.integers(1, 12)), draw(weights_st()))


@PROPERTY
@given(worlds())
def test_property_never_an_excluded_partner(world: World) -> None:
    result = world.run()
    asker = world.asker
    for item in result.items:
        partner = item.partner
        key = (partner.kind, partner.id)
        assert key not in asker.partners
        assert key != ("city", asker.id)
        assert (*key, world.need.key()) not in asker.dismissed
        assert key not in asker.introduced
        assert partner.kind in world.need.kinds
        if world.need.regions:
            assert PLACES.region_of(partner.country) in world.need.regions
    assert result.considered == sum(world.allowed(c) for c in world.candidates)
    assert result.need_key == world.need.key()
    no_targets = not world.need.targets and not asker.targets
    assert result.without_project_data == no_targets
    assert [note.code for note in result.notes] == (["without_project_data"] if no_targets else [])


@PROPERTY
@given(worlds())
def test_property_scores_are_weighted_means_best_first(world: World) -> None:
    result = world.run()
    weights = world.used_weights
    for item in result.items:
        assert set(item.breakdown) == set(COMPONENTS)
        assert all(0.0 <= value <= 1.0 for value in item.breakdown.values())
        assert 0.0 <= item.score <= 1.0
        assert item.score == pytest.approx(weighted_mean(item.breakdown, weights), abs=1e-6)
    scores = [item.score for item in result.items]
    assert scores == sorted(scores, reverse=True)
    if result.without_project_data:
        assert all(item.breakdown["thematic"] == 0.0 for item in result.items)


@PROPERTY
@given(worlds())
def test_property_the_page_is_capped_per_country_and_otherwise_full(world: World) -> None:
    result = world.run()
    cap = world.used_weights.max_per_country
    assert len(result.items) <= world.first
    per_country = Counter(item.partner.country for item in result.items)
    assert all(count <= cap for count in per_country.values())

    # The page is the full ranking, cut by the cap, greedily, best first.
    allowed = [c for c in world.candidates if world.allowed(c)]
    uncapped = dataclasses.replace(world.used_weights, max_per_country=len(allowed) + 1)
    ranking = recommend(
        world.asker,
        world.need,
        world.candidates,
        PLACES,
        year=YEAR,
        first=len(allowed) + 1,
        weights=uncapped,
    )
    assert len(ranking.items) == len(allowed)
    expected: list[tuple[str, str]] = []
    taken: Counter[str | None] = Counter()
    for item in ranking.items:
        if taken[item.partner.country] < cap and len(expected) < world.first:
            taken[item.partner.country] += 1
            expected.append((item.partner.kind, item.partner.id))
    assert [(item.partner.kind, item.partner.id) for item in result.items] == expected


@PROPERTY
@given(worlds(), st.randoms(use_true_random=False))
def test_property_deterministic(world: World, rnd: random.Random) -> None:
    first = world.run()
    assert world.run() == first
    shuffled = list(world.candidates)
    rnd.shuffle(shuffled)
    assert world.run(shuffled) == first
    assert world.run(iter(shuffled)) == first


@PROPERTY
@given(worlds())
def test_property_reasons_agree_with_the_breakdown(world: World) -> None:
    asker, need = world.asker, world.need
    for item in world.run().items:
        partner, breakdown = item.partner, item.breakdown
        said = codes(item.reasons)
        assert len(said) == len(set(said))
        thematic = {"shared_target", "shared_goal"} & set(said)
        assert (len(thematic) == 1) == (breakdown["thematic"] > 0)
        assert len(thematic) <= 1
        assert ("warm_introduction" in said) == ((partner.kind, partner.id) in asker.warm)
        same_country = partner.country is not None and partner.country == asker.country
        assert ("same_country" in said) == same_country
        if "first_in_region" in said:
            assert breakdown["balance"] > 0
        assert ("like_fruitful" in said) == (breakdown["feedback"] > 0)
        fields = {"asked_field", "same_field", "complementary_field"} & set(said)
        assert len(fields) == (1 if breakdown["field"] > 0 else 0)
        if fields:
            expected = (
                "asked_field"
                if need.fields
                else "same_field"
                if asker.field in partner.fields
                else "complementary_field"
            )
            assert fields == {expected}
        assert ("report_overdue" in said) == (partner.overdue > 0)


@PROPERTY
@given(worlds())
def test_property_components_follow_the_docstring(world: World) -> None:
    asker, need = world.asker, world.need
    weights = world.used_weights
    asked = frozenset(need.targets) or asker.targets
    asked_goals = {t.split(".")[0] for t in asked}
    own_region = PLACES.region_of(asker.country)
    partner_regions = {PLACES.region_of(c) for c in asker.partner_countries}
    fruitful_fields = {f for p in asker.fruitful for f in p.fields}
    fruitful_regions = {PLACES.region_of(p.country) for p in asker.fruitful} - {None}
    for item in world.run().items:
        partner, breakdown = item.partner, item.breakdown
        goals = {t.split(".")[0] for t in partner.targets}

        # thematic
        if asked:
            shared = len(partner.targets & asked) / len(asked)
            assert shared - 1e-9 <= breakdown["thematic"] <= 1.0
            if asked <= partner.targets:
                assert breakdown["thematic"] == 1.0
        assert (breakdown["thematic"] > 0) == bool(goals & asked_goals)

        # field
        if need.fields:
            field = 1.0 if set(partner.fields) & set(need.fields) else 0.0
        elif not partner.fields or asker.field is None:
            field = 0.0
        else:
            field = 0.6 if asker.field in partner.fields else 0.8
        assert breakdown["field"] == field

        # novelty
        warm = (partner.kind, partner.id) in asker.warm
        home = partner.country is not None and partner.country == asker.country
        assert breakdown["novelty"] == 0.5 + (0.5 if warm else 0.0) - (0.5 if home else 0.0)

        # balance
        place = PLACES.countries.get(partner.country or "")
        balance = 0.0
        if place is not None:
            balance += 0.4 if place.south else 0.0
            balance += 0.3 if place.region in (AFRICA, ARAB) else 0.0
            first_there = place.region not in partner_regions | {own_region}
            balance += 0.3 if first_there else 0.0
            assert ("first_in_region" in codes(item.reasons)) == first_there
            assert ("global_south" in codes(item.reasons)) == place.south
        assert breakdown["balance"] == pytest.approx(balance)

        # standing
        active = partner.last_active >= YEAR - weights.recent_years
        standing = (0.5 if active else 0.0) + (0.5 if partner.overdue == 0 else 0.0)
        assert breakdown["standing"] == standing
        assert ("recently_active" in codes(item.reasons)) == active

        # feedback
        like = bool(set(partner.fields) & fruitful_fields) or (
            PLACES.region_of(partner.country) in fruitful_regions
        )
        assert breakdown["feedback"] == (1.0 if like else 0.0)


@PROPERTY
@given(worlds())
def test_property_rests_on_generated(world: World) -> None:
    asked = frozenset(world.need.targets) or world.asker.targets
    for item in world.run().items:
        partner = item.partner
        # The thematic evidence: its targets in an asked goal (shared ones and goal-only ones).
        goals = {t.split(".")[0] for t in asked}
        evidence = {t for t in partner.targets if t.split(".")[0] in goals}
        demo = partner.generated or bool(evidence - partner.real_targets)
        assert item.rests_on_generated == demo
        if item.breakdown["thematic"] == 0.0:
            assert item.rests_on_generated == partner.generated
