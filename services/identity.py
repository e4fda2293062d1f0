"""Who a chat user is in the network: the focal point of a city, one of the secretariat, or
nobody in particular (who may read and search, but not act for a city).

A Slack user is linked to a focal point in one of two ways:
- by e-mail: the address Slack verified for the user is the focal point's address (compared
  without case). The bot links on first contact; a focal point already linked to another Slack
  user is never taken over that way, and an address two focal points share links neither;
- by the secretariat (`uccn bot link`), which may link anyone, to a focal point of a city (one
  named, the city's only one, or a new one it names) or as one of its own.
A Slack user speaks for one role at most: linking unlinks the user from any other first.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from graph.engine import Row
from graph.statements import identity as q
from names import slugify
from services.core import Service
from services.errors import InvalidInput, Missing
from services.policy import ANONYMOUS, SECRETARIAT, Role, Viewer, require_secretariat
from services.rules import NOTE_MAX, reference, required_text, text

log = logging.getLogger(__name__)

SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,30}")
NAME_MAX = 200


@dataclass(frozen=True, slots=True)
class ChatIdentity:
    """A chat user as the network sees it: the viewer it acts as, and who it is."""

    user: str
    viewer: Viewer
    name: str | None = None
    focal_point: str | None = None
    city: str | None = None
    city_name: str | None = None
    language: str | None = None  # the focal point's language, when the model has one

    @property
    def linked(self) -> bool:
        return self.viewer.role is not Role.ANONYMOUS


@dataclass(frozen=True, slots=True)
class FocalPointContact:
    id: str
    name: str
    slack_user: str | None
    language: str | None


def _identity(user: str, row: Row | None) -> ChatIdentity:
    if row is not None and row.get("focal_point") and row.get("city"):
        return ChatIdentity(
            user=user,
            viewer=Viewer(Role.FOCAL_POINT, city=str(row["city"])),
            name=row.get("name"),
            focal_point=str(row["focal_point"]),
            city=str(row["city"]),
            city_name=row.get("city_name"),
            language=row.get("language"),
        )
    if row is not None and row.get("secretariat_name"):
        return ChatIdentity(user=user, viewer=SECRETARIAT, name=row.get("secretariat_name"))
    return ChatIdentity(user=user, viewer=ANONYMOUS)


def slack_user_id(raw: str) -> str:
    value = raw.strip()
    if not SLACK_USER.fullmatch(value):
        raise InvalidInput(
            f"`slack_user` {raw!r} is not a Slack user id (like U024BE7LH)", ("slack_user",)
        )
    return value


class Identity(Service):
    async def of_chat_user(self, user: str) -> ChatIdentity:
        """Who `user` is; an anonymous identity when nobody linked it."""
        rows = await self.store.run(q.SLACK_IDENTITY, slack_user=user)
        return _identity(user, rows[0] if rows else None)

    async def link_by_email(self, user: str, verified_email: str) -> ChatIdentity:
        """Links `user` to the focal point with this address, which the chat platform verified
        as the user's; the identity it has afterwards (anonymous when nothing fits)."""
        email = verified_email.strip().lower()
        rows = await self.store.run(q.FOCAL_POINTS_BY_EMAIL, email=email) if email else []
        free = [r for r in rows if r["slack_user_id"] in (None, user)]
        if len(rows) != 1 or len(free) != 1:
            if rows:
                log.info(
                    "not linking %s by e-mail: %d focal points have the address, %d free",
                    user,
                    len(rows),
                    len(free),
                )
            return await self.of_chat_user(user)
        await self.store.run(q.UNLINK_SECRETARIAT, slack_user=user)
        linked = await self.store.run(
            q.LINK_FOCAL_POINT,
            focal_point=str(free[0]["id"]),
            slack_user=user,
            linked_by="email",
            today=self.core.clock.today().isoformat(),
        )
        return _identity(user, linked[0] if linked else None)

    async def link(
        self,
        viewer: Viewer,
        user: str,
        city: str,
        *,
        focal_point: str | None = None,
        name: str | None = None,
        email: str | None = None,
        language: str | None = None,
    ) -> ChatIdentity:
        """The secretariat links `user` to a focal point of `city`: the one named, a new one
        called `name`, or else the city's only focal point."""
        require_secretariat(viewer, "link a chat user to a focal point")
        user = slack_user_id(user)
        city = reference(city, ("city",))
        rows = await self.store.run(q.CITY_FOCAL_POINTS, city=city)
        if not rows and not await self.store.existing_ids("City", [city]):
            raise Missing(f"no city with id {city!r}", ("city",), city)
        ids = [str(r["id"]) for r in rows]
        if focal_point is not None:
            if focal_point not in ids:
                raise Missing(
                    f"{city!r} has no focal point {focal_point!r} (it has: "
                    f"{', '.join(ids) or 'none'})",
                    ("focal_point",),
                    focal_point,
                )
            chosen = focal_point
        elif name is not None:
            chosen = await self._add_focal_point(city, name, email, language)
        elif len(ids) == 1:
            chosen = ids[0]
        else:
            which = f"it has {', '.join(ids)}" if ids else "it has none yet"
            raise InvalidInput(
                f"name the focal point of {city!r} to link ({which}): give `focal_point`, "
                "or `name` for a new one",
                ("focal_point",),
            )
        await self._unlink(user)
        linked = await self.store.run(
            q.LINK_FOCAL_POINT,
            focal_point=chosen,
            slack_user=user,
            linked_by="secretariat",
            today=self.core.clock.today().isoformat(),
        )
        return _identity(user, linked[0] if linked else None)

    async def link_secretariat(self, viewer: Viewer, user: str, name: str) -> ChatIdentity:
        require_secretariat(viewer, "link a chat user to the secretariat")
        user = slack_user_id(user)
        person = required_text(name, ("name",), limit=NAME_MAX)
        await self._unlink(user)
        await self.store.run(
            q.LINK_SECRETARIAT,
            slack_user=user,
            name=person,
            today=self.core.clock.today().isoformat(),
        )
        return await self.of_chat_user(user)

    async def unlink(self, viewer: Viewer, user: str) -> bool:
        """The secretariat unlinks `user` from whatever it was linked to; False if nothing."""
        require_secretariat(viewer, "unlink a chat user")
        return await self._unlink(slack_user_id(user))

    async def contacts(self, city: str) -> list[FocalPointContact]:
        """The city's focal points, with the chat user each is linked to (for deliveries: never
        shown to others)."""
        rows = await self.store.run(q.CITY_FOCAL_POINTS, city=city)
        return [
            FocalPointContact(
                id=str(r["id"]),
                name=str(r["name"]),
                slack_user=r.get("slack_user_id"),
                language=r.get("language"),
            )
            for r in rows
        ]

    async def _unlink(self, user: str) -> bool:
        points = await self.store.run(q.UNLINK_FOCAL_POINTS, slack_user=user)
        staff = await self.store.run(q.UNLINK_SECRETARIAT, slack_user=user)
        return bool(points or staff)

    async def _add_focal_point(
        self, city: str, name: str, email: str | None, language: str | None
    ) -> str:
        person = required_text(name, ("name",), limit=NAME_MAX)
        address = text(email, ("email",), limit=NOTE_MAX)
        if address is not None and "@" not in address:
            raise InvalidInput("`email` must be an e-mail address", ("email",))
        focal_point = f"{city}-{slugify(person)}"
        props = {"name": person, "email": address, "language": language}
        rows = await self.store.run(
            q.ADD_FOCAL_POINT,
            city=city,
            focal_point=focal_point,
            props={k: v for k, v in props.items() if v is not None},
        )
        if not rows:
            raise Missing(f"no city with id {city!r}", ("city",), city)
        return focal_point
