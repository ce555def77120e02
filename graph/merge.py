"""One claim per real claim: mentions of the same claim in one article are merged.

A claim repeated in several sentences of an article becomes one claim with several evidence
spans; the first mention is kept and its gaps are filled from the later ones.
"""

from __future__ import annotations

from dataclasses import replace

from graph.model import Claim


def claim_key(claim: Claim) -> tuple[object, ...]:
    """What makes two mentions of one article the same claim.

    Kind, actor, item and recipient, and also the count and the date: "17 Patriot systems on
    July 14" and an earlier promise of Patriots without a number are two statements.
    """
    return (claim.kind.value, claim.primary_actor, claim.system, claim.recipient, claim.quantity, claim.date)


def merge_repeated(claims: list[Claim]) -> list[Claim]:
    """One claim per real claim: repeats merge into the first, filling its gaps, adding evidence."""
    merged: dict[tuple, Claim] = {}
    seen: dict[tuple, set] = {}  # evidence spans per claim, so a long article stays linear
    for claim in claims:
        key = claim_key(claim)
        if key not in merged:
            merged[key] = claim
            seen[key] = set(claim.evidence)
            continue
        first = merged[key]
        updates = {}
        for name in ("provider", "funder", "via", "quantity", "unit", "value", "currency", "said_by", "date"):
            if getattr(first, name) is None and getattr(claim, name) is not None:
                updates[name] = getattr(claim, name)
        new = [span for span in dict.fromkeys(claim.evidence) if span not in seen[key]]
        seen[key].update(new)
        evidence = first.evidence + tuple(new)
        merged[key] = replace(first, evidence=evidence, **updates)
    return list(merged.values())
