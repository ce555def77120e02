"""Reading articles: `.txt`/`.md` with optional YAML front matter, and `.html` via trafilatura.

The result is an `Article` whose `text` is the clean text every evidence offset refers to:
Markdown markup and scraping noise (language switchers, "Login", photo captions) removed, line
structure kept so paragraphs and headings can still be told apart.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from graph.errors import ArticleError
from graph.model import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_ARTICLE_BYTES = 20 * 1024 * 1024

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_LANGUAGE_SWITCHER = re.compile(r"^(?:(?:ua|uk|en|ru|de|fr|pl|es)[\s|/]*){2,}$", re.IGNORECASE)
_UI_WORDS = re.compile(
    r"^(?:log ?in|sign ?in|sign ?up|subscribe|share|menu|search|advertisement|read more|"
    r"accept cookies|cookie settings|skip to content|print|comments?)$",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"\b(?:Photo|Image|Picture|Credit|Source of photo)\s*:", re.IGNORECASE)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_TAG = re.compile(r"</?(?:span|div|p|br|strong|em|b|i|u|a)\b[^>]*>", re.IGNORECASE)
_MD_HEADING = re.compile(r"^\s*\\?#{1,6}\s*")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w))")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


def read_article(path: Path) -> Article:
    """Read one article file; its id is the file stem.

    Raises ArticleError naming the file when it is empty, binary, too large, not UTF-8, has
    malformed front matter, or has no text left after cleaning.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ArticleError(path, f"cannot be read ({error.strerror})") from error
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(path, f"is {size // (1024 * 1024)} MiB; articles over {MAX_ARTICLE_BYTES // (1024 * 1024)} MiB are refused")
    raw = path.read_bytes()
    if not raw.strip():
        raise ArticleError(path, "is empty")
    if b"\x00" in raw[:8192]:
        raise ArticleError(path, "is binary, not text (it contains NUL bytes)")
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(path, f"is not UTF-8 text (bad byte at offset {error.start}); convert it to UTF-8") from error
    if path.suffix.lower() in (".html", ".htm"):
        return _read_html(path, source)
    return _read_text(path, source)


def _read_text(path: Path, source: str) -> Article:
    metadata, body = split_front_matter(path, source)
    markdown = path.suffix.lower() in (".md", ".markdown")
    text = clean_text(body, markdown=markdown)
    if not text.strip():
        raise ArticleError(path, "has no text after its front matter")
    return Article(
        id=path.stem,
        text=text,
        title=_string_field(path, metadata, "title"),
        outlet=_string_field(path, metadata, "outlet"),
        url=_string_field(path, metadata, "url") or _string_field(path, metadata, "source_url"),
        published=_published(path, metadata),
        language=_string_field(path, metadata, "language") or "en",
        source_path=str(path),
    )


def _read_html(path: Path, source: str) -> Article:
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    document = trafilatura.bare_extraction(source, with_metadata=True, include_comments=False, include_tables=True)
    if document is None or not (document.text or "").strip():
        raise ArticleError(path, "has no article text that trafilatura could find")
    published = None
    if document.date:
        published = _parse_date(path, "date", document.date)
    return Article(
        id=path.stem,
        text=clean_text(document.text, markdown=False),
        title=document.title or "",
        outlet=document.sitename or "",
        url=document.url or "",
        published=published,
        language=document.language or "en",
        source_path=str(path),
    )


def split_front_matter(path: Path, source: str) -> tuple[dict[str, Any], str]:
    """Split a leading `---` YAML block from the body; ({}, source) when there is none."""
    if not source.startswith("---"):
        return {}, source
    match = _FRONT_MATTER.match(source)
    if match is None:
        raise ArticleError(path, "front matter starts with '---' but is never closed by a '---' line")
    try:
        metadata = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        raise ArticleError(path, f"front matter is not valid YAML: {error}") from error
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise ArticleError(path, "front matter must be a YAML mapping of keys to values")
    return metadata, source[match.end():]


def _string_field(path: Path, metadata: dict[str, Any], key: str) -> str:
    value = metadata.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise ArticleError(path, f"front matter field '{key}' must be text, not {type(value).__name__}")
    return " ".join(str(value).split())


def _published(path: Path, metadata: dict[str, Any]) -> date | None:
    for key in ("published", "date", "published_time"):
        if metadata.get(key) not in (None, ""):
            return _parse_date(path, key, metadata[key])
    return None


def _parse_date(path: Path, key: str, value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    import dateparser  # slow to import; only non-ISO dates need it

    parsed = dateparser.parse(text, settings={"PARSERS": ["custom-formats", "absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        raise ArticleError(path, f"front matter field '{key}' is {text!r}, not a date; write it as YYYY-MM-DD")
    return parsed.date()


def clean_text(body: str, *, markdown: bool) -> str:
    """Remove markup and scraping noise line by line, keeping the line structure."""
    lines = []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.replace("\u00a0", " ").replace("\u200b", "")
        line = "".join(ch for ch in line if ch == "\t" or ch >= " " or ch == "\n")
        if markdown:
            line = _strip_markdown(line)
        stripped = line.strip()
        if _is_noise(stripped):
            lines.append("")
            continue
        # indentation (wrapped list items) would split phrases such as "machine\n    guns"
        lines.append(stripped)
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


def _strip_markdown(line: str) -> str:
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_TAG.sub("", line)
    line = _MD_HEADING.sub("", line)
    line = _MD_EMPHASIS.sub("", line)
    return _MD_ESCAPE.sub(r"\1", line)


def _is_noise(line: str) -> bool:
    if not line:
        return False
    if _LANGUAGE_SWITCHER.match(line) or _UI_WORDS.match(line):
        return True
    return bool(_CAPTION.search(line))


def find_articles(paths: list[Path]) -> tuple[list[Path], list[ArticleError]]:
    """Expand files and folders into article files, sorted; unreadable entries become errors.

    Folders are walked without following symbolic links to folders, so a link loop ends.
    """
    found: list[Path] = []
    problems: list[ArticleError] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in sorted(_walk(path, problems)):
                found.append(child)
        elif path.is_file():
            found.append(path)
        else:
            problems.append(ArticleError(path, "does not exist or is not a regular file"))
    return found, problems


def _walk(folder: Path, problems: list[ArticleError]) -> list[Path]:
    files: list[Path] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        problems.append(ArticleError(folder, f"cannot be listed ({error.strerror})"))
        return files
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and entry.is_dir():
            continue
        if entry.is_dir():
            files.extend(_walk(entry, problems))
        elif entry.suffix.lower() in ARTICLE_SUFFIXES:
            if entry.is_file():
                files.append(entry)
            else:
                problems.append(ArticleError(entry, "is a broken link or not a regular file"))
    return files
