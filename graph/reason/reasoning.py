"""OWL reasoning with owlready2 and HermiT: consistency and inferred roles, kept apart.

The store's ontology, vocabulary and article graphs are cut down to what OWL reasoning uses
(IRI-valued statements and labels; literals such as article texts and dates are left out,
since HermiT rejects `xsd:date`), written as N-Triples (owlready2 does not read Turtle) and given
to HermiT in a child process with a time limit. What HermiT infers about our individuals (class
memberships such as `pg:Funder`, and property values such as `pg:funds` and `pg:onBehalfOf`)
replaces the named graph `…/graph/inferred`, never the asserted article graphs, so it can be
dropped and recomputed. Pellet is not used: the copy bundled with owlready2 needs a newer Java.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from graph.errors import PledgeGraphError
from graph.namespaces import GRAPHS, ID
from graph.reason.worker import INCONSISTENT
from graph.store.local import GraphStore

INFERRED_GRAPH = GRAPHS["inferred"]
DEFAULT_TIMEOUT = 600.0
_NAMES = (SKOS.prefLabel, RDFS.label)


class ReasoningError(PledgeGraphError):
    """The reasoner failed or ran past its time limit."""


@dataclass(frozen=True)
class ReasoningReport:
    """What a reasoning run found."""

    consistent: bool
    inferred: int  # triples written to the inferred graph
    clashes: tuple[str, ...]  # plain-words explanations when inconsistent
    seconds: float
    input_triples: int

    def text(self) -> str:
        if self.consistent:
            return (
                f"Consistent. {self.inferred} inferred triples written to graph <{INFERRED_GRAPH}> "
                f"({self.input_triples} triples reasoned over in {self.seconds:.1f} s)."
            )
        lines = self.clashes or ("HermiT found the graph inconsistent, but no disjoint-class clash explains it.",)
        return "Inconsistent:\n" + "\n".join(f"- {line}" for line in lines)


def reasoner_input(store: GraphStore) -> list[ox.Triple]:
    """The OWL-relevant part of the store: IRI-valued statements and labels, no inferences."""
    inferred = ox.NamedNode(str(INFERRED_GRAPH))
    names = {ox.NamedNode(str(name)) for name in _NAMES}
    xsd = str(XSD)
    kept = set()
    for quad in store.oxigraph.quads_for_pattern(None, None, None, None):
        if quad.graph_name == inferred:
            continue
        obj = quad.object
        if isinstance(obj, ox.Literal):
            if quad.predicate not in names:
                continue
        elif isinstance(obj, ox.NamedNode) and obj.value.startswith(xsd):
            continue  # datatype ranges such as xsd:date are outside OWL 2's datatype map
        kept.add(ox.Triple(quad.subject, quad.predicate, obj))
    return list(kept)


def explain_clashes(graph: Graph) -> list[str]:
    """Individuals typed by two disjoint classes, in plain words (the usual cause of inconsistency)."""
    parents: dict[URIRef, set[URIRef]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            parents[sub].add(sup)

    def ancestors(cls: URIRef) -> set[URIRef]:
        seen, todo = {cls}, [cls]
        while todo:
            for parent in parents[todo.pop()]:
                if parent not in seen:
                    seen.add(parent)
                    todo.append(parent)
        return seen

    disjoint = {(a, b) for a, b in graph.subject_objects(OWL.disjointWith) if isinstance(a, URIRef) and isinstance(b, URIRef)}
    types: dict[URIRef, set[URIRef]] = defaultdict(set)
    for individual, cls in graph.subject_objects(RDF.type):
        if isinstance(individual, URIRef) and isinstance(cls, URIRef) and str(individual).startswith(str(ID)):
            types[individual] |= ancestors(cls)
    clashes = []
    for individual, classes in sorted(types.items()):
        for first, second in sorted(disjoint):
            if first in classes and second in classes:
                clashes.append(
                    f"{_name(graph, individual)} <{individual}> is both a {_name(graph, first)} and a {_name(graph, second)}, "
                    f"which the ontology declares disjoint ({_local(first)} owl:disjointWith {_local(second)})."
                )
    return clashes


def _name(graph: Graph, node: URIRef) -> str:
    for predicate in _NAMES:
        label = graph.value(node, predicate)
        if label is not None:
            return str(label)
    return _local(node)


def _local(node: URIRef) -> str:
    text = str(node)
    return "pg:" + text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def run_hermit(source: Path, target: Path, timeout: float) -> bool:
    """Run the worker on `source`; True if consistent (inferences in `target`), False if not.

    Raises ReasoningError when the worker fails or runs past `timeout` seconds; then the
    whole process group (Python and Java) is killed.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "graph.reason.worker", str(source), str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise ReasoningError(f"the reasoner did not finish within {timeout:g} s and was stopped; raise --timeout or reason over fewer articles") from None
    if process.returncode == INCONSISTENT:
        return False
    if process.returncode != 0:
        raise ReasoningError(f"the reasoner failed (exit {process.returncode}): {stderr.strip()[-2000:]}")
    return True


def inferred_about_individuals(path: Path) -> Graph:
    """The inferred triples whose subject is one of our individuals (not schema-level facts)."""
    inferred = Graph().parse(path, format="nt")
    kept = Graph()
    for triple in inferred:
        if isinstance(triple[0], URIRef) and str(triple[0]).startswith(str(ID)) and not isinstance(triple[2], Literal):
            kept.add(triple)
    return kept


def reason(store: GraphStore, timeout: float = DEFAULT_TIMEOUT) -> ReasoningReport:
    """Check consistency and (re)write the inferred graph of the store.

    Can be slow on large stores (HermiT: ~6 s for 20,000 individuals on 2 cores); runs a JVM.
    """
    started = time.perf_counter()
    data = reasoner_input(store)
    with tempfile.TemporaryDirectory(prefix="pledgegraph-reason-") as folder:
        source, target = Path(folder) / "input.nt", Path(folder) / "inferred.nt"
        with source.open("wb") as output:
            ox.serialize(data, output, format=ox.RdfFormat.N_TRIPLES)
        if not run_hermit(source, target, timeout):
            clashes = explain_clashes(Graph().parse(source, format="nt"))
            return ReasoningReport(False, 0, tuple(clashes), time.perf_counter() - started, len(data))
        inferred = inferred_about_individuals(target)
    store.replace_graph(str(INFERRED_GRAPH), inferred.serialize(format="nt", encoding="utf-8"))
    store.flush()
    return ReasoningReport(True, len(inferred), (), time.perf_counter() - started, len(data))


def refresh_inferences(store: GraphStore, timeout: float = DEFAULT_TIMEOUT) -> ReasoningReport | None:
    """Recompute the inferred graph after data was taken out (None when the store has none).

    Inferences about actors ("Germany is a funder") may rest on the removed article alone, so
    they are derived again from what is left. When the reasoner cannot run, the inferred graph
    is dropped rather than left stale, and the error is raised.
    """
    if str(INFERRED_GRAPH) not in store.graph_names():
        return None
    try:
        report = reason(store, timeout)
    except PledgeGraphError:
        store.drop_graph(str(INFERRED_GRAPH))
        raise
    if not report.consistent:  # cannot happen by removing statements, but never keep stale ones
        store.drop_graph(str(INFERRED_GRAPH))
    return report
