"""`python -m graph` runs the pledgegraph command line."""

from graph.cli import main

main()
