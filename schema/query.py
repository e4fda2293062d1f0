"""The root query: thin resolvers that translate arguments, call `graph/`, and build types."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from graph.dataset import props_from
from graph.model import EXPORTED_LABELS, EXPORTED_RELATIONSHIPS
from graph.statement import Statement
from graph.statements import listing
from graph.statements.paths import MAX_PATH_HOPS
from schema import analytics, brain
from schema.aggregates import Aggregates
from schema.brain import CheckResult, ProposeMentorsResult, RankHostsResult, RecommendResult
from schema.city import City
from schema.compiled import page_columns, prefetch_nodes, prefetch_page
from schema.conference import Conference
from schema.connection import Connection, Window, bad_input, connection, window
from schema.context import Context
from schema.country import Country
from schema.enums import CityOrder
from schema.errors import ForbiddenError, NotFoundError, ValidationError
from schema.field import CreativeField
from schema.filters import (
    CityFilter,
    CountryFilter,
    InstitutionFilter,
    ProjectFilter,
    city_params,
    country_params,
    institution_params,
    project_params,
)
from schema.institution import PartnerInstitution
from schema.limits import NEIGHBOURHOOD_NODE, PATH_HOP, work
from schema.node import Node, from_global_id
from schema.outcome import node_key, outcome
from schema.project import PilotProject
from schema.region import Region
from schema.registry import build_node
from schema.sdg_goal import SDGGoal
from schema.sdg_target import SDGTarget
from schema.search import SEARCHED, SearchHit
from schema.traversal import CooperationPath, Subgraph
from schema.types import GraphStats, LabelCount, TypeCount
from services.errors import Missing, ServiceError
from services.policy import can_read_aggregates
from services.traversal import MAX_NEIGHBOURHOOD_HOPS
from services.traversal import Subgraph as FoundSubgraph

EXPORTED_TYPES = frozenset(r.type for r in EXPORTED_RELATIONSHIPS)

AggregatesResult = Annotated[Aggregates | ForbiddenError, strawberry.union("AggregatesResult")]
PathResult = Annotated[
    CooperationPath | NotFoundError | ValidationError, strawberry.union("PathResult")
]
NeighbourhoodResult = Annotated[
    Subgraph | NotFoundError | ValidationError, strawberry.union("NeighbourhoodResult")
]


async def _page(
    info: Info[Context, None],
    label: str,
    statement: Statement,
    win: Window,
    params: dict[str, Any],
) -> tuple[list[dict[str, Any]], int]:
    """A listing's page and total; the page's nodes with only the properties the operation
    reads, when compiled reads are on (`schema.compiled.page_columns`)."""
    store = info.context.store
    columns = page_columns(info, label)
    read = statement if columns is None else listing.with_columns(statement, label, columns)
    rows = await store.run(read, skip=win.skip, page_end=win.end, **params)
    if not rows:  # a top-k listing with no node to show: the total alone
        counted = await store.run(listing.TOTALS[statement.name])
        return [], int(counted[0]["total"])
    page, total = rows[0]["page"], int(rows[0]["total"])
    if columns is None:
        return [dict(p) for p in page], total
    names = listing.page_columns(label, columns)
    return [props_from(names, values) for values in page], total


def _win(info: Info[Context, None], first: int | None, after: str | None) -> Window:
    return window(first, after, info.context.api.page_max)


async def _listed(
    info: Info[Context, None], label: str, build: Any, first: int | None, after: str | None
) -> Any:
    win = _win(info, first, after)
    page, total = await _page(info, label, listing.ALL_OF_LABEL[label], win, {})
    await prefetch_page(info, label, [p["id"] for p in page])
    return connection([build(p) for p in page], total, win)


async def _by_key(info: Info[Context, None], label: str, key: str) -> Any:
    props = await info.context.loaders.node(label).load(key)
    if props is None:
        return None
    await prefetch_nodes(info, label, [key])
    return build_node(label, props)


def _city_key(ref: str) -> str:
    """A city given by global id or by slug."""
    try:
        return node_key(ref, "City", ("id",))
    except ServiceError as exc:
        raise bad_input("id", exc.render().removeprefix("id ")) from exc


@strawberry.type
class Query:
    @strawberry.field(description="Any object by its global id.")
    async def node(self, info: Info[Context, None], id: strawberry.ID) -> Node | None:
        decoded = from_global_id(str(id))
        if decoded is None:
            return None
        node: Node | None = await _by_key(info, *decoded)
        return node

    @strawberry.field(description="Cities, filtered and ordered; at most 100 a page.")
    async def cities(
        self,
        info: Info[Context, None],
        filter: CityFilter | None = None,
        order_by: CityOrder = CityOrder.NAME_ASC,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[City]:
        win = _win(info, first, after)
        params = city_params(filter)
        if all(value is None for value in params.values()):
            statement, params = listing.ALL_CITIES[order_by.value], {}
        else:
            statement = listing.CITIES[order_by.value]
        page, total = await _page(info, "City", statement, win, params)
        await prefetch_page(info, "City", [p["id"] for p in page])
        return connection([City.from_props(p) for p in page], total, win)

    @strawberry.field(description="One city by slug (`chiang-mai`) or global id, or null.")
    async def city(self, info: Info[Context, None], id: strawberry.ID) -> City | None:
        key = _city_key(str(id))
        city: City | None = await _by_key(info, "City", key)
        if city is None and (now := await info.context.services.cities.resolve(key)) != key:
            city = None if now is None else await _by_key(info, "City", now)
        return city

    @strawberry.field
    async def countries(
        self,
        info: Info[Context, None],
        filter: CountryFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Country]:
        win = _win(info, first, after)
        page, total = await _page(info, "Country", listing.COUNTRIES, win, country_params(filter))
        await prefetch_page(info, "Country", [p["id"] for p in page])
        return connection([Country.from_props(p) for p in page], total, win)

    @strawberry.field(description="One country by ISO 3166-1 alpha-2 code, or null.")
    async def country(self, info: Info[Context, None], code: str) -> Country | None:
        country: Country | None = await _by_key(info, "Country", code.upper())
        return country

    @strawberry.field
    async def regions(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[Region]:
        result: Connection[Region] = await _listed(info, "Region", Region.from_props, first, after)
        return result

    @strawberry.field
    async def fields(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[CreativeField]:
        result: Connection[CreativeField] = await _listed(
            info, "CreativeField", CreativeField.from_props, first, after
        )
        return result

    @strawberry.field
    async def institutions(
        self,
        info: Info[Context, None],
        filter: InstitutionFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[PartnerInstitution]:
        win = _win(info, first, after)
        page, total = await _page(
            info, "PartnerInstitution", listing.INSTITUTIONS, win, institution_params(filter)
        )
        await prefetch_page(info, "PartnerInstitution", [p["id"] for p in page])
        return connection([PartnerInstitution.from_props(p) for p in page], total, win)

    @strawberry.field
    async def institution(
        self, info: Info[Context, None], id: strawberry.ID
    ) -> PartnerInstitution | None:
        decoded = from_global_id(str(id))
        key = decoded[1] if decoded and decoded[0] == "PartnerInstitution" else str(id)
        found: PartnerInstitution | None = await _by_key(info, "PartnerInstitution", key)
        return found

    @strawberry.field
    async def projects(
        self,
        info: Info[Context, None],
        filter: ProjectFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[PilotProject]:
        win = _win(info, first, after)
        page, total = await _page(
            info, "PilotProject", listing.PROJECTS, win, project_params(filter)
        )
        await prefetch_page(info, "PilotProject", [p["id"] for p in page])
        return connection([PilotProject.from_props(p) for p in page], total, win)

    @strawberry.field
    async def project(self, info: Info[Context, None], id: strawberry.ID) -> PilotProject | None:
        decoded = from_global_id(str(id))
        key = decoded[1] if decoded and decoded[0] == "PilotProject" else str(id)
        found: PilotProject | None = await _by_key(info, "PilotProject", key)
        return found

    @strawberry.field
    async def sdg_goals(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[SDGGoal]:
        result: Connection[SDGGoal] = await _listed(
            info, "SDGGoal", SDGGoal.from_props, first, after
        )
        return result

    @strawberry.field(description="One SDG target by code (`11.4`), or null.")
    async def sdg_target(self, info: Info[Context, None], code: str) -> SDGTarget | None:
        found: SDGTarget | None = await _by_key(info, "SDGTarget", code)
        return found

    @strawberry.field(description="Annual Conferences, oldest first.")
    async def conferences(
        self, info: Info[Context, None], first: int | None = None, after: str | None = None
    ) -> Connection[Conference]:
        result: Connection[Conference] = await _listed(
            info, "Conference", Conference.from_props, first, after
        )
        return result

    @strawberry.field(
        description="Cities, institutions and projects whose name matches, best first."
    )
    async def search(
        self, info: Info[Context, None], text: str, first: int = 20
    ) -> list[SearchHit]:
        if not 1 <= first <= info.context.api.page_max:
            raise bad_input("first", f"must be between 1 and {info.context.api.page_max}")
        hits: list[tuple[float, str, Any]] = []
        for label, kind in SEARCHED.items():
            for props, score in await info.context.store.search_nodes(label, text, first):
                hits.append((score, str(props["id"]), kind.from_props(props)))
        hits.sort(key=lambda h: (-h[0], h[1]))
        return [hit for _, _, hit in hits[:first]]

    @strawberry.field(description="Network-wide counts; for authenticated callers.")
    async def aggregates(self, info: Info[Context, None]) -> AggregatesResult:
        if not can_read_aggregates(info.context.viewer):
            return ForbiddenError(
                message="aggregates are for researchers, focal points and the secretariat: "
                "send a bearer token",
                field=["aggregates"],
            )
        return Aggregates()

    @strawberry.field(
        description="The shortest cooperation path between two cities.",
        metadata=work("max_hops", PATH_HOP, MAX_PATH_HOPS),
    )
    async def path(
        self,
        info: Info[Context, None],
        from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID,
        max_hops: int = 4,
    ) -> PathResult:

        async def call() -> tuple[list[tuple[str, str]] | None]:
            start = node_key(str(from_), "City", ("from",))
            end = node_key(str(to), "City", ("to",))
            return (await info.context.services.traversal.path(start, end, max_hops),)

        def success(found: tuple[list[tuple[str, str]] | None]) -> CooperationPath:
            (path,) = found
            if path is None:
                return CooperationPath(found=False, length=0, path=[])
            return CooperationPath(found=True, length=len(path) - 1, path=path)

        result: PathResult = await outcome(info, "path", call, success, prefix=(), writes=False)
        return result

    @strawberry.field(
        description="The sub-graph within `hops` (at most 3) of a node.",
        metadata=work("hops", NEIGHBOURHOOD_NODE, MAX_NEIGHBOURHOOD_HOPS),
    )
    async def neighbourhood(
        self, info: Info[Context, None], id: strawberry.ID, hops: int = 1
    ) -> NeighbourhoodResult:
        decoded = from_global_id(str(id))
        if decoded is None:
            return NotFoundError(message=f"{id!r} is not a global id", field=["id"], id=str(id))

        async def call() -> FoundSubgraph:
            try:
                return await info.context.services.traversal.neighbourhood(*decoded, hops)
            except Missing as exc:  # named by the global id the caller gave
                raise Missing(exc.template, exc.field, str(id)) from exc

        result: NeighbourhoodResult = await outcome(
            info, "neighbourhood", call, Subgraph.of, prefix=(), writes=False
        )
        return result

    recommend_partners: RecommendResult = strawberry.field(
        resolver=brain.recommend_partners,
        description="Partners a city could work with next, best first, each with its reasons.",
    )
    propose_mentors: ProposeMentorsResult = strawberry.field(
        resolver=brain.propose_mentors,
        description="A mentor for each candidate city of a call, as one optimal assignment "
        "(secretariat).",
    )
    rank_host_candidates: RankHostsResult = strawberry.field(
        resolver=brain.rank_host_candidates,
        description="The cities that applied to host a year's Annual Conference, ranked "
        "(secretariat).",
    )
    check_applications: CheckResult = strawberry.field(
        resolver=brain.check_applications,
        description="A call's candidate list checked against the network's rules (secretariat).",
    )

    network_stats: analytics.NetworkStatsResult = strawberry.field(
        resolver=analytics.network_stats,
        description="The cooperation network's figures for a year since 2004 and a filter: "
        "size, density, components, the balance of exchanges (researchers, secretariat).",
    )
    centrality: analytics.CentralityResult = strawberry.field(
        resolver=analytics.centrality,
        description="The most central cities by a measure (researchers, secretariat).",
    )
    communities: analytics.CommunitiesResult = strawberry.field(
        resolver=analytics.communities,
        description="Groups of cities that work more among themselves, by Leiden on modularity "
        "(researchers, secretariat).",
    )
    brokers: analytics.BrokersResult = strawberry.field(
        resolver=analytics.brokers,
        description="Cities and institutions that bridge fields or regions (researchers, "
        "secretariat).",
    )

    @strawberry.field(description="Counts per label and relationship type.")
    async def stats(self, info: Info[Context, None]) -> GraphStats:
        counts = await info.context.store.counts()
        # The network only: credentials (API tokens, whom they speak for) are not counted.
        return GraphStats(
            nodes=[
                LabelCount(label=k, count=v)
                for k, v in sorted(counts.nodes.items())
                if k in EXPORTED_LABELS
            ],
            relationships=[
                TypeCount(type=k, count=v)
                for k, v in sorted(counts.relationships.items())
                if k in EXPORTED_TYPES
            ],
        )
