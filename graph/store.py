"""The small async store API that everything else uses. It runs named statements on one engine."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from graph.dataset import GraphData, Link, Props
from graph.dialect import Dialect
from graph.engine import GraphEngine, Row
from graph.errors import WriteMismatch
from graph.model import EXPORTED_LABELS, EXPORTED_RELATIONSHIPS, NODE_BY_LABEL, REL_BY_KEY
from graph.schema import schema_from_model
from graph.statement import Statement
from graph.statements import migrations, nodes, paths, relationships, search
from names import fold_name as fold_name  # re-exported: some importers still name graph.store

DUMP_PAGE = 5000
_SEARCH_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class GraphCounts:
    nodes: dict[str, int]
    relationships: dict[str, int]


class GraphStore:
    def __init__(self, engine: GraphEngine, *, batch_size: int = 2000) -> None:
        self.engine = engine
        self.batch_size = batch_size

    @property
    def dialect(self) -> Dialect:
        return self.engine.dialect

    async def run(self, statement: Statement, **params: Any) -> list[Row]:
        text = statement.text(self.dialect)
        if statement.writes:
            return await self.engine.write(text, params)
        return await self.engine.read(text, params)

    async def setup_schema(self) -> None:
        """Constraints, indexes and full-text indexes; safe to run on every start."""
        await self.engine.ensure_schema(schema_from_model())

    async def ping(self) -> str:
        return await self.engine.ping()

    async def close(self) -> None:
        await self.engine.close()

    async def drop_all(self) -> None:
        await self.engine.drop_all()

    # --- writing -------------------------------------------------------------------------------

    async def upsert_nodes(self, label: str, rows: Sequence[Props]) -> int:
        statement = nodes.UPSERT[_known_label(label)]
        written = 0
        for batch in _batches(rows, self.batch_size):
            payload = [{"id": r["id"], "props": _clean(r)} for r in batch]
            result = await self.run(statement, rows=payload)
            written += int(result[0]["written"]) if result else 0
        return written

    async def upsert_links(self, key: str, links: Sequence[Link]) -> int:
        rel = REL_BY_KEY.get(key)
        if rel is None:
            raise KeyError(f"unknown relationship {key!r}")
        statement = relationships.UPSERT[key]
        written = 0
        for batch in _batches(links, self.batch_size):
            payload = [{"start": k.start, "end": k.end, "props": _clean(k.props)} for k in batch]
            result = await self.run(statement, rows=payload)
            count = int(result[0]["written"]) if result else 0
            if count != len(batch):
                missing = await self._missing_endpoints(key, batch)
                raise WriteMismatch(
                    f"{key}: {len(batch) - count} of {len(batch)} relationships had no endpoint; "
                    f"missing: {', '.join(missing[:10])}"
                )
            written += count
        return written

    async def write_data(self, data: GraphData) -> tuple[int, int]:
        """Upsert all nodes, then all relationships; idempotent. Returns (nodes, relationships)."""
        node_count = 0
        for label in data.ordered_labels():
            node_count += await self.upsert_nodes(label, data.nodes[label])
        link_count = 0
        for key in data.ordered_keys():
            link_count += await self.upsert_links(key, data.links[key])
        return node_count, link_count

    # --- reading -------------------------------------------------------------------------------

    async def counts(self) -> GraphCounts:
        node_rows = await self.run(nodes.COUNT_BY_LABEL)
        rel_rows = await self.run(relationships.COUNT_BY_TYPE)
        return GraphCounts(
            nodes={str(r["label"]): int(r["count"]) for r in node_rows},
            relationships={str(r["type"]): int(r["count"]) for r in rel_rows},
        )

    async def city_statuses(self) -> dict[str, int]:
        """How many cities have each status (`member`, `candidate`, `former`)."""
        rows = await self.run(migrations.CITIES_BY_STATUS)
        return {str(r["status"]): int(r["count"]) for r in rows}

    async def get(self, label: str, node_id: str) -> Props | None:
        rows = await self.run(nodes.GET[_known_label(label)], id=node_id)
        return dict(rows[0]["props"]) if rows else None

    async def existing_ids(self, label: str, ids: Iterable[str]) -> set[str]:
        wanted = sorted(set(ids))
        found: set[str] = set()
        for batch in _batches(wanted, self.batch_size):
            rows = await self.run(nodes.EXISTING[_known_label(label)], ids=list(batch))
            found.update(str(r["id"]) for r in rows)
        return found

    async def dump_nodes(self, label: str) -> list[Props]:
        return [dict(r["props"]) for r in await self._paged(nodes.DUMP[_known_label(label)])]

    async def dump_links(self, key: str) -> list[Link]:
        rows = await self._paged(relationships.DUMP[key])
        return [Link(str(r["start"]), str(r["end"]), dict(r["props"] or {})) for r in rows]

    async def read_data(self) -> GraphData:
        """The whole network, in model order, deterministic; credentials are never included."""
        data = GraphData()
        for label in EXPORTED_LABELS:
            rows = await self.dump_nodes(label)
            if rows:
                data.nodes[label] = rows
        for rel in EXPORTED_RELATIONSHIPS:
            links = await self.dump_links(rel.key)
            if links:
                data.links[rel.key] = links
        return data

    async def search(self, label: str, text: str, limit: int = 20) -> list[tuple[str, float]]:
        """Ids of nodes whose folded name matches every word of `text`, best first."""
        return [(str(p["id"]), score) for p, score in await self.search_nodes(label, text, limit)]

    async def search_nodes(
        self, label: str, text: str, limit: int = 20
    ) -> list[tuple[Props, float]]:
        """The matching nodes' properties with their scores, best first."""
        statement = search.SEARCH.get(_known_label(label))
        if statement is None:
            raise KeyError(f"{label} has no full-text index")
        words = _SEARCH_WORD.findall(fold_name(text))
        if not words:
            return []
        # Words only, each as a prefix: no query syntax of either engine reaches it.
        query = " ".join(f"{w}*" if len(w) >= 2 else w for w in words)
        rows = await self.run(statement, query=query, limit=limit)
        return [(dict(r["props"]), float(r["score"])) for r in rows]

    async def cooperation_path(self, start: str, end: str, max_hops: int) -> list[Row]:
        return await self.run(
            paths.COOPERATION_PATH,
            start=start,
            end=end,
            max_hops=max_hops,
            rel_types=list(paths.COOPERATION_TYPES),
        )

    async def _paged(self, statement: Statement) -> list[Row]:
        rows: list[Row] = []
        while True:
            page = await self.run(statement, skip=len(rows), limit=DUMP_PAGE)
            rows.extend(page)
            if len(page) < DUMP_PAGE:
                return rows

    async def _missing_endpoints(self, key: str, links: Sequence[Link]) -> list[str]:
        rel = REL_BY_KEY[key]
        have_start = await self.existing_ids(rel.start, (k.start for k in links))
        have_end = await self.existing_ids(rel.end, (k.end for k in links))
        missing = {f"{rel.start} {k.start!r}" for k in links if k.start not in have_start}
        missing |= {f"{rel.end} {k.end!r}" for k in links if k.end not in have_end}
        return sorted(missing)


def _known_label(label: str) -> str:
    if label not in NODE_BY_LABEL:
        raise KeyError(f"unknown label {label!r}")
    return label


def _clean(props: Props) -> Props:
    """Properties to SET: the key `id` travels apart, and nulls are never stored."""
    return {k: v for k, v in props.items() if v is not None and k != "id"}


def _batches[T](rows: Sequence[T], size: int) -> Iterable[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
