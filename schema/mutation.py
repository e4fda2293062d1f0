"""The root mutation: thin resolvers that turn inputs into `hub.writes` calls and their outcome
into union results. A refused write is a union member (ValidationError, NotFoundError,
ForbiddenError) with a message and the path of the culprit field; nothing was changed then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from hub import project_writes, writes
from hub.write_rules import (
    KEEP,
    at,
    require_secretariat,
    require_writer,
)
from schema import brain_mutations
from schema.brain_mutations import DismissalResult, HostApplicationResult, IntroductionResult
from schema.city import City
from schema.context import Context
from schema.contribution import Contribution
from schema.errors import ForbiddenError, NotFoundError, ValidationError
from schema.inputs import (
    CreateProjectInput,
    LinkInstitutionInput,
    RecordCandidateInput,
    RecordContributionInput,
    RecordReportSubmissionInput,
    RegisterInstitutionInput,
    UpdateProjectInput,
)
from schema.institution import PartnerInstitution
from schema.mentorship import Mentorship
from schema.outcome import node_key as _key
from schema.outcome import outcome as _outcome
from schema.project import PilotProject
from schema.report import MonitoringReport


@strawberry.type(description="The project as stored; `created` is false when it existed already.")
class CreateProjectSuccess:
    project: PilotProject
    created: bool


@strawberry.type
class UpdateProjectSuccess:
    project: PilotProject


@strawberry.type(description="`created` is false when the institution was registered already.")
class RegisterInstitutionSuccess:
    institution: PartnerInstitution
    created: bool


@strawberry.type
class LinkInstitutionSuccess:
    institution: PartnerInstitution
    city: City
    since_year: int | None


@strawberry.type(description="`created` is true when the report was not on record before.")
class RecordReportSubmissionSuccess:
    report: MonitoringReport
    created: bool


@strawberry.type(description="`created` is false when the same contribution was recorded already.")
class RecordContributionSuccess:
    contribution: Contribution
    created: bool


@strawberry.type(description="`created` is false when the same mentorship was recorded already.")
class RecordCandidateSuccess:
    city: City
    mentorship: Mentorship
    created: bool


CreateProjectResult = Annotated[
    CreateProjectSuccess | ValidationError | NotFoundError | ForbiddenError,
    strawberry.union("CreateProjectResult"),
]
UpdateProjectResult = Annotated[
    UpdateProjectSuccess | ValidationError | NotFoundError | ForbiddenError,
    strawberry.union("UpdateProjectResult"),
]
RegisterInstitutionResult = Annotated[
    RegisterInstitutionSuccess | ValidationError | NotFoundError | ForbiddenError,
    strawberry.union("RegisterInstitutionResult"),
]
LinkInstitutionResult = Annotated[
    LinkInstitutionSuccess | ValidationError | NotFoundError | ForbiddenError,
    strawberry.union("LinkInstitutionResult"),
]
RecordReportSubmissionResult = Annotated[
    RecordReportSubmissionSuccess | ValidationError | NotFoundError | ForbiddenError,
    strawberry.union("RecordReportSubmissionResult"),
]
RecordContributionResult = Annotated[
    RecordContributionSuccess | ValidationError | NotFoundError | ForbiddenError,
    strawberry.union("RecordContributionResult"),
]
RecordCandidateResult = Annotated[
    RecordCandidateSuccess | ValidationError | NotFoundError | ForbiddenError,
    strawberry.union("RecordCandidateResult"),
]


def _keys(refs: list[strawberry.ID], label: str, name: str) -> list[str]:
    return [_key(str(ref), label, at(name, index)) for index, ref in enumerate(refs)]


def _change(value: Any, convert: Callable[[Any], Any] = lambda v: v) -> Any:
    """An update field: left out is KEEP, null stays null (the rules refuse or remove it)."""
    if value is strawberry.UNSET:
        return KEEP
    return None if value is None else convert(value)


def _project_changes(data: UpdateProjectInput) -> project_writes.ProjectChanges:
    def refs(label: str, name: str) -> Callable[[list[strawberry.ID]], list[str]]:
        return lambda values: _keys(values, label, name)

    return project_writes.ProjectChanges(
        project=_key(str(data.project), "PilotProject", at("project")),
        title=_change(data.title),
        summary=_change(data.summary),
        start_year=_change(data.start_year),
        end_year=_change(data.end_year),
        status=_change(data.status, lambda s: s.value),
        lead_city=_change(data.lead_city, lambda c: _key(str(c), "City", at("leadCity"))),
        cities=_change(data.cities, refs("City", "cities")),
        institutions=_change(data.institutions, refs("PartnerInstitution", "institutions")),
        fields=_change(data.fields, lambda fs: [f.value for f in fs]),
        sdg_targets=_change(data.sdg_targets, list),
    )


def _city_of(props: dict[str, Any]) -> str:
    """The city of a record whose id is `<city id>:<cycle or year>`."""
    return str(props["id"]).rpartition(":")[0]


@strawberry.type
class Mutation:
    request_introduction: IntroductionResult = strawberry.mutation(
        resolver=brain_mutations.request_introduction,
        description="Ask to be introduced to a proposed partner.",
    )
    update_introduction: IntroductionResult = strawberry.mutation(
        resolver=brain_mutations.update_introduction,
        description="Say how an introduction went.",
    )
    dismiss_recommendation: DismissalResult = strawberry.mutation(
        resolver=brain_mutations.dismiss_recommendation,
        description="A proposed partner is not relevant for this need: not proposed again for it.",
    )
    record_host_application: HostApplicationResult = strawberry.mutation(
        resolver=brain_mutations.record_host_application,
        description="Apply to host an Annual Conference, with the capacity declared.",
    )

    @strawberry.mutation(
        description="Create a pilot project (the lead city's focal point, or the secretariat). "
        "Sending the same project again returns it with `created: false`."
    )
    async def create_project(
        self, info: Info[Context, None], input: CreateProjectInput
    ) -> CreateProjectResult:
        async def write() -> writes.Written:
            new = project_writes.NewProject(
                title=input.title,
                start_year=input.start_year,
                lead_city=_key(str(input.lead_city), "City", at("leadCity")),
                slug=input.slug,
                summary=input.summary,
                end_year=input.end_year,
                status=input.status.value,
                cities=_keys(input.cities, "City", "cities"),
                institutions=_keys(input.institutions, "PartnerInstitution", "institutions"),
                fields=[f.value for f in input.fields],
                sdg_targets=list(input.sdg_targets),
            )
            return await project_writes.create_project(info.context.store, info.context.viewer, new)

        def success(done: writes.Written) -> CreateProjectSuccess:
            project = PilotProject.from_props(done.props)
            return CreateProjectSuccess(project=project, created=done.created)

        result: CreateProjectResult = await _outcome(
            info, (require_writer, "createProject"), write, success
        )
        return result

    @strawberry.mutation(
        description="Change a pilot project (the lead city's focal point, or the secretariat)."
    )
    async def update_project(
        self, info: Info[Context, None], input: UpdateProjectInput
    ) -> UpdateProjectResult:
        async def write() -> writes.Written:
            changes = _project_changes(input)
            return await project_writes.update_project(
                info.context.store, info.context.viewer, changes
            )

        def success(done: writes.Written) -> UpdateProjectSuccess:
            return UpdateProjectSuccess(project=PilotProject.from_props(done.props))

        result: UpdateProjectResult = await _outcome(
            info, (require_writer, "updateProject"), write, success
        )
        return result

    @strawberry.mutation(
        description="Register a partner institution (the secretariat, or a focal point: then "
        "it partners with the focal point's city). The same institution again is not duplicated."
    )
    async def register_institution(
        self, info: Info[Context, None], input: RegisterInstitutionInput
    ) -> RegisterInstitutionResult:
        async def write() -> writes.Written:
            city = None if input.city is None else _key(str(input.city), "City", at("city"))
            new = writes.NewInstitution(
                name=input.name,
                kind=input.kind.value,
                country=input.country,
                slug=input.slug,
                website=input.website,
                city=city,
                since_year=input.since_year,
            )
            return await writes.register_institution(info.context.store, info.context.viewer, new)

        def success(done: writes.Written) -> RegisterInstitutionSuccess:
            institution = PartnerInstitution.from_props(done.props)
            return RegisterInstitutionSuccess(institution=institution, created=done.created)

        result: RegisterInstitutionResult = await _outcome(
            info, (require_writer, "registerInstitution"), write, success
        )
        return result

    @strawberry.mutation(
        description="Link an institution to a city as a partner (that city's focal point, or "
        "the secretariat); linking again only updates `sinceYear` when it is given."
    )
    async def link_institution(
        self, info: Info[Context, None], input: LinkInstitutionInput
    ) -> LinkInstitutionResult:
        async def write() -> writes.Linked:
            link = writes.InstitutionLink(
                institution=_key(str(input.institution), "PartnerInstitution", at("institution")),
                city=_key(str(input.city), "City", at("city")),
                since_year=input.since_year,
            )
            return await writes.link_institution(info.context.store, info.context.viewer, link)

        def success(done: writes.Linked) -> LinkInstitutionSuccess:
            return LinkInstitutionSuccess(
                institution=PartnerInstitution.from_props(done.institution),
                city=City.from_props(done.city),
                since_year=done.since_year,
            )

        result: LinkInstitutionResult = await _outcome(
            info, (require_writer, "linkInstitution"), write, success
        )
        return result

    @strawberry.mutation(
        description="Record that a city submitted its monitoring report of a cycle (that "
        "city's focal point, or the secretariat)."
    )
    async def record_report_submission(
        self, info: Info[Context, None], input: RecordReportSubmissionInput
    ) -> RecordReportSubmissionResult:
        async def write() -> writes.Written:
            submission = writes.ReportSubmission(
                city=_key(str(input.city), "City", at("city")),
                cycle=input.cycle,
                submitted_date=input.submitted_date,
                url=input.url,
                due_date=input.due_date,
            )
            return await writes.record_report_submission(
                info.context.store, info.context.viewer, submission
            )

        def success(done: writes.Written) -> RecordReportSubmissionSuccess:
            report = MonitoringReport.of(done.props, city_key=_city_of(done.props))
            return RecordReportSubmissionSuccess(report=report, created=done.created)

        result: RecordReportSubmissionResult = await _outcome(
            info, (require_writer, "recordReportSubmission"), write, success
        )
        return result

    @strawberry.mutation(description="Record a city's contribution for a year (secretariat only).")
    async def record_contribution(
        self, info: Info[Context, None], input: RecordContributionInput
    ) -> RecordContributionResult:
        async def write() -> writes.Written:
            new = writes.NewContribution(
                city=_key(str(input.city), "City", at("city")),
                year=input.year,
                amount=input.amount,
                currency=input.currency,
            )
            return await writes.record_contribution(info.context.store, info.context.viewer, new)

        def success(done: writes.Written) -> RecordContributionSuccess:
            contribution = Contribution.of(done.props, city_key=_city_of(done.props))
            return RecordContributionSuccess(contribution=contribution, created=done.created)

        result: RecordContributionResult = await _outcome(
            info, (require_secretariat, "recordContribution"), write, success
        )
        return result

    @strawberry.mutation(
        description="Record a candidate city and the member city mentoring it (secretariat only)."
    )
    async def record_candidate(
        self, info: Info[Context, None], input: RecordCandidateInput
    ) -> RecordCandidateResult:
        async def write() -> writes.CandidateWritten:
            new = writes.NewCandidate(
                name=input.name,
                country=input.country,
                field=input.field.value,
                mentor=_key(str(input.mentor), "City", at("mentor")),
                start_year=input.start_year,
                slug=input.slug,
                end_year=input.end_year,
                status=input.status.value,
            )
            return await writes.record_candidate(info.context.store, info.context.viewer, new)

        def success(done: writes.CandidateWritten) -> RecordCandidateSuccess:
            return RecordCandidateSuccess(
                city=City.from_props(done.city),
                mentorship=Mentorship.from_props(done.mentorship),
                created=done.created,
            )

        result: RecordCandidateResult = await _outcome(
            info, (require_secretariat, "recordCandidate"), write, success
        )
        return result
