"""Canonical names and the corpus-wide merge of people."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from index.extract import link_names, name_key
from index.extract.names import _POSSESSIVE, strip_possessive


def test_name_key_ignores_spelling_differences():
    assert name_key("Kim Jong-un") == name_key("KIM Jong Un") == "kim jong un"
    assert name_key("José  Martí") == "jose marti"
    assert name_key("U.S.") == "u s"


def test_spelling_variants_merge_to_the_most_frequent_form():
    linked = link_names(["Kim Jong Un", "Kim Jong-un", "Kim Jong-un"])
    assert linked == {"Kim Jong Un": "Kim Jong-un", "Kim Jong-un": "Kim Jong-un"}


def test_bare_surname_links_only_when_unambiguous():
    assert link_names(["Abe", "Shinzo Abe"])["Abe"] == "Shinzo Abe"
    linked = link_names(["Clinton", "Hillary Clinton", "Bill Clinton"])
    assert linked["Clinton"] == "Clinton"
    assert linked["Bill Clinton"] == "Bill Clinton"


def test_different_people_stay_apart():
    linked = link_names(["Shinzo Abe", "Kim Jong Un", "Moon Jae-in"])
    assert len(set(linked.values())) == 3


def test_a_family_name_with_its_particle_links_to_the_full_name():
    linked = link_names(["Paul van Dorn", "van Dorn", "Van Dorn", "Dorn"])
    assert set(linked.values()) == {"Paul van Dorn"}
    # two people with the same family name: the particle form alone stays apart
    linked = link_names(["Paul van Dorn", "Eva van Dorn", "van Dorn"])
    assert linked["van Dorn"] == "van Dorn"


def test_titles_are_dropped_but_particles_kept():
    from index.extract.names import person_name

    assert person_name("Mayor Paul van Dorn") == "Paul van Dorn"
    assert person_name("Mayor de la Mora") == "de la Mora"


def test_one_article_resolves_particle_surnames_to_its_one_full_name():
    from index.extract.names import PersonIndex

    people = PersonIndex()
    people.add("Paul van Dorn")
    assert people.canonical("van Dorn") == "Paul van Dorn"
    assert people.canonical("Dorn") == "Paul van Dorn"
    alone = PersonIndex()
    alone.add("de la Mora")
    assert alone.knows("Mora") and alone.canonical("Mora") == "de la Mora"


def test_either_gender_names_are_given_names_and_female_names_are_a_subset():
    from index.extract import lexicon

    assert {"Jan", "Lee", "Marty"} <= lexicon.either_gender_names() <= lexicon.first_names()
    # a woman's name reads as a given name too, unless it is a place or a word ("Virginia", "Marine")
    places = lexicon.gazetteer()
    unread = {n for n in lexicon.female_names() - lexicon.first_names() if n.casefold() not in places}
    assert unread <= {"April", "Marine", "Taylor", "Irma"}
    assert lexicon.given_names_also_words() <= lexicon.first_names()


def test_where_someone_comes_from_is_not_part_of_the_name():
    from index.extract.names import person_name

    assert person_name("Irish-born Maeve Quinlan") == "Maeve Quinlan"
    assert person_name("Texas-based lawyer Dan Ruiz") == "Dan Ruiz"


def test_letters_after_a_name_are_dropped_but_a_constituency_keeps_them():
    from index.extract.names import person_name

    assert person_name("Paul Hart MP") == "Paul Hart"
    assert person_name("Anne Cole QC") == "Anne Cole"
    assert person_name("Ealing North MP") == "Ealing North MP"


@given(st.text(alphabet="as'’S\n -é", max_size=8))
def test_strip_possessive_removes_what_the_pattern_removes(word):
    # the hand-written test of the last characters against the regex it stands in for
    expected = _POSSESSIVE.sub("", word) if len(word) > 2 else word
    assert strip_possessive(word) == expected


def test_strip_possessive_examples():
    assert strip_possessive("Abe's") == "Abe"
    assert strip_possessive("Jones'") == "Jones"
    assert strip_possessive("Jones’s") == "Jones"
    assert strip_possessive("Lewis") == "Lewis"
    assert strip_possessive("Abe'S") == "Abe'S"
