"""`python -m graph` runs the pledgegraph command line."""

from graph.cli import main

# guarded: build's worker processes import the main module again and must not rerun the CLI
if __name__ == "__main__":
    main()
