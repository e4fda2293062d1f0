"""The ledger of chat events already processed: whoever claims an event id first handles it.

Slack sends an event again when it saw no answer in time, with a retry header over HTTP and
without one over Socket Mode, and now and then delivers one twice; a header alone cannot tell.
The ledger is in the graph store, so every process of the hub (and a restarted one) shares it.
Entries are kept for `RETENTION` (Slack retries within minutes) and pruned after.
"""

from __future__ import annotations

import datetime as dt
import secrets

from graph.statements import events as q
from services.core import Service

RETENTION = dt.timedelta(days=7)
PRUNE_BATCH = 10_000


class Events(Service):
    async def claim(self, event_id: str) -> bool:
        """True for exactly one caller per event id: that caller processes the event."""
        token = secrets.token_hex(8)
        rows = await self.store.run(
            q.CLAIM_EVENT,
            event=event_id,
            claim=token,
            now=self.core.clock.now().isoformat(timespec="seconds"),
        )
        return bool(rows and rows[0]["first"])

    async def prune(self, keep: dt.timedelta = RETENTION) -> int:
        """Forgets events received longer ago than `keep`; how many."""
        before = (self.core.clock.now() - keep).isoformat(timespec="seconds")
        pruned = 0
        while True:
            rows = await self.store.run(q.PRUNE_EVENTS, before=before, limit=PRUNE_BATCH)
            count = int(rows[0]["pruned"]) if rows else 0
            pruned += count
            if count < PRUNE_BATCH:
                return pruned
