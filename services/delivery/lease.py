"""One scheduler per graph: a lease in the graph store (so it holds across hub machines on
Neo4j too). The holder renews it well before it expires; a scheduler that died stops renewing,
and once its lease has expired another may take over. A second scheduler refuses to start
and names the holder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.statements import jobs as q
from services.core import Service

LEASE_ID = "scheduler"


@dataclass(frozen=True, slots=True)
class LeaseState:
    holder: str
    acquired_at: str
    expires_at: str


class SchedulerLeases(Service):
    async def acquire(self, holder: str, ttl: dt.timedelta) -> LeaseState:
        """Takes the lease if free or expired, renews it if `holder` has it; who holds it now."""
        now = self.core.clock.now()
        rows = await self.store.run(
            q.ACQUIRE_LEASE,
            lease=LEASE_ID,
            holder=holder,
            now=now.isoformat(timespec="seconds"),
            expires=(now + ttl).isoformat(timespec="seconds"),
        )
        row = rows[0]
        return LeaseState(str(row["holder"]), str(row["acquired_at"]), str(row["expires_at"]))

    async def release(self, holder: str) -> bool:
        rows = await self.store.run(q.RELEASE_LEASE, lease=LEASE_ID, holder=holder)
        return bool(rows)

    async def current(self) -> LeaseState | None:
        rows = await self.store.run(q.LEASE, lease=LEASE_ID)
        if not rows:
            return None
        row = rows[0]
        return LeaseState(str(row["holder"]), str(row["acquired_at"]), str(row["expires_at"]))
