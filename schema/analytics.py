"""Network analytics in the API, for researchers and the secretariat: `networkStats`,
`centrality`, `communities`, `brokers`. Thin resolvers over `services.analytics`; every one takes
an `asOf` year (the network as it stood at the end of that year) and a filter on cities.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from strawberry.types import Info

from schema.aggregates import FieldCount, RegionCount
from schema.city import City
from schema.connection import bad_input
from schema.context import Context
from schema.enums import CreativeFieldCode, PartnerKind, RegionCode
from schema.errors import ForbiddenError, ValidationError
from schema.filters import ISO2
from schema.limits import bounded
from schema.outcome import outcome
from services.analytics import brokers as brokers_
from services.analytics import figures, measures
from services.analytics.projection import Scope
from services.analytics.service import Ranked

MAX_TOP = 100  # the page maximum bounds `top`; the cost counts each item list at this size
REGION_PAIRS = 21  # unordered pairs of five regions and "no region", same-region pairs included


@strawberry.input(description="Which member cities the figures are about (every criterion).")
class AnalyticsFilter:
    fields: list[CreativeFieldCode] | None = None
    regions: list[RegionCode] | None = None
    countries: list[str] | None = strawberry.field(default=None, description="ISO2 codes.")
    global_south: bool | None = None
    generated: bool | None = strawberry.field(
        default=None, description="Only generated (demo) cities, or only real ones."
    )


def scope_of(as_of: int | None, f: AnalyticsFilter | None) -> Scope:
    f = f or AnalyticsFilter()
    for code in f.countries or ():
        if not ISO2.match(code):
            raise bad_input("filter.countries", f"{code!r} is not an ISO 3166-1 alpha-2 code")
    return Scope(
        as_of=as_of,
        fields=None if f.fields is None else frozenset(x.value for x in f.fields),
        regions=None if f.regions is None else frozenset(x.value for x in f.regions),
        countries=None if f.countries is None else frozenset(f.countries),
        global_south=f.global_south,
        generated=f.generated,
    )


@strawberry.enum(description="How central a city is in the cooperation network.")
class CentralityMeasure(Enum):
    DEGREE = "degree"
    BETWEENNESS = "betweenness"
    PAGERANK = "pagerank"
    EIGENVECTOR = "eigenvector"


@strawberry.type(description="Ties between two regions (the balance of exchanges).")
class RegionPairTies:
    region_a: RegionCode | None = strawberry.field(description="Null: a city with no region.")
    region_b: RegionCode | None
    ties: int
    weight: int = strawberry.field(description="Shared projects behind those ties.")


@strawberry.type
class DegreeCount:
    degree: int = strawberry.field(description="Partner cities.")
    cities: int


def _region(code: str) -> RegionCode | None:
    return None if code == figures.NO_REGION else RegionCode(code)


@strawberry.type(
    description="The city–city cooperation network (ties: shared projects) for one year and "
    "filter. Shares are of ties, 0 when there is none."
)
class NetworkStats:
    as_of: int | None
    members: int
    ties: int
    weight: int = strawberry.field(description="Shared projects, summed over ties.")
    density: float
    components: int = strawberry.field(description="Connected components, lone cities included.")
    largest_component: int
    isolated_cities: int
    cross_field_share: float
    north_south_share: float = strawberry.field(
        description="Ties between a Global South city and one that is not."
    )
    south_south_share: float
    africa_or_arab_states_share: float = strawberry.field(
        description="Ties with at least one city in Africa or the Arab States."
    )
    ties_by_region_pair: list[RegionPairTies] = strawberry.field(metadata=bounded(REGION_PAIRS))
    degree_distribution: list[DegreeCount]

    @classmethod
    def of(cls, stats: figures.NetworkStats, as_of: int | None) -> NetworkStats:
        return cls(
            as_of=as_of,
            members=stats.members,
            ties=stats.ties,
            weight=stats.weight,
            density=stats.density,
            components=stats.components,
            largest_component=stats.largest_component,
            isolated_cities=stats.isolated,
            cross_field_share=stats.cross_field_share,
            north_south_share=stats.north_south_share,
            south_south_share=stats.south_south_share,
            africa_or_arab_states_share=stats.africa_or_arab_states_share,
            ties_by_region_pair=[
                RegionPairTies(
                    region_a=_region(p.regions[0]),
                    region_b=_region(p.regions[1]),
                    ties=p.ties,
                    weight=p.weight,
                )
                for p in stats.region_pairs
            ],
            degree_distribution=[
                DegreeCount(degree=d, cities=n) for d, n in stats.degree_distribution
            ],
        )


@strawberry.type(description="A city's place in a ranking.")
class RankedCity:
    rank: int
    city_id: str = strawberry.field(description="The city's slug.")
    score: float
    degree: int = strawberry.field(description="Partner cities.")

    @strawberry.field
    async def city(self, info: Info[Context, None]) -> City | None:
        props = await info.context.loaders.node("City").load(self.city_id)
        return None if props is None else City.from_props(props)


@strawberry.type
class CentralityRanking:
    measure: CentralityMeasure
    as_of: int | None
    members: int
    items: list[RankedCity] = strawberry.field(metadata=bounded(MAX_TOP))


@strawberry.type(description="A group of cities that work more among themselves than outside.")
class Community:
    rank: int
    size: int
    fields: list[FieldCount] = strawberry.field(metadata=bounded(len(CreativeFieldCode)))
    regions: list[RegionCount] = strawberry.field(metadata=bounded(len(RegionCode)))
    member_ids: strawberry.Private[tuple[str, ...]]

    @strawberry.field(description="City slugs, the best connected first.")
    def members(self, first: int = 20) -> list[str]:
        return list(self.member_ids[: max(first, 0)])


@strawberry.type
class CommunityStructure:
    as_of: int | None
    modularity: float
    count: int = strawberry.field(description="Communities of two cities or more.")
    communities: list[Community] = strawberry.field(metadata=bounded(1))


@strawberry.type(description="A city or institution whose partners differ in field or region.")
class Broker:
    rank: int
    kind: PartnerKind
    broker_id: str = strawberry.field(description="The city's or institution's slug.")
    name: str
    partners: int = strawberry.field(description="Member cities it works with.")
    fields: int = strawberry.field(description="Distinct fields among its partners.")
    regions: int = strawberry.field(description="Distinct regions among its partners.")
    bridged_pairs: int = strawberry.field(
        description="Pairs of its partners that differ in field or in region."
    )


@strawberry.type
class BrokerRanking:
    as_of: int | None
    members: int
    items: list[Broker] = strawberry.field(metadata=bounded(MAX_TOP))


NetworkStatsResult = Annotated[
    NetworkStats | ForbiddenError | ValidationError, strawberry.union("NetworkStatsResult")
]
CentralityResult = Annotated[
    CentralityRanking | ForbiddenError | ValidationError, strawberry.union("CentralityResult")
]
CommunitiesResult = Annotated[
    CommunityStructure | ForbiddenError | ValidationError, strawberry.union("CommunitiesResult")
]
BrokersResult = Annotated[
    BrokerRanking | ForbiddenError | ValidationError, strawberry.union("BrokersResult")
]


async def network_stats(
    info: Info[Context, None], as_of: int | None = None, filter: AnalyticsFilter | None = None
) -> NetworkStatsResult:
    scope = scope_of(as_of, filter)

    async def call() -> figures.NetworkStats:
        return await info.context.services.analytics.stats(info.context.viewer, scope)

    result: NetworkStatsResult = await outcome(
        info,
        "networkStats",
        call,
        lambda s: NetworkStats.of(s, as_of),
        prefix=(),
        writes=False,
    )
    return result


async def centrality(
    info: Info[Context, None],
    measure: CentralityMeasure,
    top: int = 10,
    as_of: int | None = None,
    filter: AnalyticsFilter | None = None,
) -> CentralityResult:
    scope = scope_of(as_of, filter)
    chosen = measures.Measure(measure.value)

    async def call() -> Ranked[measures.Score]:
        viewer = info.context.viewer
        return await info.context.services.analytics.centrality(viewer, chosen, top, scope)

    def success(found: Ranked[measures.Score]) -> CentralityRanking:
        items = [
            RankedCity(rank=n, city_id=s.city, score=s.score, degree=s.degree)
            for n, s in enumerate(found.items, 1)
        ]
        return CentralityRanking(measure=measure, as_of=as_of, members=found.members, items=items)

    result: CentralityResult = await outcome(
        info, "centrality", call, success, prefix=(), writes=False
    )
    return result


async def communities(
    info: Info[Context, None],
    as_of: int | None = None,
    filter: AnalyticsFilter | None = None,
    first: int = 20,
) -> CommunitiesResult:
    scope = scope_of(as_of, filter)
    if not 1 <= first <= info.context.api.page_max:
        raise bad_input("first", f"must be between 1 and {info.context.api.page_max}")

    async def call() -> measures.Communities:
        return await info.context.services.analytics.communities(info.context.viewer, scope)

    def success(found: measures.Communities) -> CommunityStructure:
        groups = [
            Community(
                rank=n,
                size=len(c.cities),
                fields=[FieldCount(field=CreativeFieldCode(k), count=v) for k, v in c.fields],
                regions=[RegionCount(region=RegionCode(k), count=v) for k, v in c.regions],
                member_ids=c.cities,
            )
            for n, c in enumerate(found.groups[:first], 1)
        ]
        return CommunityStructure(
            as_of=as_of, modularity=found.modularity, count=len(found.groups), communities=groups
        )

    result: CommunitiesResult = await outcome(
        info, "communities", call, success, prefix=(), writes=False
    )
    return result


async def brokers(
    info: Info[Context, None],
    top: int = 10,
    as_of: int | None = None,
    filter: AnalyticsFilter | None = None,
    kind: PartnerKind | None = None,
) -> BrokersResult:
    scope = scope_of(as_of, filter)
    wanted = None if kind is None else brokers_.BrokerKind(kind.value)

    async def call() -> Ranked[brokers_.Broker]:
        viewer = info.context.viewer
        return await info.context.services.analytics.brokers(viewer, top, scope, wanted)

    def success(found: Ranked[brokers_.Broker]) -> BrokerRanking:
        items = [
            Broker(
                rank=n,
                kind=PartnerKind(b.kind.value),
                broker_id=b.id,
                name=b.name,
                partners=b.partners,
                fields=b.fields,
                regions=b.regions,
                bridged_pairs=b.bridged_pairs,
            )
            for n, b in enumerate(found.items, 1)
        ]
        return BrokerRanking(as_of=as_of, members=found.members, items=items)

    result: BrokersResult = await outcome(info, "brokers", call, success, prefix=(), writes=False)
    return result
