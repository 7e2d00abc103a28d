"""Field metrics shared by the extraction benchmark and the golden tests.

Body: the scrapinghub article-extraction-benchmark metric used by WCXB (word
4-gram shingles; per-page precision and recall, averaged over pages).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime

TOKEN_RE = re.compile(r"\w+")
FOLD_RE = re.compile(r"[\W_]+")
SHINGLE = 4
# Splits a ground-truth or extracted author string into names. A lower-case "with" joins
# two names as "and" does (a38: the extra set's truth "Dieter Hogen with Uta Pippig",
# printed "By Dieter Hogen with Uta Pippig", is two people); a surname "With" stays.
NAME_SPLIT_RE = re.compile(r"\s*(?:,|;|&|\band\b|\b(?-i:with)\b)\s*", re.IGNORECASE)
# Tokens after a comma that are credentials, not people: "MS", "RD", "Ph.D.", "E-RYT 200".
CREDENTIAL_RE = re.compile(r"^(?:[A-Z][A-Z.\-]{0,7}(?:\s*\d+)?|Ph\.?\s?D\.?|Jr\.?|Sr\.?)$")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Multiset of word 4-grams of ``text`` (shorter texts give one shorter shingle)."""
    tokens = TOKEN_RE.findall(text)
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def body_precision_recall(predicted: str, gold: str) -> tuple[float, float]:
    """Per-page shingle precision and recall, scrapinghub's ``evaluate.py`` conventions.

    Both are 1 when both texts are empty. An empty prediction of a non-empty truth has
    precision 0 (not 1: an extractor that gives up must not raise mean precision), and a
    prediction where the truth is empty has recall 0.
    """
    pred, ref = shingles(predicted), shingles(gold)
    tp = sum((pred & ref).values())
    fp = sum(pred.values()) - tp
    fn = sum(ref.values()) - tp
    if fp == fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def f1_of_means(pairs: Iterable[tuple[float, float]]) -> tuple[float, float, float]:
    """(F1, mean precision, mean recall): F1 is the harmonic mean of the two means."""
    values = list(pairs)
    if not values:
        return 0.0, 0.0, 0.0
    precision = sum(p for p, _ in values) / len(values)
    recall = sum(r for _, r in values) / len(values)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def fold(text: str | None) -> str:
    """Case, punctuation and space folded (for title comparison)."""
    return FOLD_RE.sub("", (text or "").casefold())


def title_matches(predicted: str | None, gold: str | None) -> bool:
    """Exact title match after folding case, punctuation and spaces."""
    return bool(gold) and fold(predicted) == fold(gold)


def date_matches(predicted: datetime | date | str | None, gold: str | None) -> bool:
    """Same calendar day as printed (an aware datetime is read in its own offset)."""
    if not gold or predicted is None:
        return False
    if isinstance(predicted, datetime):
        predicted = predicted.date()
    return str(predicted)[:10] == gold[:10]


def author_names(text: str) -> frozenset[str]:
    """Folded person names in an author string, credentials dropped."""
    names = []
    for index, part in enumerate(NAME_SPLIT_RE.split(text)):
        part = part.strip()
        if not part or (index > 0 and CREDENTIAL_RE.match(part)):
            continue
        names.append(fold(part))
    return frozenset(n for n in names if n)


def authors_match(predicted: Iterable[str] | str | None, gold: str | None) -> bool:
    """Exact author match: same folded string, or the same set of names."""
    if not gold or not predicted:
        return False
    joined = predicted if isinstance(predicted, str) else ", ".join(predicted)
    return fold(joined) == fold(gold) or author_names(joined) == author_names(gold)


MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)


def date_printed_in(html: str, gold: str) -> bool:
    """Whether ``gold`` (YYYY-MM-DD) appears in ``html`` in any common spelling.

    An upper bound for any extractor that reads the page: a ground-truth date
    the page neither prints nor declares cannot be extracted from it.
    """
    parts = gold[:10].split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return False
    y, m, d = parts
    month, day = int(m), int(d)
    name = MONTH_NAMES[month - 1][:3]
    spellings = (
        rf"{y}-{m}-{d}", rf"{y}/{m}/{d}", rf"{y}{m}{d}",
        rf"{name}[a-z]*\.?\s+0?{day}(?:st|nd|rd|th)?,?\s+{y}",
        rf"\b0?{day}(?:st|nd|rd|th)?\s+{name}[a-z]*\.?,?\s+{y}",
        rf"\b0?{day}[./]0?{month}[./]{y}", rf"\b0?{month}/0?{day}/{y}",
    )
    return any(re.search(pattern, html, re.IGNORECASE) for pattern in spellings)

