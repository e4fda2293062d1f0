"""`uccn load`: the real reference data into the store, idempotently."""

from __future__ import annotations

from pathlib import Path

from graph.store import GraphStore
from services.reference.dataset import load_reference_data


async def load_reference(store: GraphStore, data_dir: Path | None = None) -> tuple[int, int]:
    """Schema first, then every node and relationship by MERGE: running it twice changes nothing.

    Returns the number of nodes and relationships written (matched or created).
    """
    await store.setup_schema()
    return await store.write_data(load_reference_data(data_dir))
