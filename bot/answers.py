"""Answering a query: the services asked, the blocks laid out, in the reader's language.

Every answer goes through the same services as the GraphQL API (partners through
`Partners.recommend`, a city through `Cities.status`, host rankings through `Hosts.rank`, ...);
who may see or do what is decided there. What the bot adds is the conversation: a question
it cannot place gets a short question back with choices, never silence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot import blocks
from bot.blocks import Choice
from bot.lexicon import Ask
from bot.understanding import CityName, CityNames, Query, Reader
from brain.partners import Need
from services.container import Services
from services.directory import CityCriteria
from services.errors import Refused, ServiceError
from services.i18n import Translator
from services.identity import ChatIdentity
from services.notify import Message
from services.policy import is_secretariat, speaks_for

PARTNER_KINDS = ("city",)  # the bot introduces cities: an institution has no focal point to meet
LISTED = 10
SLACK_USER = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>|^([UW][A-Z0-9]{2,30})$")


@dataclass(frozen=True, slots=True)
class Reply:
    """What to say; `open_project_form` asks the listener to open the form (it has the
    trigger id)."""

    message: Message | None
    open_project_form: bool = False


def need_of(key: str) -> Need:
    """A need back from its canonical key (`targets=11.4;regions=africa`)."""
    parts: dict[str, tuple[str, ...]] = {}
    for part in key.split(";"):
        name, _, values = part.partition("=")
        if values:
            parts[name] = tuple(v for v in values.split(",") if v)
    return Need(
        targets=parts.get("targets", ()),
        fields=parts.get("fields", ()),
        regions=parts.get("regions", ()),
        kinds=PARTNER_KINDS,
    )


def refusal(error: ServiceError, t: Translator) -> Message:
    """A refusal of the services, said to the user (the reason in the services' words)."""
    if isinstance(error, Refused):
        return blocks.notice(t.gettext("Sorry, you may not do that: {why}").format(why=error))
    return blocks.notice(t.gettext("That did not work: {why}").format(why=error))


class Answers:
    def __init__(self, services: Services, reader: Reader) -> None:
        self.services = services
        self.reader = reader
        self._names: tuple[object, CityNames] | None = None

    async def city_names(self) -> CityNames:
        """The names to read messages against, rebuilt when the directory's list changes."""
        cards = await self.services.directory.city_names()
        if self._names is None or self._names[0] is not cards:
            self._names = (cards, CityNames(CityName(c.id, c.name) for c in cards))
        return self._names[1]

    async def read(self, text: str) -> Query:
        return self.reader.read(text, await self.city_names())

    async def answer(self, who: ChatIdentity, query: Query, t: Translator) -> Reply:
        if query.ask is not Ask.LINK and (query.city_choices or query.city_text):
            return Reply(await self._which_city(query, t))
        try:
            return await self._answer(who, query, t)
        except ServiceError as error:
            return Reply(refusal(error, t))

    async def _answer(self, who: ChatIdentity, query: Query, t: Translator) -> Reply:
        match query.ask:
            case Ask.PARTNERS:
                return Reply(await self._partners(who, query, t))
            case Ask.SEARCH:
                return Reply(await self._search(query, t))
            case Ask.CITY if query.city:
                return Reply(await self._city(who, query.city, t))
            case Ask.PROJECT if query.new:
                return Reply(None, open_project_form=True)
            case Ask.PROJECT:
                return Reply(await self._projects(query, t))
            case Ask.SDG if query.targets:
                return Reply(await self._target(query.targets[0], t))
            case Ask.DUE:
                return Reply(await self._due(who, query, t))
            case Ask.HOST:
                return Reply(await self._hosts(who, query, t))
            case Ask.HELP:
                return Reply(blocks.help_message(t))
            case Ask.LINK:
                return Reply(await self._link(who, query.rest, t))
        return Reply(self.unclear(who, t))

    def unclear(self, who: ChatIdentity, t: Translator) -> Message:
        options = []
        if who.city:
            options += [
                Choice(t.gettext("Partners for my city"), f"partners for {who.city}"),
                Choice(t.gettext("My city's reports"), "due"),
            ]
        options += [
            Choice(t.gettext("Who works on heritage"), "search on 11.4"),
            Choice(t.gettext("Help"), "help"),
        ]
        question = t.gettext(
            "I did not understand that. Try `partners for CITY on heritage`, or choose:"
        )
        return blocks.choices_message(question, options)

    async def _which_city(self, query: Query, t: Translator) -> Message:
        if query.city_choices:
            names = (await self.city_names()).names
            options = [
                Choice(names.get(c, c), query.with_city(c).command()) for c in query.city_choices
            ]
            question = t.gettext("Which city do you mean by “{text}”?").format(text=query.city_text)
            return blocks.choices_message(question, options)
        text = t.gettext("I know no city called “{text}”.").format(text=query.city_text)
        return blocks.choices_message(text, [Choice(t.gettext("Help"), "help")])

    async def _partners(self, who: ChatIdentity, query: Query, t: Translator) -> Message:
        city = query.city or who.city
        if city is None:
            return blocks.notice(
                t.gettext("For which city? Ask like this: `partners for Chiang Mai on heritage`.")
            )
        need = Need(
            targets=query.targets, fields=query.fields, regions=query.regions, kinds=PARTNER_KINDS
        )
        found = await self.services.partners.recommend(city, need, blocks.SHOWN)
        cards = await self.services.directory.city_cards(
            [city, *(i.partner.id for i in found.items[: blocks.SHOWN])]
        )
        return blocks.partners_message(
            cards[0].name if cards and cards[0].id == city else city,
            city,
            found,
            t,
            countries={c.id: c.country_name or "" for c in cards},
            need_words=blocks.criteria_words(t, query.fields, query.regions, query.targets),
            can_act=speaks_for(who.viewer, city),
        )

    async def _search(self, query: Query, t: Translator) -> Message:
        for code in query.targets:
            if await self.services.directory.target(code) is None:
                return self._no_target(code, t)
        criteria = CityCriteria(fields=query.fields, regions=query.regions, targets=query.targets)
        found = await self.services.directory.cities(criteria, LISTED)
        words = blocks.criteria_words(t, query.fields, query.regions, query.targets)
        return blocks.cities_message(found, words, t)

    async def _city(self, who: ChatIdentity, city: str, t: Translator) -> Message:
        cards = await self.services.directory.city_cards([city])
        if not cards:  # named before the index saw it: say so rather than guess
            return blocks.notice(t.gettext("I know no city called “{text}”.").format(text=city))
        status = await self.services.cities.status(who.viewer, city)
        projects = await self.services.directory.projects(cities=[city], first=blocks.SHOWN)
        return blocks.city_message(
            cards[0], projects, t, designation_year=status.designation_year, status=status.status
        )

    async def _projects(self, query: Query, t: Translator) -> Message:
        directory = self.services.directory
        if query.words:
            found = await directory.projects(words=query.words, first=blocks.SHOWN)
            return blocks.projects_message(found, f"“{query.words}”", t)
        if not (query.targets or query.city):
            return blocks.notice(t.gettext("Which projects? Try `/uccn project heritage lab`."))
        found = await directory.projects(
            targets=query.targets, cities=[query.city] if query.city else [], first=blocks.SHOWN
        )
        asked = ", ".join(
            [*(f"SDG {c}" for c in query.targets), *([query.city] if query.city else [])]
        )
        return blocks.projects_message(found, asked, t)

    async def _target(self, code: str, t: Translator) -> Message:
        directory = self.services.directory
        target = await directory.target(code)
        if target is None:
            return self._no_target(code, t)
        projects = await directory.projects(targets=[code], first=blocks.SHOWN)
        cities = await directory.cities(CityCriteria(targets=(code,)), 1)
        return blocks.target_message(target, projects, cities.total, t)

    def _no_target(self, code: str, t: Translator) -> Message:
        return blocks.notice(
            t.gettext("{code} is not an SDG target code (like 11.4).").format(code=code)
        )

    async def _due(self, who: ChatIdentity, query: Query, t: Translator) -> Message:
        city = query.city if query.city and is_secretariat(who.viewer) else who.city
        if city is None:
            return blocks.notice(self.not_linked(t))
        status = await self.services.cities.status(who.viewer, city)
        return blocks.due_message(status, self.services.clock.today().year, t)

    async def _hosts(self, who: ChatIdentity, query: Query, t: Translator) -> Message:
        if not is_secretariat(who.viewer):
            return blocks.notice(t.gettext("Only the secretariat can see who applies to host."))
        year = query.year or self.services.clock.today().year + 1
        ranked = await self.services.hosts.rank(who.viewer, year)
        return blocks.hosts_message(year, ranked.candidates, t)

    async def _link(self, who: ChatIdentity, rest: str, t: Translator) -> Message:
        """`link @user CITY [FOCAL-POINT]` or `link @user secretariat NAME` (secretariat)."""
        words = rest.split()
        user = SLACK_USER.match(words[0]) if words else None
        if user is None or len(words) < 2:
            return blocks.notice(
                t.gettext(
                    "Write `/uccn link @someone CITY` or `/uccn link @someone secretariat NAME`."
                )
            )
        slack_user = user.group(1) or user.group(2)
        identity = self.services.identity
        if words[1] == "secretariat":
            linked = await identity.link_secretariat(
                who.viewer, slack_user, " ".join(words[2:]) or slack_user
            )
            return blocks.notice(
                t.gettext("<@{user}> now speaks for the secretariat.").format(user=linked.user)
            )
        city = await self.services.cities.resolve(words[1]) or words[1]
        focal_point = words[2] if len(words) > 2 else None
        linked = await identity.link(who.viewer, slack_user, city, focal_point=focal_point)
        return blocks.notice(
            t.gettext("<@{user}> is now the focal point {name} of {city}.").format(
                user=linked.user, name=linked.name or "", city=linked.city_name or city
            )
        )

    @staticmethod
    def not_linked(t: Translator) -> str:
        return t.gettext(
            "Your Slack account is not linked to a city yet: ask the secretariat to link it."
        )
