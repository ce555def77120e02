"""Clean process ends: no orphans after an early SIGKILL, a quiet Ctrl-C, exports into special files.

Each `build` here runs as a real process over enough articles to start its worker pool. This
test process makes itself a child subreaper for the kills, so whatever a killed build leaves
behind becomes its own child: it checks its own descendants, never the machine's other processes.
"""

from __future__ import annotations

import ctypes
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import DEVSET, SEEDS, store_from_dump
from processes import descendants, process_table

from graph.rdf.validate import validate_store
from graph.iris import article_graph_iri
from graph.store.local import GraphStore

CLI = [sys.executable, "-m", "graph"]
_PR_SET_CHILD_SUBREAPER = 36


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds and the devset texts, three times: enough files (21) for build's worker pool."""
    folder = tmp_path_factory.mktemp("ends") / "corpus"
    folder.mkdir()
    originals = sorted(SEEDS.glob("*.txt")) + sorted((DEVSET / "articles").glob("*.md"))
    for copy in range(3):
        for original in originals:
            shutil.copy(original, folder / f"{original.stem}-copy{copy}{original.suffix}")
    return folder


@pytest.fixture()
def subreaper() -> Iterator[None]:
    """Orphans of this process's children become its children (until the test ends)."""
    libc = ctypes.CDLL(None, use_errno=True)
    assert libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    try:
        yield
    finally:
        libc.prctl(_PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0)


def _left_behind(before: set[int], seconds: float = 20) -> set[int]:
    """This process's descendants that were not there `before` and are still alive after `seconds`.

    Orphans it adopted (as subreaper) that have ended are reaped on the way.
    """
    deadline = time.monotonic() + seconds
    while True:
        for pid, (state, parent) in process_table().items():
            if state == "Z" and parent == os.getpid() and pid not in before:
                try:
                    os.waitpid(pid, os.WNOHANG)
                except ChildProcessError:
                    pass
        left = descendants(os.getpid()) - before
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def _command(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return "(gone)"


@pytest.mark.usefixtures("subreaper")
def test_sigkill_in_the_first_200_ms_of_a_build_leaves_no_process_alive(corpus: Path, tmp_path: Path) -> None:
    """Killed 0-200 ms after it starts its first pool process (the resource tracker, then the
    forkserver, its preload and its first workers), and a few times 0-200 ms after it starts."""
    rng = random.Random(18)
    before = descendants(os.getpid())
    for kill in range(20):
        process = subprocess.Popen([*CLI, "build", str(corpus), "--store", str(tmp_path / f"store{kill}")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        since = "start"
        if kill >= 4:
            _wait_for_children(process.pid, minimum=1, seconds=120)
            since = "its first pool process"
        moment = rng.uniform(0, 0.2)
        time.sleep(moment)
        process.kill()
        process.wait(30)
        left = _left_behind(before)
        assert not left, f"kill {kill} ({moment * 1000:.0f} ms after {since}) left: {[_command(pid) for pid in left]}"


def _wait_for_children(pid: int, minimum: int, seconds: float) -> None:
    """Wait until `pid` has at least `minimum` descendants (its forkserver and resource tracker)."""
    deadline = time.monotonic() + seconds
    while len(descendants(pid)) < minimum:
        assert time.monotonic() < deadline, f"the build started no worker processes within {seconds:g} s"
        time.sleep(0.01)


def _article_triples(store: Path) -> dict[str, int]:
    opened = GraphStore.read_only(store)
    counts: dict[str, int] = {}
    for quad in opened.oxigraph.quads_for_pattern(None, None, None, None):
        if isinstance(quad.graph_name, ox.NamedNode) and "/graph/article/" in quad.graph_name.value:
            counts[quad.graph_name.value] = counts.get(quad.graph_name.value, 0) + 1
    return counts


@pytest.mark.usefixtures("subreaper")
def test_ctrl_c_during_worker_start_up_ends_quietly_with_130(corpus: Path, tmp_path: Path) -> None:
    rng = random.Random(130)
    before = descendants(os.getpid())
    for attempt in range(5):
        store = tmp_path / f"store{attempt}"
        # its own process group, as a shell gives a job: Ctrl-C reaches the build and all its workers
        process = subprocess.Popen([*CLI, "build", str(corpus), "--store", str(store)], stderr=subprocess.PIPE, text=True,
                                   start_new_session=True)
        _wait_for_children(process.pid, minimum=1, seconds=120)  # the forkserver is starting
        time.sleep(rng.uniform(0, 0.5) if attempt else 0)
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 130, stderr
        assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
        assert "interrupted after" in stderr
        assert not _left_behind(before)
        if not (store / "CURRENT").exists():
            continue  # interrupted before Oxigraph created the store
        # the store holds the articles reported "ok" (whole: as many triples as reported) and at
        # most one more, committed as the interrupt came
        reported = {}
        for line in stderr.splitlines():
            if line.startswith("ok "):
                path, counts = line[3:].strip().rsplit(": ", 1)
                reported[str(article_graph_iri(Path(path).stem))] = int(counts.split(", ")[1].split()[0])
        held = _article_triples(store)
        assert {name: held.get(name) for name in reported} == reported
        assert len(set(held) - set(reported)) <= 1
        assert validate_store(GraphStore.read_only(store)).conforms


# ---------------------------------------------------------------------------- export into special files
@pytest.fixture(scope="module")
def store(seed_dump: bytes, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export") / "store"
    store_from_dump(folder, seed_dump).flush()
    return folder


def test_export_streams_into_a_fifo_and_leaves_it_a_fifo(store: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference.nt"
    assert subprocess.run([*CLI, "export", str(reference), "--store", str(store)], capture_output=True, timeout=300).returncode == 0
    fifo = tmp_path / "pipe.nt"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = subprocess.run([*CLI, "export", str(fifo), "--store", str(store)], capture_output=True, text=True, timeout=300)
    reader.join(60)
    assert result.returncode == 0, result.stderr
    assert received == [reference.read_bytes()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert not list(tmp_path.glob("*.partial"))


def test_export_to_dev_stdout_streams_the_data_and_leaves_the_file_type_alone(store: Path, tmp_path: Path) -> None:
    before = os.lstat("/dev/stdout").st_mode
    reference = tmp_path / "reference.ttl"
    assert subprocess.run([*CLI, "export", str(reference), "--store", str(store)], capture_output=True, timeout=300).returncode == 0
    result = subprocess.run([*CLI, "export", "/dev/stdout", "--format", "turtle", "--store", str(store)], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout == reference.read_bytes()
    assert os.lstat("/dev/stdout").st_mode == before
    assert not Path("/dev/stdout.partial").exists()


def test_export_onto_a_full_device_fails_clearly_and_leaves_the_device(store: Path) -> None:
    result = subprocess.run([*CLI, "export", "/dev/full", "--format", "nt", "--store", str(store)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert "cannot write /dev/full: No space left on device" in result.stderr
    assert "Traceback" not in result.stderr
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


def test_export_into_a_missing_folder_or_onto_a_folder_fails_clearly(store: Path, tmp_path: Path) -> None:
    missing = subprocess.run([*CLI, "export", str(tmp_path / "no" / "such" / "out.ttl"), "--store", str(store)],
                             capture_output=True, text=True, timeout=300)
    assert missing.returncode == 2
    assert f"the folder {tmp_path / 'no' / 'such'} does not exist; create it first" in missing.stderr and "Traceback" not in missing.stderr
    folder = tmp_path / "folder.ttl"
    folder.mkdir()
    onto = subprocess.run([*CLI, "export", str(folder), "--store", str(store)], capture_output=True, text=True, timeout=300)
    assert onto.returncode == 2 and "it is not a regular file, a pipe or a character device" in onto.stderr
    assert folder.is_dir()


def test_export_through_a_symbolic_link_replaces_its_target_and_keeps_the_link(store: Path, tmp_path: Path) -> None:
    target = tmp_path / "target.ttl"
    target.write_text("old\n")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    result = subprocess.run([*CLI, "export", str(link), "--store", str(store)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text().startswith("@prefix")
