"""Worker processes die with the process that started them, however it ends.

A `build` or `serve` killed with SIGKILL cannot stop its worker pool, and multiprocessing's
forkserver and its workers then live on as orphans (measured: 20 killed builds left 80 of
them, ~100 MB each). On Linux the kernel can deliver a signal to a process when its parent
dies (prctl PR_SET_PDEATHSIG): the forkserver arms itself through its preload module
(`graph/workers/preload.py`) and each worker calls `die_with_parent()` when it starts, so
the chain main -> forkserver -> worker unwinds on its own. Elsewhere this does nothing.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.context
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent ends (Linux only)."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)



def worker_context() -> multiprocessing.context.ForkServerContext:
    """The forkserver context for worker pools, with a forkserver that dies with its parent.

    Workers start from a clean process, not a fork of one holding an open store.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["graph.workers.preload"])
    return context
