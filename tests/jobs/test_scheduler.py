"""The scheduler: one per graph (the lease), APScheduler 3's traps (misfire grace, daylight
saving, catch-up after downtime), and `uccn serve` running it embedded."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from starlette.testclient import TestClient

from graph.store import GraphStore
from hub.app import create_app
from hub.bootstrap import build_services, job_context, open_store
from hub.settings import SchedulerMode, Settings
from jobs.config import JobsConfig
from jobs.registry import job_registry
from jobs.scheduler import LeaseHeld, catch_up, last_missed_run, start_scheduler, stop_scheduler
from services.clock import FixedClock
from services.container import Services
from tests.serving import run_uccn

TTL = dt.timedelta(minutes=2)
PARIS = ZoneInfo("Europe/Paris")


def at(moment: str) -> FixedClock:
    return FixedClock(dt.datetime.fromisoformat(moment))


async def test_the_lease_is_held_by_one_renewed_by_it_and_taken_over_once_expired(
    store: GraphStore,
) -> None:
    first = Services(store, clock=at("2026-12-01T10:00:00+00:00")).leases
    assert (await first.acquire("a", TTL)).holder == "a"
    later = Services(store, clock=at("2026-12-01T10:01:00+00:00")).leases
    assert (await later.acquire("b", TTL)).holder == "a"  # b is refused, named the holder
    renewed = await later.acquire("a", TTL)
    assert renewed.expires_at == "2026-12-01T10:03:00+00:00"
    expired = Services(store, clock=at("2026-12-01T10:03:01+00:00")).leases
    taken = await expired.acquire("b", TTL)
    assert (taken.holder, taken.acquired_at) == ("b", "2026-12-01T10:03:01+00:00")
    assert not await expired.release("a")  # a lost it: cannot release b's lease
    assert await expired.release("b")
    assert await expired.current() is None


async def test_concurrent_schedulers_agree_on_one_holder(store: GraphStore) -> None:
    leases = Services(store, clock=at("2026-12-01T10:00:00+00:00")).leases
    got = await asyncio.gather(*(leases.acquire(f"s{n}", TTL) for n in range(6)))
    assert len({g.holder for g in got}) == 1


async def test_a_second_scheduler_refuses_to_start_naming_the_holder(
    jobs_settings: Settings, jobs_store: GraphStore
) -> None:
    services = build_services(jobs_store, jobs_settings)
    async with job_context(services, jobs_settings) as ctx:
        scheduler = await start_scheduler(ctx, "hub-1:100:aa")
        try:
            with pytest.raises(LeaseHeld, match="hub-1:100:aa"):
                await start_scheduler(ctx, "hub-2:200:bb")
        finally:
            await stop_scheduler(ctx, scheduler, "hub-1:100:aa")
        assert await services.leases.current() is None  # released on a clean stop


async def test_uccn_scheduler_refuses_while_another_holds_the_lease(
    jobs_settings: Settings, jobs_store: GraphStore, tmp_path: Path
) -> None:
    await build_services(jobs_store, jobs_settings).leases.acquire(
        "other-host:4242:beef", dt.timedelta(hours=1)
    )
    result = run_uccn(jobs_settings, "scheduler", cwd=tmp_path, UCCN_SCHEDULER="off")
    assert result.returncode == 1
    assert "other-host:4242:beef" in result.stderr


def test_every_job_has_a_long_misfire_grace_and_runs_alone() -> None:
    for spec in job_registry(JobsConfig(misfire_grace_s=3600)):
        assert spec.misfire_grace_s == 3600  # never APScheduler's default of 1 second
        assert spec.coalesce
        assert spec.max_instances == 1


def fire_times(job: str, start: dt.datetime, end: dt.datetime) -> list[dt.datetime]:
    [spec] = [s for s in job_registry(JobsConfig()) if s.id == job]
    times: list[dt.datetime] = []
    fire = spec.trigger.get_next_fire_time(None, start)
    while fire is not None and fire < end:
        times.append(fire)
        fire = spec.trigger.get_next_fire_time(fire, fire + dt.timedelta(seconds=1))
    return times


def test_the_digest_keeps_its_wall_clock_hour_across_daylight_saving() -> None:
    # Spring forward on 29 March 2026, fall back on 25 October 2026 (Paris).
    spring = fire_times(
        "digest", dt.datetime(2026, 3, 20, tzinfo=dt.UTC), dt.datetime(2026, 4, 4, tzinfo=dt.UTC)
    )
    assert [t.astimezone(dt.UTC).isoformat() for t in spring] == [
        "2026-03-23T07:00:00+00:00",
        "2026-03-30T06:00:00+00:00",
    ]
    autumn = fire_times(
        "digest", dt.datetime(2026, 10, 15, tzinfo=dt.UTC), dt.datetime(2026, 10, 27, tzinfo=dt.UTC)
    )
    assert [t.astimezone(PARIS).strftime("%a %H:%M") for t in autumn] == ["Mon 08:00", "Mon 08:00"]
    assert [t.astimezone(dt.UTC).hour for t in autumn] == [6, 7]


def test_the_hourly_sweeps_and_the_daily_calendar_across_a_transition() -> None:
    day = dt.datetime(2026, 10, 25, tzinfo=PARIS)  # 25 hours long in Paris
    sweeps = fire_times("report-reminders", day, day + dt.timedelta(days=1))
    assert len(sweeps) == 25  # hourly in UTC: one run per real hour, none twice, none lost
    assert len(set(sweeps)) == 25
    calendar = fire_times("network-calendar", day, day + dt.timedelta(days=1))
    assert [t.astimezone(PARIS).strftime("%H:%M") for t in calendar] == ["09:00"]


def test_a_missed_run_is_caught_up_once_within_the_grace_and_logged_past_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    jobs = job_registry(JobsConfig(misfire_grace_s=6 * 3600))
    now = dt.datetime(2026, 12, 1, 13, 30, tzinfo=dt.UTC)
    sweep = next(s for s in jobs if s.id == "report-reminders")
    # Down from 10:10 to 13:30: three sweeps missed (11:05, 12:05, 13:05), one run for them.
    assert last_missed_run(sweep.trigger, now.replace(hour=10, minute=10), now) == now.replace(
        hour=13, minute=5
    )
    last_runs = {
        "report-reminders": now.replace(hour=10, minute=10),
        "digest": now - dt.timedelta(days=9),  # its Monday run was a day and a half ago
        "network-calendar": now - dt.timedelta(hours=1),  # nothing missed
    }
    with caplog.at_level(logging.INFO, logger="jobs.scheduler"):
        due = catch_up(jobs, last_runs, now)
    assert due == {"report-reminders"}
    assert any(
        "digest missed its run" in r.message and "grace" in r.message for r in caplog.records
    )


async def test_a_scheduler_started_after_downtime_runs_the_missed_job_once(
    jobs_settings: Settings, jobs_store: GraphStore
) -> None:
    services = build_services(jobs_store, jobs_settings)
    two_hours_ago = services.clock.now() - dt.timedelta(hours=2)
    await services.network.record_job_run("report-reminders", two_hours_ago, "ok")
    async with job_context(services, jobs_settings) as ctx:
        scheduler = await start_scheduler(ctx, "hub-1:1:cc")
        try:
            for _ in range(200):
                runs = await services.network.job_runs()
                if runs["report-reminders"] > two_hours_ago:
                    break
                await asyncio.sleep(0.05)
        finally:
            await stop_scheduler(ctx, scheduler, "hub-1:1:cc")
    runs = await services.network.job_runs()
    assert runs["report-reminders"] > two_hours_ago
    assert set(runs) == {"report-reminders"}  # nothing else was due


async def test_uccn_serve_runs_the_scheduler_embedded_and_lets_go_of_the_lease(
    jobs_settings: Settings, jobs_store: GraphStore
) -> None:
    settings = jobs_settings.model_copy(update={"scheduler": SchedulerMode.EMBEDDED})
    leases = build_services(jobs_store, settings).leases

    async def holder_now() -> str | None:
        store = await open_store(settings)
        try:
            held = await Services(store).leases.current()
            return held.holder if held else None
        finally:
            await store.close()

    def serve_and_look() -> str | None:
        with TestClient(create_app(settings)) as client:
            assert client.get("/healthz").status_code == 200
            portal = client.portal
            assert portal is not None
            return portal.call(holder_now)

    holder = await asyncio.to_thread(serve_and_look)
    assert holder is not None
    assert await leases.current() is None
