"""Red team, round two (issue 14), class F: store and file faults.

Each fault is made for real on a copy of the seed store, and the real command must end with
exit code 2 and a message that says what is wrong and what to do, never a traceback.
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS, store_from_dump

CLI = [sys.executable, "-m", "graph"]


@pytest.fixture()
def store(seed_dump: bytes, tmp_path: Path) -> Path:
    store_from_dump(tmp_path / "store", seed_dump).flush()
    gc.collect()  # closes it: the command opens it in its own process
    return tmp_path / "store"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300)


def _refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "this is a bug" not in result.stderr, result.stderr
    message = " ".join(result.stderr.split())
    for word in words:
        assert word in message, message


@pytest.mark.parametrize("command", [["query", "funders"], ["export", "out.ttl"], ["validate"], ["remove", "x"]])
def test_a_store_with_a_damaged_current_file(store: Path, tmp_path: Path, command: list[str]) -> None:
    (store / "CURRENT").write_text("MANIFEST-999999\n", encoding="utf-8")  # names a manifest that is not there
    command = [str(tmp_path / part) if part.endswith(".ttl") else part for part in command]
    _refused(_run(*command, "--store", str(store)), f"the store at {store} is damaged or unreadable", "build it again")


def test_a_store_with_truncated_table_files(store: Path) -> None:
    for table in store.glob("*.sst"):
        with table.open("r+b") as file:
            file.truncate(table.stat().st_size // 2)
    _refused(_run("query", "claims_table", "--store", str(store)), f"the store at {store} is damaged or unreadable", "build it again")


def test_a_store_folder_given_as_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a store", encoding="utf-8")
    for command in (["query", "funders"], ["build", str(tmp_path / "notes.txt")]):
        _refused(_run(*command, "--store", str(tmp_path / "notes.txt")), "is a file, not a store folder")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "not a store"


def test_exports_into_a_missing_folder(store: Path, tmp_path: Path) -> None:
    for command in (["export", str(tmp_path / "nowhere" / "out.ttl")], ["export", str(tmp_path / "nowhere" / "claims.csv")],
                    ["viz", str(tmp_path / "nowhere" / "net.html")]):
        _refused(_run(*command, "--store", str(store)), f"the folder {tmp_path / 'nowhere'} does not exist; create it first")
    assert not (tmp_path / "nowhere").exists()


def test_a_build_into_a_store_it_cannot_open_names_the_cause(store: Path, tmp_path: Path) -> None:
    shutil.copy(SEEDS / "trump-patriots-via-nato.txt", tmp_path / "a.txt")
    (store / "CURRENT").write_bytes(b"\x00garbage")
    _refused(_run("build", str(tmp_path / "a.txt"), "--store", str(store)), "is damaged or unreadable")
