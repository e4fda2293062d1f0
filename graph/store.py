"""The small async store API that everything else uses. It runs named statements on one engine.

Every write of many rows (`write_data`, `upsert_nodes`, `upsert_links`: imports, `uccn load`,
the demo layer, synth) is all or nothing, however it fails (a refused batch, a missing endpoint,
a lost connection, an interrupt):

* on an engine with transactions (`TransactionalEngine`: Neo4j) it runs in one transaction;
* on any other (embedded FalkorDB, which has none across statements), the store keeps an undo
  log: before each batch it reads what the batch will change (the properties of the nodes and
  relationships it names, and which of them do not exist yet), and when a later batch fails it
  puts those properties back and deletes what the write created, newest first, then raises the
  failure. Each FalkorDB query is atomic by itself, so a failed batch left nothing to undo.

While such a write runs on FalkorDB, a reader may see part of it; once it failed, nothing of it
stays. A write by another process to the same nodes in those moments may be undone with it.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.dataset import GraphData, Link, Props
from graph.dialect import Dialect
from graph.engine import GraphEngine, Row, TransactionalEngine, WriteTransaction
from graph.errors import GraphError, WriteMismatch
from graph.joined import JoinedReads
from graph.model import (
    EXPORTED_LABELS,
    EXPORTED_RELATIONSHIPS,
    GRAPH_VERSION,
    NODE_BY_LABEL,
    REL_BY_KEY,
)
from graph.schema import schema_from_model
from graph.statement import Statement
from graph.statements import migrations, nodes, paths, relationships, search, version
from names import fold_name as fold_name  # re-exported: some importers still name graph.store

DUMP_PAGE = 20000  # rows (start nodes for relationships) a dump reads at once
_SEARCH_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class GraphCounts:
    nodes: dict[str, int]
    relationships: dict[str, int]


@dataclass(frozen=True, slots=True)
class GraphVersion:
    """Equal versions, equal graph: every write changes `version` (and a graph dropped and made
    again draws a new `epoch`)."""

    epoch: str | None
    version: int


class GraphStore:
    def __init__(self, engine: GraphEngine, *, batch_size: int = 2000) -> None:
        self.engine = engine
        self.batch_size = batch_size
        self._joined = JoinedReads(lambda statement, ids: self.run(statement, ids=ids))

    @property
    def dialect(self) -> Dialect:
        return self.engine.dialect

    async def run(self, statement: Statement, **params: Any) -> list[Row]:
        text = statement.text(self.dialect)
        if statement.writes:
            return await self.engine.write(text, params)
        return await self.engine.read(text, params)

    def read_by_ids(self, statement: Statement, ids: Sequence[str]) -> asyncio.Future[list[Row]]:
        """A by-id statement's rows for `ids`, read together with the same statement's reads
        from concurrent callers (`graph.joined`); a future of the caller's own."""
        return self._joined.rows(statement, ids)

    async def setup_schema(self) -> None:
        """Constraints, indexes and full-text indexes; safe to run on every start."""
        await self.engine.ensure_schema(schema_from_model())

    async def ping(self) -> str:
        return await self.engine.ping()

    async def version(self) -> GraphVersion:
        """The graph's version: changed by every write statement, in the statement itself."""
        rows = await self.run(version.READ_VERSION)
        if not rows:
            return GraphVersion(None, 0)  # never written to
        return GraphVersion(rows[0]["epoch"], int(rows[0]["version"]))

    async def close(self) -> None:
        await self.engine.close()

    async def drop_all(self) -> None:
        await self.engine.drop_all()

    # --- writing -------------------------------------------------------------------------------

    async def upsert_nodes(self, label: str, rows: Sequence[Props]) -> int:
        """Create or update nodes by id, all or nothing; returns how many were written."""
        _known_label(label)
        return await self._atomically(lambda writer: writer.nodes(label, rows))

    async def upsert_links(self, key: str, links: Sequence[Link]) -> int:
        """Create or update relationships, all or nothing; `WriteMismatch` (and nothing
        written) when an endpoint is missing."""
        if key not in REL_BY_KEY:
            raise KeyError(f"unknown relationship {key!r}")
        return await self._atomically(lambda writer: writer.links(key, links))

    async def write_data(self, data: GraphData) -> tuple[int, int]:
        """Upsert all nodes, then all relationships, all or nothing; idempotent. Returns (nodes,
        relationships)."""

        async def everything(writer: _Writer) -> tuple[int, int]:
            node_count = 0
            for label in data.ordered_labels():
                node_count += await writer.nodes(label, data.nodes[label])
            link_count = 0
            for key in data.ordered_keys():
                link_count += await writer.links(key, data.links[key])
            return node_count, link_count

        return await self._atomically(everything)

    async def _atomically[T](self, work: Callable[[_Writer], Awaitable[T]]) -> T:
        engine = self.engine
        if isinstance(engine, TransactionalEngine):

            async def in_transaction(tx: WriteTransaction) -> T:
                return await work(_Writer(self.dialect, self.batch_size, tx.run, tx.run))

            return await engine.write_transaction(in_transaction)
        undo = _UndoLog()
        writer = _Writer(self.dialect, self.batch_size, engine.read, engine.write, undo)
        try:
            return await work(writer)
        except BaseException as failure:
            try:
                await undo.apply(self)
            except BaseException as exc:
                raise GraphError(
                    f"a write failed ({_said(failure)}) and undoing it failed too "
                    f"({_said(exc)}): the graph holds part of it; run the same write again to "
                    "complete it"
                ) from exc
            raise

    # --- reading -------------------------------------------------------------------------------

    async def counts(self) -> GraphCounts:
        node_rows = await self.run(nodes.COUNT_BY_LABEL)
        rel_rows = await self.run(relationships.COUNT_BY_TYPE)
        return GraphCounts(
            # The version node is the store's bookkeeping, not part of what the graph holds.
            nodes={
                str(r["label"]): int(r["count"])
                for r in node_rows
                if r["label"] != GRAPH_VERSION.label
            },
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

    async def properties_of(self, label: str, ids: Iterable[str]) -> dict[str, Props]:
        """The stored properties of those of `ids` that exist, by id."""
        found: dict[str, Props] = {}
        for batch in _batches(sorted(set(ids)), self.batch_size):
            rows = await self.run(nodes.PROPERTIES[_known_label(label)], ids=list(batch))
            found.update((str(r["id"]), dict(r["props"])) for r in rows)
        return found

    async def ends_of(self, key: str, starts: Iterable[str]) -> dict[str, list[str]]:
        """The ids each of `starts` is joined to by relationship `key` (those with any), sorted."""
        statement = relationships.ENDS.get(key)
        if statement is None:
            raise KeyError(f"unknown relationship {key!r}")
        found: dict[str, list[str]] = {}
        for batch in _batches(sorted(set(starts)), self.batch_size):
            rows = await self.run(statement, ids=list(batch))
            found.update((str(r["id"]), sorted(str(e) for e in r["ends"])) for r in rows)
        return found

    async def dump_nodes(self, label: str) -> list[Props]:
        return [props async for page in self.node_pages(label) for props in page]

    async def dump_links(self, key: str) -> list[Link]:
        return [link async for page in self.link_pages(key) for link in page]

    async def node_pages(self, label: str) -> AsyncIterator[list[Props]]:
        """A label's nodes by id, a page at a time (keyset on the id index, never SKIP)."""
        statement, after = nodes.DUMP[_known_label(label)], ""
        while True:
            rows = await self.run(statement, after=after, limit=DUMP_PAGE)
            if rows:
                yield [dict(r["props"]) for r in rows]
                after = str(rows[-1]["props"]["id"])
            if len(rows) < DUMP_PAGE:
                return

    async def link_pages(self, key: str) -> AsyncIterator[list[Link]]:
        """One relationship's links by (start, end), a page of start nodes at a time."""
        statement, after = relationships.DUMP[key], ""
        while True:
            rows = await self.run(statement, after=after, limit=DUMP_PAGE)
            links = [
                Link(str(r["start"]), str(r["end"]), dict(r["props"] or {}))
                for r in rows
                if r["end"] is not None
            ]
            if links:
                yield links
            starts = {r["start"] for r in rows}
            if len(starts) < DUMP_PAGE:
                return
            after = str(rows[-1]["start"])

    async def read_data(self) -> GraphData:
        """The whole network, in model order, deterministic; credentials are never included."""
        data = GraphData()
        async for page in self.read_pages():
            data.merge(page)
        return data

    async def read_pages(self) -> AsyncIterator[GraphData]:
        """The whole network as `read_data` reads it, a page at a time (each of one label or one
        relationship), for writers that need not hold it all."""
        for label in EXPORTED_LABELS:
            async for rows in self.node_pages(label):
                yield GraphData(nodes={label: rows})
        for rel in EXPORTED_RELATIONSHIPS:
            async for links in self.link_pages(rel.key):
                yield GraphData(links={rel.key: links})

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


def _said(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


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


# --- writing in batches, all or nothing -----------------------------------------------------------

Runner = Callable[[str, Mapping[str, Any]], Awaitable[list[Row]]]


@dataclass(slots=True)
class _Step:
    """What one batch changed: the prior state of what it named (`rows` for `RESTORE`) and
    what it created (`created` for `REMOVE`)."""

    restore: Statement
    remove: Statement
    rows: list[Props]
    created: list[Props]


@dataclass(slots=True)
class _UndoLog:
    steps: list[_Step] = field(default_factory=list)

    async def apply(self, store: GraphStore) -> None:
        """Newest first: relationships go before the nodes they join."""
        while self.steps:
            step = self.steps[-1]
            for batch in _batches(step.rows, store.batch_size):
                await store.run(step.restore, rows=list(batch))
            for batch in _batches(step.created, store.batch_size):
                await store.run(step.remove, rows=list(batch))
            self.steps.pop()


class _Writer:
    """Upserts in batches through one pair of runners (a transaction's, or the engine's); with
    an undo log, notes before each batch what it will change."""

    def __init__(
        self,
        dialect: Dialect,
        batch_size: int,
        read: Runner,
        write: Runner,
        undo: _UndoLog | None = None,
    ) -> None:
        self.dialect = dialect
        self.batch_size = batch_size
        self._read = read
        self._write = write
        self.undo = undo

    async def run(self, statement: Statement, **params: Any) -> list[Row]:
        runner = self._write if statement.writes else self._read
        return await runner(statement.text(self.dialect), params)

    async def nodes(self, label: str, rows: Sequence[Props]) -> int:
        written = 0
        for batch in _batches(rows, self.batch_size):
            payload = [{"id": r["id"], "props": _clean(r)} for r in batch]
            if self.undo is not None:
                ids = [row["id"] for row in payload]
                found = await self.run(nodes.PROPERTIES[label], ids=ids)
                before = {r["id"]: dict(r["props"]) for r in found}
                self.undo.steps.append(
                    _Step(
                        nodes.RESTORE[label],
                        nodes.REMOVE[label],
                        [{"id": i, "props": props} for i, props in before.items()],
                        [{"id": i} for i in dict.fromkeys(ids) if i not in before],
                    )
                )
            result = await self.run(nodes.UPSERT[label], rows=payload)
            written += int(result[0]["written"]) if result else 0
        return written

    async def links(self, key: str, links: Sequence[Link]) -> int:
        written = 0
        for batch in _batches(links, self.batch_size):
            payload = [{"start": k.start, "end": k.end, "props": _clean(k.props)} for k in batch]
            if self.undo is not None:
                found = await self.run(relationships.PRIOR[key], rows=payload)
                before = {(r["start"], r["end"]): dict(r["props"] or {}) for r in found}
                pairs = dict.fromkeys((row["start"], row["end"]) for row in payload)
                self.undo.steps.append(
                    _Step(
                        relationships.RESTORE[key],
                        relationships.REMOVE[key],
                        [{"start": a, "end": b, "props": p} for (a, b), p in before.items()],
                        [{"start": a, "end": b} for a, b in pairs if (a, b) not in before],
                    )
                )
            result = await self.run(relationships.UPSERT[key], rows=payload)
            count = int(result[0]["written"]) if result else 0
            if count != len(batch):
                missing = await self._missing_endpoints(key, batch)
                raise WriteMismatch(
                    f"{key}: {len(batch) - count} of {len(batch)} relationships had no endpoint; "
                    f"missing: {', '.join(missing[:10])}"
                )
            written += count
        return written

    async def _existing(self, label: str, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for batch in _batches(sorted(set(ids)), self.batch_size):
            rows = await self.run(nodes.EXISTING[label], ids=list(batch))
            found.update(str(r["id"]) for r in rows)
        return found

    async def _missing_endpoints(self, key: str, links: Sequence[Link]) -> list[str]:
        rel = REL_BY_KEY[key]
        have_start = await self._existing(rel.start, (k.start for k in links))
        have_end = await self._existing(rel.end, (k.end for k in links))
        missing = {f"{rel.start} {k.start!r}" for k in links if k.start not in have_start}
        missing |= {f"{rel.end} {k.end!r}" for k in links if k.end not in have_end}
        return sorted(missing)
