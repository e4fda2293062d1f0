"""The nightly snapshot of the whole graph as a JSON export, one file per day.

Idempotent: the day's file is written once (to a temporary name, fsynced, then renamed), so
running the job twice the same day writes nothing twice. Snapshots beyond `keep` are removed.
"""

from __future__ import annotations

import asyncio
import io
import os
from datetime import date
from pathlib import Path

from graph.store import GraphStore
from services.exchange.exporting import export_graph

SNAPSHOT_PREFIX = "uccn-"


def snapshot_path(directory: Path, day: date) -> Path:
    return directory / f"{SNAPSHOT_PREFIX}{day.isoformat()}.json"


async def snapshot_graph(store: GraphStore, directory: Path, day: date, keep: int) -> Path | None:
    """Write the day's snapshot unless it exists. Returns the new file, or None if already done."""
    target = snapshot_path(directory, day)
    if await asyncio.to_thread(target.exists):
        return None
    buffer = io.StringIO()
    export_graph(await store.read_data(), "json", buffer)
    await asyncio.to_thread(_write_atomically, target, buffer.getvalue(), keep)
    return target


def _write_atomically(target: Path, text: str, keep: int) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".json.partial")
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(target)
    for old in sorted(target.parent.glob(f"{SNAPSHOT_PREFIX}*.json"))[:-keep]:
        old.unlink()
