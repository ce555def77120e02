"""The team server: `--store URL` against a real Virtuoso started on loopback by the tests.

`build` writes article graphs with the Graph Store Protocol, `query` asks Virtuoso, `export` and
`validate` read a snapshot; every answer must equal the embedded store's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SEEDS
from processes import free_port, wait_until_up

VIRTUOSO_INI = """[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {db}
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = /var/lib/virtuoso-opensource-7/vsp
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A fresh Virtuoso on loopback; yields the environment that points pledgegraph at it."""
    binary = shutil.which("virtuoso-t")
    assert binary, "Virtuoso is missing: run 'make system-packages' (Debian's virtuoso-opensource)"
    folder = tmp_path_factory.mktemp("virtuoso")
    http_port, sql_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(VIRTUOSO_INI.format(db=folder, sql_port=sql_port, http_port=http_port))
    log = folder / "console.log"
    with log.open("wb") as console:
        process = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")], stdout=console,
                                   stderr=subprocess.STDOUT, cwd=folder)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_up(f"{base}/sparql?query=ASK%7B%7D", process, log, timeout=120)
        yield {
            "url": f"{base}/sparql",
            "PLEDGEGRAPH_GSP_URL": f"{base}/sparql-graph-crud-auth",
            "PLEDGEGRAPH_USER": "dba",
            "PLEDGEGRAPH_PASSWORD": "dba",
            "PLEDGEGRAPH_AUTH": "digest",
        }
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()


def pledgegraph(*arguments: str, environment: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **{k: v for k, v in (environment or {}).items() if k.startswith("PLEDGEGRAPH_")}}
    return subprocess.run([sys.executable, "-m", "graph", *arguments], capture_output=True, text=True, env=env, timeout=600)


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built into an embedded store, the reference the server must match."""
    store = tmp_path_factory.mktemp("embedded") / "store"
    assert pledgegraph("build", str(SEEDS), "--store", str(store)).returncode == 0
    return store


@pytest.fixture(scope="module")
def team_server(virtuoso: dict[str, str]) -> dict[str, str]:
    """Virtuoso with the seeds built into it through `pledgegraph build --store URL`."""
    built = pledgegraph("build", str(SEEDS), "--store", virtuoso["url"], environment=virtuoso)
    assert built.returncode == 0, built.stderr
    assert "2 article(s) committed, 0 failed" in built.stderr
    return virtuoso


def test_claims_table_read_back_equals_the_embedded_one(team_server: dict[str, str], embedded: Path, seed_claims: int) -> None:
    remote = pledgegraph("query", "claims_table", "--format", "csv", "--store", team_server["url"], environment=team_server)
    local = pledgegraph("query", "claims_table", "--format", "csv", "--store", str(embedded))
    assert remote.returncode == local.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout
    assert len(remote.stdout.splitlines()) == seed_claims + 1  # a header and every claim


@pytest.mark.parametrize("name, parameter, page", [
    ("who_pays", "funder=Germany", ()), ("who_pays", "funder=sweden", ()), ("support_by_actor", "actor=United States", ()),
    ("channelled_via", "via=NATO", ()), ("support_network", "", ()), ("support_network", "", ("--limit", "7", "--offset", "5")),
    ("support_events", "system=patriot", ("--limit", "4", "--offset", "2")), ("claims_table", "", ("--limit", "6", "--offset", "6")),
])
def test_named_queries_answer_the_same(team_server: dict[str, str], embedded: Path, name: str, parameter: str, page: tuple[str, ...]) -> None:
    """Parameters (matched regardless of case) and pages give the embedded store's rows."""
    bound = ["--param", parameter, *page] if parameter else [*page]
    remote = pledgegraph("query", name, *bound, "--format", "csv", "--store", team_server["url"], environment=team_server)
    local = pledgegraph("query", name, *bound, "--format", "csv", "--store", str(embedded))
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout and len(local.stdout.splitlines()) > 1


def test_a_parameter_carrying_sparql_matches_nothing_on_the_server(team_server: dict[str, str], seed_claims: int) -> None:
    hostile = pledgegraph("query", "who_pays", "--param", 'funder="} ; DROP ALL ; {"', "--format", "csv",
                          "--store", team_server["url"], environment=team_server)
    assert hostile.returncode == 0 and len(hostile.stdout.splitlines()) == 1  # the header only
    again = pledgegraph("query", "claims_table", "--format", "csv", "--store", team_server["url"], environment=team_server)
    assert len(again.stdout.splitlines()) == seed_claims + 1  # nothing dropped


def test_exports_from_the_server_are_byte_identical(team_server: dict[str, str], embedded: Path, tmp_path: Path) -> None:
    for name in ("seed.trig", "seed.ttl", "seed.graphml"):
        assert pledgegraph("export", str(tmp_path / f"remote-{name}"), "--store", team_server["url"], environment=team_server).returncode == 0
        assert pledgegraph("export", str(tmp_path / f"local-{name}"), "--store", str(embedded)).returncode == 0
        assert (tmp_path / f"remote-{name}").read_bytes() == (tmp_path / f"local-{name}").read_bytes(), name


def test_validate_reads_the_server(team_server: dict[str, str]) -> None:
    report = pledgegraph("validate", "--store", team_server["url"], environment=team_server)
    assert report.returncode == 0 and "Conforms" in report.stdout


def test_remove_and_rebuild_on_the_server(team_server: dict[str, str]) -> None:
    url = team_server["url"]
    before = pledgegraph("query", "claims_table", "--format", "csv", "--store", url, environment=team_server).stdout.splitlines()
    trump = sum(1 for row in before if ",trump-patriots-via-nato," in row)
    assert trump > 0
    assert pledgegraph("remove", "trump-patriots-via-nato", "--store", url, environment=team_server).returncode == 0
    rows = pledgegraph("query", "claims_table", "--format", "csv", "--store", url, environment=team_server).stdout.splitlines()
    assert len(rows) == len(before) - trump and not any("trump-patriots-via-nato" in row for row in rows)
    assert pledgegraph("remove", "trump-patriots-via-nato", "--store", url, environment=team_server).returncode == 2
    assert pledgegraph("build", str(SEEDS / "trump-patriots-via-nato.txt"), "--store", url, environment=team_server).returncode == 0
    assert len(pledgegraph("query", "claims_table", "--format", "csv", "--store", url, environment=team_server).stdout.splitlines()) == len(before)


def test_wrong_credentials_are_a_clear_error(virtuoso: dict[str, str]) -> None:
    wrong = {**virtuoso, "PLEDGEGRAPH_PASSWORD": "not-the-password"}
    failed = pledgegraph("build", str(SEEDS / "trump-patriots-via-nato.txt"), "--store", virtuoso["url"], environment=wrong)
    assert failed.returncode == 2
    assert "HTTP 401" in failed.stderr and "PLEDGEGRAPH_PASSWORD" in failed.stderr


def test_an_unreachable_server_is_a_clear_error() -> None:
    failed = pledgegraph("query", "claims_table", "--store", f"http://127.0.0.1:{free_port()}/sparql")
    assert failed.returncode == 2 and "did not answer" in failed.stderr
