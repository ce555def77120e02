"""`pledgegraph query` as an attacker or a careless user would run it: nothing reaches outside,
nothing changes without --write, parameters are values, every query has a time limit."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import store_from_dump

CLI = [sys.executable, "-m", "graph"]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?x . ?b ?q ?y . ?c ?r ?z . FILTER(STR(?x) != STR(?z)) }"


@pytest.fixture()
def store(seed_dump: bytes, tmp_path: Path) -> Path:
    """A store folder with the seed graph, closed so the command can open it."""
    store_from_dump(tmp_path / "store", seed_dump)
    gc.collect()
    return tmp_path / "store"


def query(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "query", *args, "--store", str(store)], capture_output=True, text=True, timeout=120)


def quads(store: Path) -> str:
    result = query(store, COUNT, "--format", "csv")
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("text", "write", "message"),
    [
        ("DROP ALL", False, "updates (INSERT, DELETE, LOAD, DROP, CLEAR …) are refused: queries are read-only; give --write"),
        ("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", False, "give --write to change a store folder"),
        ("LOAD <http://example.org/data.ttl>", True, "LOAD is refused"),
        ("LOAD <file:///etc/passwd> INTO GRAPH <urn:x>", True, "LOAD is refused"),
        ("INSERT { GRAPH <urn:x> { ?s ?p ?o } } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", True, "SERVICE is refused"),
        ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", False, "SERVICE is refused"),
        ("SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }", False, "FROM <http://example.org/remote.ttl> is refused"),
        ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }", False, "FROM <file:///etc/passwd> is refused"),
    ],
)
def test_what_reaches_outside_or_writes_is_refused(store: Path, text: str, write: bool, message: str) -> None:
    before = quads(store)
    result = query(store, text, *(["--write"] if write else []))
    assert result.returncode == 2
    assert message in " ".join(result.stderr.split())
    assert quads(store) == before


def test_an_update_with_the_write_flag_changes_the_store(store: Path) -> None:
    update = 'INSERT DATA { GRAPH <urn:analyst:notes> { <urn:claim:1> <http://www.w3.org/2000/01/rdf-schema#comment> "checked" } }'
    applied = query(store, update, "--write")
    assert applied.returncode == 0, applied.stderr
    assert "applied" in applied.stderr
    check = query(store, 'ASK { <urn:claim:1> ?p "checked" }', "--format", "json")
    assert check.stdout.strip() == "true"


def test_a_parameter_carrying_sparql_is_just_a_string(store: Path) -> None:
    before = quads(store)
    result = query(store, "who_pays", "--param", 'funder="} ; DROP ALL ; {"', "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == []  # the header only: the string matches no funder
    assert quads(store) == before


def test_every_query_has_a_time_limit(store: Path) -> None:
    result = query(store, SLOW, "--timeout", "2")
    assert result.returncode == 2
    assert "ran past its time limit of 2 s and was stopped" in result.stderr
    assert query(store, COUNT).returncode == 0  # the store opens again: the lock went with the process
