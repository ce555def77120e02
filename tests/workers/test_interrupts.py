"""Ctrl-C is never lost: an interrupt that lands where Python cannot raise it (a `__del__`, a
weakref callback such as importlib's module locks have) is delivered again (graph/workers/interrupts.py).
Before, a command interrupted there printed "Exception ignored in ..." and ran on to exit 0."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import signal, time
from graph.workers.interrupts import Interrupted, install

class DroppedWhileInterrupted:
    def __del__(self):
        signal.raise_signal(signal.SIGINT)
        for _ in range(1000):  # bytecodes for the handler to run in, inside __del__
            pass

install()
try:
    DroppedWhileInterrupted()
    for _ in range(200):
        time.sleep(0.01)
    print("the interrupt was lost")
except Interrupted as interrupt:
    print("interrupted", interrupt.code)
"""


def test_an_interrupt_inside_a_finaliser_still_stops_the_command() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "interrupted 130", (result.stdout, result.stderr)
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_without_the_hook_python_drops_such_an_interrupt() -> None:
    """The case the hook exists for, shown with Python's default unraisable hook put back."""
    script = SCRIPT.replace("install()", "install(); import sys; sys.unraisablehook = sys.__unraisablehook__")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "the interrupt was lost", (result.stdout, result.stderr)
    assert "Exception ignored in" in result.stderr, result.stderr
