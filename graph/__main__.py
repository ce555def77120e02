"""The `pledgegraph` command's entry point (console script and `python -m graph`).

Ctrl-C in the first tenths of a second, while Python still imports the command line's
libraries (typer, rich, pyoxigraph …), would end in a KeyboardInterrupt traceback from
whatever line was importing. So the entry point is this small module: it makes an interrupt
during start-up end the process at once with exit code 130, as shells expect, and only then
imports the CLI, whose `main` puts its own handler in place (graph/cli.py). Before this
module runs, Python's own start-up (the `site` module: ~30 ms) still ends an interrupt with
Python's "Fatal Python error: init_import_site" report; no pledgegraph code has run by then.
"""

from __future__ import annotations

# `_signal`, not `signal`: importing `signal` imports enum, functools and collections first
# (15 ms measured), a window in which Ctrl-C would still print a traceback
import _signal
import os


def _interrupted_while_starting(signum: int, frame: object) -> None:
    os._exit(130)  # nothing is open yet: no store, no worker, no output to finish


def main() -> None:
    """Run the pledgegraph command line; Ctrl-C from its first instruction on ends it with exit code 130."""
    _signal.signal(_signal.SIGINT, _interrupted_while_starting)
    from graph.cli import main as run_cli

    run_cli()


# guarded: build's worker processes import the main module again and must not rerun the CLI
if __name__ == "__main__":
    main()
