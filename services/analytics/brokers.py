"""Brokers: the cities and institutions that bridge fields or regions.

An actor's partners are the member cities it works with: for a city, the cities it shares a
project with; for an institution, the cities of the projects it contributes to and those it
has a standing partnership with. It bridges a pair of its partners when the two differ in field
or in region: its brokerage is the number of such pairs, counted from group sizes
(all pairs minus the pairs with the same field and the same region), so an institution with
a thousand partners costs a thousand steps, not half a million.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from services.analytics.network import InstitutionNode
from services.analytics.projection import Projection


class BrokerKind(StrEnum):
    CITY = "city"
    INSTITUTION = "institution"


@dataclass(frozen=True, slots=True)
class Broker:
    kind: BrokerKind
    id: str
    name: str
    partners: int
    fields: int  # distinct fields among its partners
    regions: int  # distinct regions among its partners
    bridged_pairs: int  # pairs of its partners that differ in field or in region


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


def _broker(
    kind: BrokerKind, actor: str, name: str, partners: Iterable[int], projection: Projection
) -> Broker:
    cities = [projection.cities[i] for i in partners]
    same_place = Counter((c.field, c.region) for c in cities)
    return Broker(
        kind=kind,
        id=actor,
        name=name,
        partners=len(cities),
        fields=len({c.field for c in cities if c.field is not None}),
        regions=len({c.region for c in cities if c.region is not None}),
        bridged_pairs=_pairs(len(cities)) - sum(_pairs(n) for n in same_place.values()),
    )


def brokers(
    projection: Projection, institutions: Iterable[InstitutionNode], as_of: int | None
) -> list[Broker]:
    """Every city and institution with at least two partners, most bridged pairs first."""
    neighbours: dict[int, set[int]] = {}
    for i, j in projection.weights:
        neighbours.setdefault(i, set()).add(j)
        neighbours.setdefault(j, set()).add(i)
    position = projection.index()
    found = [
        _broker(
            BrokerKind.CITY, projection.cities[i].id, projection.cities[i].name, near, projection
        )
        for i, near in neighbours.items()
        if len(near) >= 2
    ]
    by_institution: dict[str, set[int]] = {}
    for proj in projection.projects:
        members = {position[c] for c in proj.cities if c in position}
        for institution in proj.institutions:
            by_institution.setdefault(institution, set()).update(members)
    for inst in institutions:
        linked = by_institution.get(inst.id, set())
        for city, since in inst.partners:
            if city in position and (as_of is None or since is None or since <= as_of):
                linked.add(position[city])
        if len(linked) >= 2:
            found.append(_broker(BrokerKind.INSTITUTION, inst.id, inst.name, linked, projection))
    found.sort(key=lambda b: (-b.bridged_pairs, -b.partners, b.kind, b.id))
    return found
