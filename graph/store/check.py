"""A store folder is read through once, in a memory-capped child process, before it is used.

Why: RocksDB (under Oxigraph) notices garbage in a table file only when it reads the block that
holds it, and Oxigraph's SPARQL engine does not stop at that error: it keeps being handed the
same error and piles it up, so a query over a damaged index grew to 5.5 GB and aborted the
whole process (measured: garbage in the `spog` or `posg` table of the seed store took a
`claims_table` query to its 2 GiB ceiling within 10 s). Python iteration over the store stops
at the first error instead. So `check_store` starts a child process with an address-space
ceiling (`CHECK_MEMORY`) that opens the store read-only and reads every block of every index
through Python iteration: all quads (the `gspo`/`dspo` tables and the strings they name), then
each subject's, predicate's and object's quads, in any graph and per graph (the `spog`, `posg`,
`ospg`, `gpos`, `gosp` tables and their default-graph twins), and the graph list. A read error,
or a child that aborts or dies at its ceiling, becomes one `StoreError` naming the store and
what to do.

Table files (`*.sst`) never change once RocksDB has written them, so a store whose table files
are the ones checked last time (names, sizes, inodes, change times, kept in `CHECKED_FILE` in
the folder) is not read again: the check costs one child process after each build, and a few
`stat` calls otherwise. A copied, rewritten or replaced table file is checked again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from graph.errors import StoreError, shorten
from graph.workers.guard import describe_size, die_with_parent, limit_memory

CHECK_MEMORY = 2 * 1024**3  # the checker's address space; it needs ~0.5 GiB for itself and its term sets
FULL_CHECK_QUADS = 50_000  # above this many quads the check reads all quads and the predicate index only
CHECKED_FILE = "pledgegraph.checked"  # RocksDB leaves files it does not know alone
_DAMAGED = 3  # the checker's exit code for a store RocksDB reports as damaged (message on stdout)


def damaged(path: Path, detail: str) -> StoreError:
    """The error for a store folder that cannot be opened or read, saying how to recover."""
    return StoreError(
        f"the store at {path} is damaged or unreadable ({shorten(detail, 200)}); move it aside and build it again "
        f"from the articles: pledgegraph build ARTICLES --store {path}"
    )


def table_files(path: Path) -> list[list[object]]:
    """What identifies each table file of the store: name, size, inode, change time (ns)."""
    found = []
    for table in sorted(path.glob("*.sst")):
        status = table.stat()
        found.append([table.name, status.st_size, status.st_ino, status.st_ctime_ns, status.st_mtime_ns])
    return found


def check_store(path: Path) -> None:
    """Read every block of the store at `path` in a capped child process, unless done already.

    Raises StoreError (`damaged`) when RocksDB reports corruption, a table file cannot be read,
    or the child ends without an answer (an abort or its ceiling). Call it with the store's lock
    held, or on a folder nothing writes, and before this process opens the store. Takes one
    child process (~0.15 s plus the reading: see README "Reliability") when the table files
    changed since the last check; records a good result in the folder when it may write there.
    """
    tables = table_files(path)
    if not tables:
        return  # a new store, or one whose data is still only in its write-ahead log (checksummed by record)
    record = path / CHECKED_FILE
    try:
        if json.loads(record.read_text(encoding="utf-8")) == tables:
            return
    except (OSError, ValueError):
        pass  # never checked, or the record is unreadable: check
    checker = subprocess.run(
        [sys.executable, "-m", "graph.store.check", str(path), str(CHECK_MEMORY), str(os.getpid())],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # Rust's last words at an abort: the message below says it
        env={**os.environ, "RUST_BACKTRACE": "0"},
        check=False,
    )
    if checker.returncode == _DAMAGED:
        raise damaged(path, checker.stdout.decode("utf-8", "replace").strip())
    if checker.returncode != 0:
        raise damaged(path, f"reading it ended the checker with status {checker.returncode} within {describe_size(CHECK_MEMORY)}")
    try:
        record.write_text(json.dumps(tables), encoding="utf-8")
    except OSError:
        pass  # a read-only folder: checked again next time


def read_every_index(path: Path) -> int:
    """Read every quad of the store at `path` through each of its indexes; the number of quads.

    Raises RuntimeError or OSError (pyoxigraph's) at the first block RocksDB cannot read.
    """
    import pyoxigraph as ox

    store = ox.Store.read_only(str(path))
    graphs = list(store.named_graphs())  # the graphs table
    subjects, predicates, objects, graph_predicates, graph_objects = set(), set(), set(), set(), set()
    quads = 0
    for quad in store.quads_for_pattern(None, None, None, None):  # gspo + dspo, and id2str for every term
        quads += 1
        subjects.add(quad.subject)
        predicates.add(quad.predicate)
        objects.add(quad.object)
        graph_predicates.add((quad.predicate, quad.graph_name))
        graph_objects.add((quad.object, quad.graph_name))
    # each prefix scan below reads one index (and its default-graph twin) from end to end; one
    # scan per term costs ~0.3 ms, so past FULL_CHECK_QUADS only the predicate index is read
    # through (README "Reliability": a large store's other indexes are left to the query
    # worker's memory ceiling)
    patterns = [*((None, predicate, None, None) for predicate in predicates)]  # posg + dpos
    if quads <= FULL_CHECK_QUADS:
        patterns += [
            *((subject, None, None, None) for subject in subjects),  # spog + dspo
            *((None, None, term, None) for term in objects),  # ospg + dosp
            *((None, predicate, None, graph) for predicate, graph in graph_predicates),  # gpos
            *((None, None, term, graph) for term, graph in graph_objects),  # gosp
        ]
    for pattern in patterns:
        for _ in store.quads_for_pattern(*pattern):
            pass
    return quads + len(graphs)


def _main(path: str, ceiling: str, parent: str = "") -> int:
    """The checker process: exit 0 when the store reads through, `_DAMAGED` with the reason on stdout.

    Given the pid of the command that started it (`parent`), it dies with that one, however it ends.
    """
    if parent:
        die_with_parent(int(parent))
    limit_memory(int(ceiling))
    try:
        read_every_index(Path(path))
    except (RuntimeError, OSError) as error:  # pyoxigraph reports RocksDB's corruption as these
        print(error)
        return _DAMAGED
    except MemoryError:
        print(f"reading it needed more than the checker's {describe_size(int(ceiling))}")
        return _DAMAGED
    return 0


if __name__ == "__main__":
    sys.exit(_main(*sys.argv[1:4]))
