"""The SPARQL 1.1 Protocol answer to one request, without HTTP: check, negotiate, run, limit.

`graph/serve/server.py` puts this behind Starlette and runs it in worker processes (so a query past
its time limit can be killed); tests and other front ends can call `Endpoint.answer` directly.

Results are serialised by pyoxigraph only. The row limit is kept without holding a large
result in memory: a SELECT is first written as SPARQL TSV (one line per solution) through a
writer that stops at the limit, and re-encoded from that TSV into the negotiated format.

A page of a named query can also be had in two steps, `Endpoint.named_rows` (the query, run once,
in one canonical format) and `reencode` (into the format a client negotiated, milliseconds), so
`serve` keeps one computation of a page for every format it is asked in.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import mimeparse
import pyoxigraph as ox

from graph.errors import NotAcceptable, QueryError, QueryLimitExceeded
from graph.namespaces import PREFIXES
from graph.query.queries import (
    NamedQuery,
    Page,
    check_parameters,
    query_features,
    resolve_query,
    run_query,
)
from graph.store.base import Store

# media type -> pyoxigraph format; the default is the LAST entry (mimeparse breaks ties that way)
RESULT_MEDIA_TYPES: dict[str, ox.QueryResultsFormat] = {
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "text/csv": ox.QueryResultsFormat.CSV,
    "application/xml": ox.QueryResultsFormat.XML,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
}
BOOLEAN_MEDIA_TYPES = {
    "application/xml": ox.QueryResultsFormat.XML,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
}
GRAPH_MEDIA_TYPES: dict[str, ox.RdfFormat] = {
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}
# the format a named query's page is computed in once (`Endpoint.named_rows`), by query form
CANONICAL_MEDIA_TYPES = {
    "select": "text/tab-separated-values",
    "ask": "application/sparql-results+json",
    "construct": "application/n-triples",
    "describe": "application/n-triples",
}
# `format=` request parameter (as YASGUI and curl users write it) -> media type
FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


@dataclass(frozen=True)
class QueryRequest:
    """One protocol request: the query, what the client accepts, bound parameters, dataset."""

    text: str
    accept: str = "*/*"
    format: str | None = None  # a FORMAT_NAMES key or a media type; overrides `accept`
    parameters: Mapping[str, str] = field(default_factory=dict)
    default_graphs: tuple[str, ...] = ()  # protocol `default-graph-uri`
    named_graphs: tuple[str, ...] = ()  # protocol `named-graph-uri`
    page: Page = field(default_factory=Page)  # rows of a named query (a protocol query pages itself)


@dataclass(frozen=True)
class Answer:
    """A successful answer: the body and its media type."""

    media_type: str
    body: bytes
    rows: int  # solutions or triples returned (1 for ASK)


def negotiate(form: str, accept: str, format_name: str | None = None) -> str:
    """The media type to answer a query of `form` with, given the Accept header or `format`.

    Raises NotAcceptable naming what this form can be given as.
    """
    offered = list(BOOLEAN_MEDIA_TYPES if form == "ask" else RESULT_MEDIA_TYPES if form == "select" else GRAPH_MEDIA_TYPES)
    if format_name:
        wanted = FORMAT_NAMES.get(format_name.lower(), format_name.lower())
        if wanted in offered:
            return wanted
        raise NotAcceptable(f"format {format_name!r} cannot carry {form.upper()} results; use one of {', '.join(sorted(offered))}")
    try:
        chosen = mimeparse.best_match(offered, accept or "*/*")
    except (ValueError, IndexError):
        chosen = ""
    if not chosen:
        raise NotAcceptable(f"none of the accepted types ({accept}) can carry {form.upper()} results; this endpoint offers {', '.join(sorted(offered))}")
    return chosen


class _RowLimitWriter(io.RawIOBase):
    """A binary sink that counts lines and stops the writer once past `max_lines`."""

    def __init__(self, max_lines: int) -> None:
        self.buffer = io.BytesIO()
        self.max_lines = max_lines
        self.lines = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.lines += chunk.count(b"\n")
        if self.lines > self.max_lines:
            raise _TooManyRows
        return self.buffer.write(chunk)


class _TooManyRows(Exception):
    """Raised inside a serialisation when the result passes the row limit."""


class Endpoint:
    """Answers SPARQL Protocol requests over one store, read-only, with a row limit."""

    def __init__(self, store: Store, max_rows: int = 100_000) -> None:
        self.store = store
        self.max_rows = max_rows

    def answer(self, request: QueryRequest) -> Answer:
        """Check, negotiate and run one query.

        Raises QueryRefused (updates, SERVICE, graphs the store does not hold), NotAcceptable,
        QueryLimitExceeded (row limit) and QueryError (invalid query or parameter).
        """
        media_type = negotiate(query_features(request.text).form, request.accept, request.format)
        results = run_query(self.store, NamedQuery("request", request.text, "", ()), request.parameters,
                            default_graphs=request.default_graphs, named_graphs=request.named_graphs,
                            limit=request.page.limit, offset=request.page.offset)
        try:
            return self._serialise(results, media_type)
        except (SyntaxError, ValueError, OSError) as error:
            raise QueryError(f"the query failed: {error}") from error

    def answer_named(
        self, name: str, parameters: Mapping[str, str], accept: str = "*/*", format_name: str | None = None, page: Page = Page()
    ) -> Answer:
        """Run a query of `queries/` by name, with parameters bound to its declared variables;
        one `page` of its rows (all of them, up to the row limit, with the default Page())."""
        media_type = named_media_type(name, parameters, accept, format_name)
        return reencode(self.named_rows(name, parameters, page), media_type)

    def named_rows(self, name: str, parameters: Mapping[str, str], page: Page = Page()) -> Answer:
        """One `page` of a named query in its canonical format (CANONICAL_MEDIA_TYPES: TSV for a
        SELECT), for `reencode` to give in any other; the checks and errors of `answer_named`."""
        named = checked_named(name, parameters)
        results = run_query(self.store, named, parameters, limit=page.limit, offset=page.offset)
        try:
            return self._serialise(results, CANONICAL_MEDIA_TYPES[query_features(named.text).form])
        except (SyntaxError, ValueError, OSError) as error:
            raise QueryError(f"the query failed: {error}") from error

    def _serialise(self, results: Any, media_type: str) -> Answer:
        if isinstance(results, ox.QueryBoolean):
            output = io.BytesIO()
            results.serialize(output, BOOLEAN_MEDIA_TYPES[media_type])
            return Answer(media_type, output.getvalue(), 1)
        if isinstance(results, ox.QueryTriples):
            triples = []
            for triple in results:
                triples.append(triple)
                if len(triples) > self.max_rows:
                    raise self._over_limit()
            body = ox.serialize(triples, format=GRAPH_MEDIA_TYPES[media_type], prefixes=PREFIXES)
            return Answer(media_type, body, len(triples))
        # SELECT: TSV first, through the row-limit writer (one header line, one line per row)
        sink = _RowLimitWriter(self.max_rows + 1)
        try:
            results.serialize(sink, ox.QueryResultsFormat.TSV)
        except _TooManyRows:
            raise self._over_limit() from None
        except OSError as error:  # pyoxigraph may wrap the writer's exception
            if sink.lines > sink.max_lines:
                raise self._over_limit() from error
            raise
        tsv = sink.buffer.getvalue()
        rows = max(sink.lines - 1, 0)
        wanted = RESULT_MEDIA_TYPES[media_type]
        if wanted == ox.QueryResultsFormat.TSV:
            return Answer(media_type, tsv, rows)
        output = io.BytesIO()
        ox.parse_query_results(tsv, ox.QueryResultsFormat.TSV).serialize(output, wanted)
        return Answer(media_type, output.getvalue(), rows)

    def _over_limit(self) -> QueryLimitExceeded:
        return QueryLimitExceeded(
            f"the query returns more than {self.max_rows:,} rows, this endpoint's row limit; add a LIMIT or narrow the pattern"
        )


def checked_named(name: str, parameters: Mapping[str, str]) -> NamedQuery:
    """The query of `queries/` called `name`, once `parameters` are known to be its own.

    Raises QueryError naming the queries there, or the parameters the query takes.
    """
    named = resolve_query(name)
    if named.name == "inline":
        raise QueryError(f"{name!r} is not the name of a query in queries/")
    check_parameters(named, parameters)
    if not named.parameters and parameters:
        raise QueryError(f"query {named.name} has no parameter {', '.join(sorted(parameters))}; its parameters: none")
    return named


def named_media_type(name: str, parameters: Mapping[str, str], accept: str, format_name: str | None) -> str:
    """The media type to answer a named query in: its checks and negotiation without running it
    (cheap, so `serve` does them before looking for a kept page). Raises QueryError, NotAcceptable."""
    return negotiate(query_features(checked_named(name, parameters).text).form, accept, format_name)


def reencode(answer: Answer, media_type: str) -> Answer:
    """`answer` (in a CANONICAL_MEDIA_TYPES format) in `media_type`, another format of the same form."""
    if answer.media_type == media_type:
        return answer
    if media_type in GRAPH_MEDIA_TYPES:
        triples = ox.parse(answer.body, format=GRAPH_MEDIA_TYPES[answer.media_type])
        return Answer(media_type, ox.serialize(triples, format=GRAPH_MEDIA_TYPES[media_type], prefixes=PREFIXES), answer.rows)
    output = io.BytesIO()
    ox.parse_query_results(answer.body, RESULT_MEDIA_TYPES[answer.media_type]).serialize(output, RESULT_MEDIA_TYPES[media_type])
    return Answer(media_type, output.getvalue(), answer.rows)
