"""Helpers for tests that start real processes: servers on loopback ports, headless Chromium."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import httpx

CHROMIUM = Path("/usr/bin/chromium")
# as root in a container, with no network: no sandbox, no background connections
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float = 90.0) -> None:
    """Poll `url` until it answers; fail with the process log if the process dies or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"the server did not answer {url} within {timeout:g} s:\n{log.read_text(errors='replace')}")


def chromium() -> str:
    """Debian's chromium, which `make system-packages` installs."""
    assert CHROMIUM.exists(), "Debian's chromium is missing: run 'make system-packages'"
    return str(CHROMIUM)
