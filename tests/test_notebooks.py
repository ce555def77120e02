"""Every notebook in notebooks/ runs top to bottom on the seeds, with no network (nbclient)."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks() -> None:
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_without_error(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [output for cell in notebook.cells if cell.cell_type == "code" for output in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", "")) for o in outputs)
    if path.stem.startswith("02"):
        assert "Funders of Patriots for Ukraine: European Union (unstated); Germany (2); NATO (unstated); Norway (1)" in text
    else:
        assert "2 articles committed, 0 failed" in text and "conforms to the shapes: True" in text
    assert any("image/png" in o.get("data", {}) for o in outputs) or path.stem.startswith("02")
