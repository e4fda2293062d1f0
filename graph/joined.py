"""Reads by id from concurrent requests, joined into one statement.

Every request reads the nodes it names, and their neighbours, through a by-id statement
(`graph.statements.neighbours`: `MATCH (n:Label) WHERE n.id IN $ids ...`). Under load many
requests ask the same statement at once, and a round trip costs the hub far more than the ids
in it (the socket's system calls, the event loop's wake-ups, the client's packing and parsing).
So the ids that callers ask while a read of the same statement is under way wait for the next
read, which asks them all in one statement; each caller then takes the rows of its own ids.
Ids asked in the same moment with no read under way are one statement too, started on the
event loop's next turn: that is all a request's DataLoader would batch.

Nothing is kept: a read starts after every id in it was asked, so it sees every write
acknowledged before its callers asked (no request reads an older graph than it would alone).
The statements take nothing but `ids` and answer the same whoever asks: privacy is applied
above, per request, to what comes back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from graph.engine import Row
from graph.statement import Statement

Run = Callable[[Statement, list[str]], Awaitable[list[Row]]]


@dataclass(slots=True)
class _Batch:
    ids: dict[str, None] = field(default_factory=dict)  # in the order asked, each once
    # Each caller's own future: a caller that is cancelled leaves the others' read alone.
    callers: list[tuple[asyncio.Future[list[Row]], Sequence[str]]] = field(default_factory=list)


class JoinedReads:
    """By-id reads of each statement, one under way at a time, the next gathering every id
    asked meanwhile. A statement's rows carry the id they answer as `key`, or the ids they
    answer as `keys` (a neighbour shared by several of the batch's nodes)."""

    def __init__(self, run: Run) -> None:
        self._run = run
        self._queued: dict[str, _Batch] = {}
        self._reading: dict[str, asyncio.Task[None]] = {}

    def rows(self, statement: Statement, ids: Sequence[str]) -> asyncio.Future[list[Row]]:
        """The rows of `statement` for `ids`, in the statement's order; a row that answers
        other callers' ids as well keeps them in its `keys` (callers pick their own)."""
        name = statement.name
        batch = self._queued.get(name)
        if batch is None:
            batch = self._queued[name] = _Batch()
            if name not in self._reading:
                self._reading[name] = asyncio.create_task(self._read(statement), name=name)
        batch.ids.update(dict.fromkeys(ids))
        answer: asyncio.Future[list[Row]] = asyncio.get_running_loop().create_future()
        batch.callers.append((answer, ids))
        return answer

    async def _read(self, statement: Statement) -> None:
        name = statement.name
        try:
            while (batch := self._queued.pop(name, None)) is not None:
                try:
                    rows = await self._run(statement, list(batch.ids))
                except Exception as exc:  # every caller of the batch gets it
                    for answer, _ in batch.callers:
                        if not answer.done():
                            answer.set_exception(exc)
                    continue
                except asyncio.CancelledError:  # the loop is closing: no caller waits on
                    for answer, _ in batch.callers:
                        answer.cancel()
                    raise
                if len(batch.callers) == 1:
                    answer, _ = batch.callers[0]
                    if not answer.done():
                        answer.set_result(rows)
                    continue
                by_id = _positions(rows)
                for answer, ids in batch.callers:
                    if not answer.done():
                        positions = sorted({n for i in ids for n in by_id.get(i, ())})
                        answer.set_result([rows[n] for n in positions])
        finally:
            del self._reading[name]


def _positions(rows: list[Row]) -> dict[str, list[int]]:
    by_id: dict[str, list[int]] = {}
    for n, row in enumerate(rows):
        for key in row["keys"] if "keys" in row else (row["key"],):
            by_id.setdefault(key, []).append(n)
    return by_id
