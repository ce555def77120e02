"""How long `pledgegraph reason` takes as the graph grows (HermiT via owlready2, JVM included).

Usage: python -m benchmarks.bench_reasoning [CLAIMS ...] [--repeat N] [--json OUT]
Prints one row per size (median of N runs) and writes the rows as JSON.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

from benchmarks.synthetic import synthetic_store
from graph.reason.reasoning import reason
from graph.vocabulary import load_vocabulary


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", nargs="*", type=int, default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=Path("benchmarks/results/reasoning.json"))
    args = parser.parse_args(argv)
    vocabulary = load_vocabulary()
    rows = []
    print(f"{'claims':>8} {'triples':>9} {'reasoned':>9} {'inferred':>9} {'median s':>9} {'min s':>7} {'max s':>7}")
    for claims in args.claims:
        store = synthetic_store(claims, vocabulary)
        times, report = [], None
        for _ in range(args.repeat):
            started = time.perf_counter()
            report = reason(store, timeout=1800)
            times.append(time.perf_counter() - started)
        assert report is not None and report.consistent, report
        row = {
            "claims": claims, "store_triples": len(store), "reasoned_triples": report.input_triples,
            "inferred_triples": report.inferred, "median_s": statistics.median(times), "min_s": min(times), "max_s": max(times),
            "runs": args.repeat,
        }
        rows.append(row)
        print(f"{claims:>8} {len(store):>9} {report.input_triples:>9} {report.inferred:>9} {row['median_s']:>9.2f} {row['min_s']:>7.2f} {row['max_s']:>7.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {peak:.0f} MiB in this process, {children:.0f} MiB in the largest reasoner child (Python + JVM)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"rows": rows, "peak_mib": peak, "child_peak_mib": children}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
