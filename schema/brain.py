"""The brain in the API: partner recommendations, mentor pairing, host ranking, call checks.

Thin resolvers: arguments in, `services.brain` (data) and `brain/` (decisions) do the work,
typed results out. Errors are union members naming the field."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from brain import calls, mentors, partners
from brain.reasons import Reason as ReasonData
from schema.city import City
from schema.context import Context
from schema.enums import CreativeFieldCode, PartnerKind, RegionCode
from schema.errors import ForbiddenError, NotFoundError, ValidationError
from schema.institution import PartnerInstitution
from schema.limits import bounded
from schema.outcome import node_key, outcome
from services.hosts import Ranked

MAX_PARAMS = 4  # values in one reason's sentence
MAX_PARTS = 6  # components of a score
MAX_REASONS = 12  # reasons given for one answer

Partner = Annotated[City | PartnerInstitution, strawberry.union("Partner")]


@strawberry.type(description="A value in a reason's sentence, by name.")
class ReasonParam:
    name: str
    value: str


@strawberry.type(description="A short sentence saying why, with a stable code to translate by.")
class Reason:
    code: str
    text: str
    params: list[ReasonParam] = strawberry.field(metadata=bounded(MAX_PARAMS))

    @classmethod
    def of(cls, reason: ReasonData) -> Reason:
        params = [ReasonParam(name=k, value=v) for k, v in sorted(reason.params.items())]
        return cls(code=reason.code, text=reason.text, params=params)


@strawberry.type(description="One part of a score: its weight, its value and what it adds.")
class ScorePart:
    name: str
    weight: float
    value: float = strawberry.field(description="In [0, 1].")
    contribution: float = strawberry.field(description="weight × value / sum of weights.")


def _parts(breakdown: dict[str, float], weights: dict[str, float]) -> list[ScorePart]:
    total = sum(weights.values()) or 1.0
    return [
        ScorePart(
            name=name,
            weight=weights[name],
            value=value,
            contribution=round(weights[name] * value / total, 6),
        )
        for name, value in breakdown.items()
    ]


@strawberry.input(description="What a city looks for; every part optional.")
class NeedInput:
    sdg_targets: list[str] = strawberry.field(default_factory=list)
    fields: list[CreativeFieldCode] = strawberry.field(default_factory=list)
    regions: list[RegionCode] = strawberry.field(default_factory=list)
    kinds: list[PartnerKind] = strawberry.field(
        default_factory=lambda: [PartnerKind.CITY, PartnerKind.INSTITUTION]
    )

    def need(self) -> partners.Need:
        return partners.Need(
            targets=tuple(t.strip() for t in self.sdg_targets),
            fields=tuple(f.value for f in self.fields),
            regions=tuple(r.value for r in self.regions),
            kinds=tuple(k.value for k in self.kinds),
        )


@strawberry.type(description="A proposed partner, its score, how the score is made, and why.")
class PartnerRecommendation:
    kind: PartnerKind
    partner_id: str = strawberry.field(description="The partner's slug.")
    name: str
    score: float = strawberry.field(description="In [0, 1]; the list is sorted by it.")
    breakdown: list[ScorePart] = strawberry.field(metadata=bounded(MAX_PARTS))
    reasons: list[Reason] = strawberry.field(metadata=bounded(MAX_REASONS))
    rests_on_generated_data: bool = strawberry.field(
        description="The partner, or the projects behind its thematic fit, are generated data."
    )

    @strawberry.field(description="The partner itself.")
    async def partner(self, info: Info[Context, None]) -> Partner | None:
        label = "City" if self.kind is PartnerKind.CITY else "PartnerInstitution"
        props = await info.context.loaders.node(label).load(self.partner_id)
        if props is None:
            return None
        if self.kind is PartnerKind.CITY:
            return City.from_props(props)
        return PartnerInstitution.from_props(props)


@strawberry.type
class PartnerRecommendations:
    city_id: str
    need_key: str = strawberry.field(description="The need, canonical: what dismissals refer to.")
    without_project_data: bool = strawberry.field(
        description="No SDG targets to match: proposed from fields, balance and geography only."
    )
    rests_on_generated_data: bool = strawberry.field(
        description="At least one recommendation rests on generated (demo) data."
    )
    considered: int = strawberry.field(description="Candidates scored after the exclusions.")
    notes: list[Reason] = strawberry.field(metadata=bounded(MAX_REASONS))
    # At most `first` items: the root field's `first` already multiplies their cost.
    items: list[PartnerRecommendation] = strawberry.field(metadata=bounded(1))


RecommendResult = Annotated[
    PartnerRecommendations | ValidationError | NotFoundError,
    strawberry.union("RecommendPartnersResult"),
]


async def recommend_partners(
    info: Info[Context, None],
    city: strawberry.ID,
    need: NeedInput | None = None,
    first: int = 10,
) -> RecommendResult:
    """Partners a city could work with next, best first, each with its reasons."""

    async def call() -> tuple[str, partners.Recommendations]:
        city_key = node_key(str(city), "City", ("city",))
        asked = (need or NeedInput()).need()
        return city_key, await info.context.services.partners.recommend(city_key, asked, first)

    result: RecommendResult = await outcome(
        info, "recommendPartners", call, _recommendations, prefix=(), writes=False
    )
    return result


def _recommendations(answer: tuple[str, partners.Recommendations]) -> PartnerRecommendations:
    city_key, found = answer
    weight_of = {name: found.weights.of(name) for name in partners.COMPONENTS}
    items = [
        PartnerRecommendation(
            kind=PartnerKind(r.partner.kind),
            partner_id=r.partner.id,
            name=r.partner.name,
            score=r.score,
            breakdown=_parts(r.breakdown, weight_of),
            reasons=[Reason.of(x) for x in r.reasons],
            rests_on_generated_data=r.rests_on_generated,
        )
        for r in found.items
    ]
    return PartnerRecommendations(
        city_id=city_key,
        need_key=found.need_key,
        without_project_data=found.without_project_data,
        rests_on_generated_data=any(i.rests_on_generated_data for i in items),
        considered=found.considered,
        notes=[Reason.of(x) for x in found.notes],
        items=items,
    )


# --- mentors -------------------------------------------------------------------------------------


@strawberry.type(description="A candidate city and the member city proposed to mentor it.")
class MentorPair:
    candidate_id: str
    candidate_name: str
    mentor_id: str
    mentor_name: str
    score: float
    breakdown: list[ScorePart] = strawberry.field(metadata=bounded(MAX_PARTS))
    reasons: list[Reason] = strawberry.field(metadata=bounded(MAX_REASONS))


@strawberry.type(description="A candidate left without a mentor, and why.")
class UnmatchedCandidate:
    candidate_id: str
    candidate_name: str
    reasons: list[Reason] = strawberry.field(metadata=bounded(MAX_REASONS))


@strawberry.type(description="A city that applied to host but is not ranked, and why.")
class LeftOutApplicant:
    city_id: str
    name: str
    reason: Reason


@strawberry.type(description="A member city that could not mentor, and why.")
class ExcludedMentor:
    mentor_id: str
    mentor_name: str
    reason: Reason


@strawberry.type(description="One global assignment of mentors to a call's candidate cities.")
class MentorAssignment:
    call_year: int
    pairs: list[MentorPair]
    unmatched: list[UnmatchedCandidate]
    excluded_mentors: list[ExcludedMentor]


ProposeMentorsResult = Annotated[
    MentorAssignment | ForbiddenError | ValidationError, strawberry.union("ProposeMentorsResult")
]


async def propose_mentors(info: Info[Context, None], call_year: int) -> ProposeMentorsResult:
    """Each candidate city of a call paired with one mentor, as one optimal assignment."""
    services = info.context.services

    def success(found: mentors.Assignment) -> MentorAssignment:
        weights = services.config.mentors
        weight_of = {name: getattr(weights, name) for name in mentors.COMPONENTS}
        return MentorAssignment(
            call_year=call_year,
            pairs=[
                MentorPair(
                    candidate_id=p.candidate.id,
                    candidate_name=p.candidate.name,
                    mentor_id=p.mentor.id,
                    mentor_name=p.mentor.name,
                    score=round(p.score, 6),
                    breakdown=_parts(p.breakdown, weight_of),
                    reasons=[Reason.of(x) for x in p.reasons],
                )
                for p in found.pairs
            ],
            unmatched=[
                UnmatchedCandidate(
                    candidate_id=u.candidate.id,
                    candidate_name=u.candidate.name,
                    reasons=[Reason.of(x) for x in u.reasons],
                )
                for u in found.unmatched
            ],
            excluded_mentors=[
                ExcludedMentor(mentor_id=m.id, mentor_name=m.name, reason=Reason.of(r))
                for m, r in found.excluded_mentors
            ],
        )

    result: ProposeMentorsResult = await _secretariat_answer(
        info,
        "proposeMentors",
        lambda: services.mentors.propose(info.context.viewer, call_year),
        success,
    )
    return result


async def _secretariat_answer(
    info: Info[Context, None], operation: str, call: Any, success: Any
) -> Any:
    return await outcome(info, operation, call, success, prefix=(), writes=False)


# --- hosts ---------------------------------------------------------------------------------------


@strawberry.type(description="A city that applied to host, its rank and how its score is made.")
class HostCandidate:
    rank: int
    city_id: str
    name: str
    score: float
    breakdown: list[ScorePart] = strawberry.field(metadata=bounded(MAX_PARTS))
    reasons: list[Reason] = strawberry.field(metadata=bounded(MAX_REASONS))


@strawberry.type
class HostRanking:
    year: int
    as_of: dt.date = strawberry.field(description="Standing (reports, contributions) on this day.")
    candidates: list[HostCandidate]
    left_out: list[LeftOutApplicant] = strawberry.field(
        description="Applicants not ranked because the graph's record of them is wrong, by city id."
    )


RankHostsResult = Annotated[
    HostRanking | ForbiddenError | ValidationError, strawberry.union("RankHostCandidatesResult")
]


async def rank_host_candidates(
    info: Info[Context, None], year: int, as_of: dt.date | None = None
) -> RankHostsResult:
    """The cities that applied to host `year`'s Annual Conference, ranked. History counts up to
    the year before, so a past year gives what the history then would have suggested."""
    services = info.context.services

    def success(ranked: Ranked) -> HostRanking:
        weights = services.config.host_weights.by_component()
        return HostRanking(
            year=ranked.year,
            as_of=ranked.as_of,
            candidates=[
                HostCandidate(
                    rank=r.rank,
                    city_id=r.applicant.city_id,
                    name=r.applicant.name,
                    score=round(r.score, 6),
                    breakdown=_parts(r.breakdown, weights),
                    reasons=[Reason.of(x) for x in r.reasons],
                )
                for r in ranked.candidates
            ],
            left_out=[
                LeftOutApplicant(city_id=x.city_id, name=x.name, reason=Reason.of(x.reason))
                for x in ranked.left_out
            ],
        )

    result: RankHostsResult = await _secretariat_answer(
        info,
        "rankHostCandidates",
        lambda: services.hosts.rank(info.context.viewer, year, as_of),
        success,
    )
    return result


# --- calls ---------------------------------------------------------------------------------------


@strawberry.type(description="A rule of the call that the candidate list breaks.")
class CallViolation:
    rule: str = strawberry.field(
        description="calendar, per_country, already_member or field_not_open."
    )
    message: str
    city_ids: list[str]
    reason: Reason


@strawberry.type
class CallCheck:
    call_year: int
    candidates: int
    valid: bool
    violations: list[CallViolation]


CheckResult = Annotated[
    CallCheck | ForbiddenError | ValidationError, strawberry.union("CheckApplicationsResult")
]


async def check_applications(info: Info[Context, None], call_year: int) -> CheckResult:
    """A call's candidate list against the rules: calendar, per country, not yet a member."""

    def success(checked: calls.CallCheck) -> CallCheck:
        return CallCheck(
            call_year=checked.call_year,
            candidates=checked.candidates,
            valid=checked.valid,
            violations=[
                CallViolation(
                    rule=v.rule,
                    message=v.message,
                    city_ids=list(v.city_ids),
                    reason=Reason.of(v.reason),
                )
                for v in checked.violations
            ],
        )

    result: CheckResult = await _secretariat_answer(
        info,
        "checkApplications",
        lambda: info.context.services.calls.check(info.context.viewer, call_year),
        success,
    )
    return result
