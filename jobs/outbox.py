"""Where every job's messages go out: exactly once, through the delivery ledger.

For each message: claim its idempotency key in the ledger (a message already sent, being sent,
or sent before a crash is not claimed, so it never goes twice), send it with retries and
exponential backoff, then mark it sent, or failed once every attempt of the run was refused (a
later run tries it again while attempts remain; the digest lists those that finally failed).
One message's failure is recorded and the others go on. In a dry run nothing is claimed or
sent: the outbox says what would go and what the ledger already holds.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from jobs.config import JobsConfig
from services.delivery.ledger import FAILED, DeliveryLedger
from services.delivery.mail import Email, SmtpMailer
from services.notify import Message, Messenger

log = logging.getLogger(__name__)

EMAIL, SLACK = "email", "slack"
Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to one recipient on one channel. `key` is its idempotency key."""

    key: str
    job: str
    city: str | None
    channel: str  # EMAIL or SLACK
    recipient: str  # an address, a Slack user or channel id
    summary: str  # one line: what it is, for logs and dry runs
    email: Email | None = None
    slack: Message | None = None


@dataclass(slots=True)
class Outcome:
    sent: list[Outgoing] = field(default_factory=list)
    already: list[Outgoing] = field(default_factory=list)  # in the ledger: not sent again
    failed: list[tuple[Outgoing, str]] = field(default_factory=list)
    unavailable: list[Outgoing] = field(default_factory=list)  # no SMTP or Slack configured
    planned: list[Outgoing] = field(default_factory=list)  # dry run: would be sent

    def lines(self) -> list[str]:
        out = [f"would send  {o.channel:5}  {o.recipient}  {o.summary}" for o in self.planned]
        out += [f"sent        {o.channel:5}  {o.recipient}  {o.summary}" for o in self.sent]
        out += [
            f"failed      {o.channel:5}  {o.recipient}  {o.summary}: {e}" for o, e in self.failed
        ]
        out += [
            f"no {o.channel} transport configured: {o.recipient}  {o.summary}"
            for o in self.unavailable
        ]
        return out

    def counts(self) -> str:
        if self.planned:
            return f"{len(self.planned)} to send, {len(self.already)} already sent"
        return (
            f"{len(self.sent)} sent, {len(self.already)} already sent, "
            f"{len(self.failed)} failed, {len(self.unavailable)} without transport"
        )


class Outbox:
    def __init__(
        self,
        ledger: DeliveryLedger,
        config: JobsConfig,
        *,
        mailer: SmtpMailer | None = None,
        messenger: Messenger | None = None,
        dry_run: bool = False,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.ledger = ledger
        self.config = config
        self.mailer = mailer
        self.messenger = messenger
        self.dry_run = dry_run
        self._sleep = sleep

    def _transport(self, item: Outgoing) -> bool:
        if item.channel == EMAIL:
            return self.mailer is not None and item.email is not None
        return self.messenger is not None and item.slack is not None

    async def deliver(self, items: list[Outgoing]) -> Outcome:
        outcome = Outcome()
        if self.dry_run:
            states = await self.ledger.states([i.key for i in items])
            for item in items:
                state = states.get(item.key)
                if state is None or state == FAILED:
                    outcome.planned.append(item)
                else:
                    outcome.already.append(item)
            return outcome
        for item in items:
            if not self._transport(item):
                outcome.unavailable.append(item)
                continue
            await self._deliver_one(item, outcome)
        return outcome

    async def _deliver_one(self, item: Outgoing, outcome: Outcome) -> None:
        try:
            claim = await self.ledger.claim(
                item.key,
                job=item.job,
                channel=item.channel,
                city=item.city,
                recipient=item.recipient,
                max_attempts=self.config.delivery_max_attempts,
            )
        except Exception as exc:  # the store refused: nothing claimed, nothing sent
            log.exception("delivery %s could not be claimed", item.key)
            outcome.failed.append((item, f"not claimed: {type(exc).__name__}: {exc}"))
            return
        if claim is None:
            outcome.already.append(item)
            return
        error = ""
        attempts = 0
        for attempt in range(self.config.delivery_attempts):
            attempts = attempt + 1
            try:
                await self._send(item)
            except Exception as exc:  # any transport failure: retried, then recorded
                error = f"{type(exc).__name__}: {exc}"
                log.warning("delivery %s attempt %d failed: %s", item.key, attempts, error)
                if attempts < self.config.delivery_attempts:
                    await self._sleep(self.config.retry_backoff_s * 2**attempt)
                continue
            outcome.sent.append(item)
            try:
                await self.ledger.sent(claim, attempts)
            except Exception:  # sent, but left claimed: listed "in doubt", never sent again
                log.exception("delivery %s was sent but not marked", item.key)
            return
        await self.ledger.failed(claim, attempts, error)
        outcome.failed.append((item, error))

    async def _send(self, item: Outgoing) -> None:
        if item.channel == EMAIL:
            if self.mailer is None or item.email is None:
                raise RuntimeError("no e-mail transport")
            await self.mailer.send(item.email)
        else:
            if self.messenger is None or item.slack is None:
                raise RuntimeError("no Slack transport")
            await self.messenger.post(item.recipient, item.slack)
