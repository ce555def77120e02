"""Store: takes article graphs and gives them back to queries, exports and the server.

`base.Store` is the interface every store implements; `local.GraphStore` is the embedded
Oxigraph store on disk (the default), `remote.RemoteStore` a SPARQL 1.1 server for teams, and
`factory.open_store` picks one from the `--store` argument.
"""
