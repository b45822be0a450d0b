"""Extraction speed: articles per second on ~600-word news articles, and one 1 MB article.

Usage: python bench/extract_speed.py [--articles N]

Articles come from the BBC corpus in ../shared/corpus/bbc_news_2225.jsonl (consecutive
articles joined until each reaches ~600 words); without that folder they are built from
the bundled seed articles. The 1 MB article repeats the same text: its time per MB
against the 600-word rate shows whether extraction stays linear in length.
Target (issue 3): at least 800 articles/s on one core.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from index.extract import default_extractor  # noqa: E402
from index.models import Article  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus" / "bbc_news_2225.jsonl"
WORDS = 600


def _texts() -> list[str]:
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as handle:
            return [json.loads(line)["text"] for line in handle]
    return [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]


def _articles(count: int) -> list[Article]:
    """Paragraphs of consecutive articles gathered until each article has ~600 words."""
    paragraphs = [p.strip() for text in _texts() for p in text.split("\n") if p.strip()]
    articles: list[Article] = []
    parts: list[str] = []
    words = 0
    i = 0
    while len(articles) < count:
        paragraph = paragraphs[i % len(paragraphs)]
        i += 1
        parts.append(paragraph)
        words += len(paragraph.split())
        if words >= WORDS:
            body = "\n\n".join(parts)
            articles.append(Article(id=str(len(articles)), path="bench", title="bench", body=body))
            parts, words = [], 0
    return articles


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    engine = default_extractor()
    articles = _articles(args.articles)
    engine.extract(articles[0])  # word lists load once, outside the timing
    mean_words = sum(len(a.body.split()) for a in articles) / len(articles)

    rounds = []
    for _ in range(3):  # best of three: other processes on the machine only ever slow a round down
        began = time.perf_counter()
        for article in articles:
            engine.extract(article)
        rounds.append(time.perf_counter() - began)
    elapsed = min(rounds)
    rate = len(articles) / elapsed
    print(f"{len(articles)} articles of {mean_words:.0f} words: {rate:.0f} articles/s "
          f"({1000 * elapsed / len(articles):.2f} ms each, one core)")

    sample = "\n\n".join(a.body for a in articles[:50])
    big = (sample * (1_000_000 // len(sample) + 1))[:1_000_000]
    big_article = Article(id="big", path="bench", title="big", body=big)
    began = time.perf_counter()
    result = engine.extract(big_article)
    big_seconds = time.perf_counter() - began
    per_mb_small = elapsed / sum(len(a.body) for a in articles) * 1_000_000
    print(f"1 MB article: {big_seconds:.2f} s ({len(result.quotes)} quotes, {len(result.entities)} entities); "
          f"the 600-word articles take {per_mb_small:.2f} s per MB, so the ratio is {big_seconds / per_mb_small:.2f} "
          f"(about 1 means linear)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
