"""The exceptions pledgegraph raises; the CLI turns them into messages and exit codes."""

from __future__ import annotations


class PledgeGraphError(Exception):
    """Base class of every error pledgegraph raises on purpose."""


class ArticleError(PledgeGraphError):
    """An article file cannot be read: empty, binary, wrong encoding, bad front matter."""

    def __init__(self, path: object, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ValidationFailed(PledgeGraphError):
    """A graph violates the SHACL shapes; `report` is the human-readable report."""

    def __init__(self, subject: str, report: str) -> None:
        super().__init__(f"{subject} does not conform to the shapes:\n{report}")
        self.subject = subject
        self.report = report


class QueryError(PledgeGraphError):
    """A query cannot be found, parsed, bound or is refused (SERVICE, LOAD, updates)."""


class QueryRefused(QueryError):
    """A query asks for what pledgegraph never does: an update, SERVICE, LOAD, a graph not held.

    `update` is True when the refused text is a SPARQL update (allowed with the write flag).
    """

    def __init__(self, message: str, *, update: bool = False) -> None:
        super().__init__(message)
        self.update = update


class QueryLimitExceeded(QueryError):
    """A query ran past its time limit or returned more rows than allowed."""


class NotAcceptable(QueryError):
    """No result format the client accepts fits the query's form (HTTP 406)."""


class StoreError(PledgeGraphError):
    """The store cannot be opened or written (e.g. another process holds its lock)."""


class RdfInputError(PledgeGraphError):
    """An RDF file given by the user cannot be parsed."""


class QueryOverMemory(QueryError):
    """A query needed more memory than its worker's ceiling and was stopped (HTTP 503)."""


def cannot_write(path: object, error: OSError) -> PledgeGraphError:
    """The error for an output file that cannot be written, saying what to do."""
    folder = getattr(path, "parent", None)
    if folder is not None and not folder.is_dir():
        return PledgeGraphError(f"cannot write {shown(path)}: the folder {shown(folder)} does not exist; create it first")
    return PledgeGraphError(f"cannot write {shown(path)}: {error.strerror or error}")


def shown(text: object) -> str:
    """User text (a file name, an id) as one printable line: control characters, bidirectional
    overrides and undecodable bytes escaped, so it cannot break or forge a report line."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in str(text))


def shorten(text: object, limit: int = 80) -> str:
    """A value echoed in a message, cut to `limit` characters (a 90 kB field is not repeated)."""
    value = shown(text)
    return value if len(value) <= limit else f"{value[:limit]}… ({len(value):,} characters)"
