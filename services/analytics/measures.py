"""Who is central, which groups form, who bridges them: computed with igraph (C, fast enough
for ten thousand cities), scaled as NetworkX scales them, so a researcher who recomputes a
figure in NetworkX finds the same number (the tests check it on hand-made graphs).

- degree: partners / (members - 1), NetworkX's `degree_centrality`;
- betweenness: shortest paths by hops (a tie's weight is a strength, not a distance),
  normalised like NetworkX's `betweenness_centrality`;
- PageRank: damping 0.85, weighted by shared projects; a lone city's rank spreads evenly;
- eigenvector: weighted, within the largest connected component (it is undefined across
  components), unit Euclidean norm as NetworkX's `eigenvector_centrality`; other cities 0;
- communities: Leiden on modularity, weighted, seeded so the same graph gives the same groups.
"""

from __future__ import annotations

import math
import random
import threading
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from services.analytics.figures import graph_of
from services.analytics.projection import Projection

if TYPE_CHECKING:
    import igraph as ig

COMMUNITY_SEED = 2004
_IGRAPH_RNG = threading.Lock()  # igraph's random source is process-wide


class Measure(StrEnum):
    DEGREE = "degree"
    BETWEENNESS = "betweenness"
    PAGERANK = "pagerank"
    EIGENVECTOR = "eigenvector"


@dataclass(frozen=True, slots=True)
class Score:
    city: str
    score: float
    degree: int


def scores(projection: Projection, measure: Measure) -> list[float]:
    """The measure for every city of the projection, in its order."""
    n = len(projection.cities)
    if n == 0:
        return []
    graph = graph_of(projection)
    if measure is Measure.DEGREE:
        return [d / (n - 1) if n > 1 else 0.0 for d in graph.degree()]
    if measure is Measure.BETWEENNESS:
        scale = 2 / ((n - 1) * (n - 2)) if n > 2 else 0.0
        return [b * scale for b in graph.betweenness(directed=False)]
    if measure is Measure.PAGERANK:
        return list(graph.pagerank(directed=False, damping=0.85, weights="weight"))
    return _eigenvector(graph)


def _eigenvector(graph: ig.Graph) -> list[float]:
    values = [0.0] * graph.vcount()
    if graph.ecount() == 0:
        return values
    components = graph.connected_components()
    giant = max(components, key=len)
    found = graph.induced_subgraph(giant).eigenvector_centrality(weights="weight")
    norm = math.sqrt(sum(v * v for v in found)) or 1.0
    for vertex, value in zip(giant, found, strict=True):
        values[vertex] = value / norm
    return values


def top(projection: Projection, measure: Measure, first: int) -> list[Score]:
    """The `first` highest scores, ties broken by city id. Scores are rounded to 12 decimals:
    ARPACK's last digits vary from run to run, which must not reorder equal cities."""
    values = [round(v, 12) for v in scores(projection, measure)]
    degrees = graph_of(projection).degree() if values else []
    order = sorted(range(len(values)), key=lambda i: (-values[i], projection.cities[i].id))
    return [
        Score(city=projection.cities[i].id, score=values[i], degree=degrees[i])
        for i in order[:first]
    ]


@dataclass(frozen=True, slots=True)
class Community:
    cities: tuple[str, ...]  # by degree within the network, then id
    fields: tuple[tuple[str, int], ...]  # most common first
    regions: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Communities:
    modularity: float
    groups: tuple[Community, ...]  # largest first; lone cities are not a community


def communities(projection: Projection) -> Communities:
    if not projection.weights:
        return Communities(modularity=0.0, groups=())
    import igraph as ig  # loaded on first use, see `figures.graph_of`

    graph = graph_of(projection)
    with _IGRAPH_RNG:
        ig.set_random_number_generator(random.Random(COMMUNITY_SEED))  # noqa: S311 (not secret)
        try:
            found = graph.community_leiden(
                objective_function="modularity", weights="weight", n_iterations=-1
            )
        finally:
            ig.set_random_number_generator(random)
    membership = list(found.membership)
    modularity = graph.modularity(membership, weights="weight")
    degrees = graph.degree()
    groups: dict[int, list[int]] = {}
    for vertex, group in enumerate(membership):
        groups.setdefault(group, []).append(vertex)
    cities = projection.cities
    out = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda v: (-degrees[v], cities[v].id))
        out.append(
            Community(
                cities=tuple(cities[v].id for v in members),
                fields=_counted(cities[v].field for v in members),
                regions=_counted(cities[v].region for v in members),
            )
        )
    out.sort(key=lambda c: (-len(c.cities), c.cities[0]))
    return Communities(modularity=modularity, groups=tuple(out))


def _counted(values: object) -> tuple[tuple[str, int], ...]:
    counts = Counter(v for v in values if v is not None)  # type: ignore[attr-defined]
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
