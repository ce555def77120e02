"""Starting and reaching servers on loopback ports (used by the load benchmark and the tests)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


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
            raise RuntimeError(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {url} within {timeout:g} s:\n{log.read_text(errors='replace')}")


@contextmanager
def serving(store: Path, log: Path, *options: str, ready_within: float = 90.0) -> Iterator[str]:
    """A `pledgegraph serve` over `store` with `options` on a free loopback port, its output in
    `log`; yields its base URL once it answers and stops it at the end. It answers only after
    warming (every named query's first page: 43 s at 10,000 claims on a loaded machine), so a
    large store wants a larger `ready_within` (seconds)."""
    port = free_port()
    command = [sys.executable, "-m", "graph", "serve", "--store", str(store), "--port", str(port), *options]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", process, log, timeout=ready_within)
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            process.wait(timeout=30)
