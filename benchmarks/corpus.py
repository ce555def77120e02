"""A seeded generator of realistic synthetic news articles about support for Ukraine.

Articles are 300-800 words: a headline, front matter, scraping noise ("ua en ru", "Login",
photo captions), claim sentences from varied templates (active and passive voice, quotes and
reported speech, coordination, hedges, refusals) over the real reference vocabulary, and
background sentences that mention actors and systems without any claim.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from graph.model import ActorType
from graph.vocabulary import Vocabulary

_CLAIMS = (
    "{state} will send {n} {system} systems to Ukraine, {person} said on {weekday}.",
    "{person} announced that {state} would deliver {n} {system} to Ukraine by the end of the year.",
    "According to {outlet}, {state} is ready to pay for {n} {system} systems, {state2} for {m}.",
    "{state} has already delivered {n} {system} launchers to Ukraine, the ministry confirmed.",
    "The {department} paused shipments of {system} missiles to Ukraine last week.",
    "{person} is considering the transfer of {system} missiles to Ukraine, {outlet} reported.",
    "{state} ruled out sending {system} missiles to Ukraine.",
    "Ukraine has requested {n} {system} systems, {ukrainian} said in a video address.",
    "\"We will provide {n} more {system} to Ukraine through NATO,\" {person} told reporters on {weekday}.",
    "{state}, {state2} and {state3} pledged ${money} million in military aid to Ukraine on {month} {day}.",
)
_BACKGROUND = (
    "Russian forces continued their attacks on cities in the east overnight, officials said.",
    "The talks in {city} lasted for several hours and covered a wide range of topics.",
    "Analysts say the {system} has proved its worth on the battlefield in recent months.",
    "{person} met with {person2} on the sidelines of the summit to discuss energy security.",
    "Air raid alerts sounded across much of the country for the third night in a row.",
    "The economy has shown signs of recovery despite the damage to the power grid.",
    "Diplomats from {state} and {state2} have been meeting regularly since the spring.",
    "Officials declined to give details of the timeline, citing operational security.",
    "The parliament is expected to vote on the budget later this month.",
    "Satellite images showed damage to the airfield after the strike.",
    "The minister's visit to {city} was not announced in advance for security reasons.",
    "Humanitarian organisations warned of shortages of medicine in frontline towns.",
)
_NOISE = ("ua en ru", "Login", "Share", "Photo: {person} during a press conference (Reuters)")
_CITIES = ("Kyiv", "Brussels", "Berlin", "Warsaw", "Rome", "The Hague", "Ramstein", "Washington")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October")


def write_corpus(folder: Path, articles: int, vocabulary: Vocabulary, *, seed: int = 11) -> list[Path]:
    """Write `articles` synthetic articles into `folder`; the same seed gives the same files."""
    rng = random.Random(seed)
    pools = _pools(vocabulary)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(articles):
        path = folder / f"synthetic-{number:06d}.md"
        path.write_text(_article(rng, pools, number), encoding="utf-8")
        paths.append(path)
    return paths


def _pools(vocabulary: Vocabulary) -> dict[str, list[str]]:
    def labels(kind: ActorType) -> list[str]:
        return sorted(actor.label for actor in vocabulary.actors.values() if actor.type is kind)

    return {
        "state": [s for s in labels(ActorType.STATE) if s not in ("Ukraine", "Russia", "Belarus", "Iran", "North Korea")],
        "person": [p for p in labels(ActorType.PERSON) if p not in ("Vladimir Putin", "Sergei Lavrov")],
        "outlet": ["Reuters", "Der Spiegel", "Politico", "Bild", "the Kyiv Independent"],
        "department": ["Pentagon", "US Department of Defense", "Bundeswehr"],
        "system": sorted(system.label for system in vocabulary.systems.values() if system.default_unit and system.label[0].isupper()),
    }


def _fill(template: str, rng: random.Random, pools: dict[str, list[str]]) -> str:
    states = rng.sample(pools["state"], 3)
    people = rng.sample(pools["person"], 2)
    return template.format(
        state=states[0], state2=states[1], state3=states[2], person=people[0], person2=people[1],
        ukrainian="Volodymyr Zelensky", outlet=rng.choice(pools["outlet"]), department=rng.choice(pools["department"]),
        system=rng.choice(pools["system"]), n=rng.choice(["two", "three", "five", "a dozen", str(rng.randrange(2, 300))]),
        m=rng.choice(["one", "two", "four"]), money=rng.randrange(50, 3000), weekday=rng.choice(_WEEKDAYS),
        month=rng.choice(_MONTHS), day=rng.randrange(1, 28), city=rng.choice(_CITIES),
    )


def _article(rng: random.Random, pools: dict[str, list[str]], number: int) -> str:
    published = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 900))
    words_wanted = rng.randrange(300, 800)
    lines = [_fill(rng.choice(_NOISE), rng, pools), f"{rng.choice(pools['state'])} steps up support for Ukraine", ""]
    words = 0
    while words < words_wanted:
        paragraph = []
        for _ in range(rng.randrange(2, 5)):
            template = rng.choice(_CLAIMS) if rng.random() < 0.35 else rng.choice(_BACKGROUND)
            sentence = _fill(template, rng, pools)
            paragraph.append(sentence)
            words += len(sentence.split())
        lines.extend([" ".join(paragraph), ""])
    lines.append(_fill(rng.choice(_NOISE), rng, pools))
    front = f"---\ntitle: \"Synthetic article {number}\"\noutlet: Test Wire\npublished: {published.isoformat()}\nlanguage: en\n---\n"
    return front + "\n".join(lines) + "\n"
