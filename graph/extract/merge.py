"""One claim per real claim: mentions of the same claim in one article are merged.

A claim repeated in several sentences of an article becomes one claim with several evidence
spans; the first mention is kept and its gaps are filled from the later ones.
"""

from __future__ import annotations

from dataclasses import replace

from graph.model import Claim, ClaimKind

_GIVING = frozenset({ClaimKind.PLEDGE, ClaimKind.DELIVERY})


def claim_key(claim: Claim) -> tuple[object, ...]:
    """What two mentions of one claim in an article share: kind, actor, item and recipient.

    The actor is the provider, or the funder for funding. An article that says "800 Stingers"
    in today's package and "over 600 Stingers" among earlier commitments makes one pledge of
    Stingers by the United States, kept with its first (clearest) wording; the other sentence
    stays as further evidence.
    """
    return (claim.kind.value, claim.primary_actor, claim.system, claim.recipient)


def same_claim(first: Claim, later: Claim) -> bool:
    """Whether two claims with one key are one claim: the payer decides.

    A different payer is a different arrangement, and so is a payer named for a transfer that
    differs in count or date: "the US would send Patriot systems and EU countries would cover
    the cost" is not the 17 Patriots announced on July 14.
    """
    if first.funder == later.funder:
        return True
    if first.funder is not None and later.funder is not None:
        return False
    return (first.quantity, first.date) == (later.quantity, later.date)


def merge_repeated(claims: list[Claim]) -> list[Claim]:
    """One claim per real claim: repeats merge into the first, filling its gaps, adding evidence."""
    merged: list[Claim] = []
    by_key: dict[tuple, list[int]] = {}
    seen: list[set] = []  # evidence spans per claim, so a long article stays linear
    for claim in claims:
        key = claim_key(claim)
        index = next((i for i in by_key.get(key, ()) if same_claim(merged[i], claim)), None)
        if index is None:
            by_key.setdefault(key, []).append(len(merged))
            merged.append(claim)
            seen.append(set(claim.evidence))
            continue
        first = merged[index]
        updates = {}
        for name in ("provider", "funder", "via", "quantity", "unit", "value", "currency", "said_by", "date"):
            if getattr(first, name) is None and getattr(claim, name) is not None:
                updates[name] = getattr(claim, name)
        new = [span for span in dict.fromkeys(claim.evidence) if span not in seen[index]]
        seen[index].update(new)
        merged[index] = replace(first, evidence=first.evidence + tuple(new), **updates)
    return merged


def bought_to_hand_over(claims: list[Claim]) -> list[Claim]:
    """"weighing whether Germany would buy two Patriots from the US and deliver them to Ukraine":
    one thing is weighed, by the buyer who hands them over. A weighed purchase from a seller and
    the buyer's weighed hand-over of the same system, told in one sentence, become one claim: the
    buyer gives and pays. (A purchase and a pledged hand-over stay two claims of two kinds.)"""
    dropped: set[int] = set()
    updated: dict[int, Claim] = {}
    for index, bought in enumerate(claims):
        if bought.kind is not ClaimKind.CONSIDERATION or bought.funder is None or bought.provider in (None, bought.funder):
            continue
        handing = next((i for i, c in enumerate(claims) if i != index and c.kind is bought.kind and c.system == bought.system
                        and c.provider == bought.funder and set(c.evidence) & set(bought.evidence)), None)
        if handing is not None:
            dropped.add(index)
            given = updated.get(handing, claims[handing])
            updated[handing] = replace(given, funder=given.funder or bought.funder, quantity=given.quantity or bought.quantity)
    return [updated.get(i, c) for i, c in enumerate(claims) if i not in dropped]


def without_vague_aid(claims: list[Claim], aid: str | None) -> list[Claim]:
    """"Sweden is sending weapons ... 5,000 anti-tank weapons, 5,000 helmets": a claim of
    unnamed aid without money says nothing the named items of the same kind and actor do not
    (annotation rule 8 of the news written for evaluation), so a pledge or delivery of it goes
    when they are there; aid with money ("weapons worth billions") stays."""
    named = {(c.kind, c.primary_actor) for c in claims if c.system != aid}
    return [c for c in claims if c.system != aid or c.kind not in _GIVING or c.currency is not None or c.value is not None
            or _counted_in_money(c) or (c.kind, c.primary_actor) not in named]


def _counted_in_money(claim: Claim) -> bool:
    """"weapons worth billions of dollars": a vague sum leaves no value, but its currency as unit."""
    return claim.unit is not None and len(claim.unit) == 3 and claim.unit.isupper()
