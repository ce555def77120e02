"""Helpers for tests that start real processes: servers on loopback ports, headless Chromium."""

from __future__ import annotations

from pathlib import Path

from benchmarks.serving import free_port, wait_until_up  # noqa: F401  (re-exported for the tests)

CHROMIUM = Path("/usr/bin/chromium")
# as root in a container, with no network: no sandbox, no background connections
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    """Debian's chromium, which `make system-packages` installs."""
    assert CHROMIUM.exists(), "Debian's chromium is missing: run 'make system-packages'"
    return str(CHROMIUM)
