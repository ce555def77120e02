"""A VoID and DCAT description of a published dataset: what it holds and where to get it.

Data catalogues (CKAN, data.europa.eu) and SPARQL tools read DCAT and VoID to find a dataset's
files, their media types and its endpoint. The description is computed from the store (counts
of triples, claims, articles, actors) and from the files just written (byte sizes, SHA-256), so
it is true of exactly that bundle; it has no timestamp, so the same store gives the same file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyoxigraph as ox
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, VOID, XSD

from graph.namespaces import ID, PG, PREFIXES
from graph.store.base import Store

SPDX = Namespace("http://spdx.org/rdf/terms#")
IANA = Namespace("https://www.iana.org/assignments/media-types/")
DATASET = ID["dataset"]

@dataclass(frozen=True)
class ExportedFile:
    """One file of a published bundle, as the catalogue describes it."""

    path: Path
    format: str
    media_type: str
    title: str


_COUNTS = """
PREFIX pg: <https://w3id.org/pledgegraph/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {
  VALUES (?class ?what) { (pg:SupportClaim "claims") (pg:Article "articles") (pg:Actor "actors") (pg:MilitarySupportItem "systems") }
  ?x a/rdfs:subClassOf* ?class .
} GROUP BY ?what
"""


def dataset_counts(store: Store) -> dict[str, int]:
    """Triples (distinct, all graphs merged), claims, articles, actors and systems in the store."""
    counts = {"claims": 0, "articles": 0, "actors": 0, "systems": 0}
    for solution in store.query(_COUNTS):  # type: ignore[attr-defined]
        counts[solution["what"].value] = int(solution["n"].value)
    # distinct: an event node typed in two article graphs is one triple of the published union
    triples = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")))  # type: ignore[call-overload]
    counts["triples"] = int(triples["n"].value)
    return counts


def catalogue(store: Store, files: list[ExportedFile], *, base_url: str, endpoint: str | None) -> Graph:
    """The VoID/DCAT graph describing the dataset of `store` and the bundle `files`."""
    counts = dataset_counts(store)
    graph = Graph()
    for prefix, namespace in (("void", VOID), ("dcat", DCAT), ("dcterms", DCTERMS), ("spdx", SPDX), ("foaf", FOAF), ("pg", PG)):
        graph.bind(prefix, namespace)
    dataset = URIRef(str(DATASET))
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("pledgegraph: military support to Ukraine", lang="en")))
    graph.add((dataset, DCTERMS.description, Literal(
        "Support claims (requests, pledges, funding, deliveries, suspensions, considerations) extracted from news "
        "articles, with the actors, systems and quantities involved and the sentence that states each claim.", lang="en")))
    graph.add((dataset, VOID.vocabulary, URIRef(str(PG))))
    graph.add((dataset, VOID.triples, Literal(counts["triples"], datatype=XSD.integer)))
    graph.add((dataset, VOID.uriSpace, Literal(str(ID))))
    for class_iri, name in ((PG.SupportClaim, "claims"), (PG.Article, "articles"), (PG.Actor, "actors"), (PG.MilitarySupportItem, "systems")):
        partition = URIRef(f"{DATASET}/class/{name}")
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], URIRef(str(class_iri))))
        graph.add((partition, VOID.entities, Literal(counts[name], datatype=XSD.integer)))
    if endpoint:
        service = URIRef(endpoint)
        graph.add((dataset, VOID.sparqlEndpoint, service))
        graph.add((service, RDF.type, DCAT.DataService))
        graph.add((service, DCAT.endpointURL, service))
        graph.add((service, DCAT.servesDataset, dataset))
        graph.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    for exported in files:
        download = URIRef(base_url + exported.path.name)
        data = exported.path.read_bytes()
        graph.add((dataset, DCAT.distribution, download))
        if exported.format in ("turtle", "trig", "nt", "jsonld"):
            graph.add((dataset, VOID.dataDump, download))
        graph.add((download, RDF.type, DCAT.Distribution))
        graph.add((download, DCTERMS.title, Literal(exported.title, lang="en")))
        graph.add((download, DCAT.downloadURL, download))
        graph.add((download, DCAT.mediaType, IANA[exported.media_type]))
        graph.add((download, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
        checksum = URIRef(f"{download}#sha256")
        graph.add((download, SPDX.checksum, checksum))
        graph.add((checksum, RDF.type, SPDX.Checksum))
        graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        graph.add((checksum, SPDX.checksumValue, Literal(hashlib.sha256(data).hexdigest(), datatype=XSD.hexBinary)))
    return graph


def write_catalogue(store: Store, files: list[ExportedFile], output: IO[bytes], *, base_url: str, endpoint: str | None) -> None:
    """Serialise `catalogue(...)` as Turtle, statements sorted (deterministic)."""
    graph = catalogue(store, files, base_url=base_url, endpoint=endpoint)
    triples = sorted(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES), key=str)
    prefixes = dict(sorted({**PREFIXES, "void": str(VOID), "dcat": str(DCAT), "spdx": str(SPDX), "foaf": str(FOAF)}.items()))
    ox.serialize(triples, output, format=ox.RdfFormat.TURTLE, prefixes=prefixes)
