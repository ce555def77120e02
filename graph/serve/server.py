"""`pledgegraph serve`: a read-only SPARQL 1.1 Protocol endpoint (Starlette + uvicorn).

Routes:
  GET  /                  the query page (one HTML file, no CDN: works with no internet)
  GET  /sparql            `?query=` (and `default-graph-uri`, `named-graph-uri`, `format`);
                          without a query, the SPARQL service description
  POST /sparql            form-encoded `query=`, or a body of type application/sparql-query
  GET  /queries           the named queries of `queries/` (JSON: name, description, parameters, text)
  GET  /queries/{name}    a named query, one page of it (`limit=`, default 1,000 rows, or `all`;
                          `offset=`); other request parameters bind its variables

Safety: read-only (updates get 403), SERVICE and graphs the store does not hold refused (403),
a time limit (503), a memory ceiling (503) and a row limit (413) per query. Queries run in worker
processes, never on the event loop, so one slow query does not stall the others; a worker past
the time limit, or whose client has hung up, is killed and replaced (pebble), which is the only
way to stop a running Oxigraph query. A worker past its memory ceiling (an address-space limit,
`graph/query/worker.py`) fails alone and is replaced.

The workers read a snapshot of the store taken at start (an Oxigraph checkpoint: hard links,
cheap), so a `build` may write the store while it is served; restart `serve` to publish it.
Since that snapshot never changes, answers are kept by request for the life of the process
(`graph/serve/cache.py`, `--cache` MiB), and identical requests that arrive together share one
query. A named query's page is kept once and re-encoded for each format asked. Before it listens,
`serve` computes the first page of every named query (`graph/serve/warming.py`), so the first
wave of clients on a new snapshot finds them kept instead of queueing behind the slow ones.
"""

from __future__ import annotations

import asyncio
import ipaddress
import shutil
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from graph.errors import NotAcceptable, PledgeGraphError, QueryError, shorten
from graph.query.queries import Page, list_queries
from graph.serve.cache import AnswerCache, Waiter
from graph.serve.endpoint import Answer, QueryRequest, named_media_type, negotiate
from graph.serve.pool import (
    Outcome,
    QueryPool,
    answer,
    in_media_type,
    named_rows,
    snapshot_store,
    status_of,
)
from graph.serve.warming import warm
from graph.workers.guard import query_memory

MAX_QUERY_BYTES = 1_000_000
DEFAULT_PAGE = 1_000  # rows of a named query when the request gives no `limit`
QUERY_PAGE = Path(__file__).resolve().parent / "web" / "query.html"
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_CLIENT_POLL = 0.25  # seconds between checks that a waiting query's client is still connected


@dataclass(frozen=True)
class ServeSettings:
    """How the endpoint runs: the store, limits and worker processes."""

    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0  # seconds per query
    max_rows: int = 100_000
    workers: int = 2
    memory: int = field(default_factory=query_memory)  # bytes of address space per query worker; 0: no ceiling
    cache_bytes: int = 64 * 2**20  # answer bodies kept for repeated requests (graph/serve/cache.py); 0: none
    warm: bool = True  # compute each named query's first page before listening (graph/serve/warming.py)


def requested_page(limit: str | None, offset: str | None) -> Page:
    """The page a `/queries/NAME` request asks for: `limit=` rows (DEFAULT_PAGE when not given,
    every row up to the row limit for `all`) after `offset=` rows. Raises QueryError."""
    def whole(name: str, value: str) -> int:
        if not value.isdigit():
            raise QueryError(f"{name}= must be a whole number >= 0{' or all' if name == 'limit' else ''}, not {shorten(value)!r}")
        return int(value)

    rows = None if limit == "all" else DEFAULT_PAGE if limit is None else whole("limit", limit)
    return Page(rows, whole("offset", offset) if offset is not None else 0)


# ---------------------------------------------------------------------------- the application
def create_app(settings: ServeSettings, snapshot: Path, stopping: Callable[[], bool] = lambda: False) -> Starlette:
    """The Starlette application over `snapshot` (`snapshot_store`), which it removes when it
    stops; the worker pool starts and stops with it, and unless `settings.warm` is off it
    computes the first page of every named query before the app takes requests
    (`graph/serve/warming.py`; `stopping()` true cuts that short)."""
    state: dict[str, QueryPool] = {}
    answers: AnswerCache[Outcome] = AnswerCache(settings.cache_bytes, size_of=_kept_size)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        state["pool"] = QueryPool(snapshot, settings.workers, settings.max_rows, settings.memory, settings.timeout)
        try:
            if settings.warm and settings.cache_bytes:
                print(f"warming: the first page of every named query, {settings.workers} at a time; the port opens after", file=sys.stderr, flush=True)
                warmed = await warm(first_page, stopping)
                print(f"{warmed.text()}; {answers.bytes / 2**20:.1f} of {settings.cache_bytes / 2**20:g} MiB of answers kept",
                      file=sys.stderr, flush=True)
            yield
        finally:
            state["pool"].stop()
            shutil.rmtree(snapshot.parent, ignore_errors=True)  # here: uvicorn ends a SIGTERM'd process right after

    async def named_page(name: str, parameters: dict[str, str], page: Page, media_type: str, until_done: Waiter) -> tuple[Outcome | None, str]:
        """One page of a named query in `media_type`, and whether its query ran for it (`obtain`).

        The page is computed once in its canonical format and kept; each other format is
        re-encoded from it (in a worker) and kept too, so one computation serves every format.
        """
        key = ("rows", name, tuple(sorted(parameters.items())), page)
        rows, how = await answers.obtain(key, lambda: state["pool"].run(until_done, named_rows, (name, parameters, page)), until_done)
        if not isinstance(rows, Answer) or rows.media_type == media_type:
            return rows, how
        given, _ = await answers.obtain(key + (media_type,), lambda: state["pool"].run(until_done, in_media_type, (rows, media_type)), until_done)
        return given, how

    async def first_page(name: str, until_done: Waiter) -> Outcome | None:
        """What a request for `name` with no parameters, page or Accept gets (for warming)."""
        try:
            media_type = named_media_type(name, {}, "*/*", None)
        except QueryError as error:
            return status_of(error), str(error)
        return (await named_page(name, {}, requested_page(None, None), media_type, until_done))[0]

    async def sparql(request: Request) -> Response:
        fields = list(request.query_params.multi_items())
        if request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = await _read_body(request)
            if body is None:
                return _error(413, f"the request is larger than {MAX_QUERY_BYTES:,} bytes")
            if content_type == "application/sparql-update":
                return _read_only()
            if content_type == "application/sparql-query":
                fields.append(("query", body.decode("utf-8", errors="replace")))
            elif content_type == "application/x-www-form-urlencoded":
                fields.extend(parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True))
            else:
                return _error(415, "send the query form-encoded (query=...) or as application/sparql-query")
        names = [name for name, _ in fields]
        if "update" in names:
            return _read_only()
        queries = [value for name, value in fields if name == "query"]
        if not queries:
            if request.method == "GET":
                return _service_description(request)
            return _error(400, "no query: send a 'query' parameter")
        if len(queries) > 1:
            return _error(400, "send one 'query' parameter, not several")
        query_request = QueryRequest(
            text=queries[0],
            accept=request.headers.get("accept", "*/*"),
            format=next((value for name, value in fields if name == "format"), None),
            default_graphs=tuple(value for name, value in fields if name == "default-graph-uri"),
            named_graphs=tuple(value for name, value in fields if name == "named-graph-uri"),
        )
        until_done = _client_of(request)
        outcome, how = await answers.obtain(("protocol", repr(query_request)),
                                            lambda: state["pool"].run(until_done, answer, (query_request,)), until_done)
        return _respond(request, outcome, how)

    async def queries(request: Request) -> Response:
        return JSONResponse(
            [{"name": q.name, "description": q.description, "parameters": list(q.parameters), "text": q.text} for q in list_queries()]
        )

    async def named_query(request: Request) -> Response:
        parameters = {name: value for name, value in request.query_params.multi_items() if name not in ("format", "limit", "offset")}
        name = request.path_params["name"].removesuffix(".rq")
        try:
            page = requested_page(request.query_params.get("limit"), request.query_params.get("offset"))
            media_type = named_media_type(name, parameters, request.headers.get("accept", "*/*"), request.query_params.get("format"))
        except QueryError as error:  # checked here, cheaply, before a kept page is looked for
            return _error(status_of(error), str(error))
        outcome, how = await named_page(name, parameters, page, media_type, _client_of(request))
        return _respond(request, outcome, how, page)

    async def page(request: Request) -> Response:
        return FileResponse(QUERY_PAGE, media_type="text/html; charset=utf-8")

    routes = [
        Route("/", page, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/queries", queries, methods=["GET"]),
        Route("/queries/{name}", named_query, methods=["GET"]),
    ]
    return Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(HostGuard, allowed=allowed_hosts(settings.host))])


def allowed_hosts(bound: str) -> frozenset[str]:
    """The names a request's Host header may give: the bound address, this machine's names and,
    on loopback, localhost. Any address literal is fine too (DNS rebinding needs a name)."""
    import socket

    names = {bound.lower().strip("[]"), "localhost"}
    if not is_loopback(bound):
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return frozenset(names)


class HostGuard:
    """ASGI middleware: refuse requests whose Host is a name this server does not go by.

    A web page can make a browser send requests to 127.0.0.1 under a name of its own (DNS
    rebinding), then read the answers as same-origin; the Host header still carries that name.
    """

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self._allowed(Headers(scope=scope).get("host", "")):
            await _error(400, "the Host header names a host this endpoint does not serve; use its address or localhost")(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _allowed(self, host: str) -> bool:
        name = host.lower()
        if not name:  # HTTP/1.0 without Host: no browser sends that
            return True
        if name.startswith("["):  # an IPv6 literal, with or without a port
            name = name[1:].split("]", 1)[0]
        elif name.count(":") == 1:
            name = name.rsplit(":", 1)[0]
        try:
            ipaddress.ip_address(name)
            return True
        except ValueError:
            return name.rstrip(".") in self.allowed


def _client_of(request: Request) -> Waiter:
    """Waits for a future; False as soon as the client of `request` has hung up instead."""
    async def until_done(future: asyncio.Future[object]) -> bool:
        while not (await asyncio.wait({future}, timeout=_CLIENT_POLL))[0]:
            if await request.is_disconnected():
                return False
        return True

    return until_done


def _respond(request: Request, outcome: Outcome | None, how: str, page: Page | None = None) -> Response:
    """The HTTP answer: the body with its row count (and page) headers, and `X-Cache` saying
    whether the query ran for this request (`miss`) or not (`hit`: kept; `shared`: an identical
    request's computation under way); an error as plain text; 503 when the client left."""
    if outcome is None:
        return _error(503, "the client went away; its query was dropped")
    if not isinstance(outcome, Answer):
        return _error(*outcome)
    headers = {"X-Result-Rows": str(outcome.rows), "X-Cache": how}
    if page is not None:
        headers |= _page_headers(request, page, outcome.rows)
    return Response(outcome.body, media_type=outcome.media_type, headers=headers)


def _kept_size(outcome: Outcome) -> int | None:
    """The bytes an answer takes in the cache; None for an error (errors are never kept)."""
    return len(outcome.body) if isinstance(outcome, Answer) else None


def _page_headers(request: Request, page: Page, rows: int) -> dict[str, str]:
    """Which page this is (`X-Page-Limit`, `X-Page-Offset`) and, when it is full, a `Link` to
    the next one (RFC 8288), so a client can walk the whole table."""
    headers = {"X-Page-Limit": "all" if page.limit is None else str(page.limit), "X-Page-Offset": str(page.offset)}
    if page.limit is not None and rows >= page.limit > 0:
        following = request.url.include_query_params(limit=page.limit, offset=page.offset + page.limit)
        headers["Link"] = f'<{following}>; rel="next"'
    return headers


async def _read_body(request: Request) -> bytes | None:
    """The request body, or None once it passes MAX_QUERY_BYTES (read no further)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_QUERY_BYTES:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_QUERY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _error(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


def _read_only() -> Response:
    return _error(403, "this endpoint is read-only: SPARQL updates are refused")


def _service_description(request: Request) -> Response:
    try:
        media_type = negotiate("construct", request.headers.get("accept", "*/*"), request.query_params.get("format"))
    except NotAcceptable as error:
        return _error(406, str(error))
    endpoint = str(request.url.replace(query=""))
    return Response(_service_description_bytes(endpoint, media_type), media_type=media_type)


@lru_cache(maxsize=8)
def _service_description_bytes(endpoint: str, media_type: str) -> bytes:
    """The SPARQL 1.1 Service Description of this endpoint, in `media_type`."""
    import pyoxigraph as ox
    from rdflib import BNode, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import RDF

    from graph.serve.endpoint import GRAPH_MEDIA_TYPES

    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    formats = Namespace("http://www.w3.org/ns/formats/")
    graph = Graph()
    graph.bind("sd", sd)
    service = URIRef(endpoint)
    graph.add((service, RDF.type, sd.Service))
    graph.add((service, sd.endpoint, service))
    graph.add((service, sd.supportedLanguage, sd.SPARQL11Query))
    graph.add((service, sd.feature, sd.UnionDefaultGraph))
    for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        graph.add((service, sd.resultFormat, formats[name]))
    dataset = BNode("dataset")
    graph.add((service, sd.defaultDataset, dataset))
    graph.add((dataset, RDF.type, sd.Dataset))
    graph.add((service, URIRef("http://purl.org/dc/terms/description"), Literal("pledgegraph: read-only SPARQL endpoint over a knowledge graph of military support to Ukraine")))
    data = graph.serialize(format="nt", encoding="utf-8")
    return ox.serialize(ox.parse(data, format=ox.RdfFormat.N_TRIPLES), format=GRAPH_MEDIA_TYPES[media_type], prefixes={"sd": str(sd)})


def run_serve(settings: ServeSettings) -> None:
    """Serve until interrupted (uvicorn); the CLI warns when the host is not loopback.

    The port and the store are checked here, before uvicorn, so a port in use or a missing or
    locked store is one line from the CLI at once (not after warming; and inside the app's
    start-up uvicorn would print a traceback).
    uvicorn opens the socket once the app has started, so clients connect only after warming;
    a Ctrl-C or SIGTERM meanwhile (uvicorn's `should_exit`) stops warming at once.
    """
    import uvicorn

    _check_port(settings.host, settings.port)
    snapshot = snapshot_store(settings.store)
    try:
        app = create_app(settings, snapshot, stopping=lambda: server.should_exit)
        server = uvicorn.Server(uvicorn.Config(app, host=settings.host, port=settings.port, log_level="warning"))
        try:
            server.run()
        except KeyboardInterrupt:
            pass
    finally:
        shutil.rmtree(snapshot.parent, ignore_errors=True)  # when the app never started (port taken)
    if not server.started:
        sys.exit(3)  # as uvicorn.run: the app did not start (its log says why)


def _check_port(host: str, port: int) -> None:
    """Raise PledgeGraphError if nothing could listen on `host`:`port` now (in use, or no such
    address), as uvicorn would find only after warming; the socket is closed again at once."""
    import socket

    try:
        family, kind, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        with socket.socket(family, kind) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as asyncio's server does
            probe.bind(address)
    except OSError as error:
        raise PledgeGraphError(f"cannot listen on {host}:{port}: {error.strerror or error}; give another --port or --host") from error


def is_loopback(host: str) -> bool:
    """Whether `host` only accepts connections from this machine."""
    return host in _LOOPBACK or host.startswith("127.")
