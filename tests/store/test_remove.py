"""Idempotent and reversible: rebuilding replaces, `remove` leaves the store as if the article
had never been built (its graph and every inference resting on it gone)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from conftest import SEEDS

CLI = [sys.executable, "-m", "graph"]
REMOVED = "trump-patriots-via-nato"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result


def dump(store: Path, output: Path) -> bytes:
    run("export", str(output), "--format", "nquads", "--store", str(store))
    return output.read_bytes()


def test_rebuilding_replaces_and_remove_undoes_an_article(tmp_path: Path) -> None:
    both, kept = tmp_path / "both", tmp_path / "kept"
    run("build", str(SEEDS), "--store", str(both))
    run("reason", "--store", str(both))
    once = dump(both, tmp_path / "once.nq")
    run("build", str(SEEDS), "--store", str(both))
    run("reason", "--store", str(both))
    assert dump(both, tmp_path / "twice.nq") == once  # rebuilding adds nothing

    removed = run("remove", REMOVED, "--store", str(both))
    assert f"removed {REMOVED}" in removed.stderr and "inferences derived again" in removed.stderr

    only = tmp_path / "only"
    only.mkdir()
    for article in SEEDS.iterdir():
        if article.stem != REMOVED:
            shutil.copy(article, only / article.name)
    run("build", str(only), "--store", str(kept))
    run("reason", "--store", str(kept))
    after = dump(both, tmp_path / "after.nq")
    assert REMOVED.encode() not in after
    assert after == dump(kept, tmp_path / "kept.nq")  # as if it had never been built


def test_removing_an_unknown_article_is_a_clear_error(tmp_path: Path) -> None:
    run("build", str(SEEDS), "--store", str(tmp_path / "store"))
    result = subprocess.run([*CLI, "remove", "no-such-article", "--store", str(tmp_path / "store")], capture_output=True, text=True)
    assert result.returncode == 2
    assert "holds no article 'no-such-article'" in result.stderr
