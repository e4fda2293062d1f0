"""A bad record (a city the graph gave two countries, an id that comes twice) is left out of a
decision with a `bad_record` reason; it never stops the decision for everyone else (issue 13,
item 2)."""

from __future__ import annotations

from brain.calls import CallCandidate, Member, check_applications
from brain.hosts import Applicant, LeftOut, bad_record, rank_hosts, without_duplicates
from brain.mentors import Candidate, Mentor, propose_mentors

EUROPE = "europe-and-north-america"
TWO_COUNTRIES = "the graph gives it 2 countries (CO, TH), where a city has one"
OPEN = {"design": 2004, "music": 2004}


def test_a_candidate_and_a_mentor_with_bad_records_are_left_out_of_the_pairing() -> None:
    good = Candidate("lima", "Lima", "design", EUROPE, "PE")
    bad = Candidate("cali", "Cali", "", "", "", record_problem=TWO_COUNTRIES)
    sound = Mentor("rome", "Rome", "design", EUROPE, "IT")
    broken = Mentor("bogota", "Bogotá", "", "", "", record_problem=TWO_COUNTRIES)
    result = propose_mentors([bad, good], [broken, sound])
    assert [(p.candidate.id, p.mentor.id) for p in result.pairs] == [("lima", "rome")]
    [unmatched] = result.unmatched
    assert unmatched.candidate.id == "cali"
    [reason] = unmatched.reasons
    assert reason.code == "bad_record"
    assert reason.text == f"Cali is left out: {TWO_COUNTRIES}; the data needs fixing"
    assert reason.params == {"city": "cali", "problem": TWO_COUNTRIES}
    assert [(m.id, r.code) for m, r in result.excluded_mentors] == [("bogota", "bad_record")]


def test_bad_records_come_in_id_order_with_the_other_unmatched_and_excluded() -> None:
    candidates = [
        Candidate("b", "B", "design", EUROPE, "IT", record_problem=TWO_COUNTRIES),
        Candidate("a", "A", "design", EUROPE, "IT"),
        Candidate("c", "C", "design", EUROPE, "IT"),
    ]
    mentors = [
        Mentor("y", "Y", "design", EUROPE, "IT", good_standing=False, standing_note="late"),
        Mentor("x", "X", "design", EUROPE, "IT", record_problem=TWO_COUNTRIES),
    ]
    result = propose_mentors(candidates, mentors)
    assert [u.candidate.id for u in result.unmatched] == ["a", "b", "c"]
    assert [(m.id, r.code) for m, r in result.excluded_mentors] == [
        ("x", "bad_record"),
        ("y", "not_in_good_standing"),
    ]


def applicant(city_id: str) -> Applicant:
    return Applicant(city_id, city_id.title(), "africa", "music", True, (), True, True)


def test_an_applicant_given_twice_is_left_out_and_the_others_are_ranked() -> None:
    once, twice = without_duplicates([applicant("dakar"), applicant("bamako"), applicant("dakar")])
    assert [a.city_id for a in once] == ["bamako"]
    assert twice == [bad_record("dakar", "Dakar", "the graph holds 2 records of it")]
    assert [r.applicant.city_id for r in rank_hosts(2027, once, [])] == ["bamako"]


def test_a_left_out_applicant_says_why() -> None:
    left = bad_record("lagos", "Lagos", TWO_COUNTRIES)
    assert left == LeftOut("lagos", "Lagos", left.reason)
    assert left.reason.code == "bad_record"
    assert left.reason.text == (
        f"Lagos is left out of the ranking: {TWO_COUNTRIES}; the data needs fixing"
    )


def test_a_call_candidate_with_a_bad_record_is_a_violation_and_checked_no_further() -> None:
    candidates = [
        CallCandidate("a", "A", "IT", "design", "candidate"),
        CallCandidate("b", "B", "IT", "design", "candidate"),
        # Its country and status cannot be trusted: it counts for no country and no rule.
        CallCandidate("c", "C", "", "", "applicant", record_problem=TWO_COUNTRIES),
        CallCandidate("d", "D", "IT", "design", "candidate"),
        CallCandidate("d", "D", "FR", "design", "candidate"),
    ]
    result = check_applications(2027, candidates, [Member("m", "M", "IT")], OPEN)
    assert result.candidates == 5
    assert not result.valid
    assert [(v.rule, v.city_ids) for v in result.violations] == [
        ("bad_record", ("c",)),
        ("bad_record", ("d",)),
    ]
    assert result.violations[0].message == (
        f"C (c) cannot be checked: {TWO_COUNTRIES}; the data needs fixing"
    )
    assert "the graph holds 2 records of it" in result.violations[1].message
