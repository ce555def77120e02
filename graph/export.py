"""Writing the graph for partner tools: Turtle, TriG, N-Triples, N-Quads, JSON-LD.

Exports are deterministic (sorted statements, fixed prefixes, no blank nodes in our data), so
the same store gives byte-identical files that diff cleanly.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from graph.errors import PledgeGraphError
from graph.store import GraphStore

EXPORT_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
_EXTENSIONS = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".nq": "nquads", ".jsonld": "jsonld", ".json": "jsonld"}


def format_for(path: Path, fmt: str | None) -> str:
    """The export format: the one asked for, else the one the file extension names."""
    if fmt:
        if fmt not in EXPORT_FORMATS:
            raise PledgeGraphError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        return fmt
    try:
        return _EXTENSIONS[path.suffix.lower()]
    except KeyError:
        raise PledgeGraphError(
            f"cannot tell the format of {path} from its extension; use --format ({', '.join(EXPORT_FORMATS)})"
        ) from None


def export(store: GraphStore, path: Path, fmt: str | None = None) -> str:
    """Write the store to `path`; Turtle, N-Triples and JSON-LD get the merged graph.

    Returns the format name used. The file is written to a temporary name first and renamed,
    so a failed export never leaves a truncated file behind.
    """
    name = format_for(path, fmt)
    temporary = path.with_name(path.name + ".partial")
    with temporary.open("wb") as output:
        store.dump(output, EXPORT_FORMATS[name])
    temporary.replace(path)
    return name
