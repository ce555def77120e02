"""Extraction: takes an `Article` and the `Vocabulary` and gives an `ExtractionResult`.

The result (graph/model.py) carries the article's typed `Claim` values with their evidence spans,
the actors and systems it mentions, and the names the vocabulary lacks. `claims.extract` is the
entry point; mentions, roles, items, lists, references, merge and unlisted are its rules, and
`lexicon.yaml` its word lists. Nothing here makes RDF: that is graph/rdf/.
"""
