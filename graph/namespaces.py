"""The namespaces and fixed IRIs of pledgegraph, in one place."""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

PG = Namespace("https://w3id.org/pledgegraph/ontology#")
ID = Namespace("https://w3id.org/pledgegraph/id/")
GRAPHS = Namespace("https://w3id.org/pledgegraph/graph/")
SCHEMA = Namespace("https://schema.org/")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")

ONTOLOGY_GRAPH = GRAPHS["ontology"]
VOCABULARY_GRAPH = GRAPHS["vocabulary"]
SHAPES_GRAPH = GRAPHS["shapes"]

PREFIXES: dict[str, str] = {
    "pg": str(PG),
    "actor": str(ID["actor/"]),
    "system": str(ID["system/"]),
    "unit": str(ID["unit/"]),
    "role": str(ID["role/"]),
    "article": str(ID["article/"]),
    "schema": str(SCHEMA),
    "oa": str(OA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "owl": str(OWL),
    "xsd": str(XSD),
    "dcterms": str(DCTERMS),
    "wd": str(WD),
}
