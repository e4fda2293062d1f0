"""Partner recommendations: who a city could work with next, scored by `brain.partners` over
the recommendation index, with what the asking city did about earlier ones read fresh."""

from __future__ import annotations

import asyncio
import functools
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

from brain import partners
from graph.engine import Row
from graph.statements import recommend
from services.core import Core, Service
from services.errors import InvalidInput, Missing
from services.partner_index import Snapshot


def check_need(need: partners.Need, snap: Snapshot) -> None:
    """Every code the need names exists: which one does not, and where."""
    for index, code in enumerate(need.targets):
        if code not in snap.places.targets:
            raise InvalidInput(
                f"{code!r} is not an SDG target code (like 11.4)",
                ("need", "sdg_targets", str(index)),
            )
    if not need.kinds:
        raise InvalidInput("ask for at least one kind of partner", ("need", "kinds"))


class Partners(Service):
    """Scoring every candidate is pure Python (tens of ms on a 10k-city network): it runs in one
    worker thread of its own, one request at a time, so that the event loop keeps answering
    meanwhile (the bot's acks, other requests) instead of waiting behind a queue of scorings."""

    def __init__(self, core: Core) -> None:
        super().__init__(core)
        self._scoring = ThreadPoolExecutor(max_workers=1, thread_name_prefix="partner-scoring")

    async def recommend(
        self, city: str, need: partners.Need, first: int
    ) -> partners.Recommendations:
        """Public: any caller may ask, for any city (it reads public data only)."""
        page_max = self.core.config.page_max
        if not 1 <= first <= page_max:
            raise InvalidInput(f"`first` must be between 1 and {page_max}", ("first",))
        snap = await self.core.partner_index.snapshot()
        check_need(need, snap)
        rows = await self.store.run(recommend.ASKER, city=city)
        if not rows:
            raise Missing(f"no city {city!r}", ("city",), city)
        score = functools.partial(
            partners.recommend,
            asker_of(rows[0], snap),
            need,
            snap.pool,
            snap.places,
            year=self.core.clock.today().year,
            first=first,
            weights=self.core.config.partners,
        )
        return await asyncio.get_running_loop().run_in_executor(self._scoring, score)


def asker_of(row: Row, snap: Snapshot) -> partners.Asker:
    """The asking city as the brain sees it: its ties, warm introductions, what it dismissed."""
    city = str(row["id"])
    ties = snap.city_ties.get(city, set())
    own = snap.cities.get(city)
    countries: set[str] = set()
    warm: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, partner in ties:
        profile = snap.cities.get(partner) if kind == "city" else snap.profiles.get((kind, partner))
        if profile is None:
            continue
        if profile.country:
            countries.add(profile.country)
        if kind != "city":
            continue
        for second in snap.city_ties.get(partner, ()):
            if second != ("city", city) and second not in ties:
                warm[second].add(profile.name)
    introductions = [tuple(str(v) for v in i) for i in _rows(row["introductions"])]
    fruitful = tuple(
        p
        for kind, pid, status in introductions
        if status == "became-project" and (p := snap.profiles.get((kind, pid))) is not None
    )
    return partners.Asker(
        id=city,
        country=_str(row["country"]),
        field=_str(row["field"]),
        targets=own.targets if own else frozenset(),
        partners=frozenset(ties),
        partner_countries=frozenset(countries),
        warm={key: frozenset(names) for key, names in warm.items()},
        dismissed=frozenset(
            (str(k), str(i), str(n)) for k, i, n in (tuple(d) for d in _rows(row["dismissed"]))
        ),
        introduced=frozenset((kind, pid) for kind, pid, _status in introductions),
        fruitful=fruitful,
    )


def _rows(value: object) -> list[list[object]]:
    return [list(v) for v in value] if isinstance(value, list) else []


def _str(value: object) -> str | None:
    return None if value is None else str(value)
