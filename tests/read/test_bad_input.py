"""The bad-input corpus (tests/data/bad/): every file gets the behaviour expected.yaml names.

One real `pledgegraph build` over the whole corpus plus a good seed article: each bad file is
reported with its name and what is wrong, the run goes on, good articles are committed, the run
ends with a summary and a non-zero exit code.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml

from conftest import DATA, SEEDS
from graph.query.queries import query_records
from graph.store.local import GraphStore

BAD = DATA / "bad"
EXPECTED = yaml.safe_load((BAD / "expected.yaml").read_text(encoding="utf-8"))
# Written by the test, not kept in git; a claim first, then a line with no sentence end
_FILLER = "the convoy moved slowly along the river road past the old market "


def _generate(folder: Path) -> None:
    huge = folder / "huge-article.txt"
    with huge.open("wb") as out:
        line = ("Germany will pay for two Patriot systems for Ukraine. " * 20 + "\n").encode()
        while out.tell() < EXPECTED["generated"]["huge-article.txt"]["bytes"]:
            out.write(line)
    size = EXPECTED["generated"]["one-line-of-5-mb.txt"]["bytes"]
    head = "Germany will pay for two Patriot systems for Ukraine, Chancellor Friedrich Merz said.\n"
    body = (_FILLER * (size // len(_FILLER) + 1))[: size - len(head)]
    (folder / "one-line-of-5-mb.txt").write_text(head + body, encoding="utf-8")
    (folder / "loop").symlink_to(folder, target_is_directory=True)


@dataclass
class BadBuild:
    """One build over the corpus: its output, and what the store holds afterwards."""

    result: subprocess.CompletedProcess[str]
    corpus: Path
    claims: list[dict[str, str]]
    article_ids: list[str]
    article_literals: str  # every literal of every article graph


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory: pytest.TempPathFactory) -> BadBuild:
    root = tmp_path_factory.mktemp("bad")
    corpus = root / "corpus"
    shutil.copytree(BAD, corpus, ignore=shutil.ignore_patterns("expected.yaml"))
    _generate(corpus)
    shutil.copy(SEEDS / "trump-patriots-via-nato.txt", corpus / "good-seed-article.txt")
    store = root / "store"
    result = subprocess.run(
        [sys.executable, "-m", "graph", "build", str(corpus), "--store", str(store)],
        capture_output=True, text=True, timeout=600,
    )
    graph_store = GraphStore(store, must_exist=True)
    literals = [
        quad.object.value
        for quad in graph_store.oxigraph.quads_for_pattern(None, None, None, None)
        if isinstance(quad.object, ox.Literal) and isinstance(quad.graph_name, ox.NamedNode) and "/article/" in quad.graph_name.value
    ]
    return BadBuild(result, corpus, query_records(graph_store, "claims_table"), graph_store.article_ids(), "\n".join(literals))


def _expectations() -> list[tuple[str, dict]]:
    return sorted({**EXPECTED["files"], **EXPECTED["generated"]}.items())


def test_every_corpus_file_has_an_expectation() -> None:
    kept = {path.name for path in BAD.iterdir()} - {"expected.yaml"}
    assert kept == set(EXPECTED["files"])


@pytest.mark.parametrize(("name", "expected"), _expectations(), ids=[name for name, _ in _expectations()])
def test_each_file_gets_its_behaviour(bad_build: BadBuild, name: str, expected: dict) -> None:
    result, path = bad_build.result, bad_build.corpus / name
    lines = [line for line in result.stderr.splitlines() if f"{path}:" in line]
    assert len(lines) == 1, f"{name}: expected one report line in\n{result.stderr}"
    report = lines[0]
    if expected["outcome"] == "failed":
        assert report.startswith("FAILED"), report
        # the message may be wrapped or run over several lines: search the whole output after the name
        after = result.stderr[result.stderr.index(f"{path}:"):]
        assert expected["message"] in " ".join(after.split()), after[:400]
    elif expected["outcome"] == "skipped":
        assert report.startswith("skipped"), report
    else:
        assert report.startswith("ok"), report
        assert sum(1 for row in bad_build.claims if row["article"] == path.stem) == expected["claims"]


def test_the_run_goes_on_and_ends_with_a_summary_and_a_failure_code(bad_build: BadBuild) -> None:
    result = bad_build.result
    outcomes = [e["outcome"] for _, e in _expectations()]
    committed = outcomes.count("committed") + 1  # and the good seed article
    summary = f"{committed} article(s) committed, {outcomes.count('failed')} failed, {outcomes.count('skipped')} skipped"
    assert summary in result.stderr.splitlines()[-1]
    assert result.returncode == 2
    held = bad_build.article_ids
    assert "good-seed-article" in held
    assert set(held) == {"good-seed-article"} | {Path(n).stem for n, e in _expectations() if e["outcome"] == "committed"}
    assert "loop" not in result.stderr  # the link loop is not followed


def test_nothing_from_scripts_or_control_characters_reaches_the_graph(bad_build: BadBuild) -> None:
    text = bad_build.article_literals
    assert "Merz" in text  # the articles are there...
    for debris in ("evil.example", "document.write", "Sweden", "Gripen", "alert(", "\x1b", "\x07", "[31m", "\u202e", "\u200f"):
        assert debris not in text, debris  # ...but no script, iframe or control character
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", text)
