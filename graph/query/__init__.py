"""Queries: takes a store and a named query (`queries/*.rq`) or SPARQL text, gives solutions.

`queries` resolves names, binds parameters without pasting strings, refuses what users may not
send (SERVICE, remote FROM, updates where only reads are allowed) and turns solutions into rows.
"""
