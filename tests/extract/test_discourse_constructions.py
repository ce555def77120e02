"""Constructions that reach across clauses and sentences: pronoun and definite-noun reference,
named models, misattached contents, listing participles and interview headlines."""

from __future__ import annotations

from datetime import date

import pytest
from extract.claim_rows import rows

from graph.extract.extractor import extract
from graph.model import Article
from graph.vocabulary import Vocabulary


def test_it_as_payer_is_the_state_named_before(vocabulary: Vocabulary) -> None:
    # Ukraine cannot be the payer of its own aid: "it" is the other state
    found = rows(vocabulary, "Norway has long backed Kyiv's shipyards. This week it paid for six Caesar howitzers for Ukraine.")
    assert ("funding", "", "Norway", "CAESAR", 6, "") in found


def test_a_definite_category_word_stands_for_the_model_named_before(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Belgium financed 12 Caesar guns for Kyiv. The howitzers were handed over to Ukraine in May.")
    assert ("delivery", "", "Belgium", "CAESAR", None, "") in found  # paid by Belgium, delivered: same guns
    assert not any(row[3] == "howitzers" for row in found)


def test_a_definite_category_word_of_another_class_is_its_own_item(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Germany sent 4 Leopard 2 tanks. The howitzers have since been handed over to Ukraine by France.")
    assert ("delivery", "France", "", "howitzers", None, "") in found


@pytest.mark.parametrize("text, name", [
    ("Spain will send 30 Vulcano armoured vehicles to Ukraine.", "vulcano"),
    ("Latvia will deliver 200 Kamikaze-class loitering munitions to Ukraine.", "kamikaze-class loitering munitions"),
])
def test_a_capitalised_model_before_its_category_is_the_name(vocabulary: Vocabulary, text: str, name: str) -> None:
    assert {row[3] for row in rows(vocabulary, text)} == {name}


def test_a_verb_is_no_part_of_an_unknown_name(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Britain says it dislikes cluster munitions. Still, Washington decided to send the weapons to Kyiv.")
    assert ("pledge", "United States", "", "cluster munitions", None, "") in found


def test_contents_hung_on_the_money_belong_to_the_package(vocabulary: Vocabulary) -> None:
    text = "Last week Rome announced a new aid package for Ukraine worth 300 million euros, which includes mortar rounds, armoured vehicles and anti-tank mines."
    found = {(row[0], row[1], row[3]) for row in rows(vocabulary, text)}
    assert {("pledge", "Italy", "mortar rounds"), ("pledge", "Italy", "armored vehicles"), ("pledge", "Italy", "anti-tank mines")} <= found


def test_a_listing_participle_adds_items_to_the_claim(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Rome is already supplying Kyiv with air defence, the minister said, listing IRIS-T launchers and Gepard guns.")
    assert {row[3] for row in found if row[:2] == ("delivery", "Italy")} == {"air defence systems", "IRIS-T", "Gepard"}


def test_an_interview_headline_makes_the_interviewee_speak(vocabulary: Vocabulary) -> None:
    text = ("In an interview on Friday our correspondent asked about next year.\n\n"
            "- What will Kyiv get?\n\n"
            "- We keep our word: there is a fresh package that contains naval drones and artillery shells.")
    found = rows(vocabulary, text, title="John Healey: Britain keeps its promises to Kyiv")
    assert ("pledge", "United Kingdom", "", "artillery shells", None, "John Healey") in found


def test_a_headline_quote_without_an_interview_makes_no_author(vocabulary: Vocabulary) -> None:
    text = "Britain will send artillery shells to Ukraine, officials said."
    found = rows(vocabulary, text, title="John Healey: Britain keeps its promises to Kyiv")
    assert all(row[5] != "John Healey" for row in found)


@pytest.mark.parametrize("text", [
    "Brussels will fund artillery rounds, and, should Kyiv ask for them, drones too.",
    "Trump said he hoped the fighting would end before Kyiv ever needs Tomahawk missiles.",
    "If Ukraine asks for Taurus missiles, Berlin will think again.",
    "Borrell called the vote a big step towards more missiles for Ukraine.",
])
def test_no_request_in_conditions_or_namings(vocabulary: Vocabulary, text: str) -> None:
    found = rows(vocabulary, text)
    assert not any(row[0] == "request" for row in found)
    assert not any(row[5] == "Ukraine" for row in found)  # the asker of a condition speaks no claim


def test_asking_with_its_preposition_is_a_request(vocabulary: Vocabulary) -> None:
    assert ("request", "", "", "Patriot", None, "Volodymyr Zelensky") in rows(vocabulary, "Zelensky called for more Patriot systems.")


def test_persuading_another_state_is_no_pledge(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Britain spent weeks trying to persuade Berlin to send Taurus missiles to Ukraine.")
    assert not any(row[0] == "pledge" for row in found)


def test_a_noun_restricted_by_its_relative_clause_does_not_point_back(vocabulary: Vocabulary) -> None:
    text = "Berlin will not send Taurus missiles to Kyiv, as it sees them as unlike the missiles Paris and London have supplied."
    assert not any(row[0] == "delivery" and row[3] == "Taurus" for row in rows(vocabulary, text))


def test_a_variant_suffix_is_part_of_the_name_not_a_count(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Paris has handed over Mirage 2000-5 fighters to Ukraine.")
    assert ("delivery", "France", "", "Mirage 2000", None, "") in found


def test_a_link_list_takes_no_frame(vocabulary: Vocabulary) -> None:
    text = "Oslo will send NASAMS launchers to Kyiv.\n\nRead more:\n\n- What we know about the F-16 fleet\n\n- Pilots train on Gripen jets"
    assert {row[3] for row in rows(vocabulary, text)} == {"NASAMS"}


def test_a_hand_over_noun_under_a_completed_verb_is_a_delivery(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Kyiv has taken delivery of a second batch of Leopard 2 tanks from Poland.")
    assert ("delivery", "Poland", "", "Leopard 2", None, "") in found


def test_more_of_the_same_counts_again_with_the_earlier_provider(vocabulary: Vocabulary) -> None:
    text = "Norway has handed two NASAMS launchers to Ukraine. The transfer of four more launchers is scheduled for spring."
    found = rows(vocabulary, text)
    assert ("delivery", "Norway", "", "NASAMS", 2, "") in found
    assert ("pledge", "Norway", "", "NASAMS", 4, "") in found


@pytest.mark.parametrize("text, expected", [
    ("Oslo will give Kyiv three ASC 890 airborne surveillance aircraft.", ("pledge", "Norway", "", "asc 890", 3, "")),
    ("Prague has sent forty T-72 tanks to Ukraine.", ("delivery", "Czech Republic", "", "T-72", 40, "")),
    ("London will send 600 Brimstone precision missiles to Ukraine.", ("pledge", "United Kingdom", "", "Brimstone", 600, "")),
])
def test_model_designations_name_the_item_and_are_no_count(vocabulary: Vocabulary, text: str, expected: tuple) -> None:
    found = rows(vocabulary, text)
    assert expected in found and len(found) == 1


def test_the_enemys_arms_are_no_item(vocabulary: Vocabulary) -> None:
    text = "Washington sent more Patriot systems to Ukraine. Kyiv says it needs them to halt Russian missiles."
    assert not any(row[0] == "suspension" for row in rows(vocabulary, text))


def test_an_outlet_in_a_dateline_gives_nothing(vocabulary: Vocabulary) -> None:
    text = "OSLO, May 3 (Reuters) - Norway on Friday announced new NASAMS launchers for Ukraine."
    assert {row[1] for row in rows(vocabulary, text)} == {"Norway"}


def test_a_hand_over_noun_beside_a_speech_verb_is_not_done(vocabulary: Vocabulary) -> None:
    text = "Paris will send 12 Caesar howitzers to Ukraine, the minister told parliament, alongside a package of mortar rounds."
    assert not any(row[0] == "delivery" for row in rows(vocabulary, text))


@pytest.mark.parametrize("text, expected", [
    ("Eight Leopard 2A4s were handed over by Portugal in June.", ("delivery", "Portugal", "", "Leopard 2", 8, "")),
    ("Belgium has sent two F-16C jets to Ukraine.", ("delivery", "Belgium", "", "F-16", 2, "")),
    # the parser reads "protected" as a verb; the name after the claim verb is still its object
    ("Canberra has already sent more than 90 Bushmaster protected mobility vehicles to Ukraine.",
     ("delivery", "Australia", "", "Bushmaster", 90, "")),
    ("A third SAMP/T battery is to be supplied to Ukraine by Rome.", ("pledge", "Italy", "", "SAMP/T", 1, "")),
])
def test_variants_and_misparsed_names(vocabulary: Vocabulary, text: str, expected: tuple) -> None:
    assert expected in rows(vocabulary, text)


@pytest.mark.parametrize("text, expected", [
    ("Tokyo paid $20 million into a NATO trust fund that buys counter-drone systems for Ukraine.",
     ("funding", "", "Japan", "counter-drone systems", None, "")),
    ("London has committed £150 million to a coalition led by Latvia that will buy drones for Ukraine.",
     ("funding", "", "United Kingdom", "unmanned aerial systems", None, "")),
    ("Oslo has set aside 500 million kroner to buy air defence missiles for Kyiv.",
     ("funding", "", "Norway", "air defence missiles", None, "")),
])
def test_money_into_a_fund_is_funding_with_its_organiser_as_channel(vocabulary: Vocabulary, text: str, expected: tuple) -> None:
    assert expected in rows(vocabulary, text)


def test_the_organiser_of_a_fund_is_the_channel_and_crowns_take_the_payers_currency(vocabulary: Vocabulary) -> None:
    article = Article(id="f", text="Copenhagen put 300 million kroner into the Czech initiative that buys artillery shells for Ukraine.",
                      published=date(2025, 7, 18))
    [claim] = extract(article, vocabulary).claims
    assert (vocabulary.label(claim.funder), vocabulary.label(claim.via), claim.value, claim.currency) == ("Denmark", "Czech Republic", 300_000_000, "DKK")


def test_paying_into_the_initiative_takes_what_it_buys(vocabulary: Vocabulary) -> None:
    text = ("Prague's initiative will buy artillery shells for Ukraine, funded by Denmark. "
            "Since then Portugal and Canada have paid into the initiative.")
    found = rows(vocabulary, text)
    assert {("funding", "Portugal"), ("funding", "Canada")} <= {(row[0], row[2]) for row in found}


def test_a_pledge_through_a_programme_stays_a_pledge(vocabulary: Vocabulary) -> None:
    text = "Washington announced $1.5 billion in security assistance for Ukraine through the Ukraine Security Assistance Initiative."
    assert {row[0] for row in rows(vocabulary, text)} == {"pledge"}


@pytest.mark.parametrize("text, expected", [
    ("Madrid promised 12 Leopard 2 tanks to Kyiv. Their shipment has been postponed twice.", ("suspension", "Spain", "", "Leopard 2", None, "")),
    ("Oslo promised six F-16s to Kyiv. Deliveries have been delayed by technical problems.", ("suspension", "Norway", "", "F-16", None, "")),
    ("Lately, shipments of Stinger missiles and Hellfire missiles from American stocks have stopped.",
     ("suspension", "United States", "", "Hellfire", None, "")),
])
def test_a_hand_over_told_before_is_what_a_pause_stops(vocabulary: Vocabulary, text: str, expected: tuple) -> None:
    assert expected in rows(vocabulary, text)


def test_not_ruling_out_is_a_consideration(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Seoul would not rule out sending artillery shells to Ukraine.")
    assert ("consideration", "South Korea", "", "artillery shells", None, "") in found


def test_a_hedge_about_what_was_promised_is_no_new_consideration(vocabulary: Vocabulary) -> None:
    text = "Berlin will send two Patriot systems to Ukraine. The systems could be deployed within weeks, Pistorius said."
    assert not any(row[0] == "consideration" for row in rows(vocabulary, text))


def test_kyiv_buying_for_itself_is_a_request(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Zelensky said Ukraine stands ready to buy eight Patriot systems from American makers.")
    assert ("request", "United States", "", "Patriot", 8, "Volodymyr Zelensky") in found
    assert not any(row[0] == "funding" for row in found)


def test_paying_for_another_states_weapons_names_it_as_provider(vocabulary: Vocabulary) -> None:
    found = rows(vocabulary, "Berlin said it would finance a package of American arms for Ukraine worth $300 million.")
    assert {(row[0], row[1], row[2]) for row in found} == {("funding", "United States", "Germany")}


def test_putting_money_in_goes_into_the_fund_just_named(vocabulary: Vocabulary) -> None:
    text = "Oslo has committed 200 million euros to the Czech initiative that buys artillery shells. Ottawa has put in C$30 million."
    assert ("funding", "", "Canada", "artillery shells", None, "") in rows(vocabulary, text)
