"""Fair admission of queries to an endpoint: slots, slots per client, a slow lane.

Each query runs in a child process (one *slot*). A client (its address) holds at most
``per_client`` slots; a request beyond that waits its turn, and a request that cannot be
admitted within ``max_wait`` seconds is turned away (:class:`Busy`: 429 when the client is
over its own share, 503 when the endpoint is full), with the seconds after which to retry.
When a slot frees, it goes to the waiting client that holds the fewest slots, first come
first served among equals, so one client's burst does not starve the others.

Long queries are what fills an endpoint: a query that has used
:data:`~reportgraph.query.run.SLOW_AFTER` seconds of CPU must take one of ``slow_slots`` places
(:meth:`Ticket.promote`); when all are taken it is stopped with a 503 saying so. So at
least ``slots - slow_slots`` slots are always free for short queries, whatever the long
ones do, and the long ones run at a lower CPU priority.

>>> s = Scheduler(slots=2, slow_slots=1, per_client=1, max_wait=0)
>>> with s.admit("a") as t:
...     t.promote(), s.admit("b").__enter__().promote()
(True, False)
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections import Counter
from contextlib import contextmanager
from collections.abc import Iterator


class Busy(Exception):
    """A query not admitted: ``status`` 429 or 503, ``retry_after`` seconds."""

    def __init__(self, status: int, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class Ticket:
    """A running query's slot."""

    def __init__(self, scheduler: Scheduler, client: str) -> None:
        self._scheduler = scheduler
        self.client = client
        self.slow = False

    def promote(self) -> bool:
        """Take a slow-lane place for this query; False when the slow lane is full."""
        return self._scheduler._promote(self)


class Scheduler:
    """Admission of queries: ``slots`` at once, at most ``per_client`` per client, at most
    ``slow_slots`` long ones; wait at most ``max_wait`` seconds, at most ``queue`` waiting."""

    def __init__(self, *, slots: int = 8, slow_slots: int = 4, per_client: int = 2,
                 max_wait: float = 5.0, queue: int = 256, retry_after: float = 2.0) -> None:
        if slots < 1 or per_client < 1 or not 0 <= slow_slots <= slots:
            raise ValueError("need slots >= 1, per_client >= 1 and 0 <= slow_slots <= slots")
        self.slots, self.slow_slots, self.per_client = slots, slow_slots, per_client
        self.max_wait, self.queue, self.retry_after = max_wait, queue, retry_after
        self._cond = threading.Condition()
        self._running: Counter[str] = Counter()
        self._total = 0
        self._slow = 0
        self._waiting: list[tuple[int, str]] = []
        self._seq = itertools.count()

    def _next(self) -> tuple[int, str] | None:
        """The waiter to admit next: its client holds the fewest slots, then first come."""
        eligible = [w for w in self._waiting if self._running[w[1]] < self.per_client]
        return min(eligible, key=lambda w: (self._running[w[1]], w[0])) if eligible else None

    @contextmanager
    def admit(self, client: str) -> Iterator[Ticket]:
        """Wait for a slot for ``client``; raise :class:`Busy` when none comes in time."""
        retry = max(1, math.ceil(self.retry_after))
        with self._cond:
            mine = self._running[client] + sum(1 for _, c in self._waiting if c == client)
            if mine >= 2 * self.per_client:
                raise Busy(429, f"too many queries from this client at once (at most {self.per_client} "
                           "run at a time); wait for them to finish", retry)
            if len(self._waiting) >= self.queue:
                raise Busy(503, "too many queries waiting; try again later", retry)
            me = (next(self._seq), client)
            self._waiting.append(me)
            deadline = time.monotonic() + self.max_wait
            try:
                while not (self._total < self.slots and self._next() == me):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        if self._running[client] >= self.per_client:
                            raise Busy(429, f"too many queries from this client at once (at most "
                                       f"{self.per_client} run at a time); wait for them to finish", retry)
                        raise Busy(503, "all query slots are busy; try again later", retry)
                    self._cond.wait(remaining)
            finally:
                self._waiting.remove(me)
                self._cond.notify_all()
            self._running[client] += 1
            self._total += 1
        ticket = Ticket(self, client)
        try:
            yield ticket
        finally:
            with self._cond:
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]
                self._total -= 1
                if ticket.slow:
                    self._slow -= 1
                self._cond.notify_all()

    def _promote(self, ticket: Ticket) -> bool:
        with self._cond:
            if ticket.slow:
                return True
            if self._slow >= self.slow_slots:
                return False
            self._slow += 1
            ticket.slow = True
            return True

    def stats(self) -> dict[str, int]:
        """Slots in use, long queries, and waiting requests."""
        with self._cond:
            return {"running": self._total, "slow": self._slow, "waiting": len(self._waiting)}


__all__ = ["Busy", "Scheduler", "Ticket"]
