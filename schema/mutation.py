"""The root mutation: thin resolvers that turn inputs into service calls and their outcome into
union results. A refused write is a union member (ValidationError, NotFoundError,
ForbiddenError) with a message and the path of the culprit input field; nothing was changed then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from schema import brain_mutations
from schema.brain_mutations import DismissalResult, HostApplicationResult, IntroductionResult
from schema.city import City
from schema.context import Context
from schema.contribution import Contribution
from schema.errors import ForbiddenError, NotFoundError, ValidationError
from schema.inputs import (
    AnswerInvitationInput,
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
from schema.outcome import node_key, node_keys, outcome
from schema.project import PilotProject
from schema.report import MonitoringReport
from services.candidates import CandidateWritten, NewCandidate
from services.core import Written
from services.institutions import InstitutionLink, Linked, NewInstitution
from services.projects import NewProject, ProjectChanges
from services.records import NewContribution, ReportSubmission, city_of_record
from services.rules import KEEP


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
AnswerInvitationResult = Annotated[
    UpdateProjectSuccess | ValidationError | NotFoundError | ForbiddenError,
    strawberry.union("AnswerInvitationResult"),
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


def _change(value: Any, convert: Callable[[Any], Any] = lambda v: v) -> Any:
    """An update field: left out is KEEP, null stays null (the rules refuse or remove it)."""
    if value is strawberry.UNSET:
        return KEEP
    return None if value is None else convert(value)


def _project_success(done: Written) -> UpdateProjectSuccess:
    """The project as a change or an answered invitation left it."""
    return UpdateProjectSuccess(project=PilotProject.from_props(done.props))


def _project_changes(data: UpdateProjectInput) -> ProjectChanges:
    def refs(label: str, name: str) -> Callable[[list[strawberry.ID]], list[str]]:
        return lambda values: node_keys(values, label, name)

    return ProjectChanges(
        project=node_key(str(data.project), "PilotProject", ("project",)),
        title=_change(data.title),
        summary=_change(data.summary),
        start_year=_change(data.start_year),
        end_year=_change(data.end_year),
        status=_change(data.status, lambda s: s.value),
        lead_city=_change(data.lead_city, lambda c: node_key(str(c), "City", ("lead_city",))),
        cities=_change(data.cities, refs("City", "cities")),
        institutions=_change(data.institutions, refs("PartnerInstitution", "institutions")),
        fields=_change(data.fields, lambda fs: [f.value for f in fs]),
        sdg_targets=_change(data.sdg_targets, list),
    )


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
        "Other cities a focal point names in `cities` are invited and take part once they "
        "accept (`answerInvitation`); the secretariat's take part at once. Sending the same "
        "project again returns it with `created: false`."
    )
    async def create_project(
        self, info: Info[Context, None], input: CreateProjectInput
    ) -> CreateProjectResult:
        async def call() -> Written:
            new = NewProject(
                title=input.title,
                start_year=input.start_year,
                lead_city=node_key(str(input.lead_city), "City", ("lead_city",)),
                slug=input.slug,
                summary=input.summary,
                end_year=input.end_year,
                status=input.status.value,
                cities=node_keys(input.cities, "City", "cities"),
                institutions=node_keys(input.institutions, "PartnerInstitution", "institutions"),
                fields=[f.value for f in input.fields],
                sdg_targets=list(input.sdg_targets),
            )
            return await info.context.services.projects.create(info.context.viewer, new)

        def success(done: Written) -> CreateProjectSuccess:
            project = PilotProject.from_props(done.props)
            return CreateProjectSuccess(project=project, created=done.created)

        result: CreateProjectResult = await outcome(info, "createProject", call, success)
        return result

    @strawberry.mutation(
        description="Change a pilot project (the lead city's focal point, or the secretariat)."
    )
    async def update_project(
        self, info: Info[Context, None], input: UpdateProjectInput
    ) -> UpdateProjectResult:
        async def call() -> Written:
            changes = _project_changes(input)
            return await info.context.services.projects.update(info.context.viewer, changes)

        result: UpdateProjectResult = await outcome(info, "updateProject", call, _project_success)
        return result

    @strawberry.mutation(
        description="An invited city (its focal point, or the secretariat) accepts an invitation "
        "to a pilot project, and takes part, or declines it."
    )
    async def answer_invitation(
        self, info: Info[Context, None], input: AnswerInvitationInput
    ) -> AnswerInvitationResult:
        async def call() -> Written:
            return await info.context.services.projects.answer_invitation(
                info.context.viewer,
                node_key(str(input.project), "PilotProject", ("project",)),
                node_key(str(input.city), "City", ("city",)),
                input.accept,
            )

        result: AnswerInvitationResult = await outcome(
            info, "answerInvitation", call, _project_success
        )
        return result

    @strawberry.mutation(
        description="Register a partner institution (the secretariat, or a focal point: then "
        "it partners with the focal point's city). The same institution again is not duplicated."
    )
    async def register_institution(
        self, info: Info[Context, None], input: RegisterInstitutionInput
    ) -> RegisterInstitutionResult:
        async def call() -> Written:
            city = None if input.city is None else node_key(str(input.city), "City", ("city",))
            new = NewInstitution(
                name=input.name,
                kind=input.kind.value,
                country=input.country,
                slug=input.slug,
                website=input.website,
                city=city,
                since_year=input.since_year,
            )
            return await info.context.services.institutions.register(info.context.viewer, new)

        def success(done: Written) -> RegisterInstitutionSuccess:
            institution = PartnerInstitution.from_props(done.props)
            return RegisterInstitutionSuccess(institution=institution, created=done.created)

        result: RegisterInstitutionResult = await outcome(
            info, "registerInstitution", call, success
        )
        return result

    @strawberry.mutation(
        description="Link an institution to a city as a partner (that city's focal point, or "
        "the secretariat); linking again only updates `sinceYear` when it is given."
    )
    async def link_institution(
        self, info: Info[Context, None], input: LinkInstitutionInput
    ) -> LinkInstitutionResult:
        async def call() -> Linked:
            link = InstitutionLink(
                institution=node_key(
                    str(input.institution), "PartnerInstitution", ("institution",)
                ),
                city=node_key(str(input.city), "City", ("city",)),
                since_year=input.since_year,
            )
            return await info.context.services.institutions.link(info.context.viewer, link)

        def success(done: Linked) -> LinkInstitutionSuccess:
            return LinkInstitutionSuccess(
                institution=PartnerInstitution.from_props(done.institution),
                city=City.from_props(done.city),
                since_year=done.since_year,
            )

        result: LinkInstitutionResult = await outcome(info, "linkInstitution", call, success)
        return result

    @strawberry.mutation(
        description="Record that a city submitted its monitoring report of a cycle (that "
        "city's focal point, or the secretariat)."
    )
    async def record_report_submission(
        self, info: Info[Context, None], input: RecordReportSubmissionInput
    ) -> RecordReportSubmissionResult:
        async def call() -> Written:
            submission = ReportSubmission(
                city=node_key(str(input.city), "City", ("city",)),
                cycle=input.cycle,
                submitted_date=input.submitted_date,
                url=input.url,
                due_date=input.due_date,
            )
            return await info.context.services.records.submit_report(
                info.context.viewer, submission
            )

        def success(done: Written) -> RecordReportSubmissionSuccess:
            report = MonitoringReport.of(done.props, city_key=city_of_record(done.props["id"]))
            return RecordReportSubmissionSuccess(report=report, created=done.created)

        result: RecordReportSubmissionResult = await outcome(
            info, "recordReportSubmission", call, success
        )
        return result

    @strawberry.mutation(description="Record a city's contribution for a year (secretariat only).")
    async def record_contribution(
        self, info: Info[Context, None], input: RecordContributionInput
    ) -> RecordContributionResult:
        async def call() -> Written:
            new = NewContribution(
                city=node_key(str(input.city), "City", ("city",)),
                year=input.year,
                amount=input.amount,
                currency=input.currency,
            )
            return await info.context.services.records.record_contribution(info.context.viewer, new)

        def success(done: Written) -> RecordContributionSuccess:
            contribution = Contribution.of(done.props, city_key=city_of_record(done.props["id"]))
            return RecordContributionSuccess(contribution=contribution, created=done.created)

        result: RecordContributionResult = await outcome(info, "recordContribution", call, success)
        return result

    @strawberry.mutation(
        description="Record a candidate city and the member city mentoring it (secretariat only)."
    )
    async def record_candidate(
        self, info: Info[Context, None], input: RecordCandidateInput
    ) -> RecordCandidateResult:
        async def call() -> CandidateWritten:
            new = NewCandidate(
                name=input.name,
                country=input.country,
                field=input.field.value,
                mentor=node_key(str(input.mentor), "City", ("mentor",)),
                start_year=input.start_year,
                slug=input.slug,
                end_year=input.end_year,
                status=input.status.value,
            )
            return await info.context.services.candidates.record(info.context.viewer, new)

        def success(done: CandidateWritten) -> RecordCandidateSuccess:
            return RecordCandidateSuccess(
                city=City.from_props(done.city),
                mentorship=Mentorship.from_props(done.mentorship),
                created=done.created,
            )

        result: RecordCandidateResult = await outcome(info, "recordCandidate", call, success)
        return result
