"""Serving: takes a store folder and gives a read-only SPARQL 1.1 Protocol endpoint over HTTP.

`endpoint` answers one query (content negotiation, row limits); `pool` runs it in worker
processes over a snapshot of the store; `cache` keeps answers (the snapshot never changes) and
lets identical requests share one computation; `warming` fills it with every named query's first
page before the port opens; `server` puts all this behind Starlette, plus the query page in `web/`.
"""
