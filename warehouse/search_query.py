"""Search query syntax, fts-compatible tokenising and highlighted snippets.

Pure functions, no database: :mod:`warehouse.search` does the I/O.

Syntax: words are required (AND) unless the query contains ``OR`` (then any
word may match, ranked by BM25); ``"quoted phrases"`` must appear as written
(punctuation and case ignored); ``-word`` and ``-"a phrase"`` exclude.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from pressroom.errors import ConfigError

# The fts extension's own tokenizer (see fts_main_*.tokenize): lower-case,
# accents stripped, these characters act as separators. Mirrored here so the
# not-yet-indexed tail is tokenised exactly like the index.
_SEPARATORS = re.compile(r"[0-9!@#$%^&*()_+={}\[\]:;<>,.?~\\/|'\"`-]+")
_QUERY_PART = re.compile(r'(-?)"([^"]*)"|(\S+)')
SNIPPET_WIDTH = 180
MARK = ("**", "**")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A search string taken apart."""

    words: tuple[str, ...]
    phrases: tuple[str, ...]
    excluded: tuple[str, ...]
    any_word: bool = False

    @property
    def positive_words(self) -> tuple[str, ...]:
        """Every token that contributes to ranking: loose words and phrase words."""
        out: list[str] = list(self.words)
        for phrase in self.phrases:
            out.extend(tokenize(phrase))
        return tuple(dict.fromkeys(out))


def strip_accents(text: str) -> str:
    """Remove combining marks after NFKD decomposition ("café" → "cafe")."""
    if text.isascii():
        return text  # nothing to strip; skips a per-character Python loop
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tokenize(text: str) -> list[str]:
    """Tokens as the fts extension produces them (before stemming and stop words)."""
    cleaned = _SEPARATORS.sub(" ", strip_accents(text.lower()))
    return [t for t in cleaned.split() if t]


def parse_query(text: str) -> ParsedQuery:
    """Split ``text`` into required words, phrases and exclusions.

    Raises ConfigError when nothing positive is left to search for.
    """
    words: list[str] = []
    phrases: list[str] = []
    excluded: list[str] = []
    any_word = False
    for match in _QUERY_PART.finditer(text):
        negate, quoted, bare = match.group(1), match.group(2), match.group(3)
        if quoted is not None:
            tokens = tokenize(quoted)
            if not tokens:
                continue
            phrase = " ".join(tokens)
            (excluded if negate else phrases).append(phrase)
            continue
        if bare == "OR":
            any_word = True
            continue
        if bare == "AND":
            continue
        negated = bare.startswith("-") and len(bare) > 1
        tokens = tokenize(bare[1:] if negated else bare)
        if negated:
            excluded.extend(tokens)
        else:
            words.extend(tokens)
    parsed = ParsedQuery(tuple(dict.fromkeys(words)), tuple(dict.fromkeys(phrases)),
                         tuple(dict.fromkeys(excluded)), any_word)
    if not parsed.positive_words:
        raise ConfigError(f"search query {text!r} has no words to search for")
    return parsed


def normalized(text: str) -> str:
    """Token stream as one padded string, for phrase containment tests."""
    return " " + " ".join(tokenize(text)) + " "


def passes_filters(parsed: ParsedQuery, title: str, body: str) -> bool:
    """True if the text has every phrase and none of the excluded words or phrases."""
    if not parsed.phrases and not parsed.excluded:
        return True
    doc = normalized(f"{title}\n{body}")
    if any(f" {p} " not in doc for p in parsed.phrases):
        return False
    return not any(f" {x} " in doc for x in parsed.excluded)


def common_prefix(word: str, stem: str) -> str:
    """Longest shared prefix: a substring every inflection of ``word`` still contains."""
    n = 0
    for a, b in zip(word, stem, strict=False):
        if a != b:
            break
        n += 1
    return word[:n] if n else word


def snippet(
    text: str, words: tuple[str, ...] | list[str], width: int = SNIPPET_WIDTH,
    mark: tuple[str, str] = MARK,
) -> str:
    """About ``width`` characters of ``text`` around the first hit, hits wrapped in ``mark``.

    ``words`` are prefixes (stems or words); matching is case- and
    accent-insensitive at word starts.
    """
    flat = " ".join(text.split())
    if not flat:
        return ""
    folded = strip_accents(flat.lower())
    # Accent stripping can change lengths (rare ligatures); fall back to plain lower().
    if len(folded) != len(flat):
        folded = flat.lower()
    prefixes = sorted({w for w in words if w}, key=len, reverse=True)
    pattern = (
        re.compile(r"\b(?:" + "|".join(re.escape(p) for p in prefixes) + r")\w*")
        if prefixes else None
    )
    first = pattern.search(folded) if pattern else None
    start = 0 if first is None else max(0, first.start() - width // 3)
    if start:
        space = flat.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 30 else start
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.find(" ", end)
        end = space if 0 <= space - end < 30 else end
    pieces: list[str] = ["…" if start else ""]
    cursor = start
    for hit in pattern.finditer(folded, start, end) if pattern else ():
        pieces.append(flat[cursor:hit.start()])
        pieces.append(mark[0] + flat[hit.start():min(hit.end(), end)] + mark[1])
        cursor = min(hit.end(), end)
    pieces.append(flat[cursor:end])
    pieces.append("…" if end < len(flat) else "")
    return "".join(pieces)
