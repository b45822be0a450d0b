"""Measure the extraction engine on annotated news: PolNeAR (quotes, speakers) or CoNLL-2003 (entities).

Usage: python bench/extract_eval.py PATH [--limit N] [--json] [--errors N]

The format is detected from the file: JSON lines are PolNeAR, anything else is read as a
CoNLL-2003 IOB file. The data stays outside the repository (../shared/eval/README.md);
this script and its scoring are ours.

PolNeAR scoring (the usual way, as the README describes)
- Gold quoted regions: inside each `direct` or `mixed` attribution, every fragment's text
  between a pair of double quote marks (straight, curly, or '' as the New York Times
  articles write them), without the marks; a fragment
  that opens a mark and never closes it runs to the fragment's end; a `direct` fragment
  with no mark at all is one region. Regions are de-duplicated by offsets.
- Predicted quotes: only those the engine attributes to a speaker.
- A prediction matches a gold region when they overlap by at least half of the shorter.
  Precision = matched predictions / predictions; recall = matched gold regions / gold regions.
- Speaker accuracy, over gold regions that are matched and have a gold speaker: the best
  overlapping prediction's speaker is right when, for the gold speaker text or its
  `speaker_coref_silver` representative, the two names normalised (name_key, then leading
  determiners "the/a/an/another" and possessive "s" tokens dropped) are equal, or one's
  word sequence is a suffix of the other's ("Caddell" ~ "Pat Caddell" ~ "longtime pollster
  Pat Caddell"; "the source" ~ "a Japanese government source"). Leading titles and
  honorifics (the engine's own title list: Mr., Ms., Sen., President...) are dropped from
  both first, since they are not part of a name ("Mr. Sanders" ~ "Bernie Sanders"; before
  round 3 such pairs counted as wrong). A predicted pronoun is
  never right: the engine must resolve it. Gold names are first cut to their head phrase:
  tokeniser brackets (-LRB- ... -RRB-) and anything after the first comma (appositives,
  "Woodrow Benford , 58 , who lives ...") are dropped, except that a name in apposition after
  the first comma is tried too ("Clinton's campaign chairman, John Podesta" is Podesta; before
  session 4 such pairs counted as wrong); the head phrase is also tried cut
  before its first preposition or relative pronoun ("Robert Antonacci of the New York
  delegation" -> "Robert Antonacci", "Sen. Chuck Grassley on Wednesday"), and before "as" or a
  tokeniser's `` mark (silver mentions that run on: "nominee Hillary Clinton as a `` disgrace ''").
  Regions whose gold speaker and silver representative both name nobody (empty, a personal,
  possessive or relative pronoun: "he", "my", "who"; or, in a few annotations, the cue word
  "said" itself) cannot be checked and are counted apart (printed), not scored. Before
  session 3 "my", "who" and "said" counted as names no prediction could match.
- Adjudicated speaker accuracy (printed under the strict one): the silver chain is automatic
  and often wrong for pronouns ("she" -> "a woman who recently went through a tough time"),
  so every dev mention whose gold speaker is a pronoun or a noun phrase (232) was resolved by
  reading (three annotator sessions, AI assistants, not people; each saw only its articles with
  the mentions marked, never the engine's output), from the whole article: the fullest name the article
  gives, else the phrase that introduces the speaker, else "names nobody".
  `polnear_dev_referents.jsonl` holds those answers as offsets into the article (no article
  text). For those mentions the hand referent replaces the silver one; everything else is
  scored as above. The file covers dev only: train is scored strictly.
- A second reading of the same 232 mentions (session 4: three other annotator sessions, AI
  assistants, blind to the first reading, the engine's output and the silver chain),
  `polnear_dev_referents_b.jsonl`, checks the first: the script prints how often the two
  readings name the same speaker (the speaker rule above, either way round) and how often the
  silver chain does, over the mentions where the first reading and silver both name someone,
  then the speaker accuracy against the second reading too.

CoNLL-2003 scoring: per document, the set of distinct (name_key(text), label) pairs,
PER -> PERSON, LOC -> PLACE, ORG -> ORG (MISC is not scored), against the engine's entity
mention texts; precision, recall and F1 per label summed over all documents.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index.extract import default_extractor, name_key  # noqa: E402
from index.extract.lexicon import title_words  # noqa: E402
from index.models import Article, EntityLabel  # noqa: E402

_DETERMINERS = {"the", "a", "an", "another"}
_TITLES = {name_key(title) for title in title_words()}
# personal, possessive and relative pronouns: a gold "my" or "who" names nobody by itself
_PRONOUNS = {"he", "she", "they", "him", "her", "them", "it", "i", "we", "you", "his", "their", "hers",
             "theirs", "its", "me", "my", "us", "our", "your", "who", "whom", "which", "that"}
# a few annotations put the Source span on the cue word itself ("said"): it names nobody either
_CUE_ONLY = {"said", "says", "told", "added", "wrote", "say", "tells", "adds"}
# a mark is a straight or curly double quote, or two straight apostrophes (the New York
# Times articles in PolNeAR write ''Like this,'' he said)
_MARKED = re.compile(r"(?:''|[\"“”])((?:(?!'')[^\"“”])*)(?:''|[\"“”]|$)")


_BRACKETED = re.compile(r"-L[RS]B-.*?(?:-R[RS]B-|$)|\(.*?(?:\)|$)")


def _words(name: str | None) -> list[str]:
    # the head phrase only: annotations carry appositives ("Woodrow Benford , 58 , who ...")
    # and tokeniser brackets ("Sen. Lindsey Graham -LRB- R-SC -RRB-")
    head = _BRACKETED.sub(" ", name or "").split(",")[0]
    words = name_key(head).split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    # titles and honorifics are not part of a name (issue 3): "Mr. Sanders" is "Sanders"
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return [w for w in words if w != "s"]


# cut before a preposition, a relative pronoun, "as" ("nominee Hillary Clinton as a `` disgrace ''"
# is a silver mention run on past its head) or a tokeniser's quote mark
_POSTMODIFIER = re.compile(r"\s(?:(?:of|on|at|from|for|in|who|whose|which|with|as)\s|``).*$", re.IGNORECASE)


def _appositive_name(gold: str | None) -> str:
    """The name after a role's first comma ("a spokesman, Tom Hill ,": "Tom Hill"), when that
    part is capitalised words only; else ""."""
    parts = _BRACKETED.sub(" ", gold or "").split(",")
    if len(parts) < 2:
        return ""
    words = parts[1].split()
    return parts[1] if words and all(w[:1].isupper() or w[:1] == "." for w in words) else ""


def _names_nobody(words: list[str]) -> bool:
    return not words or (len(words) == 1 and (words[0] in _PRONOUNS or words[0] in _CUE_ONLY))


def speaker_matches(predicted: str | None, gold: list[str | None]) -> bool:
    """The rule in the module docstring: equal, or one a word-suffix of the other; never a pronoun."""
    pred = _words(predicted)
    if _names_nobody(pred):
        return False
    references = [_words(c) for c in gold] + [_words(_POSTMODIFIER.sub("", c or "")) for c in gold]
    # a role with the name in apposition: "Clinton's campaign chairman, John Podesta" is Podesta
    references += [_words(_appositive_name(c)) for c in gold]
    for ref in references:
        if _names_nobody(ref):
            continue
        shorter, longer = sorted((pred, ref), key=len)
        if longer[len(longer) - len(shorter) :] == shorter:
            return True
    return False


def speaker_type(gold: str | None) -> str:
    """How the gold speaker is written: "pronoun" (he, they), "name" (a head phrase ending in a
    capitalised word: "Sen. Chuck Grassley") or "noun phrase" ("the source", "a spokesman for X")."""
    words = _words(gold)
    if len(words) == 1 and words[0] in _PRONOUNS:
        return "pronoun"
    head = _BRACKETED.sub(" ", _POSTMODIFIER.sub("", gold or "")).split(",")[0].split()
    while head and head[0].casefold() in _DETERMINERS:
        head = head[1:]
    return "name" if head and head[-1][:1].isupper() else "noun phrase"


def gold_regions(doc: dict, referents: dict | None = None) -> list[tuple[int, int, list[str | None]]]:
    """Quoted regions of the direct and mixed attributions: (start, end, [speaker, silver]).

    With `referents` (`load_referents`), a speaker mention resolved by hand gets its hand
    referent in place of the silver one; a mention found to name nobody gets [None, None]."""
    text = doc["text"]
    regions: dict[tuple[int, int], list[str | None]] = {}
    for quote in doc["quotes"]:
        if quote["type"] not in ("direct", "mixed"):
            continue
        speakers = [quote.get("speaker"), quote.get("speaker_coref_silver")]
        mention = (doc["id"], quote.get("speaker_start"), quote.get("speaker_end"))
        if referents is not None and mention in referents:
            referent = referents[mention]
            speakers = [quote.get("speaker"), referent] if referent is not None else [None, None]
        for start, end in quote["fragments"]:
            fragment = text[start:end]
            found = False
            for match in _MARKED.finditer(fragment):
                s, e = match.span(1)
                inner = match.group(1)
                s += len(inner) - len(inner.lstrip())
                e -= len(inner) - len(inner.rstrip())
                if e > s:
                    regions.setdefault((start + s, start + e), speakers)
                    found = True
            if not found and quote["type"] == "direct":
                stripped = fragment.strip()
                if stripped:
                    s = start + fragment.index(stripped)
                    regions.setdefault((s, s + len(stripped)), speakers)
    return [(s, e, spk) for (s, e), spk in sorted(regions.items())]


REFERENTS = Path(__file__).with_name("polnear_dev_referents.jsonl")
SECOND_READING = Path(__file__).with_name("polnear_dev_referents_b.jsonl")


def load_referents(path: Path, documents: Path) -> dict[tuple[str, int, int], str | None]:
    """Hand-resolved speakers: (document id, speaker start, speaker end) -> referent or None.

    The file holds no article text: a referent that the article spells out is stored as
    offsets into it (`referent_span`) and read from `documents`; only the few written by
    the annotator in other words ("Richard Nixon and Ronald Reagan") are stored as text.
    None means the gold Source span names nobody (it is the cue word "said")."""
    texts = {}
    with documents.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            texts[doc["id"]] = doc["text"]
    referents: dict[tuple[str, int, int], str | None] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if record["id"] not in texts:
                continue
            if "referent_span" in record:
                start, end = record["referent_span"]
                referent = texts[record["id"]][start:end]
            else:
                referent = record["referent"]
            referents[(record["id"], record["speaker_start"], record["speaker_end"])] = referent
    return referents


def _same_speaker(a: str | None, b: str | None) -> bool:
    """Two readings name the same speaker: both nobody, or the speaker rule either way round."""
    if _names_nobody(_words(a)) or _names_nobody(_words(b)):
        return _names_nobody(_words(a)) and _names_nobody(_words(b))
    return speaker_matches(a, [b]) or speaker_matches(b, [a])


def reading_agreement(first: dict, second: dict, documents: Path) -> dict:
    """How often the second reading, and PolNeAR's silver chain, name the speaker the first
    reading names (module docstring)."""
    silver: dict[tuple[str, int, int], str | None] = {}
    with documents.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            for quote in doc["quotes"]:
                silver[(doc["id"], quote["speaker_start"], quote["speaker_end"])] = quote.get("speaker_coref_silver")
    both = [key for key in first if key in second]
    named = [key for key in both if not _names_nobody(_words(first[key])) and not _names_nobody(_words(silver.get(key)))]
    return {
        "mentions": len(both),
        "readings_agree": sum(_same_speaker(first[key], second[key]) for key in both),
        "silver_named": len(named),
        "silver_agrees": sum(_same_speaker(first[key], silver[key]) for key in named),
    }


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _matches(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shorter = min(a[1] - a[0], b[1] - b[0])
    return shorter > 0 and _overlap(a, b) * 2 >= shorter


class _SpeakerScore:
    """Speaker accuracy over matched regions, overall and by how the gold speaker is written."""

    def __init__(self) -> None:
        self.scored = self.right = self.unverifiable = 0
        self.by_type = {kind: [0, 0] for kind in ("name", "pronoun", "noun phrase")}  # [right, scored]

    def add(self, predicted: str | None, gold: list[str | None]) -> bool | None:
        """Score one region; None when its gold names nobody (counted apart)."""
        if all(_names_nobody(_words(g)) for g in gold):
            self.unverifiable += 1
            return None
        kind = self.by_type[speaker_type(gold[0])]
        self.scored += 1
        kind[1] += 1
        right = speaker_matches(predicted, gold)
        self.right += right
        kind[0] += right
        return right

    def report(self) -> dict:
        return {
            "speaker_accuracy": round(self.right / self.scored, 4) if self.scored else 0.0,
            "speaker_scored": self.scored,
            "speaker_unverifiable": self.unverifiable,
            "speaker_by_type": {
                kind: {"accuracy": round(right / scored, 4) if scored else 0.0, "scored": scored}
                for kind, (right, scored) in self.by_type.items()
            },
        }


def eval_polnear(path: Path, limit: int | None, errors: int, referents: Path | None = None,
                 second_reading: Path | None = None) -> dict:
    """Quote and speaker scores; with `referents`, also the speaker score against hand-resolved
    pronoun and noun-phrase speakers ("adjudicated"), where error lines then come from; with
    `second_reading` too, the agreement of the readings and the score against the second."""
    engine = default_extractor()
    hand = load_referents(referents, path) if referents is not None else None
    hand_b = load_referents(second_reading, path) if hand is not None and second_reading is not None else None
    n_pred = n_pred_matched = n_gold = n_gold_matched = docs = 0
    strict, adjudicated, adjudicated_b = _SpeakerScore(), _SpeakerScore(), _SpeakerScore()
    seconds = 0.0
    shown = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and docs >= limit:
                break
            doc = json.loads(line)
            docs += 1
            text = doc["text"]
            article = Article(id=doc["id"], path=doc["id"], title=text.split("\n", 1)[0], body=text)
            began = time.perf_counter()
            result = engine.extract(article)
            seconds += time.perf_counter() - began
            predicted = [q for q in result.quotes if q.speaker]
            regions = gold_regions(doc)
            # the same regions in the same order, only the speakers differ
            resolved = gold_regions(doc, hand) if hand is not None else regions
            resolved_b = gold_regions(doc, hand_b) if hand_b is not None else regions
            n_pred += len(predicted)
            n_gold += len(regions)
            spans = [(q.span.start, q.span.end) for q in predicted]
            n_pred_matched += sum(1 for s in spans if any(_matches(s, (g[0], g[1])) for g in regions))
            for (start, end, gold), (_, _, gold_hand), (_, _, gold_b) in zip(regions, resolved, resolved_b):
                candidates = [q for q, s in zip(predicted, spans) if _matches(s, (start, end))]
                if not candidates:
                    if errors and shown < errors:
                        shown += 1
                        near = [(q.text[:30], q.speaker) for q in result.quotes
                                if _matches((q.span.start, q.span.end), (start, end))]
                        print(f"MISS  {text[start:end][:70]!r}  gold={gold}  any={near}")
                    continue
                n_gold_matched += 1
                best = max(candidates, key=lambda q: _overlap((q.span.start, q.span.end), (start, end)))
                right = strict.add(best.speaker, gold)
                if hand_b is not None:
                    adjudicated_b.add(best.speaker, gold_b)
                if hand is not None:
                    right = adjudicated.add(best.speaker, gold_hand)
                if right is False and errors and shown < errors:
                    shown += 1
                    print(f"SPKR  {text[start:end][:50]!r}  pred={best.speaker!r}  gold={gold_hand}")
            if errors and shown < errors:
                for q, s in zip(predicted, spans):
                    if not any(_matches(s, (g[0], g[1])) for g in regions) and shown < errors:
                        shown += 1
                        print(f"FALSE {q.text[:70]!r}  pred={q.speaker!r}")
    precision = n_pred_matched / n_pred if n_pred else 0.0
    recall = n_gold_matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    report = {
        "format": "polnear",
        "documents": docs,
        "quote_precision": round(precision, 4),
        "quote_recall": round(recall, 4),
        "quote_f1": round(f1, 4),
        "predicted_quotes": n_pred,
        "gold_regions": n_gold,
        **strict.report(),
        "docs_per_second": round(docs / seconds, 1) if seconds else None,
    }
    if hand is not None:
        report["adjudicated"] = {"referents": len(hand), **adjudicated.report()}
    if hand is not None and hand_b is not None:
        report["second_reading"] = {**reading_agreement(hand, hand_b, path), **adjudicated_b.report()}
    return report


_CONLL_LABELS = {"PER": EntityLabel.PERSON, "LOC": EntityLabel.PLACE, "ORG": EntityLabel.ORG}


def _conll_documents(path: Path):
    """(text, gold set) per document: sentences one a line, tokens joined by spaces."""
    lines: list[str] = []
    tokens: list[str] = []
    gold: set[tuple[str, EntityLabel]] = set()
    current: list[str] = []
    current_type: str | None = None

    def close_entity() -> None:
        nonlocal current, current_type
        if current and current_type in _CONLL_LABELS:
            gold.add((name_key(" ".join(current)), _CONLL_LABELS[current_type]))
        current, current_type = [], None

    def close_sentence() -> None:
        nonlocal tokens
        close_entity()
        if tokens:
            lines.append(" ".join(tokens))
        tokens = []

    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            parts = raw.split()
            if not parts:
                close_sentence()
                continue
            if parts[0] == "-DOCSTART-":
                close_sentence()
                if lines:
                    yield "\n".join(lines), gold
                lines, gold = [], set()
                continue
            token, tag = parts[0], parts[-1]
            tokens.append(token)
            if tag == "O":
                close_entity()
                continue
            prefix, kind = tag.split("-", 1)
            if prefix == "B" or kind != current_type:
                close_entity()
                current_type = kind
            current.append(token)
    close_sentence()
    if lines:
        yield "\n".join(lines), gold


def eval_conll(path: Path, limit: int | None, errors: int) -> dict:
    engine = default_extractor()
    tp: Counter[EntityLabel] = Counter()
    fp: Counter[EntityLabel] = Counter()
    fn: Counter[EntityLabel] = Counter()
    docs = 0
    shown = 0
    for text, gold in _conll_documents(path):
        if limit is not None and docs >= limit:
            break
        docs += 1
        result = engine.extract(Article(id=str(docs), path=str(docs), title=text.split("\n", 1)[0], body=text))
        predicted = {
            (name_key(e.text), e.label) for e in result.entities if e.label in _CONLL_LABELS.values()
        }
        for label in _CONLL_LABELS.values():
            p = {k for k, lab in predicted if lab is label}
            g = {k for k, lab in gold if lab is label}
            tp[label] += len(p & g)
            fp[label] += len(p - g)
            fn[label] += len(g - p)
            if errors and shown < errors:
                for k in sorted(p - g):
                    shown += 1
                    print(f"FP {label.value:6} {k!r}  (gold: {[lab.value for kk, lab in gold if kk == k]})")
                for k in sorted(g - p):
                    shown += 1
                    print(f"FN {label.value:6} {k!r}  (pred: {[lab.value for kk, lab in predicted if kk == k]})")
    report: dict = {"format": "conll2003", "documents": docs}
    for label in _CONLL_LABELS.values():
        precision = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        recall = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        report[label.value] = {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--errors", type=int, default=0, help="print up to N misses and mistakes (for tuning)")
    parser.add_argument("--referents", type=Path, default=REFERENTS,
                        help="hand-resolved speakers to score against as well (default: %(default)s; "
                             "used when it covers the file's documents)")
    parser.add_argument("--second-reading", type=Path, default=SECOND_READING,
                        help="a second, independent reading of the same mentions, to check the first "
                             "(default: %(default)s)")
    args = parser.parse_args(argv)
    with args.path.open(encoding="utf-8") as handle:
        first = handle.readline().lstrip()
    if first.startswith("{"):
        referents = args.referents if args.referents and args.referents.is_file() else None
        second = args.second_reading if args.second_reading and args.second_reading.is_file() else None
        report = eval_polnear(args.path, args.limit, args.errors, referents, second)
    else:
        report = eval_conll(args.path, args.limit, args.errors)
    if args.json:
        print(json.dumps(report))
    elif report["format"] == "polnear":
        print(f"PolNeAR {args.path.name}: {report['documents']} documents")
        print(f"  quotes   P {report['quote_precision']:.3f}  R {report['quote_recall']:.3f}  F1 {report['quote_f1']:.3f}"
              f"  ({report['predicted_quotes']} predicted with a speaker, {report['gold_regions']} gold regions)")
        print(f"  speakers accuracy {report['speaker_accuracy']:.3f} over {report['speaker_scored']} matched quotes"
              f" ({report['speaker_unverifiable']} more have a gold speaker that names nobody, e.g. only a pronoun, and are not scored)")
        print("  speakers by how the gold speaker is written: " + ", ".join(
            f"{kind} {r['accuracy']:.3f} ({r['scored']})" for kind, r in report["speaker_by_type"].items()))
        hand = report.get("adjudicated")
        if hand and hand["referents"]:
            print(f"  adjudicated (pronoun and noun-phrase speakers resolved by reading, {hand['referents']} mentions):"
                  f" accuracy {hand['speaker_accuracy']:.3f} over {hand['speaker_scored']}"
                  f" ({hand['speaker_unverifiable']} name nobody); " + ", ".join(
                      f"{kind} {r['accuracy']:.3f} ({r['scored']})" for kind, r in hand["speaker_by_type"].items()))
        second = report.get("second_reading")
        if second and second["mentions"]:
            print(f"  second reading of the same mentions: agrees with the first on {second['readings_agree']}"
                  f" of {second['mentions']}; the silver chain agrees with the first on {second['silver_agrees']}"
                  f" of {second['silver_named']} it resolves to someone")
            print(f"  against the second reading: accuracy {second['speaker_accuracy']:.3f} over"
                  f" {second['speaker_scored']}; " + ", ".join(
                      f"{kind} {r['accuracy']:.3f} ({r['scored']})" for kind, r in second["speaker_by_type"].items()))
    else:
        print(f"CoNLL-2003 {args.path.name}: {report['documents']} documents (distinct names per document)")
        for label in ("PERSON", "PLACE", "ORG"):
            r = report[label]
            print(f"  {label:6}  P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
