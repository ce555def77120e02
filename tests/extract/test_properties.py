"""Property tests (hypothesis): for any text, reading and extraction do not crash, every
evidence span lies inside the article text and its offsets give back its quote, and the
article's graph either validates or is reported with the reason.

Two kinds of text: anything at all (any Unicode, control characters, stray front matter), and
sentences shaped like claims (actors, verbs, numbers, systems, money, dates, sources, quotes)
with parts left out and noise let in, which reach deep into the extraction rules.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import ArticleError
from graph.extract.extractor import extract
from graph.pipeline import prepare_article
from graph.read.articles import read_article
from graph.vocabulary import Vocabulary, load_vocabulary

ACTORS = ("Germany", "Norway", "Berlin", "the United States", "Washington", "NATO", "Kyiv", "Trump", "Merz",
          "Zelensky", "the Pentagon", "the chancellor", "He", "She", "They", "It", "Sweden and Norway", "Skynex Corp")
VERBS = ("will send", "sends", "sent", "will pay for", "paid for", "will fund", "delivered", "has delivered", "pledged",
         "promised", "requested", "asked for", "paused shipments of", "suspended", "is considering sending",
         "is weighing", "ruled out sending", "has not yet decided on", "is open to sending", "will finance")
QUANTITIES = ("", "two", "17", "a dozen", "up to five", "1,000", "$1 billion in", "€500 million for", "£2bn of", "one")
SYSTEMS = ("Patriot systems", "Patriots", "IRIS-T", "Taurus missiles", "Tomahawks", "NASAMS", "HIMARS", "F-16s",
           "interceptors", "the systems", "Gripen fighters", "Skynex systems", "weapons", "air defence")
TAILS = ("", "for Ukraine", "to Ukraine", "to Kyiv", "via NATO", "through NATO", "on behalf of Ukraine", "by Berlin")
WHEN = ("", "on Monday", "last Tuesday", "at the end of April", "on July 14, 2025", "in 2024")
SOURCES = ("", ", he said", ", according to Der Spiegel", ", RBC-Ukraine reported, citing Der Spiegel",
           ", a Pentagon spokesperson confirmed", " Merz told reporters")
ENDS = (".", ".", ".", "!", "?", ";", "", "…", ".\"", "\n")
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)


def claim_sentence() -> st.SearchStrategy[str]:
    """A sentence shaped like a support claim, with parts left out and noise let in."""
    part = st.sampled_from
    noise = st.text(max_size=4)
    words = st.tuples(part(ACTORS), part(VERBS), part(QUANTITIES), part(SYSTEMS), part(TAILS), part(WHEN), part(SOURCES), part(ENDS))
    return st.tuples(words, st.lists(st.tuples(st.integers(0, 7), noise), max_size=2), st.booleans()).map(_sentence)


def _sentence(drawn: tuple[tuple[str, ...], list[tuple[int, str]], bool]) -> str:
    words, noise, quoted = drawn
    parts = list(words)
    for where, text in noise:
        parts[where] = f"{parts[where]} {text}"
    sentence = " ".join(p for p in parts[:-1] if p) + parts[-1]
    return f"“{sentence}”" if quoted else sentence


def domain_text() -> st.SearchStrategy[str]:
    paragraphs = st.lists(claim_sentence(), min_size=1, max_size=4).map(" ".join)
    return st.lists(st.one_of(paragraphs, st.text(max_size=40)), min_size=1, max_size=6).map("\n\n".join)


def check_article(text: str, vocabulary: Vocabulary) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "property-article.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            article = read_article(path)
        except ArticleError as error:
            assert "property-article.txt" in str(error)  # reported, naming the file
            return
        result = extract(article, vocabulary)
        for claim in result.claims:
            assert claim.evidence, claim
            for span in claim.evidence:
                assert 0 <= span.start < span.end <= len(article.text), span
                assert article.text[span.start:span.end] == span.text, span
        prepared = prepare_article(path, vocabulary)
        if prepared.problem:
            assert prepared.invalid and "violates the shapes" in prepared.problem, prepared.problem
        else:
            assert prepared.claims == len(result.claims) and prepared.ntriples


@_SETTINGS
@given(text=st.text(max_size=3000))
def test_any_text_at_all(text: str) -> None:
    check_article(text, load_vocabulary())


@_SETTINGS
@given(text=domain_text())
def test_text_made_of_claim_words(text: str) -> None:
    check_article(text, load_vocabulary())
