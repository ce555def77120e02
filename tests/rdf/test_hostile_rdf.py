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


# Issue 14, class G: files small on disk that stand for much more (the same long IRI over and
# over: rdflib keeps a copy per occurrence), and many nodes that each break several shapes.
_CEILING = 1024**3  # address space for the whole command; the bombs below need several GiB


def _long_prefix_turtle(path: Path) -> None:
    """An 8 kB namespace, used as the predicate of 120,000 statements (~3 MB on disk, ~1 GB written out)."""
    with path.open("w", encoding="utf-8") as out:
        out.write(f"@prefix v: <http://example.org/{'v' * 8000}#> .\n")
        for i in range(40_000):
            out.write(f"<http://example.org/s{i}> v:p{i % 7} 1 ; v:q \"x\" ; v:r <http://example.org/o> .\n")


def _long_base_trig(path: Path) -> None:
    """A 6 kB @base that the relative IRIs of 60,000 statements in a named graph resolve against."""
    statements = "".join(f"<s{i}> <p> <o{i % 3}> .\n" for i in range(60_000))
    path.write_text(f"@base <http://example.org/{'w' * 6000}/> .\n<g> {{\n{statements}}}\n", encoding="utf-8")


@pytest.mark.parametrize(("name", "write"), [("long-prefix.ttl", _long_prefix_turtle), ("long-base.trig", _long_base_trig)])
def test_repeated_long_iris_are_refused_within_a_memory_ceiling(tmp_path: Path, name: str, write) -> None:
    path = tmp_path / name
    write(path)
    result = _validate_capped(path)
    assert result.returncode == 2, result.stderr
    message = " ".join(result.stderr.split())
    assert f"{path}: its IRIs and literals, written out as often as they occur, come to more than 64 MiB" in message
    assert "Traceback" not in result.stderr


def test_a_file_of_modest_expansion_is_read(tmp_path: Path) -> None:
    """The same shape of file with a short namespace stays well inside the budget and is checked."""
    path = tmp_path / "short-prefix.ttl"
    path.write_text("@prefix v: <http://example.org/v#> .\n" + "".join(f"<http://example.org/s{i}> v:p {i} .\n" for i in range(2000)), encoding="utf-8")
    result = _validate_capped(path)
    assert result.returncode == 0, result.stderr
    assert "Conforms" in result.stdout


def test_shacl_on_many_bare_claims_stops_at_its_time_limit(tmp_path: Path) -> None:
    """25,000 deliveries with nothing but a date each break five shapes: the run stops at the
    time limit with exit 2 and says why (a second is far too short for them; nothing is timed here)."""
    path = tmp_path / "bare-deliveries.nt"
    kind = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/pledgegraph/ontology#Delivery>"
    when = '<https://w3id.org/pledgegraph/ontology#claimDate> "2025-01-01"^^<http://www.w3.org/2001/XMLSchema#date>'
    path.write_text("".join(f"<http://example.org/d{i}> {kind} .\n<http://example.org/d{i}> {when} .\n" for i in range(25_000)), encoding="utf-8")
    result = _validate_capped(path, "--timeout", "1")
    assert result.returncode == 2, result.stderr
    assert f"{path}: reading it and checking it against the shapes took longer than 1 s and was stopped" in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr


def _validate_capped(path: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """`pledgegraph validate PATH` in its own process, whose address space is capped at _CEILING."""

    def cap() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (_CEILING, _CEILING))

    command = [sys.executable, "-m", "graph", "validate", str(path), *options]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, preexec_fn=cap)
