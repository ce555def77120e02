"""Worker processes die with the process that started them, however it ends, and stay bounded.

A `build` or `serve` killed with SIGKILL cannot stop its worker pool, and multiprocessing's
forkserver and its workers then live on as orphans (measured: 20 killed builds left 80 of
them, ~100 MB each). On Linux the kernel can deliver a signal to a process when its parent
dies (prctl PR_SET_PDEATHSIG): the forkserver arms itself through its preload module
(`graph/workers/preload.py`) and each worker arms itself as it is forked from it, so the
chain main -> forkserver -> worker unwinds on its own. A parent may die before the child arms
the signal, so each checks afterwards that its parent is still the one that started it (the
forkserver learns that pid from its starter, a worker from the forkserver it was forked from):
no window is left. Elsewhere this does nothing.

Ctrl-C reaches every process of the terminal's process group: the forkserver starts with
SIGINT blocked and then ignores it, and so do the workers forked from it, so only the main
process handles an interrupt (and no worker prints a KeyboardInterrupt traceback).

Query workers also get a memory ceiling (`limit_memory`, an address-space limit): a query that
passes it fails in its own worker, which ends or raises MemoryError, and its parent reports it.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import os
import re
import resource
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from graph.errors import PledgeGraphError

_PR_SET_PDEATHSIG = 1
# set only while a forkserver starts: the pid of the process starting it
_STARTER_ENV = "PLEDGEGRAPH_FORKSERVER_STARTER"
# in a forkserver (and so in every worker forked from it): the pid its workers' parent must have
_workers_parent: int | None = None

MEMORY_ENV = "PLEDGEGRAPH_QUERY_MEMORY"
DEFAULT_QUERY_MEMORY = "2G"
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$", re.IGNORECASE)


def die_with_parent(expected_parent: int | None = None) -> None:
    """Ask the kernel to SIGKILL this process when its parent ends (Linux only).

    `expected_parent` is the pid the parent must have (default: in a worker, the forkserver it
    was forked from); when the parent has already gone, this process exits at once.
    """
    if not sys.platform.startswith("linux"):
        return
    expected = expected_parent or _workers_parent or os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != expected:  # the parent ended before the request took effect
        os._exit(1)


def arm_forkserver() -> None:
    """In the forkserver (its preload): ignore Ctrl-C, die with its starter, and arm each worker as it is forked.

    A worker arms itself in the fork itself (before it reads a byte from its parent), so killing
    the forkserver ends every worker at once, even one still starting.
    """
    global _workers_parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    die_with_parent(int(os.environ.pop(_STARTER_ENV, "0") or 0) or None)
    _workers_parent = os.getpid()
    os.register_at_fork(after_in_child=die_with_parent)


def kill_workers() -> None:
    """Kill this process's forkserver, and with it at once every worker forked from it."""
    forkserver = multiprocessing.forkserver._forkserver._forkserver_pid  # no public handle
    if forkserver is not None:
        try:
            os.kill(forkserver, signal.SIGKILL)
        except ProcessLookupError:
            pass


def worker_context(preload: Sequence[str] = ()) -> multiprocessing.context.ForkServerContext:
    """The forkserver context for worker pools, with a forkserver that dies with its parent.

    Workers start from a clean process, not a fork of one holding an open store; the modules
    of `preload` are imported once in the forkserver, so a worker replacing a killed one starts
    at once (this process's first pool decides). The forkserver is started here, from the
    calling thread (call this from the main thread: the kernel ties the death signal to the
    thread that started a process), with SIGINT blocked until it ignores it.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["graph.workers.preload", *preload])
    previous = os.environ.get(_STARTER_ENV)
    os.environ[_STARTER_ENV] = str(os.getpid())
    multiprocessing.resource_tracker.ensure_running()  # first: starting it unblocks SIGINT again
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        if previous is None:
            del os.environ[_STARTER_ENV]
        else:
            os.environ[_STARTER_ENV] = previous
    return context


def query_memory(setting: str | None = None) -> int:
    """The memory ceiling of a query worker in bytes: `setting`, else $PLEDGEGRAPH_QUERY_MEMORY, else 2G.

    Sizes are bytes or a number with K, M, G or T (powers of 1024); 0 means no ceiling.
    Raises PledgeGraphError for anything else.
    """
    text = setting if setting is not None else os.environ.get(MEMORY_ENV) or DEFAULT_QUERY_MEMORY
    match = _SIZE.match(text)
    if not match:
        raise PledgeGraphError(f"cannot read the memory ceiling {text!r}: give bytes or a size such as 512M or 4G ({MEMORY_ENV})")
    number, unit = match.groups()
    return int(float(number) * 1024 ** ("KMGT".index(unit.upper()) + 1 if unit else 0))


def describe_size(size: int) -> str:
    """`size` bytes for people: 2 GiB, 512 MiB."""
    for unit, power in (("TiB", 4), ("GiB", 3), ("MiB", 2), ("KiB", 1)):
        if size >= 1024**power:
            return f"{size / 1024**power:g} {unit}"
    return f"{size} bytes"


def limit_memory(ceiling: int) -> None:
    """In a worker: cap its address space at `ceiling` bytes (0: no cap) and write no core files.

    Past the cap an allocation fails: Python raises MemoryError, Oxigraph (Rust) aborts the worker.
    """
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if ceiling > 0:
        _few_malloc_arenas()
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling if hard == resource.RLIM_INFINITY else min(ceiling, hard), hard))


def _few_malloc_arenas() -> None:
    """Cap glibc's malloc arenas at two. Each thread that allocates may get an arena that reserves
    64 MiB of address space, so the address-space cap would depend on how many of Oxigraph's
    threads happened to allocate first; a query well under the ceiling was stopped once in a
    loaded test run. Elsewhere than glibc this does nothing."""
    try:
        ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 2)
    except (OSError, AttributeError):
        pass


_M_ARENA_MAX = -8  # glibc's mallopt parameter number


class OverTime(BaseException):
    """Raised (from a timer signal) in work that runs past its `time_limit`; a BaseException,
    so no library's `except Exception` swallows it."""


@contextmanager
def time_limit(seconds: float | None) -> Iterator[bool]:
    """Raise OverTime in the block after `seconds`, where a timer signal can be used: in a
    process's main thread with no SIGALRM handler of its own. Yields whether the limit is armed.

    The signal is handled between two Python bytecodes, so work must come in bounded pieces
    (pySHACL's and rdflib's loops do; one long call into C or Rust finishes first).
    """
    usable = seconds is not None and threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None)
    if not usable:
        yield False
        return

    def overrun(signum: int, frame: object) -> None:
        raise OverTime

    signal.signal(signal.SIGALRM, overrun)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
