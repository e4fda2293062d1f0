"""What an import may not change in the graph, and what it changes that the report must say.

A city has exactly one country and one creative field; a country one region, an institution
one country, a project one lead city, and a report, contribution, mentorship, focal point,
introduction, dismissal or host application one city (`ONE_ONLY`). MERGE alone would add a
second relationship next to the stored one, and a city with two countries breaks every answer
that reads the whole network. So an import that gives one of these another end than the graph
holds is refused as a conflict (`file:line: country: ...`), like any bad row, and so is a file
that gives one of them two ends. Giving the same end again is a retry and passes.

Why refuse rather than replace: under an id that already exists, another country or field is
most often another city (two cities share a name, so the slug, `santa-fe`); replacing would
silently move the stored city and take its name. A city that really moves gets a row with the
stored country first, or is corrected in the reference data (`uccn load`).

A name (or a project's title) under an existing id is not a conflict: the import writes it,
like every property a row gives, and the import report lists each rename (`Renamed`).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.model import REL_BY_KEY
from graph.store import GraphStore
from services.exchange.batch import ImportBatch, RowError

# Relationship key -> what its end is to its start, in words.
ONE_ONLY: dict[str, str] = {
    "City-IN_COUNTRY-Country": "country",
    "City-DESIGNATED_IN-CreativeField": "creative field",
    "Country-IN_REGION-Region": "region",
    "PartnerInstitution-BASED_IN-Country": "country",
    "PilotProject-LED_BY-City": "lead city",
    "MonitoringReport-REPORT_OF-City": "city",
    "Contribution-CONTRIBUTION_OF-City": "city",
    "Mentorship-MENTOR-City": "mentor",
    "Mentorship-CANDIDATE-City": "candidate",
    "FocalPoint-REPRESENTS-City": "city",
    "Introduction-REQUESTED_BY-City": "city",
    "Dismissal-DISMISSED_BY-City": "city",
    "HostApplication-APPLIED_BY-City": "city",
}

# The property that names a node, for the renames the report lists.
NAME_PROPS: dict[str, str] = {
    "Region": "name",
    "Country": "name",
    "CreativeField": "name",
    "City": "name",
    "PartnerInstitution": "name",
    "PilotProject": "title",
}

_NOUNS = {
    "City": "city",
    "Country": "country",
    "PartnerInstitution": "partner institution",
    "PilotProject": "pilot project",
    "MonitoringReport": "monitoring report",
    "Contribution": "contribution",
    "Mentorship": "mentorship",
    "FocalPoint": "focal point",
    "Introduction": "introduction",
    "Dismissal": "dismissal",
    "HostApplication": "host application",
}


@dataclass(frozen=True, slots=True)
class Renamed:
    """A node the import gave another name (or title) than the graph held."""

    label: str
    id: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"renamed {self.label} {self.id!r}: {self.old!r} -> {self.new!r}"


async def conflict_errors(store: GraphStore, batch: ImportBatch) -> list[RowError]:
    """An error for each relationship of `ONE_ONLY` that the file gives a second end, or an end
    other than the one the graph holds."""
    errors: list[RowError] = []
    for key, what in ONE_ONLY.items():
        given = [(s, e) for k, s, e in batch.link_origins if k == key]
        if not given:
            continue
        noun = _NOUNS.get(REL_BY_KEY[key].start, REL_BY_KEY[key].start)
        first_end: dict[str, tuple[str, int]] = {}
        for start, end in given:
            line, field = batch.link_origins[(key, start, end)]
            if start in first_end:
                other, other_line = first_end[start]
                errors.append(
                    RowError(
                        batch.file,
                        line,
                        field,
                        f"{noun} {start!r} is given a second {what}, {end!r} (the first, "
                        f"{other!r}, on line {other_line}); a {noun} has one {what}",
                    )
                )
            else:
                first_end[start] = (end, line)
        stored = await store.ends_of(key, first_end)
        for start, (end, line) in first_end.items():
            ends = stored.get(start, [])
            if ends and end not in ends:
                _, field = batch.link_origins[(key, start, end)]
                errors.append(
                    RowError(
                        batch.file,
                        line,
                        field,
                        f"{noun} {start!r} has the {what} {', '.join(ends)} in the graph, not "
                        f"{end}: a {noun} has one {what}, and an import does not change it (if "
                        f"this is another {noun}, give it its own id)",
                    )
                )
    return errors


async def renames(store: GraphStore, batch: ImportBatch) -> list[Renamed]:
    """The nodes of the file whose name (or title) differs from the stored one."""
    found: list[Renamed] = []
    for label, prop in NAME_PROPS.items():
        rows = batch.data.nodes.get(label, [])
        given = {str(r["id"]): r[prop] for r in rows if isinstance(r.get(prop), str)}
        if not given:
            continue
        stored = await store.properties_of(label, given)
        for node_id, props in sorted(stored.items()):
            old = props.get(prop)
            if isinstance(old, str) and old != given[node_id]:
                found.append(Renamed(label, node_id, old, given[node_id]))
    return found
