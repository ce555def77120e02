"""Worker processes die with the process that started them, however it ends.

A `build` or `serve` killed with SIGKILL cannot stop its worker pool, and multiprocessing's
forkserver and its workers then live on as orphans (measured: 20 killed builds left 80 of
them, ~100 MB each). On Linux the kernel can deliver a signal to a process when its parent
dies (prctl PR_SET_PDEATHSIG): the forkserver arms itself through its preload module
(`graph/forkserver_preload.py`) and each worker arms itself as it is forked from it, so the
chain main -> forkserver -> worker unwinds on its own. A parent may die before the child arms
the signal, so each checks afterwards that its parent is still the one that started it (the
forkserver learns that pid from its starter, a worker from the forkserver it was forked from):
no window is left. Elsewhere this does nothing.

Ctrl-C reaches every process of the terminal's process group: the forkserver starts with
SIGINT blocked and then ignores it, and so do the workers forked from it, so only the main
process handles an interrupt (and no worker prints a KeyboardInterrupt traceback).
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.context
import multiprocessing.forkserver
import multiprocessing.resource_tracker
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1
# set only while a forkserver starts: the pid of the process starting it
_STARTER_ENV = "PLEDGEGRAPH_FORKSERVER_STARTER"
# in a forkserver (and so in every worker forked from it): the pid its workers' parent must have
_workers_parent: int | None = None


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


def worker_context() -> multiprocessing.context.ForkServerContext:
    """The forkserver context for worker pools, with a forkserver that dies with its parent.

    Workers start from a clean process, not a fork of one holding an open store. The forkserver
    is started here, from the calling thread (call this from the main thread: the kernel ties
    the death signal to the thread that started a process), with SIGINT blocked until it ignores it.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["graph.forkserver_preload"])
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
