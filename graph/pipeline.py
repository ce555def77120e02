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
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from graph.errors import ArticleError, PledgeGraphError, ValidationFailed
from graph.extract.extractor import extract
from graph.model import ExtractionResult
from graph.rdf.mapping import article_graph
from graph.rdf.validation import context_graph, validate_graph
from graph.read.articles import find_articles, read_article
from graph.store.base import Store
from graph.vocabulary import Vocabulary, load_vocabulary
from graph.workers.guard import die_with_parent, worker_context

# below this many files a pool costs more (process start, imports) than it saves
_PARALLEL_FROM = 16


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


@dataclass
class BuildSummary:
    """The outcome of a build: one entry per article file (and per unreadable path)."""

    outcomes: list[ArticleOutcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files in the folders that are not articles

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
    report = validate_graph(context_graph(graph, vocabulary))
    if not report.conforms:
        raise ValidationFailed(str(path), report.text())
    return result, graph


def prepare_article(path: Path, vocabulary: Vocabulary | None = None) -> PreparedArticle:
    """`process_article` as a value: never raises for a bad article, reports it instead."""
    try:
        result, graph = process_article(path, vocabulary or load_vocabulary())
    except ArticleError as error:
        return PreparedArticle(str(path), path.stem, problem=error.problem)
    except ValidationFailed as error:
        return PreparedArticle(str(path), path.stem, problem=f"its graph violates the shapes and was not committed:\n{error.report}", invalid=True)
    except PledgeGraphError as error:
        return PreparedArticle(str(path), path.stem, problem=str(error))
    return PreparedArticle(
        str(path), result.article.id, graph.serialize(format="nt", encoding="utf-8"), len(result.claims), len(graph),
        warnings=result.article.warnings,
    )


def _prepared(files: list[Path], vocabulary: Vocabulary, workers: int) -> Iterator[PreparedArticle]:
    if workers <= 1 or len(files) < _PARALLEL_FROM:
        for path in files:
            yield prepare_article(path, vocabulary)
        return
    # workers (and their forkserver) start clean and die with this process, even on SIGKILL
    with ProcessPoolExecutor(max_workers=workers, mp_context=worker_context(), initializer=die_with_parent) as pool:
        # workers load the default vocabulary once each (cached in the process); a bounded
        # window of articles in flight keeps memory flat however large the corpus
        window = workers * 16
        pending: deque[Future[PreparedArticle]] = deque()
        for path in files:
            pending.append(pool.submit(prepare_article, path))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def build(
    paths: list[Path],
    store: Store,
    *,
    vocabulary: Vocabulary | None = None,
    progress: Callable[[ArticleOutcome], None] | None = None,
    workers: int | None = None,
) -> BuildSummary:
    """Build the store from article files and folders.

    Loads the ontology and vocabulary into their named graphs, then commits each article's
    validated graph in its own transaction. `workers` processes prepare articles in parallel
    (default: one per core; a custom `vocabulary` is only used in-process). `progress` gets
    each file's outcome as soon as it is known (after its commit for a good article). As with
    any multiprocessing code, a script that calls this on 16 or more files needs the
    `if __name__ == "__main__":` guard.
    """
    store.load_reference_data()
    found = find_articles(paths)
    summary = BuildSummary(skipped=[str(path) for path in found.skipped])

    def record(outcome: ArticleOutcome) -> None:
        summary.outcomes.append(outcome)
        if progress:
            progress(outcome)

    for problem in found.problems:
        record(ArticleOutcome(str(problem.path), Path(str(problem.path)).stem, False, problem=problem.problem))
    if vocabulary is not None:
        workers = 1
    for prepared in _prepared(found.files, vocabulary or load_vocabulary(), workers if workers is not None else (os.cpu_count() or 1)):
        if prepared.problem:
            record(ArticleOutcome(prepared.path, prepared.article_id, False, problem=prepared.problem, invalid=prepared.invalid))
        else:
            store.commit_article(prepared.article_id, prepared.ntriples)
            record(ArticleOutcome(prepared.path, prepared.article_id, True, prepared.claims, prepared.triples, warnings=prepared.warnings))
    store.flush()
    return summary
