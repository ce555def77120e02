"""Definite references to equipment: "the systems", "the missiles for them", "the shells".

A definite head noun with no name of its own (found by graph/mentions.py) stands for the item
named last: in the same unit if there is one ("the shells" after "155 mm shells and Stinger
missiles"), else the last item at all. The same unit means the same items ("The systems … will
be paid for by Lithuania" pays for the four Skynex systems just promised); another unit means
other items of that system ("the missiles for them" of NASAMS launchers).
"""

from __future__ import annotations

from dataclasses import replace
from itertools import chain

from graph.extract.mentions import SentenceMentions
from graph.model import Mention


def resolve_reference(mentions: SentenceMentions, start: int, end: int, earlier: list[Mention]) -> Mention | None:
    """The item the first reference in tokens [start, end) stands for, or None.

    `earlier` are the named items of the article's previous sentences. The result carries the
    reference's place and unit, and its own count only when it states one ("three further
    systems"): the count of "the systems" was said of the earlier mention.
    """
    found = next((ref for ref in mentions.references if start <= ref[0] < end), None)
    if found is None:
        return None
    ref_start, ref_end, unit, count = found
    in_sentence = [m for m in mentions.systems if m.token_end <= ref_start and not m.generic]
    latest_first = list(chain(reversed(in_sentence), reversed(earlier)))
    referent = next((m for m in latest_first if unit and m.unit == unit), latest_first[0] if latest_first else None)
    if referent is None:
        return None
    return replace(referent, token_start=ref_start, token_end=ref_end, unit=unit or referent.unit, quantity=count)


def same_items(reference: Mention, earlier: list[Mention]) -> bool:
    """True when the reference counts its item in the unit it was named in: the same items."""
    named = next((m for m in reversed(earlier) if m.iri == reference.iri), None)
    return named is not None and named.unit == reference.unit
