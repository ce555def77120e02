"""`build`: read, extract, map, validate and commit articles, one article at a time.

A bad article (unreadable, or whose graph violates the shapes) is reported by name and skipped;
the others still go in, and the store never holds half an article.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from graph.articles import find_articles, read_article
from graph.claims import ExtractionResult, extract
from graph.errors import ArticleError, PledgeGraphError, ValidationFailed
from graph.mapping import article_graph
from graph.store import GraphStore
from graph.validation import context_graph, validate_graph
from graph.vocabulary import Vocabulary, load_vocabulary


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


@dataclass
class BuildSummary:
    """The outcome of a build: one entry per article file (and per unreadable path)."""

    outcomes: list[ArticleOutcome] = field(default_factory=list)

    @property
    def failed(self) -> list[ArticleOutcome]:
        return [o for o in self.outcomes if not o.committed]

    @property
    def committed(self) -> list[ArticleOutcome]:
        return [o for o in self.outcomes if o.committed]


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


def build(
    paths: list[Path],
    store: GraphStore,
    *,
    vocabulary: Vocabulary | None = None,
    progress: Callable[[Path], None] | None = None,
) -> BuildSummary:
    """Build the store from article files and folders.

    Loads the ontology and vocabulary into their named graphs, then commits each article's
    graph in its own transaction after SHACL validation. `progress` is called once per file.
    """
    vocabulary = vocabulary or load_vocabulary()
    store.load_reference_data()
    files, problems = find_articles(paths)
    summary = BuildSummary([ArticleOutcome(str(p.path), Path(str(p.path)).stem, False, problem=p.problem) for p in problems])
    for path in files:
        try:
            result, graph = process_article(path, vocabulary)
            store.commit_article(result.article.id, graph)
            summary.outcomes.append(ArticleOutcome(str(path), result.article.id, True, len(result.claims), len(graph)))
        except ArticleError as error:
            summary.outcomes.append(ArticleOutcome(str(path), path.stem, False, problem=error.problem))
        except ValidationFailed as error:
            problem = f"its graph violates the shapes and was not committed:\n{error.report}"
            summary.outcomes.append(ArticleOutcome(str(path), path.stem, False, problem=problem, invalid=True))
        except PledgeGraphError as error:
            summary.outcomes.append(ArticleOutcome(str(path), path.stem, False, problem=str(error)))
        if progress:
            progress(path)
    store.flush()
    return summary
