"""Answers kept for the life of one `serve`: the store snapshot it serves never changes.

`serve` answers from a checkpoint of the store taken at start (`snapshot_store`), which nothing
writes while it is served, so the answer to the same request (query text or named query,
parameters, page, dataset, media type) stays right until `serve` is restarted. Answers are kept
up to a byte budget, least recently used first out; requests for an answer that is being
computed wait for that computation instead of starting their own (a crowd asking the same page
at once costs one query). `obtain` says which of the three an answer was (`hit`, `shared`,
`miss`), which `serve` sends as `X-Cache`; `serve` also fills the cache before it listens
(`graph/serve/warming.py`), so the first wave of requests finds the slow pages kept.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, Generic, TypeVar

Outcome = TypeVar("Outcome")
Waiter = Callable[["asyncio.Future[Any]"], Awaitable[bool]]  # waits for a future; False: the client hung up


class AnswerCache(Generic[Outcome]):
    """Outcomes by request key, within `max_bytes` of answer bodies, with the computations under way.

    A body larger than `max_bytes / 8` is not kept (one huge table must not push out every
    other answer). Used from one event loop only, so it needs no lock.
    """

    def __init__(self, max_bytes: int, size_of: Callable[[Outcome], int | None] = len) -> None:  # type: ignore[assignment]
        self.max_bytes = max_bytes
        self.size_of = size_of  # the bytes `obtain` keeps of an outcome; None: never kept (an error)
        self.bytes = 0
        self._kept: OrderedDict[Hashable, tuple[Outcome, int]] = OrderedDict()
        self._under_way: dict[Hashable, asyncio.Future[Outcome | None]] = {}

    def get(self, key: Hashable) -> Outcome | None:
        """The kept outcome for `key` (now the most recently used), or None."""
        kept = self._kept.get(key)
        if kept is None:
            return None
        self._kept.move_to_end(key)
        return kept[0]

    def keep(self, key: Hashable, outcome: Outcome, size: int) -> None:
        """Keep `outcome` (whose body is `size` bytes), dropping the least recently used past the budget."""
        if size > self.max_bytes // 8 or key in self._kept:
            return
        self._kept[key] = (outcome, size)
        self.bytes += size
        while self.bytes > self.max_bytes:
            _, (_, dropped) = self._kept.popitem(last=False)
            self.bytes -= dropped

    def under_way(self, key: Hashable) -> asyncio.Future[Outcome | None] | None:
        """The future of a computation of `key` under way, if any: its result is the outcome, or
        None when the computation gave up (its client left), and the waiter must compute it."""
        return self._under_way.get(key)

    def start(self, key: Hashable) -> asyncio.Future[Outcome | None]:
        """Note that `key` is being computed; `finish` must follow."""
        future: asyncio.Future[Outcome | None] = asyncio.get_running_loop().create_future()
        self._under_way[key] = future
        return future

    def finish(self, key: Hashable, outcome: Outcome | None) -> None:
        """Hand `outcome` (None: given up) to those waiting for `key`."""
        future = self._under_way.pop(key, None)
        if future is not None and not future.done():
            future.set_result(outcome)

    async def obtain(self, key: Hashable, compute: Callable[[], Awaitable[Outcome | None]], until_done: Waiter) -> tuple[Outcome | None, str]:
        """The outcome for `key` and how it came: `hit` (kept), `shared` (awaited from the identical
        computation under way) or `miss` (`compute()` ran for it, and its outcome is kept if it
        has a size). None when `until_done` says the client hung up, or `compute` gave up."""
        outcome = self.get(key)
        if outcome is not None:
            return outcome, "hit"
        while (under_way := self.under_way(key)) is not None:
            if not await until_done(under_way):
                return None, "shared"
            if (outcome := under_way.result()) is not None:
                return outcome, "shared"
            # None: the computation's own client left first; then compute it here
        self.start(key)
        outcome = None
        try:
            outcome = await compute()
        finally:
            size = None if outcome is None else self.size_of(outcome)
            if outcome is not None and size is not None:
                self.keep(key, outcome, size)
            self.finish(key, outcome)
        return outcome, "miss"
