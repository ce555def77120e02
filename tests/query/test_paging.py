"""Pages of named queries tile the whole table; parameters are bound where the search starts, as
data; the events and network, restructured to page before they join labels, answer as before."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import DATA, store_from_dump

from graph.errors import QueryError
from graph.query.queries import (
    NamedQuery,
    bind_values,
    bound_query,
    list_queries,
    paged,
    resolve_query,
    run_query,
    serialised_term,
    solutions_to_rows,
)
from graph.store.local import GraphStore

BEFORE = DATA / "queries-before"  # support_events.rq and support_network.rq as they were before paging
HOSTILE = 'Germany" } ; DROP ALL ; VALUES ?x { "\n> <urn:x> \\'


def _table(store: GraphStore, query: NamedQuery, parameters: dict[str, str] | None = None, **page: int) -> list[list[str]]:
    return solutions_to_rows(run_query(store, query, parameters, **page))[1]


@pytest.mark.parametrize("query", list_queries(), ids=lambda query: query.name)
def test_pages_tile_the_whole_table(seed_store: GraphStore, query: NamedQuery) -> None:
    whole = _table(seed_store, query)
    assert whole, f"{query.name} gives no rows on the seeds"
    size = max(1, len(whole) // 3)
    pages = [_table(seed_store, query, limit=size, offset=offset) for offset in range(0, len(whole) + size, size)]
    assert all(len(page) <= size for page in pages)
    assert [row for page in pages for row in page] == whole  # same rows, same order, nothing twice
    assert _table(seed_store, query, limit=size, offset=size) == _table(seed_store, query, limit=size, offset=size)


def test_a_page_is_a_limit_and_offset_of_integers_only() -> None:
    text = "SELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n  # page\n } } ORDER BY ?s"
    assert "ORDER BY ?s\nLIMIT 5 OFFSET 10\n }" in paged(text, 5, 10)
    assert paged("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", 5, 0).endswith("\nLIMIT 5\n")
    assert paged(text, None, 0) == text
    for limit, offset in ((-1, 0), (5, -2), ("5 ; DROP ALL", 0)):
        with pytest.raises(QueryError, match="whole numbers"):
            paged(text, limit, offset)  # type: ignore[arg-type]


def test_a_query_with_its_own_limit_is_not_paged_again(seed_store: GraphStore) -> None:
    with pytest.raises(QueryError, match="its own LIMIT"):
        run_query(seed_store, resolve_query("SELECT ?s WHERE { ?s ?p ?o } LIMIT 3"), limit=2)


def test_a_label_parameter_matches_regardless_of_case(seed_store: GraphStore) -> None:
    query = resolve_query("who_pays")
    assert _table(seed_store, query, {"funder": "sweden"}) == _table(seed_store, query, {"funder": "Sweden"}) != []


def test_a_label_parameter_is_bound_where_the_search_starts(seed_store: GraphStore) -> None:
    text, substitutions = bound_query(seed_store, resolve_query("who_pays").text, {"funder": "germany"})
    assert 'VALUES ?funderLabel { "Germany"@en }' in text and not substitutions
    text, substitutions = bound_query(seed_store, resolve_query("claim_evidence").text, {"article": "trump-patriots-via-nato"})
    assert 'VALUES ?article { "trump-patriots-via-nato" }' in text
    # a query typed by a user has no block: its parameter stays a pyoxigraph substitution
    assert bound_query(seed_store, "SELECT ?s WHERE { ?s ?p ?o }", {"s": "x"})[1] == {ox.Variable("s"): ox.Literal("x")}


def test_a_hostile_value_stays_one_literal(seed_store: GraphStore) -> None:
    text = bind_values("SELECT ?x WHERE { VALUES ?x { UNDEF } }", {"x": [ox.Literal(HOSTILE)]})
    (row,) = seed_store.query(text)
    assert row["x"] == ox.Literal(HOSTILE)  # quotes, '>', a line break and a backslash are data
    assert serialised_term(ox.Literal(HOSTILE)).count("\n") == 0
    for name, parameter in (("who_pays", "funder"), ("support_events", "system"), ("claim_evidence", "article")):
        assert _table(seed_store, resolve_query(name), {parameter: HOSTILE}) == []
    assert len(seed_store.article_ids()) == 2


def _before(store: GraphStore, name: str, **parameters: str) -> tuple[list[str], list[list[str]]]:
    text = (BEFORE / f"{name}.rq").read_text(encoding="utf-8")
    return solutions_to_rows(run_query(store, NamedQuery(name, text, "", tuple(parameters)), parameters))


def _comparable(rows: list[list[str]], columns: list[str]) -> Counter[tuple[object, ...]]:
    """Rows as a multiset; lists written by GROUP_CONCAT compared as sets (their order is the engine's)."""
    lists = {columns.index(name) for name in ("quantities", "sources") if name in columns}
    return Counter(tuple(frozenset(cell.split(" | ")) if index in lists else cell for index, cell in enumerate(row)) for row in rows)


@pytest.mark.parametrize(("name", "parameters"), [("support_events", {}), ("support_events", {"system": "Patriot"}), ("support_network", {})])
def test_events_and_network_answer_as_before(seed_store: GraphStore, name: str, parameters: dict[str, str]) -> None:
    columns, before = _before(seed_store, name, **parameters)
    now_columns, now = solutions_to_rows(run_query(seed_store, resolve_query(name), parameters))
    assert now_columns == columns and len(now) == len(before) > 0
    assert _comparable(now, columns) == _comparable(before, columns)


def test_the_cli_pages_a_named_query(seed_dump: bytes, tmp_path: Path) -> None:
    folder = tmp_path / "store"
    store_from_dump(folder, seed_dump).flush()  # dropped at once: the CLI takes the store's lock

    def csv_lines(*page: str) -> list[str]:
        result = subprocess.run([sys.executable, "-m", "graph", "query", "claims_table", "--format", "csv", "--store", str(folder), *page],
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()

    whole = csv_lines()
    first, second = csv_lines("--limit", "10"), csv_lines("--limit", "10", "--offset", "10")
    rest = csv_lines("--offset", "20")
    assert first[0] == second[0] == rest[0] == whole[0]  # each page has the header
    assert first[1:] + second[1:] + rest[1:] == whole[1:] and len(first) == 11
    refused = subprocess.run([sys.executable, "-m", "graph", "query", "claims_table", "--limit", "-1", "--store", str(folder)],
                             capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
