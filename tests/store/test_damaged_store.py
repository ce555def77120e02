"""Garbage, truncation and zeros inside the table files (`*.sst`) of a store (issue 14, class F).

Oxigraph's SPARQL engine did not stop at RocksDB's "block checksum mismatch": a query over a
damaged index grew to gigabytes and aborted. Each fault here is made for real on a copy of the
seed store; the real command must end with exit code 2, a message naming the store and what to
do, no traceback, and its processes must stay far below a gigabyte.
"""

from __future__ import annotations

import gc
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import store_from_dump

from graph.store.check import CHECKED_FILE, check_store, table_files

# runs the CLI and prints its exit code, then the peak resident memory (KiB) of its whole process tree
MEASURED = """
import resource, subprocess, sys
result = subprocess.run([sys.executable, "-m", "graph", *sys.argv[1:]], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
print(result.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(result.stderr, end="")
"""
CEILING_KIB = 512 * 1024  # the undamaged query peaks near 100 MiB; the damaged one had reached 2-5.5 GB


@pytest.fixture()
def store(seed_dump: bytes, tmp_path: Path) -> Path:
    store_from_dump(tmp_path / "store", seed_dump).flush()
    gc.collect()  # closes it: the command opens it in its own process
    return tmp_path / "store"


def _damaged_run(store: Path, *command: str) -> str:
    """Run `pledgegraph COMMAND --store STORE`; assert exit 2, the message and bounded memory; its stderr."""
    result = subprocess.run([sys.executable, "-c", MEASURED, *command, "--store", str(store)],
                            capture_output=True, text=True, timeout=600)
    status, peak_kib = (int(word) for word in result.stdout.split("\n", 1)[0].split())
    stderr = result.stdout.split("\n", 1)[1]
    assert status == 2, stderr
    assert "Traceback" not in stderr and "this is a bug" not in stderr, stderr
    message = " ".join(stderr.split())
    assert f"the store at {store} is damaged or unreadable" in message, message
    assert f"build it again from the articles: pledgegraph build ARTICLES --store {store}" in message, message
    assert peak_kib < CEILING_KIB, f"{peak_kib} KiB"
    return message


def _garbage(table: Path, rng: random.Random, start: float, end: float, count: int = 64) -> None:
    """Overwrite `count` random bytes between fractions `start` and `end` of the file."""
    data = bytearray(table.read_bytes())
    for _ in range(count):
        data[rng.randrange(int(len(data) * start), max(int(len(data) * end), int(len(data) * start) + 1))] = rng.randrange(256)
    table.write_bytes(bytes(data))


@pytest.mark.parametrize(("seed", "command"), [
    (1, ["query", "claims_table"]), (2, ["query", "funders", "--format", "csv"]), (3, ["export", "OUT/out.nq"]),
    (4, ["validate"]), (5, ["review"]), (6, ["build", "ARTICLE"]),
])
def test_garbage_in_the_middle_of_every_table_file(store: Path, tmp_path: Path, seed: int, command: list[str]) -> None:
    rng = random.Random(seed)
    for table in sorted(store.glob("*.sst")):
        _garbage(table, rng, 0.45, 0.55)
    (tmp_path / "a.txt").write_text("Germany pledged two Patriot systems to Ukraine.\n", encoding="utf-8")
    command = [part.replace("OUT", str(tmp_path)).replace("ARTICLE", str(tmp_path / "a.txt")) for part in command]
    _damaged_run(store, *command)


def test_garbage_in_the_data_of_one_index_at_a_time(store: Path, tmp_path: Path) -> None:
    """The hard case: table metadata intact, so the store opens; only reading the index finds it.

    Garbage in the data blocks of the `spog` or `posg` table is what took a query to gigabytes.
    """
    originals = {table.name: table.read_bytes() for table in store.glob("*.sst")}
    big = sorted(name for name, data in originals.items() if len(data) > 16_384)
    assert len(big) >= 7, big  # id2str and the six quad indexes of the named graphs
    for index, name in enumerate(big):
        _garbage(store / name, random.Random(index), 0.0, 0.4, count=200)
        assert name in _damaged_run(store, "query", "claims_table")
        (store / name).write_bytes(originals[name])
    result = subprocess.run([sys.executable, "-m", "graph", "query", "funders", "--store", str(store), "--format", "csv"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0 and "Germany" in result.stdout, result.stderr  # restored: it answers again


@pytest.mark.parametrize("fault", ["truncated", "zero-filled", "emptied"])
def test_truncated_or_zeroed_table_files(store: Path, fault: str) -> None:
    for table in store.glob("*.sst"):
        size = table.stat().st_size
        with table.open("r+b") as file:
            if fault == "zero-filled":
                file.write(bytes(size))
            else:
                file.truncate(size // 2 if fault == "truncated" else 0)
    _damaged_run(store, "query", "claims_table")


def test_a_good_store_is_read_through_once(store: Path) -> None:
    """The check records the table files it read; a changed table file is read again."""
    check_store(store)
    recorded = json.loads((store / CHECKED_FILE).read_text(encoding="utf-8"))
    assert recorded == json.loads(json.dumps(table_files(store)))
    assert {entry[0] for entry in recorded} == {table.name for table in store.glob("*.sst")}
    check_store(store)  # the record matches: nothing to read
    table = sorted(store.glob("*.sst"), key=lambda path: path.stat().st_size)[-1]
    _garbage(table, random.Random(7), 0.0, 0.4, count=200)
    with pytest.raises(Exception, match="damaged or unreadable"):
        check_store(store)
