"""Constructions inside one sentence or one statement: pronouns bound by a clause above them,
questions put to a speaker, signature lines of press statements, and items named with their
purpose ("A for B")."""

from __future__ import annotations

from extract.claim_rows import rows

from graph.vocabulary import Vocabulary


def test_it_under_a_clause_with_a_state_subject_is_that_state(vocabulary: Vocabulary) -> None:
    # the sentence before names another state: "it" is still the subject of the clause above
    text = "Greece sent shells last year. Portugal is examining whether it could give Kyiv a few of its HAWK launchers."
    found = {(row[0], row[1], row[3]) for row in rows(vocabulary, text)}
    assert ("consideration", "Portugal", "HAWK") in found
    assert not any(row[1] == "Greece" and row[3] == "HAWK" for row in found)


def test_a_question_put_to_a_minister_is_no_request(vocabulary: Vocabulary) -> None:
    text = "Questioned on Monday, and asked about Taurus missiles, the German chancellor said Berlin had other priorities."
    assert not any(row[0] == "request" for row in rows(vocabulary, text))


def test_a_signature_line_names_who_speaks_in_a_statement(vocabulary: Vocabulary) -> None:
    text = "MEDIA NOTE\n\nANTONY J. BLINKEN, SECRETARY OF STATE\n\nToday the United States will provide Ukraine with 20 HIMARS launchers."
    assert ("pledge", "United States", "", "HIMARS", 20, "Antony Blinken") in rows(vocabulary, text)


def test_a_category_for_a_named_model_is_that_model(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Norway will send Ukraine 40 interceptors for NASAMS next month.")
    assert {row[3] for row in found} == {"NASAMS"}
    assert ("pledge", "Norway", "", "NASAMS", 40, "") in found


def test_a_named_model_for_a_purpose_is_the_model_alone(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Latvia has given Ukraine Stinger missiles for air defence.")
    assert {row[3] for row in found} == {"Stinger"}


def test_a_category_for_another_category_is_the_first(vocabulary: Vocabulary) -> None:
    text = "The package announced by Canada includes:\n\n- artillery shells for towed howitzers;\n- Javelin missiles."
    found = {row[3] for row in rows(vocabulary, text)}
    assert "artillery shells" in found and "howitzers" not in found
