"""Red team, round two (issue 14), `build`: what one file can do to the others.

One real `pledgegraph build` runs over a folder of hostile files written here (new inputs, not
the ones of the issue only) beside good articles; each file must get its own line (`ok`,
`FAILED <file>: <reason>` or `skipped`), the good ones must be committed, the run must end
with exit code 2 and no Python traceback. Classes: A (one bad file sinks the build), B (user
text read as console markup), C (pathological text), E (silent loss).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import SEEDS

from graph.read.articles import find_articles
from graph.errors import shown
from graph.pipeline import build
from graph.store.local import GraphStore

GOOD = SEEDS / "trump-patriots-via-nato.txt"
SENTENCE = "Germany will send two Patriot systems to Ukraine."


def _front(fields: str, body: str = SENTENCE) -> str:
    return f"---\n{fields}\n---\n{body}\n"


def _laughs(levels: int) -> str:
    lines = ["l0: &l0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines)


# name: (text, expected outcome, words the report line must hold)
HOSTILE: dict[str, tuple[str, str, str]] = {
    # class A: front matter and dates
    "year-zero.md": (_front("published: 0000-12-31"), "FAILED", "not a date"),
    "month-13.md": (_front("published: 2024-13-01"), "FAILED", "not a date"),
    "not-a-leap-year.md": (_front("published: 2023-02-29"), "FAILED", "not a date"),
    "leap-second.md": (_front("published: 2016-12-31T23:59:60+01:00"), "ok", "claims"),
    "digits-title.md": (_front("title: " + "9" * 7000), "ok", "claims"),
    "huge-integer-date.md": (_front("date: " + "1" * 6000), "FAILED", "(6,000 characters)"),
    "low-surrogate.md": (_front('title: "\\udc80 x"'), "FAILED", "lone surrogate"),
    "surrogate-in-list.md": (_front('authors: ["a", "\\ud83d"]'), "FAILED", "lone surrogate"),
    "deep-mapping.md": (_front("a: " + "{b: " * 3000 + "1" + "}" * 3000), "FAILED", "nests more than"),
    "deep-block.md": (_front("\n".join("  " * i + f"k{i}:" for i in range(40)) + " x"), "FAILED", "nests more than"),
    "one-alias.md": (_front("a: &x Germany\nb: *x"), "FAILED", "aliases"),
    "alias-bomb.md": (_front(_laughs(9)), "FAILED", "aliases"),
    # class B: console markup and escapes in what users wrote
    "[bold]title[.md": (_front('title: "[/bold] [link=file:///etc/passwd]x[/link] :warning:"'), "ok", "claims"),
    "[i]open[.txt": (SENTENCE, "ok", "claims"),
    "markup-in-a-date.md": (_front('published: "[/red] [/] :boom:"'), "FAILED", "'[/red] [/] :boom:', not a date"),
    "emoji-:thumbs_up:.txt": (SENTENCE, "ok", "claims"),
    # class C: pathological text (linear passes, bounded pieces)
    "hundred-thousand-digits.txt": (SENTENCE + " " + "8" * 120_000, "ok", "claims"),
    "csv-row.txt": (SENTENCE + "\n" + ";".join(["2"] * 60_000), "ok", "claims"),
    "open-brackets.md": (SENTENCE + "\n" + "[" * 120_000, "ok", "claims"),
    "empty-links.md": (SENTENCE + "\n" + "[](" * 40_000, "ok", "claims"),
    "open-tags.md": (SENTENCE + "\n" + "<span " * 30_000, "ok", "claims"),
    "escape-codes.txt": (SENTENCE + "\n" + "\x1b[" + "1;" * 50_000, "ok", "claims"),
}


@dataclass
class Run:
    result: subprocess.CompletedProcess[str]
    folder: Path
    store: Path
    seconds: float

    def line(self, path: Path) -> str:
        lines = [line for line in self.result.stderr.splitlines() if f"{shown(path)}:" in line]
        assert len(lines) == 1, f"{path.name}: expected one report line in\n{self.result.stderr[-3000:]}"
        return lines[0]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    root = tmp_path_factory.mktemp("redteam")
    folder = root / "[red]articles[" / "red]"  # folder names that read "[red]articles[/red]": console markup
    folder.mkdir(parents=True)
    for name, (text, _, _) in HOSTILE.items():
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copy(GOOD, folder / "good-before.txt")
    shutil.copy(GOOD, folder / "zz-good-after.txt")
    # class B: a name with a newline that would forge an "ok" line
    (folder / "x\nok      forged.txt: 9 claims, 9 triples\n.txt").write_text(SENTENCE, encoding="utf-8")
    # class A: a link to a kernel file, a file without read permission, a name that is not UTF-8
    (folder / "kernel.txt").symlink_to("/proc/self/pagemap")
    unreadable = folder / "unreadable.txt"
    unreadable.write_text(SENTENCE, encoding="utf-8")
    unreadable.chmod(0)
    (folder.parent / os.fsdecode(b"latin-\xe9.txt")).write_text(SENTENCE, encoding="utf-8")
    # class E: the same id three times, hidden entries, a link out of the folder and one inside
    (folder / "a").mkdir()
    (folder / "b").mkdir()
    for copy in (folder / "a" / "report.txt", folder / "b" / "report.txt", folder / "report.md"):
        copy.write_text(SENTENCE, encoding="utf-8")
    (folder / ".draft.txt").write_text(SENTENCE, encoding="utf-8")
    (folder / ".cache").mkdir()
    (folder / ".cache" / "old.txt").write_text(SENTENCE, encoding="utf-8")
    secret = root / "secret-outside.txt"
    secret.write_text("Norway will send NASAMS to Ukraine. SECRET-OUTSIDE", encoding="utf-8")
    (folder / "secret.txt").symlink_to(secret)
    (folder / "inside-link.txt").symlink_to(folder / "good-before.txt")
    store = root / "store"
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "graph", "build", str(folder), str(folder.parent / os.fsdecode(b"latin-\xe9.txt")), "--store", str(store)],
        capture_output=True, text=True, timeout=900, errors="backslashreplace",
    )
    return Run(result, folder, store, time.monotonic() - started)


def test_the_build_goes_on_and_ends_with_exit_2_and_no_traceback(run: Run) -> None:
    assert run.result.returncode == 2, run.result.stderr[-3000:]
    assert "Traceback" not in run.result.stderr and "Error:" not in run.result.stderr.replace("error:", "")
    held = GraphStore.read_only(run.store).article_ids()
    assert {"good-before", "zz-good-after", "inside-link"} <= set(held)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_file_gets_its_own_line(run: Run, name: str) -> None:
    _, outcome, words = HOSTILE[name]
    line = run.line(run.folder / name)
    assert line.startswith(outcome), line
    assert words in line, line
    assert len(line) < 600, f"an echo is not cut short: {len(line)} characters"


def test_pathological_text_is_read_in_bounded_time(run: Run) -> None:
    # six files of 100-200 kB that each took over a minute; now all of them with the rest
    assert run.seconds < 240, f"the build took {run.seconds:.0f} s"


def test_files_that_cannot_be_read_are_named(run: Run) -> None:
    assert "not a regular file" in run.line(run.folder / "kernel.txt") or "not followed" in run.line(run.folder / "kernel.txt")
    if os.geteuid() != 0:  # root reads any file
        assert run.line(run.folder / "unreadable.txt").startswith("FAILED")
    latin = run.line(run.folder.parent / os.fsdecode(b"latin-\xe9.txt"))
    assert latin.startswith("FAILED") and "latin-\\udce9.txt" in latin and "not UTF-8" in latin


def test_markup_in_names_is_printed_as_text(run: Run) -> None:
    stderr = run.result.stderr
    assert "MarkupError" not in stderr
    assert f"ok      {run.folder}/good-before.txt:" in stderr  # the folder "[red]articles[/red]" as written
    assert "emoji-:thumbs_up:.txt" in stderr


def test_a_newline_in_a_name_cannot_forge_a_report_line(run: Run) -> None:
    assert not any(line.startswith("ok      forged.txt") for line in run.result.stderr.splitlines())
    assert "x\\nok      forged.txt: 9 claims, 9 triples\\n.txt" in run.result.stderr


def test_one_id_from_three_files_is_refused_by_name(run: Run) -> None:
    first = run.line(run.folder / "a" / "report.txt")
    assert first.startswith("ok")
    for other in (run.folder / "b" / "report.txt", run.folder / "report.md"):
        line = run.line(other)
        assert line.startswith("FAILED") and "'report' is already taken by" in line and "a/report.txt" in line


def test_every_entry_found_is_built_failed_or_skipped(run: Run) -> None:
    assert "a hidden file" in run.line(run.folder / ".draft.txt")
    assert "a hidden folder" in run.line(run.folder / ".cache")
    assert "outside" in run.line(run.folder / "secret.txt") and run.line(run.folder / "secret.txt").startswith("skipped")
    assert run.line(run.folder / "inside-link.txt").startswith("ok")
    store = GraphStore.read_only(run.store)
    assert not any("SECRET-OUTSIDE" in str(quad.object) for quad in store.oxigraph.quads_for_pattern(None, None, None, None))
    entries = {path for path in run.folder.rglob("*") if path.is_file() or path.is_symlink() or path.name == ".cache"}
    entries -= set((run.folder / ".cache").rglob("*"))  # inside a hidden folder: the folder's line covers them
    reported = {path for path in entries if f"{shown(path)}:" in run.result.stderr}
    assert entries - reported == set()


def test_a_folder_without_article_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = subprocess.run([sys.executable, "-m", "graph", "build", str(tmp_path / "empty"), "--store", str(tmp_path / "store")],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert f"error: {tmp_path / 'empty'}: holds no article file" in result.stderr


def test_an_article_over_its_time_budget_fails_and_the_build_goes_on(tmp_path: Path) -> None:
    shutil.copy(GOOD, tmp_path / "slow.txt")
    store = GraphStore(tmp_path / "store")
    summary = build([tmp_path / "slow.txt"], store, budget=0.000_1)
    assert [o.problem for o in summary.failed] == ["took longer than 0 s to read and was stopped (a pathological text?)"]
    assert store.article_ids() == []


def test_find_articles_lists_what_it_does_not_read(tmp_path: Path) -> None:
    articles, elsewhere = tmp_path / "articles", tmp_path / "elsewhere"
    articles.mkdir()
    elsewhere.mkdir()
    (elsewhere / "private.txt").write_text(SENTENCE, encoding="utf-8")
    (articles / ".hidden.md").write_text(SENTENCE, encoding="utf-8")
    (articles / "out.txt").symlink_to(elsewhere / "private.txt")
    (articles / "kept.txt").write_text(SENTENCE, encoding="utf-8")
    found = find_articles([articles])
    assert [path.name for path in found.files] == ["kept.txt"]
    assert {path.name: found.reason(path) for path in found.skipped} == {
        ".hidden.md": "a hidden file, not read",
        "out.txt": f"a link to {(elsewhere / 'private.txt').resolve()}, outside {articles.resolve()}; not followed",
    }
