"""Validating user-supplied RDF files and the whole store (the `validate` command)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.util import guess_format

from graph.errors import PledgeGraphError, RdfInputError, shorten
from graph.rdf.validation import ValidationReport, validate_in_context
from graph.store.base import ReadableStore
from graph.vocabulary import load_vocabulary
from graph.workers.guard import OverTime, time_limit

# Parsing holds the whole graph in memory (pySHACL needs it), so memory is bounded through the
# file size: rdflib needs a few times the file's size. A larger dataset belongs in a store.
MAX_RDF_BYTES = 256 * 1024 * 1024
# rdflib keeps a copy of an IRI or literal for every time it occurs, so a short file can stand for
# far more text than it holds (a 10 kB namespace used 150,000 times: 1.5 GB of IRIs, 4.7 GB of
# memory). Before rdflib parses it, Oxigraph reads the file as a stream and adds up the text of
# every term: a file whose terms come to more than this many times its size (or 64 MiB) is refused.
MAX_EXPANSION = 16
MIN_EXPANDED_BYTES = 64 * 1024 * 1024
# the time limit of a SHACL run of `validate`: the default time limit of a query
VALIDATION_SECONDS = 120.0
_OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "ntriples": ox.RdfFormat.N_TRIPLES,
               "n3": ox.RdfFormat.N3, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "xml": ox.RdfFormat.RDF_XML, "json-ld": ox.RdfFormat.JSON_LD}
# The document type declaration of an XML file is read from its first bytes; an entity may
# stand for a short piece of text (the usual namespace abbreviations of OWL files), nothing else.
_DTD_WINDOW = 1024 * 1024
MAX_ENTITY_CHARS = 512
MAX_ENTITY_EXPANSION = 16 * 1024 * 1024
_DOCTYPE = re.compile(rb"<!DOCTYPE\b")
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*\[(.*?)\]\s*>", re.DOTALL)
_ENTITY = re.compile(rb"<!ENTITY\s+(%\s+)?([^\s]+)\s+(?:(SYSTEM|PUBLIC)\b|\"([^\"]*)\"|'([^']*)')")


def read_rdf_file(path: Path) -> Graph:
    """Parse an RDF file (format from its extension) into one merged graph.

    Raises RdfInputError naming the file when it is missing, too large, malformed, or an XML
    file whose entities could expand beyond its size (nested, parameter or external entities).
    """
    path = Path(path)
    if not path.is_file():
        raise RdfInputError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_RDF_BYTES:
        raise RdfInputError(
            f"{path}: is {size // (1024 * 1024)} MiB, larger than {MAX_RDF_BYTES // (1024 * 1024)} MiB; refusing to parse it "
            "(load large datasets into a store instead)"
        )
    rdf_format = guess_format(str(path)) or "turtle"
    if rdf_format in ("xml", "trix"):
        check_xml_entities(path)
    check_expansion(path, rdf_format)
    try:
        if rdf_format == "xml":
            return _parse_rdf_xml(path)
        if rdf_format == "json-ld":
            return _parse_json_ld(path)
        if rdf_format in ("trig", "nquads"):
            dataset = Dataset()
            dataset.parse(path, format=rdf_format)
            merged = Graph()
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                merged.add((s, p, o))
            return merged
        return Graph().parse(path, format=rdf_format)
    except RdfInputError:
        raise
    except Exception as error:  # rdflib raises many parser-specific types; report them all by file
        raise RdfInputError(f"{path}: not valid {rdf_format}: {error}") from error


def check_expansion(path: Path, rdf_format: str) -> None:
    """Refuse a file whose terms, written out as often as they occur, are far larger than it.

    Oxigraph parses it as a stream (leniently, and with no document loader), so nothing but
    one statement at a time is held. A file Oxigraph cannot read is left to rdflib, which
    reports the syntax error in its own words.
    """
    format = _OX_FORMATS.get(rdf_format)
    if format is None:
        return
    size = path.stat().st_size
    budget = max(MAX_EXPANSION * size, MIN_EXPANDED_BYTES)
    expanded = 0
    try:
        for quad in ox.parse(path=str(path), format=format, lenient=True):
            expanded += len(quad.subject.value) + len(quad.predicate.value) + len(quad.object.value) + 8
            if expanded > budget:
                raise RdfInputError(
                    f"{path}: its IRIs and literals, written out as often as they occur, come to more than {budget // (1024 * 1024)} MiB "
                    f"(at most {MAX_EXPANSION} times the file's size, or {MIN_EXPANDED_BYTES // (1024 * 1024)} MiB; "
                    "a long IRI or namespace used many times?); refusing to parse it"
                )
    except SyntaxError:
        return


def _parse_json_ld(path: Path) -> Graph:
    """JSON-LD through Oxigraph's parser, which has no document loader: a remote `@context` or
    `@import` (a URL, a file: path) is an error, never a request or a file read."""
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.JSON_LD))
    except SyntaxError as error:
        if "LoadDocumentCallback" in str(error):
            raise RdfInputError(f"{path}: refers to a remote @context or @import; such documents are never fetched (inline the context)") from error
        raise
    data = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in quads), format=ox.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data, format="nt")


def _parse_rdf_xml(path: Path) -> Graph:
    """RDF/XML through rdflib, with the XML parser itself refusing dangerous entities.

    The byte-level check above reads the document type declaration as text and can be misled
    (a DOCTYPE behind a comment, UTF-16); here expat reports each entity declaration as it reads
    it, and refuses external, parameter and nested entities and long replacement texts
    (`_checked_declaration`), and the text the parser hands on, expansions included, is counted:
    at most the file's size plus MAX_ENTITY_EXPANSION characters. Character data is handed on
    in large buffers, so many small expansions do not make rdflib's text building quadratic.
    """
    from xml.parsers import expat

    from rdflib.parser import create_input_source
    from rdflib.plugins.parsers.rdfxml import create_parser

    graph = Graph()
    source = create_input_source(location=str(path), format="xml")
    parser = create_parser(source, graph)
    handler = parser.getContentHandler()
    room = [path.stat().st_size + MAX_ENTITY_EXPANSION]
    characters = handler.characters

    def counted(content: str) -> None:
        room[0] -= len(content)
        if room[0] < 0:
            raise RdfInputError(f"{path}: its entities expand to more than {MAX_ENTITY_EXPANSION // (1024 * 1024)} MiB of text; refusing to parse it")
        characters(content)

    def declared(name: str, parameter: bool, value: str | None, base: object, system_id: str | None, public_id: str | None, notation: str | None) -> None:
        _checked_declaration(path, name, parameter, value)

    def refused(*args: object) -> int:
        raise RdfInputError(f"{path}: refers to an external entity; refusing to read it")

    reset = parser.reset

    def defused_reset() -> None:
        reset()
        raw = parser._parser  # type: ignore[attr-defined]  # the expat parser, made anew by each reset
        raw.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        raw.EntityDeclHandler = declared
        raw.ExternalEntityRefHandler = refused
        raw.buffer_text = True
        raw.buffer_size = 1024 * 1024

    handler.characters = counted  # type: ignore[method-assign]
    parser.reset = defused_reset  # type: ignore[method-assign]
    parser.parse(source)
    return graph


def _checked_declaration(path: Path, name: str, parameter: bool, value: str | None) -> None:
    """Raise RdfInputError for an entity declaration that is not a short plain text."""
    if parameter or value is None:
        kind = "a parameter entity" if parameter else "an external entity"
        raise RdfInputError(f"{path}: declares {kind} ({shorten(name)}); refusing to parse it")
    if "&" in value or "%" in value:
        raise RdfInputError(f"{path}: entity {shorten(name)} refers to other entities (an entity expansion attack?); refusing to parse it")
    if len(value) > MAX_ENTITY_CHARS:
        raise RdfInputError(f"{path}: entity {shorten(name)} stands for {len(value)} characters (at most {MAX_ENTITY_CHARS}); refusing to parse it")


def check_xml_entities(path: Path) -> None:
    """Refuse XML whose document type declares entities that can blow up when expanded.

    Short plain internal entities (the namespace abbreviations of OWL files) are fine, as long
    as all their uses together add at most MAX_ENTITY_EXPANSION characters. Entities that refer
    to other entities ("billion laughs"), parameter entities and external entities (which would
    read other files or URLs) are refused before any parsing.
    """
    data = path.read_bytes()  # at most MAX_RDF_BYTES
    doctype = _DOCTYPE.search(data, 0, _DTD_WINDOW)
    if doctype is None:
        return
    subset = _INTERNAL_SUBSET.match(data, doctype.start(), doctype.start() + _DTD_WINDOW)
    if subset is None:
        if b"[" in data[doctype.end():].split(b">", 1)[0]:
            raise RdfInputError(f"{path}: its document type declaration is not closed within the first MiB; refusing to parse it")
        return
    declarations = subset.group(1)
    entities = [_checked_entity(path, match) for match in _ENTITY.finditer(declarations)]
    if declarations.count(b"<!ENTITY") != len(entities):
        raise RdfInputError(f"{path}: has an entity declaration that cannot be checked; refusing to parse it")
    body = data[subset.end():]
    added = sum(body.count(b"&" + name + b";") * len(value) for name, value in entities)
    if added > MAX_ENTITY_EXPANSION:
        raise RdfInputError(
            f"{path}: its entities would expand to {added // (1024 * 1024)} MiB more text "
            f"(at most {MAX_ENTITY_EXPANSION // (1024 * 1024)} MiB); refusing to parse it"
        )


def _checked_entity(path: Path, declaration: re.Match[bytes]) -> tuple[bytes, bytes]:
    """(name, replacement text) of a harmless entity declaration; raises for any other."""
    parameter, name, external = declaration.group(1), declaration.group(2), declaration.group(3)
    value = declaration.group(4) if declaration.group(4) is not None else declaration.group(5) or b""
    _checked_declaration(path, name.decode(errors="replace"), bool(parameter), None if external else value.decode(errors="replace"))
    return name, value


def validate_file(path: Path, timeout: float | None = VALIDATION_SECONDS) -> ValidationReport:
    """SHACL report of an RDF file, checked with the vocabulary's types and class hierarchy.

    Raises RdfInputError for a file that cannot be read (see `read_rdf_file`) or that takes
    longer than `timeout` seconds to read and check (tens of thousands of nodes that each break
    several shapes: pySHACL writes a result for every one).
    """
    with _stopped_after(timeout, RdfInputError(f"{path}: {_too_long(timeout)}")):
        return validate_in_context(read_rdf_file(path), load_vocabulary())


def validate_store(store: ReadableStore, timeout: float | None = VALIDATION_SECONDS) -> ValidationReport:
    """SHACL report of everything in the store; PledgeGraphError past `timeout` seconds."""
    with _stopped_after(timeout, PledgeGraphError(f"the store: {_too_long(timeout)}")):
        return validate_in_context(store.union_graph(), load_vocabulary())


@contextmanager
def _stopped_after(timeout: float | None, overrun: PledgeGraphError) -> Iterator[None]:
    """Raise `overrun` once `timeout` seconds have passed in the block."""
    try:
        with time_limit(timeout):
            yield
    except OverTime:
        raise overrun from None


def _too_long(timeout: float | None) -> str:
    return (f"reading it and checking it against the shapes took longer than {timeout or 0:g} s and was stopped; "
            "give it more time with --timeout, or validate it in smaller parts")
