"""The command line as a user runs it: exit codes, data on stdout, messages on stderr."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import DATA, SEEDS, write_article

CLI = [sys.executable, "-m", "graph"]


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_build_query_export_validate_with_the_default_store(tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    built = run("build", "seeds", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "2 article(s) committed, 0 failed" in built.stderr
    assert (tmp_path / "pledgegraph-store").is_dir()

    table = run("query", "claims_table", "--format", "csv", cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert len(rows) >= 23 and rows[0]["article"] == "spiegel-nato-weapons-plan"  # the gold's 23 and what else was read

    as_json = run("query", "who_pays", "--param", "funder=Norway", "--format", "json", cwd=tmp_path)
    bindings = json.loads(as_json.stdout)["results"]["bindings"]
    assert [(b["funder"]["value"], b["quantity"]["value"]) for b in bindings] == [("Norway", "1")]

    inline = run("query", "SELECT (COUNT(*) AS ?n) WHERE { ?c a <https://w3id.org/pledgegraph/ontology#Funding> }", "--format", "tsv", cwd=tmp_path)
    assert inline.stdout.splitlines()[1] == "10"

    assert run("query", "who_pays", cwd=tmp_path).returncode == 0
    exported = run("export", "out.ttl", cwd=tmp_path)
    assert exported.returncode == 0 and (tmp_path / "out.ttl").stat().st_size > 10_000
    assert run("validate", cwd=tmp_path).returncode == 0
    assert run("validate", "out.ttl", cwd=tmp_path).returncode == 0


def test_validate_file_with_violation_exits_1(tmp_path: Path) -> None:
    result = run("validate", str(DATA / "rdf" / "claim-without-recipient.ttl"), cwd=tmp_path)
    assert result.returncode == 1
    assert "A claim names exactly one recipient" in result.stdout


def test_errors_exit_2_with_a_message(tmp_path: Path) -> None:
    no_store = run("query", "claims_table", cwd=tmp_path)
    assert no_store.returncode == 2 and "pledgegraph build" in no_store.stderr
    shutil.copytree(SEEDS, tmp_path / "seeds")
    run("build", "seeds", cwd=tmp_path)
    refused = run("query", "DROP ALL", cwd=tmp_path)
    assert refused.returncode == 2 and "refused" in refused.stderr


def test_evaluate_prints_scores(tmp_path: Path) -> None:
    result = run("evaluate", str(DATA / "gold"), str(SEEDS), cwd=tmp_path)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    total = next(line for line in lines if line.startswith("all "))
    gold, predicted, matched = (int(n) for n in total.split()[1:4])
    assert (gold, matched) == (23, 23) and predicted >= 23
    assert any(line.startswith("by kind: request P") for line in lines)
    patterns = next(line for line in lines if line.startswith("precision by pattern: "))
    # each pattern with its matched/predicted count: "give:pledge 1/1"
    assert re.search(r"\bgive:pledge \d+/\d+", patterns), patterns


def test_parallel_build_of_many_files(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    states = ["Norway", "Sweden", "Denmark", "Finland", "Canada", "Poland", "Italy", "Spain", "France", "Germany"]
    for number in range(20):
        write_article(articles, f"a{number:02d}.txt", f"{states[number % 10]} will send {number + 1} NASAMS systems to Ukraine.")
    result = run("build", "articles", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "20 article(s) committed, 0 failed" in result.stderr
    table = run("query", "claims_table", "--format", "csv", cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert sorted(int(r["quantity"]) for r in rows) == list(range(1, 21))
