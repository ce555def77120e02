"""Reading articles: `.txt`/`.md` with optional YAML front matter, and `.html` via trafilatura.

The result is an `Article` whose `text` is the clean text every evidence offset refers to:
Markdown markup and scraping noise (language switchers, "Login", photo captions) removed, line
structure kept so paragraphs and headings can still be told apart.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from graph.errors import ArticleError, shorten
from graph.model import Article

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_ARTICLE_BYTES = 20 * 1024 * 1024

_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or an office document)"),
    (b"\x1f\x8b", "a gzip archive"),
)
# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one
_BYTE_ORDER_MARKS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_LANGUAGE_SWITCHER = re.compile(r"^(?:(?:ua|uk|en|ru|de|fr|pl|es)[\s|/]*){2,}$", re.IGNORECASE)
_UI_WORDS = re.compile(
    r"^(?:log ?in|sign ?in|sign ?up|subscribe|share|menu|search|advertisement|read more|"
    r"accept cookies|cookie settings|skip to content|print|comments?)$",
    re.IGNORECASE,
)
_CAPTION = re.compile(r"\b(?:Photo|Image|Picture|Credit|Source of photo)\s*:", re.IGNORECASE)
_TERMINAL_ESCAPE = re.compile(r"\x1b\[[0-9;?]{0,32}[ -/]{0,8}[@-~]")  # ANSI colour codes in pasted terminal output
_MD_LINK = re.compile(r"!?\[([^\]]{0,500})\]\([^)]{0,2000}\)")
_MD_TAG = re.compile(r"</?(?:span|div|p|br|strong|em|b|i|u|a)\b[^>]{0,500}>", re.IGNORECASE)
_MD_HEADING = re.compile(r"^\s*\\?#{1,6}\s*")
_MD_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w))")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
# Every pattern above is bounded (no unbounded run inside a repeated match), so cleaning a line
# costs time in proportion to its length. A "word" this long is debris, not language (a table
# row without spaces, 100,000 digits or brackets): it is removed before anything reads the text,
# as tokenising and reading such a run costs time in the square of its length.
MAX_WORD_CHARS = 300
_ISO_DATE = re.compile(r"[+-]?\d{4,}-\d{1,2}-\d{1,2}\b")
_OVERLONG_WORD = re.compile(r"\S{%d,}" % (MAX_WORD_CHARS + 1))


def read_article(path: Path) -> Article:
    """Read one article file; its id is the file stem.

    Raises ArticleError naming the file when it is empty, binary, too large, not UTF-8, has
    malformed front matter, or has no text left after cleaning.
    """
    path = Path(path)
    if not _encodable(path.stem):
        raise ArticleError(path, "its file name is not UTF-8 text (an article is named by it); rename the file")
    source = decode_text(path, _read_bytes(path))
    if path.suffix.lower() in (".html", ".htm"):
        return _read_html(path, source)
    return _read_text(path, source)


def _read_bytes(path: Path) -> bytes:
    """The bytes of a regular file, at most MAX_ARTICLE_BYTES of them (ArticleError otherwise).

    Opened without blocking and checked once open, so a FIFO, a device or a file that grows
    (or claims size 0, as /proc files do) is never read without bound.
    """
    too_big = f"articles over {MAX_ARTICLE_BYTES // (1024 * 1024)} MiB are refused"
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(descriptor, "rb") as file:
            status = os.fstat(file.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise ArticleError(path, "is not a regular file (a folder, device or pipe)")
            if status.st_size > MAX_ARTICLE_BYTES:
                raise ArticleError(path, f"is {status.st_size // (1024 * 1024)} MiB; {too_big}")
            raw = file.read(MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        raise ArticleError(path, f"cannot be read ({error.strerror or error})") from error
    if len(raw) > MAX_ARTICLE_BYTES:
        raise ArticleError(path, f"is over {MAX_ARTICLE_BYTES // (1024 * 1024)} MiB; {too_big}")
    return raw


def decode_text(path: Path, raw: bytes) -> str:
    """The text of an article file: UTF-8, or UTF-16/32 with a byte order mark.

    Raises ArticleError for empty and binary files (naming the file type when its signature is
    known) and for any other encoding, which cannot be told apart from bytes reliably.
    """
    if not raw.strip():
        raise ArticleError(path, "is empty")
    for signature, kind in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            raise ArticleError(path, f"is {kind}, not text")
    for bom, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(bom):
            try:
                return raw[len(bom):].decode(encoding)
            except UnicodeDecodeError as error:
                raise ArticleError(path, f"starts with a {encoding} byte order mark but is not {encoding} text") from error
    if b"\x00" in raw:
        raise ArticleError(path, "is binary, not text (it contains NUL bytes; UTF-16 text needs a byte order mark)")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ArticleError(path, f"is not UTF-8 text (bad byte at offset {error.start}); convert it to UTF-8") from error


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
        warnings=(metadata["_warning"],) if "_warning" in metadata else (),
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
        text=clean_text(_html_blocks(document.text), markdown=False),
        title=document.title or "",
        outlet=document.sitename or "",
        url=document.url or "",
        published=published,
        language=document.language or "en",
        source_path=str(path),
    )


def _html_blocks(text: str) -> str:
    """trafilatura's text with one paragraph per block: each line, and each table cell, is a
    paragraph of its own (HTML lines are never hard-wrapped, so no two may run together)."""
    blocks: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            blocks.extend(cell.strip() for cell in stripped[1:-1].split("|"))
        else:
            blocks.append(stripped)
    return "\n\n".join(block for block in blocks if block)


def split_front_matter(path: Path, source: str) -> tuple[dict[str, Any], str]:
    """Split a leading `---` YAML block from the body; ({}, source) when there is none.

    Front matter that people write is often not valid YAML ("title: Sunak: Britain ..."): it is
    then read as plain `key: value` lines (the first colon splits) and the metadata carries a
    warning under the key `_warning`.
    """
    if not source.startswith("---"):
        return {}, source
    match = _FRONT_MATTER.match(source)
    if match is None:
        raise ArticleError(path, "front matter starts with '---' but is never closed by a '---' line")
    try:
        metadata = yaml.load(match.group(1), Loader=_FrontMatterLoader)  # noqa: S506 (plain strings only)
    except FrontMatterRefused as error:
        raise ArticleError(path, f"front matter is refused: {shorten(error.problem, 120)}") from error
    except yaml.YAMLError as error:
        metadata = _plain_front_matter(match.group(1))
        if not metadata:
            raise ArticleError(path, f"front matter is neither YAML nor 'key: value' lines: {error}") from error
        where = getattr(error, "problem_mark", None)
        line = f" (line {where.line + 2})" if where is not None else ""
        metadata["_warning"] = f"front matter is not valid YAML{line}; read as plain 'key: value' lines"
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise ArticleError(path, "front matter must be a YAML mapping of keys to values")
    for key, value in metadata.items():
        for text in (key, *(value if isinstance(value, list) else [value])):
            if isinstance(text, str) and not _encodable(text):
                raise ArticleError(path, f"front matter field '{shorten(key)}' holds a lone surrogate escape, which is not text")
    return metadata, source[match.end():]


# front matter is a flat mapping; a little nesting (a list of authors) is allowed
MAX_FRONT_MATTER_DEPTH = 8


class FrontMatterRefused(yaml.composer.ComposerError):
    """YAML that front matter may not use (aliases, deep nesting): refused, never read leniently."""


class _FrontMatterLoader(yaml.BaseLoader):
    """YAML for front matter: every value a plain string, no aliases, bounded nesting.

    Dates and numbers are read by this module from strings, so no YAML date (`0000-01-01`,
    `2025-02-30`) or 5,000-digit integer fails inside the loader; an alias (`*a`) is refused,
    as anchors expanding to 10^8 leaves are a memory bomb, and nesting past
    MAX_FRONT_MATTER_DEPTH is refused before the recursive composer goes deep.
    """

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise FrontMatterRefused(None, None, "aliases (*name) are not allowed in front matter", mark)
        depth = getattr(self, "_depth", 0)
        if depth >= MAX_FRONT_MATTER_DEPTH:
            mark = self.peek_event().start_mark
            raise FrontMatterRefused(None, None, f"front matter nests more than {MAX_FRONT_MATTER_DEPTH} levels", mark)
        self._depth = depth + 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth = depth


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_PLAIN_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s?(.*)$")


def _plain_front_matter(block: str) -> dict[str, Any]:
    """`key: value` lines, split at the first colon; {} when a non-blank line is no such line."""
    fields: dict[str, Any] = {}
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = _PLAIN_FIELD.match(line)
        if match is None:
            return {}
        value = match.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[match.group(1)] = value
    return fields


def _string_field(path: Path, metadata: dict[str, Any], key: str) -> str:
    value = metadata.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise ArticleError(path, f"front matter field {shorten(key)!r} must be text, not {type(value).__name__}")
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
    try:  # a date, or a date and a time ("2025-07-18T10:00:00Z"); not a run of digits
        if len(text) <= 10 or text[10] in "Tt ":
            return date.fromisoformat(text[:10])
    except ValueError:
        pass
    # an ISO date that is not one (2024-13-01, 2023-02-29) is an error, not for dateparser to
    # read some other way; no date is written longer than 64 characters
    if len(text) > 64 or _ISO_DATE.match(text):
        raise ArticleError(path, f"front matter field '{key}' is {shorten(text)!r}, not a date; write it as YYYY-MM-DD")
    import dateparser  # slow to import; only non-ISO dates need it

    parsed = dateparser.parse(text, settings={"PARSERS": ["custom-formats", "absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]})
    if parsed is None:
        raise ArticleError(path, f"front matter field '{key}' is {shorten(text)!r}, not a date; write it as YYYY-MM-DD")
    return parsed.date()


def clean_text(body: str, *, markdown: bool) -> str:
    """Remove markup and scraping noise line by line, keeping the line structure."""
    lines = []
    body = _OVERLONG_WORD.sub(" ", _TERMINAL_ESCAPE.sub("", body))
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.replace("\u00a0", " ").replace("\u200b", "")
        # control characters (C0, DEL, C1) and invisible format characters (bidirectional
        # marks and overrides) are debris that would split names ("Norway\u200f")
        line = "".join(ch for ch in line if ch == "\t" or (ch >= " " and not "\x7f" <= ch <= "\x9f" and not _is_invisible_format(ch)))
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


def _is_invisible_format(ch: str) -> bool:
    # joiners (U+200C, U+200D) shape Persian and Indic words and are kept
    return ch >= "\u00ad" and ch not in "\u200c\u200d" and unicodedata.category(ch) == "Cf"


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


@dataclass
class ArticleFiles:
    """What a set of input paths holds: article files, unreadable entries, and other files.

    Every entry of the folders walked is in one of the lists: nothing found is left out
    without a word. `reasons` says why a skipped entry is skipped when it is not simply a file
    without an article suffix.
    """

    files: list[Path] = field(default_factory=list)
    problems: list[ArticleError] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # in folders, not .txt/.md/.html
    reasons: dict[Path, str] = field(default_factory=dict)

    def skip(self, path: Path, reason: str | None = None) -> None:
        self.skipped.append(path)
        if reason:
            self.reasons[path] = reason

    def reason(self, path: Path) -> str:
        """Why `path` was skipped."""
        return self.reasons.get(path, "not an article file (.txt, .md, .html)")


def find_articles(paths: list[Path]) -> ArticleFiles:
    """Expand files and folders into article files, sorted; unreadable entries become problems.

    Folders are walked without following symbolic links to folders, so a link loop ends, and a
    link to a file outside the folder given (`secret.txt -> /etc/passwd`) is skipped, not read.
    Hidden entries (names starting with a dot) and files in folders without an article suffix
    (images, archives) are listed as skipped; a file named on the command line is always read.
    """
    found = ArticleFiles()
    for path in paths:
        path = Path(path)
        try:
            if path.is_dir():
                found.files.extend(sorted(_walk(path, path.resolve(), found)))
            elif path.is_file():
                found.files.append(path)
            else:
                found.problems.append(ArticleError(path, "does not exist or is not a regular file"))
        except (OSError, ValueError) as error:  # a name the system cannot take, a path not reachable
            found.problems.append(ArticleError(path, f"cannot be read ({getattr(error, 'strerror', None) or error})"))
    return found


def _walk(folder: Path, root: Path, found: ArticleFiles) -> list[Path]:
    files: list[Path] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        found.problems.append(ArticleError(folder, f"cannot be listed ({error.strerror})"))
        return files
    for entry in entries:
        try:
            if entry.is_symlink() and entry.is_dir():
                continue  # never followed: a link loop ends here
            if entry.name.startswith("."):
                found.skip(entry, "a hidden folder, not read" if entry.is_dir() else "a hidden file, not read")
            elif entry.is_dir():
                files.extend(_walk(entry, root, found))
            elif entry.is_symlink() and not entry.resolve().is_relative_to(root):
                found.skip(entry, f"a link to {entry.resolve()}, outside {root}; not followed")
            elif entry.suffix.lower() in ARTICLE_SUFFIXES:
                if entry.is_file():
                    files.append(entry)
                else:
                    found.problems.append(ArticleError(entry, "is a broken link or not a regular file"))
            else:
                found.skip(entry)
        except (OSError, RuntimeError) as error:  # unreadable entry, or a link loop resolving a file
            found.problems.append(ArticleError(entry, f"cannot be read ({getattr(error, 'strerror', None) or error})"))
    return files
