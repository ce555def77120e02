"""Analysts extend the vocabulary: `pledgegraph vocabulary add`.

An addition is a few Turtle statements in the local vocabulary file (`ontology/local.ttl`, or
the file PLEDGEGRAPH_LOCAL_VOCABULARY names), in the same shape as the reference vocabulary:
a system is a SKOS concept of a weapon class with a default unit, a person or organisation an
actor with a preferred label. The next `build` reads the file with the reference vocabulary,
so a rebuild recognises the new name; editing the file by hand works the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from graph.errors import PledgeGraphError
from graph.namespaces import ID, PG, PREFIXES
from graph.resources import local_vocabulary_file
from graph.vocabulary import Vocabulary, load_ontology_graph, load_vocabulary

KINDS = {"system": PG.WeaponSystem, "person": PG.Person, "organisation": PG.Organisation, "state": PG.State}
_DEFAULT_CLASS = {"system": PG.OtherEquipment, "person": PG.Person, "organisation": PG.Organisation, "state": PG.State}


@dataclass(frozen=True)
class Addition:
    """What `add_to_vocabulary` wrote: the new IRI, its class and the file."""

    iri: str
    type: str
    file: str


def add_to_vocabulary(
    name: str,
    kind: str,
    *,
    type_name: str | None = None,
    unit: str | None = None,
    aliases: tuple[str, ...] = (),
    affiliation: str | None = None,
) -> Addition:
    """Add a system, person, organisation or state to the local vocabulary file.

    `type_name` is an ontology class under the kind ("AirDefenceSystem", "DefenceCompany");
    `unit` a unit's local name for systems ("system", "vehicle"); `affiliation` the name of a
    known actor for people and organisations. Raises PledgeGraphError for a name the vocabulary
    already knows, an unknown kind, class, unit or affiliation.
    """
    name = " ".join(name.split())
    if kind not in KINDS:
        raise PledgeGraphError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    vocabulary = load_vocabulary()
    for label in (name, *aliases):
        known = vocabulary.resolve_name(label)
        if known:
            raise PledgeGraphError(f"{label!r} is already in the vocabulary as <{known}>")
    ontology = load_ontology_graph()
    cls = _class(ontology, kind, type_name)
    path = local_vocabulary_file()
    graph = Graph()
    if path.is_file():
        graph.parse(path, format="turtle")
    iri = URIRef(ID[f"{'system' if kind == 'system' else 'actor'}/{slug(name)}"])
    if (iri, None, None) in graph or iri in vocabulary.actors or iri in vocabulary.systems:
        raise PledgeGraphError(f"<{iri}> already exists; choose another name")
    graph.add((iri, RDF.type, cls))
    graph.add((iri, SKOS.prefLabel, Literal(name, lang="en")))
    for alias in (name, *aliases):
        graph.add((iri, SKOS.altLabel, Literal(alias, lang="en")))
    if kind == "system":
        graph.add((iri, SKOS.inScheme, ID["system/scheme"]))
        graph.add((iri, PG.defaultUnit, _unit(vocabulary, unit)))
    elif affiliation:
        holder = vocabulary.resolve_name(affiliation)
        if holder is None or holder not in vocabulary.actors:
            raise PledgeGraphError(f"affiliation {affiliation!r} is not a known actor")
        graph.add((iri, PG.affiliation, URIRef(holder)))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = graph.serialize(format="turtle")
    path.write_text("# Vocabulary additions by analysts (pledgegraph vocabulary add); rebuild to apply.\n" + text, encoding="utf-8")
    return Addition(str(iri), str(cls), str(path))


def _class(ontology: Graph, kind: str, type_name: str | None) -> URIRef:
    if not type_name:
        return _DEFAULT_CLASS[kind]
    cls = PG[type_name]
    root = KINDS[kind]
    if cls != root and root not in ontology.transitive_objects(cls, RDFS.subClassOf):
        choices = sorted(str(c).rsplit("#", 1)[-1] for c in ontology.transitive_subjects(RDFS.subClassOf, root) if c != root)
        raise PledgeGraphError(f"{type_name!r} is not a kind of {kind}; choose one of: {', '.join(choices)}")
    return cls


def _unit(vocabulary: Vocabulary, unit: str | None) -> URIRef:
    iri = ID[f"unit/{unit or 'item'}"]
    if str(iri) not in vocabulary.units:
        raise PledgeGraphError(f"unknown unit {unit!r}; known units: {', '.join(sorted(u.rsplit('/', 1)[-1] for u in vocabulary.units))}")
    return URIRef(iri)


def slug(name: str) -> str:
    """An IRI segment for a name: "Skynex" -> "skynex", "CV90 Mk IV" -> "cv90-mk-iv"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "unnamed"
