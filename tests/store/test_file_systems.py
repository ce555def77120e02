"""A store on a file system that fills up or cannot be written (issue 14, class F), for real.

The faults come from real file systems mounted for the test: a tmpfs of 3 MiB that a build
fills, and a read-only bind mount of a store folder (which root cannot write either, unlike a
folder without write bits). Mounting needs root (CI runs as root); elsewhere the read-only
case falls back to taking the write bits away, and the full disk is skipped saying why.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from conftest import DEVSET, SEEDS, store_from_dump

from graph.store.local import GraphStore

CLI = [sys.executable, "-m", "graph"]


@contextmanager
def _mounted(target: Path, *options: str) -> Iterator[None]:
    """`mount OPTIONS... target` for the block's duration; skips the test when mounting is not permitted."""
    if os.geteuid() != 0:
        pytest.skip("mounting a file system needs root (CI runs as root)")
    mounting = subprocess.run(["mount", *options, str(target)], capture_output=True, text=True)
    if mounting.returncode != 0:
        pytest.skip(f"mounting is not permitted here: {mounting.stderr.strip()}")
    try:
        yield
    finally:
        gc.collect()  # closes any store this process opened on it
        if subprocess.run(["umount", str(target)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "--lazy", str(target)], check=True)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)


def _no_traceback(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr and "this is a bug" not in result.stderr, result.stderr
    return " ".join(result.stderr.split())


def _reported_ok(stderr: str) -> set[str]:
    """The article ids of the build's `ok` lines (the article id is the file stem)."""
    return {Path(line.split()[1].rstrip(":")).stem for line in stderr.splitlines() if line.startswith("ok ")}


def test_a_full_disk_during_build_keeps_exactly_the_articles_reported_ok(tmp_path: Path) -> None:
    articles = sorted(SEEDS.glob("*.txt")) + sorted((DEVSET / "articles").glob("*.md"))
    disk = tmp_path / "disk"
    disk.mkdir()
    store = disk / "store"
    with _mounted(disk, "-t", "tmpfs", "-o", "size=3m", "tmpfs"):
        result = _run("build", *map(str, articles), "--store", str(store))
        message = _no_traceback(result)
        assert result.returncode == 2, message
        assert "No space left on device" in message and "Free disk space" in message, message
        committed = _reported_ok(result.stderr)
        assert 0 < len(committed) < len(articles), message  # the disk filled up part way
        assert GraphStore.read_only(store).article_ids() == sorted(committed)

        # opening the store writes a new log: on the full disk that is said plainly
        reading = _run("query", "funders", "--store", str(store))
        assert reading.returncode == 2 and "its disk is full; free some space" in _no_traceback(reading), reading.stderr

        # with space again, the same build completes the store
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        again = _run("build", *map(str, articles), "--store", str(store))
        assert again.returncode == 0, again.stderr
        assert GraphStore.read_only(store).article_ids() == sorted(path.stem for path in articles)


@pytest.fixture()
def store(seed_dump: bytes, tmp_path: Path) -> Path:
    store_from_dump(tmp_path / "store", seed_dump).flush()
    gc.collect()  # closes it: the command opens it in its own process
    return tmp_path / "store"


@contextmanager
def _read_only(folder: Path) -> Iterator[None]:
    """`folder` cannot be written for the block: a read-only bind mount as root, no write bits otherwise."""
    if os.geteuid() == 0:
        with _mounted(folder, "--bind", str(folder)):
            subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
            yield
        return
    paths = [folder, *folder.iterdir()]
    for path in paths:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        for path in paths:
            path.chmod(0o755 if path.is_dir() else 0o644)


def test_a_read_only_store_answers_queries(store: Path, tmp_path: Path) -> None:
    with _read_only(store):
        with pytest.raises(OSError):
            (store / "probe").write_text("x", encoding="utf-8")  # really read-only, root included
        result = _run("query", "funders", "--store", str(store), "--format", "csv")
        assert result.returncode == 0, result.stderr
        assert "Germany" in result.stdout
        exported = _run("export", str(tmp_path / "out.nq"), "--store", str(store))
        assert exported.returncode == 0, exported.stderr
        assert (tmp_path / "out.nq").stat().st_size > 0

        (tmp_path / "a.txt").write_text("Germany pledged two Patriot systems to Ukraine.\n", encoding="utf-8")
        writing = _run("build", str(tmp_path / "a.txt"), "--store", str(store))
        message = _no_traceback(writing)
        assert writing.returncode == 2 and str(store) in message, message
        assert "read-only; copy it somewhere writable" in message, message  # the old message blamed "another pledgegraph process"
        for command in (["remove", "trump-patriots-via-nato"], ["query", "--write", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"]):
            changing = _run(*command, "--store", str(store))
            assert changing.returncode == 2 and "read-only; copy it somewhere writable" in _no_traceback(changing), changing.stderr
