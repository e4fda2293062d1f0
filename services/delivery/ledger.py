"""The delivery ledger: one entry per message, keyed by the message's idempotency key
(`report:{city}:{cycle}:{stage}:{recipient}:{channel}`), in the graph store so that every
process and every restart shares it.

Claim, send, mark. An entry is created `claimed` (with the claimant's random token) before the
message goes out, and marked `sent` or `failed` after. A crash can leave an entry `claimed`:
the message may or may not have gone, and no transport here (SMTP, chat.postMessage) can say
which, so such an entry is never sent again. The ledger chooses "at most once" for that
window of milliseconds, and lists the entries left in doubt for a person to check (the digest
does), rather than risk a second reminder. A `failed` entry (every attempt of a run refused)
is claimed again by a later run while it has attempts left.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from graph.statements import jobs as q
from services.core import Service

CLAIMED, SENT, FAILED = "claimed", "sent", "failed"
ERROR_MAX = 500


@dataclass(frozen=True, slots=True)
class Claim:
    key: str
    token: str


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    key: str
    job: str
    channel: str
    city: str | None
    state: str
    claimed_at: str
    attempts: int
    error: str | None


class DeliveryLedger(Service):
    def _now(self) -> str:
        return self.core.clock.now().isoformat(timespec="seconds")

    async def claim(
        self,
        key: str,
        *,
        job: str,
        channel: str,
        city: str | None,
        recipient: str,
        max_attempts: int,
    ) -> Claim | None:
        """The claim on `key` if this caller may send it now; None if it was sent, is being
        (or was, before a crash) sent by another, or finally failed."""
        token = secrets.token_hex(8)
        rows = await self.store.run(
            q.CLAIM_DELIVERY,
            key=key,
            claim=token,
            claimed=CLAIMED,
            job=job,
            channel=channel,
            city=city,
            recipient=recipient,
            now=self._now(),
        )
        if rows and rows[0]["mine"]:
            return Claim(key, token)
        if rows and rows[0]["state"] == FAILED:
            again = await self.store.run(
                q.RECLAIM_FAILED,
                key=key,
                claim=token,
                claimed=CLAIMED,
                failed=FAILED,
                max_attempts=max_attempts,
                now=self._now(),
            )
            if again and again[0]["mine"]:
                return Claim(key, token)
        return None

    async def sent(self, claim: Claim, attempts: int) -> None:
        await self.store.run(
            q.MARK_SENT,
            key=claim.key,
            claim=claim.token,
            sent=SENT,
            attempts=attempts,
            now=self._now(),
        )

    async def failed(self, claim: Claim, attempts: int, error: str) -> None:
        await self.store.run(
            q.MARK_FAILED,
            key=claim.key,
            claim=claim.token,
            failed=FAILED,
            attempts=attempts,
            error=error[:ERROR_MAX],
            now=self._now(),
        )

    async def states(self, keys: list[str]) -> dict[str, str]:
        """The state of each key on record (keys never claimed are absent)."""
        if not keys:
            return {}
        rows = await self.store.run(q.DELIVERY_STATES, keys=keys)
        return {str(r["key"]): str(r["state"]) for r in rows}

    async def in_state(
        self, state: str, since: dt.datetime, before: dt.datetime, limit: int = 200
    ) -> list[LedgerEntry]:
        rows = await self.store.run(
            q.DELIVERIES_IN_STATE,
            state=state,
            since=since.isoformat(timespec="seconds"),
            before=before.isoformat(timespec="seconds"),
            limit=limit,
        )
        return [
            LedgerEntry(
                key=str(d["id"]),
                job=str(d["job"]),
                channel=str(d["channel"]),
                city=d.get("city"),
                state=str(d["state"]),
                claimed_at=str(d["claimed_at"]),
                attempts=int(d.get("attempts") or 0),
                error=d.get("error"),
            )
            for d in (r["delivery"] for r in rows)
        ]
