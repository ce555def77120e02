"""Writing the graph for partner tools: RDF files, GraphML, CSV tables, a VoID/DCAT catalogue.

Exports are deterministic (sorted statements, fixed prefixes, no blank nodes in our data,
queries with a total order), so the same store gives byte-identical files that diff cleanly.
Every file is written to a temporary name and renamed, so a failed export never leaves a
truncated file behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from graph.errors import PledgeGraphError
from graph.export.catalog import ExportedFile
from graph.store.base import ReadableStore, Store

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
OTHER_FORMATS = ("graphml", "csv")
TABLES = ("claims", "actors")  # CSV exports: the two contract tables of DESIGN.md
_EXTENSIONS = {
    ".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "jsonld", ".json": "jsonld",
    ".graphml": "graphml", ".csv": "csv",
}
MEDIA_TYPES = {
    "turtle": "text/turtle",
    "trig": "application/trig",
    "nt": "application/n-triples",
    "nquads": "application/n-quads",
    "jsonld": "application/ld+json",
    "graphml": "application/graphml+xml",
    "csv": "text/csv",
}


def format_for(path: Path, fmt: str | None) -> str:
    """The export format: the one asked for, else the one the file extension names."""
    known = (*EXPORT_FORMATS, *OTHER_FORMATS)
    if fmt:
        if fmt not in known:
            raise PledgeGraphError(f"unknown export format {fmt!r}; choose one of {', '.join(known)}")
        return fmt
    try:
        return _EXTENSIONS[path.suffix.lower()]
    except KeyError:
        raise PledgeGraphError(f"cannot tell the format of {path} from its extension; use --format ({', '.join(known)})") from None


def export(store: ReadableStore, path: Path, fmt: str | None = None, table: str = "claims") -> str:
    """Write the store to `path` and return the format name used.

    RDF formats: Turtle, N-Triples and JSON-LD get the merged graph, TriG and N-Quads keep one
    named graph per article. `graphml` writes the support network (graph/export/networks.py), `csv`
    the claims or actors table (`table`).
    """
    name = format_for(path, fmt)
    if name == "graphml":
        from graph.export.networks import support_edges, support_network, write_graphml

        network = support_network(support_edges(store))
        _write_atomically(path, lambda output: write_graphml(network, output))
    elif name == "csv":
        _write_atomically(path, lambda output: write_table(store, table, output))
    else:
        _write_atomically(path, lambda output: store.dump(output, EXPORT_FORMATS[name]))
    return name


def write_table(store: Store, table: str, output: IO[bytes]) -> None:
    """Write a contract table (`claims` or `actors`) as SPARQL CSV (RFC 4180, UTF-8)."""
    from graph.query.queries import resolve_query, run_query

    if table not in TABLES:
        raise PledgeGraphError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    results = run_query(store, resolve_query("claims_table" if table == "claims" else "actors"))
    results.serialize(output, ox.QueryResultsFormat.CSV)


def _write_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    temporary = path.with_name(path.name + ".partial")
    try:
        with temporary.open("wb") as output:
            write(output)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)


# the bundle `publish` writes: file name, format, table (used by csv only), title
BUNDLE = (
    ("pledgegraph.ttl", "turtle", "claims", "The merged graph, Turtle"),
    ("pledgegraph.trig", "trig", "claims", "One named graph per article, TriG"),
    ("pledgegraph.nt", "nt", "claims", "The merged graph, N-Triples"),
    ("pledgegraph.jsonld", "jsonld", "claims", "The merged graph, JSON-LD"),
    ("pledgegraph.graphml", "graphml", "claims", "The actor-system support network, GraphML"),
    ("claims.csv", "csv", "claims", "The claims table, CSV"),
    ("actors.csv", "csv", "actors", "The actors table, CSV"),
)
CATALOGUE_FILE = "void.ttl"


def publish(store: ReadableStore, folder: Path, *, base_url: str | None = None, endpoint: str | None = None) -> list[ExportedFile]:
    """Write every export into `folder`, plus `void.ttl` (VoID and DCAT) describing them.

    `base_url` is where the files will be downloadable (default: the folder's file: URL);
    `endpoint` the SPARQL endpoint serving the same data, if any. Returns the files written.
    """
    from graph.export.catalog import write_catalogue

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, fmt, table, title in BUNDLE:
        path = folder / file_name
        export(store, path, fmt, table)
        written.append(ExportedFile(path, fmt, MEDIA_TYPES[fmt], title))
    base = base_url or folder.resolve().as_uri() + "/"
    catalogue = folder / CATALOGUE_FILE
    _write_atomically(catalogue, lambda output: write_catalogue(store, written, output, base_url=base, endpoint=endpoint))
    written.append(ExportedFile(catalogue, "turtle", MEDIA_TYPES["turtle"], "VoID and DCAT description of the dataset"))
    return written
