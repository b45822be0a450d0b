"""Synthetic news corpora for the benchmarks: archives of any size from a little real prose.

Speed at archive scale can only be measured on an archive, and none can be shipped. This
module writes one: paragraphs of the BBC corpus (`../shared/corpus/bbc_news_2225.jsonl`)
resampled and recombined into new ~600-word articles, each with its own headline, date
line, now and then a byline and a wire dateline, and quotes attributed to people from a
generated name list, so ingest and extraction do the work they do on real copy. Without
that corpus, prose comes from the word lists and sentence templates below. Nothing is
stored in the repository: articles are written to the folder you name.

Every article is a pure function of (seed, number), so a corpus is the same on every
machine, and a cached one is extended, shrunk or repaired file by file.

    python bench/corpus.py OUT_DIR 1000 [--seed 0] [--builtin]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BBC_CORPUS = REPO.parent / "shared" / "corpus" / "bbc_news_2225.jsonl"
BUILTIN = "builtin"  # `source=BUILTIN` writes built-in prose even when the BBC corpus is there

PER_FOLDER = 1000
WORDS = 600
GENERATOR_VERSION = 1  # bump when the text of article (seed, number) changes
MARKER = ".bench-corpus.json"  # hidden, so ingest never reads it
TOUCHED = ".touched"  # files changed by touch_fraction, restored by the next make_corpus

# People: given names and surname syllables, combined into names nobody in the news has.
GIVEN = ("Anna", "David", "Maria", "James", "Sofia", "Thomas", "Elena", "Daniel", "Laura", "Peter",
         "Clara", "Michael", "Julia", "Robert", "Helen", "Martin", "Sarah", "Paul", "Irene", "George",
         "Alice", "Simon", "Nadia", "Victor", "Emma", "Oliver", "Rosa", "Henry", "Lucy", "Samuel",
         "Grace", "Adam", "Marta", "Hugo", "Alan", "Nina", "Frank", "Ruth", "Karl", "Diana",
         "Leon", "Carla", "Ivan", "Vera", "Omar", "Lena", "Felix", "Jane", "Pablo", "Ingrid",
         "Tariq", "Mei", "Kofi", "Yuki", "Ravi", "Amara", "Jonas", "Petra", "Luis", "Hana")
SURNAME_HEADS = ("Al", "Bar", "Cor", "Dal", "Es", "Fen", "Gar", "Hal", "Ir", "Jor", "Kel", "Lar", "Mor",
                 "Nor", "Ost", "Pel", "Quin", "Ros", "Sel", "Tor", "Ul", "Var", "Wes", "Yar", "Zel")
SURNAME_TAILS = ("dane", "ford", "ini", "ova", "sen", "wick", "ander", "ez", "mann", "ley", "ton",
                 "ak", "iero", "berg", "elli", "ovic")
ROLES = ("the finance minister", "a spokeswoman for the ministry", "a spokesman for the company",
         "an analyst at a London bank", "the union's general secretary", "the opposition leader",
         "the chief executive", "a senior economist", "the club's manager", "the festival director",
         "a professor of economics", "the health secretary", "a government adviser", "the chairman")
CUES = ("said", "said", "said", "told reporters", "added", "warned", "explained")
AGENCIES = ("Reuters", "AP", "AFP", "Bloomberg", "dpa", "Kyodo", "Yonhap", "PA Media")
CITIES = ("London", "Paris", "Berlin", "Madrid", "Rome", "Lisbon", "Dublin", "Brussels", "Vienna",
          "Warsaw", "Prague", "Athens", "Oslo", "Stockholm", "Helsinki", "Tokyo", "Seoul", "Beijing",
          "Delhi", "Mumbai", "Sydney", "Toronto", "Chicago", "Boston", "Nairobi", "Lagos", "Cairo",
          "Istanbul", "Moscow", "Geneva", "Zurich", "Amsterdam", "Copenhagen", "Edinburgh", "Cardiff",
          "Belfast", "Manchester", "Glasgow", "Washington", "Ottawa", "Lima", "Santiago", "Bogota",
          "Caracas", "Havana", "Manila", "Jakarta", "Hanoi", "Bangkok", "Singapore", "Dhaka",
          "Karachi", "Tehran", "Riyadh", "Doha", "Dubai", "Accra", "Dakar", "Kampala", "Harare")

# Built-in prose: sentence templates whose slots are filled from the word lists below.
NOUNS = ("budget", "council", "market", "report", "plan", "union", "league", "court", "bank", "firm",
         "museum", "school", "hospital", "festival", "election", "strike", "merger", "tariff", "harbour",
         "railway", "airline", "studio", "album", "season", "coach", "survey", "minister", "committee",
         "regulator", "factory", "network", "treaty", "reform", "inquiry", "contract", "pension",
         "subsidy", "broadband", "vaccine", "stadium", "archive", "exhibition", "verdict", "audit")
PLURALS = ("jobs", "shares", "voters", "players", "fans", "workers", "patients", "pupils", "investors",
           "tickets", "homes", "flights", "prices", "profits", "sales", "seats", "films", "games")
ADJECTIVES = ("new", "final", "national", "local", "annual", "record", "early", "senior", "public",
              "private", "rival", "former", "major", "second", "European", "digital", "regional",
              "independent", "controversial", "unexpected", "modest", "sharp", "weak", "strong")
VERBS_PAST = ("approved", "rejected", "announced", "delayed", "criticised", "defended", "reviewed",
              "cancelled", "welcomed", "questioned", "blocked", "backed", "launched", "postponed",
              "signed", "won", "lost", "raised", "cut", "doubled")
VERBS = ("rise", "fall", "recover", "slow", "grow", "change", "close", "improve", "continue", "end")
TIMES = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "last week",
         "earlier this month", "this year", "in the first quarter", "after months of talks")
TEMPLATES = (
    "The {adj} {noun} {past} the {noun2} {time}.",
    "{Plural} in {city} {past} the {adj} {noun} {time}, according to the {noun2}.",
    "The {noun} said {plural} would {verb} by {pct}% before the end of {year}.",
    "Officials {past} a {adj} {noun} worth {money} {time}.",
    "Critics said the {noun} had {past} the {adj} {noun2} without asking {plural}.",
    "The {adj} {noun2} in {city} expects {plural} to {verb} next year.",
    "It is the {ordinal} time the {noun} has {past} a {noun2} since {year}.",
    "A {adj} {noun} {past} by the {noun2} could affect {number} {plural} in {city}.",
    "The {noun} {past} its {adj} {noun2} and said {plural} would {verb}.",
    "Figures published {time} showed {plural} {verb_ing} for the {ordinal} month in a row.",
)
ORDINALS = ("second", "third", "fourth", "fifth", "first")
TITLE_SUBJECTS = tuple(f"{a} {n}" for a in ("New", "Rival", "Local", "Record", "Final")
                       for n in ("budget", "strike", "merger", "festival", "tariff", "election", "league"))
TITLE_VERBS = ("wins backing", "faces delay", "hits record", "splits council", "lifts shares",
               "draws criticism", "sparks inquiry", "ends talks", "cuts jobs", "boosts sales")

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
_EPOCH = date(2000, 1, 1)
_DATE_SPAN = (date(2024, 12, 31) - _EPOCH).days + 1
_DATE_STRIDE = 3001  # coprime with _DATE_SPAN: consecutive articles get distinct, scattered dates
assert math.gcd(_DATE_SPAN, _DATE_STRIDE) == 1


def speaker_names(seed: int = 0) -> list[str]:
    """Every name the generator can quote, most often quoted first (a seeded shuffle)."""
    names = [f"{g} {h}{t}" for g in GIVEN for h in SURNAME_HEADS for t in SURNAME_TAILS]
    random.Random(f"speakers-{seed}").shuffle(names)
    return names


@dataclass(frozen=True)
class _Story:
    """Raw material for one article: a headline and paragraphs, roughly on one subject."""

    title: str
    paragraphs: list[str]


class _BBCProse:
    """Paragraphs and sentences of the BBC corpus, grouped by category."""

    def __init__(self, path: Path) -> None:
        self.stories: list[_Story] = []
        self.by_category: dict[str, list[int]] = {}
        titles: set[str] = set()
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                title = " ".join(record["title"].split())
                paragraphs = [" ".join(p.split()) for p in record["text"].split("\n")]
                paragraphs = [p for p in paragraphs if len(p.split()) >= 8 and p.casefold() != title.casefold()]
                if not title or not paragraphs or title.casefold() in titles:
                    continue  # the BBC set repeats a few stories: one headline, one story
                titles.add(title.casefold())
                self.by_category.setdefault(record.get("category", ""), []).append(len(self.stories))
                self.stories.append(_Story(title, paragraphs))
        self.category_of = {i: c for c, members in self.by_category.items() for i in members}
        self.sentences = [s for story in self.stories for p in story.paragraphs
                          for s in _SENTENCE_END.split(p) if _quotable(s)]

    def headlines(self) -> list[str]:
        return [story.title for story in self.stories]

    def body(self, rng: random.Random, base: int, words: int) -> list[str]:
        """Paragraphs of story `base` (in order, a few dropped), then of others on the same subject."""
        story = self.stories[base]
        keep = [p for p in story.paragraphs if rng.random() < 0.8] or story.paragraphs[:1]
        chosen, count = [], 0
        for paragraph in keep:
            chosen.append(paragraph)
            count += len(paragraph.split())
            if count >= words * 0.6:
                break
        neighbours = self.by_category[self.category_of[base]]
        while count < words:
            other = self.stories[rng.choice(neighbours)]
            paragraph = rng.choice(other.paragraphs)
            chosen.append(paragraph)
            count += len(paragraph.split())
        return chosen

    def sentence(self, rng: random.Random) -> str:
        return rng.choice(self.sentences)


class _BuiltinProse:
    """Prose from the templates and word lists in this module (no outside text needed)."""

    def headlines(self) -> list[str]:
        return [f"{s} {v}" for s in TITLE_SUBJECTS for v in TITLE_VERBS]

    def body(self, rng: random.Random, base: int, words: int) -> list[str]:
        paragraphs, count = [], 0
        while count < words:
            paragraph = " ".join(self.sentence(rng) for _ in range(rng.randint(2, 5)))
            paragraphs.append(paragraph)
            count += len(paragraph.split())
        return paragraphs

    def sentence(self, rng: random.Random) -> str:
        noun, noun2 = rng.sample(NOUNS, 2)
        plural = rng.choice(PLURALS)
        verb = rng.choice(VERBS)
        text = rng.choice(TEMPLATES).format(
            adj=rng.choice(ADJECTIVES), noun=noun, noun2=noun2, past=rng.choice(VERBS_PAST),
            time=rng.choice(TIMES), Plural=plural.capitalize(), plural=plural, city=rng.choice(CITIES),
            verb=verb, verb_ing=verb.removesuffix("e") + "ing", pct=rng.randint(2, 40),
            year=rng.randint(1995, 2024), money=f"£{rng.randint(2, 900)}m", ordinal=rng.choice(ORDINALS),
            number=f"{rng.randint(2, 90) * 1000:,}",
        )
        return text[0].upper() + text[1:]


def _quotable(sentence: str) -> bool:
    """A sentence that reads as something a person said: plain, complete, 8 to 35 words."""
    return (8 <= len(sentence.split()) <= 35 and sentence.endswith(".")
            and not any(mark in sentence for mark in "\"“”‘’'()"))


def _prose(source: Path | str | None) -> _BBCProse | _BuiltinProse:
    if source == BUILTIN:
        return _BuiltinProse()
    if source is None:
        return _BBCProse(BBC_CORPUS) if BBC_CORPUS.exists() else _BuiltinProse()
    return _BBCProse(Path(source))


def source_key(source: Path | str | None) -> str:
    """What `source` names, as recorded in a corpus folder's marker: BUILTIN or a JSONL file's path."""
    if source == BUILTIN or (source is None and not BBC_CORPUS.exists()):
        return BUILTIN
    return str(Path(source or BBC_CORPUS).resolve())


def article_path(out_dir: Path, number: int) -> Path:
    """Where article `number` lives: sub-folders of PER_FOLDER files."""
    return Path(out_dir) / f"{number // PER_FOLDER:04d}" / f"{number:07d}.txt"


def _title(headlines: list[str], number: int) -> str:
    """A headline no other article number gets: each round through the list adds a place."""
    base = headlines[number % len(headlines)]
    round_ = number // len(headlines)
    if round_ == 0:
        return base
    place, part = (round_ - 1) % len(CITIES), (round_ - 1) // len(CITIES)
    return f"{base} in {CITIES[place]}" + (f", part {part + 1}" if part else "")


def article_date(number: int, seed: int = 0) -> date:
    """Dates from 2000 to 2024, distinct for any 9,000 consecutive article numbers."""
    return _EPOCH + timedelta(days=(number * _DATE_STRIDE + seed * 7919) % _DATE_SPAN)


def _date_line(rng: random.Random, day: date) -> str:
    return rng.choice((f"Published: {day.isoformat()}", f"Published: {day:%B} {day.day}, {day.year}",
                       f"Updated: {day.day} {day:%B} {day.year}"))


def _quote_paragraph(rng: random.Random, prose, speaker: str, first_mention: bool) -> str:
    said = prose.sentence(rng).removesuffix(".")
    surname = speaker.split()[-1]
    role = rng.choice(ROLES)
    cue = rng.choice(CUES)
    if not first_mention:
        return f"\u201c{said},\u201d {surname} {cue}."
    form = rng.randrange(4)
    if form == 0:
        return f"\u201c{said},\u201d {speaker} said."
    if form == 1:
        return f"\u201c{said},\u201d said {speaker}, {role}."
    if form == 2:
        more = prose.sentence(rng)
        return f"{speaker}, {role}, said: \u201c{said}. {more}\u201d"
    return f"\"{said},\" {speaker} {cue}."


class _Writer:
    """Writes article (seed, number) for one seed and one source of prose."""

    def __init__(self, seed: int, source: Path | str | None) -> None:
        self.seed = seed
        self.prose = _prose(source)
        headlines = self.prose.headlines()
        order = list(range(len(headlines)))
        random.Random(f"titles-{seed}").shuffle(order)
        self.order = order
        self.headlines = [headlines[i] for i in order]
        self.speakers = speaker_names(seed)

    def speaker(self, rng: random.Random) -> str:
        # Skewed: a few people are quoted in many articles, most in a handful, as in an archive.
        return self.speakers[int(len(self.speakers) * rng.random() ** 3)]

    def text(self, number: int) -> str:
        rng = random.Random(f"article-{self.seed}-{number}")
        base = self.order[number % len(self.order)]
        title = _title(self.headlines, number)
        paragraphs = self.prose.body(rng, base, int(WORDS * 0.75))
        people = list(dict.fromkeys(self.speaker(rng) for _ in range(rng.randint(2, 3))))
        mentioned: set[str] = set()
        for _ in range(rng.randint(3, 5)):
            who = rng.choice(people)
            quote = _quote_paragraph(rng, self.prose, who, who not in mentioned)
            mentioned.add(who)
            paragraphs.insert(rng.randint(1, len(paragraphs)), quote)
        agency = rng.choice(AGENCIES)
        roll = rng.random()
        if roll < 0.35:
            paragraphs[0] = f"{rng.choice(CITIES).upper()} ({agency}) - {paragraphs[0]}"
        elif roll < 0.5:
            paragraphs[0] = f"{rng.choice(CITIES).upper()} -- {paragraphs[0]}"
        header = [title]
        if rng.random() < 0.3:
            header.append(f"By {self.speaker(rng)}, {agency}")
        header.append(_date_line(rng, article_date(number, self.seed)))
        return "\n\n".join(header + paragraphs) + "\n"

    def write(self, out_dir: Path, number: int) -> None:
        path = article_path(out_dir, number)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.text(number), encoding="utf-8")


def _numbered(out_dir: Path) -> dict[int, Path]:
    return {int(p.stem): p for p in out_dir.glob("[0-9]*/[0-9]*.txt") if p.stem.isdigit()}


def make_corpus(out_dir: Path | str, n: int, *, seed: int = 0, source: Path | str | None = None) -> Path:
    """Write (or bring up to date) a corpus of `n` articles in `out_dir`; returns the folder.

    `source` is a JSON Lines file with `title` and `text` (default: the BBC corpus when it is
    there), or BUILTIN for prose generated from this module's word lists. A folder made by
    an earlier call is reused: only missing articles, articles past `n` and files changed by
    `touch_fraction` are written or removed. A non-empty folder this module did not make is
    refused rather than overwritten.
    """
    out_dir = Path(out_dir)
    marker = out_dir / MARKER
    wanted = {"version": GENERATOR_VERSION, "seed": seed, "source": source_key(source)}
    if marker.exists():
        made = json.loads(marker.read_text(encoding="utf-8"))
        if {k: made.get(k) for k in wanted} != wanted:
            for folder in out_dir.glob("[0-9]*"):
                if folder.is_dir():
                    shutil.rmtree(folder)
            (out_dir / TOUCHED).unlink(missing_ok=True)
    elif out_dir.exists() and any(out_dir.iterdir()):
        raise ValueError(f"{out_dir} is not empty and was not made by bench/corpus.py: refusing to write in it")
    out_dir.mkdir(parents=True, exist_ok=True)
    existing = _numbered(out_dir)
    touched = out_dir / TOUCHED
    redo = {int(Path(line).stem) for line in touched.read_text().split()} if touched.exists() else set()
    missing = [i for i in range(n) if i not in existing or i in redo]
    if missing:
        writer = _Writer(seed, source)
        for number in missing:
            writer.write(out_dir, number)
    for number, path in existing.items():
        if number >= n:
            path.unlink()
    for folder in out_dir.glob("[0-9]*"):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    touched.unlink(missing_ok=True)
    marker.write_text(json.dumps({**wanted, "n": n}) + "\n", encoding="utf-8")
    return out_dir


def touch_fraction(out_dir: Path | str, fraction: float, *, seed: int = 1) -> list[Path]:
    """Rewrite `fraction` of the articles (at least one) with changed text; returns their paths.

    Each chosen article gets a correction paragraph, so its size, content and modification
    time all change, as when a publisher updates a story. The next `make_corpus` on the folder
    puts the original text back.
    """
    out_dir = Path(out_dir)
    files = sorted(_numbered(out_dir).values())
    if not files:
        raise ValueError(f"no generated articles in {out_dir}")
    count = min(len(files), max(1, round(len(files) * fraction)))
    chosen = sorted(random.Random(f"touch-{seed}").sample(files, count))
    with (out_dir / TOUCHED).open("a", encoding="utf-8") as log:
        for path in chosen:
            log.write(path.relative_to(out_dir).as_posix() + "\n")
    for number, path in enumerate(chosen):
        text = path.read_text(encoding="utf-8")
        path.write_text(f"{text}\nCorrection: an earlier version of this article gave the wrong figure "
                        f"for item {seed}-{number}.\n", encoding="utf-8")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--builtin", action="store_true", help="built-in prose even when the BBC corpus is there")
    args = parser.parse_args()
    folder = make_corpus(args.out_dir, args.n, seed=args.seed, source=BUILTIN if args.builtin else None)
    print(f"{args.n} articles in {folder}")


if __name__ == "__main__":
    main()
