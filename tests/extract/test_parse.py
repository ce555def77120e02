"""The parse stage: the pipeline's faster attribute rules and lemmatizer annotate as the model's own."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from graph.extract import parse as parse_module
from graph.extract.parse import MODEL_PACKAGES, english, parse

# tag map, exceptions ("n't", "'s", "I"), two-token rules ("gon na", "Let 's", "y' all"),
# dependency-conditioned rules ("There are", "but" as advmod), space tokens
TEXTS = [
    "Germany will send 18 Leopard 2A6 tanks, but it isn't gonna deliver them this year, y'all.",
    "There are two more Patriot systems that Berlin can't spare; let's see what they'd do.",
    "I told him  it ain't over, and we have had nothin' from them.\n\nYou got it?",
    "The United States has provided $300 million , which includes 155mm shells and HIMARS.",
]


def _stock():
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name, exclude=["ner"])
        except OSError:
            continue
    raise AssertionError("no model installed")


def _annotations(doc: Doc) -> list[tuple[object, ...]]:
    return [(t.text, t.tag_, t.pos_, t.morph.key, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_same_annotations_as_the_models_own_ruler_and_lemmatizer(monkeypatch):
    assert "attribute_ruler" not in english().pipe_names  # the faster rules are in use
    stock = _stock()
    words = [[(t.text, bool(t.whitespace_)) for t in stock.make_doc(text)] for text in TEXTS]
    expected = [_annotations(doc) for doc in stock.pipe(Doc(stock.vocab, [w for w, _ in s], [sp for _, sp in s]) for s in words)]
    assert [_annotations(doc) for doc in parse(words)] == expected
    monkeypatch.setattr(parse_module, "_CACHED_TOKENS", 3)  # caches emptied between documents
    assert [_annotations(doc) for doc in parse(words)] == expected
