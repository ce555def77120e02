"""`build`: read, extract, map, validate and commit articles.

Reading, extraction, mapping and validation of an article need nothing from the store, so they
run in a pool of worker processes (one per core by default); the main process commits each
article's validated graph in its own transaction, in file order. A bad article (unreadable, or
whose graph violates the shapes) is reported by name and skipped; the others still go in, and
the store never holds half an article.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from graph.errors import ArticleError, PledgeGraphError, StoreError, ValidationFailed, shorten, shown
from graph.extract.extractor import extract
from graph.model import ExtractionResult
from graph.rdf.mapping import article_graph
from graph.rdf.validation import validate_in_context
from graph.read.articles import find_articles, read_article
from graph.store.base import Store
from graph.vocabulary import Vocabulary, load_vocabulary
from graph.workers.guard import OverTime, die_with_parent, kill_workers, time_limit, worker_context

# below this many files a pool costs more (process start, imports) than it saves
_PARALLEL_FROM = 16
# an article still being read after this many seconds per MiB of file (at least one MiB
# counted) is stopped and reported: real articles take a second or two, a 5 MB line ~4 minutes
ARTICLE_BUDGET_SECONDS = 120.0


@dataclass(frozen=True)
class ArticleOutcome:
    """What happened to one article file: committed (with counts) or failed (with the reason)."""

    path: str
    article_id: str
    committed: bool
    claims: int = 0
    triples: int = 0
    problem: str = ""
    invalid: bool = False  # failed SHACL validation (as opposed to an unreadable file)
    warnings: tuple[str, ...] = ()  # what was read leniently, e.g. front matter that is not YAML


@dataclass(frozen=True)
class SkippedFile:
    """An entry of a folder that was not read, and why (not an article file, hidden, a link out)."""

    path: str
    reason: str


@dataclass
class BuildSummary:
    """The outcome of a build: one entry per article file (and per unreadable path)."""

    outcomes: list[ArticleOutcome] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)  # entries of the folders that are not read

    @property
    def failed(self) -> list[ArticleOutcome]:
        return [o for o in self.outcomes if not o.committed]

    @property
    def committed(self) -> list[ArticleOutcome]:
        return [o for o in self.outcomes if o.committed]


@dataclass(frozen=True)
class PreparedArticle:
    """An article ready to commit (its graph as N-Triples), or the reason it cannot be."""

    path: str
    article_id: str
    ntriples: bytes = b""
    claims: int = 0
    triples: int = 0
    problem: str = ""
    invalid: bool = False
    warnings: tuple[str, ...] = ()


def process_article(path: Path, vocabulary: Vocabulary) -> tuple[ExtractionResult, Graph]:
    """Read and extract one article and map it to its validated RDF graph.

    Raises ArticleError when the file cannot be read and ValidationFailed when its graph
    violates the shapes.
    """
    article = read_article(path)
    result = extract(article, vocabulary)
    graph = article_graph(result, vocabulary)
    report = validate_in_context(graph, vocabulary)
    if not report.conforms:
        raise ValidationFailed(str(path), report.text())
    return result, graph


def prepare_article(path: Path, vocabulary: Vocabulary | None = None, budget: float | None = None) -> PreparedArticle:
    """`process_article` as a value: never raises for a bad article, reports it instead.

    Whatever goes wrong with one file (a bad date, a recursion or memory error deep in a
    library, a file that runs past `budget` seconds) is that file's problem, never the build's.
    """
    try:
        with _time_budget(path, None if budget is None else _seconds_for(path, budget)):
            result, graph = process_article(path, vocabulary or load_vocabulary())
            ntriples = graph.serialize(format="nt", encoding="utf-8")
    except ArticleError as error:
        return PreparedArticle(str(path), path.stem, problem=error.problem)
    except ValidationFailed as error:
        return PreparedArticle(str(path), path.stem, problem=f"its graph violates the shapes and was not committed:\n{error.report}", invalid=True)
    except PledgeGraphError as error:
        return PreparedArticle(str(path), path.stem, problem=str(error))
    except OverTime:  # the timer went off just as the work ended
        return PreparedArticle(str(path), path.stem, problem=_over_budget(_seconds_for(path, budget or 0.0)))
    except Exception as error:  # noqa: BLE001 - one bad file must never sink the build
        return PreparedArticle(str(path), path.stem, problem=_unexpected(error))
    return PreparedArticle(str(path), result.article.id, ntriples, len(result.claims), len(graph), warnings=result.article.warnings)


def _unexpected(error: BaseException) -> str:
    if isinstance(error, MemoryError):
        return "could not be read: it needs more memory than this machine has"
    if isinstance(error, RecursionError):
        return "could not be read: it is nested too deeply"
    return f"could not be read ({type(error).__name__}: {shorten(error, 200)})"


def _seconds_for(path: Path, budget: float) -> float:
    """The time budget of one file: `budget` seconds per MiB, at least one MiB counted."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return budget * max(1.0, size / (1024 * 1024))


def _over_budget(seconds: float) -> str:
    return f"took longer than {seconds:.0f} s to read and was stopped (a pathological text?)"


@contextmanager
def _time_budget(path: Path, seconds: float | None) -> Iterator[None]:
    """Stop work on one article after `seconds` (ArticleError), where a timer signal can be
    used (`time_limit`). Work on an article is done in bounded pieces, so the signal is handled
    within a piece's time."""
    try:
        with time_limit(seconds):
            yield
    except OverTime:
        raise ArticleError(path, _over_budget(seconds or 0.0)) from None


def _prepared(files: list[Path], vocabulary: Vocabulary, workers: int, budget: float) -> Generator[PreparedArticle, None, None]:
    if workers <= 1 or len(files) < _PARALLEL_FROM:
        for path in files:
            yield prepare_article(path, vocabulary, budget)
        return
    from pebble import ProcessPool

    # workers (and their forkserver) start clean and die with this process, even on SIGKILL;
    # a worker past an article's time budget, or one that dies (out of memory), is replaced
    # and only that article fails
    pool = ProcessPool(max_workers=workers, initializer=die_with_parent, context=worker_context())
    try:
        # workers load the default vocabulary once each (cached in the process); a bounded
        # window of articles in flight keeps memory flat however large the corpus
        window = workers * 16
        pending: deque[tuple[Path, float, Future[PreparedArticle]]] = deque()
        for path in files:
            # the worker's own budget (a signal) fails the file with its reason; the pool's
            # (a kill) stops the work where no signal gets through
            seconds = _seconds_for(path, budget)
            pending.append((path, seconds, pool.schedule(prepare_article, args=(path, None, budget), timeout=seconds * 1.5 + 5)))
            if len(pending) >= window:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())
    except BaseException:  # interrupted (Ctrl-C), or the build stopped early: kill the work in flight at once
        kill_workers()
        raise
    finally:
        pool.stop()
        pool.join(timeout=10)


def _result(path: Path, seconds: float, future: Future[PreparedArticle]) -> PreparedArticle:
    """A worker's prepared article; a worker stopped or lost fails only its own file."""
    try:
        return future.result()
    except FutureTimeout:
        return PreparedArticle(str(path), path.stem, problem=_over_budget(seconds))
    except Exception as error:  # noqa: BLE001 - the worker died (killed, out of memory)
        return PreparedArticle(str(path), path.stem, problem=_unexpected(error))


def build(
    paths: list[Path],
    store: Store,
    *,
    vocabulary: Vocabulary | None = None,
    progress: Callable[[ArticleOutcome], None] | None = None,
    workers: int | None = None,
    budget: float = ARTICLE_BUDGET_SECONDS,
) -> BuildSummary:
    """Build the store from article files and folders.

    Loads the ontology and vocabulary into their named graphs, then commits each article's
    validated graph in its own transaction. `workers` processes prepare articles in parallel
    (default: one per core; a custom `vocabulary` is only used in-process). `progress` gets
    each file's outcome as soon as it is known (after its commit for a good article). An
    article still being read after `budget` seconds fails with that reason. As with
    any multiprocessing code, a script that calls this on 16 or more files needs the
    `if __name__ == "__main__":` guard.
    """
    store.load_reference_data()
    found = find_articles(paths)
    summary = BuildSummary(skipped=[SkippedFile(str(path), found.reason(path)) for path in found.skipped])

    def record(outcome: ArticleOutcome) -> None:
        summary.outcomes.append(outcome)
        if progress:
            progress(outcome)

    for problem in found.problems:
        record(ArticleOutcome(str(problem.path), Path(str(problem.path)).stem, False, problem=problem.problem))
    if vocabulary is not None:
        workers = 1
    files = _distinct_ids(found.files, record)
    if not files and not found.problems:
        raise ArticleError(", ".join(shown(path) for path in paths), "holds no article file (.txt, .md, .html)")
    articles = _prepared(files, vocabulary or load_vocabulary(), workers if workers is not None else (os.cpu_count() or 1), budget)
    with closing(articles):  # an interrupted build stops its workers at once
        for prepared in articles:
            if prepared.problem:
                record(ArticleOutcome(prepared.path, prepared.article_id, False, problem=prepared.problem, invalid=prepared.invalid))
                continue
            try:
                store.commit_article(prepared.article_id, prepared.ntriples)
            except OSError as error:  # a full disk, a store folder made read-only: the build cannot go on
                raise StoreError(
                    f"cannot write {shown(prepared.path)} into the store ({error}); the store holds the articles reported ok. "
                    "Free disk space or make the store folder writable, then build again"
                ) from error
            record(ArticleOutcome(prepared.path, prepared.article_id, True, prepared.claims, prepared.triples, warnings=prepared.warnings))
    store.flush()
    return summary


def _distinct_ids(files: list[Path], record: Callable[[ArticleOutcome], None]) -> list[Path]:
    """The files whose article id (file stem) no earlier file has; each later one fails by name.

    An article's graph is named by its id, so two files with one stem (`a/report.txt`,
    `b/report.md`) would silently replace each other in the store.
    """
    first: dict[str, Path] = {}
    distinct = []
    for path in files:
        if path.stem in first:
            problem = f"its article id {path.stem!r} is already taken by {shown(first[path.stem])} (ids are file names without the extension); rename one of them"
            record(ArticleOutcome(str(path), path.stem, False, problem=problem))
        else:
            first[path.stem] = path
            distinct.append(path)
    return distinct
