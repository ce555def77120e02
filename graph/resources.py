"""Find the data files that live beside the code: ontology, shapes, vocabularies, queries.

In a source checkout (or an editable install) they are the top-level `ontology/` and `queries/`
folders; a wheel carries copies under `graph/_data/`. Nothing here touches the network.
"""

from __future__ import annotations

import os
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


def source_checkout() -> Path | None:
    """The root of the source tree this package runs from (a checkout or an editable install),
    or None for an installed wheel, whose files must not be rewritten."""
    root = _PACKAGE.parent
    return root if (root / "pyproject.toml").is_file() and "site-packages" not in _PACKAGE.parts else None


def ontology_file(filename: str) -> Path:
    """Path of a file in `ontology/`, e.g. "pledgegraph.ttl", "shapes.ttl", "actors.ttl"."""
    return data_dir("ontology") / filename


def queries_dir() -> Path:
    """The folder of named analyst queries (`*.rq`)."""
    return data_dir("queries")


ONTOLOGY_FILE = "pledgegraph.ttl"
SHAPES_FILE = "shapes.ttl"
VOCABULARY_FILES = ("actors.ttl", "systems.ttl")
LOCAL_VOCABULARY_FILE = "local.ttl"


def vocabulary_files() -> list[Path]:
    """The vocabulary files in force: the reference ones, then the analyst's own additions.

    The additions (`pledgegraph vocabulary add`) go to `ontology/local.ttl`, or to the file
    named by the environment variable PLEDGEGRAPH_LOCAL_VOCABULARY; it is read when it exists.
    """
    files = [ontology_file(name) for name in VOCABULARY_FILES]
    local = local_vocabulary_file()
    return files + [local] if local.is_file() else files


def local_vocabulary_file() -> Path:
    """Where the analyst's vocabulary additions are kept (it may not exist yet)."""
    return Path(os.environ.get("PLEDGEGRAPH_LOCAL_VOCABULARY") or ontology_file(LOCAL_VOCABULARY_FILE))
