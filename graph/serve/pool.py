"""The query workers of `pledgegraph serve`: processes that answer over the served snapshot.

Oxigraph cannot stop a running query, so `serve` never runs one on its event loop: each query
goes to a worker process of a pebble pool, which kills a worker past the time limit (or whose
client has hung up) and starts another. Each worker opens the snapshot read-only once, under
its memory ceiling (`graph/query/worker.py`), so a query past the ceiling fails alone. This
module holds what the workers read (the snapshot: an Oxigraph checkpoint beside the store, so a
build may go on writing the store), the functions that run in a worker, and `QueryPool`, which
hands them work from the event loop and turns what goes wrong into an HTTP status and a
message. It is apart from `server.py` (routes and HTTP) so each stays readable.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import Callable
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Union

from graph.errors import (
    NotAcceptable,
    QueryError,
    QueryLimitExceeded,
    QueryRefused,
    StoreError,
)
from graph.query.queries import Page
from graph.query.worker import over_memory, start_query_worker
from graph.serve.cache import Waiter
from graph.serve.endpoint import Answer, Endpoint, QueryRequest, reencode
from graph.store.local import GraphStore
from graph.workers.guard import worker_context

Outcome = Union[Answer, tuple[int, str]]  # an answer, or an error: (HTTP status, message)

_OWNER = "serve.pid"  # in each checkpoint folder: the pid of the serve that made it


# ---------------------------------------------------------------------------- the snapshot served
def snapshot_store(store: Path) -> Path:
    """Checkpoint the store into a new folder beside it (hard links) and return its path.

    Opening the store for the checkpoint takes its lock, so a build that is running makes this
    fail with a clear StoreError instead of publishing a half-built store.
    """
    if not store.exists():
        raise StoreError(f"no store at {store}: run 'pledgegraph build ARTICLES --store {store}' first")
    primary = GraphStore(store, must_exist=True)
    parent = store.resolve().parent
    remove_stale_checkpoints(parent, store.name)
    try:
        folder = Path(tempfile.mkdtemp(prefix=f".{store.name}-serve-", dir=parent))
    except OSError:  # the store's folder is not writable: copy into the system temp folder
        folder = Path(tempfile.mkdtemp(prefix="pledgegraph-serve-"))
    (folder / _OWNER).write_text(str(os.getpid()), encoding="utf-8")
    target = folder / "snapshot"
    primary.oxigraph.backup(str(target))
    del primary  # releases the lock: builds may go on
    return target


def remove_stale_checkpoints(parent: Path, store_name: str) -> list[Path]:
    """Remove the checkpoints of `serve` processes that ended without cleaning up (killed).

    Each checkpoint folder records the pid of the `serve` that made it; a folder whose process
    is gone is debris. Returns the folders removed.
    """
    removed = []
    for folder in parent.glob(f".{store_name}-serve-*"):
        try:
            owner = int((folder / _OWNER).read_text(encoding="utf-8"))
            os.kill(owner, 0)
            continue  # that serve is still running
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            continue  # not ours to judge (no owner file, or another user's process)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


# ---------------------------------------------------------------------------- in a worker process
_worker_endpoint: Endpoint | None = None


def _open_worker_store(snapshot: str, max_rows: int, memory: int) -> None:
    """Pool initializer: each worker opens the snapshot read-only, once, under its memory ceiling.

    It also dies with its parent, so a killed `serve` leaves no worker behind, and ends at once
    on pebble's SIGTERM (see `start_query_worker`).
    """
    global _worker_endpoint
    start_query_worker(memory)
    _worker_endpoint = Endpoint(GraphStore.read_only(Path(snapshot)), max_rows)


def answer(request: QueryRequest) -> Answer:
    """A protocol request's answer (in a worker)."""
    assert _worker_endpoint is not None, "worker store not opened"
    return _worker_endpoint.answer(request)


def named_rows(name: str, parameters: dict[str, str], page: Page) -> Answer:
    """One page of a named query in its canonical format (in a worker): what `serve` keeps once."""
    assert _worker_endpoint is not None, "worker store not opened"
    return _worker_endpoint.named_rows(name, parameters, page)


def in_media_type(rows: Answer, media_type: str) -> Answer:
    """A kept page in the media type a client negotiated (in a worker: a page may be 100,000 rows)."""
    return reencode(rows, media_type)


# ---------------------------------------------------------------------------- on the event loop
class QueryPool:
    """Worker processes over one snapshot, at most `workers` queries at a time, each under
    `timeout` seconds and `memory` bytes of address space (0: no ceiling)."""

    def __init__(self, snapshot: Path, workers: int, max_rows: int, memory: int, timeout: float) -> None:
        from pebble import ProcessPool

        self.timeout = timeout
        self.memory = memory
        self._free = asyncio.Semaphore(workers)
        self._pool = ProcessPool(
            max_workers=workers,
            initializer=_open_worker_store,
            initargs=(str(snapshot), max_rows, memory),
            context=worker_context(preload=("graph.serve.pool",)),
        )

    def stop(self) -> None:
        """Stop the workers (a running query is killed with its worker)."""
        self._pool.stop()
        self._pool.join(timeout=10)

    async def run(self, until_done: Waiter, function: Callable[..., Answer], args: tuple[object, ...]) -> Outcome | None:
        """`function(*args)` in a worker: its answer, an error (status, message), or None when
        `until_done` says the client hung up.

        A query waits here for a free worker (so pebble never holds work a client has given
        up on); once running, a query whose client has gone is cancelled: pebble kills its
        worker and starts another.
        """
        from pebble import ProcessExpired

        waiting_for_worker = asyncio.ensure_future(self._free.acquire())
        if not await until_done(waiting_for_worker):
            if not waiting_for_worker.cancel():  # it got a worker just as the client left
                self._free.release()
            return None
        try:
            future = self._pool.schedule(function, args=args, timeout=self.timeout)
            waiting = asyncio.wrap_future(future)
            if not await until_done(waiting):
                future.cancel()
                return None
            result: Answer = waiting.result()
        except FutureTimeout:
            return 503, f"the query ran longer than this endpoint's time limit of {self.timeout:g} s and was stopped"
        except (MemoryError, ProcessExpired) as error:
            return 503, str(over_memory(error, self.memory))
        except QueryError as error:
            return status_of(error), str(error)
        finally:
            self._free.release()
        return result


def status_of(error: QueryError) -> int:
    """The HTTP status of a query error: 403 refused, 406 not acceptable, 413 too many rows, else 400."""
    if isinstance(error, QueryRefused):
        return 403
    if isinstance(error, NotAcceptable):
        return 406
    if isinstance(error, QueryLimitExceeded):
        return 413
    return 400
