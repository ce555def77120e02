"""Analyst queries: find them (file, name in `queries/`, or text), check them, bind, run.

Queries are checked before they run: updates, `SERVICE`, `LOAD` and `FROM`/`FROM NAMED` of
graphs the store does not hold are refused, so no query writes or reaches outside the machine.
Parameters are bound as values (pyoxigraph `substitutions`), never pasted into the text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.errors import QueryError, QueryRefused
from graph.resources import queries_dir
from graph.store.base import Store

_NAME = re.compile(r"^[A-Za-z0-9_\-]+(?:\.rq)?$")
RESULT_FORMATS = ("table", "csv", "tsv", "json")


@dataclass(frozen=True)
class NamedQuery:
    """A query with the header comment that documents it."""

    name: str
    text: str
    description: str
    parameters: tuple[str, ...]


def resolve_query(query: str) -> NamedQuery:
    """A `.rq` path, a name of `queries/` ("claims_table"), or SPARQL text, as a NamedQuery."""
    candidate = Path(query)
    if query.endswith(".rq") and candidate.is_file():
        return _named(candidate)
    if _NAME.match(query):
        named = queries_dir() / (query if query.endswith(".rq") else f"{query}.rq")
        if named.is_file():
            return _named(named)
        available = ", ".join(q.name for q in list_queries())
        raise QueryError(f"no query named {query!r} in {queries_dir()}; available: {available}")
    return NamedQuery("inline", query, "", ())


def _named(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    header = [line[1:].strip() for line in text.splitlines() if line.startswith("#")]
    parameters = tuple(
        sorted({m.group(1) for line in header for m in re.finditer(r"^param(?:eter)?s?:?\s+\?(\w+)", line, re.IGNORECASE)})
    )
    description = next((line for line in header if line), "")
    return NamedQuery(path.stem, text, description, parameters)


def list_queries() -> list[NamedQuery]:
    """Every named query of `queries/`, sorted by name."""
    return [_named(path) for path in sorted(queries_dir().glob("*.rq"))]


@dataclass(frozen=True)
class QueryFeatures:
    """What the safety check needs to know of a query text, read once by rdflib's parser."""

    form: str  # "select", "construct", "describe" or "ask"
    service: bool
    dataset_graphs: tuple[str, ...]  # the IRIs of FROM and FROM NAMED clauses


@lru_cache(maxsize=256)
def query_features(text: str) -> QueryFeatures:
    """Parse a query once (parsing costs ~10-60 ms) and note SERVICE and FROM clauses.

    Raises QueryError for updates (INSERT, DELETE, LOAD, DROP, CLEAR …) and invalid SPARQL.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
    except ParseException as query_error:
        try:
            parseUpdate(text)
        except ParseException:
            raise QueryError(f"the query is not valid SPARQL: {query_error}") from query_error
        raise QueryRefused("SPARQL updates (INSERT, DELETE, LOAD, DROP, CLEAR …) are refused: queries are read-only", update=True) from query_error
    service = False
    graphs = []
    for name, value in _walk(parsed):
        if name == "ServiceGraphPattern":
            service = True
        elif name == "DatasetClause":
            clause = dict(value)  # CompValue.get returns the key itself for a missing key
            graphs.append(str(clause.get("default") or clause.get("named")))
    form = parsed[1].name.removesuffix("Query").lower()
    return QueryFeatures(form, service, tuple(graphs))


def check_query(text: str, store_graphs: Callable[[], set[str]], protocol_graphs: tuple[str, ...] = ()) -> None:
    """Refuse updates, SERVICE, LOAD, and FROM (or protocol `default-graph-uri` /
    `named-graph-uri`, given as `protocol_graphs`) of graphs the store does not hold.

    `store_graphs` lists the store's named graphs; it is only called when a dataset is named.
    Raises QueryRefused with the reason (QueryError for invalid SPARQL).
    """
    features = query_features(text)
    if features.service:
        raise QueryRefused("SERVICE is refused: queries never reach other endpoints")
    named = (*features.dataset_graphs, *protocol_graphs)
    if named:
        held = store_graphs()
        for graph in named:
            if graph not in held:
                raise QueryRefused(f"FROM <{graph}> is refused: the store holds no such graph")


def check_update(text: str) -> None:
    """Refuse the parts of a SPARQL update that reach outside the store: LOAD and SERVICE.

    Only called when the user gave the write flag; raises QueryRefused, or QueryError for
    invalid SPARQL.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(text)
    except ParseException as error:
        raise QueryError(f"the update is not valid SPARQL: {error}") from error
    for name, _ in _walk(parsed):
        if name == "Load":
            raise QueryRefused("LOAD is refused: the store is only filled from articles and local files")
        if name == "ServiceGraphPattern":
            raise QueryRefused("SERVICE is refused: queries never reach other endpoints")


def is_update(text: str) -> bool:
    """Whether a text is a SPARQL update rather than a query (neither: QueryError)."""
    try:
        query_features(text)
    except QueryRefused as refused:
        return refused.update
    return False


def _walk(node: Any) -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        name = getattr(item, "name", None)
        if name:
            found.append((name, item))
        if isinstance(item, dict):
            stack.extend(item.values())
        if isinstance(item, (list, tuple)) or hasattr(item, "asList"):
            stack.extend(list(item))
    return found


def parse_parameters(pairs: list[str]) -> dict[str, str]:
    """Turn ["k=v", …] into a dict; raises QueryError on a pair without '='."""
    parameters = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryError(f"parameter {pair!r} must be written name=value")
        key, value = pair.split("=", 1)
        if not re.fullmatch(r"\w+", key.strip().lstrip("?$")):
            raise QueryError(f"parameter name {key!r} must be a SPARQL variable name")
        parameters[key.strip().lstrip("?$")] = value
    return parameters


def term_for_parameter(value: str) -> ox.NamedNode | ox.Literal:
    """A parameter value as an RDF term: `<iri>` an IRI, digits an integer, else a plain string."""
    if value.startswith("<") and value.endswith(">"):
        try:
            return ox.NamedNode(value[1:-1])
        except ValueError as error:
            raise QueryError(f"{value} is not a valid IRI") from error
    if re.fullmatch(r"-?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.Literal(value)


def run_query(
    store: Store,
    query: NamedQuery,
    parameters: Mapping[str, str] | None = None,
    *,
    default_graphs: tuple[str, ...] = (),
    named_graphs: tuple[str, ...] = (),
) -> Any:
    """Check and run a query with bound parameters; returns pyoxigraph results.

    `default_graphs` / `named_graphs` are the SPARQL Protocol's dataset (graphs the store holds).
    """
    check_query(query.text, store.graph_names, default_graphs + named_graphs)
    substitutions = {ox.Variable(key): term_for_parameter(value) for key, value in (parameters or {}).items()}
    try:
        return store.query(query.text, substitutions or None, default_graphs=default_graphs, named_graphs=named_graphs)
    except (SyntaxError, ValueError, OSError) as error:
        raise QueryError(f"query {query.name} failed: {error}") from error


def query_records(store: Store, name: str, parameters: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """A named SELECT query's rows as {column: plain string} dicts ('' for unbound)."""
    columns, rows = solutions_to_rows(run_query(store, resolve_query(name), parameters))
    return [dict(zip(columns, row)) for row in rows]


def solutions_to_rows(results: Any) -> tuple[list[str], list[list[str]]]:
    """SELECT results as (column names, rows of plain strings; '' for unbound)."""
    columns = [variable.value for variable in results.variables]
    rows = []
    for solution in results:
        rows.append([_plain(solution[column]) for column in columns])
    return columns, rows


def _plain(term: Any) -> str:
    if term is None:
        return ""
    return term.value


def format_results(results: Any, fmt: str) -> str:
    """Serialise results: SELECT as table/csv/tsv/json, ASK as true/false, graphs as Turtle."""
    if isinstance(results, ox.QueryBoolean):
        return "true" if bool(results) else "false"
    if isinstance(results, ox.QueryTriples):
        return ox.serialize(results, format=ox.RdfFormat.TURTLE).decode("utf-8")
    if fmt in ("csv", "tsv", "json"):
        output = io.BytesIO()
        results.serialize(output, {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}[fmt])
        return output.getvalue().decode("utf-8")
    raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(RESULT_FORMATS)}")
