"""`uccn load`: the real reference data into the store, idempotently, after moving a graph
loaded from earlier data to the current ids (`services.reference.migration`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.store import GraphStore
from services.reference.dataset import load_reference_data
from services.reference.migration import Migration, migrate


@dataclass(frozen=True, slots=True)
class ReferenceLoad:
    nodes: int  # nodes written (matched or created)
    links: int  # relationships written (matched or created)
    migration: Migration  # what moved or went before the write


async def sync_reference(store: GraphStore, data_dir: Path | None = None) -> ReferenceLoad:
    """Schema first, then the moves and removals the data asks for, then every node and
    relationship by MERGE: running it twice changes nothing, and on a graph loaded from earlier
    data it gives what a fresh load gives (plus what users added)."""
    await store.setup_schema()
    data = load_reference_data(data_dir)
    migration = await migrate(store, data)
    nodes, links = await store.write_data(data)
    return ReferenceLoad(nodes, links, migration)


async def load_reference(store: GraphStore, data_dir: Path | None = None) -> tuple[int, int]:
    """`sync_reference`, for callers that want the numbers of nodes and relationships written."""
    loaded = await sync_reference(store, data_dir)
    return loaded.nodes, loaded.links
