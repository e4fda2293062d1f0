"""Checking a call for applications against the network's rules, before the files go to the
evaluation: a call only opens every `period_years` since 2015, a country may send only so many
applications, a city that is already a member cannot apply again (even under another id or
another spelling of its name), and a creative field only takes applications once it is open.

Every problem is reported, not only the first, with the city ids it concerns, so that the
secretariat can fix a whole call at once; the result does not depend on the order of the
candidates. A candidate whose record in the graph is wrong (the caller found two countries in
it, `record_problem`, or its id comes twice) is reported as a `bad_record` violation and left
out of the other rules, which its record cannot answer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from brain.hosts import FIELD_NAMES
from brain.reasons import Reason
from names import fold_name

# The order violations are reported in: the call as a whole first, then the countries, then
# the single candidates.
RULES: Final = ("calendar", "per_country", "already_member", "field_not_open", "bad_record")

CANDIDATE_STATUSES: Final = ("candidate", "member", "former")


@dataclass(frozen=True, slots=True)
class CallCandidate:
    """A city in a call for applications. A "former" member may apply again; a "member"
    may not."""

    city_id: str
    name: str
    country: str  # ISO 3166 alpha-2 code, as on `Member.country`
    field: str  # creative field id, e.g. "gastronomy"
    status: str  # "candidate", "member", "former"
    record_problem: str | None = None  # why the graph's record of it is unusable, if it is

    def __post_init__(self) -> None:
        if self.record_problem is None and self.status not in CANDIDATE_STATUSES:
            known = ", ".join(CANDIDATE_STATUSES)
            raise ValueError(
                f"candidate {self.city_id!r}: unknown status {self.status!r} (known: {known})"
            )


@dataclass(frozen=True, slots=True)
class Member:
    """A current member city: to catch a candidate that is already a member under another
    id."""

    city_id: str
    name: str
    country: str


@dataclass(frozen=True, slots=True)
class CallRules:
    """The network's rules for a call; 2 applications per country is the 2019 limit."""

    max_per_country: int = 2
    first_call_year: int = 2015
    period_years: int = 2

    def __post_init__(self) -> None:
        if self.max_per_country < 1:
            raise ValueError(f"max_per_country must be at least 1, got {self.max_per_country}")
        if self.period_years < 1:
            raise ValueError(f"period_years must be at least 1, got {self.period_years}")


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule, with the candidates it concerns (none for the calendar)."""

    rule: str  # one of RULES
    message: str
    city_ids: tuple[str, ...]
    reason: Reason


@dataclass(frozen=True, slots=True)
class CallCheck:
    call_year: int
    candidates: int  # how many candidates were checked
    valid: bool  # no violation
    violations: tuple[Violation, ...]


def check_applications(
    call_year: int,
    candidates: Sequence[CallCandidate],
    members: Sequence[Member],
    fields_open_since: Mapping[str, int],
    rules: CallRules = CallRules(),
) -> CallCheck:
    """Checks every rule over the whole call; violations come by rule (in `RULES` order),
    then by their first city id."""
    usable, bad = _usable(candidates)
    violations = [
        *_calendar(call_year, rules),
        *_per_country(usable, rules),
        *_already_members(usable, members),
        *_fields_not_open(call_year, usable, fields_open_since),
        *bad,
    ]
    violations.sort(key=lambda v: (RULES.index(v.rule), v.city_ids[:1]))
    return CallCheck(
        call_year=call_year,
        candidates=len(candidates),
        valid=not violations,
        violations=tuple(violations),
    )


def fold_city_name(name: str) -> str:
    """Accents, case and spacing dropped, so "Kraków" and "KRAKOW " are the same city."""
    return " ".join(fold_name(name).split())


def call_years_around(year: int, rules: CallRules) -> tuple[int | None, int]:
    """The last call year before `year` (None up to the first call) and the first after it."""
    if year < rules.first_call_year:
        return None, rules.first_call_year
    offset = (year - rules.first_call_year) % rules.period_years
    previous = year - (offset or rules.period_years)
    following = previous + rules.period_years if offset else year + rules.period_years
    return (previous if previous >= rules.first_call_year else None), following


def is_call_year(year: int, rules: CallRules) -> bool:
    """A call opens in the first call year and every `period_years` after it."""
    since_first = year - rules.first_call_year
    return since_first >= 0 and since_first % rules.period_years == 0


def _calendar(call_year: int, rules: CallRules) -> list[Violation]:
    if is_call_year(call_year, rules):
        return []
    previous, following = call_years_around(call_year, rules)
    if previous is None:
        text = (
            f"There is no call for applications in {call_year}: "
            f"the first call is in {rules.first_call_year}"
        )
    else:
        text = (
            f"There is no call for applications in {call_year}: "
            f"the previous call was in {previous} and the next is in {following}"
        )
    params = {
        "year": str(call_year),
        "previous": "" if previous is None else str(previous),
        "next": str(following),
    }
    return [Violation("calendar", text, (), Reason("not_a_call_year", text, params))]


def _per_country(candidates: Sequence[CallCandidate], rules: CallRules) -> list[Violation]:
    by_country: defaultdict[str, list[CallCandidate]] = defaultdict(list)
    for candidate in candidates:
        by_country[candidate.country].append(candidate)
    violations = []
    for country, group in by_country.items():
        if len(group) <= rules.max_per_country:
            continue
        group.sort(key=lambda c: c.city_id)
        names = ", ".join(c.name for c in group)
        text = (
            f"{len(group)} applications from {country}, "
            f"at most {rules.max_per_country} allowed: {names}"
        )
        ids = tuple(c.city_id for c in group)
        params = {
            "country": country,
            "count": str(len(group)),
            "max": str(rules.max_per_country),
            "cities": ",".join(ids),
        }
        violations.append(
            Violation("per_country", text, ids, Reason("too_many_from_country", text, params))
        )
    return violations


def _already_members(
    candidates: Sequence[CallCandidate], members: Sequence[Member]
) -> list[Violation]:
    member_ids = {m.city_id for m in members}
    by_name: defaultdict[tuple[str, str], list[Member]] = defaultdict(list)
    for member in members:
        by_name[(fold_city_name(member.name), member.country)].append(member)
    violations = []
    for candidate in candidates:
        namesakes = by_name.get((fold_city_name(candidate.name), candidate.country), [])
        if candidate.status == "member" or candidate.city_id in member_ids:
            reason = Reason(
                "already_member",
                f"{candidate.name} is already a member city",
                {"city": candidate.city_id},
            )
        elif namesakes:
            member = min(namesakes, key=lambda m: (m.city_id, m.name))
            reason = Reason(
                "same_name_as_member",
                f"{candidate.name} ({candidate.city_id}) has the name of member city "
                f"{member.name} ({member.city_id}) in {candidate.country}",
                {
                    "city": candidate.city_id,
                    "member_id": member.city_id,
                    "member_name": member.name,
                    "country": candidate.country,
                },
            )
        else:
            continue
        violations.append(Violation("already_member", reason.text, (candidate.city_id,), reason))
    return violations


def _fields_not_open(
    call_year: int, candidates: Sequence[CallCandidate], fields_open_since: Mapping[str, int]
) -> list[Violation]:
    violations = []
    for candidate in candidates:
        opened = fields_open_since.get(candidate.field)
        if opened is None:
            reason = Reason(
                "unknown_field",
                f"{candidate.name} applied in {candidate.field!r}, "
                "which is not a creative field of the network",
                {"city": candidate.city_id, "field": candidate.field},
            )
        elif opened > call_year:
            name = FIELD_NAMES.get(candidate.field, candidate.field)
            reason = Reason(
                "field_not_open",
                f"{candidate.name} applied in {name}, "
                f"which opens only in {opened}, after the {call_year} call",
                {
                    "city": candidate.city_id,
                    "field": candidate.field,
                    "opened": str(opened),
                    "year": str(call_year),
                },
            )
        else:
            continue
        violations.append(Violation("field_not_open", reason.text, (candidate.city_id,), reason))
    return violations


def _usable(candidates: Sequence[CallCandidate]) -> tuple[list[CallCandidate], list[Violation]]:
    """The candidates whose record can be checked, and a `bad_record` violation for each other:
    one the caller found a problem in, and each id that comes more than once (which of its
    records is right?)."""
    count = Counter(c.city_id for c in candidates)
    usable = [c for c in candidates if count[c.city_id] == 1 and c.record_problem is None]
    problems: dict[str, tuple[str, str]] = {}  # city id -> (name, problem)
    for c in candidates:
        if count[c.city_id] > 1:
            problems.setdefault(
                c.city_id, (c.name, f"the graph holds {count[c.city_id]} records of it")
            )
        elif c.record_problem is not None:
            problems[c.city_id] = (c.name, c.record_problem)
    violations = []
    for city_id, (name, problem) in sorted(problems.items()):
        text = f"{name} ({city_id}) cannot be checked: {problem}; the data needs fixing"
        reason = Reason("bad_record", text, {"city": city_id, "problem": problem})
        violations.append(Violation("bad_record", text, (city_id,), reason))
    return usable, violations
