"""Warming: `serve` computes the first page of every named query before it takes requests.

A newly published snapshot starts with nothing kept, and analysts come in waves (a team opens
the query page once a build is served). At 10,000 claims the first wave of 16 requests all
waited for the two slowest first pages (`claims_table` 2.9 s, `support_by_actor` 2.6 s on the
served checkpoint, two workers), and that wave set the p99 of a whole load run. So before the
socket opens, `serve` asks the worker pool for each named query's default page (no parameters,
the first 1,000 rows; for an aggregate, all of it) as a request with no Accept header would,
and keeps it; a later request for that page in any format costs at most a re-encoding.

`serve` reports ready (accepts connections) only after warming: a client let in earlier would
only queue behind it, and a load balancer or script waiting for the port then meets a warm
server. Warming is bounded: each page has the query time limit and memory ceiling, a page that
fails is reported and left to its first request (errors are never kept), and a `serve` told to
stop meanwhile cancels what runs.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from graph.query.queries import list_queries
from graph.serve.cache import Waiter
from graph.serve.endpoint import Answer

_STOP_POLL = 0.25  # seconds between checks that `serve` has not been told to stop

FirstPage = Callable[[str, Waiter], Awaitable[object]]  # (query name, waiter) -> Answer, (status, message) or None


@dataclass(frozen=True)
class Warmed:
    """What warming did: the named queries whose first page is kept, those that failed, how long."""

    kept: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]  # (query name, what went wrong)
    stopped: bool  # `serve` was told to stop before warming ended
    seconds: float

    def text(self) -> str:
        """One line for the console, naming each query that failed and why."""
        done = f"warmed: the first page of {len(self.kept)} named queries computed in {self.seconds:.1f} s"
        failed = "".join(f"; {name} failed ({message.strip()})" for name, message in self.failed)
        return done + failed + ("; stopped before the end" if self.stopped else "")


async def warm(first_page: FirstPage, stopping: Callable[[], bool]) -> Warmed:
    """Compute every named query's first page through `first_page` (which keeps it), all at once:
    the worker pool runs as many as it has workers and queues the rest. `stopping()` true
    cancels the pages under way (their workers are killed and replaced, as for a client gone)."""
    started = time.monotonic()

    async def until_done(future: asyncio.Future[object]) -> bool:
        """Warming has no client: wait for `future` unless `serve` is stopping."""
        while not (await asyncio.wait({future}, timeout=_STOP_POLL))[0]:
            if stopping():
                return False
        return True

    names = [query.name for query in list_queries()]
    outcomes = await asyncio.gather(*(first_page(name, until_done) for name in names))
    kept = tuple(name for name, outcome in zip(names, outcomes) if isinstance(outcome, Answer))
    failed = tuple((name, outcome[1]) for name, outcome in zip(names, outcomes) if isinstance(outcome, tuple))
    return Warmed(kept, failed, any(outcome is None for outcome in outcomes), time.monotonic() - started)
