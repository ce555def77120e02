"""Serving: takes a store folder and gives a read-only SPARQL 1.1 Protocol endpoint over HTTP.

`endpoint` answers one query (content negotiation, row limits); `server` puts it behind
Starlette with worker processes and a snapshot of the store, plus the query page in `web/`.
"""
