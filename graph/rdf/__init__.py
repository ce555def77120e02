"""RDF: takes an `ExtractionResult` and gives one rdflib graph per article, checked by SHACL.

`mapping` turns the typed values into triples (IRIs from graph/iris.py, claim confidence from
`confidence`); `validation` runs the shapes on one article graph before it is committed;
`validate` checks a user's RDF file or the whole store (the `validate` command).
"""
