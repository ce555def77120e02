"""Items named with their purpose: "A for B" is one item, and which one depends on A and B.

Equipment lists and package descriptions name what a thing serves: "Stinger missiles for air
defence", "ammunition for HIMARS", "interceptors for NASAMS". The analyst counts one item there;
this module picks it. Pure function over mentions; used by frame items (items.py) and list
items (lists.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from graph.model import Mention


def without_purposes(systems: list[Mention], word_at: Callable[[int], str], is_model: Callable[[Mention], bool]) -> list[Mention]:
    """"A for B" names one item, and B is what it serves: "Stinger missiles for air defence" is
    the Stinger, "155mm shells for towed howitzers" the shells; a category serving a named model
    is that model's ("interceptors for NASAMS", "ammunition for HIMARS": NASAMS, HIMARS), with
    the category's count and unit. `word_at` gives the word at a mention's token index."""
    by_start = {m.token_start: m for m in systems}
    dropped: set[int] = set()
    replaced: dict[int, Mention] = {}
    for served in systems:
        serving = by_start.get(served.token_end + 1)
        if serving is None or word_at(served.token_end).lower() != "for":
            continue
        if is_model(served) or not is_model(serving):
            dropped.add(id(serving))
        else:
            dropped.add(id(served))
            replaced[id(serving)] = replace(serving, quantity=served.quantity, unit=served.unit or serving.unit)
    return [replaced.get(id(m), m) for m in systems if id(m) not in dropped]
