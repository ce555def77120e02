"""Crash safety: `build` killed with SIGKILL at random moments never leaves half an article.

A corpus of 42 articles (the seeds and the devset texts, six copies each, so the build runs
its worker pool) is built once to completion as the reference. Then `pledgegraph build` is
killed 20 times: after a random number of committed articles (the "ok" lines it prints after
each commit) plus a random few milliseconds, or at a random moment of start-up. After each kill
the store must open, every graph in it must equal its reference graph exactly (whole articles
only, old or new, never a mix), and the store must validate; the next build opens it normally
(no stale lock), and none of the killed build's worker processes may outlive it. Half the kills hit a fresh store,
half a store being rebuilt. A final build completes the store to the reference.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import DEVSET, SEEDS, store_from_dump
from processes import free_port, wait_until_up

from graph.rdf.validate import validate_store
from graph.store.local import GraphStore, StoreLock

KILLS = 20
COPIES = 6
CLI = [sys.executable, "-m", "graph", "build"]
# the processes this test starts carry this mark in their environment, and so do their
# forkservers and workers (inherited), even once orphaned: other jobs' pools are not counted
MARK_VALUE = f"{os.getpid()}-{uuid.uuid4().hex}"
MARK = f"PLEDGEGRAPH_TEST_CRASH={MARK_VALUE}".encode()
MARKED = {**os.environ, "PLEDGEGRAPH_TEST_CRASH": MARK_VALUE}


def _graphs(store: GraphStore) -> dict[str, frozenset[str]]:
    """Every named graph of `store` as a set of N-Triples lines."""
    graphs: dict[str, set[str]] = {}
    for quad in store.oxigraph.quads_for_pattern(None, None, None, None):
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs.setdefault(quad.graph_name.value, set()).add(str(ox.Triple(quad.subject, quad.predicate, quad.object)))
    # blank nodes (the ontology's OWL restrictions) get fresh labels at each load: compare without them
    return {name: frozenset(t for t in triples if "_:" not in t) for name, triples in graphs.items()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "corpus"
    folder.mkdir()
    originals = sorted(SEEDS.glob("*.txt")) + sorted((DEVSET / "articles").glob("*.md"))
    for copy in range(COPIES):
        for original in originals:
            shutil.copy(original, folder / f"{original.stem}-copy{copy}{original.suffix}")
    return folder


@pytest.fixture(scope="module")
def reference(corpus: Path) -> dict[str, frozenset[str]]:
    store = corpus.parent / "reference-store"
    result = subprocess.run([*CLI, str(corpus), "--store", str(store)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    graphs = _graphs(GraphStore.read_only(store))
    assert sum("/graph/article/" in name for name in graphs) == len(list(corpus.iterdir()))
    return graphs


def _build_and_kill(corpus: Path, store: Path, rng: random.Random, articles: int) -> str:
    """Start a build and SIGKILL it; returns where the kill landed (for the failure message)."""
    process = subprocess.Popen([*CLI, str(corpus), "--store", str(store)], stderr=subprocess.PIPE, text=True, bufsize=1, env=MARKED)
    assert process.stderr is not None
    after = rng.randrange(-1, articles - 1)  # -1: during start-up and reference data
    if after < 0:
        moment = rng.uniform(0.2, 3.0)
        _let_run(process, moment)
        where = f"{moment:.2f} s after start"
    else:
        committed = 0
        for line in process.stderr:
            committed += line.startswith("ok ")
            if committed > after:
                break
        delay = rng.uniform(0, 0.03)
        _let_run(process, delay)
        where = f"{delay * 1000:.0f} ms after commit {after + 1}"
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    process.stderr.close()
    return where


def _pool_processes() -> set[int]:
    """The pids of multiprocessing forkservers, their workers and resource trackers now alive
    that descend from a process of this test (they carry MARK in their environment)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes()
            if b"multiprocessing.forkserver" not in command and b"multiprocessing.resource_tracker" not in command:
                continue
            if MARK in (entry / "environ").read_bytes().split(b"\0"):
                found.add(int(entry.name))
        except OSError:  # gone, or another user's process
            continue
    return found


def _orphans_left(before: set[int]) -> set[int]:
    """Pool processes that appeared since `before` and are still alive after a few seconds."""
    deadline = time.monotonic() + 10
    while (left := _pool_processes() - before) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def _let_run(process: subprocess.Popen[str], seconds: float) -> None:
    try:
        process.wait(seconds)
    except subprocess.TimeoutExpired:
        pass


def test_sigkill_never_leaves_half_an_article(corpus: Path, reference: dict[str, frozenset[str]], tmp_path: Path) -> None:
    rng = random.Random(20251118)
    articles = len(list(corpus.iterdir()))
    store = tmp_path / "store"
    partial = 0
    for kill in range(KILLS):
        if kill % 2 == 0 and store.exists():
            shutil.rmtree(store)  # even kills: a fresh store; odd kills: a rebuild of a full one
        before = _pool_processes()
        where = _build_and_kill(corpus, store, rng, articles)
        assert not _orphans_left(before), f"kill {kill} ({where}): the build's worker processes outlived it"
        if not (store / "CURRENT").exists():
            continue  # killed before Oxigraph created the store
        # read-only (no lock of its own): the next build, in its own process, opens it normally
        killed = GraphStore.read_only(store)
        graphs = _graphs(killed)
        for name, triples in graphs.items():
            assert name in reference, f"kill {kill} ({where}): unexpected graph {name}"
            assert triples == reference[name], f"kill {kill} ({where}): graph {name} is not whole"
        held = sum("/graph/article/" in name for name in graphs)
        partial += 0 < held < articles
        report = validate_store(killed)
        assert report.conforms, f"kill {kill} ({where}):\n{report.text()}"
        del killed
    assert partial >= KILLS // 4, "too few kills landed in the middle of a build to test anything"

    result = subprocess.run([*CLI, str(corpus), "--store", str(store)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert _graphs(GraphStore.read_only(store)) == reference


def test_two_builds_at_once_queue_and_neither_corrupts_the_store(
    corpus: Path, reference: dict[str, frozenset[str]], tmp_path: Path
) -> None:
    """Both builds start while the store is held (here by the test itself, so neither can finish
    before the other starts, however loaded the machine); each says whom it waits for, and once
    the store is free they take turns and leave the same graphs as one build."""
    store = tmp_path / "store"
    store.mkdir()
    holder = StoreLock(store)
    command = [*CLI, str(corpus), "--store", str(store)]
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    builds = [subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log.open("w")) for log in logs]
    try:
        deadline = time.monotonic() + 300
        while not all("waiting for another pledgegraph process (pid" in log.read_text() for log in logs):
            assert time.monotonic() < deadline and all(b.poll() is None for b in builds), [log.read_text() for log in logs]
            time.sleep(0.1)
    finally:
        holder.file.close()  # closing the file drops the flock
    for build in builds:
        build.wait(timeout=600)
    outputs = [log.read_text() for log in logs]
    assert [build.returncode for build in builds] == [0, 0], outputs
    assert all(f"(pid {os.getpid()}:" in output for output in outputs), outputs  # each named the holder
    assert _graphs(GraphStore.read_only(store)) == reference


def test_a_killed_serve_leaves_no_debris_behind(seed_dump: bytes, tmp_path: Path) -> None:
    """`serve` keeps a checkpoint beside the store; after SIGKILL the next `serve` removes it."""
    store_from_dump(tmp_path / "store", seed_dump).flush()

    def start() -> subprocess.Popen[bytes]:
        port = free_port()
        command = [sys.executable, "-m", "graph", "serve", "--store", str(tmp_path / "store"), "--port", str(port)]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=MARKED)
        wait_until_up(f"http://127.0.0.1:{port}/", process, tmp_path / "no-log")
        return process

    def checkpoints() -> list[Path]:
        return sorted(tmp_path.glob(".store-serve-*"))

    before = _pool_processes()
    killed = start()
    left = checkpoints()
    assert len(left) == 1
    killed.send_signal(signal.SIGKILL)  # the server process only, as in a crash
    killed.wait(30)
    assert not _orphans_left(before), "the killed serve's query workers outlived it"
    assert checkpoints() == left  # the debris

    second = start()
    assert len(checkpoints()) == 1 and checkpoints() != left  # the old one is gone, its own is there
    second.terminate()
    second.wait(30)
    assert checkpoints() == []
