"""One item named by two phrases: with its purpose ("A for B"), or spelled out before its
acronym ("High Mobility Artillery Rocket Systems (HIMARS)").

Equipment lists and package descriptions name what a thing serves: "Stinger missiles for air
defence", "ammunition for HIMARS", "interceptors for NASAMS"; official texts spell a name out
before the short form in brackets. The analyst counts one item there; these pure functions over
mentions pick it. `without_spelled_out` runs on every sentence's mentions (mentions.py);
`without_purposes` on frame items (items.py) and list items (lists.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from graph.model import Mention

_POSSESSIVES = frozenset({"its", "their", "our", "his", "her", "your"})
# words that join items, never a name's head word ("for heavy artillery and for armoured vehicles")
_JOINERS = frozenset({"and", "or", "nor", "but", "plus", "then", "as", "also"})


def without_purposes(systems: list[Mention], word_at: Callable[[int], str], is_model: Callable[[Mention], bool]) -> list[Mention]:
    """"A for B" names one item, and B is what it serves: "Stinger missiles for air defence" is
    the Stinger, "155mm shells for towed howitzers" the shells; a category serving a named model
    is that model's ("interceptors for NASAMS", "ammunition for HIMARS": NASAMS, HIMARS), with
    the category's count and unit. `word_at` gives the word at a mention's token index."""
    by_start = {m.token_start: m for m in systems}
    dropped: set[int] = set()
    replaced: dict[int, Mention] = {}
    for served in systems:
        at = served.token_end
        if word_at(at).isalpha() and word_at(at).islower() and word_at(at) not in _JOINERS and word_at(at + 1) == "for":
            at += 1  # "GMLRS rockets for ...": the name's own head word before "for"
        if word_at(at).lower() != "for":
            continue
        # "rockets for Ukraine's launchers", "spare parts for its tanks": whose they are may stand between
        after = at + 1
        if word_at(after).lower() in _POSSESSIVES:
            after += 1
        elif word_at(after + 1) in ("'s", "’s"):
            after += 2
        serving = by_start.get(after)
        if serving is None:
            continue
        if is_model(served) or not is_model(serving):
            dropped.add(id(serving))
        else:
            dropped.add(id(served))
            replaced[id(serving)] = replace(serving, quantity=served.quantity, unit=served.unit or serving.unit)
    return [replaced.get(id(m), m) for m in systems if id(m) not in dropped]


def without_spelled_out(systems: list[Mention], word_at: Callable[[int], str]) -> list[Mention]:
    """"Four High Mobility Artillery Rocket Systems (HIMARS)": the mentions inside the spelled-out
    name before a bracketed system are that system, which takes their count and unit."""
    dropped: set[int] = set()
    replaced: dict[int, Mention] = {}
    for short in systems:
        if word_at(short.token_start - 1) != "(" or word_at(short.token_end) != ")":
            continue
        paren = short.token_start - 1
        spelled = [m for m in systems if m.token_end == paren]
        if not spelled:
            continue
        start = min(m.token_start for m in spelled)
        inside = [m for m in systems if m.token_start >= start and m.token_end <= paren]
        first = min(inside, key=lambda m: m.token_start)
        dropped.update(id(m) for m in inside)
        # "Remote Anti-Armor Mine (RAAM) System rounds": an unknown name going on after the bracket
        dropped.update(id(m) for m in systems if m.token_start == short.token_end + 1 and m.unlisted)
        replaced[id(short)] = replace(short, quantity=short.quantity or first.quantity or max((m.quantity or 0 for m in inside), default=0) or None,
                                      unit=short.unit or first.unit)
    return [replaced.get(id(m), m) for m in systems if id(m) not in dropped]
