"""Load test of `pledgegraph serve`: many concurrent clients on loopback, a bounded run.

Starts a real `pledgegraph serve` over a store (the seeds, or a synthetic store of N claims),
sends `--queries` requests from `--clients` concurrent clients (a fixed mix of protocol
queries in JSON, CSV and Turtle, ASK, and named queries with parameters), and reports
throughput and latency percentiles. The clock starts when `serve` is up, which is after it has
warmed its named queries' first pages (`graph/serve/warming.py`): that time is not counted.
Every answer must be 200 with a body; anything else counts as an error. The run stops by
itself after the requests or after `--deadline` seconds.

    python -m benchmarks.load [--claims N] [--queries 2000] [--clients 16] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx

from benchmarks.serving import serving

RESULTS = Path(__file__).resolve().parent / "results" / "load.json"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
_PREFIXES = "PREFIX pg: <https://w3id.org/pledgegraph/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@dataclass(frozen=True)
class Request:
    """One kind of request of the mix."""

    name: str
    path: str
    params: dict[str, str]
    accept: str


MIX = (
    Request("count claims (JSON)", "/sparql", {"query": _PREFIXES + "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a/rdfs:subClassOf pg:SupportClaim }"},
            "application/sparql-results+json"),
    Request("claims by kind (CSV)", "/sparql",
            {"query": _PREFIXES + "SELECT ?kind (COUNT(?c) AS ?n) WHERE { ?c a ?kind . ?kind rdfs:subClassOf pg:SupportClaim } GROUP BY ?kind"},
            "text/csv"),
    Request("ask (JSON)", "/sparql", {"query": _PREFIXES + "ASK { ?c pg:funder ?f }"}, "application/sparql-results+json"),
    Request("construct (Turtle)", "/sparql", {"query": _PREFIXES + "CONSTRUCT { ?c pg:system ?s } WHERE { ?c pg:system ?s } LIMIT 200"},
            "text/turtle"),
    Request("named: who_pays?funder=Germany", "/queries/who_pays", {"funder": "Germany"}, "application/sparql-results+json"),
    Request("named: support_by_actor", "/queries/support_by_actor", {}, "text/csv"),
    Request("named: claims_table", "/queries/claims_table", {}, "application/sparql-results+json"),
)


@dataclass(frozen=True)
class LoadReport:
    """What a load run measured (latencies in milliseconds)."""

    queries: int
    clients: int
    workers: int
    triples: int
    seconds: float
    throughput: float  # answered queries per second
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    errors: int  # failed answers plus queries not answered before the deadline
    error_examples: tuple[str, ...]
    p50_ms_by_request: dict[str, float]
    ready_seconds: float = 0.0  # from starting `serve` until it answered (snapshot, workers, warming): not in `seconds`

    def text(self) -> str:
        return (
            f"serve up after {self.ready_seconds:.1f} s (warming included, not counted below); "
            f"{self.queries} queries from {self.clients} clients ({self.workers} server workers, {self.triples} triples): "
            f"{self.seconds:.1f} s, {self.throughput:.0f} queries/s, p50 {self.p50_ms:.0f} ms, p90 {self.p90_ms:.0f} ms, "
            f"p99 {self.p99_ms:.0f} ms, max {self.max_ms:.0f} ms, {self.errors} errors"
        )


async def _client(
    http: httpx.AsyncClient, base: str, next_index: Iterator[int], latencies: list[tuple[str, float]], errors: list[str]
) -> None:
    for index in next_index:
        request = MIX[index % len(MIX)]
        started = time.perf_counter()
        try:
            response = await http.get(base + request.path, params=request.params, headers={"Accept": request.accept})
            if response.status_code != 200 or not response.content:
                errors.append(f"{request.name}: HTTP {response.status_code} {response.text[:200]}")
                continue
        except httpx.HTTPError as error:
            errors.append(f"{request.name}: {type(error).__name__} {error}")
            continue
        latencies.append((request.name, (time.perf_counter() - started) * 1000))


async def _load(base: str, queries: int, clients: int, deadline: float) -> tuple[list[tuple[str, float]], list[str], float]:
    latencies: list[tuple[str, float]] = []
    errors: list[str] = []
    indices = iter(range(queries))  # shared: each client takes the next request number
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=httpx.Timeout(60.0), limits=limits) as http:
        started = time.perf_counter()
        tasks = [asyncio.create_task(_client(http, base, indices, latencies, errors)) for _ in range(clients)]
        done, pending = await asyncio.wait(tasks, timeout=deadline)
        for task in pending:
            task.cancel()
        seconds = time.perf_counter() - started
    unanswered = queries - len(latencies) - len(errors)
    errors.extend([f"not answered before the deadline of {deadline:g} s"] * unanswered)
    return latencies, errors, seconds


def run_load(store: Path, *, queries: int = 2000, clients: int = 16, workers: int = 2, deadline: float = 600.0,
             triples: int = 0) -> LoadReport:
    """Serve `store`, send the load, stop the server; the report counts every error."""
    starting = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pledgegraph-load-") as folder, \
            serving(store, Path(folder) / "serve.log", "--workers", str(workers), ready_within=deadline) as base:
        ready_seconds = time.perf_counter() - starting
        latencies, errors, seconds = asyncio.run(_load(base, queries, clients, deadline))
    times = [milliseconds for _, milliseconds in latencies]
    cut = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else [0.0] * 99
    by_request = {request.name: statistics.median([ms for name, ms in latencies if name == request.name] or [0.0]) for request in MIX}
    return LoadReport(
        queries=queries, clients=clients, workers=workers, triples=triples, seconds=seconds,
        throughput=len(times) / seconds if seconds else 0.0,
        p50_ms=cut[49], p90_ms=cut[89], p99_ms=cut[98], max_ms=max(times, default=0.0),
        errors=len(errors), error_examples=tuple(dict.fromkeys(errors))[:5], p50_ms_by_request=by_request,
        ready_seconds=ready_seconds,
    )


def _store(folder: Path, claims: int) -> tuple[Path, int]:
    """The seed store (claims == 0) or a synthetic one; returns its folder and size."""
    from benchmarks.synthetic import synthetic_store
    from graph.pipeline import build
    from graph.store.local import GraphStore
    from graph.vocabulary import load_vocabulary

    path = folder / "store"
    if claims:
        store = synthetic_store(claims, load_vocabulary(), path=path)
    else:
        store = GraphStore(path)
        build([SEEDS], store)
    store.flush()
    size = len(store)
    del store
    return path, size


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=int, default=0, help="synthetic claims in the store (0: the seed articles)")
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--deadline", type=float, default=600.0, help="stop after this many seconds whatever happens")
    arguments = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pledgegraph-load-store-") as folder:
        store, triples = _store(Path(folder), arguments.claims)
        report = run_load(store, queries=arguments.queries, clients=arguments.clients, workers=arguments.workers,
                          deadline=arguments.deadline, triples=triples)
    print(report.text())
    for name, milliseconds in report.p50_ms_by_request.items():
        print(f"  median {milliseconds:8.0f} ms  {name}")
    for example in report.error_examples:
        print("  error:", example)
    RESULTS.parent.mkdir(exist_ok=True)
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    existing[f"claims={arguments.claims}"] = asdict(report)
    RESULTS.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
