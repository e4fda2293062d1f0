"""The composition root: builds the store (and later the services) from explicit settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from graph.factory import open_engine
from graph.store import GraphStore
from hub.settings import Settings


async def open_store(settings: Settings) -> GraphStore:
    engine = await open_engine(
        settings.graph_url,
        graph_name=settings.graph_name,
        neo4j_user=settings.neo4j_user,
        neo4j_password=settings.neo4j_password.get_secret_value(),
        neo4j_database=settings.neo4j_database,
        timeout_s=settings.graph_connect_timeout_s,
    )
    return GraphStore(engine, batch_size=settings.graph_write_batch_size)


@asynccontextmanager
async def store_session(
    settings: Settings, *, setup_schema: bool = True
) -> AsyncIterator[GraphStore]:
    """A store for one command or one app lifetime: schema ensured on open, closed on exit."""
    store = await open_store(settings)
    try:
        if setup_schema:
            await store.setup_schema()
        yield store
    finally:
        await store.close()
