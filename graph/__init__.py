"""pledgegraph: a knowledge graph of military support to Ukraine, read from news articles.

The pipeline, one sub-package per stage (each `__init__` says what it takes and gives):

    read      -> Article           (reading .txt/.md/.html, front matter, noise removal; sentences)
    extract   -> ExtractionResult  (mentions, typed support claims with roles and evidence spans)
    rdf       -> rdflib.Graph      (one named graph per article, IRIs from iris; SHACL before commit)
    store                          (the Store protocol: Oxigraph on disk, or a SPARQL 1.1 server)
    query / export / serve / reason / viz   (analyst questions, partner formats, the endpoint,
                                             OWL inferences, pictures)

At the top: the shared model, errors, namespaces, IRIs, vocabulary and data files, plus the
pipeline (`build`), evaluation against gold, vocabulary curation and the CLI.
"""

from __future__ import annotations

__version__ = "0.1.0"
