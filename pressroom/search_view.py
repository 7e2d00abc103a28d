"""``search`` as a table that fits 100 columns: the hits' titles in the table, each
hit's URL and snippet below it, cut to the width unless ``--verbose``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pressroom.status_view import WIDTH, fit_last_column, with_notes
from warehouse.format import clip, display_width, printable
from warehouse.search_query import MARK
from warehouse.search_terms import Hit

INDENT = "   "


def render_hits(hits: Sequence[Hit], *, collapse: bool, verbose: bool = False,
                width: int = WIDTH) -> str:
    """The hits' table; with ``collapse``, each hit's story: copies, sources and id."""
    head = ["#", "score", "published", "source"] + (["copies", "n_sources"] if collapse else [])
    rows: list[tuple[Any, ...]] = [
        (n, h.score, h.published_at.date() if h.published_at else None, clip(h.source, 16),
         *((h.copies, h.n_sources) if collapse else ()))
        for n, h in enumerate(hits, 1)
    ]
    text, cut = fit_last_column(head, rows, "title", [h.title for h in hits],
                                verbose=verbose, width=width)
    notes: list[str] = []
    for n, h in enumerate(hits, 1):
        notes.append(f"#{n} {h.url}" + (f" (story {h.story_id})" if collapse else ""))
        # One line per snippet: its line breaks are only the page's layout.
        flat = printable(" ".join(h.snippet.split()))
        notes.append(INDENT + (flat if verbose else around_hit(flat, width - len(INDENT))))
    return with_notes(text, notes, verbose=verbose, width=width, cut=cut, heading="hits")


def around_hit(snippet: str, width: int) -> str:
    """``snippet`` cut to ``width`` columns around its first highlighted hit.

    The snippet opens about 60 characters before its first hit, so cutting only its
    end could leave the hit (the reason the row is there) outside the 100 columns.
    """
    start = snippet.find(MARK[0])
    stop = snippet.find(MARK[1], start + len(MARK[0])) if start >= 0 else -1
    if start < 0 or stop < 0:
        return clip(snippet, width)
    stop += len(MARK[1])
    if display_width(snippet[:stop]) <= width - 1:  # the hit fits before clip's "…"
        return clip(snippet, width)
    # Centre the hit: half of what is left beside it goes before it.
    before = max(0, (width - 2 - display_width(snippet[start:stop])) // 2)
    cut = start
    while cut > 0 and display_width(snippet[cut - 1:start]) <= before - 1:
        cut -= 1
    space = snippet.find(" ", cut, start)
    if 0 <= space - cut < min(20, (start - cut) // 2):  # begin at a word
        cut = space + 1
    return clip("…" + snippet[cut:].removeprefix("…"), width)
