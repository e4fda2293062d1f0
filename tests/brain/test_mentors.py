"""Mentor pairing: hand-built cases with known answers, a brute force over every feasible
assignment of small random instances, the invariants of any proposal, and the full size."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brain.mentors import (
    Assignment,
    Candidate,
    Mentor,
    MentorWeights,
    pair_score,
    propose_mentors,
)
from brain.reasons import Reason

EUROPE = "europe-and-north-america"
ASIA = "asia-and-the-pacific"
AFRICA = "africa"

Objective = tuple[int, int, int]  # priority matched, matched, total score in thousandths


def candidate(
    city_id: str,
    field: str = "design",
    region: str = EUROPE,
    languages: tuple[str, ...] = (),
) -> Candidate:
    return Candidate(city_id, city_id.title(), field, region, "XX", languages)


def mentor(
    city_id: str,
    field: str = "design",
    region: str = EUROPE,
    languages: tuple[str, ...] = (),
    *,
    good_standing: bool = True,
    standing_note: str | None = None,
    current_mentees: int = 0,
) -> Mentor:
    return Mentor(
        city_id,
        city_id.title(),
        field,
        region,
        "XX",
        languages,
        good_standing=good_standing,
        standing_note=standing_note,
        current_mentees=current_mentees,
    )


def codes(reasons: Sequence[Reason]) -> list[str]:
    return [reason.code for reason in reasons]


def mentor_of(assignment: Assignment) -> dict[str, str]:
    return {pair.candidate.id: pair.mentor.id for pair in assignment.pairs}


# --- hand-built cases ---------------------------------------------------------------------


def test_a_scarce_mentor_goes_to_the_african_candidate() -> None:
    lyon = candidate("lyon", "design", EUROPE, ("fr",))  # a perfect fit for the mentor
    dakar = candidate("dakar", "music", AFRICA, ("wo",))  # nothing in common with it
    milan = mentor("milan", "design", EUROPE, ("fr",), current_mentees=1)  # one slot left
    result = propose_mentors([lyon, dakar], [milan])

    assert mentor_of(result) == {"dakar": "milan"}
    assert result.pairs[0].score == 0.0
    (waiting,) = result.unmatched
    assert waiting.candidate == lyon
    assert codes(waiting.reasons) == ["mentors_taken", "priority_region"]
    assert waiting.reasons[0].text == (
        "Every eligible mentor is taken by candidates ranked first: Dakar"
    )
    assert waiting.reasons[0].params == {"mentors": "1", "taken_by": "dakar"}
    assert waiting.reasons[1].text == "Candidates from Africa come first when mentors are scarce"


def test_without_a_priority_region_the_best_fit_wins() -> None:
    lyon = candidate("lyon", "design", EUROPE, ("fr",))
    dakar = candidate("dakar", "music", AFRICA, ("wo",))
    milan = mentor("milan", "design", EUROPE, ("fr",), current_mentees=1)
    result = propose_mentors([lyon, dakar], [milan], MentorWeights(priority_regions=()))

    assert mentor_of(result) == {"lyon": "milan"}
    assert codes(result.unmatched[0].reasons) == ["mentors_taken"]


def test_an_unmatched_african_candidate_is_not_told_africa_came_first() -> None:
    accra = candidate("accra", "design", AFRICA)
    dakar = candidate("dakar", "music", AFRICA)
    result = propose_mentors([accra, dakar], [mentor("milan", "design", EUROPE, current_mentees=1)])

    assert mentor_of(result) == {"accra": "milan"}
    assert codes(result.unmatched[0].reasons) == ["mentors_taken"]


def test_the_same_field_is_preferred() -> None:
    porto = candidate("porto", "design", EUROPE, ("pt",))
    result = propose_mentors(
        [porto], [mentor("aarhus", "music", EUROPE), mentor("zagreb", "design", EUROPE)]
    )

    (pair,) = result.pairs
    assert pair.mentor.id == "zagreb"
    assert pair.breakdown == {"same_field": 1.0, "same_region": 1.0, "shared_language": 0.0}
    assert pair.score == pytest.approx(0.8)
    assert [(reason.code, reason.text) for reason in pair.reasons] == [
        ("same_field", "Both are Design cities"),
        ("same_region", "Both in Europe and North America"),
    ]


def test_a_different_field_is_allowed_and_said() -> None:
    porto = candidate("porto", "design", AFRICA, ("fr", "ar"))
    (pair,) = propose_mentors([porto], [mentor("fes", "music", AFRICA, ("ar", "fr"))]).pairs

    assert pair.breakdown == {"same_field": 0.0, "same_region": 1.0, "shared_language": 1.0}
    assert [(reason.code, reason.text, reason.params) for reason in pair.reasons] == [
        (
            "different_field",
            "Mentor is a Music city, candidate applies in Design",
            {"mentor_field": "music", "candidate_field": "design"},
        ),
        ("same_region", "Both in Africa", {"region": AFRICA}),
        ("shared_language", "Both work in French and Arabic", {"languages": "fr,ar"}),
    ]


def test_an_unknown_language_code_is_said_as_is() -> None:
    (pair,) = propose_mentors(
        [candidate("cebu", languages=("ceb",))], [mentor("davao", languages=("ceb",))]
    ).pairs
    assert pair.reasons[-1].text == "Both work in ceb"


def test_a_mentor_not_in_good_standing_is_never_used() -> None:
    note = "monitoring report 2023 overdue since 2023-12-31"
    lapsed = mentor("bologna", "design", EUROPE, ("it",), good_standing=False, standing_note=note)
    fallback = mentor("seoul", "film", ASIA)
    result = propose_mentors([candidate("turin", "design", EUROPE, ("it",))], [lapsed, fallback])

    assert mentor_of(result) == {"turin": "seoul"}
    ((excluded, reason),) = result.excluded_mentors
    assert excluded == lapsed
    assert reason.code == "not_in_good_standing"
    assert reason.text == f"Not in good standing: {note}"
    assert reason.params == {"note": note}


def test_with_only_lapsed_mentors_no_candidate_has_an_eligible_mentor() -> None:
    lapsed = mentor("bologna", good_standing=False)
    result = propose_mentors([candidate("turin")], [lapsed])

    assert result.pairs == ()
    assert codes(result.unmatched[0].reasons) == ["no_eligible_mentor"]
    assert result.excluded_mentors[0][1].text == "Not in good standing"


def test_a_mentor_takes_at_most_two_candidates() -> None:
    candidates = [candidate(city_id) for city_id in ("alba", "bari", "como")]
    result = propose_mentors(candidates, [mentor("milan")])

    assert mentor_of(result) == {"alba": "milan", "bari": "milan"}
    assert [waiting.candidate.id for waiting in result.unmatched] == ["como"]
    assert result.excluded_mentors == ()


def test_current_mentees_use_up_capacity() -> None:
    candidates = [candidate(city_id) for city_id in ("alba", "bari", "como")]
    result = propose_mentors(candidates, [mentor("milan", current_mentees=1)])
    assert len(result.pairs) == 1

    full = mentor("milan", current_mentees=2)
    result = propose_mentors(candidates, [full])
    assert result.pairs == ()
    assert [codes(waiting.reasons) for waiting in result.unmatched] == [["no_eligible_mentor"]] * 3
    ((excluded, reason),) = result.excluded_mentors
    assert excluded == full
    assert reason.code == "no_capacity"
    assert reason.text == "Already mentors 2 candidates, the limit is 2"


def test_the_global_assignment_beats_greedy() -> None:
    # Greedy takes the best pair first (lyon-madrid, 0.8) and leaves Graz only Kyoto (0.0):
    # 0.8 in all. Lyon is nearly as happy with Kyoto (0.7) and Graz likes Madrid (0.5): 1.2.
    lyon = candidate("lyon", "design", EUROPE, ("fr",))
    graz = candidate("graz", "music", EUROPE, ("en",))
    madrid = mentor("madrid", "design", EUROPE, ("en",))
    kyoto = mentor("kyoto", "design", ASIA, ("fr",))
    weights = MentorWeights(max_per_mentor=1)
    scores = {
        (c.id, m.id): pair_score(c, m, weights)[0] for c in (lyon, graz) for m in (madrid, kyoto)
    }
    assert max(scores, key=scores.__getitem__) == ("lyon", "madrid")
    assert scores["lyon", "madrid"] + scores["graz", "kyoto"] == pytest.approx(0.8)

    result = propose_mentors([lyon, graz], [madrid, kyoto], weights)

    assert mentor_of(result) == {"lyon": "kyoto", "graz": "madrid"}
    assert sum(pair.score for pair in result.pairs) == pytest.approx(1.2)


def test_one_more_match_outweighs_a_better_score() -> None:
    # "paris" is a candidate that is also listed as a mentor: it cannot mentor itself, so it
    # can only have "quito"; Rome fits Quito better but takes Paris' mentor so both are served.
    paris = candidate("paris", "music", ASIA)
    rome = candidate("rome", "design", EUROPE, ("it",))
    quito = mentor("quito", "design", EUROPE, ("it",))
    result = propose_mentors(
        [paris, rome], [mentor("paris", "film", ASIA), quito], MentorWeights(max_per_mentor=1)
    )

    assert mentor_of(result) == {"paris": "quito", "rome": "paris"}


def test_a_city_never_mentors_itself() -> None:
    result = propose_mentors([candidate("lima")], [mentor("lima")])
    assert result.pairs == ()
    assert codes(result.unmatched[0].reasons) == ["no_eligible_mentor"]


def test_pair_score_is_the_weighted_share_of_what_they_have_in_common() -> None:
    lagos = candidate("lagos", "film", AFRICA, ("en", "yo"))
    accra = mentor("accra", "film", AFRICA, ("en",))
    assert pair_score(lagos, accra, MentorWeights()) == (
        1.0,
        {"same_field": 1.0, "same_region": 1.0, "shared_language": 1.0},
    )
    abuja = mentor("abuja", "music", AFRICA, ("ha",))
    assert pair_score(lagos, abuja, MentorWeights(2.0, 1.0, 1.0))[0] == pytest.approx(0.25)
    assert pair_score(lagos, abuja, MentorWeights(0.0, 0.0, 0.0))[0] == 0.0


@pytest.mark.parametrize(
    "bad",
    [
        {"same_field": -0.1},
        {"same_region": float("nan")},
        {"shared_language": float("inf")},
        {"max_per_mentor": -1},
    ],
)
def test_weights_are_checked(bad: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        MentorWeights(**bad)  # type: ignore[arg-type]


def test_an_id_given_twice_is_left_out_as_a_bad_record() -> None:
    twice = propose_mentors([candidate("lima"), candidate("lima")], [mentor("rome")])
    assert twice.pairs == ()
    [(left, reasons)] = [(u.candidate.id, u.reasons) for u in twice.unmatched]
    assert left == "lima"
    assert [r.code for r in reasons] == ["bad_record"]
    assert "2 records" in reasons[0].text
    shared = propose_mentors([candidate("lima")], [mentor("rome"), mentor("rome")])
    assert shared.pairs == ()
    assert [(m.id, r.code) for m, r in shared.excluded_mentors] == [("rome", "bad_record")]


def test_nothing_in_nothing_out() -> None:
    assert propose_mentors([], []) == Assignment((), (), ())


# --- brute force and invariants over random small instances -------------------------------

FIELDS = ("design", "music", "film")
REGIONS = (AFRICA, "arab-states", EUROPE)
LANGUAGES = ("fr", "en", "ar")
WEIGHT_VALUES = (0.0, 0.2, 0.3, 0.5, 1.0)


@st.composite
def instances(
    draw: st.DrawFn, max_candidates: int, max_mentors: int
) -> tuple[list[Candidate], list[Mentor], MentorWeights]:
    """Small networks; a few mentor ids equal candidate ids, to exercise 'never itself'."""
    languages = st.lists(st.sampled_from(LANGUAGES), unique=True, max_size=2).map(tuple)
    candidates = [
        Candidate(
            f"c{index}",
            f"City {index}",
            draw(st.sampled_from(FIELDS)),
            draw(st.sampled_from(REGIONS)),
            "XX",
            draw(languages),
        )
        for index in range(draw(st.integers(0, max_candidates)))
    ]
    pool = [f"m{index}" for index in range(max_mentors)] + ["c0", "c1"]
    mentor_ids = draw(st.lists(st.sampled_from(pool), unique=True, max_size=max_mentors))
    mentors = []
    for mentor_id in mentor_ids:
        good_standing = draw(st.booleans())
        mentors.append(
            Mentor(
                mentor_id,
                f"Mentor {mentor_id}",
                draw(st.sampled_from(FIELDS)),
                draw(st.sampled_from(REGIONS)),
                "XX",
                draw(languages),
                good_standing=good_standing,
                standing_note=None if good_standing else "report overdue",
                current_mentees=draw(st.integers(0, 2)),
            )
        )
    return candidates, mentors, draw_weights(draw)


@st.composite
def crowded_instances(
    draw: st.DrawFn, max_candidates: int, max_mentors: int
) -> tuple[list[Candidate], list[Mentor], MentorWeights]:
    """A few (field, region, languages) profiles, each held by several mentors, so many
    mentors are interchangeable; candidates want the same profiles, and a mentor "c0" (the
    id of a candidate) may share its profile with the others."""
    languages = st.lists(st.sampled_from(LANGUAGES), unique=True, max_size=2).map(tuple)
    profile = st.sampled_from(
        draw(
            st.lists(
                st.tuples(st.sampled_from(FIELDS), st.sampled_from(REGIONS), languages),
                min_size=1,
                max_size=3,
            )
        )
    )
    candidates = []
    for index in range(draw(st.integers(0, max_candidates))):
        field, region, spoken = draw(profile)
        candidates.append(Candidate(f"c{index}", f"City {index}", field, region, "XX", spoken))
    mentor_ids = [f"m{index}" for index in range(draw(st.integers(0, max_mentors)))]
    if draw(st.booleans()):
        mentor_ids.append("c0")
    mentors = []
    for mentor_id in mentor_ids:
        field, region, spoken = draw(profile)
        good_standing = draw(st.sampled_from((True, True, False)))
        mentors.append(
            Mentor(
                mentor_id,
                f"Mentor {mentor_id}",
                field,
                region,
                "XX",
                spoken,
                good_standing=good_standing,
                standing_note=None if good_standing else "report overdue",
                current_mentees=draw(st.integers(0, 2)),
            )
        )
    return candidates, mentors, draw_weights(draw)


def draw_weights(draw: st.DrawFn) -> MentorWeights:
    return MentorWeights(
        same_field=draw(st.sampled_from(WEIGHT_VALUES)),
        same_region=draw(st.sampled_from(WEIGHT_VALUES)),
        shared_language=draw(st.sampled_from(WEIGHT_VALUES)),
        max_per_mentor=draw(st.integers(1, 2)),
        priority_regions=tuple(
            draw(st.lists(st.sampled_from((AFRICA, "arab-states")), unique=True, max_size=2))
        ),
    )


def slots(item: Mentor, weights: MentorWeights) -> int:
    """Free slots, computed here again rather than taken from the module."""
    return max(0, weights.max_per_mentor - item.current_mentees) if item.good_standing else 0


def points(applicant: Candidate, adviser: Mentor, weights: MentorWeights) -> int:
    """The pair score in thousandths, computed here again rather than taken from the module."""
    hits = (
        (weights.same_field, applicant.field == adviser.field),
        (weights.same_region, applicant.region == adviser.region),
        (weights.shared_language, bool(set(applicant.languages) & set(adviser.languages))),
    )
    total = weights.same_field + weights.same_region + weights.shared_language
    return round(sum(weight for weight, hit in hits if hit) / total * 1000) if total else 0


def best_objective(
    candidates: list[Candidate], mentors: list[Mentor], weights: MentorWeights
) -> Objective:
    """The best (priority matched, matched, total score) over every feasible assignment."""
    free = {item.id: slots(item, weights) for item in mentors}
    best: Objective = (0, 0, 0)

    def walk(index: int, reached: Objective) -> None:
        nonlocal best
        if index == len(candidates):
            best = max(best, reached)
            return
        applicant = candidates[index]
        walk(index + 1, reached)  # left unmatched
        priority = int(applicant.region in weights.priority_regions)
        for adviser in mentors:
            if free[adviser.id] > 0 and adviser.id != applicant.id:
                free[adviser.id] -= 1
                walk(
                    index + 1,
                    (
                        reached[0] + priority,
                        reached[1] + 1,
                        reached[2] + points(applicant, adviser, weights),
                    ),
                )
                free[adviser.id] += 1

    walk(0, best)
    return best


def objective(result: Assignment, weights: MentorWeights) -> Objective:
    return (
        sum(pair.candidate.region in weights.priority_regions for pair in result.pairs),
        len(result.pairs),
        sum(points(pair.candidate, pair.mentor, weights) for pair in result.pairs),
    )


def assert_valid(
    result: Assignment, candidates: list[Candidate], mentors: list[Mentor], weights: MentorWeights
) -> None:
    """What every proposal must satisfy, whatever the instance."""
    # each candidate exactly once, both lists ordered by candidate id
    paired = [pair.candidate.id for pair in result.pairs]
    waiting = [entry.candidate.id for entry in result.unmatched]
    assert paired == sorted(paired)
    assert waiting == sorted(waiting)
    assert sorted(paired + waiting) == sorted(item.id for item in candidates)

    # only eligible mentors, never over capacity, never itself
    load = Counter(pair.mentor.id for pair in result.pairs)
    for pair in result.pairs:
        assert pair.mentor.good_standing
        assert pair.mentor.id != pair.candidate.id
    for mentor_id, used in load.items():
        (adviser,) = [item for item in mentors if item.id == mentor_id]
        assert used <= slots(adviser, weights)

    # the excluded mentors are exactly the ineligible ones, with the right code
    expected = sorted((item for item in mentors if slots(item, weights) == 0), key=lambda m: m.id)
    assert [item for item, _ in result.excluded_mentors] == expected
    for item, reason in result.excluded_mentors:
        assert reason.code == ("no_capacity" if item.good_standing else "not_in_good_standing")

    # scores, breakdowns and reasons agree
    for pair in result.pairs:
        assert 0.0 <= pair.score <= 1.0
        assert round(pair.score * 1000) == points(pair.candidate, pair.mentor, weights)
        assert (pair.score, pair.breakdown) == pair_score(pair.candidate, pair.mentor, weights)
        said = codes(pair.reasons)
        for component in ("same_field", "same_region", "shared_language"):
            assert (component in said) == (pair.breakdown[component] == 1.0)
        assert ("different_field" in said) == (pair.breakdown["same_field"] == 0.0)

    # an unmatched candidate either had no mentor at all, or every one it could have is full
    for entry in result.unmatched:
        own = [item for item in mentors if slots(item, weights) and item.id != entry.candidate.id]
        said = codes(entry.reasons)
        if not own:
            assert said == ["no_eligible_mentor"]
            continue
        assert said[0] == "mentors_taken"
        assert all(load[item.id] == slots(item, weights) for item in own)
        if "priority_region" in said:
            assert entry.candidate.region not in weights.priority_regions


@settings(max_examples=200, deadline=None, database=None)
@given(instances(max_candidates=5, max_mentors=4))
def test_scarce_mentors_reach_the_brute_force_optimum(
    instance: tuple[list[Candidate], list[Mentor], MentorWeights],
) -> None:
    candidates, mentors, weights = instance
    result = propose_mentors(candidates, mentors, weights)
    assert_valid(result, candidates, mentors, weights)
    assert objective(result, weights) == best_objective(candidates, mentors, weights)


@settings(max_examples=200, deadline=None, database=None)
@given(instances(max_candidates=3, max_mentors=8))
def test_plentiful_mentors_reach_the_brute_force_optimum(
    instance: tuple[list[Candidate], list[Mentor], MentorWeights],
) -> None:
    """More mentors than candidates: mentors with one profile merge into a class, and a
    candidate also listed as a mentor gets a shortlist cut at n slots."""
    candidates, mentors, weights = instance
    result = propose_mentors(candidates, mentors, weights)
    assert_valid(result, candidates, mentors, weights)
    assert objective(result, weights) == best_objective(candidates, mentors, weights)


@settings(max_examples=200, deadline=None, database=None)
@given(crowded_instances(max_candidates=4, max_mentors=7))
def test_interchangeable_mentors_reach_the_brute_force_optimum(
    instance: tuple[list[Candidate], list[Mentor], MentorWeights],
) -> None:
    """Mentors of one profile share a class; "c0" keeps a class of its own, never its own."""
    candidates, mentors, weights = instance
    result = propose_mentors(candidates, mentors, weights)
    assert_valid(result, candidates, mentors, weights)
    assert objective(result, weights) == best_objective(candidates, mentors, weights)


@settings(max_examples=100, deadline=None, database=None)
@given(instances(max_candidates=5, max_mentors=6), st.randoms(use_true_random=False))
def test_the_proposal_does_not_depend_on_input_order(
    instance: tuple[list[Candidate], list[Mentor], MentorWeights], shuffler: random.Random
) -> None:
    candidates, mentors, weights = instance
    first = propose_mentors(candidates, mentors, weights)
    assert propose_mentors(candidates, mentors, weights) == first
    shuffled_candidates, shuffled_mentors = list(candidates), list(mentors)
    shuffler.shuffle(shuffled_candidates)
    shuffler.shuffle(shuffled_mentors)
    assert propose_mentors(shuffled_candidates, shuffled_mentors, weights) == first


def test_ties_are_broken_by_mentor_id() -> None:
    twins = [mentor("m2"), mentor("m1"), mentor("m3")]
    result = propose_mentors([candidate("c1")], twins, MentorWeights(max_per_mentor=1))
    assert mentor_of(result) == {"c1": "m1"}


def test_interchangeable_mentors_are_filled_in_id_order() -> None:
    """Candidates in id order take the free slots of alike mentors in id order, each mentor's
    slots filled before the next mentor's, whatever each candidate has in common with them."""
    candidates = [
        candidate("alba", languages=("en",)),
        candidate("bari", languages=("fr",)),
        candidate("como", languages=("en",)),
    ]
    alike = [
        mentor("oslo", languages=("en",)),
        mentor("milan", languages=("en",), current_mentees=1),
        mentor("lyon", languages=("en",), current_mentees=1),
    ]
    result = propose_mentors(candidates, alike)

    assert mentor_of(result) == {"alba": "lyon", "bari": "milan", "como": "oslo"}
    assert [pair.score for pair in result.pairs] == [1.0, pytest.approx(0.8), 1.0]


def test_a_candidate_listed_as_a_mentor_is_never_its_own_even_among_alike_mentors() -> None:
    # "alba" is alike to "milan" and each has one slot left: both candidates are served only
    # if Alba goes to Milan and Bari to Alba.
    candidates = [candidate("alba"), candidate("bari")]
    alike = [mentor("alba", current_mentees=1), mentor("milan", current_mentees=1)]
    result = propose_mentors(candidates, alike)

    assert mentor_of(result) == {"alba": "milan", "bari": "alba"}


# --- full size ----------------------------------------------------------------------------

ALL_FIELDS = (
    "crafts-and-folk-art",
    "design",
    "film",
    "gastronomy",
    "literature",
    "media-arts",
    "music",
)
ALL_REGIONS = (AFRICA, "arab-states", ASIA, EUROPE, "latin-america-and-the-caribbean")


def test_a_hundred_candidates_and_a_thousand_mentors() -> None:
    """105 (field, region, language) profiles, each held by nine or ten mentors with one or two
    free slots; the candidates crowd onto 15 profiles, six or seven each. Every candidate can
    still get a perfect fit, but only if the assignment shares each profile's slots out."""
    profiles = [
        (field, region, (language,))
        for field in ALL_FIELDS
        for region in ALL_REGIONS
        for language in LANGUAGES
    ]
    rng = random.Random(7)
    mentors = []
    for index in range(1000):
        field, region, languages = profiles[index % len(profiles)]
        mentors.append(
            Mentor(
                f"m{index:04d}",
                f"Mentor {index}",
                field,
                region,
                "XX",
                languages,
                current_mentees=rng.randint(0, 1),
            )
        )
    candidates = []
    for index in range(100):
        field, region, languages = profiles[(index * 7) % len(profiles)]
        candidates.append(
            Candidate(f"c{index:03d}", f"Candidate {index}", field, region, "XX", languages)
        )

    result = propose_mentors(candidates, mentors)

    assert len(result.pairs) == 100
    assert result.unmatched == ()
    assert result.excluded_mentors == ()
    assert all(pair.score == 1.0 for pair in result.pairs)
    assert max(Counter(pair.mentor.id for pair in result.pairs).values()) <= 2


def test_six_hundred_candidates_and_nine_thousand_mentors() -> None:
    """A whole call against the whole network: 8 fields, 5 regions, one or two of 12
    languages; every tenth mentor out of good standing, some already mentoring, a few
    candidates also listed as mentors. Mentors are plentiful, so the optimum serves every
    candidate with the best score any eligible mentor could give it alone."""
    fields = (*ALL_FIELDS, "architecture")
    languages = ("ar", "de", "en", "es", "fr", "hi", "it", "ja", "pt", "ru", "sw", "zh")
    rng = random.Random(11)

    def spoken() -> tuple[str, ...]:
        return tuple(rng.sample(languages, rng.randint(1, 2)))

    candidates = [
        Candidate(
            f"c{index:03d}",
            f"Candidate {index}",
            rng.choice(fields),
            rng.choice(ALL_REGIONS),
            "XX",
            spoken(),
        )
        for index in range(600)
    ]
    mentors = []
    for index in range(9000):
        late = index % 10 == 9
        mentors.append(
            Mentor(
                f"c{index:03d}" if index < 5 else f"m{index:04d}",  # five are also candidates
                f"Mentor {index}",
                rng.choice(fields),
                rng.choice(ALL_REGIONS),
                "XX",
                spoken(),
                good_standing=not late,
                standing_note="report overdue" if late else None,
                current_mentees=2 if index % 15 == 14 else int(index % 7 == 1),
            )
        )
    weights = MentorWeights()

    result = propose_mentors(candidates, mentors, weights)

    assert_valid(result, candidates, mentors, weights)
    assert result.unmatched == ()
    assert len(result.excluded_mentors) == sum(slots(item, weights) == 0 for item in mentors)
    # The best each candidate could get alone, from which components some eligible mentor
    # shares with it (None: that component is not asked for).
    held = {
        (field, region, language)
        for item in mentors
        if slots(item, weights)
        for field in (item.field, None)
        for region in (item.region, None)
        for language in (*item.languages, None)
    }

    def best_alone(applicant: Candidate) -> int:
        return max(
            points(
                applicant,
                mentor("x", field or "-", region or "-", (language,) if language else ()),
                weights,
            )
            for field in (applicant.field, None)
            for region in (applicant.region, None)
            for language in (*applicant.languages, None)
            if (field, region, language) in held
        )

    assert objective(result, weights) == (
        sum(applicant.region in weights.priority_regions for applicant in candidates),
        600,
        sum(best_alone(applicant) for applicant in candidates),
    )
    shuffled_candidates, shuffled_mentors = list(candidates), list(mentors)
    rng.shuffle(shuffled_candidates)
    rng.shuffle(shuffled_mentors)
    assert propose_mentors(shuffled_candidates, shuffled_mentors, weights) == result
