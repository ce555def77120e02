"""Splitting an article's clean text into paragraphs and sentences (clauses are graph/extract/roles.py).

spaCy's blank English pipeline (tokenizer and rule-based sentencizer, no downloaded model) does
the tokenising; offsets always refer to `Article.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import spacy
from spacy.attrs import DEP, LEMMA, LOWER, ORTH, POS, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as TokenSpan
from spacy.util import compile_infix_regex

from graph.model import Article, Span

# A "sentence" longer than this (a scraped line with no full stop) is read in pieces of this many
# tokens, ended at the last comma or semicolon when there is one: clause analysis is quadratic
# in sentence length, and no real sentence is this long.
MAX_SENTENCE_TOKENS = 200
# Paragraphs are tokenised in pieces of at most this many characters (cut at whitespace), so a
# megabyte-long line costs memory in proportion to the piece, not to the line.
MAX_PIECE_CHARS = 100_000

_SENTENCE_END = re.compile(r"[.!?…:\"”’)]\s*$")
_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d+[.)])\s+")


@lru_cache(maxsize=1)
def nlp() -> Language:
    """The shared spaCy pipeline: blank English with the rule-based sentencizer."""
    pipeline = spacy.blank("en")
    # "Leopard 2A4s", "Leopard 2A6": a model's variant letters after its number are a token of
    # their own, so the model's name ("Leopard 2") is found
    infixes = [*pipeline.Defaults.infixes, r"(?<=[0-9])(?=[A-Z][0-9])"]
    pipeline.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    pipeline.add_pipe("sentencizer")
    pipeline.max_length = 30_000_000
    return pipeline


@dataclass(frozen=True)
class Paragraph:
    """A block of text: a paragraph, heading or list item, with its character offset."""

    start: int
    text: str
    is_heading: bool
    is_list_item: bool


@dataclass
class Sentence:
    """One sentence: its span in the article and its spaCy tokens (a view into a paragraph Doc)."""

    index: int
    span: Span
    tokens: TokenSpan
    paragraph: Paragraph

    @property
    def is_heading(self) -> bool:
        """Headings, titles and labels summarise the body; claims are read from the body."""
        return self.paragraph.is_heading


def paragraphs(text: str) -> list[Paragraph]:
    """Split text into paragraphs.

    A text wrapped at a fixed width (most lines of multi-line blocks end mid-sentence) breaks
    paragraphs only at blank lines, bullets and headings; otherwise every line is a paragraph.
    """
    blocks: list[tuple[int, list[tuple[int, str]]]] = []
    offset = 0
    current: list[tuple[int, str]] = []
    for line in text.split("\n"):
        if line.strip():
            current.append((offset, line))
        elif current:
            blocks.append((current[0][0], current))
            current = []
        offset += len(line) + 1
    if current:
        blocks.append((current[0][0], current))
    wrapped = _is_hard_wrapped(blocks)
    result: list[Paragraph] = []
    for _, lines in blocks:
        group: list[tuple[int, str]] = []
        for start, line in lines:
            if group and (not wrapped or _BULLET.match(line)):
                result.append(_paragraph(text, group))
                group = []
            group.append((start, line))
        if group:
            result.append(_paragraph(text, group))
    return result


def _is_hard_wrapped(blocks: list[tuple[int, list[tuple[int, str]]]]) -> bool:
    multi = [lines for _, lines in blocks if len(lines) > 1]
    if not multi:
        return False
    inner = [line for lines in multi for _, line in lines[:-1]]
    unfinished = sum(1 for line in inner if not _SENTENCE_END.search(line))
    return unfinished >= 0.5 * len(inner)


def _looks_like_heading(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and len(stripped.split()) <= 14 and not _SENTENCE_END.search(stripped)


def _paragraph(text: str, group: list[tuple[int, str]]) -> Paragraph:
    start = group[0][0]
    end = group[-1][0] + len(group[-1][1])
    body = text[start:end]
    return Paragraph(
        start=start,
        text=body,
        is_heading=len(group) == 1 and _looks_like_heading(body) and not _BULLET.match(body),
        is_list_item=bool(_BULLET.match(body)),
    )


def sentences(article: Article) -> list[Sentence]:
    """Every sentence of the article, in order, with offsets into `article.text`."""
    result: list[Sentence] = []
    for paragraph in paragraphs(article.text):
        for piece in _pieces(paragraph):
            # a wrapped line break is a space to the tokenizer (same length, so offsets hold)
            doc: Doc = nlp()(piece.text.replace("\n", " "))
            for sent in (part for whole in doc.sents for part in _bounded(whole)):
                start = piece.start + sent.start_char
                end = piece.start + sent.end_char
                if not article.text[start:end].strip():  # the span's own text, without joining its tokens
                    continue
                result.append(Sentence(len(result), Span(article.id, start, end, article.text[start:end]), sent, piece))
    return result


def _pieces(paragraph: Paragraph) -> list[Paragraph]:
    """The paragraph itself, or consecutive pieces of it of at most MAX_PIECE_CHARS characters."""
    if len(paragraph.text) <= MAX_PIECE_CHARS:
        return [paragraph]
    pieces: list[Paragraph] = []
    text, begin = paragraph.text, 0
    while begin < len(text):
        end = min(begin + MAX_PIECE_CHARS, len(text))
        if end < len(text):
            cut = max(text.rfind(" ", begin, end), text.rfind("\n", begin, end))
            end = cut + 1 if cut > begin else end
        pieces.append(replace(paragraph, start=paragraph.start + begin, text=text[begin:end]))
        begin = end
    return pieces


def _bounded(sent: TokenSpan) -> list[TokenSpan]:
    """A sentence, or consecutive parts of at most MAX_SENTENCE_TOKENS tokens."""
    if len(sent) <= MAX_SENTENCE_TOKENS:
        return [sent]
    doc, parts, begin = sent.doc, [], sent.start
    while begin < sent.end:
        end = min(begin + MAX_SENTENCE_TOKENS, sent.end)
        if end < sent.end:
            breaks = [i for i in range(begin + 1, end) if doc[i].text in (",", ";")]
            end = breaks[-1] + 1 if breaks else end
        parts.append(doc[begin:end])
        begin = end
    return parts


def lower_words(doc: Doc) -> list[str]:
    """The lower-case form of every token of a Doc, read once per Doc and kept in its user data:
    each `token.lower_` is a string-store lookup, and the mention patterns read every token's
    several times."""
    return token_strings(doc, LOWER)


def token_texts(doc: Doc) -> list[str]:
    """The text of every token of a Doc (`token.text`), read once per Doc like lower_words."""
    return token_strings(doc, ORTH)


def token_strings(doc: Doc, attr: int) -> list[str]:
    """One string attribute of every token of a Doc (LOWER, ORTH, LEMMA, TAG, POS, DEP: what
    `token.lower_`, `.text`, `.lemma_`, `.tag_`, `.pos_`, `.dep_` give), read once per Doc and
    kept in its user data. A loop over a Doc's tokens makes a Token object per token and looks
    each string up again; the frame and mention stages read these columns for every token.
    The columns read together (the words; the parse's lemma, POS, tag and dependency) come from
    one `to_array` call, which costs some 10 us. The Doc must not change after it is first read
    (parses and paragraphs do not)."""
    found = doc.user_data.get((_COLUMN, attr))
    if found is None:
        if len(_STRINGS) > _CACHED_STRINGS:
            _STRINGS.clear()
        strings = doc.vocab.strings
        group = _READ_TOGETHER.get(attr, (attr,))
        for column, values in zip(group, doc.to_array(list(group)).T.tolist()):
            texts = []
            for value in values:
                text = _STRINGS.get(value)
                if text is None:
                    text = _STRINGS[value] = strings[value]
                texts.append(text)
            doc.user_data[(_COLUMN, column)] = texts
        found = doc.user_data[(_COLUMN, attr)]
    return found


def token_spaces(doc: Doc) -> list[bool]:
    """Whether each token of a Doc is followed by a space (`bool(token.whitespace_)`), read once per Doc."""
    found = doc.user_data.get(_SPACES)
    if found is None:
        found = doc.user_data[_SPACES] = [bool(value) for value in doc.to_array(SPACY).tolist()]
    return found


_COLUMN = "pledgegraph.column"
_SPACES = "pledgegraph.spaces"
_WORDS, _PARSE = (LOWER, ORTH), (LEMMA, POS, TAG, DEP)
_READ_TOGETHER = {attr: group for group in (_WORDS, _PARSE) for attr in group}
_STRINGS: dict[int, str] = {}  # string-store key -> string (keys are hashes of the strings)
_CACHED_STRINGS = 500_000


def char_span(sentence: Sentence, token_start: int, token_end: int) -> Span:
    """The article span of tokens [token_start, token_end) of a sentence (doc token indices)."""
    doc = sentence.tokens.doc
    first = doc[token_start]
    last = doc[token_end - 1]
    start = sentence.paragraph.start + first.idx
    end = sentence.paragraph.start + last.idx + len(last.text)
    return Span(sentence.span.article_id, start, end, sentence.paragraph.text[first.idx:last.idx + len(last.text)])
