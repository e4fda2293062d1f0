"""Input types of the mutations. References to cities, institutions and projects take a slug
(`chiang-mai`) or a global id; creative fields are enum values, SDG targets codes (`11.4`).

Updates distinguish a field left out (kept as it is) from one sent as null (summary and
endYear: removed; anything else: refused).
"""

from __future__ import annotations

import strawberry

from schema.enums import CreativeFieldCode, InstitutionKind, MentorshipStatus, ProjectStatus


@strawberry.input(
    description="A new pilot project. Its id is the slug of the title unless `slug` is given; "
    "`leadCity` leads it, `cities` are the other cities taking part."
)
class CreateProjectInput:
    title: str
    start_year: int
    lead_city: strawberry.ID
    slug: str | None = None
    summary: str | None = None
    end_year: int | None = None
    status: ProjectStatus = ProjectStatus.PLANNED
    cities: list[strawberry.ID] = strawberry.field(default_factory=list)
    institutions: list[strawberry.ID] = strawberry.field(default_factory=list)
    fields: list[CreativeFieldCode] = strawberry.field(default_factory=list)
    sdg_targets: list[str] = strawberry.field(default_factory=list)


@strawberry.input(
    description="Changes to a pilot project: a field left out stays as it is; a list given "
    "replaces the whole set; null removes `summary` or `endYear`. The id (slug) never changes."
)
class UpdateProjectInput:
    project: strawberry.ID
    title: str | None = strawberry.UNSET
    summary: str | None = strawberry.UNSET
    start_year: int | None = strawberry.UNSET
    end_year: int | None = strawberry.UNSET
    status: ProjectStatus | None = strawberry.UNSET
    lead_city: strawberry.ID | None = strawberry.UNSET
    cities: list[strawberry.ID] | None = strawberry.UNSET
    institutions: list[strawberry.ID] | None = strawberry.UNSET
    fields: list[CreativeFieldCode] | None = strawberry.UNSET
    sdg_targets: list[str] | None = strawberry.UNSET


@strawberry.input(
    description="A partner institution, based in `country` (ISO 3166-1 alpha-2). With `city` it "
    "is linked to that city as a partner; a focal point's institution is linked to its own city."
)
class RegisterInstitutionInput:
    name: str
    kind: InstitutionKind
    country: str
    slug: str | None = None
    website: str | None = None
    city: strawberry.ID | None = None
    since_year: int | None = None


@strawberry.input(description="A standing partnership of an institution with a city.")
class LinkInstitutionInput:
    institution: strawberry.ID
    city: strawberry.ID
    since_year: int | None = None


@strawberry.input(
    description="A city's monitoring report of one cycle was submitted. `dueDate` records a "
    "report that is not on record yet (secretariat only)."
)
class RecordReportSubmissionInput:
    city: strawberry.ID
    cycle: int
    submitted_date: str = strawberry.field(description="YYYY-MM-DD, not in the future.")
    url: str | None = None
    due_date: str | None = None


@strawberry.input(description="A city's voluntary contribution for one year (secretariat only).")
class RecordContributionInput:
    city: strawberry.ID
    year: int
    amount: float
    currency: str = "USD"


@strawberry.input(
    description="A candidate city and the member city mentoring it (secretariat only). The "
    "city's id is the slug of its name unless `slug` is given."
)
class RecordCandidateInput:
    name: str
    country: str
    field: CreativeFieldCode
    mentor: strawberry.ID
    start_year: int
    slug: str | None = None
    end_year: int | None = None
    status: MentorshipStatus = MentorshipStatus.PROPOSED


@strawberry.input(description="An invited city's answer to an invitation to a pilot project.")
class AnswerInvitationInput:
    project: strawberry.ID
    city: strawberry.ID = strawberry.field(description="The invited city.")
    accept: bool
