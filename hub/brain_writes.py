"""The brain's writes: introductions, dismissed recommendations, host applications.

Each checks who may write and every value first (nothing is written on a refusal), then writes
in one statement that is idempotent on retry: an introduction is one per asking city, partner
and day; a dismissal one per city, partner and need; a host application one per city and year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from brain.partners import Need
from graph.dataset import Props
from graph.model import INTRODUCTION_STATUSES
from graph.statements import brain as q
from graph.store import GraphStore
from hub.policy import Role, Viewer, is_secretariat
from hub.write_rules import (
    InvalidInput,
    Missing,
    Refused,
    at,
    require_city,
    require_existing,
    require_writer,
    text,
)

NOTE_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class IntroductionRequest:
    city: str
    partner: str
    partner_kind: str  # "city" | "institution"
    need: Need | None
    note: str | None


async def request_introduction(
    store: GraphStore, viewer: Viewer, request: IntroductionRequest, today: dt.date
) -> Props:
    require_writer(viewer, "requestIntroduction")
    require_city(viewer, request.city, at("from"), "ask for an introduction")
    if request.partner_kind == "city" and request.partner == request.city:
        raise InvalidInput("a city cannot be introduced to itself", at("to"))
    note = text(request.note, at("note"), limit=NOTE_LIMIT)
    label = "City" if request.partner_kind == "city" else "PartnerInstitution"
    await require_existing(store, "City", [(request.city, at("from"))])
    await require_existing(store, label, [(request.partner, at("to"))])
    props: Props = {
        "status": "requested",
        "partner_kind": request.partner_kind,
        "requested_date": today.isoformat(),
    }
    if request.need is not None:
        props["need"] = request.need.key()
    if note:
        props["note"] = note
    statement = q.INTRODUCE_CITY if request.partner_kind == "city" else q.INTRODUCE_INSTITUTION
    rows = await store.run(
        statement,
        city=request.city,
        partner=request.partner,
        introduction=f"{request.city}:{request.partner}:{today.isoformat()}",
        props=props,
    )
    if not rows:
        raise Missing(f"{request.city!r} or {request.partner!r} went meanwhile", at("to"), "")
    return dict(rows[0]["props"])


async def update_introduction(
    store: GraphStore, viewer: Viewer, introduction: str, status: str, today: dt.date
) -> Props:
    """The asking city, the city it asked to meet, or the secretariat says how it went."""
    require_writer(viewer, "updateIntroduction")
    if status not in INTRODUCTION_STATUSES:
        raise InvalidInput(
            f"status must be one of {', '.join(INTRODUCTION_STATUSES)}", at("status")
        )
    rows = await store.run(q.INTRODUCTION_STATE, introduction=introduction)
    if not rows:
        raise Missing(f"no introduction {introduction!r}", at("id"), introduction)
    parties = {rows[0]["city"], rows[0]["partner_city"]}
    if not is_secretariat(viewer) and not (
        viewer.role is Role.FOCAL_POINT and viewer.city in parties
    ):
        raise Refused(
            "only the two cities of an introduction, or the secretariat, may update it", at("id")
        )
    written = await store.run(
        q.UPDATE_INTRODUCTION, introduction=introduction, status=status, today=today.isoformat()
    )
    return dict(written[0]["props"])


async def dismiss_recommendation(
    store: GraphStore,
    viewer: Viewer,
    city: str,
    partner: str,
    partner_kind: str,
    need: Need,
    today: dt.date,
) -> Props:
    require_writer(viewer, "dismissRecommendation")
    require_city(viewer, city, at("city"), "dismiss a recommendation")
    label = "City" if partner_kind == "city" else "PartnerInstitution"
    await require_existing(store, "City", [(city, at("city"))])
    await require_existing(store, label, [(partner, at("partner"))])
    key = need.key()
    rows = await store.run(
        q.DISMISS,
        city=city,
        dismissal=f"{city}:{partner_kind}:{partner}:{key}",
        props={
            "partner_kind": partner_kind,
            "partner_id": partner,
            "need": key,
            "dismissed_date": today.isoformat(),
        },
    )
    if not rows:
        raise Missing(f"no City {city!r}", at("city"), city)
    return dict(rows[0]["props"])


@dataclass(frozen=True, slots=True)
class HostApplicationInput:
    city: str
    year: int
    venue_seats: int | None
    hotel_rooms: int | None
    airport_km: float | None
    notes: str | None


async def record_host_application(
    store: GraphStore, viewer: Viewer, application: HostApplicationInput, today: dt.date
) -> Props:
    require_writer(viewer, "recordHostApplication")
    require_city(viewer, application.city, at("city"), "apply to host a conference")
    if not today.year <= application.year <= today.year + 10:
        raise InvalidInput(f"year must be between {today.year} and {today.year + 10}", at("year"))
    for name, value in (
        ("venueSeats", application.venue_seats),
        ("hotelRooms", application.hotel_rooms),
        ("airportKm", application.airport_km),
    ):
        if value is not None and value < 0:
            raise InvalidInput(f"{name} cannot be negative", at(name))
    notes = text(application.notes, at("notes"), limit=NOTE_LIMIT)
    await require_existing(store, "City", [(application.city, at("city"))])
    application_id = f"{application.year}:{application.city}"
    props: Props = {
        "id": application_id,
        "year": application.year,
        "submitted_date": today.isoformat(),
    }
    declared: dict[str, object] = {
        "venue_seats": application.venue_seats,
        "hotel_rooms": application.hotel_rooms,
        "airport_km": application.airport_km,
        "notes": notes,
    }
    props.update({name: value for name, value in declared.items() if value is not None})
    rows = await store.run(
        q.RECORD_HOST_APPLICATION,
        city=application.city,
        application=application_id,
        props=props,
    )
    if not rows:
        raise Missing(f"no City {application.city!r}", at("city"), application.city)
    return dict(rows[0]["props"])
