"""Find the data files that live beside the code: ontology, shapes, vocabularies, queries.

In a source checkout (or an editable install) they are the top-level `ontology/` and `queries/`
folders; a wheel carries copies under `graph/_data/`. Nothing here touches the network.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the folder `name` ("ontology" or "queries"), wherever this install keeps it.

    Raises FileNotFoundError when neither the packaged copy nor the source folder exists.
    """
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"pledgegraph data folder {name!r} not found beside {_PACKAGE}")


def ontology_file(filename: str) -> Path:
    """Path of a file in `ontology/`, e.g. "pledgegraph.ttl", "shapes.ttl", "actors.ttl"."""
    return data_dir("ontology") / filename


def queries_dir() -> Path:
    """The folder of named analyst queries (`*.rq`)."""
    return data_dir("queries")


ONTOLOGY_FILE = "pledgegraph.ttl"
SHAPES_FILE = "shapes.ttl"
VOCABULARY_FILES = ("actors.ttl", "systems.ttl")
