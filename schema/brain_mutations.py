"""The brain's mutations: the feedback loop (introductions, dismissals) and host applications."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import strawberry
from strawberry.types import Info

from graph.dataset import Props
from hub import brain_writes
from hub.write_rules import at, require_writer
from schema.brain import NeedInput
from schema.context import Context
from schema.dismissal import Dismissal
from schema.enums import IntroductionStatus, PartnerKind
from schema.errors import ForbiddenError, NotFoundError, ValidationError
from schema.host_application import HostApplication
from schema.introduction import Introduction
from schema.outcome import node_key, outcome

LABELS = {PartnerKind.CITY: "City", PartnerKind.INSTITUTION: "PartnerInstitution"}


def _key(ref: strawberry.ID, label: str, field: str) -> str:
    return node_key(str(ref), label, at(field))


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

    async def write() -> Props:
        request = brain_writes.IntroductionRequest(
            city=_key(input.from_, "City", "from"),
            partner=_key(input.to, LABELS[input.to_kind], "to"),
            partner_kind=input.to_kind.value,
            need=input.need.need() if input.need else None,
            note=input.note,
        )
        return await brain_writes.request_introduction(
            info.context.store, info.context.viewer, request, dt.date.today()
        )

    result: IntroductionResult = await outcome(
        info,
        (require_writer, "requestIntroduction"),
        write,
        lambda props: IntroductionSuccess(introduction=Introduction.from_props(props)),
    )
    return result


async def update_introduction(
    info: Info[Context, None], input: UpdateIntroductionInput
) -> IntroductionResult:
    """Say how an introduction went: accepted, declined, met, became-project."""

    async def write() -> Props:
        return await brain_writes.update_introduction(
            info.context.store,
            info.context.viewer,
            _key(input.id, "Introduction", "id"),
            input.status.value,
            dt.date.today(),
        )

    result: IntroductionResult = await outcome(
        info,
        (require_writer, "updateIntroduction"),
        write,
        lambda props: IntroductionSuccess(introduction=Introduction.from_props(props)),
    )
    return result


async def dismiss_recommendation(
    info: Info[Context, None], input: DismissRecommendationInput
) -> DismissalResult:
    """Mark a proposed partner as not relevant for a need: not proposed again for it."""

    async def write() -> Props:
        need = (input.need or NeedInput()).need()
        return await brain_writes.dismiss_recommendation(
            info.context.store,
            info.context.viewer,
            _key(input.city, "City", "city"),
            _key(input.partner, LABELS[input.partner_kind], "partner"),
            input.partner_kind.value,
            need,
            dt.date.today(),
        )

    result: DismissalResult = await outcome(
        info,
        (require_writer, "dismissRecommendation"),
        write,
        lambda props: DismissalSuccess(dismissal=Dismissal.from_props(props)),
    )
    return result


async def record_host_application(
    info: Info[Context, None], input: RecordHostApplicationInput
) -> HostApplicationResult:
    """Apply to host an Annual Conference, with the capacity the city declares."""

    async def write() -> Props:
        application = brain_writes.HostApplicationInput(
            city=_key(input.city, "City", "city"),
            year=input.year,
            venue_seats=input.venue_seats,
            hotel_rooms=input.hotel_rooms,
            airport_km=input.airport_km,
            notes=input.notes,
        )
        return await brain_writes.record_host_application(
            info.context.store, info.context.viewer, application, dt.date.today()
        )

    result: HostApplicationResult = await outcome(
        info,
        (require_writer, "recordHostApplication"),
        write,
        lambda props: HostApplicationSuccess(application=HostApplication.from_props(props)),
    )
    return result
