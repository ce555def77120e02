"""An analyst adds an unknown system to the vocabulary with one command; a rebuild recognises it."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

from conftest import write_article

CLI = [sys.executable, "-m", "graph"]


def run(folder: Path, *args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    # the analyst's additions go to a file of this test, never to the project's ontology/local.ttl
    env = {**os.environ, "PLEDGEGRAPH_LOCAL_VOCABULARY": str(folder / "local.ttl")}
    result = subprocess.run([*CLI, *args], cwd=folder, env=env, capture_output=True, text=True, timeout=300)
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def claims(folder: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(run(folder, "query", "claims_table", "--format", "csv").stdout)))


def test_a_rebuild_after_adding_an_unknown_system_recognises_it(tmp_path: Path) -> None:
    write_article(tmp_path, "skynex.txt", "Germany will send four Skynex systems to Ukraine, Defence Minister Boris Pistorius said.")
    run(tmp_path, "build", "skynex.txt")
    assert not any(row["system"] == "Skynex" for row in claims(tmp_path))

    added = run(tmp_path, "vocabulary", "add", "Skynex", "--kind", "system", "--type", "AirDefenceSystem", "--unit", "system")
    assert "rebuild the articles to apply it" in added.stderr
    assert "pg:AirDefenceSystem" in (tmp_path / "local.ttl").read_text(encoding="utf-8")

    run(tmp_path, "build", "skynex.txt")
    [claim] = [row for row in claims(tmp_path) if row["system"] == "Skynex"]
    assert (claim["kind"], claim["provider"], claim["recipient"], claim["quantity"]) == ("pledge", "Germany", "Ukraine", "4")
    assert "Conforms" in run(tmp_path, "validate").stdout


def test_additions_are_checked(tmp_path: Path) -> None:
    twice = run(tmp_path, "vocabulary", "add", "Patriot", "--kind", "system", ok=False)
    assert twice.returncode == 2 and "'Patriot' is already in the vocabulary" in twice.stderr
    wrong = run(tmp_path, "vocabulary", "add", "Skynex", "--kind", "system", "--type", "Person", ok=False)
    assert wrong.returncode == 2 and "'Person' is not a kind of system; choose one of: AirDefenceSystem" in wrong.stderr
    assert not (tmp_path / "local.ttl").exists()
