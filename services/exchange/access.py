"""Who may take the graph out, and what leaves: exports are for every authenticated role;
private properties (contribution amounts, focal points' contacts, introduction notes) leave only
for the secretariat. Imports write for the secretariat (the CLI speaks as it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

from graph.dataset import GraphData
from graph.model import NODE_BY_LABEL
from services.core import Service, after_write
from services.errors import Refused
from services.exchange.importing import ImportReport, import_file
from services.policy import Viewer, can_read_aggregates, is_secretariat, require_secretariat


def without_private(data: GraphData) -> GraphData:
    public = GraphData(links=data.links)
    for label, rows in data.nodes.items():
        private = {p.name for p in NODE_BY_LABEL[label].props if p.private}
        public.nodes[label] = [{k: v for k, v in row.items() if k not in private} for row in rows]
    return public


def visible_to(viewer: Viewer, data: GraphData) -> GraphData:
    return data if is_secretariat(viewer) else without_private(data)


def _may_export(viewer: Viewer) -> None:
    if not can_read_aggregates(viewer):
        raise Refused(
            "export is for researchers, focal points and the secretariat: send a bearer token"
        )


class Exchange(Service):
    async def export_data(self, viewer: Viewer) -> GraphData:
        """The whole network as this viewer may take it out."""
        _may_export(viewer)
        return visible_to(viewer, await self.store.read_data())

    def export_pages(self, viewer: Viewer) -> AsyncIterator[GraphData]:
        """`export_data` a page at a time (refused at once, before any page), for a writer that
        streams the whole graph without holding it."""
        _may_export(viewer)
        return self._visible_pages(viewer)

    async def _visible_pages(self, viewer: Viewer) -> AsyncIterator[GraphData]:
        async for page in self.store.read_pages():
            yield visible_to(viewer, page)

    @after_write
    async def import_file(
        self, viewer: Viewer, path: Path, kind: str | None = None
    ) -> ImportReport:
        """Every row checked first; a file with any bad row writes nothing."""
        require_secretariat(viewer, "import files")
        return await import_file(self.store, path, kind)
