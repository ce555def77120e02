"""Bounded queries: a memory ceiling per query worker, and queries whose client has gone are stopped.

Real processes: `pledgegraph query` and `pledgegraph serve` on a free loopback port, over a copy
of the seed store, asked by real HTTP clients.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import store_from_dump
from processes import descendants, free_port, wait_until_up

from graph.errors import PledgeGraphError
from graph.workers.guard import MEMORY_ENV, query_memory

# three unconnected patterns: 2,128^3 (about 10^10) rows; sorted, every one is held at once
PRODUCT = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SORTED_PRODUCT = PRODUCT + " ORDER BY ?i ?a"
# counts a product row by row: slow, in little memory
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
COUNT_CLAIMS = """PREFIX pg: <https://w3id.org/pledgegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT (COUNT(DISTINCT ?claim) AS ?claims) WHERE { ?claim a/rdfs:subClassOf pg:SupportClaim }"""
CEILING = "768M"  # above a worker's own needs (about 500 MiB of address space), reached by the products in seconds


@pytest.fixture(scope="module")
def store(seed_dump: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bounded") / "store"
    store_from_dump(folder, seed_dump).flush()
    return folder


def _cli(*args: str, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


@pytest.mark.parametrize("text", [PRODUCT, SORTED_PRODUCT], ids=["rows", "sorted"])
def test_query_stops_a_cartesian_product_at_the_memory_ceiling(store: Path, text: str) -> None:
    result = _cli("query", text, "--store", str(store), env={MEMORY_ENV: CEILING})
    assert result.returncode == 2, result.stderr
    assert "needed more than the memory ceiling of 768 MiB per query" in result.stderr
    assert "--memory" in result.stderr and MEMORY_ENV in result.stderr
    assert "Traceback" not in result.stderr


def test_query_under_the_ceiling_still_answers_and_the_option_wins_over_the_environment(store: Path, seed_claims: int) -> None:
    result = _cli("query", COUNT_CLAIMS, "--store", str(store), "--format", "csv", "--memory", CEILING, env={MEMORY_ENV: "nonsense"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["claims", str(seed_claims)]
    refused = _cli("query", COUNT_CLAIMS, "--store", str(store), env={MEMORY_ENV: "nonsense"})
    assert refused.returncode == 2 and "cannot read the memory ceiling 'nonsense'" in refused.stderr


def test_memory_ceilings_are_read_as_sizes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MEMORY_ENV, raising=False)
    assert query_memory() == 2 * 1024**3
    assert query_memory("512M") == 512 * 1024**2
    assert query_memory("1.5g") == 1536 * 1024**2
    assert query_memory("4GiB") == 4 * 1024**3
    assert query_memory("0") == 0
    monkeypatch.setenv(MEMORY_ENV, "300000000")
    assert query_memory() == 300_000_000
    with pytest.raises(PledgeGraphError, match="cannot read the memory ceiling"):
        query_memory("-1G")


@pytest.fixture()
def serve(store: Path, tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A `pledgegraph serve` with a 768 MiB ceiling and a long time limit: the URL of /sparql and the process."""
    port = free_port()
    command = [sys.executable, "-m", "graph", "serve", "--store", str(store), "--port", str(port),
               "--timeout", "300", "--memory", CEILING, "--workers", "2"]
    log_path = tmp_path / "serve.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_until_up(f"http://127.0.0.1:{port}/", process, log_path)
            yield f"http://127.0.0.1:{port}/sparql", process
        finally:
            process.terminate()
            process.wait(timeout=60)


def _count_claims(endpoint: str, timeout: float = 60) -> httpx.Response:
    return httpx.get(endpoint, params={"query": COUNT_CLAIMS}, headers={"Accept": "text/csv"}, timeout=timeout)


def test_serve_stops_a_sorted_product_at_the_memory_ceiling_and_answers_others(serve: tuple[str, subprocess.Popen[bytes]], seed_claims: int) -> None:
    endpoint, _ = serve
    outcome: dict[str, httpx.Response] = {}

    def product() -> None:
        outcome["response"] = httpx.post(endpoint, data={"query": SORTED_PRODUCT}, timeout=300)

    thread = threading.Thread(target=product)
    thread.start()
    answered_meanwhile = 0
    while thread.is_alive():
        quick = _count_claims(endpoint)
        assert quick.status_code == 200 and quick.text == f"claims\r\n{seed_claims}\r\n"
        answered_meanwhile += thread.is_alive()
        time.sleep(0.2)
    thread.join()
    response = outcome["response"]
    assert response.status_code == 503
    assert "needed more than the memory ceiling of 768 MiB per query" in response.text
    assert answered_meanwhile >= 1, "the second client should be answered while the product runs"
    assert _count_claims(endpoint).text == f"claims\r\n{seed_claims}\r\n"  # the failed worker was replaced


def test_abandoned_slow_requests_do_not_starve_the_endpoint(serve: tuple[str, subprocess.Popen[bytes]], seed_claims: int) -> None:
    endpoint, process = serve
    workers_before = descendants(process.pid)

    def abandon() -> None:
        try:
            httpx.post(endpoint, data={"query": SLOW}, timeout=1)  # hangs up after 1 s
        except httpx.TimeoutException:
            return
        raise AssertionError("the slow query should not have been answered within 1 s")

    clients = [threading.Thread(target=abandon) for _ in range(12)]
    for client in clients:
        client.start()
    for client in clients:
        client.join()
    started = time.monotonic()
    quick = _count_claims(endpoint, timeout=30)
    seconds = time.monotonic() - started
    assert quick.status_code == 200 and quick.text == f"claims\r\n{seed_claims}\r\n"
    assert seconds < 5, f"a normal query took {seconds:.1f} s after 12 abandoned ones"
    # the workers that ran abandoned queries were killed and replaced (nothing runs them for 300 s)
    assert descendants(process.pid) - workers_before, "no worker was replaced"
