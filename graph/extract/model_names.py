"""Model designations in equipment phrases: "T-72 tanks", "two ASC 890 surveillance aircraft",
"18 Bohdana self-propelled guns", "Mirage 2000-5", "Leopard 2A4s".

Pure functions over a spaCy Doc that the mention stage (graph/extract/mentions.py) applies to the
spans its matchers and the unlisted-name finder found: a designation before a category is the
model's name, its number no count; a variant written tight after a name belongs to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc

from graph.extract.unlisted import HYPHEN_MODEL, wording
from graph.iris import unlisted_iri

_VARIANT = re.compile(r"[A-Z]\d{1,2}[A-Za-z]{0,2}")
_ROMAN = frozenset({"II", "III", "IV", "V", "VI"})  # "Piranha III": a mark of a model


def with_model(doc: Doc, span: tuple[int, int, str, bool, str | None], lo: int, actor_tokens: set[int],
               resolve: Callable[[str], str | None]) -> tuple[int, int, str, bool, str | None]:
    """"two ASC 890 surveillance aircraft", "Soviet-designed T-72 tanks": a model designation
    (a capitalised word and a number, or "T-72") right before an equipment phrase is its name,
    and its number is no count."""
    start, end, iri, generic, label = span
    if not generic and start - 1 > lo and start - 1 not in actor_tokens and HYPHEN_MODEL.fullmatch(doc[start - 1].text):
        listed = listed_variant(doc[start - 1].text, resolve)
        if listed is not None:  # "F-16C jets": a variant of a listed name
            return (start - 1, end, listed, False, None)
        name = wording(doc, start - 1, start)  # "T-72 tanks"
        return (start - 1, end, unlisted_iri("system", name), False, name)
    if generic or start - 2 < lo or not doc[start - 1].text.isdigit():
        return span  # a designation's number is written in digits, without thousands commas
    first = start - 2
    if doc[first].text == "-" and first - 1 >= lo and not doc[first - 1].whitespace_ and not doc[first].whitespace_:
        first -= 1  # "T-72"
    word = doc[first]
    if first <= lo or first in actor_tokens or not word.is_alpha or not word.text[:1].isupper() or word.is_sent_start or word.is_stop:
        return span  # "Over 600 Stinger": a capitalised quantifier is no designation
    name = wording(doc, first, start)
    return (first, end, unlisted_iri("system", name), False, name)


def listed_variant(word: str, resolve: Callable[[str], str | None]) -> str | None:
    """"F-16C": the listed system a hyphenated designation names, its variant letter dropped."""
    if not HYPHEN_MODEL.fullmatch(word):
        return None
    return resolve(word) or resolve(word.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def modifiers_between(doc: Doc, end: int, start: int) -> bool:
    """True when tokens [end, start) are at most two lower-case modifier words (hyphens joined)."""
    between = [t for t in doc[end:start] if t.text != "-"]
    return start >= end and len(between) <= 2 and all(t.is_alpha and t.is_lower and not t.is_stop for t in between)


def model_name(doc: Doc, start: int, end: int, lo: int) -> str | None:
    """"18 Bohdana self-propelled guns": a capitalised name before lower-case category words is
    the model's name, the category only says what it is. A capitalised first word of the
    sentence or of a list item proves nothing, and a phrase capitalised throughout is a name as a
    whole."""
    # "self-propelled Dana howitzers": the name may follow lower-case words of what it is
    start = next((i for i in range(start, end) if doc[i].text[:1].isupper()), end)
    if start == end:
        return None
    before = doc[start - 1] if start > lo else None
    cut = start
    while cut < end and (doc[cut].text[:1].isupper() or doc[cut].like_num or doc[cut].text in ("-", "/")):
        cut += 1  # ("F/A-18 Hornet jets": a slash joins the parts of a designation)
    if cut == end or doc[cut - 1].text in ("-", "/") or not any(doc[i].text[:1].islower() for i in range(cut, end)):
        return None
    # "M270 launchers were pledged", "give Kyiv Piranha III carriers": a designation (a number
    # in it) is a name wherever it stands; other capitalised words only after a count or a
    # lower-case word ("four Skynex systems", "the Bohdana guns"), not after a bullet or a colon
    designation = any(any(ch.isdigit() for ch in doc[i].text) or doc[i].text in _ROMAN for i in range(start, cut))
    if not designation and (before is None or not (before.like_num or before.is_alpha and before.is_lower)):
        return None
    return wording(doc, start, cut)


def variant_end(doc: Doc, end: int, hi: int) -> int:
    """The end of a name with its variant suffix written tight ("Mirage 2000-5", "Leopard 2A4";
    "IRIS-T SLM" is its own alias): "-" and a short number or code right after the name, or
    variant letters glued to its number, no spaces between."""
    if end + 1 < hi and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        variant = doc[end + 1].text
        if len(variant) <= 4 and variant.isalnum() and any(ch.isdigit() for ch in variant):
            return end + 2
    if end < hi and not doc[end - 1].whitespace_ and doc[end - 1].like_num and _VARIANT.fullmatch(doc[end].text):
        return end + 1  # "Leopard 2A4s": the variant letters the tokenizer split off the number
    return end
