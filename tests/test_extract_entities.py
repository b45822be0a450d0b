"""What the Entities panel lists: real names with the right label, and no ordinary words.

Each test is a sentence a reader could meet in any news story, written for this file.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from index.extract import extract
from index.extract.entities import _INFLECTED, _SPORTS, _SPORTS_OPENING, _is_sports_report, _looks_inflected
from index.models import Article, EntityLabel

PERSON, ORG, PLACE, GROUP = EntityLabel.PERSON, EntityLabel.ORG, EntityLabel.PLACE, EntityLabel.GROUP


def _entities(body: str) -> set[tuple[EntityLabel, str]]:
    article = extract(Article(id="t", path="t.txt", title="t", body=body))
    return {(e.label, e.canonical) for e in article.entities if e.label is not EntityLabel.DATE}


def _names(body: str) -> set[str]:
    return {name for _, name in _entities(body)}


def test_sentence_initial_contractions_are_not_names():
    body = "\"I've never run so far,\" Maria Lopes said. \"We'll see,\" she added. I'll be back, she wrote."
    assert _names(body) == {"Maria Lopes"}


def test_number_words_opening_a_sentence_are_not_names():
    body = "Thirty-five people were hurt. Fifty percent of voters stayed home, the Electoral Office said."
    assert _names(body) == {"Electoral Office"}


def test_holidays_and_everyday_abbreviations_are_not_names():
    body = "Shops expect record sales before Christmas, and sales of TV sets rose by 9% at 1400 GMT on Monday."
    assert _names(body) == set()


def test_plural_abbreviations_are_not_names():
    body = "MPs voted against the plan, and older PCs cannot run it, said Ivan Petrov."
    assert _names(body) == {"Ivan Petrov"}


def test_ordinary_word_opening_one_sentence_is_not_an_organisation():
    body = "Likewise, the council froze its budget. Technical problems delayed the vote."
    assert _names(body) == set()


def test_company_opening_sentences_twice_stays_an_organisation():
    body = "Zentrix posted a loss. Zentrix shares fell 4% after the results."
    assert (ORG, "Zentrix") in _entities(body)


def test_word_with_an_inner_capital_opening_a_sentence_is_kept():
    body = "NovaTel adverts were seen on several sites this week."
    assert (ORG, "NovaTel") in _entities(body)


def test_place_openers_make_places_not_people():
    body = "Climbers left Mount Everest early, while fires spread near Santa Barbara and Fort Worth."
    found = _entities(body)
    assert {(PLACE, "Mount Everest"), (PLACE, "Santa Barbara"), (PLACE, "Fort Worth")} <= found
    assert not any(label is PERSON for label, _ in found)


def test_santa_claus_is_not_a_place():
    assert (PLACE, "Santa Claus") not in _entities("Children queued to meet Santa Claus at the mall.")


def test_nationality_noun_is_not_part_of_the_name():
    found = _entities("The race was won by Dutchman Pieter Vos, ahead of Englishwoman Ruth Gale.")
    assert {(PERSON, "Pieter Vos"), (PERSON, "Ruth Gale")} <= found
    assert not any(label is PERSON and ("Dutchman" in name or "Englishwoman" in name) for label, name in found)


def test_role_before_a_name_is_cut():
    found = _entities("Producer Lena Marsh defended the film. Fly-half Tom Reddy kicked two goals.")
    assert {(PERSON, "Lena Marsh"), (PERSON, "Tom Reddy")} <= found
    assert all(label is PERSON for label, _ in found)


def test_company_words_make_organisations_not_people():
    body = (
        "Shares in Borlow Energy rose, said an analyst at Bank Haverkamp. Grint Brothers and "
        "Deutsche Fernwerk were also bidding."
    )
    found = _entities(body)
    assert {(ORG, "Borlow Energy"), (ORG, "Bank Haverkamp"), (ORG, "Grint Brothers"), (ORG, "Deutsche Fernwerk")} <= found
    assert not any(label is PERSON for label, _ in found)


def test_lone_first_word_of_a_company_is_that_company():
    body = "The explorer Borlow Energy found oil. Borlow said the field was large."
    found = _entities(body)
    assert (ORG, "Borlow") in found
    assert (PERSON, "Borlow") not in found


def test_ampersand_joins_one_company():
    found = _entities("The sugar firm Tate & Lyle and the telecoms group Cable & Wireless gained.")
    assert {(ORG, "Tate & Lyle"), (ORG, "Cable & Wireless")} <= found


def test_plc_after_a_name_makes_it_a_company():
    assert (ORG, "Hadley Ward") in _entities("Hadley Ward plc reported higher sales.")


def test_surname_used_alone_keeps_person_not_the_town():
    body = "Singer Alan Jackson toured Europe. The crowd in Leeds cheered Jackson for an hour."
    article = extract(Article(id="t", path="t.txt", title="t", body=body))
    lone = [e for e in article.entities if e.text == "Jackson"]
    assert [(e.label, e.canonical) for e in lone] == [(PERSON, "Alan Jackson")]


def test_honorific_before_a_town_name_is_a_person():
    found = _entities("Iain Ferguson runs the firm. Mr Ferguson said profits rose.")
    assert (PLACE, "Ferguson") not in found
    assert (PERSON, "Iain Ferguson") in found


def test_title_of_a_see_names_the_place_not_a_person():
    found = _entities("The Roman Catholic Archbishop of Cardiff spoke on Sunday.")
    assert (PLACE, "Cardiff") in found
    assert (GROUP, "Roman Catholic") in found
    assert not any(label is PERSON for label, _ in found)


def test_title_case_phrase_is_not_a_person():
    body = "The shop won the Online Vendor award; it sells online to 2,000 customers a day."
    assert not any(label is PERSON for label, _ in _entities(body))


def test_given_name_with_surname_still_a_person_beside_these_rules():
    body = "Analysts at Bank Haverkamp doubt it. Ruhi Dogan, who runs the bank's research, agreed."
    assert (PERSON, "Ruhi Dogan") in _entities(body)


def test_real_place_stays_a_place_when_a_club_shares_the_town():
    body = "Dynamo Kursk beat Rotor Volgograd 2-1 in football on Sunday. Fans travelled from Volgograd by train."
    assert (PERSON, "Volgograd") not in _entities(body)


def test_title_after_a_kind_of_work_is_no_name():
    body = "Critics praised the thriller Harbour Lights, and the comedy Pellworth drew crowds. Pellworth ran for a year."
    names = _names(body)
    assert "Harbour Lights" not in names
    assert "Pellworth" not in names  # a title everywhere in the article, not only after "comedy"


def test_the_inside_a_title_mid_sentence_marks_a_work():
    body = "Her costumes for The Lantern won the prize, said designer Nadia Orlov."
    found = _entities(body)
    assert "Lantern" not in _names(body)
    assert (PERSON, "Nadia Orlov") in found


def test_known_names_after_the_keep_their_label():
    body = "Fans met in The Hague, Maria Lopes said, and she wrote to The Times."
    found = _entities(body)
    assert {label for label, name in found if name.endswith("Hague")} == {PLACE}
    assert {label for label, name in found if name.endswith("Times")} == {ORG}
    assert (PERSON, "Maria Lopes") in found


def test_product_with_a_version_number_is_no_name():
    body = "Gamers queued for the Zorbox 2 console. Zorbox sold well in Japan."
    names = _names(body)
    assert "Zorbox" not in names
    assert "Japan" in names


def test_service_of_a_known_organisation_keeps_its_label():
    found = _entities("She told BBC Radio 4 that prices would rise.")
    assert (ORG, "BBC Radio") in found


def test_number_after_a_name_in_a_sports_report_is_a_score():
    body = "Football: Lindale Rovers 2 Marsh Town 1. Lindale scored first."
    assert "Lindale Rovers" in _names(body)


def test_sports_clubs_are_organisations_not_people():
    body = "The striker joined Aston Villa from Boca Juniors. Chelsea were also keen."
    found = _entities(body)
    assert {(ORG, "Aston Villa"), (ORG, "Boca Juniors"), (ORG, "Chelsea")} <= found
    assert not any(label is PERSON for label, _ in found)


def test_club_sharing_a_given_name_is_a_person_outside_sport():
    found = _entities("Chelsea Moran opened the bakery. Chelsea said she bakes at night.")
    assert (PERSON, "Chelsea Moran") in found
    assert (ORG, "Chelsea") not in found


def test_name_followed_by_club_is_an_organisation():
    found = _entities("He moved to the Ferro Vasquez club in 1939.")
    assert (ORG, "Ferro Vasquez") in found
    assert (PERSON, "Ferro Vasquez") not in found


def test_town_before_club_stays_a_place():
    assert (PLACE, "London") in _entities("No London club has called me, he said.")


def test_role_before_a_lone_name_makes_a_person():
    found = _entities("The show closed with singer Zarelle, who sang two songs.")
    assert (PERSON, "Zarelle") in found


def test_unknown_names_in_a_list_with_people_are_people():
    body = (
        "Coach Dan Hurley picked Ross Keane and Matt Odell. He named Keane, Odell, Prewitt, Tallis, "
        "Huxtable. Prewitt is fit."
    )
    found = _entities(body)
    assert {(PERSON, "Prewitt"), (PERSON, "Tallis"), (PERSON, "Huxtable")} <= found
    assert not any(label is ORG for label, _ in found)


def test_list_with_a_known_company_keeps_organisations():
    body = "Ivan Petrov said Sony, Zentrix and Quorvale would bid; Zentrix declined, Petrov said."
    found = _entities(body)
    assert (ORG, "Sony") in found
    assert (PERSON, "Zentrix") not in found


def test_an_adjective_of_direction_is_no_name():
    body = "The ministers will meet in a Far Eastern port of Russia next week, said Ola Berg."
    assert _entities(body) == {(PLACE, "Russia"), (PERSON, "Ola Berg")}


def test_regions_of_direction_stay_places():
    body = "Trade between the Middle East and the Far East grew, said Ola Berg."
    assert _entities(body) == {(PLACE, "Middle East"), (PLACE, "Far East"), (PERSON, "Ola Berg")}


def test_places_joined_by_a_hyphen_as_a_modifier_are_no_person():
    body = "Ola Berg said US-North Korea relations and China-Japan trade talks would improve."
    assert _names(body) == {"Ola Berg"}


def test_a_hyphenated_country_keeps_its_name():
    body = "Voters in Guinea-Bissau went to the polls, said Ola Berg."
    assert _entities(body) == {(PLACE, "Guinea-Bissau"), (PERSON, "Ola Berg")}


# pieces of sports words and the four characters re's IGNORECASE matches to ASCII letters
_SPORTS_TEXT = st.lists(
    st.sampled_from(["Soccer", "FOOTBALL", "cup", "World", "fa", "Cup", " ", ", ", "-", "“", "é", "Ş", "ſ", "occer",
                     "\u212a", "\u0130", "\u0131", "nnings", "ball", "x", "rugby", "Tennis", "goalkeeper"]),
    max_size=40,
).map("".join)


@given(_SPORTS_TEXT)
@example("ſoccer results")
@example("“Hoc\u212aey” night")
@example("the cr\u0130cket club")
@example("\u0131nnings")
@example("“Football” — Cup")
def test_sports_report_test_agrees_with_its_pattern(body):
    # the substring tests that stand in for the case-insensitive pattern give its answer
    assert _is_sports_report(body) == (_SPORTS.search(body[:_SPORTS_OPENING]) is not None)


@given(st.lists(st.sampled_from(["s", "ed", "ing", "ly", "er", "a", "B", "_", "-", "'", "é", "1", "\n"]), max_size=8).map("".join))
def test_inflected_ending_agrees_with_its_pattern(word):
    assert _looks_inflected(word) == (_INFLECTED.search(word) is not None)

