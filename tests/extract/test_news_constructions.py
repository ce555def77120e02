"""Constructions of news reports that the frames alone miss: a legislature holding up aid,
hyphenated model designations before a plain equipment word."""

from __future__ import annotations

from extract.claim_rows import rows

from graph.vocabulary import Vocabulary


def test_aid_held_up_in_a_legislature_is_suspended_by_its_state(vocabulary: Vocabulary) -> None:
    text = "A $20 billion security bill for Kyiv was frozen in the Senate over the winter."
    found = rows(vocabulary, text)
    assert any(row[:2] == ("suspension", "United States") and row[3] == "military aid" for row in found)


def test_a_state_named_where_aid_is_held_up_is_no_giver(vocabulary: Vocabulary) -> None:
    # a transit country is a place on the way, not the state that holds the aid back
    found = rows(vocabulary, "A convoy of Danish shells bound for Kyiv got held up in Slovakia.")
    assert not any(row[1] == "Slovakia" for row in found)


def test_a_hyphenated_designation_before_a_plain_equipment_word_is_the_model(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Greece will hand 40 BMP-1 vehicles to Kyiv's brigades.")
    assert ("pledge", "Greece", "", "bmp-1", 40, "") in found


def test_a_definite_category_word_is_the_named_system_of_its_class_told_before(vocabulary: Vocabulary) -> None:
    # a missile named in between does not hide the calibre the shells were named with
    text = ("In May Oslo froze deliveries to Kyiv of its 155 mm shells as well as Hellfire missiles. "
            "In June the defence minister said the shells would be sent again.")
    found = rows(vocabulary, text)
    assert any(row[0] == "pledge" and row[3] == "155 mm shells" for row in found)
    assert not any(row[3] == "artillery shells" for row in found)


def test_shells_alone_are_artillery_shells(vocabulary: Vocabulary) -> None:
    assert ("pledge", "Denmark", "", "artillery shells", 9000, "") in rows(vocabulary, "Denmark will deliver 9,000 shells to Kyiv.")
