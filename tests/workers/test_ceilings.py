"""The last unbounded paths of issue 18: `query --write`, `query --store URL`, and Ctrl-C at start-up.

Real processes: the `pledgegraph` command over a copy of the seed store, a SPARQL "server" on
loopback that answers with an endless result, and SIGINT sent to the command's process group
as a terminal sends it.
"""

from __future__ import annotations

import http.server
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import store_from_dump

import graph
from graph.workers.guard import MEMORY_ENV

CLI = [sys.executable, "-m", "graph"]
CEILING = "768M"  # above a worker's own needs (about 500 MiB of address space), reached in seconds
# every triple of the store paired with every other twice over, sorted: all rows are held at once
SORTED_PRODUCT_UPDATE = """INSERT { GRAPH <urn:product> { ?a <urn:with> ?i } }
WHERE { SELECT * WHERE { GRAPH ?x { ?a ?b ?c } GRAPH ?y { ?d ?e ?f } GRAPH ?z { ?g ?h ?i } } ORDER BY ?i ?a }"""


@pytest.fixture()
def store(seed_dump: bytes, tmp_path: Path) -> Path:
    store_from_dump(tmp_path / "store", seed_dump).flush()
    return tmp_path / "store"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600, env={**os.environ, **(env or {})})


def _quads(store: Path) -> int:
    return len(ox.Store.read_only(str(store)))


def test_query_write_stops_at_the_memory_ceiling_and_changes_nothing(store: Path) -> None:
    before = _quads(store)
    result = _cli("query", "--write", SORTED_PRODUCT_UPDATE, "--store", str(store), env={MEMORY_ENV: CEILING})
    assert result.returncode == 2, result.stderr
    assert "needed more than the memory ceiling of 768 MiB per query" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert _quads(store) == before  # the update's transaction never committed

    applied = _cli("query", "--write", "INSERT DATA { GRAPH <urn:note> { <urn:a> <urn:b> <urn:c> } }", "--store", str(store),
                   "--memory", CEILING)
    assert applied.returncode == 0, applied.stderr
    assert _quads(store) == before + 1  # an update within the ceiling is applied by its worker


class EndlessServer:
    """A SPARQL "server" on 127.0.0.1 whose answer to any query never ends (rows until the client goes)."""

    def __init__(self) -> None:
        row = b"<result><binding name='s'><literal>" + b"x" * 1000 + b"</literal></binding></result>\n"

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+xml")
                self.end_headers()
                self.wfile.write(b"<?xml version='1.0'?><sparql xmlns='http://www.w3.org/2005/sparql-results#'>"
                                 b"<head><variable name='s'/></head><results>\n")
                chunk = row * 1000
                try:
                    for _ in range(16_000):  # at most 16 GB, never reached: the client's ceiling ends it first
                        self.wfile.write(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture()
def endless() -> Iterator[EndlessServer]:
    server = EndlessServer()
    yield server
    server.server.shutdown()


def test_query_over_a_server_stops_at_the_memory_ceiling(endless: EndlessServer) -> None:
    """The server's answer is received and parsed in the capped worker, not in the command itself."""
    result = _cli("query", "SELECT ?s WHERE { ?s ?p ?o }", "--store", endless.url, "--memory", CEILING)
    assert result.returncode == 2, result.stderr
    assert "needed more than the memory ceiling of 768 MiB per query" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


# A traceback from Python's own start-up, before the first line of pledgegraph's entry point
# runs, is either Python's "init_import_site" report (the `site` module, which also runs the .pth
# files of installed packages) or the launcher's import of graph.__main__, with frames only in
# Python's frozen modules and the launcher; one with any other file is pledgegraph's to avoid.
FRAME = re.compile(r'File "([^"]+)"')


PACKAGE_INIT = str(Path(graph.__file__))
FIRST_STATEMENT = re.compile(r'File "([^"]+)", line \d+, in <module>\n\s+from __future__ import annotations')


def _before_the_entry_point(stderr: str, launcher: str) -> bool:
    """True when the interrupt came before any statement of pledgegraph ran: in Python's start-up,
    the launcher pip wrote, or importlib loading the package, stopped at `graph/__init__.py`'s first
    line (nothing of ours can run earlier to set a handler)."""
    if "Fatal Python error: init_import_site" in stderr:
        return True  # the `site` module, running the .pth files of installed packages (setuptools' among them)
    at_first_line = set(FIRST_STATEMENT.findall(stderr)) <= {PACKAGE_INIT}
    return at_first_line and all(file.startswith("<frozen ") or file in ("<string>", launcher) or
                                 file == PACKAGE_INIT and PACKAGE_INIT in FIRST_STATEMENT.findall(stderr)
                                 for file in FRAME.findall(stderr))


def test_ctrl_c_while_the_command_starts_ends_with_130_and_no_traceback(store: Path) -> None:
    launcher = str(Path(sys.executable).with_name("pledgegraph"))
    outcomes = []
    for moment in range(0, 240, 10):  # milliseconds after the start: Python's start-up, imports, opening the store
        process = subprocess.Popen([launcher, "query", "funders", "--store", str(store)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        time.sleep(moment / 1000)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
        if "Traceback" in stderr or "Fatal Python error" in stderr:
            assert _before_the_entry_point(stderr, launcher), f"SIGINT at {moment} ms:\n{stderr}"
            outcomes.append("python start-up")
        else:
            # 130 from pledgegraph's handlers; -SIGINT when the signal came before Python set its own up
            assert process.returncode in (130, -signal.SIGINT), f"SIGINT at {moment} ms: exit {process.returncode}\n{stderr}"
            outcomes.append(process.returncode)
    assert outcomes.count(130) >= len(outcomes) // 2, outcomes  # most moments fall in pledgegraph's own start-up
