"""The nightly snapshot job: one file a day, written once, old ones pruned, re-importable."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from graph.store import GraphStore
from hub.bootstrap import build_services, job_context, jobs_config, services_session
from hub.settings import Settings
from jobs.backup import snapshot_graph, snapshot_path
from jobs.registry import job_registry
from jobs.scheduler import build_scheduler
from tests.graph.networks import small_network


async def test_snapshot_is_written_once_a_day(store: GraphStore, tmp_path: Path) -> None:
    await store.write_data(small_network())
    day = date(2026, 11, 23)
    first = await snapshot_graph(store, tmp_path, day, keep=3)
    assert first == snapshot_path(tmp_path, day)
    written = first.read_text()
    await store.upsert_nodes("City", [{"id": "later", "name": "Later", "status": "member"}])
    assert await snapshot_graph(store, tmp_path, day, keep=3) is None
    assert first.read_text() == written  # the second run the same day wrote nothing
    cities = [n for n in json.loads(written)["nodes"] if n["label"] == "City"]
    assert len(cities) == 4


async def test_old_snapshots_are_pruned(store: GraphStore, tmp_path: Path) -> None:
    await store.write_data(small_network())
    start = date(2026, 11, 1)
    for offset in range(5):
        await snapshot_graph(store, tmp_path, start + timedelta(days=offset), keep=3)
    kept = sorted(p.name for p in tmp_path.glob("uccn-*.json"))
    assert kept == ["uccn-2026-11-03.json", "uccn-2026-11-04.json", "uccn-2026-11-05.json"]
    assert not list(tmp_path.glob("*.partial"))


async def test_registry_declares_each_job_once_with_coalescing(
    settings: Settings, store: GraphStore
) -> None:
    registry = job_registry(jobs_config(settings))
    ids = [spec.id for spec in registry]
    assert len(ids) == len(set(ids))
    assert all(spec.coalesce and spec.max_instances == 1 for spec in registry)
    assert all(spec.misfire_grace_s >= 60 for spec in registry)  # never APScheduler's 1 s
    async with job_context(build_services(store, settings), settings) as ctx:
        scheduler = build_scheduler(ctx)
    jobs = scheduler.get_jobs()
    assert sorted(job.id for job in jobs) == sorted(ids)
    assert all(
        job.misfire_grace_time == spec.misfire_grace_s
        for job, spec in zip(
            sorted(jobs, key=lambda j: j.id), sorted(registry, key=lambda s: s.id), strict=True
        )
    )


async def test_registered_snapshot_job_runs_against_the_configured_store(
    settings: Settings,
) -> None:
    config = jobs_config(settings)
    [snapshot] = [s for s in job_registry(config) if s.id == "graph.nightly_snapshot"]
    async with services_session(settings) as services, job_context(services, settings) as ctx:
        first = await snapshot.run(ctx)
        assert first.summary.startswith("wrote ")
        assert (await snapshot.run(ctx)).summary == "today's snapshot already exists"
    assert len(list(settings.backup_dir.glob("uccn-*.json"))) == 1
