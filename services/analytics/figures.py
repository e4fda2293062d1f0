"""The network's figures for one scope: size, density, components, the balance of exchanges.

Shares are of ties (city pairs), not of their weights: "how many of the network's partnerships
cross a field", whatever the number of projects behind each. A network with no tie has shares
of 0. Pure: from a `Projection` to numbers. Degrees and components are counted here, in one
pass over the ties, rather than by igraph: loading igraph alone takes a second or more, which a
cold `networkStats` need not wait for (the measures load it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from services.analytics.network import AFRICA_OR_ARAB_STATES
from services.analytics.projection import Projection

if TYPE_CHECKING:
    import igraph as ig

NO_REGION = "none"  # a city whose country has no UNESCO region (some territories)


@dataclass(frozen=True, slots=True)
class RegionPair:
    regions: tuple[str, str]  # sorted; the same region twice for ties within a region
    ties: int
    weight: int  # shared projects behind those ties


@dataclass(frozen=True, slots=True)
class NetworkStats:
    members: int
    ties: int
    weight: int  # shared projects, summed over ties
    density: float
    components: int  # connected components, lone cities included
    largest_component: int
    isolated: int  # members with no tie
    cross_field_share: float
    north_south_share: float
    south_south_share: float
    africa_or_arab_states_share: float
    region_pairs: tuple[RegionPair, ...]
    degree_distribution: tuple[tuple[int, int], ...]  # (degree, cities), by degree


def graph_of(projection: Projection) -> ig.Graph:
    """The projection as an undirected igraph graph with a `weight` per edge."""
    # Imported on first use: loading igraph takes a second or more, which no command that
    # computes no figure (`uccn --help`, the hub's start) should wait for.
    import igraph as ig

    graph = ig.Graph(n=len(projection.cities), edges=projection.edges, directed=False)
    graph.es["weight"] = list(projection.weights.values())
    return graph


def _components(n: int, ties: Iterable[tuple[int, int]]) -> list[int]:
    """The size of every connected component (union-find)."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in ties:
        a, b = root(i), root(j)
        if a != b:
            parent[a] = b
    return list(Counter(root(i) for i in range(n)).values())


def _share(count: int, total: int) -> float:
    return count / total if total else 0.0


def network_stats(projection: Projection) -> NetworkStats:
    cities = projection.cities
    n, m = len(cities), len(projection.weights)
    # Each city's kind (field, South, region): the shares and the region pairs depend on the
    # kinds of a tie's two cities only, so ties are counted per pair of kinds (in C, by
    # `Counter`), and the few pairs of kinds are looked at one by one.
    kind_of: dict[tuple[str | None, bool, str], int] = {}
    kinds = [
        kind_of.setdefault((c.field, c.south, c.region or NO_REGION), len(kind_of)) for c in cities
    ]
    kind = list(kind_of)
    starts, ends = zip(*projection.weights, strict=True) if m else ((), ())
    degrees = Counter(starts)
    degrees.update(ends)
    kind_pairs = list(
        zip(map(kinds.__getitem__, starts), map(kinds.__getitem__, ends), strict=True)
    )
    ties_of = Counter(kind_pairs)
    weight_of: Counter[tuple[int, int]] = Counter()
    for pair, weight in zip(kind_pairs, projection.weights.values(), strict=True):
        weight_of[pair] += weight
    cross_field = north_south = south_south = africa_arab = 0
    pairs: Counter[tuple[str, str]] = Counter()
    pair_weight: Counter[tuple[str, str]] = Counter()
    for (a, b), count in ties_of.items():
        (field_a, south_a, region_a), (field_b, south_b, region_b) = kind[a], kind[b]
        cross_field += count * (field_a != field_b)
        north_south += count * (south_a != south_b)
        south_south += count * (south_a and south_b)
        africa_arab += count * (
            region_a in AFRICA_OR_ARAB_STATES or region_b in AFRICA_OR_ARAB_STATES
        )
        key = (region_a, region_b) if region_a <= region_b else (region_b, region_a)
        pairs[key] += count
        pair_weight[key] += weight_of[(a, b)]
    isolated = n - len(degrees)
    distribution = Counter(degrees.values())
    if isolated:
        distribution[0] = isolated
    sizes = _components(n, projection.weights)
    return NetworkStats(
        members=n,
        ties=m,
        weight=sum(projection.weights.values()),
        density=2 * m / (n * (n - 1)) if n > 1 else 0.0,
        components=len(sizes),
        largest_component=max(sizes, default=0),
        isolated=isolated,
        cross_field_share=_share(cross_field, m),
        north_south_share=_share(north_south, m),
        south_south_share=_share(south_south, m),
        africa_or_arab_states_share=_share(africa_arab, m),
        region_pairs=tuple(
            RegionPair(regions=key, ties=count, weight=pair_weight[key])
            for key, count in sorted(pairs.items())
        ),
        degree_distribution=tuple(sorted(distribution.items())),
    )
