"""What `uccn analyse` prints: the figures of `networkStats`, `centrality`, `communities` and
`brokers` (the same services, the same numbers), as a JSON document for scripts or as tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from services.analytics.brokers import Broker
from services.analytics.figures import NetworkStats
from services.analytics.measures import Communities, Measure, Score
from services.analytics.projection import Scope
from services.container import Services
from services.policy import Viewer

SECTIONS = ("stats", "centrality", "communities", "brokers")


@dataclass(frozen=True, slots=True)
class Report:
    scope: Scope
    stats: NetworkStats | None = None
    centrality: dict[Measure, Sequence[Score]] | None = None
    communities: Communities | None = None
    brokers: Sequence[Broker] | None = None
    names: dict[str, str] | None = None


async def gather(
    services: Services,
    viewer: Viewer,
    scope: Scope,
    sections: Iterable[str],
    measures: Sequence[Measure],
    top: int,
) -> Report:
    wanted = set(sections)
    analytics = services.analytics
    names = {c.id: c.name for c in await analytics.cities(viewer, scope)}
    return Report(
        scope=scope,
        stats=await analytics.stats(viewer, scope) if "stats" in wanted else None,
        centrality={m: (await analytics.centrality(viewer, m, top, scope)).items for m in measures}
        if "centrality" in wanted
        else None,
        communities=await analytics.communities(viewer, scope) if "communities" in wanted else None,
        brokers=(await analytics.brokers(viewer, top, scope)).items
        if "brokers" in wanted
        else None,
        names=names,
    )


def as_json(report: Report, top: int) -> dict[str, Any]:
    document: dict[str, Any] = {"as_of": report.scope.as_of}
    if (s := report.stats) is not None:
        document["stats"] = {
            "members": s.members,
            "ties": s.ties,
            "weight": s.weight,
            "density": s.density,
            "components": s.components,
            "largest_component": s.largest_component,
            "isolated_cities": s.isolated,
            "cross_field_share": s.cross_field_share,
            "north_south_share": s.north_south_share,
            "south_south_share": s.south_south_share,
            "africa_or_arab_states_share": s.africa_or_arab_states_share,
            "ties_by_region_pair": [
                {"regions": list(p.regions), "ties": p.ties, "weight": p.weight}
                for p in s.region_pairs
            ],
            "degree_distribution": [{"degree": d, "cities": n} for d, n in s.degree_distribution],
        }
    if report.centrality is not None:
        document["centrality"] = {
            m.value: [{"city": x.city, "score": x.score, "degree": x.degree} for x in items]
            for m, items in report.centrality.items()
        }
    if (c := report.communities) is not None:
        document["communities"] = {
            "modularity": c.modularity,
            "count": len(c.groups),
            "groups": [
                {
                    "size": len(g.cities),
                    "cities": list(g.cities),
                    "fields": dict(g.fields),
                    "regions": dict(g.regions),
                }
                for g in c.groups[:top]
            ],
        }
    if report.brokers is not None:
        document["brokers"] = [
            {
                "kind": b.kind.value,
                "id": b.id,
                "name": b.name,
                "partners": b.partners,
                "fields": b.fields,
                "regions": b.regions,
                "bridged_pairs": b.bridged_pairs,
            }
            for b in report.brokers
        ]
    return document


def _table(out: TextIO, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    text = [[str(h) for h in header], *([_cell(v) for v in row] for row in rows)]
    widths = [max(len(r[i]) for r in text) for i in range(len(header))]
    out.write(f"{title}\n")
    for row in text:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
    out.write("\n")


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def write_tables(out: TextIO, report: Report, top: int) -> None:
    names = report.names or {}
    year = "now" if report.scope.as_of is None else f"as of {report.scope.as_of}"
    if (s := report.stats) is not None:
        rows = [
            ("member cities", s.members),
            ("ties (city pairs sharing a project)", s.ties),
            ("shared projects over ties", s.weight),
            ("density", s.density),
            ("connected components", s.components),
            ("largest component", s.largest_component),
            ("cities with no tie", s.isolated),
            ("cross-field ties", s.cross_field_share),
            ("North–South ties", s.north_south_share),
            ("South–South ties", s.south_south_share),
            ("ties touching Africa or the Arab States", s.africa_or_arab_states_share),
        ]
        _table(out, f"The cooperation network ({year})", ("figure", "value"), rows)
        _table(
            out,
            "Ties by region pair",
            ("region", "region", "ties", "projects"),
            ((*p.regions, p.ties, p.weight) for p in s.region_pairs),
        )
        _table(out, "Degree distribution", ("partners", "cities"), s.degree_distribution)
    for measure, items in (report.centrality or {}).items():
        _table(
            out,
            f"Centrality: {measure.value} (top {top})",
            ("rank", "city", "score", "partners"),
            ((n, names.get(x.city, x.city), x.score, x.degree) for n, x in enumerate(items, 1)),
        )
    if (c := report.communities) is not None:
        _table(
            out,
            f"Communities: {len(c.groups)}, modularity {c.modularity:.4f}",
            ("rank", "size", "main field", "main region", "best connected"),
            (
                (
                    n,
                    len(g.cities),
                    g.fields[0][0] if g.fields else "-",
                    g.regions[0][0] if g.regions else "-",
                    ", ".join(names.get(x, x) for x in g.cities[:3]),
                )
                for n, g in enumerate(c.groups[:top], 1)
            ),
        )
    if report.brokers is not None:
        _table(
            out,
            f"Brokers (top {top})",
            ("rank", "kind", "name", "partners", "fields", "regions", "bridged pairs"),
            (
                (n, b.kind.value, b.name, b.partners, b.fields, b.regions, b.bridged_pairs)
                for n, b in enumerate(report.brokers, 1)
            ),
        )
