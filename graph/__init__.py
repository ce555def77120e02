"""pledgegraph: a knowledge graph of military support to Ukraine, read from news articles.

The pipeline, one module per stage:

    articles  -> Article           (reading .txt/.md/.html, front matter, noise removal)
    mentions  -> Mention           (actors, systems, quantities, money, dates in a sentence)
    claims    -> Claim             (typed support claims with roles and evidence spans)
    mapping   -> rdflib.Graph      (one named graph per article, deterministic IRIs from iris)
    validation                     (SHACL per article graph before commit)
    store                          (Oxigraph on disk, one transaction per article)
    queries / export / evaluate    (analyst questions, partner formats, scoring against gold)
"""

from __future__ import annotations

__version__ = "0.1.0"
