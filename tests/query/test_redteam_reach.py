"""Red team, round two (issue 14): requests that would leave the machine, files that would come
in (class D), parser limits (G) and what a newcomer tripped over in `query` (H).

A listener on a loopback port, run by this test, counts every request it gets: none may arrive,
whatever the query, update or RDF file does to hide its SERVICE, LOAD, @context or entity.
"""

from __future__ import annotations

import gc
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from conftest import store_from_dump
from processes import free_port, wait_until_up
from test_hostile_queries import query as _query
from test_hostile_queries import store  # noqa: F401  (the fixture: a store folder with the seed graph)

from graph.rdf.validate import read_rdf_file
from graph.errors import QueryRefused, RdfInputError
from graph.query.queries import NamedQuery, check_update, run_query
from graph.store.local import GraphStore

CLI = [sys.executable, "-m", "graph"]
DEEP = "SELECT * WHERE { FILTER(" + "(" * 3000 + "1" + ")" * 3000 + ") }"


class Listener:
    """An HTTP server on 127.0.0.1 that answers every request with one SPARQL row and counts them."""

    def __init__(self) -> None:
        hits: list[str] = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                self.wfile.write(b'{"head":{"vars":["s"]},"results":{"bindings":[{"s":{"type":"literal","value":"REMOTE"}}]}}')

            do_POST = do_GET

            def log_message(self, *args: object) -> None:
                pass

        self.hits = hits
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    served = Listener()
    yield served
    served.server.shutdown()


def _hidden_services(url: str) -> dict[str, str]:
    """Queries whose SERVICE a checker that reads differently from Oxigraph would not see."""
    service = f"SERVICE <{url}> {{ ?s ?p ?o }}"
    return {
        "comment ended by a lone CR": f"SELECT * WHERE {{ ?a ?b ?c # note\r {service} \n}}",
        "CR LF inside a comment": f"SELECT * WHERE {{ ?a ?b ?c # note\r\n {service} }}",
        "quote escape in a string": f'SELECT * WHERE {{ BIND("\\u0022 AS ?x) {service} BIND(\\u0022" AS ?y) }}',
        "long quote escape": f'SELECT * WHERE {{ BIND("\\U00000022 AS ?x) {service} BIND(\\U00000022" AS ?y) }}',
        "escaped escape": f'SELECT * WHERE {{ BIND("\\u005Cu0022 AS ?x) {service} BIND(\\u005Cu0022" AS ?y) }}',
        "escaped keyword": f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        "escaped line end in a comment": f"SELECT * WHERE {{ # note\\u000D {service} \n}}",
        "lower case": f"select * where {{ service <{url}> {{ ?s ?p ?o }} }}",
    }


def test_no_hidden_service_leaves_through_the_library(store: Path, listener: Listener) -> None:
    graph_store = GraphStore(store)
    for name, text in _hidden_services(listener.url).items():
        with pytest.raises(QueryRefused, match="SERVICE is refused"):
            run_query(graph_store, NamedQuery("inline", text, "", ()))
        assert listener.hits == [], name


def test_no_hidden_service_leaves_through_query(store: Path, listener: Listener) -> None:
    hidden = _hidden_services(listener.url)
    for name in ("comment ended by a lone CR", "quote escape in a string"):
        result = _query(store, hidden[name])
        assert result.returncode == 2, f"{name}: {result.stdout}{result.stderr}"
        assert "SERVICE is refused" in result.stderr and "REMOTE" not in result.stdout, name
    assert listener.hits == []


def test_no_hidden_load_leaves_through_query_write(store: Path, listener: Listener) -> None:
    updates = {
        "LOAD after a comment ended by CR": f"# note\r LOAD <{listener.url}> INTO GRAPH <urn:x>",
        "LOAD between escaped quotes": f'INSERT DATA {{ GRAPH <urn:a> {{ <urn:a> <urn:b> "\\u0022 }} }} ; LOAD <{listener.url}> ; '
                                       f'INSERT DATA {{ GRAPH <urn:a> {{ <urn:a> <urn:b> \\u0022" }} }}',
        "escaped LOAD keyword": f"\\u004COAD <{listener.url}> INTO GRAPH <urn:x>",
    }
    for name, text in updates.items():
        with pytest.raises(QueryRefused, match="LOAD is refused"):
            check_update(text)
    result = _query(store, updates["LOAD after a comment ended by CR"], "--write")
    assert result.returncode == 2 and "LOAD is refused" in result.stderr, result.stderr
    assert listener.hits == []


def test_escapes_in_an_ordinary_query_still_work(store: Path) -> None:
    result = _query(store, 'SELECT ?x WHERE { BIND("caf\\u00E9 [/x]" AS ?x) }', "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["x", "café [/x]"]


@pytest.fixture(scope="module")
def served(seed_dump: bytes, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    folder = tmp_path_factory.mktemp("served-redteam")
    store_from_dump(folder / "store", seed_dump).flush()
    gc.collect()
    port = free_port()
    log = (folder / "serve.log").open("wb")
    process = subprocess.Popen([*CLI, "serve", "--store", str(folder / "store"), "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", process, folder / "serve.log")
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_no_hidden_service_leaves_through_serve(served: tuple[int, subprocess.Popen[bytes]], listener: Listener) -> None:
    port, _ = served
    for name, text in _hidden_services(listener.url).items():
        response = httpx.post(f"http://127.0.0.1:{port}/sparql", data={"query": text}, timeout=60)
        assert response.status_code in (400, 403), f"{name}: {response.status_code} {response.text}"
        assert "REMOTE" not in response.text
    assert listener.hits == []


def test_serve_answers_only_its_own_host_names(served: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, _ = served
    url = f"http://127.0.0.1:{port}/sparql"
    ask = {"query": "ASK {}"}
    for host in (f"attacker.example:{port}", "rebind.127.0.0.1.nip.io", f"localhost.evil.test:{port}", "127.0.0.1.evil.test"):
        response = httpx.get(url, params=ask, headers={"Host": host}, timeout=30)
        assert response.status_code == 400, host
        assert "Host header" in response.text
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", "LOCALHOST", f"[::1]:{port}"):
        assert httpx.get(url, params=ask, headers={"Host": host}, timeout=30).status_code == 200, host


def test_deep_nesting_is_a_client_error(served: tuple[int, subprocess.Popen[bytes]], store: Path) -> None:
    port, _ = served
    response = httpx.post(f"http://127.0.0.1:{port}/sparql", data={"query": DEEP}, timeout=60)
    assert response.status_code == 400 and "nests brackets too deeply" in response.text
    result = _query(store, DEEP)
    assert result.returncode == 2 and "nests brackets too deeply" in result.stderr and "Traceback" not in result.stderr


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, "validate", str(path)], capture_output=True, text=True, timeout=120)


def test_json_ld_never_fetches_a_context(tmp_path: Path, listener: Listener) -> None:
    documents = {
        "context.jsonld": f'{{"@context": "{listener.url}", "@id": "http://example.org/a", "name": "x"}}',
        "context-list.jsonld": f'{{"@context": [{{"ex": "http://example.org/"}}, "{listener.url}"], "@id": "http://example.org/a"}}',
        "import.jsonld": f'{{"@context": {{"@version": 1.1, "@import": "{listener.url}"}}, "@id": "http://example.org/a"}}',
        "file-context.jsonld": '{"@context": "file:///etc/passwd", "@id": "http://example.org/a"}',
        "nested-context.jsonld": f'{{"@id": "http://example.org/a", "http://example.org/p": {{"@context": "{listener.url}", "@id": "http://example.org/b"}}}}',
    }
    for name, text in documents.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(RdfInputError, match="refers to a remote @context or @import"):
            read_rdf_file(tmp_path / name)
    result = _validate(tmp_path / "import.jsonld")
    assert result.returncode == 2 and f"{tmp_path / 'import.jsonld'}: refers to a remote @context" in " ".join(result.stderr.split())
    assert listener.hits == []
    (tmp_path / "inline.jsonld").write_text('{"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:p": "x"}', encoding="utf-8")
    assert _validate(tmp_path / "inline.jsonld").returncode == 0


_RDF_BODY = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
             '<rdf:Description rdf:about="http://example.org/a"><ex:p>{}</ex:p></rdf:Description></rdf:RDF>\n')
_NESTED = '<!DOCTYPE rdf:RDF [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'


def test_xml_entities_are_refused_by_the_parser_itself(tmp_path: Path, listener: Listener) -> None:
    header = '<?xml version="1.0"?>\n'
    utf16 = '<?xml version="1.0" encoding="UTF-16"?>\n'
    cases = {
        "behind-a-comment.rdf": ((header + "<!-- ]> -->" + _NESTED + _RDF_BODY.format("&c;")).encode(), "refers to other entities"),
        "utf-16.rdf": ((utf16 + _NESTED + _RDF_BODY.format("&c;")).encode("utf-16"), "refers to other entities"),
        "after-a-mib.rdf": ((header + "<!--" + "x" * (1 << 20) + "-->" + _NESTED + _RDF_BODY.format("&c;")).encode(), "refers to other entities"),
        "external-in-utf-16.rdf": ((utf16 + f'<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "{listener.url}">]>' + _RDF_BODY.format("&x;")).encode("utf-16"),
                                   "declares an external entity (x)"),
        "parameter-behind-a-comment.rdf": ((header + "<!-- ]> -->" + f'<!DOCTYPE rdf:RDF [<!ENTITY % p SYSTEM "{listener.url}"> %p;]>'
                                            + _RDF_BODY.format("x")).encode(), "declares a parameter entity (p)"),
        "expansion-in-utf-16.rdf": ((utf16 + '<!DOCTYPE rdf:RDF [<!ENTITY x "' + "y" * 500 + '">]>' + _RDF_BODY.format("&x;" * 40_000)).encode("utf-16"),
                                    "its entities expand to more than 16 MiB"),
    }
    for name, (data, message) in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(RdfInputError, match=re.escape(f"{tmp_path / name}: ") + ".*" + re.escape(message)):
            read_rdf_file(tmp_path / name)
    result = _validate(tmp_path / "utf-16.rdf")
    assert result.returncode == 2 and "refers to other entities" in result.stderr, result.stderr
    assert listener.hits == []


def test_many_short_expansions_within_the_cap_parse_quickly(tmp_path: Path) -> None:
    # 8 MB of text from 16,000 uses of a 500-character entity: took minutes (quadratic text building)
    path = tmp_path / "expansion.rdf"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY x "' + "y" * 500 + '">]>' + _RDF_BODY.format("&x;" * 16_000), encoding="utf-8")
    result = subprocess.run([*CLI, "validate", str(path)], capture_output=True, text=True, timeout=60)
    assert result.returncode in (0, 1), result.stderr


def test_a_parameter_the_query_does_not_take_is_named(store: Path) -> None:
    result = _query(store, "who_pays", "--param", "bogus=1")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "query who_pays has no parameter bogus; its parameters: funder" in result.stderr
    inline = _query(store, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1", "--param", "q=1")
    assert inline.returncode == 2 and "has no parameter q; its parameters: o, p, s" in inline.stderr


def test_a_label_parameter_matches_regardless_of_case(store: Path) -> None:
    exact = _query(store, "who_pays", "--param", "funder=Germany", "--format", "csv")
    lower = _query(store, "who_pays", "--param", "funder=gErMaNy", "--format", "csv")
    assert lower.returncode == 0, lower.stderr
    assert lower.stdout == exact.stdout and len(exact.stdout.splitlines()) > 1


def test_a_parameter_that_matches_nothing_says_so(store: Path) -> None:
    result = _query(store, "who_pays", "--param", "funder=Atlantis")
    assert result.returncode == 0
    assert "no row matched funder=Atlantis" in result.stderr


def test_query_tables_fit_the_terminal_and_help_names_the_queries(store: Path) -> None:
    result = subprocess.run([*CLI, "query", "who_pays", "--store", str(store)], capture_output=True, text=True, timeout=120,
                            env={**os.environ, "COLUMNS": "80"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert len(lines) < 40  # one line per row (14 rows), not a column of folded cells
    assert "--format csv" in result.stderr
    helped = subprocess.run([*CLI, "query", "--help"], capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "200"})
    for name in ("who_pays", "claims_table", "funders", "sources_disagree"):
        assert name in helped.stdout
