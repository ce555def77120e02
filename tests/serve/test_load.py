"""The load benchmark as a test: 2,000 queries from 16 concurrent clients against a real
`pledgegraph serve` on loopback, with zero errors. Speed is reported, never asserted."""

from __future__ import annotations

from pathlib import Path

from conftest import store_from_dump

from benchmarks.load import run_load


def test_two_thousand_queries_from_sixteen_clients_without_an_error(seed_dump: bytes, tmp_path: Path) -> None:
    store_from_dump(tmp_path / "store", seed_dump).flush()
    report = run_load(tmp_path / "store", queries=2000, clients=16, workers=2, deadline=600)
    print(report.text())  # shown with pytest -s; README's figure comes from `make load`
    assert report.errors == 0, report.error_examples
    assert report.queries == 2000 and report.throughput > 0
    assert report.p50_ms <= report.p99_ms <= report.max_ms
