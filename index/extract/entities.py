"""Named-entity mentions: people, organisations, places, groups and dates.

A rule tagger (no statistical model can ship with quotewire): runs of capitalised words
are cut at sentence-initial common words, titles and possessives, then labelled by the
gazetteers in `data/`, by head words ("... Ministry" is an organisation, "... Peninsula"
a place), by titles and given names (people), and by what the rest of the article already
established. Headlines in title case and all-caps datelines only yield names the article
body or the gazetteers confirm, so they never produce junk like "Stealth Over Health".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.extract import lexicon
from index.extract.names import PersonIndex, name_key, person_name
from index.models import EntityLabel, Span

_UPPER = "A-ZÀ-ÖØ-Þ"
# One capitalised word: an acronym with dots (U.S.), a word with inner hyphens or
# apostrophes (Jong-un, O'Brien, Japan's), or an Arabic-style particle name (al-Assad).
_CAP_WORD = re.compile(
    rf"(?<![\w'’.-])(?:(?:[{_UPPER}]\.){{2,}}|(?:al|el|bin|ibn|de|van|von)-[{_UPPER}]\w*|[{_UPPER}][\w]*(?:[-'’&][\w]+)*)"
)
# Lower-case words allowed inside a name ("Bank of Japan", "Asian and Oceanian Affairs Bureau", "Charles de Gaulle")
_CONNECTORS = frozenset({" of ", " and ", " for ", " de ", " da ", " di ", " du ", " van ", " von ", " der ", " bin ", " la ", " del ", " & ", " of the "})
_NAME_ABBREVIATIONS = frozenset({"Jr", "Sr", "St", "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Prof", "Rev", "Mt", "Ft", "Adm", "Maj", "Cmdr", "Co", "Corp", "Inc", "Ltd", "Bros"})
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]*")
_WORDISH = re.compile(r"[A-Za-z][\w'’-]*")
_LOWER_LONG = re.compile(r"\b[a-z]{4,}")
_CAPITAL_WORD = re.compile(r"\b[A-Z]")
_HYPHEN_GIVEN = re.compile(rf"^[{_UPPER}][a-z]+-[a-z]+$")
_INITIAL = re.compile(rf"^[{_UPPER}]\.$")
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
# the lookahead lets the engine skip at once every position that cannot start a date
_DATE = re.compile(
    rf"(?=[A-Z12])\b(?:{_MONTH}(?:\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?)?(?:,?\s+\d{{4}})?"
    r"|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?"
    r"|(?<![\d,.$€£])(?:1[89]\d\d|20\d\d)s?(?![\d,%]|\.\d))(?![\w])"
)
_AMBIGUOUS_MONTH = re.compile(r"^(?:May|March)$")
_MONTH_CONTEXT = re.compile(r"(?:\b(?:in|of|since|until|till|by|early|late|mid|last|next|this|from|through|before|after|during)\s+)$")
_SENTENCE_LEAD = frozenset(".!?:;\"“”‘(—–[\n")
_CUE_AFTER = re.compile(r"^\s*(?:,\s*)?(?:\w+ly\s+|also\s+|then\s+)?(?:said|says|told|added|wrote|asked|stated)\b")
_FUNCTION_WORDS = frozenset(
    "the a an this that these those and but or nor if when while as at by for from in into of on to with "
    "he she it they we i you his her its their our my your there here then so yet".split()
)
# A sports report says so in its first lines ("CRICKET - ...", "Major League Baseball").
_SPORTS = re.compile(
    r"\b(?:soccer|cricket|baseball|basketball|rugby|tennis|golf|hockey|football|athletics|cycling|"
    r"motor racing|boxing|innings|standings|premier league|major league|NFL|NBA|NHL)\b",
    re.IGNORECASE,
)
# what a team does next to its name: a score (not a date), or beating, drawing, losing to
_PLAYS_AFTER = re.compile(r"\s+(?:\d+(?!\d*-\d\d-)|beat\b|beats\b|drew\b|lost\b|won\b|defeated\b|v\b|vs\b|at\s+[A-Z])")
_PLAYS_BEFORE = re.compile(r"(?:\bv|\bvs\.?|\bbeat|\bagainst|\bAT)\s+$")
_INFLECTED = re.compile(r"\w{3,}(?:s|ed|ing|ly|er)$")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "to", "outside", "across", "toward", "towards", "into", "visited", "visit"})


@dataclass(slots=True)
class Mention:
    """An entity mention before it is frozen into a model: offsets, label, canonical."""

    start: int
    end: int
    label: EntityLabel
    canonical: str


@dataclass(slots=True)
class _Word:
    start: int
    end: int
    text: str
    breaks_after: bool  # a possessive ends the name: "Russia's Far East"


def _words_of(body: str, start: int, end: int) -> list[_Word]:
    words: list[_Word] = []
    for match in _CAP_WORD.finditer(body, start, end):
        s, e = match.span()
        text = match.group()
        breaks = False
        if len(text) > 2 and text[-2] in "'’" and text[-1] in "sS":
            text = text[:-2]
            e -= 2
            breaks = True
        elif text.endswith(("'", "’")):
            text = text[:-1]
            e -= 1
            breaks = True
        if e < end and body[e : e + 1] == "." and not breaks:
            if text in _NAME_ABBREVIATIONS or (len(text) == 1 and text.isalpha()):
                text += "."
                e += 1
        if text:
            words.append(_Word(s, e, text, breaks))
    return words


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


def _is_sentence_start(body: str, pos: int, para_start: int) -> bool:
    i = pos - 1
    while i >= para_start and body[i] in " \t\"“‘'(":
        i -= 1
    return i < para_start or body[i] in _SENTENCE_LEAD


def _is_headline(text: str, vocabulary: set[str], common: frozenset[str]) -> bool:
    """A paragraph in title case or all capitals (headline, dateline, section label).

    Title case shows in ordinary words written with a capital ("Was", "Over", "Health");
    a sentence full of names ("Governor Ann Lee met Tom Hill") is not a headline.
    """
    # counted on the opening of the paragraph only: a long paragraph is told by its start
    lower_words = _LOWER_LONG.findall(text, 0, 240)
    capital_words = _CAPITAL_WORD.findall(text, 0, 240)
    if len(lower_words) >= len(capital_words):
        return False  # the common case, decided without looking at each word
    words = _WORDISH.findall(text)
    if not words:
        return False
    if all(w.upper() == w for w in words if any(c.isalpha() for c in w)):
        return True
    capital_common = 0
    lower_long = 0
    for word in words[1:]:
        folded = word.casefold()
        if word[0].isupper():
            if folded in common or folded in vocabulary:
                capital_common += 1
        elif len(word) > 3:
            lower_long += 1
    return capital_common >= 2 and capital_common > lower_long


class EntityTagger:
    """Tags one article body; `tag` returns mentions sorted by offset and the person index."""

    def __init__(self) -> None:
        self.gazetteer = lexicon.gazetteer()
        self.common = lexicon.common_words()
        self.titles = lexicon.title_words()
        self.first_names = lexicon.first_names()
        self.org_heads = lexicon.org_heads()
        self.place_heads = lexicon.place_heads()
        self.date_words = lexicon.date_words()
        self.cues = lexicon.cue_verbs()
        self.not_person_heads = lexicon.not_person_heads()
        self.countries = lexicon.countries()

    # -- labelling one run of capitalised words -------------------------------------------
    def _label_run(self, body: str, run: list[_Word], out: list[tuple[list[_Word], EntityLabel | None]]) -> None:
        """Append (words, label) pieces for one run; label None means "decide later" (a lone unknown word)."""
        if not run:
            return
        texts = [w.text for w in run]
        folded = body[run[0].start : run[-1].end].casefold()
        known = self.gazetteer.get(folded)
        if known is not None:
            out.append((run, known))
            return
        last = texts[-1]
        if len(run) > 1 and last in self.org_heads and texts[0].casefold() not in self.titles | {"former"}:
            out.append((run, EntityLabel.ORG))
            return
        if len(run) > 1 and last in self.place_heads:
            out.append((run, EntityLabel.PLACE))
            return
        # a nationality, place or organisation before the rest: "U.S. President Donald Trump"
        for size in (3, 2, 1):
            if len(run) > size:
                label = self.gazetteer.get(body[run[0].start : run[size - 1].end].casefold())
                if label is not None and texts[0] not in self.first_names:
                    if label is EntityLabel.PLACE and _is_team(texts[size:]):
                        out.append((run, EntityLabel.ORG))  # "Los Angeles Dodgers", "Chicago Bulls"
                        return
                    out.append((run[:size], label))
                    self._label_run(body, run[size:], out)
                    return
        # titles before a name: "Prime Minister Shinzo Abe", "Secretary of State John Kerry"
        i = 0
        while i < len(run) - 1 and (texts[i].casefold() in self.titles or texts[i] == "of"):
            i += 1
        if not i and len(run) > 2:
            # an organisation before the title: "Oversight Committee Chairman Jason Chaffetz"
            last_title = max((k for k in range(1, len(run) - 1) if texts[k].casefold() in self.titles), default=0)
            rest = texts[last_title + 1 :]
            if last_title and len(rest) <= 3 and not any(t.casefold() in self.titles or t.casefold() in self.common for t in rest):
                head = run[:last_title]
                while head and head[-1].text.casefold() in self.titles:
                    head = head[:-1]
                if len(head) > 1 or (head and head[0].text.isupper()):
                    self._label_run(body, head, out)
                out.append((run[last_title + 1 :], EntityLabel.PERSON))
                return
        if i:
            rest = run[i:]
            rest_texts = [w.text for w in rest]
            if all(t.casefold() in self.common or t.casefold() in self.titles for t in rest_texts):
                return
            label = self.gazetteer.get(body[rest[0].start : rest[-1].end].casefold())
            out.append((rest, label if label is not None and label != EntityLabel.GROUP else EntityLabel.PERSON))
            return
        if len(run) == 1:
            word = texts[0]
            if word.isupper() and 2 <= len(word) <= 5 and word.isalpha():
                out.append((run, EntityLabel.ORG))
            elif (word.casefold() in self.common or word.casefold() in self.titles) and not _is_acronym(word):
                return
            else:
                out.append((run, None))
            return
        if any(_HYPHEN_GIVEN.match(t) for t in texts[1:]) or texts[0] in self.first_names:
            out.append((run, EntityLabel.PERSON))
            return
        if any(_INITIAL.match(t) for t in texts[1:-1]):
            out.append((run, EntityLabel.PERSON))
            return
        if any(t.casefold() in self.not_person_heads for t in texts[1:]):
            return  # "Election Day", "Trump Tower", "Affordable Care Act": events, buildings, laws
        if (
            len(run) <= 3
            and all(body[a.end : b.start] == " " for a, b in zip(run, run[1:]))
            and not any(t in self.org_heads or t in self.place_heads or t.casefold() in self.titles for t in texts)
            and texts[-1].casefold() in self.gazetteer
            and not any(t.casefold() in self.gazetteer or t.casefold() in self.common for t in texts[:-1])
            and all(t[:1].isupper() and not t.isupper() for t in texts)
        ):
            out.append((run, EntityLabel.PERSON))  # a family name that is also a place: "Jesse Jackson"
            return
        if any(t.casefold() in self.gazetteer or t.casefold() in self.common for t in texts):
            # a name made of known places or common words ("Far Eastern", "Northeast Region") is not a person
            if len(run) <= 4 and not any(t.casefold() in self.common for t in texts):
                out.append((run, EntityLabel.ORG if len(run) > 2 else None))
            return
        if len(run) <= 3 and all(t[:1].isupper() and not t.isupper() for t in texts):
            out.append((run, EntityLabel.PERSON))
            return
        if len(run) > 3:
            out.append((run, EntityLabel.ORG))

    def _connected(self, body: str, run: list[_Word]) -> list[list[_Word]]:
        """Split a run at connectors that do not belong to a name.

        "of"/"for" stays inside after a head or title word ("Bank of Japan", "Secretary of
        State"); "and"/"&" only inside an organisation name ("Asian and Oceanian Affairs
        Bureau"), so "Japan and North Korea" stays two places.
        """
        pieces: list[list[_Word]] = [[run[0]]]
        for prev, word in zip(run, run[1:]):
            gap = body[prev.end : word.start]
            if gap != " ":
                keep = False
                if gap in (" and ", " & "):
                    keep = run[-1].text in self.org_heads
                elif gap in (" of ", " for ", " of the "):
                    keep = (
                        prev.text in self.org_heads
                        or prev.text in self.place_heads
                        or prev.text.casefold() in self.titles
                    )
                else:  # name particles: "Charles de Gaulle", "Osama bin Laden"
                    keep = True
                if not keep:
                    pieces.append([word])
                    continue
            pieces[-1].append(word)
        return pieces

    def _trim_run(self, body: str, run: list[_Word], para_start: int, vocabulary: set[str]) -> list[list[_Word]]:
        """Cut a run at date words and drop leading common words; may split it in pieces."""
        pieces: list[list[_Word]] = []
        for part in self._connected(body, run):
            pieces.extend(self._undated(part))
        return self._trimmed(body, pieces, para_start, vocabulary)

    def _undated(self, run: list[_Word]) -> list[list[_Word]]:
        pieces: list[list[_Word]] = []
        current: list[_Word] = []
        for index, word in enumerate(run):
            is_date = word.text in self.date_words and not (
                word.text == "May" and index > 0 and run[index - 1].text in self.first_names
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

    def _starts_known_name(self, body: str, piece: list[_Word]) -> bool:
        """"North Korean officials", "New York": a common word that opens a gazetteer name."""
        return any(
            body[piece[0].start : piece[size - 1].end].casefold() in self.gazetteer
            for size in (2, 3)
            if size <= len(piece)
        )

    def _trimmed(self, body: str, pieces: list[list[_Word]], para_start: int, vocabulary: set[str]) -> list[list[_Word]]:
        trimmed = []
        for piece in pieces:
            while piece:
                first = piece[0]
                folded = first.text.casefold()
                if folded in _FUNCTION_WORDS or (
                    folded in self.common
                    and not self._starts_known_name(body, piece)
                    and not _is_acronym(first.text)
                    and (len(piece) == 1 or _is_sentence_start(body, first.start, para_start))
                ):
                    # "The" before a name goes; "New York" and "International Monetary Fund" stay
                    piece = piece[1:]
                    continue
                if (
                    folded in vocabulary
                    and folded not in self.gazetteer
                    and first.text not in self.first_names
                    and folded not in self.titles
                    and _is_sentence_start(body, first.start, para_start)
                ):
                    piece = piece[1:]
                    continue
                break
            if piece:
                trimmed.append(piece)
        return trimmed

    def tag(self, body: str, paragraphs: list[Span]) -> tuple[list[Mention], PersonIndex]:
        vocabulary = set(_LOWER_WORD.findall(body))
        people = PersonIndex()
        pieces: list[tuple[list[_Word], EntityLabel | None]] = []
        headline_paragraphs: list[Span] = []
        for para in paragraphs:
            if _is_headline(body[para.start : para.end], vocabulary, self.common):
                headline_paragraphs.append(para)
                continue
            for run in _runs(body, _words_of(body, para.start, para.end)):
                for piece in self._trim_run(body, run, para.start, vocabulary):
                    self._label_run(body, piece, pieces)

        for words, label in pieces:
            if label is EntityLabel.PERSON:
                people.add(person_name(" ".join(w.text for w in words)))

        mentions: list[Mention] = []
        known: dict[str, tuple[EntityLabel, str]] = {}
        for words, label in pieces:
            start, end = words[0].start, words[-1].end
            text = body[start:end]
            if label is None:
                if len(words) > 1:
                    continue
                label = self._guess_single(body, words[0], people, vocabulary)
                if label is None:
                    continue
            if label is EntityLabel.PERSON:
                canonical = people.canonical(person_name(text))
            else:
                canonical = " ".join(text.split())
            mentions.append(Mention(start, end, label, canonical))

        if headline_paragraphs:
            for mention in mentions:
                text = body[mention.start : mention.end]
                known.setdefault(name_key(text), (mention.label, mention.canonical))
                known.setdefault(name_key(mention.canonical), (mention.label, mention.canonical))
            for para in headline_paragraphs:
                self._tag_headline(body, para, known, people, mentions)

        if _SPORTS.search(body, 0, 300):
            self._teams(body, mentions)

        for match in _DATE.finditer(body):
            text = match.group()
            if _AMBIGUOUS_MONTH.match(text) and not _MONTH_CONTEXT.search(body, max(0, match.start() - 12), match.start()):
                continue
            mentions.append(Mention(match.start(), match.end(), EntityLabel.DATE, text))
        mentions.sort(key=lambda m: (m.start, -m.end))
        kept: list[Mention] = []
        for mention in mentions:
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        return kept, people

    def _teams(self, body: str, mentions: list[Mention]) -> None:
        """In a sports report, a city, county or state that scores or plays is a team (an organisation).

        "Essex beat Kent", "SEATTLE 9 Baltimore 6", "v Northampton"; countries stay places,
        as national sides are usually written as the country.
        """
        for index, mention in enumerate(mentions):
            if mention.label is not EntityLabel.PLACE or mention.canonical.casefold() in self.countries:
                continue
            if _PLAYS_AFTER.match(body, mention.end) or _PLAYS_BEFORE.search(body, max(0, mention.start - 12), mention.start):
                mentions[index] = Mention(mention.start, mention.end, EntityLabel.ORG, mention.canonical)

    def _guess_single(self, body: str, word: _Word, people: PersonIndex, vocabulary: set[str]) -> EntityLabel | None:
        """A lone capitalised word nothing else identified: use the article and the context."""
        if people.knows(word.text):
            return EntityLabel.PERSON
        if word.text in self.first_names:
            return EntityLabel.PERSON
        if _CUE_AFTER.match(body, word.end, min(len(body), word.end + 30)):
            return EntityLabel.PERSON
        before = body[max(0, word.start - 12) : word.start].split()
        if before and before[-1].casefold() in _PLACE_PREPOSITIONS:
            return EntityLabel.PLACE
        # a capitalised word mid-sentence that is no person, place or common word: in news
        # these are mostly companies, clubs and teams ("Leicestershire beat Somerset"); at the
        # start of a sentence an inflected word is mostly plain English ("Crowds gathered")
        folded = word.text.casefold()
        if (
            not word.text.isupper()
            and not (_is_sentence_start(body, word.start, 0) and _INFLECTED.search(word.text))
            and folded not in self.gazetteer
            and folded not in vocabulary
            and folded not in self.common
            and not any(part in self.gazetteer for part in folded.split("-"))
        ):
            return EntityLabel.ORG
        return None

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
                        hit = (EntityLabel.PERSON, people.canonical(text))
                    if hit is not None:
                        mentions.append(Mention(run[i].start, run[j - 1].end, hit[0], hit[1]))
                        i = j
                        break
                else:
                    i += 1
