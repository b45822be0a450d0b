"""Named-entity mentions: people, organisations, places, groups and dates.

A rule tagger (no statistical model can ship with quotewire): runs of capitalised words
are cut at sentence-initial common words, titles and possessives, then labelled by the
gazetteers in `data/`, by head words ("... Ministry" is an organisation, "... Peninsula"
a place), by titles and given names (people), and by what the rest of the article already
established (a lone word is one name throughout an article: once it reads as a person
anywhere, it is that person everywhere). Headlines in title case and all-caps datelines only
yield names the article body or the gazetteers confirm, so they never produce junk like
"Stealth Over Health". Places and organisations known by several names ("U.S.", "America")
take one canonical from `data/aliases.txt`. What the Entities panel must never list (a
sentence-initial "Likewise" or "I'll", "TV", "Christmas", a role or nationality glued to a
name) is ruled out by the small `data/entity_*.txt` lists and by rules on the article's own
usage, so that a reader sees names only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter

from index.extract import lexicon
from index.extract.names import NAME_PARTICLES, ORIGIN_SUFFIXES, PersonIndex, name_key, person_name
from index.models import EntityLabel, Span

_UPPER = "A-ZÀ-ÖØ-Þ"
# One capitalised word: an acronym with dots (U.S.), a word with inner hyphens or
# apostrophes (Jong-un, O'Brien, Japan's), or an Arabic-style particle name (al-Assad).
_CAP_WORD = re.compile(
    rf"(?<![\w'’.-])(?:(?:[{_UPPER}]\.){{2,}}|(?:al|el|bin|ibn|de|van|von)-[{_UPPER}]\w*|[{_UPPER}][\w]*(?:[-'’&][\w]+)*)"
)
# Lower-case words allowed inside a name ("Bank of Japan", "Asian and Oceanian Affairs Bureau", "Charles de Gaulle")
_CONNECTORS = frozenset({" of ", " and ", " for ", " de ", " da ", " di ", " du ", " van ", " von ", " der ", " bin ", " la ", " del ", " dos ", " & ", " of the ",
                         " von der ", " van der ", " van den ", " de la ", " de los "})
_NAME_ABBREVIATIONS = frozenset({"Jr", "Sr", "St", "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Prof", "Rev", "Mt", "Ft", "Adm", "Maj", "Cmdr", "Co", "Corp", "Inc", "Ltd", "Bros"})
# A whole run of capitalised words in one match, so the common case (a lone "The", "US",
# "Yukos") costs one regex step and a dictionary look-up instead of word objects and
# several passes. A word is one of _CAP_WORD's forms, with its full stop when it is a
# name abbreviation or an initial ("Mr.", "J."); words join across one space or a name
# connector, and a possessive ("Russia's") ends the run. The pattern opens with the
# capital itself (the boundary check comes right after it) because the regex engine skips
# straight to the next capital only when a pattern starts with a character class: that
# makes the scan four times faster. Particle names ("al-Assad") start in lower case and
# are left to the word-by-word path (`_particles`). Look-aheads (`(?=...)`) test the one
# character an alternative needs before the engine tries each of its branches: a stop after
# an abbreviation's tail, a capital or particle after a space, a lower-case word or "&" in a
# connector. They only skip branches that would fail, so the runs are the same, found in
# two thirds of the time.
_RUN_WORD = (
    rf"(?:(?:[{_UPPER}]\.){{2,}}|(?:al|el|bin|ibn|de|van|von)-[{_UPPER}]\w*"
    rf"|(?:{'|'.join(sorted(_NAME_ABBREVIATIONS, key=len, reverse=True))}|[{_UPPER}])\."
    rf"|[{_UPPER}]\w*(?:[-'’&]\w+)*)"
)
_ABBREVIATION_TAILS = "|".join(f"(?<={a[0]}){a[1:]}" for a in sorted(_NAME_ABBREVIATIONS, key=len, reverse=True))
_RUN = re.compile(
    rf"[{_UPPER}](?<![\w'’.-].)(?:\.(?:[{_UPPER}]\.)+|(?=[a-z]*\.)(?:{_ABBREVIATION_TAILS})?\.|\w*(?:[-'’&]\w+)*)"
    rf"(?:(?<!['’][sS])(?: (?=[{_UPPER}abdeiv])|(?= [a-z&])(?:{'|'.join(re.escape(c) for c in sorted(_CONNECTORS, key=len, reverse=True))}))"
    rf"{_RUN_WORD})*"
)
_HYPHEN_CAPITAL = re.compile(rf"-[{_UPPER}]")
_PARTICLE = re.compile(r"(?<![\w'’.-])(?:al|el|bin|ibn|de|van|von)-")
_LOWER_WHOLE = re.compile(r"[a-z][a-z'’-]*")
_GLUE = frozenset("'’-")
_LOWER_TAIL = frozenset("abcdefghijklmnopqrstuvwxyz'’-")
_WORDISH = re.compile(r"[A-Za-z][\w'’-]*")
# (both open with the letter, the word boundary checked just after it, so the regex engine
# can skip from candidate to candidate)
_LOWER_LONG = re.compile(r"[a-z](?<!\w.)[a-z]{3,}")
_CAPITAL_WORD = re.compile(r"[A-Z](?<!\w.)")
_HYPHEN_GIVEN = re.compile(rf"^[{_UPPER}][a-z]+-[a-z]+$")
_INITIAL = re.compile(rf"^[{_UPPER}]\.$")
_INITIALS = re.compile(rf"(?:[{_UPPER}]\.)+$")
_MONTHS = ("January February March April May June July August September October November December "
           "Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sept. Sep. Oct. Nov. Dec.").split()
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_DAY_AND_YEAR = r"(?:\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2})?)?(?:,?\s+\d{4})?"
# A month with its day and year ("Sept. 11-13", "Sept. 11, 2001"), a weekday, or a year
# ("1910", "1990s"). Every alternative opens with a literal letter or digit and checks the
# word boundary just after its word: a pattern written so lets the regex engine jump
# between the few characters that can start a date instead of trying every position.
_DATE = re.compile(
    "|".join(
        [rf"{re.escape(m)}(?<!\w{re.escape(m)}){_DAY_AND_YEAR}(?!\w)" for m in _MONTHS]
        + [rf"{d}(?<!\w{d})s?(?!\w)" for d in _DAYS]
        + [r"1(?<![\w,.$€£]1)[89]\d\ds?(?![\d,%]|\.\d)(?!\w)", r"2(?<![\w,.$€£]2)0\d\ds?(?![\d,%]|\.\d)(?!\w)"]
    )
)
_AMBIGUOUS_MONTH = re.compile(r"^(?:May|March)$")
_MONTH_CONTEXT = re.compile(r"(?:\b(?:in|of|since|until|till|by|early|late|mid|last|next|this|from|through|before|after|during)\s+)$")
_SENTENCE_LEAD = frozenset(".!?:;\"“”‘(—–[\n")
_CUE_AFTER = re.compile(r"\s*(?:,\s*)?(?:\w+ly\s+|also\s+|then\s+)?(?:said|says|told|added|wrote|asked|stated)\b")
# words of direction: a run of nothing else is an adjective ("Far Eastern"), or a region the
# gazetteer knows ("Far East", "Middle East")
_COMPASS = frozenset(
    "far near middle north south east west northern southern eastern western central "
    "northeast northwest southeast southwest northeastern northwestern southeastern southwestern".split()
)
_FUNCTION_WORDS = frozenset(
    "the a an this that these those and but or nor if when while as at by for from in into of on to with "
    "he she it they we i you his her its their our my your there here then so yet".split()
)
# A sports report says so in its first lines ("CRICKET - ...", "Major League Baseball").
_SPORTS_WORDS = (
    "soccer", "cricket", "baseball", "basketball", "rugby", "tennis", "golf", "hockey", "football", "athletics",
    "cycling", "motor racing", "boxing", "innings", "standings", "premier league", "major league", "nfl", "nba", "nhl",
    "striker", "midfielder", "goalkeeper", "premiership", "champions league", "fa cup", "uefa cup", "world cup",
    "six nations", "grand slam", "fly-half",
)
# (the look-ahead names every first letter, so most positions fail before the alternatives)
_SPORTS = re.compile(rf"(?=[abcfghimnprstuw])\b(?:{'|'.join(_SPORTS_WORDS)})\b", re.IGNORECASE)
# the same for lower-cased ASCII text, where matching case-sensitively gives the same answer faster
_SPORTS_LOWER = re.compile(rf"(?=[abcfghimnprstuw])\b(?:{'|'.join(_SPORTS_WORDS)})\b")
_SPORTS_OPENING = 300
# what a team does next to its name: a score (not a date), or beating, drawing, losing to
_PLAYS_AFTER = re.compile(r"\s+(?:\d+(?!\d*-\d\d-)|beat\b|beats\b|drew\b|lost\b|won\b|defeated\b|v\b|vs\b|at\s+[A-Z])")
_PLAYS_BEFORE = re.compile(r"(?:\bv|\bvs\.?|\bbeat|\bagainst|\bAT)\s+$")
# entries kept in each per-spelling cache before it is emptied
_CACHE_SIZE = 100_000
_INFLECTED = re.compile(r"\w{3,}(?:s|ed|ing|ly|er)$")
# what follows a lone surname and not a company: an appositive naming a person's role or age
# ("O'Malley, the former governor of Maryland", "Kunin, 82,") or a possessive before a kin or
# staff word ("Cruz's wife", "Trump's attorney")
_PERSON_NOUNS = (
    "governor|senator|congressman|congresswoman|mayor|president|candidate|nominee|spokesman|spokeswoman|"
    "pollster|strategist|adviser|advisor|aide|lawyer|attorney|professor|founder|chairman|chairwoman|author|"
    "secretary|minister|judge|sheriff|director|host|anchor|columnist|daughter|son|wife|husband|father|mother|"
    "brother|sister|widow|veteran|actor|actress|comedian|singer|rapper|billionaire|businessman|businesswoman|"
    "activist|lawmaker|leader|campaign|running mate|chief of staff|press secretary"
)
_PERSON_AFTER = re.compile(
    rf",\s+(?:(?:the|a|an|his|her)\s+(?:[\w.-]+\s+){{0,4}}?(?:{_PERSON_NOUNS})\b|\d{{1,3}},)"
    rf"|['’]s\s+(?:[a-z-]+\s+)?(?:{_PERSON_NOUNS})\b"
)
# a lone unknown word right after a lower-case role is the person holding it ("singer Ruslana",
# "striker Ronaldo"), not a company
_ROLES_BEFORE = frozenset(_PERSON_NOUNS.split("|")) - {"campaign", "leader"} | frozenset(
    "singer star striker midfielder defender goalkeeper winger poet composer philosopher designer writer "
    "novelist playwright presenter guitarist drummer frontman coach manager captain chef artist".split()
)
_QUOTE_OPENERS = frozenset("\"“‘'")
# "De Blasio said", "Van Hollen": a particle written with a capital opens a family name
_CAPITAL_PARTICLES = frozenset(p.capitalize() for p in NAME_PARTICLES)
# a lower-case particle right before a person's name belongs to it: "... said de Blasio"
_PARTICLE_BEFORE = re.compile(rf"(?<![\w'’.-])(?:{'|'.join(sorted(NAME_PARTICLES, key=len, reverse=True))}) $")
# (the letters those particles end with: one test rules out most names before the pattern)
_PARTICLE_ENDS = frozenset(p[-1] for p in NAME_PARTICLES)
# a contraction opening a sentence ("I'll", "We've", "Don't") and a plural abbreviation
# ("MPs", "PCs", "DVDs"): ordinary words, never names
_CONTRACTION = re.compile(r"[A-Za-z]+['’](?:ll|ve|re|d|m|t)")
_PLURAL_ABBREVIATION = re.compile(r"[A-Z]{2,}s")
# words that make a nationality or faith into a wider group ("Roman Catholic", "Latin American"),
# unlike a given name before a surname that is also a nationality ("Viorel Moldovan")
_GROUP_MODIFIERS = frozenset({"Roman", "Latin", "Anglo", "Native", "Orthodox", "Sunni", "Shia", "Shiite", "Evangelical"})
_INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
# prose goes on after a word ("Likewise, voters", "Technical issues"); a table row does not ("Barnsley 2")
_PROSE_AFTER = re.compile(r",| [a-z]")
# the lower-case gaps after which a title's next word is where it is held, not who holds it
# ("Archbishop of Cardiff", "Chairman of the Board")
_OF_GAPS = frozenset({" of ", " of the "})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to", "outside", "across", "toward", "towards", "into", "visited", "visit"})
# What marks a capitalised run as the title of a work or a product, which no label fits
# (models have no WORK label): a lower-case noun for a kind of work right before it ("the
# thriller White Noise", "his song, Freedom", "codenamed Xenon"), a mid-sentence "The" that
# is part of the title ("lost to The Aviator"), or a number after it ("Xbox 2").
# ("hit", "play" and "track" are left out: "the slump hit Vodafone", "to play Chelsea", "on
# track, Brown said")
_WORK_NOUNS = (
    "film|films|movie|movies|drama|comedy|thriller|documentary|sitcom|soap|serial|series|show|shows|"
    "programme|cartoon|musical|sequel|remake|biopic|blockbuster|adaptation|song|songs|single|album|"
    "ballad|anthem|novel|book|game|games|title|console|handset|offering|codenamed|entitled|titled"
)
_WORK_WORDS = frozenset(_WORK_NOUNS.split("|"))
_WORK_TAILS = frozenset(word[-2:] for word in _WORK_WORDS)  # (a quick test before the word's)
# (not a score, a share, a decimal or a time: "2-1", "2%", "2.5", "2,000", "10:30")
_NUMBER_AFTER = re.compile(r" \d{1,3}(?![\d%:/-]|[.,]\d)")
# what separates the members of a list of names
_LIST_GAPS = frozenset({", ", " and ", ", and "})
# a club says so ("the Vasco da Gama club")
_CLUB_AFTER = re.compile(r" club\b")


@dataclass(slots=True)
class Mention:
    """An entity mention before it is frozen into a model: offsets, label, canonical."""

    start: int
    end: int
    label: EntityLabel
    canonical: str


# A word of a run as `_label_run` reads it: (start, end, text); plain tuples index faster
# than objects read attributes, and runs are labelled on every first sight of a spelling.
_Atom = tuple[int, int, str]


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str
    breaks_after: bool  # a possessive ends the name: "Russia's Far East"


# The labels the rules compare with, as module constants: on Python 3.11 reading
# `EntityLabel.PERSON` goes through the enum metaclass's attribute hook (60 ns against 5 for
# a global), and the tagger compares labels on every piece and mention of every article.
_PERSON, _ORG, _PLACE, _GROUP = EntityLabel.PERSON, EntityLabel.ORG, EntityLabel.PLACE, EntityLabel.GROUP
_LABELS: dict[str | None, EntityLabel | None] = {label.value: label for label in EntityLabel}
_LABEL_NAMES: dict[EntityLabel | None, str | None] = {label: label.value for label in EntityLabel}  # (`.value` is slow)
_START = attrgetter("start")
_END = attrgetter("end")


# A labelled stretch of a run: (start, end, its words joined by spaces, word count, label);
# label None means "decide later" (a lone word nothing identified yet).
_Piece = tuple[int, int, str, int, "EntityLabel | None"]


def _piece_of(words: Sequence[_Atom], label: EntityLabel | None) -> _Piece:
    return words[0][0], words[-1][1], " ".join([w[2] for w in words]), len(words), label


def _words_of(body: str, start: int, end: int) -> list[_Word]:
    words: list[_Word] = []
    for match in _CAP_WORD.finditer(body, start, end):
        s, e = match.span()
        text = match.group()
        breaks = False
        if text[-1] in "sS'’":  # (most words end otherwise: one test for both checks)
            if len(text) > 2 and text[-2] in "'’" and text[-1] in "sS":
                text = text[:-2]
                e -= 2
                breaks = True
            elif text[-1] in "'’":
                text = text[:-1]
                e -= 1
                breaks = True
        if not breaks and e < end and body[e] == ".":
            if text in _NAME_ABBREVIATIONS or (len(text) == 1 and text.isalpha()):
                text += "."
                e += 1
        if text:
            words.append(_Word(s, e, text, breaks))
    return words


def _plain_atoms(run: str) -> list[_Atom]:
    """The words `_words_of` finds in a `_RUN` match of ASCII letters and spaces only (most
    runs: "Prime Minister Tony Blair", "Bank of England"). With no possessive, initial,
    abbreviation or hyphen for the pattern to deal with, they are the tokens between spaces
    that open with a capital, found by a split for a fraction of the pattern's cost."""
    atoms: list[_Atom] = []
    start = 0
    for word in run.split(" "):
        end = start + len(word)
        if word[0] <= "Z":  # (the connectors, "of", "and", open in lower case)
            atoms.append((start, end, word))
        start = end + 1
    return atoms


def _runs(body: str, words: list[_Word]) -> list[list[_Word]]:
    """Group capitalised words that stand next to each other (or around a connector)."""
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    for word in words:
        if current:
            prev = current[-1]
            gap = body[prev.end : word.start]
            if not prev.breaks_after and (gap == " " or gap in _CONNECTORS):
                current.append(word)
                continue
            runs.append(current)
        current = [word]
    if current:
        runs.append(current)
    return runs


def _is_team(words: list[str]) -> bool:
    """Capitalised plural words after a city: a team's nickname ("Dodgers", "Red Sox", "Blue Jays")."""
    return 0 < len(words) <= 2 and words[-1][-1:] in "sS" and all(w[:1].isupper() and not w.isupper() for w in words)


def _is_acronym(word: str) -> bool:
    return len(word) > 1 and word.isupper()


def _is_sports_report(body: str) -> bool:
    """A sports word in the first 300 characters (`_SPORTS`)."""
    opening = body[:_SPORTS_OPENING]
    # Plain substring tests rule most articles out for a tenth of what the case-insensitive
    # pattern costs. They agree with it on text without the four characters re's IGNORECASE
    # matches to ASCII letters ("İ", "ı", the long s "ſ", the Kelvin sign); text with one of
    # them goes to the pattern. (Lower-casing keeps every other character's length, word-ness
    # and non-ASCII-ness, so curly quotes and accents change nothing.)
    if opening.isascii() or (
        "\u0130" not in opening and "\u0131" not in opening and "\u017f" not in opening and "\u212a" not in opening
    ):
        lowered = opening.lower()
        for word in _SPORTS_WORDS:  # (a plain loop: a generator in any() costs a third more here)
            if word in lowered:
                return _SPORTS_LOWER.search(lowered) is not None
        return False
    return _SPORTS.search(opening) is not None


def _looks_inflected(word: str) -> bool:
    """`_INFLECTED` finds a match in `word`: told from its ending when the word is letters and
    digits only (the pattern's search tries every start, several suffixes at each)."""
    if not word.isalnum():
        return _INFLECTED.search(word) is not None
    size = len(word)
    return (
        (size >= 4 and word[-1] == "s") or (size >= 5 and word.endswith(("ed", "ly", "er")))
        or (size >= 6 and word.endswith("ing"))
    )


def _is_sentence_start(body: str, pos: int, para_start: int) -> bool:
    i = pos - 1
    while i >= para_start and body[i] in " \t\"“‘'(":
        i -= 1
    return i < para_start or body[i] in _SENTENCE_LEAD


def _is_headline(body: str, para_start: int, para_end: int, vocabulary: _LowerCaseWords, common: frozenset[str]) -> bool:
    """A paragraph in title case or all capitals (headline, dateline, section label).

    Title case shows in ordinary words written with a capital ("Was", "Over", "Health");
    a sentence full of names ("Governor Ann Lee met Tom Hill") is not a headline.
    """
    # counted on the opening of the paragraph only: a long paragraph is told by its start.
    # Capitals are few and quick to find; lower-case words are only counted until there are
    # as many as capitals, which is usually a few words in.
    stop = min(para_end, para_start + 240)
    capitals = len(_CAPITAL_WORD.findall(body, para_start, stop))
    if not capitals or next(islice(_LOWER_LONG.finditer(body, para_start, stop), capitals - 1, None), None):
        return False  # the common case, decided without looking at each word
    text = body[para_start:para_end]
    words = _WORDISH.findall(text)
    if not words:
        return False
    if all(w.upper() == w for w in words):  # (every word opens with a letter)
        return True
    rest = words[1:]
    capitalised = [word for word in rest if word[0].isupper()]
    lower_long = sum(1 for word in rest if len(word) > 3 and not word[0].isupper())
    if len(capitalised) < 2 or len(capitalised) <= lower_long:
        return False  # too few capitals to outnumber the long lower-case words, whatever they are
    # counting stops as soon as the answer is known: each look-up in `vocabulary` searches the body
    needed = max(2, lower_long + 1)
    capital_common = 0
    for index, word in enumerate(capitalised):
        if capital_common + len(capitalised) - index < needed:
            return False
        folded = word.casefold()
        if folded in common or folded in vocabulary:
            capital_common += 1
            if capital_common == needed:
                return True
    return False


class _LowerCaseWords:
    """The words an article writes in lower case somewhere, asked one word at a time.

    A capitalised word the article also writes in lower case ("Analysts" / "analysts") is
    an ordinary word opening a sentence, not a name. Only a handful of words per article are
    ever asked about, so each is looked up with a substring search (memoised) instead of
    collecting all ~500 lower-case words of the body up front. The answer is the one a scan
    for lower-case words (a letter a-z after a non-word character, then letters, apostrophes
    and hyphens) would give: "day" is written in "10-day" and "'tough'", not in "day's"
    or "well-known".
    """

    __slots__ = ("body", "answers")

    def __init__(self, body: str) -> None:
        self.body = body
        self.answers: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        answer = self.answers.get(word)
        if answer is None:
            answer = self.answers[word] = self._written(word)
        return answer

    def _written(self, word: str) -> bool:
        if not _LOWER_WHOLE.fullmatch(word):
            return False
        body = self.body
        size = len(word)
        i = body.find(word)
        while i >= 0:
            if body[i + size : i + size + 1] not in _LOWER_TAIL and self._starts_word(i):
                return True
            i = body.find(word, i + 1)
        return False

    def _starts_word(self, i: int) -> bool:
        """A lower-case word starts at i: no word character before it, and not the tail of a
        lower-case word that runs on through an apostrophe or hyphen ("don't", "well-known")."""
        body = self.body
        if i == 0:
            return True
        before = body[i - 1]
        if before.isalnum() or before == "_":
            return False
        if before not in _GLUE:
            return True
        k = i - 1
        while k > 0 and body[k - 1] in _LOWER_TAIL:
            k -= 1
        for p in range(k, i):
            if "a" <= body[p] <= "z" and (p == 0 or not (body[p - 1].isalnum() or body[p - 1] == "_")):
                return False
        return True


def _particles(body: str) -> list[int]:
    """Offsets of particle names ("al-Assad", "bin-Laden") that `_RUN` cannot start on."""
    found = []
    for hit in _HYPHEN_CAPITAL.finditer(body):
        h = hit.start()
        for size in (2, 3):
            match = _PARTICLE.match(body, h - size) if h >= size else None
            if match is not None and match.end() == h + 1:
                found.append(h - size)
                break
    return found


class EntityTagger:
    """Tags one article body; `tag` returns mentions sorted by offset and the person index."""

    def __init__(self) -> None:
        self.gazetteer = lexicon.entity_gazetteer()
        self.common = lexicon.common_words()
        self.not_names = lexicon.not_names()
        # roles before a name ("Producer", "Fly-half") are cut from it like titles
        self.titles = lexicon.title_words() | lexicon.role_words()
        self.honorifics = lexicon.honorifics()
        self.titles_or_former = self.titles | {"former"}
        self.first_names = lexicon.first_names()
        # given names that decide a lone word: not those that are also ordinary words ("Grant", "Hope")
        self.lone_given_names = self.first_names - lexicon.given_names_also_words()
        self.org_openers, org_closers = lexicon.org_words()
        # (only the bodies' own heads join two names with "and": "Asian and Oceanian Affairs
        # Bureau", not "Vodafone and Deutsche Telekom")
        self.and_heads = lexicon.org_heads()
        self.org_heads = self.and_heads | org_closers
        self.place_openers = lexicon.place_openers()
        self.given_places = lexicon.given_names_also_places()
        self.place_heads = lexicon.place_heads()
        self.date_words = lexicon.date_words()
        self.cues = lexicon.cue_verbs()
        self.not_person_heads = lexicon.not_person_heads()
        self.countries = lexicon.countries()
        self.clubs = lexicon.clubs()
        self.aliases = lexicon.aliases()
        # per-spelling caches, emptied when they grow past _CACHE_SIZE: one-word runs -> verdict,
        # longer runs -> their plan (see _plan), and labelled pieces of runs trimmed by context
        self._single_verdicts: dict[str, tuple[bool, str | None, str | None]] = {}
        self._word_facts: dict[str, tuple[bool, bool, bool, str]] = {}  # lone unknown words, for _guess_single
        self._run_plans: dict[str, tuple[tuple[int | None, tuple], ...]] = {}
        self._dynamic_labels: dict[tuple[str, int, int], tuple[tuple[int, int, str, int, str | None], ...]] = {}

    def _multi_word(self, body: str, base: int, text: str, para_start: int, vocabulary: _LowerCaseWords,
                    pieces: list[_Piece]) -> None:
        """Cut and label a run of several words (`_trim_run` then `_label_run`).

        Everything but the trimming of leading words depends on the run's text alone, so it
        is worked out once per spelling ("Prime Minister Tony Blair") and cached; only the
        sentence-start and lower-case checks on leading words look at this occurrence, and
        only when the leading word is not already known to stay ("Tony", "Prime"). The cache
        holds only tuples of strings and numbers, which the garbage collector stops
        scanning, so a growing cache does not slow every collection.
        """
        plan = self._run_plans.get(text)
        if plan is None:
            if len(self._run_plans) > _CACHE_SIZE:
                self._run_plans.clear()
                self._dynamic_labels.clear()
            plan = self._run_plans[text] = self._plan(text)
        for index, (drop, known) in enumerate(plan):
            if drop is not None:
                labelled = known
            else:
                # `known` holds the words: how many go depends on where the run stands
                drop = self._leading_dropped(text, known, base, body, para_start, vocabulary)
                if drop == len(known):
                    continue
                key = (text, index, drop)
                labelled = self._dynamic_labels.get(key)
                if labelled is None:
                    labelled = self._dynamic_labels[key] = self._labelled(text, known[drop:])
            for start, end, name, size, label in labelled:
                pieces.append((base + start, base + end, name, size, _LABELS.get(label)))

    def _plan(self, text: str) -> tuple[tuple[int | None, tuple], ...]:
        """Per piece of a run: (words trimmed, labelled pieces) when trimming is fixed, else
        (None, the piece's words as (start, end, text))."""
        plan = []
        if text.isascii() and text.replace(" ", "").isalpha():
            words = _plain_atoms(text)
            # (a connector, the only gap `_connected` may cut at, is a word left out)
            parts = [words] if len(words) == text.count(" ") + 1 else self._connected(text, words)
        else:
            words = [(w.start, w.end, w.text) for w in _words_of(text, 0, len(text))]
            parts = self._connected(text, words)
        for part in parts:
            for piece in self._undated(part):
                atoms = tuple(piece)
                drop = self._static_drop(text, atoms)
                if drop is None:
                    plan.append((None, atoms))
                else:
                    plan.append((drop, self._labelled(text, atoms[drop:])))
        return tuple(plan)

    def _labelled(self, text: str, words: Sequence[_Atom]) -> tuple[tuple[int, int, str, int, str | None], ...]:
        """`_label_run` on the words of a run, as cacheable tuples (label names, not members)."""
        if not words:
            return ()
        found: list[tuple[Sequence[_Atom], EntityLabel | None]] = []
        self._label_run(text, words, found)
        return tuple([
            (run[0][0], run[-1][1], run[0][2] if len(run) == 1 else " ".join([w[2] for w in run]), len(run), _LABEL_NAMES.get(label))
            for run, label in found
        ])

    def _static_drop(self, text: str, piece: tuple[tuple[int, int, str], ...]) -> int | None:
        """How many leading words `_leading_dropped` cuts wherever the piece stands, or None
        when that depends on where it stands (a word that may open a sentence)."""
        drop = 0
        size = len(piece)
        while True:
            word = piece[drop][2]
            folded = word.casefold()
            if folded not in _FUNCTION_WORDS:
                break
            drop += 1
            if drop == size:
                return drop
        if folded in self.common and not self._starts_known_name(text, piece[drop:]) and not _is_acronym(word):
            return None
        if folded in self.gazetteer or folded in self.titles:
            return drop
        if word in self.lone_given_names or (word in self.first_names and size - drop > 1):
            return drop
        return None

    def _leading_dropped(self, text: str, piece: Sequence[tuple[int, int, str]], base: int, body: str,
                         para_start: int, vocabulary: _LowerCaseWords) -> int:
        """How many leading words to cut from `piece`, (start, end, text) triples whose offsets
        into `text` are `base` less than into `body`.

        "The" before a name goes, and so does an ordinary word that opens a sentence
        ("Analysts", "Crowds"); "New York" and "International Monetary Fund" stay.
        """
        drop = 0
        while drop < len(piece):
            start, _, word = piece[drop]
            folded = word.casefold()
            rest = len(piece) - drop
            if rest > 1 and word in _CAPITAL_PARTICLES:
                break  # "De Blasio said": the particle opens the name, even at a sentence start
            if folded in _FUNCTION_WORDS or (
                folded in self.common
                and not self._starts_known_name(text, piece[drop:])
                and not _is_acronym(word)
                and (rest == 1 or _is_sentence_start(body, base + start, para_start))
            ):
                drop += 1
                continue
            if (
                folded not in self.gazetteer
                and word not in self.lone_given_names
                and not (rest > 1 and word in self.first_names)
                and folded not in self.titles
                and _is_sentence_start(body, base + start, para_start)
                and folded in vocabulary
            ):
                drop += 1
                continue
            break
        return drop

    def _single_verdict(self, text: str) -> tuple[bool, str | None, str | None]:
        """What a one-word run becomes wherever it stands: (kept, label name, folded form when an
        ordinary lower-case use of the word in the article would make it a sentence-initial
        capital rather than a name). The same decisions `_trim_run` and `_label_run` take on a
        run of one word, computed once per spelling."""
        if text in self.date_words:
            return False, None, None  # dates are tagged by their own pattern
        folded = text.casefold()
        if folded in _FUNCTION_WORDS or (folded in self.common and not _is_acronym(text)):
            return False, None, None
        check = None
        if folded not in self.gazetteer and text not in self.lone_given_names and folded not in self.titles:
            check = folded
        out: list[tuple[Sequence[_Atom], EntityLabel | None]] = []
        self._label_run(text, ((0, len(text), text),), out)
        if not out:
            return False, None, None
        label = out[0][1]
        return True, _LABEL_NAMES.get(label), check

    # -- labelling one run of capitalised words -------------------------------------------
    def _label_run(self, body: str, run: Sequence[_Atom], out: list[tuple[Sequence[_Atom], EntityLabel | None]]) -> None:
        """Append (words, label) pieces for one run; label None means "decide later" (a lone unknown word)."""
        if not run:
            return
        texts = [w[2] for w in run]
        size = len(run)
        folded = body[run[0][0] : run[-1][1]].casefold()
        if "-" in folded:
            origins = [k for k, t in enumerate(texts) if t.casefold().endswith(ORIGIN_SUFFIXES)]
            if origins:
                # where someone or something is from is no part of its name: "Brazilian-born
                # Luis Oliveira", "Ontario-based Magna"
                self._label_run(body, run[origins[-1] + 1 :], out)
                return
        known = self.gazetteer.get(folded)
        if known is not None:
            out.append((run, known))
            return
        if " & " in folded:
            out.append((run, _ORG))  # two names joined by "&" make a firm: "Tate & Lyle"
            return
        last = texts[-1]
        if size > 1 and last in self.org_heads and texts[0].casefold() not in self.titles_or_former:
            out.append((run, _ORG))
            return
        if size > 1 and last in self.place_heads:
            out.append((run, _PLACE))
            return
        titles = self.titles
        first = texts[0]
        given_first = first in self.first_names
        if not given_first:
            # a nationality, place or organisation before the rest: "U.S. President Donald Trump"
            gazetteer = self.gazetteer
            for lead in (3, 2, 1):
                if size > lead:
                    label = gazetteer.get(body[run[0][0] : run[lead - 1][1]].casefold())
                    if label is not None:
                        if label is _PLACE and _is_team(texts[lead:]):
                            out.append((run, _ORG))  # "Los Angeles Dodgers", "Chicago Bulls"
                            return
                        out.append((run[:lead], label))
                        self._label_run(body, run[lead:], out)
                        return
            if 1 < size <= 3 and first in self.place_openers and texts[1].casefold() not in titles:
                out.append((run, _PLACE))  # "Mount Everest", "Santa Barbara", "Fort Worth"
                return
        # titles before a name: "Prime Minister Shinzo Abe", "Secretary of State John Kerry"
        i = 0
        while i < size - 1 and (texts[i].casefold() in titles or texts[i] == "of"):
            i += 1
        if not i and size > 2:
            # an organisation before the title: "Oversight Committee Chairman Jason Chaffetz"
            last_title = 0
            for k in range(size - 2, 0, -1):
                if texts[k].casefold() in titles:
                    last_title = k
                    break
            rest = texts[last_title + 1 :]
            # a given name that is also a common word is a name there ("Transport Minister Per
            # Olsen"), unlike other common words ("Association of Chief Police Officers")
            if (
                last_title and len(rest) <= 3 and not any(t.casefold() in self.titles for t in rest)
                and not any(t.casefold() in self.common and t not in self.first_names for t in rest)
                and rest[-1].casefold() not in self.common
            ):
                head = run[:last_title]
                while head and head[-1][2].casefold() in self.titles:
                    head = head[:-1]
                if len(head) > 1 or (head and head[0][2].isupper()):
                    self._label_run(body, head, out)
                if body[run[last_title][1] : run[last_title + 1][0]] in _OF_GAPS:
                    self._label_run(body, run[last_title + 1 :], out)  # "Archbishop of Cardiff": the see
                else:
                    out.append((run[last_title + 1 :], _PERSON))
                return
        if i:
            rest = run[i:]
            rest_texts = [w[2] for w in rest]
            if rest_texts[-1] in self.org_heads:
                # "Majority PAC", "Republican Party": a body, not a titled person; after "of"
                # the title is someone's ("CEO of Washington Restaurant Association")
                body_run = run if body[run[i - 1][1] : rest[0][0]] == " " else rest
                out.append((body_run, _ORG))
                return
            if all(t.casefold() in self.common or t.casefold() in self.titles for t in rest_texts):
                return
            if body[run[i - 1][1] : rest[0][0]] in _OF_GAPS:
                # what the title is of: "Archbishop of Westminster", "President of France Emmanuel Macron"
                self._label_run(body, rest, out)
                return
            label = self.gazetteer.get(body[rest[0][0] : rest[-1][1]].casefold())
            if texts[i - 1].casefold() in self.honorifics or label is _GROUP:
                label = None  # "Mr Ferguson" is a person even where a town has the name
            out.append((rest, label if label is not None else _PERSON))
            return
        if len(run) > 1 and texts[0] in self.org_openers:
            out.append((run, _ORG))  # "Bank Sal Oppenheim", "Deutsche Telekom"
            return
        if len(run) == 1:
            word = texts[0]
            if self._never_alone(word):
                return
            if word.isupper() and 2 <= len(word) <= 5 and word.isalpha():
                out.append((run, _ORG))
            elif (word.casefold() in self.common or word.casefold() in self.titles) and not _is_acronym(word):
                return
            else:
                out.append((run, None))
            return
        # (the patterns below need a hyphen or a full stop: one test on the run rules most out)
        if given_first or ("-" in folded and any(_HYPHEN_GIVEN.match(t) for t in texts[1:])):
            out.append((run, _PERSON))
            return
        dotted = "." in folded
        if dotted and any(_INITIAL.match(t) for t in texts[1:-1]):
            out.append((run, _PERSON))
            return
        if (
            dotted and _INITIALS.match(texts[0])
            and len(run) <= 3
            and all(t[:1].isupper() and not t.isupper() for t in texts[1:])
            and not any(t in self.org_heads or t in self.place_heads or t.casefold() in self.titles
                        or t.casefold() in self.not_person_heads or t.casefold() in self.gazetteer for t in texts[1:])
        ):
            out.append((run, _PERSON))  # initials for the given names: "J.J. MacNab", "A. Dale"
            return
        folds = [t.casefold() for t in texts]
        not_person_heads = self.not_person_heads
        for word in islice(folds, 1, None):
            if word in not_person_heads:
                return  # "Election Day", "Trump Tower", "Affordable Care Act": events, buildings, laws
        gazetteer, common = self.gazetteer, self.common
        if (
            size == 2 and body[run[0][1] : run[1][0]] == " "
            and gazetteer.get(folds[1]) is _GROUP
            and (first in _GROUP_MODIFIERS or folds[0] in gazetteer)
        ):
            out.append((run, _GROUP))  # "Roman Catholic", "Latin American", "Bosnian Serbs"
            return
        if _COMPASS.issuperset(folds):
            return  # an adjective of direction, not a name: "Russia's Far Eastern city", "South Central"
        if "-" in folded and all(gazetteer.get(part.strip()) is _PLACE for part in " ".join(folds).split("-")):
            return  # places joined as a modifier: "US-North Korea relations", "China-Japan talks"
        if (
            len(run) <= 3
            and folds[-1] in gazetteer  # (the one test that rules most runs out, first)
            and all(body[a[1] : b[0]] == " " for a, b in zip(run, run[1:]))
            and not any(t in self.org_heads or t in self.place_heads or f in titles for t, f in zip(texts, folds))
            and not any(f in gazetteer or f in common for f in folds[:-1])
            and all(t[:1].isupper() and not t.isupper() for t in texts)
        ):
            out.append((run, _PERSON))  # a family name that is also a place: "Jesse Jackson"
            return
        if any(f in gazetteer or f in common for f in folds):
            # a name made of known places or common words ("Far Eastern", "Northeast Region") is not a person
            if len(run) <= 4 and not any(f in common for f in folds):
                out.append((run, _ORG if len(run) > 2 else None))
            return
        if len(run) <= 3 and all(t[:1].isupper() and not t.isupper() for t in texts):
            out.append((run, _PERSON))
            return
        if len(run) > 3:
            out.append((run, _ORG))

    def _never_alone(self, word: str) -> bool:
        """A word that names nothing alone: a holiday, number, award or everyday abbreviation
        (`data/entity_not_names.txt`), a contraction ("I'll"), a plural abbreviation ("MPs"),
        or a compound of such words and common ones ("Thirty-five", "TV-like", "Under-21")."""
        folded = word.casefold()
        if folded in self.not_names or _CONTRACTION.fullmatch(word) or _PLURAL_ABBREVIATION.fullmatch(word):
            return True
        if "-" in folded:
            not_names, common = self.not_names, self.common
            return all(part in not_names or part in common or part.isdigit() for part in folded.split("-"))
        return False

    def _connected(self, body: str, run: list[_Atom]) -> list[list[_Atom]]:
        """Split a run at connectors that do not belong to a name.

        "of"/"for" stays inside after a head or title word ("Bank of Japan", "Secretary of
        State"); "and"/"&" only inside an organisation name ("Asian and Oceanian Affairs
        Bureau"), so "Japan and North Korea" stays two places.
        """
        pieces: list[list[_Atom]] = [[run[0]]]
        for prev, word in zip(run, run[1:]):
            gap = body[prev[1] : word[0]]
            if gap != " ":
                keep = False
                if gap == " & ":
                    keep = True  # "Tate & Lyle", "Cable & Wireless"
                elif gap == " and ":
                    keep = run[-1][2] in self.and_heads
                elif gap in (" of ", " for ", " of the "):
                    keep = (
                        prev[2] in self.org_heads
                        or prev[2] in self.place_heads
                        or prev[2].casefold() in self.titles
                    )
                else:  # name particles: "Charles de Gaulle", "Osama bin Laden"
                    keep = True
                if not keep:
                    pieces.append([word])
                    continue
            pieces[-1].append(word)
        return pieces

    def _trim_run(self, body: str, run: list[_Word], para_start: int, vocabulary: _LowerCaseWords) -> list[list[_Atom]]:
        """Cut a run at date words and drop leading common words; may split it in pieces."""
        pieces: list[list[_Atom]] = []
        for part in self._connected(body, [(w.start, w.end, w.text) for w in run]):
            pieces.extend(self._undated(part))
        return self._trimmed(body, pieces, para_start, vocabulary)

    def _undated(self, run: list[_Atom]) -> list[list[_Atom]]:
        date_words = self.date_words
        for word in run:
            if word[2] in date_words:
                break
        else:
            return [run] if run else []  # (most runs have no date word)
        pieces: list[list[_Atom]] = []
        current: list[_Atom] = []
        for index, word in enumerate(run):
            is_date = word[2] in self.date_words and not (
                word[2] == "May" and index > 0 and run[index - 1][2] in self.first_names
            )
            if is_date:
                if current:
                    pieces.append(current)
                current = []
                continue
            current.append(word)
        if current:
            pieces.append(current)
        return pieces

    def _starts_known_name(self, body: str, piece: Sequence[tuple[int, int, str]]) -> bool:
        """"North Korean officials", "New York": a common word that opens a gazetteer name."""
        return any(
            body[piece[0][0] : piece[size - 1][1]].casefold() in self.gazetteer
            for size in (2, 3)
            if size <= len(piece)
        )

    def _trimmed(self, body: str, pieces: list[list[_Atom]], para_start: int, vocabulary: _LowerCaseWords) -> list[list[_Atom]]:
        trimmed = []
        for piece in pieces:
            drop = self._leading_dropped(body, piece, 0, body, para_start, vocabulary)
            if drop < len(piece):
                trimmed.append(piece[drop:])
        return trimmed

    def tag(self, body: str, paragraphs: list[Span]) -> tuple[list[Mention], PersonIndex]:
        vocabulary = _LowerCaseWords(body)
        pieces, headline_paragraphs = self._pieces(body, paragraphs, vocabulary)
        people = PersonIndex()
        given_places = self.given_places
        maybe_given: list[int] = []
        for index, (start, end, name, size, label) in enumerate(pieces):
            if label is _PERSON:
                if size > 1 and self._opens_with_common_word(name, vocabulary):
                    pieces[index] = (start, end, name, size, None)  # dropped by _mentions
                    continue
                # the body's own words, particles included ("Bill de Blasio", not "Bill Blasio")
                people.add(person_name(body[start:end]))
            elif name in given_places:
                maybe_given.append(index)
        if maybe_given:
            self._given_name_places(body, pieces, maybe_given, people)
        mentions = self._mentions(body, pieces, people, vocabulary)
        sports = _is_sports_report(body)
        titles, lists = self._titles_and_lists(body, mentions, sports)
        if lists:
            self._lists_of_people(mentions, lists, people)
        if titles:
            mentions = self._without_titles(body, mentions, titles)
        if headline_paragraphs:
            known: dict[str, tuple[EntityLabel, str]] = {}
            for mention in mentions:
                text = body[mention.start : mention.end]
                known.setdefault(name_key(text), (mention.label, mention.canonical))
                known.setdefault(name_key(mention.canonical), (mention.label, mention.canonical))
            for para in headline_paragraphs:
                self._tag_headline(body, para, known, people, mentions)
        if sports:
            self._teams(body, mentions)
        if " club" in body:
            for mention in mentions:
                if mention.label is _PERSON and _CLUB_AFTER.match(body, mention.end):
                    # "the Vasco da Gama club" (a town keeps its label: "a London club")
                    mention.label = _ORG
                    mention.canonical = body[mention.start : mention.end]
        if " plc" in body or " PLC" in body:
            for mention in mentions:
                if mention.label is not _ORG and body.startswith((" plc", " PLC"), mention.end):
                    mention.label = _ORG  # "Cairn Energy plc"
                    mention.canonical = body[mention.start : mention.end]
        date = EntityLabel.DATE
        for match in _DATE.finditer(body):
            text = match.group()
            if _AMBIGUOUS_MONTH.match(text) and not _MONTH_CONTEXT.search(body, max(0, match.start() - 12), match.start()):
                continue
            mentions.append(Mention(match.start(), match.end(), date, text))
        # by start, the longer first where two start together: two stable sorts on attributes
        # read in C cost less than one sort calling a Python key function per mention
        mentions.sort(key=_END, reverse=True)
        mentions.sort(key=_START)
        kept: list[Mention] = []
        aliases = self.aliases
        for mention in mentions:
            if kept and mention.start < kept[-1].end:
                continue
            if mention.label is _PLACE or mention.label is _ORG:
                # one canonical for a place or body known by several names: "U.S.", "America"
                known = aliases.get((mention.label, name_key(mention.canonical)))
                if known is not None:
                    mention.canonical = known
            kept.append(mention)
        return kept, people

    def _opens_with_common_word(self, name: str, vocabulary: _LowerCaseWords) -> bool:
        """A run guessed a person whose first word is no given name and is written in lower case
        elsewhere in the article ("Online Vendor", "Media Player", "Television Numerique"): a
        phrase in title case, not someone's name. (Short words are left alone: "Ban Ki-moon".)"""
        first, _, rest = name.partition(" ")
        return (
            len(first) > 3 and first not in self.first_names and first not in _CAPITAL_PARTICLES
            and self.gazetteer.get(rest.casefold()) is not _PLACE  # a club: "Standard Liege"
            and first.casefold() in vocabulary
        )

    def _known_person(self, canonical: str) -> bool:
        """A person's canonical name that is surely someone's: a given name first ("Michael
        Jackson"), or one word the article used for a person ("Mr Jackson"), unlike a club
        guessed a person ("Dynamo Moscow")."""
        first, space, _ = canonical.partition(" ")
        return not space or first in self.first_names

    def _given_name_places(self, body: str, pieces: list[_Piece], indexes: list[int], people: PersonIndex) -> None:
        """A nationality or place that is also a given name, right before a lone surname the
        article uses for a person ("German Ortega" beside "Freddy Ortega") or describes as one
        ("Florence Welch, the singer"), is that person's given name: the two pieces become one PERSON.
        After a preposition ("in Georgia Trump won") it stays a place."""
        for index in reversed(indexes):
            if index + 1 >= len(pieces):
                continue
            start, end, name, size, label = pieces[index]
            next_start, next_end, surname, next_size, next_label = pieces[index + 1]
            if (
                size != 1 or next_size != 1 or next_start != end + 1 or body[end] != " "
                or next_label not in (None, _PERSON)
            ):
                continue
            if not (people.knows(surname) or _PERSON_AFTER.match(body, next_end, min(len(body), next_end + 60))):
                continue
            before = body[max(0, start - 12) : start].split()
            if before and before[-1].casefold() in _PLACE_PREPOSITIONS:
                continue
            text = body[start:next_end]
            pieces[index : index + 2] = [(start, next_end, text, 2, _PERSON)]
            people.add(person_name(text))

    def _pieces(self, body: str, paragraphs: list[Span], vocabulary: _LowerCaseWords) -> tuple[list[_Piece], list[Span]]:
        """The labelled pieces of every capitalised run outside headlines, and the headlines."""
        pieces: list[_Piece] = []
        headline_paragraphs: list[Span] = []
        particles = _particles(body)
        verdicts = self._single_verdicts
        common = self.common
        for para in paragraphs:
            # (the bounds as locals: a pydantic attribute read costs several times a local's)
            para_start, para_end = para.start, para.end
            if _is_headline(body, para_start, para_end, vocabulary, common):
                headline_paragraphs.append(para)
                continue
            if particles and bisect_left(particles, para_start) < bisect_left(particles, para_end):
                labelled: list[tuple[Sequence[_Atom], EntityLabel | None]] = []
                for run in _runs(body, _words_of(body, para_start, para_end)):
                    for piece in self._trim_run(body, run, para_start, vocabulary):
                        self._label_run(body, piece, labelled)
                pieces.extend(_piece_of(words, label) for words, label in labelled)
                continue
            for match in _RUN.finditer(body, para_start, para_end):
                text = match.group()
                if " " in text:
                    self._multi_word(body, match.start(), text, para_start, vocabulary, pieces)
                    continue
                # the fast path: one word, decided by a cached verdict and at most one context check
                possessive = len(text) > 2 and text[-2] in "'’" and text[-1] in "sS"
                if possessive:
                    text = text[:-2]
                verdict = verdicts.get(text)
                if verdict is None:
                    if len(verdicts) > _CACHE_SIZE:
                        verdicts.clear()
                    verdict = verdicts[text] = self._single_verdict(text)
                if not verdict[0]:
                    continue  # ("The", "But", "He": most lone capitals are dropped right here)
                start, end = match.span()
                if possessive:
                    end -= 2
                folded = verdict[2]
                if folded is not None and _is_sentence_start(body, start, para_start) and folded in vocabulary:
                    continue  # "Analysts said": an ordinary word that opens a sentence
                pieces.append((start, end, text, 1, _LABELS.get(verdict[1])))
        return pieces, headline_paragraphs

    def _mentions(self, body: str, pieces: list[_Piece], people: PersonIndex, vocabulary: _LowerCaseWords) -> list[Mention]:
        """Mentions from the pieces: lone unknown words guessed from the article, people canonical.

        A lone word is one name throughout an article: once any of its mentions reads as a
        person ("O'Malley, the former governor", "Lopez-Cantera said"), the mentions guessed
        to be an organisation ("O'Malley stressed his experience") become that person too. A
        word guessed an organisation only where it opens a quotation (`"Time is short," ...`)
        is kept only when the article uses it as a name elsewhere too.
        """
        mentions: list[Mention] = []
        # first words of the article's organisations: alone, they are that organisation
        # ("Cairn" after "Cairn Energy"), not a person guessed from "Cairn said" (gathered on
        # the first such guess: most articles never need them)
        org_firsts: set[str] | None = None
        guessed: dict[str, list[int]] = {}  # lone word -> indexes of its mentions guessed ORG
        persons: set[str] = set()
        opening: dict[str, list[tuple[int, int]]] = {}  # ORG guesses that open a quotation
        elsewhere: dict[str, EntityLabel] = {}  # lone word -> its first guess not opening a quotation
        for start, end, name, size, label in pieces:
            text = body[start:end]
            if label is None:
                if size > 1:
                    continue
                label = self._guess_single(body, start, end, name, people, vocabulary)
                if label is _PERSON and not people.knows(name):
                    if org_firsts is None:
                        org_firsts = {n.split(" ", 1)[0] for _, _, n, k, lab in pieces if k > 1 and lab is _ORG}
                    if name in org_firsts:
                        label = _ORG
                else:
                    if label is None:
                        continue
                    if label is _ORG and (
                        (start and body[start - 1] in _QUOTE_OPENERS)
                        or (_PROSE_AFTER.match(body, end) and _is_sentence_start(body, start, 0))
                    ):
                        # `"Time is short," he said`, "Likewise, ...": the first word of a sentence
                        # or quotation is a name only if the article also uses it as one elsewhere
                        opening.setdefault(name, []).append((start, end))
                        continue
                elsewhere.setdefault(name, label)
                if label is _ORG:
                    guessed.setdefault(name, []).append(len(mentions))
                elif label is _PERSON:
                    persons.add(name)
            elif (
                label is _PLACE and size == 1 and people.knows(name)
                and name.casefold() not in self.countries and self._known_person(people.canonical(name))
            ):
                label = _PERSON  # "Jackson" after "Michael Jackson": the person, not the town
            if label is _PERSON:
                if start > 3 and body[start - 2] in _PARTICLE_ENDS and body[start - 1] == " ":
                    particle = _PARTICLE_BEFORE.search(body, start - 6, start)
                    if particle is not None:
                        start = particle.start()  # "de Blasio": the family name with its particle
                        text = body[start:end]
                canonical = people.canonical(person_name(text))
            else:
                canonical = " ".join(text.split())
            mentions.append(Mention(start, end, label, canonical))
        for name, spans in opening.items():
            label = elsewhere.get(name)
            if label is None:
                # an ordinary word opens one sentence; a name may open several ("Arsenal have..."),
                # and a word with a capital inside ("OneTel") is no ordinary word
                if len(spans) < 2 and not _INNER_CAPITAL.search(name):
                    continue
                label = _ORG
            for start, end in spans:
                if label is _ORG:
                    guessed.setdefault(name, []).append(len(mentions))
                canonical = people.canonical(person_name(name)) if label is _PERSON else body[start:end]
                mentions.append(Mention(start, end, label, canonical))
        for name in persons.intersection(guessed):
            canonical = people.canonical(name)
            for index in guessed[name]:
                mentions[index] = Mention(mentions[index].start, mentions[index].end, _PERSON, canonical)
        return mentions

    def _titles_and_lists(self, body: str, mentions: list[Mention], sports: bool) -> tuple[set[str], list[tuple[int, int]]]:
        """The spellings of titles (see `_without_titles`) and the lists of lone names (see
        `_lists_of_people`: index ranges into `mentions`), found in one pass because it runs on
        every mention of every article. The evidence is tested with plain string tests first,
        as most mentions have none."""
        titles: set[str] = set()
        groups: list[tuple[int, int]] = []
        gazetteer = self.gazetteer
        size = len(body)
        run = 0  # the mentions in the list that ends with the previous one
        prev_start = prev_end = -10
        for index, mention in enumerate(mentions):
            start, end = mention.start, mention.end
            # a list: lone names apart by ", " or " and " (the mentions come in the order of the
            # text, dates not yet among them; those guessed where a quotation opens come last)
            if (
                2 <= start - prev_end <= 6 and body[prev_end:start] in _LIST_GAPS
                and body.find(" ", start, end) < 0 and body.find(" ", prev_start, prev_end) < 0
            ):
                run += 1
            else:
                if run >= 3:
                    groups.append((index - run, index))
                run = 1
            prev_start, prev_end = start, end
            if start > 4 and body[start - 2] == "e" and body.startswith("The ", start - 4):
                if (
                    body[start - 5] in _QUOTE_OPENERS or _is_sentence_start(body, start - 4, 0)
                    or body[end - 1] in "sS" or (mention.label is _ORG and body.find(" ", start, end) >= 0)
                ):
                    continue  # (not where a quotation opens: 'Miller added, "The Clinton camp ..."')
            elif not (
                (
                    body[start - 3 : start - 1] in _WORK_TAILS and body[start - 1] == " "
                    and body[body.rfind(" ", max(0, start - 16), start - 1) + 1 : start - 1] in _WORK_WORDS
                )
                or (
                    not sports and end + 1 < size and body[end] == " " and body[end + 1].isdigit()
                    and _NUMBER_AFTER.match(body, end) is not None
                    and not (mention.label is _PERSON and body.find(" ", start, end) >= 0
                             and body[start:end].split(" ", 1)[0] in self.first_names)
                )
            ):
                continue
            text = body[start:end]
            if text.isupper() or text.casefold() in gazetteer or gazetteer.get(text.split(" ", 1)[0].casefold()) is _ORG:
                continue  # (a known body's service or brand is no title: "BBC Radio 4")
            titles.add(text)
        if run >= 3:
            groups.append((len(mentions) - run, len(mentions)))
        return titles, groups

    @staticmethod
    def _without_titles(body: str, mentions: list[Mention], titles: set[str]) -> list[Mention]:
        """The mentions less the titles of works and products, unlabelled rather than shown as a
        person, place or organisation: "the thriller White Noise", "lost to The Aviator", "the
        new Xbox 2 console". A title is a title throughout the article, so every mention spelt
        like one goes ("Xbox" alone too). A known name is never a title ("the film Chicago"),
        nor is a plural after "The" (bands and teams: "The Beatles"), nor an acronym, nor what a
        known organisation opens ("BBC Radio 4"); a number after a name is a score in a sports
        report, and an age or a tally after a person's given and family names. After "The", a
        name of several words the rules made an organisation stays one ("The Daily Beast")."""
        return [m for m in mentions if body[m.start : m.end] not in titles and m.canonical not in titles]

    def _lists_of_people(self, mentions: list[Mention], groups: list[tuple[int, int]], people: PersonIndex) -> None:
        """A list of lone names is of one kind: in "Vickery, White, Borthwick, Brown" (a squad)
        where at least two members are people and none is a known organisation, the unknown
        words guessed organisations are surnames too, there and everywhere else in the
        article. A list with a known organisation ("Sony, Sega and Rovio") is left alone."""
        surnames: set[str] = set()
        for first, last in groups:
            group = mentions[first:last]
            persons = sum(1 for m in group if m.label is _PERSON)
            orgs = [m for m in group if m.label is _ORG]
            if persons >= 2 and not any(m.canonical.casefold() in self.gazetteer for m in orgs):
                surnames.update(m.canonical for m in orgs)
        if not surnames:
            return
        for index, mention in enumerate(mentions):
            if mention.label is _ORG and mention.canonical in surnames:
                mentions[index] = Mention(mention.start, mention.end, _PERSON, people.canonical(mention.canonical))

    def _teams(self, body: str, mentions: list[Mention]) -> None:
        """In a sports report, a city, county or state that scores or plays is a team (an organisation),
        and so is a two-word "person" whose surname is a city ("Dynamo Moscow").

        "Essex beat Kent", "SEATTLE 9 Baltimore 6", "v Northampton"; countries stay places,
        as national sides are usually written as the country.
        """
        for index, mention in enumerate(mentions):
            if mention.label is _PERSON and mention.canonical in self.clubs:
                mentions[index] = Mention(mention.start, mention.end, _ORG, mention.canonical)
                continue  # a club that is also a given name: "Chelsea"
            if mention.label is _PERSON:
                # a club named after its city: "Dynamo Moscow", "Standard Liege" (not "Jesse Jackson")
                words = mention.canonical.split()
                if (
                    len(words) == 2 and words[0] not in self.first_names and words[0] not in _CAPITAL_PARTICLES
                    and self.gazetteer.get(words[1].casefold()) is _PLACE
                    and body[mention.start : mention.end] == mention.canonical
                ):
                    mentions[index] = Mention(mention.start, mention.end, _ORG, mention.canonical)
                continue
            if mention.label is not _PLACE or mention.canonical.casefold() in self.countries:
                continue
            if _PLAYS_AFTER.match(body, mention.end) or _PLAYS_BEFORE.search(body, max(0, mention.start - 12), mention.start):
                mentions[index] = Mention(mention.start, mention.end, _ORG, mention.canonical)

    def _guess_single(self, body: str, start: int, end: int, word: str, people: PersonIndex,
                      vocabulary: _LowerCaseWords) -> EntityLabel | None:
        """A lone capitalised word nothing else identified: use the article and the context."""
        facts = self._word_facts.get(word)
        if facts is None:
            if len(self._word_facts) > _CACHE_SIZE:
                self._word_facts.clear()
            facts = self._word_facts[word] = self._facts_of(word)
        given_name, maybe_org, inflected, folded = facts
        if given_name or people.knows(word):
            return _PERSON
        before = body[max(0, start - 14) : start].split()
        if before and before[-1] in _ROLES_BEFORE and body[start - 1] == " ":
            return _PERSON  # "singer Ruslana", "striker Ronaldo"
        if (
            _CUE_AFTER.match(body, end, min(len(body), end + 30))
            and folded not in vocabulary
            and not (inflected and _is_sentence_start(body, start, 0))
        ):
            return _PERSON  # "Lopez-Cantera said"; not "Traders said" nor "Eyewitnesses said"
        if maybe_org and _PERSON_AFTER.match(body, end, min(len(body), end + 60)):
            return _PERSON  # "O'Malley, the former governor", "Trump's attorney", "Kunin, 82,"
        if before and before[-1].casefold() in _PLACE_PREPOSITIONS:
            return _PLACE
        # a capitalised word mid-sentence that is no person, place or common word: in news
        # these are mostly companies, clubs and teams ("Leicestershire beat Somerset"); at the
        # start of a sentence an inflected word is mostly plain English ("Crowds gathered")
        if (
            maybe_org
            and not (inflected and _is_sentence_start(body, start, 0))
            and folded not in vocabulary
        ):
            return _ORG
        return None

    def _facts_of(self, word: str) -> tuple[bool, bool, bool, str]:
        """What `_guess_single` knows of a word wherever it stands: (a given name, could be an
        organisation, looks inflected, case-folded)."""
        folded = word.casefold()
        maybe_org = (
            not word.isupper()
            and folded not in self.gazetteer
            and folded not in self.common
            and not any(part in self.gazetteer for part in folded.split("-"))
        )
        return word in self.lone_given_names, maybe_org, _looks_inflected(word), folded

    def _tag_headline(self, body: str, para: Span, known: dict[str, tuple[EntityLabel, str]], people: PersonIndex, mentions: list[Mention]) -> None:
        """In a title-case or all-caps line, keep only names the body or a gazetteer confirms."""
        words = _words_of(body, para.start, para.end)
        for run in _runs(body, words):
            i = 0
            while i < len(run):
                for j in range(min(len(run), i + 4), i, -1):
                    text = body[run[i].start : run[j - 1].end]
                    key = name_key(text)
                    hit = known.get(key)
                    if hit is None:
                        label = self.gazetteer.get(text.casefold())
                        if label is not None:
                            hit = (label, text)
                    if hit is None and j - i == 1 and people.knows(text) and key not in self.common:
                        hit = (_PERSON, people.canonical(text))
                    if hit is not None:
                        mentions.append(Mention(run[i].start, run[j - 1].end, hit[0], hit[1]))
                        i = j
                        break
                else:
                    i += 1
