"""`pledgegraph validate FILE` on untrusted RDF: bounded in time and memory, with a clear error.

Each hostile file is written by the test and checked through the real command in its own
process, whose peak memory is read back from the kernel.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

_RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/"'
_GIB = 1024**3


def _xml(doctype: str, value: str) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n{doctype}\n]>\n<rdf:RDF {_RDF}>\n'
        f'<rdf:Description rdf:about="http://example.org/a"><ex:p>{value}</ex:p></rdf:Description>\n</rdf:RDF>\n'
    )


def _billion_laughs(path: Path) -> None:
    levels = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    path.write_text(_xml("\n".join(levels), "&lol9;"), encoding="utf-8")


def _quadratic_blowup(path: Path) -> None:
    path.write_text(_xml(f'<!ENTITY big "{"x" * 500}">', "&big;" * 200_000), encoding="utf-8")


def _external_entity(path: Path) -> None:
    path.write_text(_xml('<!ENTITY secret SYSTEM "file:///etc/passwd">', "&secret;"), encoding="utf-8")


def _parameter_entity(path: Path) -> None:
    path.write_text(_xml('<!ENTITY % remote SYSTEM "http://127.0.0.1:9/dtd"> %remote;', "x"), encoding="utf-8")


def _one_gib_literal(path: Path) -> None:
    chunk = b"a" * (1024 * 1024)
    with path.open("wb") as out:
        out.write(b'<http://example.org/a> <http://example.org/p> "')
        for _ in range(1024):
            out.write(chunk)
        out.write(b'" .\n')


def _deep_nesting(path: Path) -> None:
    path.write_text("<http://example.org/a> <http://example.org/p> " + "[ <http://example.org/p> " * 50_000 + "]" * 50_000 + " .\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "write", "message"),
    [
        ("laughs.rdf", _billion_laughs, "entity lol1 refers to other entities"),
        ("quadratic.rdf", _quadratic_blowup, "its entities would expand to 95 MiB more text"),
        ("external.rdf", _external_entity, "declares an external entity (secret)"),
        ("parameter.owl", _parameter_entity, "declares a parameter entity (remote)"),
        ("huge-literal.nt", _one_gib_literal, "is 1024 MiB, larger than 256 MiB; refusing to parse it"),
        ("deep.ttl", _deep_nesting, "not valid turtle: maximum recursion depth exceeded"),
    ],
)
def test_hostile_rdf_fails_fast_with_a_clear_error(tmp_path: Path, name: str, write, message: str) -> None:
    path = tmp_path / name
    write(path)
    code, stderr, peak_kib = _validate(path, tmp_path)
    assert code == 2, stderr
    assert f"{path}: {message}" in " ".join(stderr.split())
    assert peak_kib < 400 * 1024, f"peak {peak_kib} KiB"  # nothing near the file's size was allocated
    path.unlink()


# `pledgegraph validate PATH`, writing its own peak resident memory (VmHWM, KiB) to PEAK at exit.
# Not the child's ru_maxrss: Linux carries the forking test process's resident size into it,
# so it would measure how much the test session had grown, not the validation.
_VALIDATE_AND_REPORT_PEAK = """
import atexit, sys

def _peak(path):
    with open('/proc/self/status') as status, open(path, 'w') as peak:
        peak.write(next(line.split()[1] for line in status if line.startswith('VmHWM:')))

atexit.register(_peak, sys.argv[1])
sys.argv = ['pledgegraph', 'validate', sys.argv[2]]
from graph.cli import main
main()
"""


def _validate(path: Path, folder: Path) -> tuple[int, str, int]:
    """Exit code, stderr and peak resident memory (KiB) of `pledgegraph validate PATH`."""
    peak = folder / "peak"
    with (folder / "stderr").open("w+") as stderr:
        command = [sys.executable, "-c", _VALIDATE_AND_REPORT_PEAK, str(peak), str(path)]
        returncode = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=stderr, timeout=300).returncode
        stderr.seek(0)
        return returncode, stderr.read(), int(peak.read_text())


def test_harmless_entities_of_an_owl_file_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "ontology.owl"
    path.write_text(_xml('<!ENTITY owl "http://www.w3.org/2002/07/owl#">', "&owl;Class"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "graph", "validate", str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Conforms" in result.stdout
