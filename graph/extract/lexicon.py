"""The extraction lexicon (`lexicon.yaml`) compiled into spaCy matcher patterns."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

_LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")


@dataclass(frozen=True)
class Lexicon:
    """Trigger, hedge, negation and speech phrases as spaCy token patterns, plus word tables."""

    triggers: dict[str, list[list[dict[str, Any]]]]
    hedges: list[list[dict[str, Any]]]
    negations: list[list[dict[str, Any]]]
    speech_verbs: frozenset[str]
    self_attributed_kinds: frozenset[str]
    vague_quantifiers: frozenset[str]
    vague_heads: frozenset[str]
    prepositions: frozenset[str]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    currencies: dict[str, str]
    equipment_heads: frozenset[str]
    equipment_bare_heads: frozenset[str]
    non_modifiers: frozenset[str]
    non_modifier_verbs: frozenset[str]
    person_titles: tuple[str, ...]  # longest first
    organisation_heads: frozenset[str]
    personnel_nouns: frozenset[str]
    inclusion_verbs: frozenset[str]
    definite_groups: frozenset[str]
    anaphors: frozenset[str]
    negation_exceptions: list[list[dict[str, Any]]]


def phrase_pattern(phrase: str) -> list[dict[str, Any]]:
    """Compile "cover|covers the? cost" into a spaCy Matcher pattern (case-insensitive)."""
    pattern: list[dict[str, Any]] = []
    for word in phrase.split():
        optional = word.endswith("?") and len(word) > 1
        word = word.rstrip("?") if optional else word
        choices = [choice.lower() for choice in word.split("|")]
        token: dict[str, Any] = {"LOWER": {"IN": choices}} if len(choices) > 1 else {"LOWER": choices[0]}
        if optional:
            token["OP"] = "?"
        pattern.append(token)
    return pattern


class PhraseRules:
    """Finds lexicon phrases in token sequences, indexed by their first word.

    Does what spaCy's Matcher does for these simple patterns (a word, a choice of words, an
    optional word), but only tries the patterns whose first word is at hand; most tokens start
    no pattern, so this is several times faster on long articles.
    """

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[str, tuple[tuple[frozenset[str], bool], ...]]]] = {}

    def add(self, name: str, patterns: list[list[dict[str, Any]]]) -> None:
        """Add spaCy-style patterns under one name (first tokens must not be optional)."""
        for pattern in patterns:
            steps = tuple(
                (frozenset([token["LOWER"]] if isinstance(token["LOWER"], str) else token["LOWER"]["IN"]), token.get("OP") == "?")
                for token in pattern
            )
            for word in steps[0][0]:
                self._by_first.setdefault(word, []).append((name, steps))

    def has_trigger(self, words: list[str]) -> bool:
        """True when some pattern whose name starts with "trigger:" matches."""
        return any(name.startswith("trigger:") for name, _, _ in self(words))

    def __call__(self, words: list[str]) -> list[tuple[str, int, int]]:
        """Every (name, start, end) where a pattern matches `words` (lower-cased), longest per pattern."""
        found = []
        for start, word in enumerate(words):
            for name, steps in self._by_first.get(word, ()):
                end = _match(steps, words, start)
                if end is not None:
                    found.append((name, start, end))
        return found


def _match(steps: tuple[tuple[frozenset[str], bool], ...], words: list[str], start: int) -> int | None:
    """The end of the longest match of `steps` at `start`, or None."""
    if not steps:
        return start
    choices, optional = steps[0]
    best = None
    if start < len(words) and words[start] in choices:
        best = _match(steps[1:], words, start + 1)
    if best is None and optional:
        best = _match(steps[1:], words, start)
    return best


def _words(phrases: list[str]) -> frozenset[str]:
    return frozenset(choice.lower() for phrase in phrases for word in phrase.split() for choice in word.split("|"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read and compile `lexicon.yaml` (once)."""
    data = yaml.safe_load(_LEXICON_FILE.read_text(encoding="utf-8"))
    return Lexicon(
        triggers={kind: [phrase_pattern(p) for p in phrases] for kind, phrases in data["triggers"].items()},
        hedges=[phrase_pattern(p) for p in data["hedges"]],
        negations=[phrase_pattern(p) for p in data["negations"]],
        speech_verbs=_words(data["speech_verbs"]),
        self_attributed_kinds=frozenset(data["self_attributed_kinds"]),
        vague_quantifiers=frozenset(data["vague_group"]["quantifiers"]),
        vague_heads=frozenset(data["vague_group"]["heads"]),
        prepositions=frozenset(data["prepositions"]),
        numbers={str(k): int(v) for k, v in data["numbers"].items()},
        multipliers={str(k): int(v) for k, v in data["multipliers"].items()},
        currencies={str(k): str(v) for k, v in data["currencies"].items()},
        equipment_heads=frozenset(data["equipment_heads"]),
        equipment_bare_heads=frozenset(data["equipment_bare_heads"]),
        non_modifiers=frozenset(data["non_modifiers"]),
        non_modifier_verbs=frozenset(data["non_modifier_verbs"]),
        person_titles=tuple(sorted({t.lower() for t in data["person_titles"]}, key=lambda t: -len(t.split()))),
        organisation_heads=frozenset(data["organisation_heads"]),
        personnel_nouns=frozenset(data["personnel_nouns"]),
        inclusion_verbs=frozenset(data["inclusion_verbs"]),
        definite_groups=frozenset(data["definite_groups"]),
        anaphors=frozenset(data["anaphors"]),
        negation_exceptions=[phrase_pattern(p) for p in data["negation_exceptions"]],
    )
