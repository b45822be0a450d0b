"""Canonical names and the corpus-wide merge of people."""

from __future__ import annotations

from index.extract import link_names, name_key


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
