"""Unknown names are kept for review; an analyst adds them to the vocabulary with one command and a
rebuild recognises them."""

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
    # before: the claim is kept with an unlisted item and listed for review
    [before] = claims(tmp_path)
    assert (before["kind"], before["provider"], before["system"], before["quantity"]) == ("pledge", "Germany", "skynex", "4")
    review = run(tmp_path, "review").stdout
    assert "skynex" in review and "system" in review

    added = run(tmp_path, "vocabulary", "add", "Skynex", "--kind", "system", "--type", "AirDefenceSystem", "--unit", "system")
    assert "rebuild the articles to apply it" in added.stderr
    assert "pg:AirDefenceSystem" in (tmp_path / "local.ttl").read_text(encoding="utf-8")

    run(tmp_path, "build", "skynex.txt")
    [claim] = [row for row in claims(tmp_path) if row["system"] == "Skynex"]
    assert (claim["kind"], claim["provider"], claim["recipient"], claim["quantity"]) == ("pledge", "Germany", "Ukraine", "4")
    assert "Conforms" in run(tmp_path, "validate").stdout
    assert "skynex" not in run(tmp_path, "review").stdout.lower()


def test_review_lists_unknown_names_with_counts_and_evidence(tmp_path: Path) -> None:
    write_article(tmp_path, "a.txt", "Estonian Defence Minister Hanno Pevkur said Estonia will send four Skynex systems to Ukraine.")
    write_article(tmp_path, "b.txt", "Latvia will deliver 200 loitering munitions made by Origin Robotics Group. Demand for the Skynex systems grows.")
    run(tmp_path, "build", "a.txt", "b.txt")
    rows = list(csv.DictReader(io.StringIO(run(tmp_path, "query", "review", "--format", "csv").stdout)))
    by_name = {row["name"]: row for row in rows}
    assert (by_name["skynex"]["kind"], by_name["skynex"]["mentions"], by_name["skynex"]["claims"]) == ("system", "2", "1")
    assert by_name["Hanno Pevkur"]["kind"] == "person" and by_name["Hanno Pevkur"]["claims"] == "1"
    assert by_name["Origin Robotics Group"]["kind"] == "organisation"
    assert "Hanno Pevkur said Estonia will send four Skynex systems" in by_name["Hanno Pevkur"]["example"]
    # the claims that use them are recorded and marked, not lost
    table = {row["system"]: row for row in claims(tmp_path)}
    assert table["skynex"]["said_by"] == "Hanno Pevkur" and table["skynex"]["provider"] == "Estonia"
    marked = run(tmp_path, "query", "SELECT (COUNT(?c) AS ?n) WHERE { ?c <https://w3id.org/pledgegraph/ontology#needsReview> true ; a ?kind }", "--format", "csv").stdout
    assert int(marked.split()[-1]) >= 2


def test_additions_are_checked(tmp_path: Path) -> None:
    twice = run(tmp_path, "vocabulary", "add", "Patriot", "--kind", "system", ok=False)
    assert twice.returncode == 2 and "'Patriot' is already in the vocabulary" in twice.stderr
    wrong = run(tmp_path, "vocabulary", "add", "Skynex", "--kind", "system", "--type", "Person", ok=False)
    assert wrong.returncode == 2 and "'Person' is not a kind of system; choose one of: AirDefenceSystem" in wrong.stderr
    assert not (tmp_path / "local.ttl").exists()
