"""Deterministic synthetic press releases for the warehouse benchmark and tests.

Bodies are drawn from a fixed pool of generated sentences so 1M articles of
3–4 KB can be produced in seconds; a few topical phrases ("human
trafficking", "dairy exports", ...) recur at known rates so searches have
realistic hit counts.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from parsers.article import Article

SOURCES = ("belta", "un_press", "mfa_by", "reuters_wire", "gov_portal")
TOPICS = (
    "human trafficking",
    "dairy exports",
    "ice hockey",
    "rare books",
    "education cooperation",
    "climate resolution",
    "border security",
    "energy prices",
)
_SYLLABLES = ("ka", "lo", "mi", "ne", "tor", "vas", "zen", "ri", "pol", "dam", "sel", "ur", "bin")
_COMMON = (
    "the", "of", "and", "to", "in", "a", "for", "on", "with", "by", "that", "was", "is", "as",
    "at", "from", "its", "has", "have", "be", "are", "this", "which", "will", "said", "were",
    "their", "also", "an", "after", "been", "more", "than", "other", "new",
)
START = datetime(2019, 1, 1, 8, 0, tzinfo=UTC)


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    words = {
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) for _ in range(size)
    }
    return sorted(words)


def _sentence_pool(rng: random.Random, vocab: list[str], n: int = 4000) -> list[str]:
    """Sentences of 12–28 words, Zipf-ish: common words dominate, rare ones recur little."""
    pool: list[str] = []
    for i in range(n):
        words: list[str] = []
        for _ in range(rng.randint(12, 28)):
            if rng.random() < 0.45:
                words.append(rng.choice(_COMMON))
            else:
                # Squaring the uniform draw skews towards the head of the list.
                words.append(vocab[int(len(vocab) * rng.random() ** 2)])
        if i % 50 == 0:
            words[rng.randrange(len(words))] = TOPICS[(i // 50) % len(TOPICS)]
        text = " ".join(words)
        pool.append(text[0].upper() + text[1:] + ".")
    return pool


class SyntheticCorpus:
    """Reproducible articles: same seed, same articles, same ids."""

    def __init__(self, seed: int = 5, days: int = 2500) -> None:
        self._seed = seed
        self._days = days
        rng = random.Random(seed)
        self._vocab = _vocabulary(rng)
        self._pool = _sentence_pool(rng, self._vocab)

    def article(self, n: int, rng: random.Random) -> Article:
        """Article number ``n`` (about 3–4 KB of body text in paragraphs)."""
        source = SOURCES[n % len(SOURCES)]
        paragraphs: list[str] = []
        size = 0
        target = rng.randint(3000, 4000)
        while size < target:
            para = " ".join(rng.choices(self._pool, k=4))
            paragraphs.append(para)
            size += len(para) + 2
        body = "\n\n".join(paragraphs)[:target]
        topic = TOPICS[n % len(TOPICS)] if n % 7 == 0 else rng.choice(self._vocab)
        title = f"{topic.capitalize()}: {' '.join(rng.choices(self._vocab, k=6))} {n}"
        url = f"https://{source}.example/news/{n}"
        published = START + timedelta(
            days=n % self._days, minutes=(n * 37) % 1440
        )
        return Article(url=url, canonical_url=url, title=title, body=body,
                       published_at=published, language="en", source=source,
                       authors=("Press Office",), tags=("synthetic",))

    def sentences(self) -> list[str]:
        """The sentence pool bodies are drawn from."""
        return list(self._pool)

    def articles(self, start: int, count: int) -> Iterator[Article]:
        """Articles ``start`` … ``start + count - 1``, reproducibly."""
        rng = random.Random(self._seed * 1_000_003 + start)
        for n in range(start, start + count):
            yield self.article(n, rng)
