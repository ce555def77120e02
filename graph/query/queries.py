"""Analyst queries: find them (file, name in `queries/`, or text), check them, bind, run.

Queries are checked before they run: updates, `SERVICE`, `LOAD` and `FROM`/`FROM NAMED` of
graphs the store does not hold are refused, so no query writes or reaches outside the machine.
Parameters are bound as RDF terms where the query's `VALUES ?x { UNDEF }` block stands (or as
pyoxigraph `substitutions` for text without one), never pasted in as SPARQL; a page is a
`LIMIT`/`OFFSET` of integers at the query's `# page` line or its end.
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

from graph.errors import QueryError, QueryRefused, shorten
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
class Page:
    """Which rows of a result to give: `limit` rows (all when None) after the first `offset`."""

    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class QueryFeatures:
    """What the safety check needs to know of a query text, read once by rdflib's parser."""

    form: str  # "select", "construct", "describe" or "ask"
    service: bool
    dataset_graphs: tuple[str, ...]  # the IRIs of FROM and FROM NAMED clauses
    paged: bool = False  # the query itself ends in LIMIT or OFFSET


_TOO_DEEP = "the query nests brackets too deeply to be read; write it flatter"
_CODEPOINT_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def engine_text(text: str) -> str:
    """The query text as the engine will read it: the one text both checked and run.

    SPARQL replaces `\\uXXXX` escapes anywhere in a query before parsing it, and ends a comment at
    a carriage return; a checker that reads either differently from Oxigraph can be shown a
    string or a comment where the engine sees `SERVICE`. So escapes are replaced here (until
    none is left, so the engine's own pass changes nothing) and line ends made `\\n`, and this
    text, not the one given, is checked and handed to the engine.
    """
    for _ in range(8):
        try:
            unescaped = _CODEPOINT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)
        except (ValueError, OverflowError) as error:
            raise QueryError(f"the query is not valid SPARQL: an escape names no character ({error})") from error
        if unescaped == text:
            break
        text = unescaped
    else:
        raise QueryRefused("the query escapes its escapes more than eight times over; write it plainly")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise QueryError("the query is not valid SPARQL: it escapes a lone surrogate, which is not a character") from error
    return text.replace("\r\n", "\n").replace("\r", "\n")


def query_features(text: str) -> QueryFeatures:
    """The features of the query the engine will run (see `engine_text`)."""
    return _features(engine_text(text))


@lru_cache(maxsize=256)
def _features(text: str) -> QueryFeatures:
    """Parse a query once (parsing costs ~10-60 ms) and note SERVICE and FROM clauses.

    Raises QueryError for updates (INSERT, DELETE, LOAD, DROP, CLEAR …) and invalid SPARQL.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(text)
    except RecursionError as error:
        raise QueryError(_TOO_DEEP) from error
    except ParseException as query_error:
        try:
            parseUpdate(text)
        except ParseException:
            raise QueryError(f"the query is not valid SPARQL: {query_error}") from query_error
        except RecursionError as error:
            raise QueryError(_TOO_DEEP) from error
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
    return QueryFeatures(form, service, tuple(graphs), bool(dict(parsed[1]).get("limitoffset")))


def check_query(text: str, store_graphs: Callable[[], set[str]], protocol_graphs: tuple[str, ...] = ()) -> str:
    """Refuse updates, SERVICE, LOAD, and FROM (or protocol `default-graph-uri` /
    `named-graph-uri`, given as `protocol_graphs`) of graphs the store does not hold.

    `store_graphs` lists the store's named graphs; it is only called when a dataset is named.
    Returns the text to hand to the engine, the very text checked (`engine_text`). Raises
    QueryRefused with the reason (QueryError for invalid SPARQL).
    """
    text = engine_text(text)
    features = _features(text)
    if features.service:
        raise QueryRefused("SERVICE is refused: queries never reach other endpoints")
    named = (*features.dataset_graphs, *protocol_graphs)
    if named:
        held = store_graphs()
        for graph in named:
            if graph not in held:
                raise QueryRefused(f"FROM <{graph}> is refused: the store holds no such graph")
    return text


def check_update(text: str) -> str:
    """Refuse the parts of a SPARQL update that reach outside the store: LOAD and SERVICE.

    Only called when the user gave the write flag; returns the text to hand to the engine (the
    one checked, see `engine_text`); raises QueryRefused, or QueryError for invalid SPARQL.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseUpdate

    text = engine_text(text)
    try:
        parsed = parseUpdate(text)
    except ParseException as error:
        raise QueryError(f"the update is not valid SPARQL: {error}") from error
    except RecursionError as error:
        raise QueryError(_TOO_DEEP) from error
    for name, _ in _walk(parsed):
        if name == "Load":
            raise QueryRefused("LOAD is refused: the store is only filled from articles and local files")
        if name == "ServiceGraphPattern":
            raise QueryRefused("SERVICE is refused: queries never reach other endpoints")
    return text


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


def check_parameters(query: NamedQuery, parameters: Mapping[str, str]) -> None:
    """Refuse a parameter the query does not take: a named query's declared ones, or a
    variable of the query text (QueryError naming those it takes)."""
    takes = query.parameters or tuple(sorted(set(re.findall(r"[?$](\w+)", query.text))))
    unknown = sorted(set(parameters) - set(takes))
    if unknown:
        raise QueryError(f"query {query.name} has no parameter {', '.join(unknown)}; its parameters: {', '.join(takes) or 'none'}")


_LABELS_LIKE = """SELECT DISTINCT ?label WHERE {
  VALUES ?value { UNDEF }
  ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label
  FILTER (LCASE(STR(?label)) = LCASE(STR(?value)))
} ORDER BY ?label LIMIT 8"""


def stored_labels(store: Store, value: str) -> list[ox.Literal]:
    """The preferred labels the store holds for `value`, as the store spells them (`sweden` ->
    `"Sweden"@en`): those equal to it as given, else those equal to it regardless of case."""
    term = ox.Literal(value)
    labels = [solution["label"] for solution in store.query(bind_values(_LABELS_LIKE, {"value": [term]}))]
    exact = [label for label in labels if label.value == value]
    return exact or labels


_PARAMETER_BLOCK = re.compile(r"VALUES\s+\?(\w+)\s*\{\s*UNDEF\s*\}")
_PAGE_MARK = re.compile(r"^[ \t]*#[ \t]*page[ \t]*$", re.MULTILINE)
_CHECK_SUBJECT = "<urn:pledgegraph:check> <urn:pledgegraph:check>"


def parameter_blocks(text: str) -> set[str]:
    """The variables of the query's `VALUES ?x { UNDEF }` blocks: where its parameters go."""
    return set(_PARAMETER_BLOCK.findall(text))


def serialised_term(term: ox.NamedNode | ox.Literal) -> str:
    """A term written as SPARQL/N-Triples by pyoxigraph, and read back to prove it is that term
    and nothing more (a value holding quotes, `>` or a line break stays inside its literal)."""
    written = str(term)
    try:
        (read,) = ox.parse(f"{_CHECK_SUBJECT} {written} .\n".encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    except (SyntaxError, ValueError) as error:
        raise QueryError(f"the parameter value {shorten(term.value)} cannot be written as an RDF term: {error}") from error
    if read.object != term:
        raise QueryError(f"the parameter value {shorten(term.value)} does not read back as itself")
    return written


def bind_values(text: str, values: Mapping[str, list[ox.NamedNode | ox.Literal]]) -> str:
    """`text` with each `VALUES ?x { UNDEF }` block of a variable in `values` holding those terms.

    The block stands where the query wants the value, so the engine starts its search from it
    (Oxigraph's `substitutions` only filter the finished rows: 1,562 ms against 79 ms for a
    VALUES block, measured on 200,000 rows). The terms are pyoxigraph's own serialisation, read
    back before use (`serialised_term`): a value is data in the text, never SPARQL.
    """

    def block(match: re.Match[str]) -> str:
        terms = values.get(match.group(1))
        if terms is None:
            return match.group(0)
        return f"VALUES ?{match.group(1)} {{ {' '.join(serialised_term(term) for term in terms)} }}"

    return _PARAMETER_BLOCK.sub(block, text)


def paged(text: str, limit: int | None, offset: int) -> str:
    """`text` cut to one page: `LIMIT limit OFFSET offset` at the query's `# page` line (a
    subquery that picks the page's rows before the rest is joined to them), else at its end.

    Both are integers checked here, so nothing but digits reaches the text.
    """
    if limit is None and not offset:
        return text
    if (limit is not None and (not isinstance(limit, int) or limit < 0)) or not isinstance(offset, int) or offset < 0:
        raise QueryError(f"a page needs a limit and an offset that are whole numbers >= 0, not {limit!r} and {offset!r}")
    modifiers = " ".join(part for part in (f"LIMIT {limit}" if limit is not None else "", f"OFFSET {offset}" if offset else "") if part)
    if len(_PAGE_MARK.findall(text)) == 1:
        return _PAGE_MARK.sub(lambda _: modifiers, text)
    return f"{text}\n{modifiers}\n"


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


def bound_query(store: Store, text: str, parameters: Mapping[str, str]) -> tuple[str, dict[ox.Variable, ox.NamedNode | ox.Literal]]:
    """The query text with its parameters bound, and the substitutions left for the engine.

    A parameter `name` of a query with a block `VALUES ?nameLabel { UNDEF }` is a label: the
    block gets the labels the store holds for it, matched regardless of case (none: the value as
    given, which then matches nothing). With a block `VALUES ?name { UNDEF }` the value goes in
    as given. Either way the engine starts from it, on the embedded store and on a server alike.
    A parameter of a query without a block (text typed by a user) is a pyoxigraph substitution.
    """
    blocks = parameter_blocks(text)
    values: dict[str, list[ox.NamedNode | ox.Literal]] = {}
    substitutions: dict[ox.Variable, ox.NamedNode | ox.Literal] = {}
    for name, value in parameters.items():
        term = term_for_parameter(value)
        if f"{name}Label" in blocks:
            values[f"{name}Label"] = list(stored_labels(store, value)) or [term]
        elif name in blocks:
            values[name] = [term]
        else:
            substitutions[ox.Variable(name)] = term
    return bind_values(text, values), substitutions


def run_query(
    store: Store,
    query: NamedQuery,
    parameters: Mapping[str, str] | None = None,
    *,
    default_graphs: tuple[str, ...] = (),
    named_graphs: tuple[str, ...] = (),
    limit: int | None = None,
    offset: int = 0,
) -> Any:
    """Check and run a query with bound parameters, one page of it when `limit`/`offset` are
    given (every named query orders its rows by a key that makes pages tile the whole table);
    returns pyoxigraph results.

    `default_graphs` / `named_graphs` are the SPARQL Protocol's dataset (graphs the store holds).
    The text checked is the one given; binding and paging only add checked terms and integers.
    """
    text = check_query(query.text, store.graph_names, default_graphs + named_graphs)
    check_parameters(query, parameters or {})
    if limit is not None or offset:
        if query_features(text).form != "select":
            raise QueryError(f"only SELECT queries have pages; query {query.name} is not one")
        if query_features(text).paged and not _PAGE_MARK.search(text):
            raise QueryError(f"query {query.name} has its own LIMIT or OFFSET; drop them from its text to page it, or give no page")
    text, substitutions = bound_query(store, text, parameters or {})
    text = paged(text, limit, offset)
    try:
        return store.query(text, substitutions or None, default_graphs=default_graphs, named_graphs=named_graphs)
    except (SyntaxError, ValueError, OSError, RuntimeError) as error:  # RuntimeError: a parameter the query does not select
        raise QueryError(f"query {query.name} failed: {error}") from error


def query_records(
    store: Store, name: str, parameters: Mapping[str, str] | None = None, *, limit: int | None = None, offset: int = 0
) -> list[dict[str, str]]:
    """A named SELECT query's rows (one page with `limit`/`offset`) as {column: plain string}
    dicts ('' for unbound)."""
    columns, rows = solutions_to_rows(run_query(store, resolve_query(name), parameters, limit=limit, offset=offset))
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
