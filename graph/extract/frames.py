"""The frame inventory: trigger lemmas, kinds and role maps, read from frames.yaml.

A frame says, for one group of verbs, which kind of claim they report and which grammatical
relation of the verb fills which role ("receive": the subject is the recipient, "from X" the
provider). Governing verbs, hedges and speech verbs are data here too. Nothing in this module
looks at text; graph/extract/grammar.py and modality.py apply the inventory to a parse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from graph.errors import PledgeGraphError

FRAMES_FILE = Path(__file__).with_name("frames.yaml")
KINDS = frozenset({"request", "pledge", "funding", "delivery", "suspension", "consideration", "transfer"})
ROLES = frozenset({"provider", "recipient", "funder", "via", "item", "asked", "requester", "holder", "blocker"})
GOVERNING_SUBJECT = "governing_subject"  # a noun frame's relation: the subject of the verb above it


class FrameError(PledgeGraphError):
    """frames.yaml names an unknown kind or role, or misses a field."""


@dataclass(frozen=True)
class Frame:
    """One frame: trigger lemmas, the kind they report and the role of each relation."""

    name: str
    lemmas: frozenset[str]
    kind: str
    roles: Mapping[str, str]
    examples: tuple[tuple[str, Mapping[str, Any]], ...] = ()  # (sentence, what it must give)
    particles: frozenset[str] = frozenset()  # "hold up", "put on hold": the frame needs one of these
    # "cover the costs", "join the effort": an object noun that points back to an earlier claim,
    # a transfer (pledge, delivery, consideration) or a funding, whose item the claim takes
    refers_back: frozenset[str] = frozenset()
    refers_to: str = ""
    money_only: bool = False  # "set aside", "put into": a claim only as a payment (graph/extract/funds.py)
    # "doubled its aid", not "doubled its output of shells": the object nouns the frame reads
    # (empty: any object)
    objects: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Inventory:
    """Every frame, plus the governing verbs, hedges and speech verbs of frames.yaml."""

    frames: tuple[Frame, ...]
    nominal: tuple[Frame, ...]
    governors: Mapping[str, frozenset[str]]
    hedge_modals: frozenset[str]
    hedge_adjectives: frozenset[str]
    hedge_nouns: frozenset[str]
    stopping_adverbs: frozenset[str]
    speech_verbs: frozenset[str]
    agent_nouns: Frame | None = None
    proposal_nouns: frozenset[str] = frozenset()
    control_nouns: frozenset[str] = frozenset()  # "in a position to send": the infinitive's subject is the noun's holder
    licence_verbs: frozenset[str] = frozenset()  # "approved their transfer": a licence, no claim of the approver
    more_words: frozenset[str] = frozenset()  # "could send further tanks": more than was promised
    # "called for", "flown into Ukraine": verbs that trigger only with one of these relations
    # (a preposition's lemma or a dependency label); "called the decision a step", "pilots could fly them" do not
    needs_relation: Mapping[str, frozenset[str]] = field(default_factory=dict)
    demonyms: Mapping[str, str] = field(default_factory=dict)  # "British" -> "United Kingdom"
    # "The package is worth 300 million euros": the words that value, and what they may value
    valuation_words: frozenset[str] = frozenset()
    valuation_subjects: frozenset[str] = frozenset()
    valuation_running_total: frozenset[str] = frozenset()
    valuation_examples: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    by_lemma: Mapping[str, tuple[Frame, ...]] = field(default_factory=dict)

    def frames_for(self, lemma: str) -> tuple[Frame, ...]:
        """The frames a verb lemma may trigger, in file order."""
        return self.by_lemma.get(lemma, ())

    @property
    def trigger_lemmas(self) -> frozenset[str]:
        """Every lemma that can make a sentence worth parsing."""
        governing = frozenset().union(*self.governors.values())
        agents = self.agent_nouns.lemmas if self.agent_nouns is not None else frozenset()
        return frozenset(self.by_lemma) | self.nominal_lemmas | governing | agents

    @property
    def nominal_lemmas(self) -> frozenset[str]:
        """Nouns of hand-over and purchase ("transfer", "deliveries", "purchase")."""
        return frozenset().union(*(frame.lemmas for frame in self.nominal))

    def nominal_frame(self, lemma: str) -> Frame | None:
        """The noun frame of a lemma, if any."""
        return next((frame for frame in self.nominal if lemma in frame.lemmas), None)


def _index(frames: tuple[Frame, ...]) -> Mapping[str, tuple[Frame, ...]]:
    by_lemma: dict[str, list[Frame]] = {}
    for frame in frames:
        for lemma in frame.lemmas:
            by_lemma.setdefault(lemma, []).append(frame)
    return MappingProxyType({lemma: tuple(found) for lemma, found in by_lemma.items()})


def _examples(record: dict[str, Any]) -> tuple[tuple[str, Mapping[str, Any]], ...]:
    return tuple((str(e["text"]), MappingProxyType(dict(e.get("expect") or {}))) for e in record.get("examples") or ())


def _frame(record: dict[str, Any]) -> Frame:
    name = record.get("name", "?")
    kind = record.get("kind")
    if kind not in KINDS:
        raise FrameError(f"{FRAMES_FILE}: frame {name!r} has kind {kind!r}; expected one of {sorted(KINDS)}")
    roles = dict(record.get("roles") or {})
    words = [*roles, *(record.get("lemmas") or ()), *(record.get("particles") or ())]
    unread = [word for word in words if not isinstance(word, str)]
    if unread:
        # YAML reads a bare on, off, yes or no as true or false: "on" must be quoted
        raise FrameError(f"{FRAMES_FILE}: frame {name!r} has words YAML read as {unread}; quote on, off, yes and no")
    unknown = sorted(set(roles.values()) - ROLES)
    if unknown:
        raise FrameError(f"{FRAMES_FILE}: frame {name!r} uses unknown roles {unknown}; expected {sorted(ROLES)}")
    return Frame(
        name=name,
        lemmas=frozenset(str(lemma) for lemma in record.get("lemmas") or ()),
        kind=kind,
        roles=MappingProxyType(roles),
        examples=_examples(record),
        particles=frozenset(str(p) for p in record.get("particles") or ()),
        refers_back=frozenset((record.get("refers_back") or {}).get("nouns") or ()),
        refers_to=str((record.get("refers_back") or {}).get("to") or ""),
        money_only=bool(record.get("money_only", False)),
        objects=frozenset(str(o) for o in record.get("objects") or ()),
    )


def load_inventory(path: Path = FRAMES_FILE) -> Inventory:
    """Read and check the frame inventory.

    Raises:
        FrameError: the file is missing, not YAML, or names an unknown kind or role.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise FrameError(f"{path}: cannot read the frame inventory: {error}") from error
    hedges = data.get("hedges") or {}
    valuation = data.get("valuation") or {}
    frames = tuple(_frame(record) for record in data.get("frames") or ())
    return Inventory(
        frames=frames,
        nominal=tuple(_frame(record) for record in data.get("nominal") or ()),
        governors=MappingProxyType({kind: frozenset(lemmas) for kind, lemmas in (data.get("governors") or {}).items()}),
        hedge_modals=frozenset(hedges.get("modals") or ()),
        hedge_adjectives=frozenset(hedges.get("adjectives") or ()),
        hedge_nouns=frozenset(hedges.get("nouns") or ()),
        stopping_adverbs=frozenset(data.get("stopping_adverbs") or ()),
        speech_verbs=frozenset(data.get("speech_verbs") or ()),
        agent_nouns=_frame({"name": "agent-noun", **data["agent_nouns"]}) if data.get("agent_nouns") else None,
        proposal_nouns=frozenset(data.get("proposal_nouns") or ()),
        control_nouns=frozenset(data.get("control_nouns") or ()),
        licence_verbs=frozenset(data.get("licence_verbs") or ()),
        more_words=frozenset(data.get("more_words") or ()),
        needs_relation=MappingProxyType({lemma: frozenset(relations) for lemma, relations in (data.get("needs_relation") or {}).items()}),
        demonyms=MappingProxyType(dict(data.get("demonyms") or {})),
        valuation_words=frozenset(valuation.get("words") or ()),
        valuation_subjects=frozenset(valuation.get("subjects") or ()),
        valuation_running_total=frozenset(valuation.get("running_total") or ()),
        valuation_examples=_examples(valuation),
        by_lemma=_index(frames),
    )


@lru_cache(maxsize=1)
def inventory() -> Inventory:
    """The inventory of frames.yaml, read once per process."""
    return load_inventory()
