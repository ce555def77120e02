"""Ctrl-C for the command line: exit code 130, no traceback, and never lost.

`main` (graph/cli.py) installs `on_ctrl_c`, which raises `Interrupted` (a SystemExit) in the
main thread so that every `with` and `finally` of the running command unwinds: workers are
stopped, the store's lock is released, the log says what was committed.

Python runs a signal handler between any two bytecodes, also inside a weakref callback or a
`__del__` (importlib's module locks have such callbacks, so this happens during imports).
An exception raised there cannot propagate: Python prints "Exception ignored in ..." and goes
on, and the command would run to the end as if Ctrl-C had never been pressed. `swallowed`,
the process's unraisable hook, notices that case and delivers the interrupt again a moment
later, once the main thread is back in ordinary code.
"""

from __future__ import annotations

import _thread
import os
import signal
import sys
import threading
from types import FrameType


class Interrupted(SystemExit):
    """Ctrl-C: ends the command quietly (no traceback) with exit code 130, as shells expect."""

    def __init__(self) -> None:
        super().__init__(130)


REDELIVERY_DELAY = 0.02  # seconds: long enough for the main thread to leave the finaliser and this hook
_raised = False  # an Interrupted is on its way up the main thread's stack


def on_ctrl_c(signum: int, frame: FrameType | None) -> None:
    """SIGINT handler: unwind the command with Interrupted; a second Ctrl-C ends the process at once."""
    global _raised
    if _raised:
        os._exit(130)
    _raised = True
    raise Interrupted()


def swallowed(unraisable: sys.UnraisableHookArgs) -> None:
    """Unraisable hook: an Interrupted that Python had to drop is delivered again; others print as usual."""
    global _raised
    if isinstance(unraisable.exc_value, Interrupted):
        _raised = False
        # Delivered from another thread a moment later: delivered from here, the handler would run
        # at this hook's next bytecode, where its exception is dropped again. Should it still land
        # in a finaliser, this hook simply sends it once more.
        later = threading.Timer(REDELIVERY_DELAY, _thread.interrupt_main, args=(signal.SIGINT,))
        later.daemon = True
        later.start()
        return
    sys.__unraisablehook__(unraisable)


def install() -> None:
    """Put the Ctrl-C handling in place (main thread only, as Python requires for signal handlers)."""
    sys.unraisablehook = swallowed
    signal.signal(signal.SIGINT, on_ctrl_c)
