"""What one search looks for: its stems and prefixes, its filters, and the hits it builds.

Shared by the two halves of a search: :mod:`warehouse.search_ranked` (the
index) and :mod:`warehouse.search_tail` (rows written since the index).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import duckdb

from warehouse.search_query import ParsedQuery, common_prefix, snippet


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result."""

    score: float
    published_at: datetime | None
    source: str
    title: str
    snippet: str
    url: str
    article_id: str
    version: int
    indexed: bool
    story_id: str | None = None  # with collapse: the hit's story
    copies: int | None = None  # with collapse: the story's articles in the warehouse
    n_sources: int | None = None  # with collapse: the sources that carried them


@dataclass(frozen=True, slots=True)
class Filters:
    """``--source``, ``--since`` and ``--until``."""

    source: str | None
    since: datetime | None
    until: datetime | None

    def sql(self, alias: str) -> tuple[str, dict[str, Any]]:
        """AND-ed conditions for the filters that are set, and their bound values.

        Only set filters appear: every bound parameter costs DuckDB's Python
        client a failed ``import pandas`` (~0.25 ms) when pandas is absent.
        """
        clauses: list[str] = []
        params: dict[str, Any] = {}
        if self.source is not None:
            clauses.append(f"{alias}source = $source")
            params["source"] = self.source
        if self.since is not None:
            clauses.append(f"{alias}published_at >= $since")
            params["since"] = self.since
        if self.until is not None:
            clauses.append(f"{alias}published_at < $until")
            params["until"] = self.until
        return "".join(f" AND {c}" for c in clauses), params

    @property
    def any(self) -> bool:
        """True if any filter is set."""
        return self.source is not None or self.since is not None or self.until is not None


class Stemmer:
    """Porter stems computed by the fts extension itself, remembered by one session.

    Each lookup is a query (~1-5 ms, far more on a loaded machine); a session
    asked the same words again answers from memory, up to ``cap`` words.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, cap: int = 100_000) -> None:
        self.con = con
        self.cap = cap
        self.known: dict[str, str] = {}

    def __call__(self, words: Sequence[str]) -> dict[str, str]:
        """The stem of each of ``words``."""
        missing = [w for w in dict.fromkeys(words) if w not in self.known]
        if missing:
            if len(self.known) + len(missing) > self.cap:
                self.known.clear()
            rows = self.con.execute(
                "SELECT w, stem(w, 'porter') FROM unnest($words::VARCHAR[]) AS u(w)",
                {"words": missing},
            ).fetchall()
            self.known.update({str(w): str(s) for w, s in rows})
        return {w: self.known[w] for w in words}


class Terms:
    """The query's stems (stop words dropped: the index has none), their prefixes
    for the tail's substring prefilter and the snippets, and how many must match."""

    def __init__(self, stemmer: Stemmer, parsed: ParsedQuery,
                 stopwords: frozenset[str]) -> None:
        self.parsed = parsed
        self.stopwords = stopwords
        self.stemmer = stemmer
        words = list(parsed.positive_words)
        stems = stemmer(words)
        # Stop words are not in the index, so requiring them would match nothing.
        self.stems = list(dict.fromkeys(stems[w] for w in words if w not in stopwords))
        self.prefixes = [common_prefix(w, stems[w]) for w in words if w not in stopwords]
        self.required = 1 if parsed.any_word else len(self.stems)

    def hit(self, score: float, row: Sequence[Any], *, indexed: bool) -> Hit:
        """A hit from (article_id, version, source, url, title, body, published_at)."""
        article_id, version, source, url, title, body, published = row[:7]
        words = self.prefixes or list(self.parsed.positive_words)
        return Hit(score=round(score, 4), published_at=published, source=str(source),
                   title=str(title), snippet=snippet(str(body), words), url=str(url),
                   article_id=str(article_id), version=int(version), indexed=indexed)
