"""Who said it: finding the speaker and cue of each quotation.

News attributes a quote with a handful of patterns ("...," X said / said X / X said: "..."
/ X said that ... "..." / according to X / X was quoted as saying / a split quote / "...."
X added.). Each pattern is matched on a few tokens right next to the quote, never on
more than the quote's sentence and paragraph, so attribution stays linear in the body.
A paragraph that ends in a colon introduces the quote paragraph after it. Pronouns resolve
to the most salient earlier person of their gender (the subject or speaker of the latest
sentence naming one; the same pronoun earlier in that sentence hands the question back; an
owner opening a sentence, "Clinton's website is ...", stands when no one else does); "the
source", "the official" resolve to the description they point back to, or to the person a
description named (`Tom Hill, a spokesman,`, `spokesman Tom Hill`, `President Tom Hill`); a
described speaker followed by a name ("said a veteran lawyer, Tom Hill") is that person. The
phrase next to a cue is the speaker only where grammar lets it be: not the object of a participle
cue (`issued a statement saying`), of a verb that takes one (`described Trump as`) or of a passive
one (`was asked`), not a name inside an appositive or after a title (`said former Gov. and party
chairman Ed Rendell`). Titles of works and nicknames
(`C.L. "Butch" Otter`) are nobody's words, and a quote no pattern explains keeps no speaker
rather than a guess. A person named right after a quote speaks at the cue ending the sentence
however long the appositive between (`Ann Lee, 30, of Dayton, Ohio., said`); a person named right
before a colon introduces the quote after it; a quote sentence no cue explains belongs to the person
the sentence before it is about. British news adds its own forms: descriptions with capitalised
words and epithets that stand for someone just named ("the Tory leader", "the Gunners boss", "the
Welshman", "the 23-year-old"), "a spokeswoman for the Home Office said" (the spokeswoman, not the
body), letters after a name ("Ann Lee MP, said"), and "he added" after an unnamed, described
speaker. `"...," it said` speaks for the letter, memo or organisation that opened a sentence just
before; with none there, "it" names nobody. A word or two quoted in a sentence with no cue of its
own is a term or a scare quote, which a cue in another sentence does not reach; "I" (a reader's
letter) names nobody; "went on" and "put it" are cues of two words; "the prime minister" is the
person given that whole title, not a "Deputy Prime Minister". Hand-written: no available library
parses attribution.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter
from typing import NamedTuple

from index.extract import lexicon
from index.extract.entities import Mention
from index.extract.names import POST_NOMINALS, PersonIndex, person_name
from index.extract.quotes import FoundQuote
from index.extract.segments import Sentences
from index.models import EntityLabel, Span

# The labels as module constants: on Python 3.11 `EntityLabel.PERSON` goes through the enum
# metaclass's attribute hook (60 ns against 5 for a global), and the rules compare labels in
# their loops (as entities.py does).
_PERSON, _ORG, _PLACE, _GROUP, _DATE = (
    EntityLabel.PERSON, EntityLabel.ORG, EntityLabel.PLACE, EntityLabel.GROUP, EntityLabel.DATE
)

# A token: a name abbreviation or an initial with its full stop ("Sen.", "U.S.", "J."), a
# word (inner dots, hyphens and apostrophes kept: "3.5", "Jong-un", "O'Brien"), or one mark.
_ABBREV = "mr mrs ms dr sen rep gov gen lt col capt sgt prof rev st jr sr u.s u.k u.n d.c".split()
# The word comes first and takes its full stop only when it is one of those abbreviations or
# a lone capital, told by fixed-width look-behinds (one per abbreviation length) that also
# check nothing of a word runs into it ("AT&T." keeps its stop apart). Written so, every
# alternative opens with a character class, which lets the regex engine skip spaces without
# trying each branch: 1.7 times faster than trying the abbreviations first, and the same
# tokens on every BBC and PolNeAR text (they differ only after runs of two inner marks, "a-'J.").
# The look-ahead `(?=\.)` before the look-behinds lets a word not followed by a full stop (most
# of them) skip them: 1.7 times faster again, with the same tokens.
_TOKEN_START = r"(?<!\w)(?<!\w[\'’&.-])"
_ABBREV_BEHIND = "|".join(
    rf"(?<={_TOKEN_START}(?i:{'|'.join(re.escape(a) for a in _ABBREV if len(a) == size)}))"
    for size in sorted({len(a) for a in _ABBREV})
)
_TOKEN = re.compile(
    rf"\w[\w'’&-]*(?:\.\w[\w'’&-]*)*(?:(?=\.)(?:{_ABBREV_BEHIND}|(?<={_TOKEN_START}[A-ZÀ-ÖØ-Þ]))\.(?!\w))?"
    r"|[^\w\s]"
)
_SINGULAR_PRONOUNS = frozenset({"he", "she"})
_PLURAL_PRONOUNS = frozenset({"they"})
_PRONOUNS = _SINGULAR_PRONOUNS | _PLURAL_PRONOUNS
_FIRST_PERSON = frozenset(
    f"{word}{end}" for word in ("i", "we") for end in ("", "'d", "'ll", "'m", "'ve", "'re", "’d", "’ll", "’m", "’ve", "’re")
)
_DETERMINERS = frozenset(
    "a an the another one two three four five several some many other his her its their our this that these those".split()
)
_SKIP_BEFORE_CUE = frozenset(
    "also has had have was were is are would will could then later again previously once still recently repeatedly "
    "further subsequently ultimately finally first immediately separately earlier reportedly publicly privately "
    "simply flatly just even only never always often been".split()
)
_TIME_AFTER_CUE = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight recently last week on in "
    "earlier later this morning afternoon evening night month year".split()
)
_STOP_IN_NP = frozenset(
    "that which who whom whose and but or if when while because as than to for with by at on in from of whether "
    "is was are were be been has have had not no so also what how where why it without about after before "
    "against into over under through during".split()
)
# after these cues the phrase on the right is the listener, not the speaker ("told Reuters")
_ADDRESSEE_CUES = frozenset("told tells tell telling asked asks informed reminded assured urged warned".split())
# ... except right after a quote, where the phrase after them is the speaker: `"...," warned Sara Holm.`
_INVERTED_AFTER_QUOTE = frozenset("warned warns asked asks urged urges".split())
_ROLE_NOUNS = frozenset(
    "minister president senator governor mayor leader chairman chairwoman secretary premier candidate nominee "
    "spokesman spokeswoman chancellor ambassador judge director chief coach congressman congresswoman".split()
)
_COLON_OR_COMMA = frozenset({":", ","})
# verbs whose phrase on the right is what is spoken of, not who speaks ("described Trump as")
_OBJECT_CUES = frozenset(
    "called calls calling described describes dubbed dubbing labeled labelled branded accused accuses blasted "
    "slammed chided scolded".split()
)
# "speaking to Fox News said": after a participle, these lead to the listener
_PARTICIPLE_PREPOSITIONS = frozenset("to with at for".split())
# "a letter to Ann Lee asking": before a participle cue, these make the phrase an object
_OBJECT_PREPOSITIONS = frozenset(
    "to at from about toward towards against into onto on in by for after under over through during without".split()
)
_PHRASE_PREPOSITIONS = frozenset("of at for from with in".split())
_BE_FORMS = frozenset("was were been being is are be".split())
_PASSIVE_ADVERBS = frozenset("also later then first since reportedly repeatedly".split())
# "a source close to the campaign": a described source goes on through these
_DESCRIPTION_LINKS = {"close": "to", "familiar": "with", "involved": "in", "briefed": "on", "knowledgeable": "about"}
_RELATIVES = frozenset("who whom whose which that".split())
_CLAUSE_CONJUNCTIONS = frozenset("and but while whereas".split())
# words that open a phrase or clause before the subject: "When Wallace died in 1998, Clinton said"
_CLAUSE_OPENERS = frozenset(
    "when after before while as if since although though because once until in on at during for with "
    "despite following unlike like asked speaking writing responding even shortly just soon moments hours "
    "days weeks months years minutes meanwhile separately similarly still instead now then later earlier "
    "last this next reached contacted asked pressed interviewed questioned".split()
)
# ... or a time phrase ending at the comma: "Two days ago, ...", "On Monday night, ..."
_TIME_BEFORE_COMMA = frozenset(
    "later earlier ago afterward afterwards meanwhile however today yesterday tonight monday tuesday wednesday "
    "thursday friday saturday sunday morning afternoon evening night week weekend month year".split()
)
_LEADING_CONJUNCTIONS = frozenset("but and so yet".split())
# time words that may stand between a subject and its cue: "Feinstein last week said", "Cruz on Tuesday said"
_TIME_BEFORE_CUE = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tonight week month year morning "
    "afternoon evening night weekend last this on earlier later".split()
)
# what may follow the speaker of an inverted cue ("said Caddell." / "said Caddell, a pollster"):
# anything else ("said Clinton was wrong") makes the phrase the subject of a reported clause
_AFTER_INVERTED = frozenset(
    [".", ",", ":", ";", "!", "?", ")", "(", "—", "–", "-", '"', "“", "”"]
    + "of in at from on who to during after before as when while about with by last this yesterday today "
    "close familiar involved "
    "tonight earlier later recently monday tuesday wednesday thursday friday saturday sunday".split()
)
# people someone may have ("Hill's eldest daughter", "Trump's campaign manager"): an owner of one
# of these only modifies that person; an owner of anything else ("Clinton's website") may be
# what its sentence is about
_PERSON_NOUNS = frozenset(
    "daughter daughters son sons wife husband father mother brother sister cousin uncle aunt niece nephew child "
    "children parents family friend friends partner boss spokesman spokeswoman spokesperson aide aides adviser "
    "advisers advisor advisors lawyer lawyers attorney attorneys manager chief director chairman chairwoman "
    "staffer staffers strategist pollster colleague colleagues mate rival deputy secretary successor "
    "predecessor supporters supporter backers opponent critics surrogate surrogates team staff".split()
)
# speaker nouns that are no person: a document or a body names nobody by standing next to a name
_THING_NOUNS = frozenset(
    "statement report reports survey study poll paper newspaper daily agency ministry department campaign "
    "committee government administration company firm group organization organisation memo letter email "
    "document documents filing lawsuit complaint website post tweet release office petition editorial piece "
    "ad ads video article column book outlet".split()
)
# bodies and crowds among the speaker nouns: "the government said" never refers back to one person
_NOT_ONE_PERSON = frozenset(
    "people police men women family staff team parents members officials sources group government "
    "administration ministry department committee agency company firm office campaign".split()
)
_DEFINITE = frozenset({"the", "that", "this"})
_OWNER_LINKS = frozenset({"for", "at", "of"})
# capitalised heads that name a body, not its head: "the Scottish Executive", "the Welsh Assembly"
_BODY_HEADS = frozenset("executive assembly council commission parliament".split())
# the words that run into a name from the left without a break ("Tory leader", "Arsenal's")
# (possessive, as `_WORDS_BEFORE`: words and spaces part only one way, so the same matches in
# half the time)
_LEAD_WORDS = re.compile(r"(?:[\w’'-]++\s++){1,5}+$")
_APPOSITIVE_END = re.compile(r"[,.;:!?()\"“”—–]")
_ROLE_GAP = re.compile(r"^(?:['’]s)?[\w\s.-]*$")
_ROLE_MODIFIERS = frozenset(
    "deputy former senior longtime chief national press top general campaign communications political consultant "
    "supporter ally loyalist surrogate backer donor operative adviser aide pollster strategist lawyer attorney "
    "spokesman spokeswoman running mate rival challenger biographer".split()
)
# a sentence whose subject is a pronoun, possibly after a short opening phrase ("On Sunday, she")
_PRONOUN_SUBJECT = re.compile(r"(?:[^,.\"“”]{0,40},\s+)?(?:he|she|He|She)\b")
# "he" or "she" anywhere: a subject, since the objects are "him" and "her"
_SUBJECT_PRONOUN = {word: re.compile(rf"\b(?:{word}|{word.title()})\b") for word in ("he", "she")}
# "the 45-year-old said": an age standing for a person, who is resolved like a pronoun
_WORD = re.compile(r"\w+")
# "she angrily said", "Ann Lee quietly added": a manner adverb between a subject and its cue
_MANNER_ADVERB = re.compile(r"[a-z]{3,}ly")
_LY_NOUNS = frozenset("ally rally assembly family daily weekly monthly quarterly bully supply anomaly".split())
_NEXT_WORD = re.compile(r" ([a-z]+)\b")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_AGE_NOUN = re.compile(r"\d{1,3}-year-old$")
_INDEFINITE = frozenset({"a", "an", "one", "another"})
_PHRASE_END = frozenset([".", ",", ";", ":", "!", "?", ")", "—", "–", '"', "“", "”"])
# what may stand between a person and the cue that makes them a speaker: a possessive never,
# a party tag, an appositive between commas, an adverb or a time phrase
_CUE_FOLLOWS = re.compile(
    r"(?![’'])\s*(?:\([^)]{0,30}\)\s*)?(?:,[^,.;:\"“”()]{1,80},\s*)?"
    r"(?:(?:\w+ly|also|then|later|again|last\s+\w+|on\s+\w+|this\s+\w+|has|had|have|was|is)\s+)?([A-Za-z]+)\b"
)
# (possessive quantifiers: the search tries every start in its window, and backtracking into
# words and spaces could never reach the end anyway; half the time, the same matches)
_WORDS_BEFORE = re.compile(r"(?:[\w.’'-]++\s++){1,4}+$")
# (the look-ahead names the first letters of the words below: the search skips other positions
# without trying each word, a third faster)
_GENDER_LEAD = re.compile(
    r"(?=[Mhwsdfmbuang])\b(Mr\.?|Mrs\.?|Ms\.?|Miss|husband|wife|son|daughter|father|mother|brother|sister|"
    r"widow|widower|uncle|aunt|nephew|niece|grandson|granddaughter|boyfriend|girlfriend|fiancée|fiancé)"
    r",?\s+((?:[\w.’'-]+\s+){0,3})$"
)
# given names borne by men and women alike in English-language news (data/either_gender_names.txt)
_EITHER_GENDER_NAMES = lexicon.either_gender_names()
# "it" as a cue's subject speaks for a document or an organisation named just before
_IT_CUES = frozenset("said says added adds stated states read reads noted notes recommended concluded wrote writes continued".split())
_IT_LOOKBACK = 600  # characters searched back for what "it" stands for
_SUBJECT_LEAD = re.compile(r"(?:[A-Z]\w*,\s+)?(?:(?:[Tt]he|[Aa]n?)\s+)?$")
_HONORIFIC_WORDS = frozenset({"mr", "mrs", "ms", "miss"})
_FEMALE_WORDS = frozenset(
    "mrs ms miss lady wife daughter mother sister widow aunt niece granddaughter girlfriend fiancée".split()
)
_APPOSITIVE_MARKS = frozenset({",", "—", "–"})
_AFTER_TOKENS = 28
_CLAUSE_SUBJECTS = frozenset("the a an that this these those he she it they we his her its their there".split())
_INDEFINITE_NEAR = re.compile(r"(?<![\w'’-])(?:[Aa]n?|[Oo]ne|[Aa]nother) ")
_CHARGED = frozenset("accused charged alleged suspected blamed criticised criticized".split())
_HOLDER_WORDS = frozenset({"former", "ex", "late"})  # title words that describe who held it, not the office
_OTHER_OFFICE = frozenset("deputy vice shadow former acting junior assistant ex".split())  # before a title
_FRAGMENT_WORDS = 2  # a partial quote of at most this many words is a term, read with its own sentence only
_DESCRIPTION_DETERMINERS = frozenset("the a an one another two three several some many".split())
_LEADING_AFTER = frozenset(" \t\n,—–-().")




def _abbreviation_stop(toks: list[_Tok], k: int) -> bool:
    """toks[k] is the full stop of an abbreviation inside an appositive, not a sentence end:
    a stop glued to a short capitalised word and followed by a comma (`Harry Bond, 30, of
    Raleigh, N.C., said`, `Mitch McConnell, R-Ky., said`)."""
    if toks[k].text != "." or k == 0 or k + 1 >= len(toks) or toks[k + 1].text != ",":
        return False
    word = toks[k - 1]
    return word.end == toks[k].start and _capitalised(word) and len(word.text) <= 6


_TWO_WORD_CUES = {"went": "on", "goes": "on", "put": "it", "puts": "it"}


def _two_word_cue(toks: list[_Tok], k: int) -> bool:
    """toks[k] opens a cue of two words that ends its clause: `"...," he went on.`, `She went on:
    "..."`, `As Ann Lee put it, "..."` (not `went on holiday`, `went on to win`, `put it off`)."""
    second = _TWO_WORD_CUES.get(toks[k].low)
    return second is not None and k + 1 < len(toks) and toks[k + 1].low == second and (
        k + 2 == len(toks) or toks[k + 2].text in _PHRASE_END)


class Attribution(NamedTuple):
    """Who said a quote, with the mention and the cue that tell (a named tuple: built a few
    times per quote, and cheaper than a frozen dataclass)."""

    speaker: str | None
    speaker_span: Span | None
    cue: str | None
    rule: str = ""  # which pattern attributed it (for error analysis in bench/extract_eval.py)


_TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]*")
_TITLE_PERSONAL = frozenset("mr mrs ms dr sir madam senator governor president your".split())
_TITLE_SMALL = frozenset("a an and as at by for from in of on or the to with vs".split())


def _is_title(text: str) -> bool:
    """A short quoted phrase in title case ("Meet the Press", "Twin Peaks") names a work, not words said."""
    words = _TITLE_WORD.findall(text)
    if len(words) < 2 or len(words) > 7 or not words[0][0].isupper() or words[0] in {"I", "I'm", "I’m"}:
        return False
    if text.rstrip()[-1:] in "!?" or words[0].casefold() in _TITLE_PERSONAL:
        return False  # "USA! USA!", "Mr. Trump,": words said to someone
    return all(w[0].isupper() or w in _TITLE_SMALL for w in words)


_NICKNAME_BEFORE = re.compile(r"(?:^|\s)([A-Z][a-z]+|(?:[A-Z]\.)+)\s$")
_NICKNAME_AFTER = re.compile(r"\s[A-Z][a-z]")


def _is_nickname(body: str, quote: FoundQuote) -> bool:
    """`Gov. C.L. "Butch" Otter`, `Juan "Chico" Manriquez`: one or two capitalised words quoted
    between a given name and a family name are a nickname, nobody's words."""
    span = quote.span
    start, end = span.start, span.end
    if end - start > 30:
        return False
    text = body[start:end]
    words = text.split()
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words) or not text[-1:].isalpha():
        return False
    before = _NICKNAME_BEFORE.search(body, max(0, quote.open_mark - 20), quote.open_mark)
    if before is None or not _NICKNAME_AFTER.match(body, quote.after):
        return False
    given = before.group(1)
    return given.endswith(".") or given in lexicon.first_names()


def _tagged(found: Attribution | None, rule: str) -> Attribution | None:
    if found is None:
        return None
    return Attribution(found.speaker, found.speaker_span, found.cue, rule)


class _Tok:
    """A token of the reporter's words: offsets, text and case-folded text.

    Built by `_scan` attribute by attribute: a class without `__init__` is created in C,
    where calling a Python `__init__` for each of the ~170 tokens an article needs cost more
    than finding them.
    """

    __slots__ = ("start", "end", "text", "low")


def _token(start: int, text: str) -> _Tok:
    """The token `text` found at offset `start`."""
    tok = _Tok()
    tok.start = start
    tok.end = start + len(text)
    tok.text = text
    tok.low = text.casefold()
    return tok


# characters that a word token keeps when they end it ("countries'", "co-", "AT&", "x_")
_GLUED_AT_END = frozenset("'’&-_")
_TOKEN_START = attrgetter("start")
_TOKEN_END = attrgetter("end")


def _scan(body: str, start: int, end: int) -> list[_Tok]:
    """The tokens of body[start:end]: the same as `_TOKEN.finditer` finds, found cheaper.

    Tokens never span whitespace, so the text is split on it (in C) and only chunks that are
    more than a plain word or one mark, or a word and one trailing mark, go through the regex
    (a chunk's tokens follow one another without gaps). Each regex match costs a few thousand
    machine instructions, as much as all the rest of the work on a token. The offsets of the
    chunks add up when single whitespace characters part them, which is nearly always;
    otherwise each chunk is looked up.
    """
    text = body[start:end]
    chunks = text.split()
    toks: list[_Tok] = []
    if not chunks:
        return toks
    single_gaps = len(text.strip()) == sum(map(len, chunks)) + len(chunks) - 1
    pos = body.find(chunks[0], start)
    for chunk in chunks:
        if not single_gaps:
            pos = body.find(chunk, pos)
        if chunk.isalnum() or len(chunk) == 1:
            # most chunks: one plain word (`_token` written out, a call less per token)
            tok = _Tok()
            tok.start = pos
            tok.end = pos = pos + len(chunk)
            tok.text = chunk
            tok.low = chunk.casefold()
            toks.append(tok)
        else:
            if chunk[-1] != "." and chunk[:-1].isalnum():
                # "said," -> "said" ","; a full stop may end an abbreviation ("Sen."): the regex decides
                words = (chunk,) if chunk[-1] in _GLUED_AT_END else (chunk[:-1], chunk[-1])
            else:
                words = _TOKEN.findall(body, pos, pos + len(chunk))
            for word in words:
                toks.append(_token(pos, word))
                pos += len(word)
        pos += 1
    return toks


def _lower_word(tok: _Tok) -> bool:
    """A lower-case word, perhaps hyphenated ("front-runner", "nutritional-supplement")."""
    return tok.text.islower() and tok.text.replace("-", "").isalpha()


def _possessive(text: str) -> bool:
    return len(text) > 2 and text[-2] in "'’" and text[-1] in "sS"


def _shouting(tok: _Tok) -> bool:
    return len(tok.text) > 3 and tok.text.isupper()


def _capitalised(tok: _Tok) -> bool:
    return tok.text[:1].isupper()


class Attributor:
    """Attributes the quotes of one article (built per article; holds its indexes)."""

    def __init__(self, body: str, paragraphs: list[Span], sentences: Sentences, quotes: list[FoundQuote],
                 mentions: list[Mention], people: PersonIndex) -> None:
        self.body = body
        self.paragraphs = paragraphs
        # the paragraphs' offsets as plain lists: reading a pydantic `Span`'s attribute costs a
        # few hundred machine instructions, a list item a few dozen
        self.para_starts = [p.start for p in paragraphs]
        self.para_ends = [p.end for p in paragraphs]
        self.sentences = sentences
        self.quotes = quotes
        self.quote_starts = [q.open_mark for q in quotes]
        self.quote_ends = [(q.close_mark if q.close_mark is not None else q.span.end) for q in quotes]
        self.people = people
        self.cues = lexicon.cue_verbs()
        self.nouns = lexicon.speaker_nouns()
        self.titles = lexicon.title_words()
        self.gazetteer = lexicon.gazetteer()
        self.common = lexicon.common_words()
        self.date_words = lexicon.date_words()
        self.first_names = lexicon.first_names()
        self.document_nouns = lexicon.document_nouns()
        self.female_names = lexicon.female_names()
        self._cuts: dict[int, list[int]] = {}
        self._pieces: dict[tuple[int, int], list[_Tok]] = {}
        self.mentions = mentions
        # people mentioned outside quotes, for pronoun and role resolution
        self.persons = [m for m in mentions if m.label is _PERSON and not self._in_quote(m.start)]
        self.person_starts = [m.start for m in self.persons]
        self._modifier: dict[int, bool] = {}  # person index -> `_is_modifier`, asked by pronouns only
        self.entity_starts = [m.start for m in mentions]
        self._gender_table: dict[str, str] | None = None
        self._told: dict[int, str | None] = {}  # person mention start -> `_told_gender`
        self._sentence_had_cue = False  # the last `_cue_nearby` window held a cue verb

    # -- helpers --------------------------------------------------------------------------
    def _modifies(self, first: Mention, second: Mention) -> bool:
        gap = self.body[first.end : second.start]
        if len(gap) > 50 or not _ROLE_GAP.match(gap):
            return False
        words = gap.replace("’s", " ").replace("'s", " ").split()
        return all(w.casefold() in self.nouns or w.casefold() in self.titles or w.casefold() in _ROLE_MODIFIERS for w in words)

    def _toks(self, lo: int, hi: int, outside_quotes: bool = False) -> list[_Tok]:
        """Tokens lying wholly inside [lo, hi); with `outside_quotes`, the words inside quote
        marks are left out (the marks stay, and every rule stops at a mark).

        Only the reporter's words around quotes are ever read, so a paragraph is tokenised
        piece by piece on demand: its pieces run between sentence starts and quote marks
        (token boundaries both), each is tokenised once and cached, and a window is the
        pieces it touches, sliced.
        """
        para_index = bisect_right(self.para_starts, lo) - 1
        if para_index < 0 or hi > self.para_ends[para_index]:
            return _scan(self.body, lo, hi)
        if hi <= lo:
            return []
        cuts = self._cuts.get(para_index)
        if cuts is None:
            cuts = self._cuts[para_index] = self._cuts_of(para_index)
        first = bisect_right(cuts, lo) - 1
        last = bisect_left(cuts, hi, first + 1)
        if last - first == 1:
            toks = self._piece(para_index, cuts, first)
        else:
            toks = []
            for index in range(first, last):
                if outside_quotes and self._inside_quote(cuts[index], cuts[index + 1]):
                    continue
                toks += self._piece(para_index, cuts, index)
        # (a window that starts or ends at a cut keeps all the pieces' tokens on that side)
        return toks[
            0 if lo == cuts[first] else bisect_left(toks, lo, key=_TOKEN_START) :
            len(toks) if hi == cuts[last] else bisect_right(toks, hi, key=_TOKEN_END)
        ]

    def _inside_quote(self, start: int, end: int) -> bool:
        """[start, end) lies between the marks of one quote (not one marked with two apostrophes,
        whose marks may be glued to its words)."""
        i = bisect_right(self.quote_starts, start) - 1
        return i >= 0 and self.quote_starts[i] < start and end <= self.quote_ends[i] and self.body[self.quote_starts[i]] != "'"

    def _cuts_of(self, para_index: int) -> list[int]:
        """Where a paragraph's pieces start: the paragraph, each sentence, each side of each quote mark."""
        para_start, para_end = self.para_starts[para_index], self.para_ends[para_index]
        body = self.body
        cuts = {para_start}
        cuts.update(self.sentences.of_paragraph(para_index)[0])
        i = bisect_left(self.quote_starts, para_start)
        while i < len(self.quotes) and self.quote_starts[i] < para_end:
            quote = self.quotes[i]
            # a mark written as two apostrophes may be glued to a word ("win''"): those cut at
            # the nearest space instead, which always separates tokens
            if body[quote.open_mark] != "'":
                cuts.add(quote.open_mark)
                cuts.add(quote.open_mark + 1)
                if quote.close_mark is not None and quote.close_mark < para_end:
                    cuts.add(quote.close_mark)
            else:
                space = body.rfind(" ", para_start, quote.open_mark)
                if space > para_start:
                    cuts.add(space)
            after = quote.after
            if para_start < after < para_end:
                if body[after - 1] != "'":
                    cuts.add(after)
                else:
                    space = body.find(" ", after, para_end)
                    if space > 0:
                        cuts.add(space)
            i += 1
        cuts.add(para_end)
        return sorted(cuts)

    def _piece(self, para_index: int, cuts: list[int], index: int) -> list[_Tok]:
        key = (para_index, index)
        cached = self._pieces.get(key)
        if cached is None:
            cached = self._pieces[key] = _scan(self.body, cuts[index], cuts[index + 1])
        return cached

    def _in_quote(self, offset: int) -> bool:
        i = bisect_right(self.quote_starts, offset) - 1
        return i >= 0 and offset < self.quote_ends[i]

    def _para_index(self, offset: int) -> int:
        """Index of the paragraph holding `offset` (or the last one before it; the first one)."""
        return max(0, bisect_right(self.para_starts, offset) - 1)

    def _mention_at(self, start: int, end: int) -> Mention | None:
        i = bisect_left(self.entity_starts, start)
        if i < len(self.mentions):
            m = self.mentions[i]
            if m.start == start or (m.start < end and start < m.end):
                return m
        if i > 0:
            m = self.mentions[i - 1]
            if m.start < end and start < m.end:
                return m
        return None

    # -- noun phrases -----------------------------------------------------------------------
    def _np_ending_at(self, toks: list[_Tok], last: int) -> tuple[int, int] | None:
        """The noun phrase whose last token is toks[last], scanning left: (first, last) or None."""
        tok = toks[last]
        if tok.low in _PRONOUNS:
            return last, last
        if _capitalised(tok):
            if _possessive(tok.text):
                return None  # "Lazar's (lawyer) said": the owner is not the speaker
            first = last
            while first > 0:
                if first < last and toks[first].low.rstrip(".") in _HONORIFIC_WORDS:
                    break  # "to the Foreign Policy Centre Mr Straw said": a name starts at its honorific
                prev = toks[first - 1]
                if _shouting(prev) and not _shouting(tok):
                    break  # an all-caps headline run-in: "DEADLY EXPLOSION Turkish President ..."
                if _possessive(prev.text):
                    break
                if _capitalised(prev) and prev.low not in self.common:
                    first -= 1
                elif prev.low == "of" and first > 1 and _capitalised(toks[first - 2]):
                    first -= 1
                elif prev.low in _DETERMINERS and prev.low in {"the", "a", "an"}:
                    first -= 1
                    break
                elif prev.text.isalpha() and prev.text.islower() and prev.low in self.nouns and first > 1:
                    # "campaign manager Corey Lewandowski": a role before the name belongs to the phrase
                    first -= 1
                else:
                    break
            if toks[first].low in self.common and first == last and not self._is_known_person(tok):
                return None  # "Young said" stays when the article named "Grant Young" before
            return first, last
        if tok.low in self.nouns or _AGE_NOUN.match(tok.low):
            first = last
            steps = 0
            while first > 0 and steps < 6:
                prev = toks[first - 1]
                if prev.low in _DETERMINERS:
                    first -= 1
                    break
                if not prev.text[0].isalnum() or prev.low in _STOP_IN_NP or prev.low in self.cues:
                    break
                first -= 1
                steps += 1
            while first < last and _capitalised(toks[first]) and toks[first].low not in _DETERMINERS \
                    and (toks[first].low in _CLAUSE_OPENERS or toks[first].low in _LEADING_CONJUNCTIONS):
                first += 1  # "Meanwhile Ann Lee's mother said"
            return first, last
        return None

    def _np_starting_at(self, toks: list[_Tok], first: int) -> tuple[int, int] | None:
        """The noun phrase starting at toks[first] (after a cue: "said Caddell", "said the source")."""
        if first >= len(toks):
            return None
        tok = toks[first]
        if tok.low in _PRONOUNS:
            return first, first
        last = first
        head = None
        first_det = False
        owned = False  # a lower-case owner came first: only a name after the description will do
        while last < len(toks) and last - first < 8:
            t = toks[last]
            if _capitalised(t) and _possessive(t.text):
                head = None  # "Rubio's deputy campaign manager, Rich Beeson": a determiner, not the head
                first_det = True
            elif _capitalised(t) or (t.low == "of" and head is not None and last + 1 < len(toks) and _capitalised(toks[last + 1])):
                head = last
            elif t.low in self.nouns:
                head = last
                # "the source" / "a spokesman for the campaign": stop at the head noun, unless
                # more of the role or the name follows ("campaign spokesman Hogan Gidley")
                nxt = toks[last + 1] if last + 1 < len(toks) else None
                if nxt is None or not (_capitalised(nxt) or nxt.low in self.nouns):
                    if nxt is not None and last + 2 < len(toks) and toks[last + 2].low in self.nouns \
                            and _lower_word(nxt) and _lower_word(toks[last + 2]) \
                            and nxt.low not in _STOP_IN_NP and nxt.low not in self.cues:
                        last += 1  # "his chief economic adviser": one modifier between two role nouns
                    else:
                        break
            elif t.low in _DETERMINERS and last == first:
                first_det = True
            elif (
                _lower_word(t) and head is None and t.low not in _STOP_IN_NP
                and t.low not in self.cues and last - first < 6
                and (first_det or t.low in _ROLE_MODIFIERS or any(x.low in self.nouns for x in toks[last + 1 : last + 3])
                     or self._name_follows(toks, last))
            ):
                pass  # "a senior aide", "former Gov. Jim Hodges", "county engineer Astrid Berg"
            elif head is None and _possessive(t.text) and t.text[:-2].isalpha() and t.text.islower() and last - first < 3:
                first_det = owned = True  # "the county's chief engineer": an owner, so a determiner
            elif head is None and first_det and last == first + 1 and t.text.isdigit():
                pass  # "a 2008 Clinton veteran"
            elif (
                head is not None and _lower_word(t) and t.low not in _STOP_IN_NP
                and t.low not in self.cues and self._name_follows(toks, last + 1) and self._role_run(toks, last)
            ):
                pass  # "Post White House bureau chief Juliet Eilperin": a role between names
            else:
                break
            last += 1
        if head is None or owned:
            # "said the county's chief engineer, Astrid Berg": the name after the description
            k = last
            while k < len(toks) and k - last < 3 and toks[k].text.isalpha() and toks[k].text.islower():
                k += 1
            if k > first and k + 1 < len(toks) and toks[k].text == ",":
                return self._person_tokens_at(toks, k + 1)
            return None
        if first_det and toks[first].low in _DESCRIPTION_DETERMINERS and (_capitalised(toks[head]) or head == last):
            # "the printed Cruz slate card", "a 2008 campaign veteran": lower-case nouns closing
            # a phrase opened by a determiner make it a description whose head is the last of them
            k = head + 1
            while k < len(toks) and k - head <= 3 and toks[k].text.isalpha() and toks[k].text.islower() \
                    and toks[k].low not in _STOP_IN_NP and toks[k].low not in self.cues and toks[k].low not in _TIME_AFTER_CUE:
                k += 1
            if k > head + 1 and (k == len(toks) or toks[k].text in _PHRASE_END):
                return first, k - 1
        return first, head

    def _owner_phrase(self, toks: list[_Tok], np: tuple[int, int] | None, lo: int) -> tuple[int, int] | None:
        """`A spokeswoman for the Department of Health said`, `the chief executive of Tesco told`:
        the phrase before a cue that ends in a body is whole when a described speaker governs it
        through "for", "at" or "of"; the body alone did not speak, nor the person in "a friend of Tom Hill"."""
        if np is None or np[0] - 2 < lo or toks[np[0] - 1].low not in _OWNER_LINKS or not _capitalised(toks[np[1]]):
            return np
        noun = toks[np[0] - 2]
        if not (_lower_word(noun) and noun.low in self.nouns):
            return np
        described = self._np_ending_at(toks, np[0] - 2)
        if described is None or described[0] < lo or toks[described[0]].low not in _DESCRIPTION_DETERMINERS:
            return np
        k = described[0] - 1
        if k - 1 >= lo and toks[k].text == "," and self._is_person_at(toks[k - 1].start):
            # "Matt Hill, a fund manager at Perpetual, said": the person the description is about
            named = self._person_tokens_at(toks, self._name_start(toks, k - 1))
            if named is not None and named[0] >= lo:
                return named
        return described[0], np[1]

    def _person_tokens_at(self, toks: list[_Tok], k: int) -> tuple[int, int] | None:
        """(k, last) when a person mention starts at toks[k]: the tokens of that name."""
        mention = self._mention_at(toks[k].start, toks[k].end)
        if mention is None or mention.label is not _PERSON or mention.start != toks[k].start:
            return None
        last = k
        while last + 1 < len(toks) and toks[last + 1].end <= mention.end:
            last += 1
        return k, last

    def _appositive_name(self, toks: list[_Tok], np: tuple[int, int]) -> tuple[int, int] | None:
        """`said another leading Supreme Court advocate, Andrew J. Pincus` / `said Trump's attorney,
        Alan Garten`: a person named right after the described speaker, between commas or at
        the end of the sentence, is who spoke."""
        k = np[1] + 1
        while k < len(toks) and k - np[1] <= 3 and toks[k].text.isalpha() and toks[k].text.islower():
            k += 1
        if k + 1 >= len(toks) or toks[k].text != ",":
            return None
        mention = self._mention_at(toks[k + 1].start, toks[k + 1].end)
        if mention is None or mention.label is not _PERSON or mention.start < toks[k + 1].start:
            return None
        last = k + 1
        while last + 1 < len(toks) and toks[last + 1].end <= mention.end:
            last += 1
        if last + 1 < len(toks) and toks[last + 1].text not in _PHRASE_END and toks[last + 1].low != "of":
            return None
        return k + 1, last

    def _name_after_titles(self, toks: list[_Tok], np: tuple[int, int]) -> tuple[int, int] | None:
        """`said former Ohio Gov. and party chairman Ed Rendell` / `said Air Force 1st Lt. Tyler
        Livingston`: the phrase stopped at a title, a rank or a conjunction of roles, and the
        person they describe is named a few words on."""
        k = np[1] + 1
        after_title = toks[np[1]].low in self.titles
        while k < len(toks) and k - np[1] <= 6:
            tok = toks[k]
            if _capitalised(tok) and self._is_person_at(tok.start):
                return self._person_tokens_at(toks, k)
            low = tok.low
            if not (
                low in self.titles or low in {"and", "&"} or _ORDINAL.fullmatch(low)
                or (_capitalised(tok) and not _possessive(tok.text))
                or (_lower_word(tok) and (
                    low in self.nouns or low in _ROLE_MODIFIERS
                    or (after_title and low not in _STOP_IN_NP and low not in self.cues)))
            ):
                return None
            k += 1
        return None

    def _role_run(self, toks: list[_Tok], k: int) -> bool:
        """The lower-case words from toks[k] up to the next capitalised one may name a role ("bureau
        chief", "presidential front-runner"): none is a past-tense verb, as in "Ann Lee of Ohio
        praised Tom Hart"."""
        while k < len(toks) and _lower_word(toks[k]):
            low = toks[k].low
            if low.endswith("ed") and low not in self.nouns and low not in _ROLE_MODIFIERS:
                return False
            k += 1
        return True

    def _name_follows(self, toks: list[_Tok], k: int) -> bool:
        """A person's name starts within the next three lower-case role words (and the titles
        before the name: "presidential candidate Sen. Bernie Sanders")."""
        for t in toks[k : k + 5]:
            if _capitalised(t):
                if (t.low in self.titles or self._is_org_at(t.start)) and not self._is_person_at(t.start):
                    continue  # "retired Army Lt. Gen. Mick Bednarek": a service and ranks before the name
                return self._is_person_at(t.start)
            if not (_lower_word(t)) or t.low in _STOP_IN_NP or t.low in self.cues:
                return False
        return False

    def _valid_np(self, toks: list[_Tok], first: int, last: int, place_ok: bool = False, lone_name: bool = False) -> bool:
        """Whether toks[first..last] can be a speaker. `place_ok`: the phrase stands right against
        the cue of a quote (`"...," Israel said`), where a place name is a government or a
        person who shares its spelling. `lone_name`: one capitalised word between a quote and its
        cue (`"...," Young said.`) is a name even when it is also a common word."""
        head = toks[last]
        if head.low in _PRONOUNS:
            return True
        if head.low in _FIRST_PERSON:
            return False  # "I'd say that ...": the writer of a letter or comment, named nowhere
        if head.text in self.date_words or head.low in _TIME_AFTER_CUE:
            return False
        mention = self._mention_at(head.start, head.end)
        if mention is not None and mention.label is _PLACE and place_ok and first == last and _capitalised(head):
            pass
        elif mention is not None and mention.label is _PLACE and first == last and self._names_a_person(head):
            pass  # "said Madison" after the article named Joe Madison
        elif mention is not None and mention.label in (_DATE, _PLACE):
            # "Gov. Phil Bryant of Mississippi": the person before "of" heads the phrase
            of = next((k for k in range(first + 1, last) if toks[k].low == "of"), None)
            if of is None or not _capitalised(toks[of - 1]) or toks[of - 1].low in self.common:
                return False
        if head.low in self.common and head.low not in self.nouns and not self._is_known_person(head) \
                and not self._is_org_at(head.start) \
                and not (lone_name and first == last and _capitalised(head)):
            return False
        if head.low in {"it", "i", "we", "you"}:
            return False
        return last - first < 9

    # -- the subject before a cue ------------------------------------------------------------
    def _subject_end(self, toks: list[_Tok], cue: int, lo: int = 0) -> int:
        """Index of the last token of the subject whose cue is toks[cue], or -1.

        Walks back over adverbs ("also", "later"), time phrases ("last week", "on Tuesday"),
        a bracketed party tag ("Sen. Claire McCaskill (D-Mo.) said") and an appositive or
        relative clause between commas or dashes ("Weingarten, a longtime supporter, said").
        """
        last = cue - 1
        for _ in range(4):
            while last >= lo and (toks[last].low in _SKIP_BEFORE_CUE or toks[last].low in _TIME_BEFORE_CUE
                                  or (_MANNER_ADVERB.fullmatch(toks[last].text) and toks[last].low not in self.nouns
                                      and toks[last].low not in _LY_NOUNS)):
                if _capitalised(toks[last]) and self._is_known_person(toks[last]):
                    break  # "Will wrote" after the article named George Will: a name, not a verb
                last -= 1
            if last < lo:
                return -1
            text = toks[last].text
            if text == ")":
                k = last - 1
                while k >= lo and toks[k].text != "(" and last - k < 12:
                    k -= 1
                if k < lo or toks[k].text != "(":
                    return -1
                last = k - 1
                continue
            if text == "," and last - 2 >= lo and toks[last - 1].text in POST_NOMINALS and _capitalised(toks[last - 2]):
                return last - 2  # "Peter Ainsworth MP, said": the letters after a name, then the cue
            if text in _APPOSITIVE_MARKS:
                k = last - 1
                while k >= lo and toks[k].text != text and last - k < 25:
                    if (toks[k].text in {".", ";", ":", "?", "!", '"', "“", "”"} and not _abbreviation_stop(toks, k)) \
                            or toks[k].low in self.cues:
                        return -1
                    k -= 1
                if k <= lo or toks[k].text != text:
                    return -1
                before = toks[k - 1]
                if (
                    text == "," and k + 1 < last and not toks[cue].low.endswith("ing")
                    and self._person_tokens_at(toks, k + 1) == (k + 1, last - 1)
                    and not self._is_person_at(before.start)
                ):
                    # "The spokeswoman for the ministry, Anna Berg, said": the name after a
                    # description is who speaks
                    return last - 1
                if text == "," and _capitalised(before) and self._inside_phrase(toks, k - 1, lo):
                    # "Mark Holden, chairman of Freedom Partners, the network's arm, said": the
                    # phrase before this appositive sits inside another one; a person named
                    # before that one's comma is the subject
                    named = self._person_before_comma(toks, k - 1, lo)
                    if named is not None:
                        return named
                if before.low in _PRONOUNS or (_capitalised(before) and not _possessive(before.text)) or before.low in self.nouns:
                    last = k - 1
                    if toks[last].text in POST_NOMINALS and last > lo and _capitalised(toks[last - 1]):
                        last -= 1  # "Paul Boateng MP, Labour's chief secretary, said"
                    continue
                return -1
            return last
        return -1

    def _inside_phrase(self, toks: list[_Tok], last: int, lo: int) -> bool:
        """toks[last] is not a person, or ends a name governed by a preposition ("director of the
        House Majority PAC"): either way not the subject of a cue."""
        if not self._is_person_at(toks[last].start):
            return True
        np = self._np_ending_at(toks, last)
        return np is not None and np[0] > lo and toks[np[0] - 1].low in _PHRASE_PREPOSITIONS

    def _person_before_comma(self, toks: list[_Tok], last: int, lo: int) -> int | None:
        """The index of a person's last token standing right before a comma within the few tokens
        before toks[last], when only an appositive's words lie between (no cue, no sentence end)."""
        k = last - 1
        while k > lo and last - k < 20:
            text = toks[k].text
            if text in {".", ";", ":", "?", "!", '"', "“", "”"} or toks[k].low in self.cues:
                return None
            if text == ",":
                before = toks[k - 1]
                return k - 1 if self._is_person_at(before.start) else None
            k -= 1
        return None

    def _inverted_ok(self, toks: list[_Tok], np: tuple[int, int]) -> bool:
        """`said Caddell.` / `said Caddell, a pollster` but not `said Clinton was wrong`."""
        after = np[1] + 1
        return after >= len(toks) or toks[after].low in _AFTER_INVERTED

    # -- resolution -----------------------------------------------------------------------
    def _resolve(self, toks: list[_Tok], first: int, last: int) -> tuple[str | None, Span]:
        start, end = toks[first].start, toks[last].end
        span = Span(start=start, end=end)
        head = toks[last]
        if head.low in _SINGULAR_PRONOUNS:
            described = self._described_subject_before(start, head.low)
            if described is not None:
                return described, span
            return self._resolve_pronoun(start, head.low), span
        if head.low in _PLURAL_PRONOUNS:
            return self._resolve_plural(start), span
        text = self.body[start:end]
        if first + 2 < last and toks[first].low in _DESCRIPTION_DETERMINERS and _capitalised(head) and any(
            toks[k].low in _OWNER_LINKS and _lower_word(toks[k - 1]) and toks[k - 1].low in self.nouns
            for k in range(first + 2, last)
        ):
            return text, span  # "a spokesman for the Home Office": the spokesman, not the Home Office
        if toks[first].low in _DEFINITE and first < last:
            back = self._definite_referent(toks, first, last)
            if back is not None:
                return back, span
        if _capitalised(head):
            # the name part of the phrase: from the first capitalised token
            name_first = first
            while name_first < last and not _capitalised(toks[name_first]):
                name_first += 1
            for k in range(name_first + 1, last):
                before = toks[k - 1].low
                if toks[k].text in self.first_names and (before in self.common or before in self.titles or before in self.nouns):
                    name_first = k  # "Audit Committee Peter Ainsworth": the name starts at its given name
                    break
            name_text = self.body[toks[name_first].start:end]
            mention = self._mention_at(toks[last].start, end)
            if mention is not None and mention.label is _PERSON:
                if mention.start < toks[name_first].start:
                    # the mention ran over words before the name ("Policy Centre Mr Straw", "Audit
                    # Committee Peter Ainsworth"): the name is what the phrase read as one
                    return self.people.canonical(person_name(name_text)), span
                return mention.canonical, span
            if mention is not None and mention.end > end and toks[name_first].text in self.first_names \
                    and name_first < last:
                # "Committee Ruth Kemp MP, said": the cue cut the phrase inside a longer mention, and
                # what it cut off ("MP") made that mention look like something else; a given name
                # and a family name before the cut are a person
                return self.people.canonical(person_name(name_text)), span
            # "Jason Gilbert of Cheyenne", "Robert Antonacci of the delegation": the person
            # before "of" is the speaker, not the place or body after it
            for k in range(first + 1, last):
                if toks[k].low == "of":
                    owner = self._mention_at(toks[k - 1].start, toks[k - 1].end)
                    if owner is not None and owner.label is _PERSON:
                        return owner.canonical, Span(start=start, end=toks[k - 1].end)
                    break
            if mention is not None and mention.label is _GROUP and toks[first].low in _INDEFINITE:
                # "one Republican", "a German": a description, not the group, and it may go on
                # to say whose source it is ("one Democrat familiar with the campaign")
                more = self._description_end(toks, last)
                if more > last:
                    return self.body[start : toks[more].end], Span(start=start, end=toks[more].end)
                return text, span
            if mention is not None and mention.label is _PLACE and first == last and self._names_a_person(head):
                return self.people.canonical(head.text), span
            if mention is not None and mention.label in (_ORG, _GROUP, _PLACE):
                return mention.canonical, span
            canonical = person_name(name_text)
            return self.people.canonical(canonical), span
        more = self._description_end(toks, last)
        if more > last:
            span = Span(start=start, end=toks[more].end)
            return self.body[start : toks[more].end], span
        return text, span

    def _definite_referent(self, toks: list[_Tok], first: int, last: int) -> str | None:
        """Who a definite description points back to, or None to keep its words.

        "the source" is the unnamed source the article introduced ("a Japanese government
        source"), or the person it described with that noun (`Tom Hill, a spokesman,`,
        `spokesman Tom Hill`, `Minister Tom Hill`). In British news the description often
        carries capitalised words: "the Tory leader" is the person named with all of them
        ("Tory leader Michael Howard"), "the Chancellor" the person given that title. A noun
        that only stands in for someone just named ("the 23-year-old", "the singer", "the
        Gunners boss", "said the Welshman") goes, failing a description, to the person the
        last sentences are about, as "he" or "she" would.
        """
        head = toks[last]
        low = head.low
        start = toks[first].start
        epithet = _AGE_NOUN.match(low) is not None or low in lexicon.speaker_epithets()
        modifiers = toks[first + 1 : last]
        if all(not _capitalised(t) for t in toks[first + 1 : last + 1]):
            # (a title word that names a person: "Campaign", "State" or "Trade" also make up titles)
            person_title = low in self.titles and low not in _THING_NOUNS and low not in _NOT_ONE_PERSON and (
                low in self.nouns or low in _ROLE_NOUNS or epithet)
            # "the prime minister": words of a title before the head belong to it ("the former
            # president", "the two-term president" describe the holder, and are not asked for)
            title = tuple(t.low for t in modifiers)
            if not all(w in self.titles and w not in _HOLDER_WORDS for w in title):
                title = ()
            back = self._resolve_definite(low, start, titled=person_title, title=title)
        else:
            # not a body ("the Scottish Executive"), a name ("the 28-year-old Morientes"), a
            # plural ("the Tories") or a phrase running on ("the head of the FA")
            mention = self._mention_at(head.start, head.end)
            if (mention is not None and mention.label in (_PERSON, _ORG)
                    and (low not in lexicon.speaker_epithets() or mention.start < head.start)) \
                    or low in _NOT_ONE_PERSON \
                    or (_capitalised(head) and low in _BODY_HEADS) \
                    or not (epithet or low in _ROLE_NOUNS or (low in self.nouns and low not in _THING_NOUNS)) \
                    or any(not t.text[:1].isalnum() or t.low in _STOP_IN_NP for t in modifiers):
                return None
            words = [w for t in modifiers if _capitalised(t) for w in _WORD.findall(t.low)]
            described = self._described_as([*words, low], start) if words else None
            back = self._latest_of(described, start) if described else None
            if back is None and (epithet or not words):
                # "the Spurs sporting director" after "Tottenham sporting director Frank Arnesen";
                # a role with other words ("the French president") may be someone else's title
                back = self._resolve_definite(low, start, titled=True)
                if back is not None and back.split(" ", 1)[0].casefold() in _INDEFINITE:
                    back = None  # "the BPI spokesman" says more than "a spokesman"
        if back is None and epithet:
            gender = "she" if low.endswith(("woman", "ess")) else "he" if low.endswith("man") else ""
            back = self._resolve_pronoun(start, gender)
            owners = {m.canonical for t in modifiers if (m := self._mention_at(t.start, t.end)) is not None}
            if back in owners:
                return None  # "the Lincoln actor" is not Lincoln, nor "the Trump aide" Trump
        return back

    def _described_as(self, words: list[str], offset: int) -> set[str]:
        """The people named in the 3,000 characters before `offset` with all these words right
        before the name ("Tory leader Michael Howard") or in the appositive after it ("Michael
        Howard, the Tory leader,")."""
        body = self.body
        found = set()
        for i in range(bisect_left(self.person_starts, offset) - 1, -1, -1):
            m = self.persons[i]
            if offset - m.start > 3000:
                break
            near = _LEAD_WORDS.search(body, max(0, m.start - 50), m.start)
            near = _WORD.findall(near.group(0)) if near is not None else []
            if body.startswith(",", m.end):
                stop = _APPOSITIVE_END.search(body, m.end + 1, min(len(body), m.end + 80))
                if stop is not None and stop.start() < offset:  # (not the description itself)
                    near += _WORD.findall(body, m.end + 1, stop.start())
            near_low = {w.casefold() for w in near}
            if all(w in near_low for w in words):
                found.add(m.canonical)
        return found

    def _description_end(self, toks: list[_Tok], last: int) -> int:
        """Where a described source really ends: "a source close to the campaign", "a person familiar
        with his thinking", "a longtime adviser to Trump" say whose source it is, so the words
        after the head noun up to the next punctuation (at most six) belong to it."""
        k = last + 1
        if k >= len(toks):
            return last
        if toks[k].low in _DESCRIPTION_LINKS and k + 1 < len(toks) and toks[k + 1].low == _DESCRIPTION_LINKS[toks[k].low]:
            k += 2
        elif toks[k].low == "to":
            k += 1
        else:
            return last
        end = last
        while k < len(toks) and k - last <= 7:
            tok = toks[k]
            if not tok.text[:1].isalnum() or tok.low in self.cues or tok.low in _RELATIVES:
                break
            end = k
            k += 1
        return end if end > last + 1 else last

    def _described_subject_before(self, offset: int, pronoun: str) -> str | None:
        """`A spokeswoman for the charity said it was wrong. She added: "..."`: a pronoun opening the
        sentence after one whose subject is an unnamed, described speaker is that speaker, when
        nobody is named between (pronouns otherwise resolve to named people only)."""
        sentence = self.sentences.at(offset)
        if sentence is None or self.body[sentence[0] : offset].strip():
            return None
        before = self.sentences.at(sentence[0] - 1)
        if before is None:
            return None
        named = self._persons_between(before[0], offset)
        if named and _INDEFINITE_NEAR.search(self.body, before[0], min(before[1], before[0] + 80)) is None:
            return None  # (a cheap test first: most sentences before a pronoun open with a name)
        toks = self._toks(before[0], before[1], outside_quotes=True)
        start = self._clause_start(toks)
        if start >= len(toks) or toks[start].low not in _INDEFINITE:
            return None
        k = start
        while k < len(toks) and k - start < 8 and toks[k].low not in self.cues:
            if k > start and _lower_word(toks[k]) and toks[k - 1].low in self.nouns and _lower_word(toks[k - 1]) \
                    and toks[k].low not in self.nouns and toks[k].low not in _STOP_IN_NP:
                break  # `A party spokesman criticised Tom Hill's record`: the verb after the description
            k += 1
        if k == len(toks) or k == start:
            return None
        if named and self.persons[named[0]].start < toks[k].end:
            return None  # somebody named before the verb may be who the pronoun means
        np = self._owner_phrase(toks, self._np_ending_at(toks, k - 1), start)
        if np is None or np[0] != start or not any(t.low in self.nouns and _lower_word(t) and t.low not in _THING_NOUNS
                                                   for t in toks[np[0] : np[1] + 1]):
            return None
        words = [t.low for t in toks[np[0] : np[1] + 1]]
        female = any(w in _FEMALE_WORDS or w.endswith(("woman", "women")) for w in words)
        male = any(w.endswith(("man", "men")) for w in words) and not female
        if (pronoun == "he" and female) or (pronoun == "she" and male):
            return None
        return self.body[toks[np[0]].start : toks[np[1]].end]

    def _gender_fits(self, pronoun: str, mention: Mention) -> bool:
        """False only when what the article says of the person names the other gender ("" fits both)."""
        if not pronoun:
            return True
        gender = self._told_gender(mention) or self._genders().get(mention.canonical)
        if gender is None:
            return True
        return gender == ("f" if pronoun == "she" else "m")

    def _told_gender(self, mention: Mention) -> str | None:
        """"m" or "f" when the words right before this mention say so: an honorific ("Ms.
        Kunin") or a family word, perhaps with titles between ("her husband, former Gov. X").
        Remembered per mention: every pronoun asks again about the same few people."""
        start = mention.start
        if start not in self._told:
            self._told[start] = self._gender_before(start)
        return self._told[start]

    def _gender_before(self, offset: int) -> str | None:
        said = _GENDER_LEAD.search(self.body, max(0, offset - 40), offset)
        if said is None:
            return None
        word = said.group(1).casefold().rstrip(".")
        between = said.group(2).split()
        if word in _HONORIFIC_WORDS and between:
            return None
        if any(w.casefold() not in self.titles and w.casefold() != "former" for w in between):
            return None
        return "f" if word in _FEMALE_WORDS else "m"

    def _genders(self) -> dict[str, str]:
        """Canonical name -> "m" or "f" where the article tells: most of the person's mentions
        that come with an honorific or family word, or else the given name. Worked out once per
        article, on the first pronoun."""
        if self._gender_table is not None:
            return self._gender_table
        table: dict[str, str] = {}
        votes: dict[str, list[int]] = {}
        for m in self.persons:
            told = self._told_gender(m)
            if told is not None:
                tally = votes.setdefault(m.canonical, [0, 0])
                tally[told == "f"] += 1
            if m.canonical not in table:
                first = m.canonical.split(" ", 1)[0]
                if first in _EITHER_GENDER_NAMES:
                    pass  # "Jan Brewer", "Lee Epstein": the given name does not tell
                elif first in self.female_names:
                    table[m.canonical] = "f"
                elif first in self.first_names:
                    table[m.canonical] = "m"
        for name, (male, female) in votes.items():
            if male != female:
                table[name] = "m" if male > female else "f"
        self._gender_table = table
        return table

    def _subject_like(self, index: int) -> bool:
        """The person stands as the subject or the speaker of its sentence: right before a cue
        ("Kunin said", "Weingarten, a longtime supporter, said"), right after one ("said
        Kunin"), or opening the sentence, after at most an opening phrase and a title
        ("On Friday, former Gov. Jim Hodges ...")."""
        m = self.persons[index]
        body = self.body
        after = _CUE_FOLLOWS.match(body, m.end, min(len(body), m.end + 90))
        if after is not None and after.group(1).casefold() in self.cues:
            return True
        before = _WORDS_BEFORE.search(body, max(0, m.start - 40), m.start)
        if before is not None:
            words = before.group(0).split()
            while words and (words[-1][:1].isupper() or words[-1].casefold() in self.nouns
                             or words[-1].casefold() in _ROLE_MODIFIERS):
                words.pop()
            if words and words[-1].casefold() in self.cues:
                return True
        return self._opens_sentence(m)

    def _opens_sentence(self, m: Mention) -> bool:
        """The person opens its sentence, after at most an opening phrase and a title."""
        body = self.body
        sentence = self.sentences.at(m.start)
        if sentence is None:
            return False
        lead = body[sentence[0] : m.start]
        comma = lead.rfind(",")
        if comma >= 0 and comma < 70:
            lead = lead[comma + 1 :]
        words = lead.split()
        return len(words) <= 5 and all(
            # ("Like Ann Lee, Tom Hill ...": a capitalised opening word that governs the name does not count)
            (w[:1].isupper() and w.casefold() not in _CLAUSE_OPENERS) or w[:1].isdigit()
            or w.casefold() in _DESCRIPTION_DETERMINERS or w.casefold() in self.nouns
            or w.casefold() in _ROLE_MODIFIERS or w.casefold() in self.titles
            for w in words
        )

    def _persons_between(self, start: int, end: int) -> range:
        return range(bisect_left(self.person_starts, start), bisect_left(self.person_starts, end))

    def _resolve_pronoun(self, offset: int, pronoun: str, depth: int = 0) -> str | None:
        """The most salient earlier person of the pronoun's gender.

        A fitting person earlier in the pronoun's own sentence ("As for Trump, he said"); else
        the latest sentence before it that names a fitting person. Inside that sentence its
        subject or speaker wins over the others ("Kunin said ..." over "the race between
        Clinton and Sanders"), and the first person named stands in for the subject when
        none is marked. A sentence whose subject is the same pronoun ("He stood near Hill
        and Dunn.") hands the question back to that pronoun.
        """
        sentence = self.sentences.at(offset)
        if sentence is not None:
            found = [i for i in self._persons_between(sentence[0], offset) if self._fits(i, pronoun)]
            if found:
                return self.persons[self._most_subject_like(found)].canonical
        i = bisect_left(self.person_starts, offset) - 1
        owner = None  # the latest fitting owner of a thing ("Clinton's website"), a last resort
        while i >= 0:
            if offset - self.persons[i].start > 2500:
                i = -1
                break
            if self._fits(i, pronoun):
                break
            if owner is None and self._owns_a_thing(i) and self._gender_fits(pronoun, self.persons[i]) \
                    and self._opens_sentence(self.persons[i]):
                owner = i
            i -= 1
        if owner is not None and (
            i < 0 or self.sentences.at(self.persons[owner].start) != self.sentences.at(self.persons[i].start)
        ):
            # "Clinton's website is different. On one page, she vows": no one else in that
            # sentence, so the owner is who the sentence is about
            return self.persons[owner].canonical
        if i < 0:
            return None
        candidate = self.persons[i]
        sentence = self.sentences.at(candidate.start)
        if sentence is None:
            return candidate.canonical
        ps_start = sentence[0]
        if depth < 3 and pronoun:
            # "In his speech, he tells one joke about Trump." / "he said Ryan": the same pronoun
            # earlier in that sentence is who it is about, unless the person is its subject or
            # speaker ("..., which he's expected to win, Jones said")
            for lead in _SUBJECT_PRONOUN[pronoun].finditer(self.body, ps_start, candidate.start):
                if self._in_quote(lead.start()):
                    continue
                cue = _NEXT_WORD.match(self.body, lead.end())
                if (cue is not None and cue.group(1) in self.cues) or not self._subject_like(i) \
                        or _PRONOUN_SUBJECT.match(self.body, ps_start, lead.end()):
                    return self._resolve_pronoun(lead.start(), pronoun, depth + 1)
                break
        found = [j for j in self._persons_between(ps_start, candidate.start + 1) if self._fits(j, pronoun)]
        return self.persons[self._most_subject_like(found)].canonical

    def _fits(self, index: int, pronoun: str) -> bool:
        return not self._is_modifier(index) and self._gender_fits(pronoun, self.persons[index])

    def _is_modifier(self, index: int) -> bool:
        """"Trump campaign chairman Paul Manafort": the first name only modifies the second, so it
        is never taken for the subject of its sentence; nor is an owner ("Trump's eldest daughter")."""
        found = self._modifier.get(index)
        if found is None:
            m = self.persons[index]
            found = self._modifier[index] = self.body[m.end : m.end + 1] in {"'", "’"} or (
                index + 1 < len(self.persons) and self._modifies(m, self.persons[index + 1])
            ) or self._noun_after(m.end)
        return found

    def _owns_a_thing(self, index: int) -> bool:
        """"Clinton's website", "Trump's remarks": a possessive owner of something that is not a
        person (an owner of a person, "Hill's daughter, Ann", stays a mere modifier)."""
        m = self.persons[index]
        body = self.body
        if body[m.end : m.end + 1] not in {"'", "’"}:
            return False
        following = _WORD.findall(body, m.end, min(len(body), m.end + 40))[1:4]
        if any(w.casefold() in _PERSON_NOUNS for w in following):
            return False
        return index + 1 == len(self.persons) or not self._modifies(m, self.persons[index + 1])

    def _noun_after(self, end: int) -> bool:
        """"a Trump campaign event", "Clinton aides": a name right before a lower-case role or body
        noun is an attribute of that noun, not a person acting in the sentence."""
        word = _NEXT_WORD.match(self.body, end)
        return word is not None and word.group(1).islower() and word.group(1) in self.nouns

    def _most_subject_like(self, indexes: list[int]) -> int:
        """The first of these persons that stands as a subject or speaker, else the first."""
        for i in indexes:
            if self._subject_like(i):
                return i
        return indexes[0]

    def _resolve_plural(self, offset: int) -> str | None:
        lo = self.para_starts[self._para_index(offset)]
        prev_para = bisect_right(self.para_starts, offset) - 2
        if prev_para >= 0:
            lo = self.paragraphs[prev_para].start
        toks = self._toks(lo, offset)
        for i in range(len(toks) - 1, -1, -1):
            t = toks[i]
            if t.low in self.nouns and t.low.endswith("s") and not self._in_quote(t.start):
                np = self._np_ending_at(toks, i)
                if np is not None:
                    return self.body[toks[np[0]].start : toks[np[1]].end]
        return None

    def _resolve_it(self, offset: int) -> str | None:
        """What "it" stands for as a speaker: the document ("Thursday's memo from the panel", "the
        letter") or organisation that is the subject of the latest sentence opening with one, in
        this paragraph or the one before; None when there is none (then nobody is guessed)."""
        lo = max(0, offset - _IT_LOOKBACK)
        prev_para = bisect_right(self.para_starts, offset) - 2
        if prev_para >= 0:
            lo = max(lo, self.paragraphs[prev_para].start)
        toks = self._toks(lo, offset, outside_quotes=True)
        documents = self.document_nouns
        for k in range(len(toks) - 1, -1, -1):
            t = toks[k]
            if t.low in documents and _lower_word(t):
                np = self._np_ending_at(toks, k)
                if np is not None and self._opens_sentence_at(toks[np[0]].start):
                    end = self._description_end(toks, k)
                    return self.body[toks[np[0]].start : toks[end].end]
                continue
            mention = self._mention_at(t.start, t.end)
            if mention is not None and mention.label is _ORG and self._opens_sentence_at(mention.start):
                return mention.canonical
        return None

    def _opens_sentence_at(self, offset: int) -> bool:
        """Whether a phrase starting at `offset` is its sentence's subject: only an article, or an
        opening word and comma ("Still, the council ..."), stands before it."""
        sentence = self.sentences.at(offset)
        if sentence is None:
            return False
        return _SUBJECT_LEAD.match(self.body, sentence[0], offset) is not None

    def _resolve_definite(self, head: str, offset: int, titled: bool = False, title: tuple[str, ...] = ()) -> str | None:
        """"the diplomat": the latest unnamed source introduced with that noun ("a senior European
        diplomat"), or else, of the people the article described with it (`Tom Hill, a diplomat,`,
        `diplomat Tom Hill`, `Minister Tom Hill` for a title), the one named latest."""
        lo = max(0, offset - 3000)
        pos = offset
        described: set[str] = set()
        while True:
            # search back for the head noun itself, then parse only the few words before it
            pos = self.body.rfind(head, lo, pos)
            if pos < 0:
                break
            end = pos + len(head)
            if (pos > 0 and self.body[pos - 1].isalnum()) or (end < len(self.body) and self.body[end].isalnum()):
                continue
            if self._in_quote(pos):
                continue
            toks = self._toks(max(lo, pos - 80), min(len(self.body), end + 80))
            last = bisect_right(toks, end, key=_TOKEN_END) - 1
            np = self._np_ending_at(toks, last) if last >= 0 else None
            if np is None or toks[np[1]].end != end:
                continue
            named = self._named_by_description(toks, np)
            if named is not None:
                described.add(named)
            elif toks[np[0]].low in {"a", "an", "another", "one"}:
                if not described:
                    return self.body[toks[np[0]].start : toks[np[1]].end]
                break  # an unnamed source introduced before the named ones: those came later
        if head in _ROLE_NOUNS or titled:
            described |= self._titled_before(head, offset, title)
        return self._latest_of(described, offset) if described else None

    def _named_by_description(self, toks: list[_Tok], np: tuple[int, int]) -> str | None:
        """The person a description names: `Tom Hill, a spokesman for the mayor,` / `the mayor's
        spokesman, Tom Hill,` / `spokesman Tom Hill` (so "the spokesman" later is Tom Hill)."""
        first, last = np
        if toks[last].low in _THING_NOUNS:
            return None
        if last + 1 < len(toks) and self._is_person_at(toks[last + 1].start) and _capitalised(toks[last + 1]):
            return self._mention_at(toks[last + 1].start, toks[last + 1].end).canonical
        k = last + 1
        while k < len(toks) and k - last <= 4 and toks[k].text not in _PHRASE_END:
            k += 1  # "a spokesman for the mayor, Tom Hill"
        if k + 1 < len(toks) and toks[k].text == "," and self._is_person_at(toks[k + 1].start):
            mention = self._mention_at(toks[k + 1].start, toks[k + 1].end)
            if mention.start == toks[k + 1].start:
                return mention.canonical
        if first >= 2 and toks[first - 1].text == "," and self._is_person_at(toks[first - 2].start) and (
            k == len(toks) or toks[k].text in _PHRASE_END
        ):
            # `Tom Hill, a spokesman for the mayor,`: an appositive closes before the sentence goes
            # on (`In Chelsea, the mayor said` is an opening phrase and its subject)
            mention = self._mention_at(toks[first - 2].start, toks[first - 2].end)
            before = self._toks(max(0, mention.start - 20), mention.start)
            if not (before and before[-1].low in _OBJECT_PREPOSITIONS):
                return mention.canonical
        return None

    def _titled_before(self, head: str, offset: int, title: tuple[str, ...] = ()) -> set[str]:
        """The people named with this title ("Minister Tom Hill") in the 3,000 characters before.
        With the words before the head (`title`), the title must end in all of them, and not be
        another office that ends so ("Deputy Prime Minister Tom Hill" is no prime minister)."""
        titled = set()
        for i in range(bisect_left(self.person_starts, offset) - 1, -1, -1):
            m = self.persons[i]
            if offset - m.start > 3000:
                break
            # the words just before the name, not running back over an earlier name
            lo = max(0, m.start - 40, self.persons[i - 1].end if i > 0 else 0)
            lead = _WORD.findall(self.body[lo : m.start].casefold())
            if head not in lead:  # a word of the title: "presidential" is no president
                continue
            if title:
                at = len(lead) - 1 - lead[::-1].index(head)
                if at < len(title) or tuple(lead[at - len(title) : at]) != title or (at > len(title) and lead[at - len(title) - 1] in _OTHER_OFFICE):
                    continue
            titled.add(m.canonical)
        return titled

    def _latest_of(self, people: set[str], offset: int) -> str | None:
        """Of these people, the one named latest before `offset` (the subject of that sentence,
        when it names several of them)."""
        latest = None
        for i in range(bisect_left(self.person_starts, offset) - 1, -1, -1):
            if self.persons[i].canonical in people and not self._is_modifier(i):
                latest = i
                break
        if latest is None:
            return None
        sentence = self.sentences.at(self.persons[latest].start)
        if sentence is None:
            return self.persons[latest].canonical
        found = [j for j in self._persons_between(sentence[0], self.persons[latest].start + 1)
                 if self.persons[j].canonical in people and not self._is_modifier(j)]
        return self.persons[self._most_subject_like(found)].canonical

    # -- patterns ---------------------------------------------------------------------------
    def _after(self, quote: FoundQuote, limit: int) -> tuple[Attribution | None, bool]:
        """`"...," X said` / `"...," said X` / `"...." X added.` right after the closing mark."""
        close = quote.after
        # every pattern here stops at the end of the first sentence after the quote, so the
        # tokens stop there too (leading punctuation, as in `"...". Smith said`, is skipped)
        hi = min(limit, close + 160)
        nxt = close
        while nxt < hi and self.body[nxt] in _LEADING_AFTER:
            nxt += 1
        sentence = self.sentences.at(nxt)
        if sentence is not None and nxt < sentence[1] < hi:
            hi = sentence[1]
        # the patterns read at most 25 tokens past the leading punctuation: the first 28 unless
        # more punctuation leads. (The window is read through the cached pieces: the next
        # quote's look-back reads the same words.)
        every = self._toks(close, hi)
        toks = every[:_AFTER_TOKENS]
        i = 0
        while i < len(toks) and toks[i].text in {",", "—", "–", "-", "(", ")", "."}:
            i += 1
        if len(toks) == _AFTER_TOKENS and i + 26 > _AFTER_TOKENS:
            toks = every
        if i >= len(toks):
            return None, False
        # cue first: "said Caddell"
        addressee = toks[i].low in _ADDRESSEE_CUES
        if toks[i].low in self.cues and (not addressee or toks[i].low in _INVERTED_AFTER_QUOTE):
            j = i + 1
            while j < len(toks) and toks[j].low in _TIME_AFTER_CUE and j - i < 3:
                j += 1
            np = self._np_starting_at(toks, j)
            if np is not None and (addressee or quote.partial) and not self._inverted_ok(toks, np):
                # (after a partial quote, `said the candidate could win` reports what someone else said)
                np = None  # `"...," warned Ann Lee` speaks; `"...," urged Ann Lee to go` is addressed
            if np is not None and self._valid_np(toks, *np, place_ok=np[1] + 1 < len(toks) and toks[np[1] + 1].text == ","):
                if not self._is_person_at(toks[np[1]].start):
                    np = self._appositive_name(toks, np) or self._name_after_titles(toks, np) or np
                speaker, span = self._resolve(toks, *np)
                return Attribution(speaker, span, toks[i].text), True
        if toks[i].low == "it" and i + 1 < len(toks) and toks[i + 1].low in _IT_CUES and not quote.partial:
            # `"...," it said.`: the letter, memo or organisation the story just named
            referent = self._resolve_it(toks[i].start)
            if referent is not None:
                return Attribution(referent, Span(start=toks[i].start, end=toks[i].end), toks[i + 1].text), True
        # speaker first: "Abe said", "a Japanese government source said". Not after a partial
        # quote that ends its sentence: the next sentence speaks of something else
        # (`Bush called Trump "unhinged." Rubio called it "offensive."`).
        ends_sentence = self.body[quote.span.end - 1] in ".!?" or toks[0].text == "."
        if quote.partial and ends_sentence:
            return None, False
        # `"...." A spokeswoman said it was a "basic principle"`: the next sentence reports what
        # someone said and quotes it; its cue introduces that quote, not this one
        # `"...." The Tories say Labour's plans ...`: likewise when a clause with its own subject
        # follows the cue, the new sentence reports something else (`"...." He said.`, `"..." the
        # crowd cried out` stay)
        introduces_next = ends_sentence and not quote.partial
        next_quoted = sentence is not None and sentence[1] > limit
        for k in range(i, min(len(toks), i + 25)):
            t = toks[k]
            if t.text in {".", ";", "?", "!", "\u201c", '"'} and not _abbreviation_stop(toks, k):
                break
            if quote.partial and t.low in _CLAUSE_CONJUNCTIONS and (k == i or toks[k - 1].text == ","):
                # `Cruz accuses Obama of "leading from behind" and Trump says ...`: a new clause
                # with its own subject; the words quoted belong to the clause before
                break
            if t.low in self.cues or (t.low in _TWO_WORD_CUES and _two_word_cue(toks, k)):
                cue = t.text if t.low in self.cues else f"{t.text} {toks[k + 1].text}"
                if t.low in _OBJECT_CUES and k + 1 < len(toks) and _capitalised(toks[k + 1]):
                    continue  # `a program called BleachBit`: a name given, nothing said
                if self._passive(toks, k):
                    break
                last = self._subject_end(toks, k, i)
                if last < i:
                    named = self._named_before_appositive(toks, i, k)
                    if named is not None:
                        speaker, span = self._resolve(toks, *named)
                        return Attribution(speaker, span, cue), True
                    break
                np = self._owner_phrase(toks, self._np_ending_at(toks, last), i)
                beside = last == i == k - 1
                if np is None and beside and _capitalised(toks[last]) and toks[last].text.isalpha() \
                        and toks[last].low not in _DETERMINERS and toks[last].low not in _STOP_IN_NP:
                    np = (last, last)  # `"...," Young said.`: a name, whatever else the word means
                if np is None:
                    # (right after the quote or a comma only: `"...", her son did not commit the
                    # child abuse charges` has a verb between, and "charges" is no cue there)
                    np = self._description_ending_at(toks, last, i, i)
                if np is not None and quote.partial and np[0] > i and self._object_of_participle(toks, k, np):
                    break  # `"cannot walk down the street" without reporters asking him`
                if np is None or (np[0] > i and (not self._is_person_at(toks[np[1]].start)
                                                 or toks[np[0]].low in _DESCRIPTION_DETERMINERS)):
                    # `"...," Ann Lee, 30, of Tulsa, said` / `Ann Lee, who runs the site tweeted`: the
                    # place or the thing just before the cue sits inside her appositive
                    named = self._named_before_appositive(toks, i, k)
                    if named is not None:
                        speaker, span = self._resolve(toks, *named)
                        return Attribution(speaker, span, cue), True
                if introduces_next and k + 1 < len(toks) and toks[k + 1].text not in _PHRASE_END \
                        and toks[k + 1].low not in _AFTER_INVERTED \
                        and (next_quoted or _capitalised(toks[k + 1]) or toks[k + 1].low in _CLAUSE_SUBJECTS):
                    break
                if np is not None and np[0] >= i and self._valid_np(toks, *np, place_ok=np[1] == k - 1 and np[0] == i,
                                                                 lone_name=beside):
                    speaker, span = self._resolve(toks, np[0], np[1])
                    return Attribution(speaker, span, cue), True
                break
        return None, False

    def _named_before_appositive(self, toks: list[_Tok], i: int, cue: int) -> tuple[int, int] | None:
        """`"...," Harry Bond, 30, of Raleigh, N.C., who was polled, said` / `"...," Nate Silver, the
        guru who founded the site tweeted`: a person named right after the quote and followed by a
        comma is the subject of the cue that ends the sentence, however long the appositive between
        (no sentence end and no other cue lie between: the caller's scan saw to that)."""
        np = self._np_starting_at(toks, i)
        if np is None or np[1] + 1 >= cue or toks[np[1] + 1].text != "," or not self._is_person_at(toks[np[1]].start):
            return None
        if cue + 1 < len(toks) and toks[cue + 1].text not in _PHRASE_END and toks[cue + 1].low not in _AFTER_INVERTED \
                and toks[cue].low not in _ADDRESSEE_CUES:
            # `Ann Lee, a lawyer for Tom Day, said he ...` is not the end of the sentence; `Ann Lee, a
            # Lufthansa spokeswoman told the BBC` is (the phrase after "told" is who listened)
            return None
        return np

    def _description_ending_at(self, toks: list[_Tok], last: int, lo: int, opens: int | None = None) -> tuple[int, int] | None:
        """`"...," the editorial board wrote.` / `a Pentagon readout said`: right between a quote
        and its cue, any noun phrase opened by a determiner is the source, even when its head
        is not a word for a person (PolNeAR counts papers, ads and reports as sources)."""
        head = toks[last]
        if not (head.text.isalpha() and head.text.islower()) or head.low in _STOP_IN_NP or head.low in _TIME_BEFORE_CUE:
            return None
        first = last - 1
        while first >= lo and last - first <= 4:
            tok = toks[first]
            if tok.low in _DESCRIPTION_DETERMINERS:
                if opens is None or first == opens or toks[first - 1].text == ",":
                    return first, last
                return None
            if not (tok.text[:1].isalpha() and (tok.text.islower() or _capitalised(tok))) or tok.low in _STOP_IN_NP:
                return None
            first -= 1
        return None

    def _before(self, quote: FoundQuote, lo: int) -> Attribution | None:
        """`X said: "..."`, `X said that ... "..."`, `X was quoted as saying "..."`, `according to X`."""
        toks = self._toks(lo, quote.open_mark)
        participle: str | None = None  # a participle cue whose object stood before it
        for k in range(len(toks) - 1, -1, -1):
            t = toks[k]
            if t.low not in self.cues and not (t.low in _TWO_WORD_CUES and _two_word_cue(toks, k)):
                continue
            cue = t.text if t.low in self.cues else f"{t.text} {toks[k + 1].text}"
            if k > 0 and toks[k - 1].low in {"to", "by"} and k + 2 >= len(toks) and (k + 1 == len(toks) or toks[k + 1].text in _COLON_OR_COMMA):
                # `Bryne went on to say, "..."`, `Trump was quick to add:`, `he began by saying,`: the
                # infinitive or gerund right before the quote reports the words of the sentence's subject
                found = self._sentence_opening(quote, toks, cue)
                if found is not None:
                    return found
                continue
            if self._passive(toks, k):
                continue  # "Trump was asked", "the aide was charged with": the subject is not the speaker
            j = k
            if t.low == "saying" and k >= 2 and toks[k - 1].low == "as" and toks[k - 2].low == "quoted":
                j = k - 2
                cue = "quoted as saying"
            last = j - 1
            while last >= 0 and toks[last].low in _SKIP_BEFORE_CUE:
                last -= 1
            if last >= 0 and toks[last].text == "," and t.low.endswith("ing"):
                # "..., saying": the subject of the sentence (which may open before an earlier
                # quote in it: `Ann Lee called it a "proposition," adding that ...`)
                found = self._sentence_opening(quote, toks, cue, reach_back=last == 0)
                if found is not None:
                    return found
                continue
            last = self._subject_end(toks, j)
            if last >= 1 and toks[last].low in {"and", "but"} and toks[last - 1].text != ",":
                # `Ann Lee took the stage and later said: "..."`: a second verb of the sentence's subject
                found = self._sentence_opening(quote, toks[: last], cue)
                if found is not None:
                    return found
                continue
            if last >= 2 and toks[last].low == "who" and toks[last - 1].text == ",":
                # `Loretta Lynch, who told Congress: "..."`: the person the clause is about speaks
                np = self._np_ending_at(toks, last - 2)
                if np is not None and self._is_person_at(toks[np[1]].start) and self._valid_np(toks, *np):
                    speaker, span = self._resolve(toks, *np)
                    return Attribution(speaker, span, cue)
                continue
            if last >= 0:
                np = self._owner_phrase(toks, self._np_ending_at(toks, last), 0)
                if np is not None and self._object_of_participle(toks, k, np):
                    # "Ann Lee issued a statement saying": the statement is not the speaker;
                    # an earlier cue in the sentence, or else its subject, is
                    participle = participle or cue
                    continue
                if np is not None:
                    np = self._past_participle_phrase(toks, np, 0)
                if np is not None and self._valid_np(toks, *np):
                    speaker, span = self._resolve(toks, *np)
                    return Attribution(speaker, span, cue)
            # "said X:" inverted before the quote
            if t.low in _ADDRESSEE_CUES or t.low in _OBJECT_CUES:
                continue
            np = self._np_starting_at(toks, k + 1)
            if np is not None and self._valid_np(toks, *np) and np[1] + 2 >= len(toks) and self._inverted_ok(toks, np):
                if quote.partial and np[1] + 1 == len(toks):
                    continue  # `said the president "offered no changes"`: the subject of the quoted words
                speaker, span = self._resolve(toks, *np)
                return Attribution(speaker, span, cue)
        if participle is not None:
            return self._sentence_opening(quote, toks, participle)
        return None

    def _sentence_opening(self, quote: FoundQuote, toks: list[_Tok], cue: str, reach_back: bool = False) -> Attribution | None:
        """The subject that opens the quote's sentence (after an opening phrase), as the speaker.
        With `reach_back`, `toks` start right after an earlier quote of the same sentence, so the
        sentence is read from its start."""
        sentence = self.sentences.at(quote.open_mark)
        if reach_back and sentence is not None and toks and sentence[0] < toks[0].start:
            toks = self._toks(sentence[0], quote.open_mark, outside_quotes=True)
        np = self._np_starting_at(toks, self._clause_start(toks))
        if np is not None and self._valid_np(toks, *np):
            speaker, span = self._resolve(toks, *np)
            return Attribution(speaker, span, cue)
        return None

    def _passive(self, toks: list[_Tok], cue: int) -> bool:
        """`was asked`, `were told`, `was charged with`: a passive cue makes its subject the one
        spoken to or about."""
        k = cue - 1
        if k >= 0 and toks[k].low in _PASSIVE_ADVERBS:
            k -= 1
        if k < 0 or toks[k].low not in _BE_FORMS:
            return False
        low = toks[cue].low
        return low.endswith("ed") or low in {"told", "said"}

    def _object_of_participle(self, toks: list[_Tok], cue: int, np: tuple[int, int]) -> bool:
        """`issued a statement saying`, `wrote a letter to Ann Lee asking`: a participle cue right
        after a phrase that does not open its sentence makes that phrase the object of an earlier
        verb, never the speaker."""
        if not (toks[cue].low.endswith("ing") and np[1] == cue - 1 and np[0] > self._clause_start(toks)):
            return False
        before, head = toks[np[0] - 1], toks[np[1]]
        if before.text in _PHRASE_END or head.low in _PRONOUNS:
            return False
        # "with McCain calling it", "and Trump saying": a person doing the saying, not an object
        return before.low in _OBJECT_PREPOSITIONS or (head.text.isalpha() and head.text.islower())

    def _past_participle_phrase(self, toks: list[_Tok], np: tuple[int, int], lo: int) -> tuple[int, int] | None:
        """`Another source speaking to Fox News said`: a phrase after "speaking to" is the one spoken
        to, so the subject is the phrase before the participle."""
        first = np[0]
        if first - 3 < lo or toks[first - 1].low not in _PARTICIPLE_PREPOSITIONS or not toks[first - 2].low.endswith("ing"):
            return np
        if not toks[first - 2].text.islower():
            return np
        return self._np_ending_at(toks, first - 3)

    def _clause_start(self, toks: list[_Tok]) -> int:
        """Where the main clause starts: after the opening phrases or clauses and their commas
        ("When Wallace died in 1998, President Clinton released ...", "Hours later, she ...",
        "On Thursday, after weeks of silence, Warren ...", "Facing the crowd, Lee ..."), or after a
        leading conjunction ("But Ann Lee said")."""
        start = 0
        for _ in range(3):
            if start >= len(toks):
                return 0
            if toks[start].low in _LEADING_CONJUNCTIONS:
                if start + 1 < len(toks) and toks[start + 1].text != ",":
                    start += 1
                else:
                    return start
            first = toks[start]
            opener = first.low in _CLAUSE_OPENERS or (
                first.low.endswith("ing") and first.text.isalpha() and len(first.text) > 5 and first.low not in self.cues
                and not self._is_person_at(first.start)
            )
            comma = None
            for k in range(start + 1, min(len(toks), start + 16)):
                t = toks[k]
                if t.text == ",":
                    comma = k
                    break
                if t.text in {".", ":", ";", '"', "“", "”"}:
                    break
            if comma is None or not (opener or (comma - start <= 4 and toks[comma - 1].low in _TIME_BEFORE_COMMA)):
                return start
            start = comma + 1
        return start

    def _introduced_before(self, para: Span, quote: FoundQuote) -> Attribution | None:
        """A quote paragraph after a paragraph that ends in a colon: `In a 1963 speech, he declared:`
        / `Jared Potts echoed:` introduces it, so that sentence's cue and subject attribute it."""
        index = bisect_right(self.para_starts, para.start) - 2
        if index < 0:
            return None
        prev = self.paragraphs[index]
        if self.body[prev.end - 1] != ":" or self._in_quote(prev.end - 1):
            return None
        sentence = self.sentences.at(prev.end - 1)
        lo = sentence[0] if sentence is not None else prev.start
        found = self._before(FoundQuote(quote.span, prev.end, quote.close_mark, quote.partial, quote.close_end), lo)
        if found is None:
            found = self._colon_subject(FoundQuote(quote.span, prev.end, quote.close_mark, quote.partial, quote.close_end), lo)
        return found

    def _according_to(self, start: int, end: int) -> Attribution | None:
        if self.body.find("ccording", start, end) < 0 and self.body.find("CCORDING", start, end) < 0:
            return None
        toks = self._toks(start, end)
        for k in range(len(toks) - 1):
            if toks[k].low == "according" and toks[k + 1].low == "to" and not self._in_quote(toks[k].start):
                np = self._np_starting_at(toks, k + 2)
                if np is not None and self._valid_np(toks, *np):
                    speaker, span = self._resolve(toks, *np)
                    return Attribution(speaker, span, "according to")
        return None

    def _colon_subject(self, quote: FoundQuote, lo: int) -> Attribution | None:
        """`Cruz called them on it: "..."`: a sentence ending in a colon introduces its subject's words."""
        j = quote.open_mark - 1
        while j >= lo and self.body[j].isspace():
            j -= 1
        if j < lo or self.body[j] != ":":
            return None
        toks = self._toks(lo, quote.open_mark)
        if not toks or toks[-1].text != ":":
            return None
        for start in dict.fromkeys((self._clause_start(toks), 0)):
            # "As John Cornyn, the No. 2 in the leadership, put it:": no main clause after the
            # comma, so the phrase that opens the sentence is tried too
            np = self._np_starting_at(toks, start)
            if np is None or not self._valid_np(toks, *np):
                continue
            head = toks[np[1]]
            if head.low in _PRONOUNS or self._is_person_at(head.start):
                speaker, span = self._resolve(toks, *np)
                return Attribution(speaker, span, ":")
        # `... does not surprise pollster Daron Shaw: "..."`, `Pollsters agree - Carl Bialik: "..."`:
        # when no person opens the sentence, a person named right before the colon introduces the words
        if len(toks) >= 2 and self._is_person_at(toks[-2].start):
            np = self._person_tokens_at(toks, self._name_start(toks, len(toks) - 2))
            if np is not None:
                speaker, span = self._resolve(toks, *np)
                return Attribution(speaker, span, ":")
        return None

    def _name_start(self, toks: list[_Tok], last: int) -> int:
        """Index of the first token of the person mention that toks[last] belongs to."""
        mention = self._mention_at(toks[last].start, toks[last].end)
        first = last
        while mention is not None and first > 0 and toks[first - 1].start >= mention.start:
            first -= 1
        return first

    def _cue_nearby(self, lo: int, hi: int, quote: FoundQuote) -> Attribution | None:
        """A cue verb elsewhere in the sentence or paragraph, outside any quote, nearest first."""
        toks = self._toks(lo, hi, outside_quotes=True)
        cue_words = self.cues
        cues = [k for k, t in enumerate(toks) if t.low in cue_words and not self._in_quote(t.start)]
        self._sentence_had_cue = bool(cues)  # (read by the driver after the sentence's own search)
        cues.sort(key=lambda k: abs(toks[k].start - quote.open_mark))
        for k in cues:
            if self._passive(toks, k):
                continue
            last = self._subject_end(toks, k)
            np = self._owner_phrase(toks, self._np_ending_at(toks, last), 0) if last >= 0 else None
            if np is not None and self._object_of_participle(toks, k, np):
                continue
            if np is not None:
                np = self._past_participle_phrase(toks, np, 0)
            if (np is None or not self._valid_np(toks, *np)) and toks[k].low not in _ADDRESSEE_CUES \
                    and toks[k].low not in _OBJECT_CUES and not (k > 0 and toks[k - 1].low == "to"):
                # (after "to" the verb is an infinitive: "to write a book" names no speaker)
                np = self._np_starting_at(toks, k + 1)
                if np is not None and not (self._valid_np(toks, *np) and self._inverted_ok(toks, np)):
                    np = None
            if np is not None:
                speaker, span = self._resolve(toks, *np)
                if speaker is not None:
                    return Attribution(speaker, span, toks[k].text)
        return None

    def _reported_before(self, para: Span) -> Attribution | None:
        """The person named as the subject of the last cue in the paragraph before `para`."""
        index = bisect_right(self.para_starts, para.start) - 2
        if index < 0:
            return None
        prev = self.paragraphs[index]
        toks = self._toks(prev.start, prev.end, outside_quotes=True)
        for k in range(len(toks) - 1, -1, -1):
            if toks[k].low not in self.cues or self._in_quote(toks[k].start):
                continue
            last = self._subject_end(toks, k)
            np = self._np_ending_at(toks, last) if last >= 0 else None
            if np is not None and self._valid_np(toks, *np) and self._is_person_at(toks[np[1]].start):
                speaker, span = self._resolve(toks, *np)
                if speaker is not None:
                    return Attribution(speaker, span, toks[k].text)
            return None
        return None

    def _sentence_subject(self, s_start: int, quote: FoundQuote) -> Attribution | None:
        """The person (or pronoun) a sentence opens with speaks the words it quotes: `Cruz called it "..."`."""
        toks = self._toks(s_start, quote.open_mark)
        first = 0
        # skip an opening adverbial: "On Tuesday, ...", "In an interview with CNN, ..."
        for k, t in enumerate(toks[:12]):
            if t.text == ",":
                first = k + 1
                break
        for start in dict.fromkeys((0, first)):
            np = self._np_starting_at(toks, start)
            if np is None or not self._valid_np(toks, *np):
                continue
            head = toks[np[1]]
            if head.low in _SINGULAR_PRONOUNS or self._is_person_at(head.start):
                if self._passive_after(toks, np[1] + 1):
                    return None  # `Ann Lee, 52, is accused of "directing" it`: words said about her
                speaker, span = self._resolve(toks, *np)
                if speaker is not None:
                    return Attribution(speaker, span, None)
        return None

    def _passive_after(self, toks: list[_Tok], k: int) -> bool:
        """The verb right after a subject (or after its appositive, `Ann Lee, 52,`) is a passive
        charge or label: `is accused of`, `was described as`."""
        if k < len(toks) and toks[k].text == ",":
            close = next((j for j in range(k + 1, min(len(toks), k + 6)) if toks[j].text == ","), None)
            if close is None:
                return False
            k = close + 1
        return k + 1 < len(toks) and toks[k].low in _BE_FORMS and (toks[k + 1].low in _CHARGED or toks[k + 1].low in _OBJECT_CUES)

    def _previous_subject(self, s_start: int, para: Span) -> Attribution | None:
        """`Clinton touted her record. "We need ..."`: a quote that opens a sentence and that no
        cue in its paragraph attributes carries the words of the person the sentence before
        it (in the same paragraph, outside quotes) is about."""
        prev = self.sentences.at(s_start - 1)
        if prev is None or prev[0] < para.start or self._in_quote(prev[0]) or self._in_quote(prev[1] - 1):
            return None
        if any(self.body.find(mark, prev[0], prev[1]) >= 0 for mark in ('"', "“", "”", "''")):
            return None  # a sentence holding a quote has its own attribution
        marker = FoundQuote(Span(start=s_start, end=s_start + 1), prev[1], None, False)
        return self._sentence_subject(prev[0], marker)

    def _is_known_person(self, tok: _Tok) -> bool:
        """A person mention, or a capitalised common word that is the name of a person the
        article named in full ("Young" after "Grant Young")."""
        return self._is_person_at(tok.start) or (_capitalised(tok) and " " in self.people.canonical(tok.text))

    def _names_a_person(self, tok: _Tok) -> bool:
        """A lone capitalised word that is the family name of a person the article named in full
        ("Madison" after "Joe Madison"), whatever else it could name."""
        return " " in self.people.canonical(tok.text)

    def _is_org_at(self, offset: int) -> bool:
        m = self._mention_at(offset, offset + 1)
        return m is not None and m.label is _ORG

    def _is_person_at(self, offset: int) -> bool:
        m = self._mention_at(offset, offset + 1)
        return m is not None and m.label is _PERSON

    def _continues(self, index: int, results: list[Attribution]) -> bool:
        """The quote goes on from the one before it, whose speaker is named between the two
        (`"...," said Ann Lee. "That's Bob Hill and Tom Day."`): words said, even in title case."""
        if index == 0 or results[index - 1].speaker_span is None:
            return False
        prev, quote = self.quotes[index - 1], self.quotes[index]
        span = results[index - 1].speaker_span
        if not (prev.after <= span.start and span.end <= quote.open_mark) or quote.partial:
            return False
        # the sentence of the attribution ends before this quote opens (not `said on "Meet the Press."`)
        return self.body[span.end : quote.open_mark].rstrip()[-1:] in {".", ":"} \
            and self._para_index(prev.open_mark) == self._para_index(quote.open_mark)

    # -- driver ---------------------------------------------------------------------------
    def attribute(self) -> list[Attribution]:
        results: list[Attribution] = []
        none = Attribution(None, None, None)
        body = self.body
        for index, quote in enumerate(self.quotes):
            text_start, text_end = quote.span.start, quote.span.end
            para_index = self._para_index(quote.open_mark)
            para = self.paragraphs[para_index]
            para_start = self.para_starts[para_index]
            next_open = self.quotes[index + 1].open_mark if index + 1 < len(self.quotes) else len(body)
            end_para_end = self.para_ends[self._para_index(text_end)]
            limit = min(end_para_end, next_open)
            prev_close = self.quotes[index - 1].after if index > 0 else 0
            sentence = self.sentences.at(quote.open_mark)
            s_start = sentence[0] if sentence is not None else para_start
            lo = max(para_start, s_start, prev_close)
            if _is_nickname(body, quote):
                results.append(none)
                continue
            found, _ = self._after(quote, limit)
            found = _tagged(found, "after")
            if not (
                found is not None and found.speaker_span is not None
                and body[text_end - 1] in ",!?" and found.speaker_span.start - quote.after < 30
            ) and not self._continues(index, results) and text_end - text_start < 90 \
                    and not quote.headline and _is_title(body[text_start:text_end]):
                # a show, book or slogan in title case is nobody's words, unless a speaker and
                # cue follow right after it: `"Like Oakland. Or Ferguson," Trump said.`
                results.append(none)
                continue
            if found is None:
                found = _tagged(self._before(quote, lo), "before")
            if found is None and quote.open_mark == para_start:
                found = _tagged(self._introduced_before(para, quote), "introduced")
            s_end = None
            if found is None:
                s_end = self.sentences.at(text_end)[1]
                found = _tagged(self._according_to(lo, max(s_end, quote.open_mark + 1)), "according")
            if found is None:
                found = _tagged(self._colon_subject(quote, lo), "colon")
            if found is None and index > 0 and results[index - 1].speaker is not None:
                # a split quote or a quote continuing the same speaker's words in this paragraph
                prev = self.quotes[index - 1]
                if self._para_index(prev.open_mark) == para_index and not quote.partial:
                    if s_start == quote.open_mark and (before := self.sentences.at(s_start - 1)) is not None \
                            and before[0] >= prev.after:
                        # `"...," he said. Lord Hill said the plan would work. "We aim ..."`: a whole
                        # sentence without quotes between says who speaks now
                        found = _tagged(self._previous_subject(s_start, para), "previous-subject")
                    if found is None:
                        p = results[index - 1]
                        found = Attribution(p.speaker, None, p.cue, "split")
            if found is None:
                if s_end is None:
                    s_end = self.sentences.at(text_end)[1]
                found = _tagged(self._cue_nearby(s_start, max(s_end, quote.open_mark + 1), quote), "near-sentence")
            if found is None and not (quote.partial and text_end - text_start < 40
                                      and body.count(" ", text_start, text_end) < _FRAGMENT_WORDS  # (spaces)
                                      and not self._sentence_had_cue):
                # a word or two quoted inside a sentence with no cue of its own is a term or a scare
                # quote (`a so-called "red line"`): a cue in another sentence does not reach it
                found = _tagged(self._cue_nearby(para_start, end_para_end, quote), "near-para")
            if found is None:
                found = _tagged(self._sentence_subject(s_start, quote), "subject")
            if found is None and not quote.partial and s_start == quote.open_mark and s_start > para_start:
                found = _tagged(self._previous_subject(s_start, para), "previous-subject")
            if found is None and index > 0 and results[index - 1].speaker is not None and quote.open_mark == para_start:
                # a paragraph that is only a quote carries on the previous paragraph's speaker
                prev = self.quotes[index - 1]
                if self._para_index(prev.open_mark) == para_index - 1:
                    p = results[index - 1]
                    found = Attribution(p.speaker, None, p.cue, "carry")
            if found is None and quote.open_mark == para_start and not quote.partial:
                # a paragraph that is only a quote, after a paragraph reporting what someone said
                # ("Shaw said the race was open." / "Historically, ..."): that someone speaks
                found = _tagged(self._reported_before(para), "reported-before")
            if found is not None and found.speaker_span is not None and index > 0:
                found = self._described_again(found, results)
            results.append(found or none)
        return results

    def _described_again(self, found: Attribution, results: list[Attribution]) -> Attribution:
        """`"...," said a club official, who declined to be named. "...," he added.`: "he" or "she"
        right after an unnamed, described speaker, with nobody named between, is that speaker
        again (pronouns otherwise resolve to named people only)."""
        span = found.speaker_span
        body = self.body
        if body[span.start : span.end].casefold() not in _SINGULAR_PRONOUNS:
            return found
        prev = next((r for r in reversed(results[-3:]) if r.speaker_span is not None), None)
        if prev is None or prev.speaker is None:
            return found
        described = body[prev.speaker_span.start : prev.speaker_span.end]
        words = described.casefold().split()
        if words[0] not in _INDEFINITE or prev.speaker != described \
                or self._para_index(prev.speaker_span.start) + 1 < self._para_index(span.start) \
                or self._persons_between(prev.speaker_span.end, span.start):
            return found
        female = any(w in _FEMALE_WORDS or w.endswith(("woman", "women")) for w in words)
        male = any(w.endswith(("man", "men")) for w in words) and not female
        pronoun = body[span.start : span.end].casefold()
        if (pronoun == "he" and female) or (pronoun == "she" and male):
            return found
        return Attribution(prev.speaker, span, found.cue, found.rule)
