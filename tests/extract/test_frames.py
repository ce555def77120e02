"""Every frame of graph/extract/frames.yaml gives what its examples say, and the inventory is checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.extract.extractor import extract
from graph.extract.frames import FrameError, inventory, load_inventory
from graph.model import Article
from graph.vocabulary import Vocabulary

EXAMPLES = [(frame.name, text, expect) for frame in (*inventory().frames, *inventory().nominal) for text, expect in frame.examples] + [
    ("valuation", text, expect) for text, expect in inventory().valuation_examples
]


def test_every_frame_has_an_example() -> None:
    assert all(frame.examples for frame in inventory().frames)
    assert {frame.kind for frame in inventory().frames} >= {"transfer", "request", "funding", "suspension", "consideration", "pledge"}


@pytest.mark.parametrize("name, text, expect", EXAMPLES, ids=[f"{name}:{text[:30]}" for name, text, _ in EXAMPLES])
def test_frame_example(vocabulary: Vocabulary, name: str, text: str, expect: dict) -> None:
    claims = extract(Article(id="example", text=text, published=date(2025, 3, 4)), vocabulary).claims
    got = [
        {
            "kind": c.kind.value, "provider": vocabulary.label(c.provider), "recipient": vocabulary.label(c.recipient),
            "funder": vocabulary.label(c.funder), "system": vocabulary.label(c.system), "quantity": c.quantity,
            "value": c.value, "currency": c.currency,
        }
        for c in claims
    ]
    assert any(all(str(claim[key]) == str(value) for key, value in expect.items()) for claim in got), got


def test_a_new_verb_is_a_data_change(tmp_path: Path, vocabulary: Vocabulary) -> None:
    """Adding "airlift" to the give frame in a copy of the inventory makes it a trigger."""
    from graph.extract.extractor import Extractor
    from graph.extract.frames import FRAMES_FILE

    text = "Canada will airlift four NASAMS launchers to Ukraine."
    article = Article(id="airlift", text=text, published=date(2025, 3, 4))
    assert not Extractor(vocabulary).extract(article).claims
    copy = tmp_path / "frames.yaml"
    copy.write_text(FRAMES_FILE.read_text(encoding="utf-8").replace("lemmas: [give, send,", "lemmas: [airlift, give, send,", 1), encoding="utf-8")
    claims = Extractor(vocabulary, frames=load_inventory(copy)).extract(article).claims
    assert [(c.kind.value, vocabulary.label(c.provider), vocabulary.label(c.system), c.quantity) for c in claims] == [
        ("pledge", "Canada", "NASAMS", 4)
    ]


def test_unknown_kind_or_role_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "frames.yaml"
    bad.write_text("frames:\n  - {name: x, lemmas: [x], kind: gift, roles: {}}\n", encoding="utf-8")
    with pytest.raises(FrameError, match="kind 'gift'"):
        load_inventory(bad)
    bad.write_text("frames:\n  - {name: x, lemmas: [x], kind: pledge, roles: {nsubj: giver}}\n", encoding="utf-8")
    with pytest.raises(FrameError, match="giver"):
        load_inventory(bad)


def test_a_word_yaml_reads_as_a_boolean_is_refused(tmp_path: Path) -> None:
    """An unquoted `off` or `on` is YAML's false or true, which once silently disabled "put off"."""
    bad = tmp_path / "frames.yaml"
    bad.write_text("frames:\n  - {name: x, lemmas: [put], particles: [off], kind: suspension, roles: {}}\n", encoding="utf-8")
    with pytest.raises(FrameError, match="quote on, off"):
        load_inventory(bad)
