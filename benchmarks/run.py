"""The benchmark harness: one table of how cost grows with size, also written as JSON.

    python -m benchmarks.run --quick     # a few minutes: small sizes
    python -m benchmarks.run             # the full table (10,000 articles, 1M triples)

Sections: extraction alone (one process and all cores), `build` end to end with peak memory,
validation per article as the store grows, every query of `queries/` (our path, raw
pyoxigraph, rdflib's engine within a time limit), export, reasoning, and CLI cold starts.
Times are medians of repeated runs on this machine; nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from benchmarks.corpus import write_corpus
from benchmarks.synthetic import synthetic_store
from graph.read.articles import read_article
from graph.extract.extractor import extract
from graph.export.export import export
from graph.query.queries import list_queries, paged, run_query
from graph.reason.reasoning import reason
from graph.store.local import GraphStore
from graph.vocabulary import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
Row = dict[str, object]


def median_time(action: Callable[[], object], repeat: int) -> float:
    """Median wall time of `action` in seconds over `repeat` runs (after one warm-up)."""
    action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _extract_file(path: Path) -> int:
    return len(extract(read_article(path), load_vocabulary()).claims)


def bench_extraction(corpus: list[Path]) -> list[Row]:
    vocabulary = load_vocabulary()
    articles = [read_article(path) for path in corpus]
    extract(articles[0], vocabulary)
    started, cpu = time.perf_counter(), time.process_time()
    claims = sum(len(extract(article, vocabulary).claims) for article in articles)
    one = len(articles) / (time.perf_counter() - started)
    per_cpu_second = len(articles) / (time.process_time() - cpu)
    cores = os.cpu_count() or 1
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=cores) as pool:
        list(pool.map(_extract_file, corpus, chunksize=16))
    every = len(corpus) / (time.perf_counter() - started)
    worker_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child, KiB -> MiB
    return [
        {"section": "extraction", "what": f"{len(articles)} articles, 1 process", "value": round(one, 1), "unit": "articles/s", "claims": claims},
        {"section": "extraction", "what": f"{len(articles)} articles, 1 process, CPU time", "value": round(per_cpu_second, 1), "unit": "articles/CPU-s"},
        {"section": "extraction", "what": f"{len(articles)} articles, {cores} processes (read + extract)", "value": round(every, 1), "unit": "articles/s"},
        {"section": "extraction", "what": "peak memory of an extraction worker (parser loaded)", "value": round(worker_peak), "unit": "MiB"},
    ]


def _process_peaks(root: subprocess.Popen[str]) -> dict[int, tuple[str, int]]:
    """Peak resident memory (VmHWM, MiB) of `root` and of every process under it, by pid, while it runs.

    The build's workers are children of multiprocessing's forkserver, not of the build process,
    so the build's own `getrusage` never sees them: the process tree is read from /proc instead,
    every 0.2 s, and each process's kernel-kept peak is taken before it ends.
    """
    peaks: dict[int, tuple[str, int]] = {}
    while root.poll() is None:
        tree = {root.pid}
        stats = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                    status = (entry / "status").read_text()
                    cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                except OSError:
                    continue
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                hwm = next((int(line.split()[1]) // 1024 for line in status.splitlines() if line.startswith("VmHWM:")), 0)
                stats[int(entry.name)] = (parent, cmdline, hwm)
        grown = True
        while grown:
            grown = False
            for pid, (parent, _, _) in stats.items():
                if parent in tree and pid not in tree:
                    tree.add(pid)
                    grown = True
        for pid in tree & stats.keys():
            parent, cmdline, hwm = stats[pid]
            # workers are forked from the forkserver and show its command line
            role = ("main" if pid == root.pid else "resource tracker" if "resource_tracker" in cmdline
                    else "forkserver" if parent == root.pid else "worker")
            peaks[pid] = (role, max(hwm, peaks.get(pid, ("", 0))[1]))
        time.sleep(0.2)
    return peaks


def bench_build(folder: Path, sizes: list[int], corpus: list[Path]) -> list[Row]:
    """`build` end to end in a fresh process per size, with the peak memory of each of its processes."""
    rows = []
    for size in sizes:
        subset = folder / f"build-{size}"
        subset.mkdir(exist_ok=True)
        for path in corpus[:size]:
            target = subset / path.name
            if not target.exists():
                os.link(path, target)  # not a symbolic link: build skips links that leave the folder
        store = folder / f"store-{size}"
        code = (
            "import json, sys, time\n"
            "from pathlib import Path\n"
            "from graph.pipeline import build\n"
            "from graph.store.local import GraphStore\n"
            "if __name__ == '__main__':\n"
            "    t = time.perf_counter()\n"
            "    s = build([Path(sys.argv[1])], GraphStore(Path(sys.argv[2])))\n"
            "    seconds = time.perf_counter() - t\n"
            "    print(json.dumps({'seconds': seconds, 'committed': len(s.committed), 'failed': len(s.failed)}))\n"
        )
        process = subprocess.Popen([sys.executable, "-c", code, str(subset), str(store)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
        peaks = _process_peaks(process)
        output, _ = process.communicate()
        if process.returncode != 0:
            raise RuntimeError(f"the build of {size} articles failed (exit {process.returncode})")
        measured = json.loads(output.strip().splitlines()[-1])
        by_role: dict[str, int] = {}
        for role, peak in peaks.values():
            by_role[role] = max(peak, by_role.get(role, 0))
        rows.append({
            "section": "build", "what": f"{size} articles end to end", "value": round(size / measured["seconds"], 1), "unit": "articles/s",
            "seconds": round(measured["seconds"], 1), "failed": measured["failed"], "peak_mib": max(by_role.values()),
            **{f"peak_{role.replace(' ', '_')}_mib": peak for role, peak in sorted(by_role.items())},
            "processes": len(peaks),
        })
    return rows


def bench_validation(folder: Path, store_sizes: list[int], corpus: list[Path]) -> list[Row]:
    """Validation per article when the store already holds N synthetic articles (10 claims each)."""
    from graph.rdf.mapping import article_graph
    from graph.rdf.validation import validate_in_context

    vocabulary = load_vocabulary()
    graphs = [article_graph(extract(read_article(path), vocabulary), vocabulary) for path in corpus[:30]]
    rows = []
    for size in store_sizes:
        store = synthetic_store(size * 10, vocabulary)
        times = []
        for graph in graphs:
            started = time.perf_counter()
            report = validate_in_context(graph, vocabulary)
            times.append(time.perf_counter() - started)
            assert report.conforms
        rows.append({"section": "validation", "what": f"per article, store of {size} articles ({len(store)} triples)",
                     "value": round(statistics.median(times) * 1000, 1), "unit": "ms"})
    return rows


_RDFLIB_CODE = """
import json, sys, time
from rdflib import Dataset
dataset = Dataset(default_union=True)
dataset.parse(sys.argv[1], format="nquads")
text = open(sys.argv[2], encoding="utf-8").read()
started = time.perf_counter()
rows = list(dataset.query(text))
print(json.dumps({"seconds": time.perf_counter() - started, "rows": len(rows)}))
"""


def _rdflib_time(dump: Path, query_file: Path, limit: float) -> float | None:
    try:
        result = subprocess.run([sys.executable, "-c", _RDFLIB_CODE, str(dump), str(query_file)], capture_output=True, text=True, timeout=limit, check=True)
    except (subprocess.TimeoutExpired, subprocess.CalledProcessError):
        return None
    return json.loads(result.stdout.strip().splitlines()[-1])["seconds"]


FIRST_PAGE = 1000  # rows: what the endpoint gives by default, and what an analyst's screen shows


def _query_store(triples: int, kept: Path | None) -> GraphStore:
    """The synthetic store of about `triples` triples, in memory; with `kept`, built once into
    `kept/store-TRIPLES` and copied from there on later runs (a 1M-triple build takes minutes)."""
    claims = max(10, triples // 22)
    if kept is None:
        store = synthetic_store(claims, load_vocabulary())
        reason(store, timeout=3600) if claims <= 12_000 else None
        return store
    folder = kept / f"store-{triples}"
    if not folder.exists():
        built = synthetic_store(claims, load_vocabulary(), path=folder)
        reason(built, timeout=3600) if claims <= 12_000 else None
        built.flush()
        del built
    store = GraphStore(None)
    store.oxigraph.bulk_extend(GraphStore.read_only(folder).oxigraph.quads_for_pattern(None, None, None, None))
    return store


def bench_queries(folder: Path, triple_sizes: list[int], rdflib_up_to: int, repeat: int, rdflib_limit: float,
                  kept: Path | None = None) -> list[Row]:
    """Every named query at each size: its first page of FIRST_PAGE rows (or its aggregate, when
    shorter) by our path and by raw pyoxigraph on the same paged text, and rdflib on the whole
    query (up to a size, time-limited)."""
    rows = []
    for triples in triple_sizes:
        store = _query_store(triples, kept)
        size = len(store)
        dump = folder / f"dump-{triples}.nq"
        if triples <= rdflib_up_to:
            with dump.open("wb") as output:
                import pyoxigraph as ox

                store.dump(output, ox.RdfFormat.N_QUADS)
        for named in list_queries():
            ours = median_time(lambda: list(run_query(store, named, limit=FIRST_PAGE)), repeat)
            text = paged(named.text, FIRST_PAGE, 0)
            raw = median_time(lambda: list(store.oxigraph.query(text, use_default_graph_as_union=True)), repeat)
            slow = _rdflib_time(dump, ROOT / "queries" / f"{named.name}.rq", rdflib_limit) if triples <= rdflib_up_to else None
            rows.append({
                "section": "query", "what": f"{named.name} @ {size} triples", "value": round(ours * 1000, 1), "unit": "ms",
                "pyoxigraph_ms": round(raw * 1000, 1), "ratio_to_pyoxigraph": round(ours / raw, 2) if raw else None,
                "rdflib_ms": round(slow * 1000, 1) if slow is not None else None,
            })
        if triples == triple_sizes[-1]:
            for name in ("turtle", "nt"):
                path = folder / f"export.{name}"
                seconds = median_time(lambda: export(store, path, name), 1)
                rows.append({"section": "export", "what": f"{name} of {size} triples", "value": round(seconds, 2), "unit": "s",
                             "mib": round(path.stat().st_size / 2**20, 1)})
    return rows


def bench_reasoning(claims: int) -> list[Row]:
    store = synthetic_store(claims, load_vocabulary())
    started = time.perf_counter()
    report = reason(store, timeout=3600)
    return [{"section": "reasoning", "what": f"{claims} claims ({len(store)} triples)", "value": round(time.perf_counter() - started, 1),
             "unit": "s", "inferred": report.inferred}]


def bench_cold_start(folder: Path, repeat: int) -> list[Row]:
    store = folder / "seed-store"
    subprocess.run([sys.executable, "-m", "graph", "build", str(ROOT / "seeds"), "--store", str(store)], capture_output=True, check=True)
    cli = str(Path(sys.executable).with_name("pledgegraph"))
    rows = []
    for what, args in (("pledgegraph --help", [cli, "--help"]), ("pledgegraph query claims_table (seed store)", [cli, "query", "claims_table", "--store", str(store), "--format", "csv"])):
        seconds = median_time(lambda: subprocess.run(args, capture_output=True, check=True), repeat)
        rows.append({"section": "cold start", "what": what, "value": round(seconds, 3), "unit": "s"})
    return rows


def print_table(rows: list[Row]) -> None:
    print(f"{'section':<11} {'what':<58} {'value':>10} {'unit':<11} extra")
    for row in rows:
        extra = ", ".join(f"{k}={v}" for k, v in row.items() if k not in ("section", "what", "value", "unit"))
        print(f"{row['section']:<11} {row['what']:<58} {row['value']!s:>10} {row['unit']:<11} {extra}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="pledgegraph benchmarks")
    parser.add_argument("--quick", action="store_true", help="small sizes, a few minutes")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--only", choices=["extraction", "build", "validation", "queries", "reasoning", "cold-start"], default=None,
                        help="run one section (its rows are written to the JSON file alone)")
    parser.add_argument("--sizes", type=lambda text: [int(n) for n in text.split(",")], default=None,
                        help="article counts for the build and validation sections, e.g. 10000 (default: by --quick)")
    parser.add_argument("--keep-stores", type=Path, default=None,
                        help="build the query section's stores into this folder once and reuse them on later runs")
    parser.add_argument("--triples", type=lambda text: [int(size) for size in text.split(",")], default=None,
                        help="store sizes of the query section, comma-separated (default 10000,100000 quick, and 1000000 in full)")
    args = parser.parse_args(argv)
    quick = args.quick
    prefix = f"{args.only}-" if args.only else ""
    prefix += f"{'-'.join(str(size) for size in args.triples)}-" if args.triples else ""
    output = args.json or ROOT / "benchmarks" / "results" / f"{prefix}{'quick' if quick else 'full'}.json"
    vocabulary = load_vocabulary()
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="pledgegraph-bench-") as scratch:
        folder = Path(scratch)
        corpus = write_corpus(folder / "corpus", 300 if quick else 10_000, vocabulary)
        sections = {
            "extraction": lambda: bench_extraction(corpus[: 100 if quick else 1000]),
            "build": lambda: bench_build(folder, args.sizes or ([100, 300] if quick else [100, 1000, 10_000]), corpus),
            "validation": lambda: bench_validation(folder, args.sizes or ([100, 1000] if quick else [100, 1000, 10_000]), corpus),
            "queries": lambda: bench_queries(
                folder, args.triples or ([10_000, 100_000] if quick else [10_000, 100_000, 1_000_000]), 10_000 if quick else 100_000,
                3 if quick else 5, 10 if quick else 30, args.keep_stores,
            ),
            "reasoning": lambda: bench_reasoning(1000 if quick else 10_000),
            "cold-start": lambda: bench_cold_start(folder, 5),
        }
        for name, section in sections.items():
            if args.only not in (None, name):
                continue
            new = section()
            print_table(new)
            sys.stdout.flush()
            rows.extend(new)
    print("\nall rows:")
    print_table(rows)
    output.parent.mkdir(parents=True, exist_ok=True)
    machine = {"python": platform.python_version(), "cores": os.cpu_count(), "platform": platform.platform()}
    output.write_text(json.dumps({"machine": machine, "quick": quick, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
