"""Validating user-supplied RDF files and the whole store (the `validate` command)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.util import guess_format

from graph.errors import RdfInputError
from graph.store import GraphStore
from graph.validation import ValidationReport, context_graph, validate_graph
from graph.vocabulary import load_vocabulary

MAX_RDF_BYTES = 512 * 1024 * 1024


def read_rdf_file(path: Path) -> Graph:
    """Parse an RDF file (format from its extension) into one merged graph.

    Raises RdfInputError naming the file when it is missing, too large or malformed.
    """
    path = Path(path)
    if not path.is_file():
        raise RdfInputError(f"{path}: no such file")
    if path.stat().st_size > MAX_RDF_BYTES:
        raise RdfInputError(f"{path}: larger than {MAX_RDF_BYTES // (1024 * 1024)} MiB; refusing to parse it")
    rdf_format = guess_format(str(path)) or "turtle"
    try:
        if rdf_format in ("trig", "nquads", "json-ld"):
            dataset = Dataset()
            dataset.parse(path, format=rdf_format)
            merged = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                merged.add((s, p, o))
            return merged
        return Graph().parse(path, format=rdf_format)
    except Exception as error:  # rdflib raises many parser-specific types; report them all by file
        raise RdfInputError(f"{path}: not valid {rdf_format}: {error}") from error


def validate_file(path: Path) -> ValidationReport:
    """SHACL report of an RDF file, checked with the vocabulary's types and class hierarchy."""
    return validate_graph(context_graph(read_rdf_file(path), load_vocabulary()))


def validate_store(store: GraphStore) -> ValidationReport:
    """SHACL report of everything in the store."""
    return validate_graph(context_graph(store.union_graph(), load_vocabulary()))
