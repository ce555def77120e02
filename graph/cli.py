"""The `pledgegraph` command line: thin commands that each call one library function.

Exit codes: 0 ok, 1 validation failed, 2 error. Progress goes to stderr, data to stdout.
Heavy libraries are imported inside the commands so `pledgegraph --help` stays fast.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Optional, overload

import typer
from rich.console import Console

from graph.errors import PledgeGraphError, QueryRefused, shorten, shown
from graph.workers.interrupts import Interrupted
from graph.workers.interrupts import install as install_ctrl_c

if TYPE_CHECKING:
    from graph.pipeline import ArticleOutcome
    from graph.store.base import ReadableStore, Store

app = typer.Typer(
    name="pledgegraph",
    help="Turn news about military support to Ukraine into a validated, queryable RDF knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# What users wrote (file names, front matter, ids, queries) is printed as text, never read as
# console markup or emoji codes: neither console interprets "[...]" or ":name:".
err = Console(stderr=True, soft_wrap=True, markup=False, emoji=False, highlight=False)  # a report line per file, never wrapped mid-path
out = Console(markup=False, emoji=False, highlight=False)


def _say(label: str, style: str, message: str) -> None:
    """One report line on stderr: a coloured label, then the message as plain text."""
    from rich.text import Text

    err.print(Text.assemble((label, style), message))

StoreOption = typer.Option(
    "pledgegraph-store", "--store", help="Store folder (created by build), or the URL of a SPARQL 1.1 server (see README)."
)


MemoryOption = typer.Option(
    None, "--memory", help="Memory ceiling per query worker: bytes or e.g. 512M, 4G; 0 for none (default: $PLEDGEGRAPH_QUERY_MEMORY or 2G)."
)


# A command finding its store folder in use by another pledgegraph process queues this long
LOCK_WAIT_SECONDS = 600.0


@overload
def _open(store: str, *, must_exist: bool = True, readable: Literal[True]) -> ReadableStore: ...
@overload
def _open(store: str, *, must_exist: bool = True, readable: Literal[False] = False) -> Store: ...
def _open(store: str, *, must_exist: bool = True, readable: bool = False) -> Store:
    """The `--store` of a command, queued behind another process using the same folder."""
    from graph.store.factory import open_store, readable_store

    def tell(message: str) -> None:
        err.print(message, highlight=False)

    if readable:
        return readable_store(store, wait=LOCK_WAIT_SECONDS, on_wait=tell)
    return open_store(store, must_exist=must_exist, wait=LOCK_WAIT_SECONDS, on_wait=tell)


def _fail(error: PledgeGraphError, code: int = 2) -> None:
    _say("error:", "red", f" {error}")
    raise typer.Exit(code)


@contextmanager
def _reported(refused_hint: str = "") -> Iterator[None]:
    """Report a `PledgeGraphError` raised in the block as one line on stderr and exit 2.

    Every command runs its library calls in this block, so errors look the same everywhere.
    `refused_hint` is added to a refused update (the `query` command's "give --write").
    """
    try:
        yield
    except QueryRefused as error:
        _fail(QueryRefused(f"{error}{refused_hint}") if error.update and refused_hint else error)
    except PledgeGraphError as error:
        _fail(error)


@app.command()
def build(
    paths: list[Path] = typer.Argument(..., help="Article files (.txt, .md, .html) or folders of them."),
    store: str = StoreOption,
) -> None:
    """Read, extract, validate and commit articles; bad files are reported and skipped.

    Each file's outcome is printed as soon as it is known: an "ok" line means the article is
    committed, so the log of an interrupted build says what the store holds.
    """
    from rich.progress import Progress

    from graph.pipeline import build as build_store

    committed = 0
    try:
        with _reported():
            graph_store = _open(store, must_exist=False)
            with Progress(console=err, transient=True) as progress:
                task = progress.add_task("building", total=None)

                def report(outcome: ArticleOutcome) -> None:
                    nonlocal committed
                    progress.advance(task)
                    committed += outcome.committed
                    if outcome.committed:
                        err.print(f"ok      {shown(outcome.path)}: {outcome.claims} claims, {outcome.triples} triples")
                        for warning in outcome.warnings:
                            _say("warning", "yellow", f" {shown(outcome.path)}: {warning}")
                    else:
                        _say("FAILED", "red", f"  {shown(outcome.path)}: {outcome.problem}")

                summary = build_store(paths, graph_store, progress=report)
    except Interrupted:
        err.print(f"interrupted after {committed} article(s) committed; the store holds whole articles only")
        raise
    for skipped in summary.skipped:
        err.print(f"skipped {shown(skipped.path)}: {skipped.reason}")
    err.print(
        f"{len(summary.committed)} article(s) committed, {len(summary.failed)} failed, {len(summary.skipped)} skipped; store: {store}",
        highlight=False,
    )
    if summary.failed:
        raise typer.Exit(1 if all(o.invalid for o in summary.failed) else 2)


@app.command()
def validate(
    file: Optional[Path] = typer.Argument(None, help="An RDF file to check; the store when omitted."),
    timeout: float = typer.Option(120.0, "--timeout", min=0.1, help="Stop the SHACL run after this many seconds (exit 2)."),
    store: str = StoreOption,
) -> None:
    """SHACL report of an RDF file, or of the whole store; exit 1 on violations."""
    from graph.rdf.validate import validate_file, validate_store

    with _reported():
        report = validate_file(file, timeout) if file is not None else validate_store(_open(store, readable=True), timeout)
    out.print(report.text(), highlight=False, soft_wrap=True)
    if not report.conforms:
        raise typer.Exit(1)


def _query_help() -> str:
    """The QUERY argument's help, naming the queries of queries/ (file names only: cheap)."""
    from graph.resources import queries_dir

    names = ", ".join(sorted(path.stem for path in queries_dir().glob("*.rq")))
    return f"A .rq file, a named query ({names}), or SPARQL text."


@app.command()
def query(
    query_text: str = typer.Argument(..., metavar="QUERY", help=_query_help()),
    param: list[str] = typer.Option([], "--param", help="Bind a variable: name=value (repeatable)."),
    fmt: str = typer.Option("table", "--format", help="table, csv, tsv or json."),
    limit: Optional[int] = typer.Option(None, "--limit", min=0, help="At most this many rows (a page); all rows when not given."),
    offset: int = typer.Option(0, "--offset", min=0, help="Skip this many rows first (with --limit: the next page)."),
    timeout: float = typer.Option(120.0, "--timeout", min=0.1, help="Stop the query after this many seconds."),
    write: bool = typer.Option(False, "--write", help="Allow a SPARQL update (INSERT, DELETE …) to change the store folder."),
    memory: Optional[str] = MemoryOption,
    store: str = StoreOption,
) -> None:
    """Run a query over the store and print the results, all or one page (updates only with --write)."""
    from graph.query.queries import Page, is_update, resolve_query
    from graph.query.worker import run_named_query, run_update
    from graph.workers.guard import query_memory

    with _reported(refused_hint="" if write else "; give --write to change a store folder"):
        named = resolve_query(query_text)
        ceiling = query_memory(memory)
        target = _open(store)  # queued behind a build before the time limit starts
        with _time_limit(timeout, f"query {named.name}"):
            if write and is_update(named.text):
                run_update(named.text, target, ceiling)
                err.print(f"update {named.name} applied to {store}", highlight=False)
                return
            output = run_named_query(named, param, fmt, target, ceiling, Page(limit, offset))
    if isinstance(output, str):
        sys.stdout.write(output)
    else:
        _print_table(named.name, *output)
        if param and not output[1]:
            err.print(f"no row matched {shorten(', '.join(param))}: the labels of the store are listed by 'pledgegraph query actors'")


@app.command()
def review(store: str = StoreOption) -> None:
    """Names the vocabulary lacks (systems, persons, organisations), with counts and an example sentence."""
    from graph.query.queries import resolve_query, run_query, solutions_to_rows

    with _reported():
        columns, rows = solutions_to_rows(run_query(_open(store), resolve_query("review")))
    if not rows:
        err.print("nothing to review: every name in the store is in the vocabulary", highlight=False)
        return
    _print_table("names the vocabulary lacks", columns, rows)
    err.print("add one with: pledgegraph vocabulary add NAME --kind system|person|organisation, then rebuild", highlight=False)


@contextmanager
def _time_limit(seconds: float, what: str) -> Iterator[None]:
    """End the process with a message when the block runs past `seconds`.

    Oxigraph evaluates a query without holding the GIL but cannot be interrupted, so a watchdog
    thread ends the process at the limit (exit code 2; an update in flight is not committed,
    and the store lock goes with the process).
    """

    def stop() -> None:
        _say("error:", "red", f" {what} ran past its time limit of {seconds:g} s and was stopped (raise it with --timeout)")
        sys.stderr.flush()
        os._exit(2)

    watchdog = threading.Timer(seconds, stop)
    watchdog.daemon = True
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()


def _print_table(title: str, columns: list[str], rows: list[list[str]]) -> None:
    """A table that fits the terminal: one line per row, long cells cut with an ellipsis."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(f"{title}: {len(rows)} row(s)"), show_lines=False)
    for index, column in enumerate(columns):
        # short values (names, numbers) are kept whole; long ones (sentences) give way
        longest = max([len(column), *(len(row[index]) for row in rows)])
        table.add_column(Text(column), overflow="ellipsis", no_wrap=True, min_width=min(longest, 16), max_width=max(16, out.width // 3))
    for row in rows:
        table.add_row(*(Text(shown(cell)) for cell in row))
    out.print(table)
    if rows and table.__rich_measure__(out, out.options).maximum > out.width:
        err.print(f"cells are cut to the terminal's {out.width} columns; --format csv (or tsv, json) gives them whole")


@app.command()
def export(
    output: Path = typer.Argument(..., metavar="OUT", help="The file to write."),
    fmt: Optional[str] = typer.Option(
        None, "--format", help="turtle, trig, nt, nquads, jsonld, graphml or csv (default: from the extension)."
    ),
    table: str = typer.Option("claims", "--table", help="For csv: the claims or the actors table."),
    store: str = StoreOption,
) -> None:
    """Write the graph for partner tools (RDF, GraphML network, CSV table)."""
    from graph.export.export import export as export_store

    with _reported():
        used = export_store(_open(store, readable=True), output, fmt, table)
    err.print(f"wrote {output} ({used})", highlight=False)


@app.command()
def publish(
    folder: Path = typer.Argument(..., help="The folder to write the bundle into."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="Where the files will be downloadable (default: the folder's file: URL)."),
    endpoint: Optional[str] = typer.Option(None, "--endpoint", help="The SPARQL endpoint that serves this data, for the catalogue."),
    store: str = StoreOption,
) -> None:
    """Write every export (Turtle, TriG, N-Triples, JSON-LD, GraphML, CSV) and a VoID/DCAT catalogue."""
    from graph.export.export import publish as publish_bundle

    with _reported():
        files = publish_bundle(_open(store, readable=True), folder, base_url=base_url, endpoint=endpoint)
    for exported in files:
        err.print(f"wrote {exported.path} ({exported.media_type})", highlight=False)


@app.command()
def evaluate(
    gold_dir: Path = typer.Argument(..., help="Folder of gold YAML files."),
    articles: list[Path] = typer.Argument(..., help="The articles the gold describes (files or folders)."),
    calibrate: bool = typer.Option(False, "--calibrate", help="Write each pattern's precision as claim confidence."),
    calibration_file: Optional[Path] = typer.Option(
        None, "--calibration-file", help="Where --calibrate writes (default: graph/rdf/confidence.yaml of the source checkout)."
    ),
) -> None:
    """Precision, recall and F1 of the claims table against analyst gold."""
    from graph.evaluate import evaluate as run_evaluation
    from graph.rdf.confidence import (
        CALIBRATION_FILE,
        calibration_target,
        write_calibration,
    )

    with _reported():
        target = calibration_target(calibration_file) if calibrate else None  # refused before the slow part
        evaluation = run_evaluation(gold_dir, articles)
    out.print(evaluation.report(), highlight=False, soft_wrap=True, markup=False)
    if target is not None:
        write_calibration(evaluation.by_pattern(), target)
        applies = "rebuild to apply it" if target.resolve() == CALIBRATION_FILE else f"copy it to {CALIBRATION_FILE} to apply it"
        err.print(f"confidence per pattern written to {target}; {applies}", highlight=False)


@app.command()
def reason(
    store: str = StoreOption,
    timeout: float = typer.Option(600.0, "--timeout", help="Stop the reasoner after this many seconds."),
) -> None:
    """OWL reasoning with HermiT: consistency, and inferred roles in the graph 'inferred'."""
    from graph.reason.reasoning import reason as run_reasoner
    from graph.store.remote import is_remote

    with _reported():
        if is_remote(store):
            raise PledgeGraphError("reason works on a store folder; run it where the store is built, not against a SPARQL server")
        err.print("reasoning with HermiT …", highlight=False)
        report = run_reasoner(_open(store), timeout)
    out.print(report.text(), highlight=False, soft_wrap=True, markup=False)
    if not report.consistent:
        raise typer.Exit(1)


@app.command()
def remove(article_id: str = typer.Argument(..., help="The article id (file stem)."), store: str = StoreOption) -> None:
    """Take an article, and everything read from it, out of the store.

    Its graph goes; when the store holds OWL inferences, they are derived again from what is
    left, so none rests on the removed article.
    """
    from graph.reason.reasoning import refresh_inferences
    from graph.store.local import GraphStore

    with _reported():
        graph_store = _open(store)
        if not graph_store.remove_article(article_id):
            raise PledgeGraphError(f"the store {store} holds no article {article_id!r}")
        err.print(f"removed {article_id}", highlight=False)
        report = refresh_inferences(graph_store) if isinstance(graph_store, GraphStore) else None
    if report is not None:
        err.print(f"inferences derived again: {report.text()}", highlight=False)


@app.command()
def serve(
    store: str = StoreOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; loopback unless you mean otherwise."),
    port: int = typer.Option(7878, "--port", help="TCP port."),
    timeout: float = typer.Option(30.0, "--timeout", help="Time limit per query, in seconds."),
    max_rows: int = typer.Option(100_000, "--max-rows", help="Row (or triple) limit per query."),
    workers: int = typer.Option(2, "--workers", help="Worker processes that run queries."),
    memory: Optional[str] = MemoryOption,
    cache: int = typer.Option(64, "--cache", help="MiB of answers kept for repeated requests (the served snapshot never changes); 0: none."),
    warm: bool = typer.Option(True, "--warm/--no-warm", help="Compute every named query's first page before taking requests."),
) -> None:
    """Read-only SPARQL 1.1 Protocol endpoint at /sparql, with a query page at /."""
    from graph.serve.server import ServeSettings, is_loopback, run_serve
    from graph.store.remote import is_remote
    from graph.workers.guard import describe_size, query_memory

    if is_remote(store):
        _fail(PledgeGraphError("serve publishes a store folder; a SPARQL server already is an endpoint"))
    with _reported():
        ceiling = query_memory(memory)

    if not is_loopback(host):
        _say("warning:", "yellow", f" listening on {host}: other machines can query this store")
    settings = ServeSettings(Path(store), host, port, timeout, max_rows, max(workers, 1), ceiling, max(cache, 0) * 2**20, warm)
    per_query = f"{timeout:g} s, {max_rows:,} rows and {describe_size(ceiling) if ceiling else 'unbounded memory'} per query"
    err.print(
        f"serving {store} at http://{host}:{port}/sparql (read-only; {per_query}); "
        f"query page http://{host}:{port}/",
        highlight=False,
    )
    with _reported():
        run_serve(settings)


@app.command()
def viz(
    output: Path = typer.Argument(..., metavar="OUT.html", help="The page to write."),
    focus: Optional[str] = typer.Option(None, "--focus", help="Draw the neighbourhood of this actor or system (label or IRI)."),
    view: str = typer.Option("support", "--view", help="support (actors and systems) or flow (who pays and supplies whom)."),
    radius: int = typer.Option(1, "--radius", help="With --focus: how many steps around it."),
    max_nodes: int = typer.Option(300, "--max-nodes", help="Refuse to draw more nodes than this."),
    store: str = StoreOption,
) -> None:
    """Interactive network picture as one offline HTML page (pyvis)."""
    from graph.export.networks import support_edges
    from graph.viz.viz import draw

    with _reported():
        network = draw(support_edges(_open(store, readable=True)), output, focus=focus, view=view, radius=radius, max_nodes=max_nodes)
    err.print(f"wrote {output}: {network.number_of_nodes()} nodes, {network.number_of_edges()} edges", highlight=False)


vocabulary_app = typer.Typer(help="Extend the vocabulary with names the reference one lacks (then rebuild).", no_args_is_help=True)
app.add_typer(vocabulary_app, name="vocabulary")


@vocabulary_app.command("add")
def vocabulary_add(
    name: str = typer.Argument(..., help='The name as articles write it, e.g. "Skynex".'),
    kind: str = typer.Option(..., "--kind", help="system, person, organisation or state."),
    type_name: Optional[str] = typer.Option(None, "--type", help="An ontology class, e.g. AirDefenceSystem, DefenceCompany."),
    unit: Optional[str] = typer.Option(None, "--unit", help="Systems: what a bare count means (system, vehicle, aircraft …)."),
    alias: list[str] = typer.Option([], "--alias", help="Another spelling (repeatable)."),
    affiliation: Optional[str] = typer.Option(None, "--affiliation", help="People, organisations: the state they belong to."),
) -> None:
    """Add a name to the local vocabulary file; the next build recognises it."""
    from graph.curation import add_to_vocabulary

    with _reported():
        added = add_to_vocabulary(name, kind, type_name=type_name, unit=unit, aliases=tuple(alias), affiliation=affiliation)
    err.print(f"added <{added.iri}> ({added.type.rsplit('#', 1)[-1]}) to {added.file}; rebuild the articles to apply it", highlight=False)


def main() -> None:
    """Console-script entry point.

    Ctrl-C ends any command with exit code 130 and no traceback: the worker processes of
    `build`, `query` and `serve` ignore SIGINT (graph/workers/guard.py), this process alone
    handles it and stops them. An error no command expected still ends with one line naming it
    and exit code 2, never a Python traceback.
    """
    install_ctrl_c()
    try:
        app()
    except Exception as error:  # noqa: BLE001
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            _say("error:", "red", " the disk is full; free some space and run the command again")
        else:
            _say("error:", "red", f" {type(error).__name__}: {shorten(error, 300)} (this is a bug in pledgegraph; please report it with the command you ran)")
        sys.exit(2)
