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
query.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import shutil
import tempfile
from collections.abc import AsyncIterator
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

from graph.errors import NotAcceptable, QueryError, StoreError, shorten
from graph.query.queries import Page, list_queries
from graph.serve.cache import AnswerCache
from graph.serve.endpoint import Answer, QueryRequest, negotiate
from graph.serve.pool import Outcome, QueryPool, answer, answer_named
from graph.store.local import GraphStore
from graph.workers.guard import query_memory

MAX_QUERY_BYTES = 1_000_000
DEFAULT_PAGE = 1_000  # rows of a named query when the request gives no `limit`
QUERY_PAGE = Path(__file__).resolve().parent / "web" / "query.html"
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_OWNER = "serve.pid"  # in each checkpoint folder: the pid of the serve that made it
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


def requested_page(limit: str | None, offset: str | None) -> Page:
    """The page a `/queries/NAME` request asks for: `limit=` rows (DEFAULT_PAGE when not given,
    every row up to the row limit for `all`) after `offset=` rows. Raises QueryError."""
    def whole(name: str, value: str) -> int:
        if not value.isdigit():
            raise QueryError(f"{name}= must be a whole number >= 0{' or all' if name == 'limit' else ''}, not {shorten(value)!r}")
        return int(value)

    rows = None if limit == "all" else DEFAULT_PAGE if limit is None else whole("limit", limit)
    return Page(rows, whole("offset", offset) if offset is not None else 0)


def snapshot_store(store: Path) -> Path:
    """Checkpoint the store into a new folder beside it (hard links) and return its path.

    Opening the store for the checkpoint takes its lock, so a build that is running makes this
    fail with a clear StoreError instead of publishing a half-built store.
    """
    if not store.exists():
        raise StoreError(f"no store at {store}: run 'pledgegraph build ARTICLES --store {store}' first")
    primary = GraphStore(store, must_exist=True)
    parent = store.resolve().parent
    remove_stale_checkpoints(parent, store.name)
    try:
        folder = Path(tempfile.mkdtemp(prefix=f".{store.name}-serve-", dir=parent))
    except OSError:  # the store's folder is not writable: copy into the system temp folder
        folder = Path(tempfile.mkdtemp(prefix="pledgegraph-serve-"))
    (folder / _OWNER).write_text(str(os.getpid()), encoding="utf-8")
    target = folder / "snapshot"
    primary.oxigraph.backup(str(target))
    del primary  # releases the lock: builds may go on
    return target


def remove_stale_checkpoints(parent: Path, store_name: str) -> list[Path]:
    """Remove the checkpoints of `serve` processes that ended without cleaning up (killed).

    Each checkpoint folder records the pid of the `serve` that made it; a folder whose process
    is gone is debris. Returns the folders removed.
    """
    removed = []
    for folder in parent.glob(f".{store_name}-serve-*"):
        try:
            owner = int((folder / _OWNER).read_text(encoding="utf-8"))
            os.kill(owner, 0)
            continue  # that serve is still running
        except ProcessLookupError:
            pass
        except (OSError, ValueError):
            continue  # not ours to judge (no owner file, or another user's process)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


# ---------------------------------------------------------------------------- the application
def create_app(settings: ServeSettings) -> Starlette:
    """The Starlette application; the worker pool starts and stops with it."""
    state: dict[str, object] = {}
    answers: AnswerCache[Outcome] = AnswerCache(settings.cache_bytes)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        snapshot = snapshot_store(settings.store)
        pool = QueryPool(snapshot, settings.workers, settings.max_rows, settings.memory, settings.timeout)
        state["pool"] = pool
        try:
            yield
        finally:
            pool.stop()
            shutil.rmtree(snapshot.parent, ignore_errors=True)

    async def run(request: Request, function: object, *args: object, page: Page | None = None) -> Response:
        """The answer to a request: kept from an earlier identical request (the snapshot served
        never changes), or awaited from an identical request under way, or computed in a worker."""
        key = (getattr(function, "__name__", ""), repr(args))
        outcome = answers.get(key)
        while outcome is None:
            under_way = answers.under_way(key)
            if under_way is None:
                outcome = await compute(request, key, function, args)
                if outcome is None:
                    return _client_gone()
            elif not await _until_done(under_way, request):
                return _client_gone()
            else:
                outcome = under_way.result()  # None: its client left first; then compute it here
        if not isinstance(outcome, Answer):
            return _error(*outcome)
        headers = {"X-Result-Rows": str(outcome.rows)}
        if page is not None:
            headers |= _page_headers(request, page, outcome.rows)
        return Response(outcome.body, media_type=outcome.media_type, headers=headers)

    async def compute(request: Request, key: tuple[str, str], function: object, args: tuple[object, ...]) -> Outcome | None:
        """Compute in a worker, telling identical requests that arrive meanwhile; keep an answer."""
        answers.start(key)
        outcome = None
        try:
            outcome = await state["pool"].run(lambda future: _until_done(future, request), function, args)  # type: ignore[attr-defined]
        finally:
            if isinstance(outcome, Answer):
                answers.keep(key, outcome, len(outcome.body))
            answers.finish(key, outcome)
        return outcome

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
        return await run(request, answer, query_request)

    async def queries(request: Request) -> Response:
        return JSONResponse(
            [{"name": q.name, "description": q.description, "parameters": list(q.parameters), "text": q.text} for q in list_queries()]
        )

    async def named_query(request: Request) -> Response:
        parameters = {name: value for name, value in request.query_params.multi_items() if name not in ("format", "limit", "offset")}
        format_name = request.query_params.get("format")
        try:
            page = requested_page(request.query_params.get("limit"), request.query_params.get("offset"))
        except QueryError as error:
            return _error(400, str(error))
        return await run(request, answer_named, request.path_params["name"], parameters, request.headers.get("accept", "*/*"),
                         format_name, page, page=page)

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


async def _until_done(future: asyncio.Future[object], request: Request) -> bool:
    """Wait for `future`; False as soon as the client has hung up instead."""
    while not (await asyncio.wait({future}, timeout=_CLIENT_POLL))[0]:
        if await request.is_disconnected():
            return False
    return True


def _page_headers(request: Request, page: Page, rows: int) -> dict[str, str]:
    """Which page this is (`X-Page-Limit`, `X-Page-Offset`) and, when it is full, a `Link` to
    the next one (RFC 8288), so a client can walk the whole table."""
    headers = {"X-Page-Limit": "all" if page.limit is None else str(page.limit), "X-Page-Offset": str(page.offset)}
    if page.limit is not None and rows >= page.limit > 0:
        following = request.url.include_query_params(limit=page.limit, offset=page.offset + page.limit)
        headers["Link"] = f'<{following}>; rel="next"'
    return headers


def _client_gone() -> Response:
    return _error(503, "the client went away; its query was dropped")


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
    """Serve until interrupted (uvicorn); the CLI warns when the host is not loopback."""
    import uvicorn

    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")


def is_loopback(host: str) -> bool:
    """Whether `host` only accepts connections from this machine."""
    return host in _LOOPBACK or host.startswith("127.")
