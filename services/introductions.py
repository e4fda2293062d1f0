"""The feedback loop of the recommendations: introductions a city asks for (and how they went)
and partners it dismissed for a need.

Each operation checks who may write and every value first (nothing is written on a refusal),
then writes in one statement that is idempotent on retry: an introduction is one per asking
city, partner and day; a dismissal one per city, partner and need.
"""

from __future__ import annotations

from dataclasses import dataclass

from brain.partners import Need
from graph.dataset import Props
from graph.model import INTRODUCTION_STATUSES
from graph.statements import brain as q
from services.core import Service, after_write
from services.errors import InvalidInput, Missing, Refused
from services.policy import Role, Viewer, is_secretariat, require_city, require_writer
from services.rules import NOTE_MAX, need_targets, reference, require_existing, text

PARTNER_LABELS = {"city": "City", "institution": "PartnerInstitution"}


@dataclass(frozen=True, slots=True)
class IntroductionRequest:
    city: str
    partner: str
    partner_kind: str  # "city" | "institution"
    need: Need | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Dismissal:
    city: str
    partner: str
    partner_kind: str
    need: Need


class Introductions(Service):
    @after_write
    async def request(self, viewer: Viewer, request: IntroductionRequest) -> Props:
        require_writer(viewer, "ask for an introduction")
        require_city(viewer, request.city, ("city",), "ask for an introduction")
        if request.partner_kind == "city" and request.partner == request.city:
            raise InvalidInput("a city cannot be introduced to itself", ("partner",))
        note = text(request.note, ("note",), limit=NOTE_MAX)
        today = self.core.clock.today()
        await require_existing(self.store, "City", [(request.city, ("city",))])
        label = PARTNER_LABELS[request.partner_kind]
        await require_existing(self.store, label, [(request.partner, ("partner",))])
        props: Props = {
            "status": "requested",
            "partner_kind": request.partner_kind,
            "requested_date": today.isoformat(),
        }
        if request.need is not None:
            need_targets(request.need.targets, ("need", "sdg_targets"))
            props["need"] = request.need.key()
        if note:
            props["note"] = note
        statement = q.INTRODUCE_CITY if request.partner_kind == "city" else q.INTRODUCE_INSTITUTION
        rows = await self.store.run(
            statement,
            city=request.city,
            partner=request.partner,
            introduction=f"{request.city}:{request.partner}:{today.isoformat()}",
            props=props,
        )
        if not rows:
            raise Missing(
                f"{request.city!r} or {request.partner!r} went meanwhile", ("partner",), ""
            )
        return dict(rows[0]["props"])

    @after_write
    async def update(self, viewer: Viewer, introduction: str, status: str) -> Props:
        """The asking city, the city it asked to meet, or the secretariat says how it went."""
        require_writer(viewer, "update an introduction")
        if status not in INTRODUCTION_STATUSES:
            raise InvalidInput(
                f"`status` must be one of {', '.join(INTRODUCTION_STATUSES)}", ("status",)
            )
        introduction = reference(introduction, ("introduction",))
        rows = await self.store.run(q.INTRODUCTION_STATE, introduction=introduction)
        if not rows:
            raise Missing(f"no introduction {introduction!r}", ("introduction",), introduction)
        parties = {rows[0]["city"], rows[0]["partner_city"]}
        if not is_secretariat(viewer) and not (
            viewer.role is Role.FOCAL_POINT and viewer.city in parties
        ):
            raise Refused(
                "only the two cities of an introduction, or the secretariat, may update it",
                ("introduction",),
            )
        written = await self.store.run(
            q.UPDATE_INTRODUCTION,
            introduction=introduction,
            status=status,
            today=self.core.clock.today().isoformat(),
        )
        return dict(written[0]["props"])

    @after_write
    async def dismiss(self, viewer: Viewer, dismissal: Dismissal) -> Props:
        require_writer(viewer, "dismiss a recommendation")
        city, partner, kind = dismissal.city, dismissal.partner, dismissal.partner_kind
        require_city(viewer, city, ("city",), "dismiss a recommendation")
        await require_existing(self.store, "City", [(city, ("city",))])
        await require_existing(self.store, PARTNER_LABELS[kind], [(partner, ("partner",))])
        need_targets(dismissal.need.targets, ("need", "sdg_targets"))
        key = dismissal.need.key()
        rows = await self.store.run(
            q.DISMISS,
            city=city,
            dismissal=f"{city}:{kind}:{partner}:{key}",
            props={
                "partner_kind": kind,
                "partner_id": partner,
                "need": key,
                "dismissed_date": self.core.clock.today().isoformat(),
            },
        )
        if not rows:
            raise Missing(f"no city with id {city!r}", ("city",), city)
        return dict(rows[0]["props"])
