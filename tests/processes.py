"""Helpers for tests that start real processes: servers on loopback ports, headless Chromium."""

from __future__ import annotations

from pathlib import Path

from benchmarks.serving import free_port, serving, wait_until_up  # noqa: F401  (re-exported for the tests)

CHROMIUM = Path("/usr/bin/chromium")
# as root in a container, with no network: no sandbox, no background connections
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]


def chromium() -> str:
    """Debian's chromium, which `make system-packages` installs."""
    assert CHROMIUM.exists(), "Debian's chromium is missing: run 'make system-packages'"
    return str(CHROMIUM)


def process_table() -> dict[int, tuple[str, int]]:
    """Each process's state letter (R, S, Z …) and parent pid, read from /proc now."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # ended meanwhile
        table[int(entry.name)] = (fields[0], int(fields[1]))
    return table


def descendants(root: int) -> set[int]:
    """The pids of the live processes below `root` (zombies excluded): a test's own processes."""
    children: dict[int, list[int]] = {}
    for pid, (state, parent) in process_table().items():
        if state != "Z":
            children.setdefault(parent, []).append(pid)
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found
