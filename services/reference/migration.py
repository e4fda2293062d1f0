"""Moving a graph loaded from earlier reference data to the current data, before `uccn load`
writes it: after it, the graph holds what a fresh load gives, plus what users added.

Two changes between data releases need more than an upsert:

- **Ids made by a new slug rule.** City ids were once made by `names.legacy_slugify`, which
  dropped the letters Unicode does not decompose (Łódź was `odz`); they are now transliterated
  (`lodz`). The current data lists each such old id in the city's `former_ids`. A city found
  under its old id, while no city has the new one, gets the new id in place: its relationships
  follow the node, and the old id joins `former_ids`, so old links keep resolving
  (`Cities.resolve`). The records whose ids are made of city ids move too, segment by segment
  where the model says a city id stands (`<city>:<cycle>`, `<mentor>:<candidate>:<year>`, the
  partner in `<city>:<partner>:<date>` and `<city>:<kind>:<partner>:<need>` only when the
  partner is a city, ...), and a dismissal's `partner_id` with them. Records move before their
  city, so a load stopped half-way finishes the move when run again.
- **Cities withdrawn from the data** (Lagos: see `data/SOURCES.md`). The model records no
  origin, so a reference city is told apart from a city a user made (a candidate, an imported
  city) by comparing with the previous data: `WITHDRAWN` keeps, for every city an earlier
  release held and the current one does not, the id, name and GeoNames id that release gave it.
  A city is removed only when all three match, it is not generated and the current data does
  not list the id again, so a candidate or an imported city that happens to share the id stays.
  Removed with it: the records made for it (reports, contributions, host applications,
  dismissals it made, focal points, the introductions it asked for or was asked to meet, the
  mentorships it was in). Projects, institutions, conferences and tokens it was linked to stay,
  minus the link.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from graph.dataset import GraphData
from graph.statements import migrations as q
from graph.store import GraphStore


@dataclass(frozen=True, slots=True)
class WithdrawnCity:
    """A city an earlier release of the reference data held, as that release wrote it."""

    id: str
    name: str
    geonames_id: str
    why: str


WITHDRAWN: Final = (
    WithdrawnCity(
        "lagos",
        "Lagos",
        "2332459",
        "not a 2025 City of Literature: its only source confused it with Abuja (SOURCES.md)",
    ),
)

# Which colon-separated segments of a record's id are city ids (graph/model.py), and which one
# is the partner's, a city id only when `partner_kind` is "city".
CITY_SEGMENTS: Final[Mapping[str, tuple[int, ...]]] = {
    "MonitoringReport": (0,),
    "Contribution": (0,),
    "Mentorship": (0, 1),
    "Introduction": (0,),
    "Dismissal": (0,),
    "HostApplication": (1,),
}
PARTNER_SEGMENT: Final[Mapping[str, int]] = {"Introduction": 1, "Dismissal": 2}


@dataclass(frozen=True, slots=True)
class CityMove:
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class CityRemoval:
    id: str
    records: int  # records removed with it
    why: str


@dataclass(frozen=True, slots=True)
class Migration:
    moved: tuple[CityMove, ...] = ()
    records_moved: int = 0  # records whose ids changed with their cities'
    removed: tuple[CityRemoval, ...] = ()
    # Both the old and the new id are cities: nothing is merged, the old one stays as it is.
    not_moved: tuple[CityMove, ...] = ()


def renames(data: GraphData) -> dict[str, str]:
    """Former id → current id of every city of the data."""
    return {
        former: str(city["id"])
        for city in data.nodes.get("City", [])
        for former in city.get("former_ids") or ()
    }


def moved_record_id(
    label: str, record_id: str, partner_kind: str | None, moves: Mapping[str, str]
) -> str:
    """The record's id with each city id segment replaced by the city's new id, if it moved."""
    parts = record_id.split(":")
    positions = list(CITY_SEGMENTS.get(label, ()))
    if partner_kind == "city" and label in PARTNER_SEGMENT:
        positions.append(PARTNER_SEGMENT[label])
    for at in positions:
        if at < len(parts):
            parts[at] = moves.get(parts[at], parts[at])
    return ":".join(parts)


async def migrate(store: GraphStore, data: GraphData) -> Migration:
    """Moves and removals that bring a graph loaded from earlier data to `data`; none on a
    graph that is up to date, so running it again changes nothing."""
    moves, not_moved = await _planned_moves(store, renames(data))
    moved: tuple[CityMove, ...] = ()
    records_moved = 0
    if moves:
        records_moved = await _move_records(store, moves)
        rows = [{"old": old, "new": new} for old, new in moves.items()]
        done = await store.run(q.MOVE_CITIES, rows=rows)
        moved = tuple(CityMove(str(r["old"]), str(r["new"])) for r in done)
    current = {str(c["id"]) for c in data.nodes.get("City", [])}
    removed = await _remove_withdrawn(store, current)
    return Migration(moved, records_moved, removed, not_moved)


async def _planned_moves(
    store: GraphStore, wanted: Mapping[str, str]
) -> tuple[dict[str, str], tuple[CityMove, ...]]:
    """The moves to make (old id found, new id free) and those blocked (both ids taken)."""
    existing = await store.existing_ids("City", [*wanted, *wanted.values()])
    found = {old: new for old, new in sorted(wanted.items()) if old in existing}
    blocked = tuple(CityMove(old, new) for old, new in found.items() if new in existing)
    return {old: new for old, new in found.items() if new not in existing}, blocked


async def _move_records(store: GraphStore, moves: Mapping[str, str]) -> int:
    """Gives the records of the moving cities their new ids; returns how many moved."""
    olds = sorted(moves)
    found = {
        (str(r["label"]), str(r["id"]), r["partner_kind"])
        for r in await store.run(q.CITY_RECORDS, ids=olds)
    }
    found |= {
        ("Dismissal", str(r["id"]), r["partner_kind"])
        for r in await store.run(q.PARTNER_DISMISSALS, ids=olds)
    }
    rows: dict[str, list[dict[str, str | None]]] = {}
    for label, record_id, partner_kind in sorted(found):
        new_id = moved_record_id(label, record_id, partner_kind, moves)
        if new_id == record_id:
            continue  # focal points' ids hold no city id; an institution partner is no city
        partner = None
        if label == "Dismissal" and partner_kind == "city":
            partner = new_id.split(":")[PARTNER_SEGMENT[label]]
        rows.setdefault(label, []).append({"old": record_id, "new": new_id, "partner_id": partner})
    for label, moving in rows.items():
        await store.run(q.MOVE_RECORDS[label], rows=moving)
    return sum(len(moving) for moving in rows.values())


async def _remove_withdrawn(store: GraphStore, current: set[str]) -> tuple[CityRemoval, ...]:
    """Removes the withdrawn reference cities still in the graph, with their records."""
    gone = {}
    for city in WITHDRAWN:
        if city.id in current:
            continue  # listed again: the data's row is the city now
        props = await store.get("City", city.id)
        if props is None or props.get("generated"):
            continue
        if (props.get("name"), props.get("geonames_id")) != (city.name, city.geonames_id):
            continue  # a user's city under the same id
        gone[city.id] = city.why
    if not gone:
        return ()
    rows = await store.run(q.REMOVE_CITIES, rows=[{"id": city_id} for city_id in gone])
    return tuple(CityRemoval(str(r["id"]), int(r["records"]), gone[str(r["id"])]) for r in rows)
