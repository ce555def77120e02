"""SHACL validation per article, this code against an earlier revision, in one process.

Usage: python -m benchmarks.bench_validation [--against REV] [--articles N] [--rounds N]

The earlier `graph/rdf/validation.py` is read with `git show REV:...` and loaded as a module
beside this one (it needs nothing else that changed), so both run on the same article graphs
in the same process, alternately: CPU time (`time.process_time`) per article, medians, which a
loaded machine disturbs far less than wall time. Before timing, both validate every article
unchanged and under ~30 mutations each (a missing recipient, two kinds, offsets beyond the
text, a quote in another language, evidence as blank nodes, ...) and must give the same
report lines; any difference is printed and fails the run.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from benchmarks.corpus import write_corpus
from graph.extract.extractor import extract
from graph.namespaces import OA, PG, SCHEMA
from graph.rdf import validation
from graph.rdf.mapping import article_graph
from graph.read.articles import read_article
from graph.vocabulary import Vocabulary, load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
ACTOR, SYSTEM = "https://w3id.org/pledgegraph/id/actor/", "https://w3id.org/pledgegraph/id/system/"


def earlier_validation(revision: str) -> ModuleType:
    """`graph/rdf/validation.py` as it was at `revision`, loaded as its own module."""
    text = subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:graph/rdf/validation.py"],
                          capture_output=True, text=True, check=True).stdout
    path = Path(tempfile.mkdtemp(prefix="pledgegraph-validation-")) / "earlier_validation.py"
    path.write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("earlier_validation", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _copy(graph: Graph) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return copy


def _blank_evidence(graph: Graph) -> None:
    names: dict[URIRef, BNode] = {}
    for triple in list(graph):
        if any(isinstance(term, URIRef) and "/span/" in term for term in triple):
            graph.remove(triple)
            graph.add(tuple(names.setdefault(t, BNode()) if isinstance(t, URIRef) and "/span/" in t else t for t in triple))  # type: ignore[arg-type]


def mutations(graph: Graph, rnd: random.Random) -> Iterator[tuple[str, Graph]]:
    """The article graph unchanged, then with one thing wrong at a time."""
    claim = rnd.choice(sorted(s for s, _ in graph.subject_objects(PG.recipient)))
    evidence = rnd.choice(sorted(graph.subjects(OA.hasSource, None)))
    selectors = sorted(graph.objects(evidence, OA.hasSelector))
    positions = [s for s in selectors if (s, OA.start, None) in graph]
    quotes = [s for s in selectors if (s, OA.exact, None) in graph]
    article = next(graph.objects(claim, PG.statedIn))
    kind = PG.Delivery if (claim, RDF.type, PG.Delivery) not in graph else PG.Pledge

    def shifted(g: Graph) -> None:
        for p in positions:
            g.set((p, OA.start, Literal(g.value(p, OA.start).toPython() + 1)))
            g.set((p, OA.end, Literal(g.value(p, OA.end).toPython() + 1)))

    changes: dict[str, Callable[[Graph], object]] = {
        "none": lambda g: None,
        "no recipient": lambda g: g.remove((claim, PG.recipient, None)),
        "two recipients": lambda g: g.add((claim, PG.recipient, URIRef(ACTOR + "germany"))),
        "two kinds": lambda g: g.add((claim, RDF.type, kind)),
        "negative quantity": lambda g: g.set((claim, PG.quantity, Literal(-2, datatype=XSD.integer))),
        "quantity as text": lambda g: g.set((claim, PG.quantity, Literal("two"))),
        "quantity without unit": lambda g: (g.remove((claim, PG.unit, None)), g.set((claim, PG.quantity, Literal(2)))),
        "date as text": lambda g: g.set((claim, PG.claimDate, Literal("last Tuesday"))),
        "unknown system": lambda g: g.set((claim, PG.system, URIRef(SYSTEM + "nonesuch"))),
        "system is an actor": lambda g: g.set((claim, PG.system, URIRef(ACTOR + "germany"))),
        "provider is a system": lambda g: g.set((claim, PG.provider, URIRef(SYSTEM + "gepard"))),
        "weak": lambda g: g.set((claim, PG.confidence, Literal("0.3", datatype=XSD.decimal))),
        "confidence 1.5": lambda g: g.set((claim, PG.confidence, Literal("1.5", datatype=XSD.decimal))),
        "review": lambda g: g.set((claim, PG.needsReview, Literal(True))),
        "currency": lambda g: g.set((claim, PG.currency, Literal("usd"))),
        "money as integer": lambda g: g.set((claim, PG.moneyValue, Literal(5))),
        "no evidence": lambda g: g.remove((claim, PG.evidence, None)),
        "evidence untyped": lambda g: g.remove((evidence, RDF.type, None)),
        "end beyond": lambda g: [g.set((p, OA.end, Literal(10**6))) for p in positions],
        "end before start": lambda g: [g.set((p, OA.end, Literal(0))) for p in positions],
        "shifted": shifted,
        "start as text": lambda g: [g.set((p, OA.start, Literal("abc"))) for p in positions],
        "two starts": lambda g: [g.add((p, OA.start, Literal(3))) for p in positions],
        "quote with language": lambda g: [g.set((q, OA.exact, Literal(str(g.value(q, OA.exact)), lang="en"))) for q in quotes],
        "no quote": lambda g: [g.remove((q, OA.exact, None)) for q in quotes],
        "two sources": lambda g: g.add((evidence, OA.hasSource, URIRef(str(article) + "-other"))),
        "no text": lambda g: g.remove((article, SCHEMA["text"], None)),
        "no article type": lambda g: g.remove((article, RDF.type, None)),
        "article date as text": lambda g: g.set((article, SCHEMA["datePublished"], Literal("May"))),
        "two identifiers": lambda g: g.add((article, URIRef("http://purl.org/dc/terms/identifier"), Literal("other"))),
        "blank evidence": _blank_evidence,
        "blank evidence beyond": lambda g: (_blank_evidence(g), [g.set((p, OA.end, Literal(10**6))) for p in list(g.subjects(OA.end, None))]),
    }
    for name, change in changes.items():
        mutated = _copy(graph)
        change(mutated)
        yield name, mutated


def compare(graphs: list[Graph], earlier: ModuleType, vocabulary: Vocabulary) -> int:
    """How many mutated graphs the two report differently (each difference is printed)."""
    rnd, differ, total = random.Random(7), 0, 0
    for graph in graphs:
        for name, mutated in mutations(graph, rnd):
            before, after = earlier.validate_in_context(mutated, vocabulary), validation.validate_in_context(mutated, vocabulary)
            total += 1
            if (before.conforms, before.violations) != (after.conforms, after.violations):
                differ += 1
                print(f"DIFFERENT ({name}):\n  before: {before.violations}\n  after:  {after.violations}")
    print(f"{total} graphs ({len(graphs)} articles, each unchanged and under mutations): {differ} reported differently")
    return differ


def timed(graphs: list[Graph], earlier: ModuleType, vocabulary: Vocabulary, rounds: int) -> tuple[float, float]:
    """Median CPU milliseconds per article of the earlier and this validation, run alternately."""
    for graph in graphs[:3]:
        earlier.validate_in_context(graph, vocabulary)
        validation.validate_in_context(graph, vocabulary)
    before, after = [], []
    for _ in range(rounds):
        for graph in graphs:
            for validate, times in ((earlier.validate_in_context, before), (validation.validate_in_context, after)):
                started = time.process_time()
                assert validate(graph, vocabulary).conforms
                times.append(time.process_time() - started)
    return statistics.median(before) * 1000, statistics.median(after) * 1000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="90e9170", help="the earlier revision (default: before issue 17's validation work)")
    parser.add_argument("--articles", type=int, default=30, help="benchmark articles (default 30, as benchmarks.run)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    vocabulary = load_vocabulary()
    earlier = earlier_validation(args.against)
    with tempfile.TemporaryDirectory(prefix="pledgegraph-bench-") as scratch:
        corpus = write_corpus(Path(scratch) / "corpus", 300, vocabulary)[: args.articles]
        graphs = [article_graph(extract(read_article(path), vocabulary), vocabulary) for path in corpus]
    claims = statistics.median(len(set(g.subjects(PG.recipient, None))) for g in graphs)
    differ = compare(graphs, earlier, vocabulary)
    before, after = timed(graphs, earlier, vocabulary, args.rounds)
    print(f"CPU per article ({len(graphs)} benchmark articles, median {claims:g} claims, {args.rounds} rounds, medians): "
          f"{args.against} {before:.1f} ms, this code {after:.1f} ms ({before / after:.2f}x less)")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
