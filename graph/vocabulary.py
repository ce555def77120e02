"""The controlled reference vocabulary: actors, roles, systems and units with their aliases.

Everything here is read from `ontology/actors.ttl` and `ontology/systems.ttl`, so a new alias or
system is a data change. `Vocabulary` answers the questions the extractor and the evaluator ask:
which entry does this alias name, what type is this actor, whom does a role label mean on a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from graph.iris import is_unlisted, unlisted_kind, unlisted_label
from graph.model import Actor, ActorType, System
from graph.namespaces import PG, SCHEMA
from graph.resources import (
    ONTOLOGY_FILE,
    VOCABULARY_FILES,
    ontology_file,
    vocabulary_files,
)

_UNLISTED_TYPES = {"person": ActorType.PERSON, "organisation": ActorType.ORGANISATION}
_TOP_TYPES = {PG.State: ActorType.STATE, PG.Person: ActorType.PERSON, PG.Organisation: ActorType.ORGANISATION}


@dataclass(frozen=True)
class ActorAlias:
    """One spelling of an actor; role labels name the role's holder only between `start` and `end`."""

    text: str
    iri: str
    start: date | None = None
    end: date | None = None

    def valid_on(self, day: date | None) -> bool:
        """True when the alias names its target on `day` (always, for plain aliases)."""
        if day is None:
            return self.start is None or self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class SystemAlias:
    """One spelling of a system; generic aliases ("weapons") only count with a money figure."""

    text: str
    iri: str
    generic: bool = False


class Vocabulary:
    """Actors, systems and units of the reference vocabulary, with alias look-up."""

    def __init__(self, graph: Graph, ontology: Graph) -> None:
        self.graph = graph
        self.actors: dict[str, Actor] = {}
        self.government_bodies: set[str] = set()  # departments and armed forces: they act for their state
        self.support_funds: frozenset[str] = frozenset()  # funds and schemes states pay into (pg:SupportFund)
        self.reporters: set[str] = set()  # news outlets and research institutes
        self.international_bodies: set[str] = set()  # the EU, NATO, the G7: what "the bloc" can name
        self.systems: dict[str, System] = {}
        self.units: dict[str, str] = {}  # unit IRI -> label
        self.unit_words: dict[str, str] = {}  # head noun -> unit label
        self.actor_aliases: list[ActorAlias] = []
        self.system_aliases: list[SystemAlias] = []
        self.system_classes: dict[str, str] = {}  # system IRI -> class IRI
        self._outlets: dict[str, str | None] = {}  # outlet name -> its actor (publisher())
        self._hosts: dict[str, str | None] = {}  # web host -> its actor (publisher())
        self._load_actors(graph, ontology)
        self._load_systems(graph)

    def _load_actors(self, graph: Graph, ontology: Graph) -> None:
        top_of = _top_types(ontology)
        government = set(_subclasses_in(ontology, PG.GovernmentBody))
        self.government_bodies = {str(s) for s, cls in graph.subject_objects(RDF.type) if cls in government}
        reporters = set(_subclasses_in(ontology, PG.NewsOutlet)) | set(_subclasses_in(ontology, PG.ResearchInstitute))
        self.reporters = {str(s) for s, cls in graph.subject_objects(RDF.type) if cls in reporters}
        funds = set(_subclasses_in(ontology, PG.SupportFund))
        self.support_funds = frozenset(str(s) for s, cls in graph.subject_objects(RDF.type) if cls in funds)  # EPF, PURL: paid into
        international = set(_subclasses_in(ontology, PG.InternationalOrganisation)) | set(_subclasses_in(ontology, PG.Alliance))
        self.international_bodies = {str(s) for s, cls in graph.subject_objects(RDF.type) if cls in international
                                     and graph.value(s, PG.affiliation) is None}
        for subject, _, cls in graph.triples((None, RDF.type, None)):
            if cls not in top_of or not isinstance(subject, URIRef):
                continue
            iri = str(subject)
            affiliation = graph.value(subject, PG.affiliation)
            self.actors[iri] = Actor(iri, _label(graph, subject), top_of[cls], str(affiliation) if affiliation else None)
            for text in _labels(graph, subject):
                self.actor_aliases.append(ActorAlias(text, iri))
        for role in graph.subjects(RDF.type, PG.Role):
            holders = list(graph.subjects(PG.holdsRole, role))
            if not holders:
                continue
            start = graph.value(role, SCHEMA.startDate)
            end = graph.value(role, SCHEMA.endDate)
            for text in (str(o) for o in graph.objects(role, SKOS.altLabel)):
                self.actor_aliases.append(
                    ActorAlias(text, str(holders[0]), start.toPython() if start else None, end.toPython() if end else None)
                )

    def _load_systems(self, graph: Graph) -> None:
        for unit in graph.subjects(RDF.type, PG.Unit):
            label = _label(graph, unit)
            self.units[str(unit)] = label
            self.unit_words[label.lower()] = label
            for word in graph.objects(unit, SKOS.altLabel):
                self.unit_words[str(word).lower()] = label
        for cls in (PG.MilitaryAid, *_subclasses_in(graph, PG.WeaponSystem)):
            for system in graph.subjects(RDF.type, cls):
                iri = str(system)
                default_unit = graph.value(system, PG.defaultUnit)
                self.systems[iri] = System(iri, _label(graph, system), self.units.get(str(default_unit)) if default_unit else None)
                self.system_classes[iri] = str(cls)
                for text in _labels(graph, system):
                    self.system_aliases.append(SystemAlias(text, iri))
                for text in graph.objects(system, SKOS.hiddenLabel):
                    self.system_aliases.append(SystemAlias(str(text), iri, generic=True))

    def publisher(self, outlet: str, url: str) -> str | None:
        """The actor that published an article: its outlet name, else the web host of its url.

        Both look-ups are remembered (per outlet name, per host): each walks every name or web
        host of the vocabulary (some 2% of extraction's time per article), and the vocabulary
        does not change once loaded."""
        if outlet:
            if outlet not in self._outlets:
                self._outlets[outlet] = self.resolve_name(outlet)
            if self._outlets[outlet]:
                return self._outlets[outlet]
        host = urlparse(url).hostname or ""
        if host not in self._hosts:
            self._hosts[host] = next((str(actor) for actor, web_host in self.graph.subject_objects(PG.webHost)
                                      if host == str(web_host) or host.endswith("." + str(web_host))), None)
        return self._hosts[host]

    def office_holder(self, state: str, title_word: str, day: date | None) -> str | None:
        """Who held the office of `state` whose title contains `title_word` ("President") on `day`."""
        for role in self.graph.subjects(PG.roleOf, URIRef(state)):
            title = str(self.graph.value(role, PG.roleTitle) or "")
            if title_word.lower() not in title.lower().split():
                continue
            start = self.graph.value(role, SCHEMA.startDate)
            end = self.graph.value(role, SCHEMA.endDate)
            alias = ActorAlias(title, "", start.toPython() if start else None, end.toPython() if end else None)
            holder = next(iter(self.graph.subjects(PG.holdsRole, role)), None)
            if holder is not None and alias.valid_on(day):
                return str(holder)
        return None

    def unit_iri(self, label: str) -> str | None:
        """The IRI of a unit or currency label ("system", "USD"), or None."""
        return next((iri for iri, unit_label in self.units.items() if unit_label == label), None)

    def actor_type(self, iri: str) -> ActorType | None:
        """The top-level type of an actor IRI, or None when the vocabulary does not know it."""
        actor = self.actors.get(iri)
        if actor is None:
            return _UNLISTED_TYPES.get(unlisted_kind(iri) or "")
        return actor.type

    def acting_state(self, iri: str | None) -> str | None:
        """Whom an actor's support counts for: a person's or department's affiliation, else itself."""
        if iri is None:
            return None
        actor = self.actors.get(iri)
        if actor is None:
            return iri
        if actor.type is ActorType.STATE:
            return iri
        if actor.affiliation and (actor.type is ActorType.PERSON or iri in self.government_bodies):
            return actor.affiliation
        return iri

    def is_outlet(self, iri: str) -> bool:
        """True for news outlets and research institutes: they report support, not give it."""
        return iri in self.reporters

    def label(self, iri: str | None) -> str:
        """The preferred English label of an actor, system or unit IRI ("" for None)."""
        if iri is None:
            return ""
        if iri in self.actors:
            return self.actors[iri].label
        if iri in self.systems:
            return self.systems[iri].label
        if is_unlisted(iri):
            return unlisted_label(iri)
        return self.units.get(iri, iri)

    def resolve_name(self, name: str, on: date | None = None) -> str | None:
        """The IRI an analyst's name means ("Zelenskyy", "air defense systems"), or None.

        Used by the evaluator so that gold written with another spelling still matches.
        """
        wanted = name.strip().lower()
        if not wanted:
            return None
        for entry in self.actors.values():
            if entry.label.lower() == wanted:
                return entry.iri
        for entry in self.systems.values():
            if entry.label.lower() == wanted:
                return entry.iri
        for alias in self.actor_aliases:
            if alias.text.lower() == wanted and alias.valid_on(on):
                return alias.iri
        for system_alias in self.system_aliases:
            if system_alias.text.lower() == wanted and not system_alias.generic:
                return system_alias.iri
        # last, the vague words a category has besides its name ("ammunition" is what the
        # vocabulary calls "unspecified ammunition"): an analyst writing one means that category
        return next((a.iri for a in self.system_aliases if a.generic and a.text.lower() == wanted), None)


def _label(graph: Graph, subject: URIRef) -> str:
    label = graph.value(subject, SKOS.prefLabel) or graph.value(subject, RDFS.label)
    return str(label) if label is not None else str(subject).rsplit("/", 1)[-1]


def _labels(graph: Graph, subject: URIRef) -> set[str]:
    return {str(o) for o in graph.objects(subject, SKOS.prefLabel)} | {str(o) for o in graph.objects(subject, SKOS.altLabel)}


def _subclasses_in(graph: Graph, root: URIRef) -> list[URIRef]:
    """`root` and every class below it, read from the ontology merged into `graph`."""
    found = [root]
    index = 0
    while index < len(found):
        for child in graph.subjects(RDFS.subClassOf, found[index]):
            if isinstance(child, URIRef) and child not in found:
                found.append(child)
        index += 1
    return found


def _top_types(ontology: Graph) -> dict[URIRef, ActorType]:
    top_of: dict[URIRef, ActorType] = {}
    for root, actor_type in _TOP_TYPES.items():
        for cls in _subclasses_in(ontology, root):
            top_of[cls] = actor_type
    return top_of


def load_vocabulary_graph(folder: Path | None = None) -> Graph:
    """Parse the vocabulary files (of `folder`, or those in force) into one rdflib Graph."""
    graph = Graph()
    for path in [folder / name for name in VOCABULARY_FILES] if folder else vocabulary_files():
        graph.parse(path, format="turtle")
    return graph


def load_ontology_graph() -> Graph:
    """Parse `ontology/pledgegraph.ttl`."""
    return Graph().parse(ontology_file(ONTOLOGY_FILE), format="turtle")


@lru_cache(maxsize=4)
def load_vocabulary(folder: str | None = None) -> Vocabulary:
    """Load (once per folder) the reference vocabulary with the ontology's class hierarchy."""
    ontology = load_ontology_graph()
    data = load_vocabulary_graph(Path(folder) if folder else None)
    return Vocabulary(data + ontology, ontology)
