"""Export: takes a store and gives files partner tools read.

`export` writes RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD), tables (CSV) and the support
network (GraphML, built by `networks`); `catalog` describes a published bundle with DCAT and VoID.
"""
