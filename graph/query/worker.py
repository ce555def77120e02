"""Queries and updates in a worker process under a memory ceiling, for `query` and `serve`.

Oxigraph evaluates a query in Rust: a cartesian product sorted by ORDER BY grows by gigabytes
and cannot be interrupted, and when an allocation fails Rust aborts the whole process. So a
query (over a store folder or a SPARQL server, whose answer is parsed here) and an update (`query
--write`) run in their own worker process whose address space is capped
(`graph.workers.guard.limit_memory`); the caller reports a worker that raised MemoryError or died as
a `QueryOverMemory` and goes on.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import PledgeGraphError, QueryError, QueryOverMemory, QueryRefused
from graph.workers.guard import MEMORY_ENV, describe_size, die_with_parent, limit_memory, worker_context

if TYPE_CHECKING:
    from graph.query.queries import NamedQuery, Page
    from graph.store.base import Store
    from graph.store.remote import RemoteSettings


def query_output(store: Store, named: NamedQuery, parameters: Mapping[str, str], fmt: str, page: Page | None = None) -> Any:
    """The query's output, whole or one `page`: a table's (columns, rows) for `table`, else
    formatted text."""
    from graph.query.queries import format_results, run_query, solutions_to_rows

    results = run_query(store, named, parameters, limit=page.limit if page else None, offset=page.offset if page else 0)
    if fmt == "table" and hasattr(results, "variables"):
        return solutions_to_rows(results)
    return format_results(results, fmt)


def query_output_in_worker(
    store: Path | RemoteSettings, named: NamedQuery, parameters: Mapping[str, str], fmt: str, memory: int, page: Page | None = None
) -> Any:
    """`query_output` (all rows, or one `page`) over the store folder or SPARQL server `store`, run in a worker capped at `memory` bytes.

    Over a folder the caller holds the store's lock (nothing writes it meanwhile) and the worker
    opens it read-only; over a server the worker asks it, so the answer is received and parsed
    under the ceiling too. The output comes back through a pipe. Raises QueryOverMemory when
    the worker passes its ceiling, and whatever the query raises (QueryError and its kin)
    otherwise. The worker starts from the forkserver (about a second on a loaded machine).
    """
    return _in_worker(_send_output, (store, named, dict(parameters), fmt, page), memory)


def update_in_worker(store: Path, update: str, memory: int) -> None:
    """Apply the (checked) SPARQL update `update` to the store folder `store` in a worker capped at `memory` bytes.

    The caller holds the store's lock and has closed its own handle on the folder (RocksDB lets
    one process write it). Oxigraph applies an update in one transaction that commits at its
    end, so a worker stopped at its ceiling (or killed with its parent at the time limit)
    leaves the store as it was. Raises QueryOverMemory at the ceiling.
    """
    _in_worker(_apply_update, (store, update), memory)


def _in_worker(task: Callable[..., Any], arguments: tuple[Any, ...], memory: int) -> Any:
    """Run `task(*arguments)` in a forkserver worker capped at `memory` bytes; its result or its error."""
    context = worker_context()
    receiver, sender = context.Pipe(duplex=False)
    worker = context.Process(target=_answer, args=(sender, memory, task, arguments), daemon=True)
    worker.start()
    sender.close()
    try:
        failed, output = receiver.recv()
    except EOFError:  # the worker ended without an answer: Oxigraph aborted at the ceiling
        worker.join()
        raise over_memory(MemoryError(), memory, worker.exitcode) from None
    finally:
        receiver.close()
        worker.kill()
        worker.join()
    if failed:
        raise over_memory(output, memory) if isinstance(output, MemoryError) else output
    return output


def _answer(sender: Connection, memory: int, task: Callable[..., Any], arguments: tuple[Any, ...]) -> None:
    """In the worker: send back (False, what `task` returned) or (True, the error it raised)."""
    start_query_worker(memory)
    try:
        sender.send((False, task(*arguments)))
        return
    except (MemoryError, SystemError):
        # leave the except block first: its traceback holds the rows that filled the memory. At the
        # ceiling CPython may fail to make the MemoryError itself and raise SystemError ("error
        # return without exception set", seen once in 325 tests under load): the same cause.
        pass
    except Exception as error:  # noqa: BLE001  (sent to the parent, which raises it)
        sender.send((True, error if isinstance(error, PledgeGraphError) else QueryError(f"the query failed: {error}")))
        return
    sender.send((True, MemoryError()))


def _send_output(store: Path | RemoteSettings, named: NamedQuery, parameters: dict[str, str], fmt: str, page: Page | None) -> Any:
    from graph.store.local import GraphStore
    from graph.store.remote import RemoteSettings, RemoteStore

    opened = RemoteStore(store) if isinstance(store, RemoteSettings) else GraphStore.read_only(Path(store))
    return query_output(opened, named, parameters, fmt, page)


def _apply_update(store: Path, update: str) -> None:
    from graph.store.local import GraphStore

    GraphStore.writer(store).update(update)


def start_query_worker(memory: int) -> None:
    """Pool initializer of a query worker: dies with its parent, capped at `memory` bytes.

    pebble stops a worker (time limit, cancelled request) with SIGTERM and a Python handler,
    which cannot run while Oxigraph (Rust) evaluates; a worker only reads, so the default
    SIGTERM action ends it at once.
    """
    die_with_parent()
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # At the ceiling a Rust panic must not capture a backtrace (that allocates, and deadlocks), and
    # the worker's last words (pyo3's panic, Rust's "memory allocation failed") are noise: its
    # parent reports what happened in one line.
    os.environ["RUST_BACKTRACE"] = "0"
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 2)
    os.close(quiet)
    limit_memory(memory)


def over_memory(error: BaseException, memory: int, exitcode: int | None = None) -> QueryOverMemory:
    """The error to report for a query worker that raised MemoryError or died (pebble's ProcessExpired)."""
    exitcode = getattr(error, "exitcode", exitcode)
    how = "" if exitcode in (None, -signal.SIGABRT) else f" (its worker ended with status {exitcode})"
    ceiling = f"the memory ceiling of {describe_size(memory)} per query" if memory else "the memory available"
    return QueryOverMemory(
        f"the query needed more than {ceiling} and was stopped{how}; narrow it (a LIMIT, more joined patterns) "
        f"or raise the ceiling with --memory or {MEMORY_ENV}"
    )


def run_named_query(named: NamedQuery, param: list[str], fmt: str, store: Store, memory: int, page: Page) -> str | tuple[list[str], list[list[str]]]:
    """The query's output, all of it or one `page` (a table's columns and rows, or formatted text).

    Over a store folder or a SPARQL server the query runs in a worker process capped at `memory` bytes.
    """
    from graph.query.queries import parse_parameters
    from graph.store.local import GraphStore
    from graph.store.remote import RemoteStore

    parameters = parse_parameters(param)
    if isinstance(store, GraphStore) and store.path is not None:
        return query_output_in_worker(store.path, named, parameters, fmt, memory, page)  # type: ignore[no-any-return]
    if isinstance(store, RemoteStore):
        return query_output_in_worker(store.settings, named, parameters, fmt, memory, page)  # type: ignore[no-any-return]
    return query_output(store, named, parameters, fmt, page)  # type: ignore[no-any-return]


def run_update(text: str, store: Store, memory: int) -> None:
    """Apply an update to a store folder in a worker process capped at `memory` bytes."""
    from graph.query.queries import check_update
    from graph.store.local import GraphStore

    checked = check_update(text)
    if not isinstance(store, GraphStore) or store.path is None:
        raise QueryRefused("--write changes a store folder only; update a SPARQL server through its own tools")
    store.refuse_if_read_only()
    store.close()  # the worker writes the folder; this process keeps its lock
    update_in_worker(store.path, checked, memory)
