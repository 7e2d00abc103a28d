"""Input size limits of the parsers: plain numbers, importable without BeautifulSoup.

``flows.config`` checks ``max_bytes`` against :data:`MAX_INPUT_CHARS` when it
reads sources.toml; keeping the constants here spares every command that only
reads the config the parsers' imports.
"""

from __future__ import annotations

# Markup left after scripts, styles and SVG are cut out is refused above this size. It is
# the fetcher's default cap (``max_bytes``, flows/config.py; a page's characters are at
# most its bytes), so every page a source lets in by default is parsed: at 8,000,000 a
# page of 8-10 MB was fetched, archived and refused (k52, d53). bench/big_page.py: a
# 10 MB page parses in ~5 s (one article) to ~12 s (a thread of small blocks), 120-220 MB
# peak RSS, within the parse pool's 120 s. A source that raises ``max_bytes`` past it
# has a bigger page refused, kept in the raw archive for ``reparse``.
MAX_MARKUP_CHARS = 10_000_000
# Raw input (before scripts and styles are cut) is refused above this: the top of
# ``max_bytes``.
MAX_INPUT_CHARS = 32_000_000
