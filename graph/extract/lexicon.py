"""The mention finder's word tables (`lexicon.yaml`): number words, currencies, equipment heads,
titles, and the words that end an equipment phrase. Claim verbs are frames (frames.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from graph.errors import PledgeGraphError

_LEXICON_FILE = Path(__file__).with_name("lexicon.yaml")


@dataclass(frozen=True)
class Lexicon:
    """Word tables of the mention finder: numbers, money, equipment heads, titles, stop words."""

    stop_words: frozenset[str]
    numbers: dict[str, int]
    multipliers: dict[str, int]
    currencies: dict[str, str]
    crowns: dict[str, str]  # state name -> its crown's code, for "kroner" and "kronor"
    equipment_heads: frozenset[str]
    equipment_bare_heads: frozenset[str]
    non_modifiers: frozenset[str]
    non_modifier_verbs: frozenset[str]
    person_titles: tuple[str, ...]  # longest first
    organisation_heads: frozenset[str]
    personnel_nouns: frozenset[str]
    civil_words: frozenset[str] = frozenset()
    fractions: dict[str, float] = field(default_factory=dict)
    calibre_words: frozenset[str] = frozenset()  # "105 mm": a calibre after a number, no count
    counted_in: frozenset[str] = frozenset()  # "36,000 rounds of": what a count before "of" counts in
    share_words: frozenset[str] = frozenset()  # "most of it": a share of what was told before
    ranking_verbs: frozenset[str] = frozenset()  # "four HIMARS head the list"
    making_verbs: frozenset[str] = frozenset()  # "American-built": the maker, not a giver
    contribution_nouns: frozenset[str] = frozenset()  # "their contributions": paid into a fund
    denial_words: frozenset[str] = frozenset()  # "nor were they part of ..."
    aid_as_a_whole: frozenset[str] = frozenset()  # "the aid it has sent so far": a running total

    def currency(self, word: str) -> str | None:
        """The currency code of a currency word or sign ("euros", "EUR", "$"), else None."""
        return self.currencies.get(word) or self.currencies.get(word.lower()) or self.currencies.get(word.upper())


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read `lexicon.yaml` (once)."""
    data = yaml.safe_load(_LEXICON_FILE.read_text(encoding="utf-8"))
    read_as_booleans = [key for key, value in data.items() if isinstance(value, list) and any(isinstance(v, bool) for v in value)]
    if read_as_booleans:  # an unquoted on, off, yes or no is YAML's true or false, not the word
        raise PledgeGraphError(f"{_LEXICON_FILE}: {read_as_booleans} hold words YAML read as true or false; quote on, off, yes and no")
    return Lexicon(
        stop_words=frozenset(str(word).lower() for word in data["stop_words"]),
        numbers={str(k): int(v) for k, v in data["numbers"].items()},
        multipliers={str(k): int(v) for k, v in data["multipliers"].items()},
        currencies={str(k): str(v) for k, v in data["currencies"].items()},
        crowns={str(k): str(v) for k, v in (data.get("crowns") or {}).items()},
        equipment_heads=frozenset(data["equipment_heads"]),
        equipment_bare_heads=frozenset(data["equipment_bare_heads"]),
        non_modifiers=frozenset(data["non_modifiers"]),
        non_modifier_verbs=frozenset(data["non_modifier_verbs"]),
        person_titles=tuple(sorted({t.lower() for t in data["person_titles"]}, key=lambda t: -len(t.split()))),
        organisation_heads=frozenset(data["organisation_heads"]),
        personnel_nouns=frozenset(data["personnel_nouns"]),
        civil_words=frozenset(data.get("civil_words") or ()),
        fractions={str(k): float(v) for k, v in (data.get("fractions") or {}).items()},
        calibre_words=frozenset(data.get("calibre_words") or ()),
        counted_in=frozenset(data.get("counted_in") or ()),
        **{name: frozenset(str(word) for word in data.get(name) or ())
           for name in ("share_words", "ranking_verbs", "making_verbs", "contribution_nouns", "denial_words", "aid_as_a_whole")},
    )
