"""The word lists the rule engine stands on, loaded once from `data/`.

The lists are plain text (one entry a line, `#` comments) so that anyone can fix a missing
country or cue verb without touching code. No PyPI gazetteer can be installed on the data
side, and the lists a news reader needs (countries, demonyms, capitals, US states, news
organisations, cue verbs, titles) are short enough to keep by hand.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from index.models import EntityLabel


def _read(name: str) -> list[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append(line)
    return entries


def _folded(name: str) -> frozenset[str]:
    return frozenset(entry.casefold() for entry in _read(name))


@cache
def cue_verbs() -> frozenset[str]:
    """Lower-case verb forms that report speech: said, told, added, wrote..."""
    return _folded("cue_verbs.txt")


@cache
def speaker_nouns() -> frozenset[str]:
    """Lower-case head nouns of described sources: source, official, spokesman..."""
    return _folded("speaker_nouns.txt")


@cache
def speaker_epithets() -> frozenset[str]:
    """Case-folded nouns that refer back to a person just named ("the singer", "the 23-year-old"
    aside): `speaker_epithets.txt`, and the singular nationalities of the demonym list ("the
    Scot", "the American"; not "the French", "the Swiss" or "the Chinese", which are as often a
    people or a team)."""
    words = set(_folded("speaker_epithets.txt"))
    words.update(word for word in _folded("demonyms.txt")
                 if " " not in word and not word.endswith(("s", "sh", "ch", "ese", "ic", "ern"))
                 and word not in {"soviet", "european"})
    return frozenset(words)


@cache
def document_nouns() -> frozenset[str]:
    """Case-folded nouns for things that speak in news copy: report, statement, letter."""
    return _folded("document_nouns.txt")


@cache
def title_words() -> frozenset[str]:
    """Case-folded words that may make up a title before a name: Prime, Minister, Sen., Dr."""
    return _folded("titles.txt")


@cache
def honorifics() -> frozenset[str]:
    return _folded("honorifics.txt")


@cache
def common_words() -> frozenset[str]:
    """Case-folded words that never name anything alone, even when capitalised."""
    return _folded("common_words.txt")


@cache
def first_names() -> frozenset[str]:
    return frozenset(_read("first_names.txt"))


@cache
def female_names() -> frozenset[str]:
    return frozenset(_read("female_names.txt"))


@cache
def either_gender_names() -> frozenset[str]:
    """Given names borne by men and women alike ("Jan", "Lee", "Marty"): they tell no gender."""
    return frozenset(_read("either_gender_names.txt"))


@cache
def given_names_also_words() -> frozenset[str]:
    """Given names that are also ordinary words ("Grant", "Hope", "Bill"): a given name before
    a surname, the ordinary word when alone at a sentence start and written in lower case too."""
    return frozenset(_read("given_names_also_words.txt"))


@cache
def given_names_also_places() -> frozenset[str]:
    """Nationalities and places that are also given names ("German", "Florence"): a given
    name only right before a person's surname."""
    return frozenset(_read("given_names_also_places.txt"))


@cache
def org_heads() -> frozenset[str]:
    return frozenset(_read("org_heads.txt"))


@cache
def place_heads() -> frozenset[str]:
    return frozenset(_read("place_heads.txt"))


@cache
def not_person_heads() -> frozenset[str]:
    """Case-folded words that end names of events, laws, buildings and works, never of people."""
    return _folded("not_person_heads.txt")


@cache
def not_names() -> frozenset[str]:
    """Case-folded words that name nothing alone: holidays, number words, awards, "TV", "Test"."""
    return _folded("entity_not_names.txt")


@cache
def role_words() -> frozenset[str]:
    """Case-folded roles written before a name that `title_words` lacks: producer, fly-half, boss."""
    return _folded("entity_roles.txt")


@cache
def place_openers() -> frozenset[str]:
    """Words that open a place name: Mount, Lake, Santa, San, Fort, Port, Cape."""
    return frozenset(_read("entity_place_openers.txt"))


@cache
def org_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words that open an organisation's name, words that end one) beyond `org_heads`:
    "Bank Sal Oppenheim", "Deutsche Telekom"; "Cairn Energy", "Lehman Brothers"."""
    sections: dict[str, set[str]] = {"[opening]": set(), "[closing]": set()}
    current = None
    for entry in _read("entity_org_words.txt"):
        if entry in sections:
            current = sections[entry]
        elif current is not None:
            current.add(entry)
    return frozenset(sections["[opening]"]), frozenset(sections["[closing]"])


@cache
def entity_gazetteer() -> dict[str, EntityLabel]:
    """`gazetteer` with what only entity tagging needs: the few names the rules would misread
    (`data/entity_known_names.txt`), sports clubs that are not given names (`clubs`) and
    nationality nouns made from the demonyms and groups ("Dutchman", "Englishwoman": a
    nationality before a name, not part of it)."""
    table = dict(gazetteer())
    for name, label in list(table.items()):
        if label is EntityLabel.GROUP and " " not in name:
            for suffix in ("man", "woman", "men", "women"):
                table.setdefault(name + suffix, EntityLabel.GROUP)
    given = first_names()
    for club in clubs():
        if club not in given:  # ("Chelsea" is someone's name outside a sports report)
            table[club.casefold()] = EntityLabel.ORG
    for line in _read("entity_known_names.txt"):
        label, name = (part.strip() for part in line.split("|"))
        table[name.casefold()] = EntityLabel(label)
    return table


@cache
def clubs() -> frozenset[str]:
    """Sports clubs no rule could tell from a person ("Aston Villa", "Chelsea"): `data/entity_clubs.txt`."""
    return frozenset(_read("entity_clubs.txt"))


@cache
def countries() -> frozenset[str]:
    return _folded("countries.txt")


@cache
def date_words() -> frozenset[str]:
    return frozenset(_read("months_days.txt"))


@cache
def aliases() -> dict[tuple[EntityLabel, str], str]:
    """(label, spelling key) -> canonical name, for places and organisations known by several
    names ("U.S.", "America" -> "United States"). Keys are `name_key` forms."""
    from index.extract.names import name_key

    table: dict[tuple[EntityLabel, str], str] = {}
    for line in _read("aliases.txt"):
        label, canonical, *others = (part.strip() for part in line.split("|"))
        for name in (canonical, *others):
            table[(EntityLabel(label), name_key(name))] = canonical
    return table


@cache
def gazetteer() -> dict[str, EntityLabel]:
    """Case-folded known names to their label; later files win over earlier ones on a clash."""
    table: dict[str, EntityLabel] = {}
    for name, label in (
        ("regions.txt", EntityLabel.PLACE),
        ("cities.txt", EntityLabel.PLACE),
        ("us_states.txt", EntityLabel.PLACE),
        ("countries.txt", EntityLabel.PLACE),
        ("groups.txt", EntityLabel.GROUP),
        ("demonyms.txt", EntityLabel.GROUP),
        ("organisations.txt", EntityLabel.ORG),
    ):
        for entry in _read(name):
            table[entry.casefold()] = label
    return table
