"""Child process of `pledgegraph reason`: HermiT over an N-Triples file, inferences out.

Run as `python -m graph.reason.worker INPUT.nt OUTPUT.nt`. Exit 0: OUTPUT holds the inferred
triples; exit 3: the ontology and data are inconsistent. It runs in its own process (and
session) so that the parent can stop a runaway reasoner, JVM included, at its time limit.
"""

from __future__ import annotations

import sys

INCONSISTENT = 3


def main(argv: list[str]) -> int:
    """Reason over argv[0] with HermiT and write the inferred triples to argv[1]."""
    import owlready2

    source, target = argv
    world = owlready2.World()
    world.get_ontology(f"file://{source}").load(format="ntriples")
    try:
        # outside a `with ontology:` block owlready2 puts what it infers in this ontology
        owlready2.sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    except owlready2.OwlReadyInconsistentOntologyError:
        return INCONSISTENT
    world.get_ontology("http://inferrences/").save(target, format="ntriples")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
