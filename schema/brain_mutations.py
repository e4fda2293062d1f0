"""The brain's mutations: the feedback loop (introductions, dismissals) and host applications."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from schema.brain import NeedInput
from schema.context import Context
from schema.dismissal import Dismissal
from schema.enums import IntroductionStatus, PartnerKind
from schema.errors import ForbiddenError, NotFoundError, ValidationError
from schema.host_application import HostApplication
from schema.introduction import Introduction
from schema.outcome import node_key, outcome
from services.hosts import HostApplicationInput
from services.introductions import PARTNER_LABELS, IntroductionRequest
from services.introductions import Dismissal as DismissalRequest

# The input's names for the domain's fields, where they differ.
INTRODUCTION_FIELDS = {"city": "from", "partner": "to", "partner_kind": "to_kind"}
UPDATE_FIELDS = {"introduction": "id"}


@strawberry.input
class RequestIntroductionInput:
    from_: strawberry.ID = strawberry.field(name="from", description="The asking city.")
    to: strawberry.ID = strawberry.field(description="The partner: a city or an institution.")
    to_kind: PartnerKind = PartnerKind.CITY
    need: NeedInput | None = None
    note: str | None = None


@strawberry.input
class UpdateIntroductionInput:
    id: strawberry.ID
    status: IntroductionStatus


@strawberry.input
class DismissRecommendationInput:
    city: strawberry.ID
    partner: strawberry.ID
    partner_kind: PartnerKind = PartnerKind.CITY
    need: NeedInput | None = None


@strawberry.input
class RecordHostApplicationInput:
    city: strawberry.ID
    year: int
    venue_seats: int | None = None
    hotel_rooms: int | None = None
    airport_km: float | None = None
    notes: str | None = None


@strawberry.type
class IntroductionSuccess:
    introduction: Introduction


@strawberry.type
class DismissalSuccess:
    dismissal: Dismissal


@strawberry.type
class HostApplicationSuccess:
    application: HostApplication


IntroductionResult = Annotated[
    IntroductionSuccess | ValidationError | NotFoundError | ForbiddenError,
    strawberry.union("IntroductionResult"),
]
DismissalResult = Annotated[
    DismissalSuccess | ValidationError | NotFoundError | ForbiddenError,
    strawberry.union("DismissRecommendationResult"),
]
HostApplicationResult = Annotated[
    HostApplicationSuccess | ValidationError | NotFoundError | ForbiddenError,
    strawberry.union("RecordHostApplicationResult"),
]


async def request_introduction(
    info: Info[Context, None], input: RequestIntroductionInput
) -> IntroductionResult:
    """Ask to be introduced to a proposed partner (the city's focal point or the secretariat)."""

    async def call() -> Props:
        kind = input.to_kind.value
        request = IntroductionRequest(
            city=node_key(str(input.from_), "City", ("city",)),
            partner=node_key(str(input.to), PARTNER_LABELS[kind], ("partner",)),
            partner_kind=kind,
            need=input.need.need() if input.need else None,
            note=input.note,
        )
        return await info.context.services.introductions.request(info.context.viewer, request)

    result: IntroductionResult = await outcome(
        info,
        "requestIntroduction",
        call,
        lambda props: IntroductionSuccess(introduction=Introduction.from_props(props)),
        rename=INTRODUCTION_FIELDS,
    )
    return result


async def update_introduction(
    info: Info[Context, None], input: UpdateIntroductionInput
) -> IntroductionResult:
    """Say how an introduction went: accepted, declined, met, became-project."""

    async def call() -> Props:
        return await info.context.services.introductions.update(
            info.context.viewer,
            node_key(str(input.id), "Introduction", ("introduction",)),
            input.status.value,
        )

    result: IntroductionResult = await outcome(
        info,
        "updateIntroduction",
        call,
        lambda props: IntroductionSuccess(introduction=Introduction.from_props(props)),
        rename=UPDATE_FIELDS,
    )
    return result


async def dismiss_recommendation(
    info: Info[Context, None], input: DismissRecommendationInput
) -> DismissalResult:
    """Mark a proposed partner as not relevant for a need: not proposed again for it."""

    async def call() -> Props:
        kind = input.partner_kind.value
        dismissal = DismissalRequest(
            city=node_key(str(input.city), "City", ("city",)),
            partner=node_key(str(input.partner), PARTNER_LABELS[kind], ("partner",)),
            partner_kind=kind,
            need=(input.need or NeedInput()).need(),
        )
        return await info.context.services.introductions.dismiss(info.context.viewer, dismissal)

    result: DismissalResult = await outcome(
        info,
        "dismissRecommendation",
        call,
        lambda props: DismissalSuccess(dismissal=Dismissal.from_props(props)),
    )
    return result


async def record_host_application(
    info: Info[Context, None], input: RecordHostApplicationInput
) -> HostApplicationResult:
    """Apply to host an Annual Conference, with the capacity the city declares."""

    async def call() -> Props:
        application = HostApplicationInput(
            city=node_key(str(input.city), "City", ("city",)),
            year=input.year,
            venue_seats=input.venue_seats,
            hotel_rooms=input.hotel_rooms,
            airport_km=input.airport_km,
            notes=input.notes,
        )
        return await info.context.services.hosts.apply(info.context.viewer, application)

    result: HostApplicationResult = await outcome(
        info,
        "recordHostApplication",
        call,
        lambda props: HostApplicationSuccess(application=HostApplication.from_props(props)),
    )
    return result
