"""The reference vocabulary: aliases, types, roles by date, and aliases as data."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from graph.model import ActorType
from graph.resources import VOCABULARY_FILES, ontology_file
from graph.read.sentences import Sentence, sentences
from graph.model import Article
from graph.extract.mentions import MentionFinder
from graph.vocabulary import Vocabulary, load_vocabulary

US = "https://w3id.org/pledgegraph/id/actor/united-states"


def _actors_in(text: str, vocabulary: Vocabulary, published: date = date(2025, 7, 18)) -> list[str]:
    finder = MentionFinder(vocabulary)
    article = Article(id="t", text=text, published=published)
    found: list[str] = []
    sentence: Sentence
    for sentence in sentences(article):
        found.extend(vocabulary.label(m.iri) for m in finder.find(sentence, published).actors)
    return found


def test_aliases_name_one_node(vocabulary: Vocabulary) -> None:
    for alias in ("the U.S.", "Washington", "the United States", "US"):
        assert vocabulary.resolve_name(alias.removeprefix("the ")) == US
    assert _actors_in("Washington and the U.S. and the United States agreed.", vocabulary) == ["United States"] * 3


def test_types_and_affiliations(vocabulary: Vocabulary) -> None:
    assert vocabulary.actor_type(vocabulary.resolve_name("Germany")) is ActorType.STATE
    assert vocabulary.actor_type(vocabulary.resolve_name("Boris Pistorius")) is ActorType.PERSON
    assert vocabulary.actor_type(vocabulary.resolve_name("NATO")) is ActorType.ORGANISATION
    assert vocabulary.actor_type(vocabulary.resolve_name("Der Spiegel")) is ActorType.ORGANISATION
    pistorius = vocabulary.resolve_name("Pistorius")
    assert vocabulary.label(vocabulary.acting_state(pistorius)) == "Germany"
    assert vocabulary.label(vocabulary.acting_state(vocabulary.resolve_name("Pentagon"))) == "United States"


def test_role_descriptions_resolve_to_the_holder_on_the_date(vocabulary: Vocabulary) -> None:
    assert _actors_in("The German Defense Minister spoke.", vocabulary) == ["Boris Pistorius"]
    assert _actors_in("The US President spoke.", vocabulary, date(2022, 4, 8)) == ["Joe Biden"]
    assert _actors_in("The US President spoke.", vocabulary, date(2025, 7, 18)) == ["Donald Trump"]


def test_systems_have_labels_units_and_wikidata(vocabulary: Vocabulary) -> None:
    patriot = vocabulary.resolve_name("US-made Patriot systems")
    assert vocabulary.label(patriot) == "Patriot"
    assert vocabulary.systems[patriot].default_unit == "system"
    assert vocabulary.label(vocabulary.resolve_name("air defense systems")) == "air defence systems"
    for name in ("IRIS-T", "NASAMS", "SAMP/T", "HIMARS", "ATACMS", "Storm Shadow", "Taurus", "JASSM", "Tomahawk",
                 "Leopard 2", "Abrams", "F-16", "Gripen", "155 mm shells"):
        assert vocabulary.resolve_name(name), name
    graph = vocabulary.graph
    from graph.namespaces import WD
    from rdflib import URIRef
    from rdflib.namespace import SKOS

    for name, qid in (("Ukraine", "Q212"), ("Germany", "Q183"), ("United States", "Q30"), ("United Kingdom", "Q145"),
                      ("France", "Q142"), ("Russia", "Q159"), ("Poland", "Q36"), ("Netherlands", "Q55"),
                      ("NATO", "Q7184"), ("European Union", "Q458")):
        assert (URIRef(vocabulary.resolve_name(name)), SKOS.exactMatch, WD[qid]) in graph


def test_a_new_alias_is_a_data_change(tmp_path: Path) -> None:
    for name in VOCABULARY_FILES:
        shutil.copy(ontology_file(name), tmp_path / name)
    text = "Die Bundesrepublik will pay for two IRIS-T systems."
    assert _actors_in(text, load_vocabulary(str(tmp_path))) == []
    actors = tmp_path / "actors.ttl"
    actors.write_text(actors.read_text(encoding="utf-8") + '\na:germany skos:altLabel "Die Bundesrepublik"@en .\n', encoding="utf-8")
    load_vocabulary.cache_clear()
    assert _actors_in(text, load_vocabulary(str(tmp_path))) == ["Germany"]
    load_vocabulary.cache_clear()


def test_a_category_s_vague_word_resolves_to_it_last(vocabulary) -> None:
    """Gold written "ammunition" means the category the vocabulary labels "unspecified
    ammunition"; a proper name or label still wins over such words."""
    assert vocabulary.label(vocabulary.resolve_name("ammunition")) == "unspecified ammunition"
    assert vocabulary.label(vocabulary.resolve_name("weapons")) == "military aid"
    assert vocabulary.label(vocabulary.resolve_name("artillery shells")) == "artillery shells"


def test_names_of_one_category_are_one_node(vocabulary) -> None:
    """News and analysts name a category several ways; each way is the same node, so claims and
    gold written with another wording meet."""
    for names in (("sea drones", "naval drones", "unmanned surface vessels"),
                  ("MLRS", "multiple rocket launchers", "multiple launch rocket systems"),
                  ("de-mining vehicles", "mine-clearing systems"), ("small military boats", "boats"),
                  ("artillery", "long-range artillery", "artillery systems")):
        assert len({vocabulary.resolve_name(name) for name in names} - {None}) == 1, names
        assert all(vocabulary.resolve_name(name) for name in names), names
