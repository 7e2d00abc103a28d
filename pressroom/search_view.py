"""``search`` as a table that fits 100 columns: the hits' titles in the table, each
hit's URL and snippet below it, cut to the width unless ``--verbose``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pressroom.status_view import WIDTH, fit_last_column, with_notes
from warehouse.format import clip
from warehouse.search_terms import Hit


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
        notes.append("   " + " ".join(h.snippet.split()))
    return with_notes(text, notes, verbose=verbose, width=width, cut=cut, heading="hits")
