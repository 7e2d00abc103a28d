"""Input size limits of the parsers: plain numbers, importable without BeautifulSoup.

``flows.config`` checks ``max_bytes`` against :data:`MAX_INPUT_CHARS` when it
reads sources.toml; keeping the constants here spares every command that only
reads the config the parsers' imports.
"""

from __future__ import annotations

# Markup left after scripts, styles and SVG are cut out is refused above this size:
# the fetcher caps bodies well below it, so only a hostile page gets here, and
# parsing it would take seconds. Raw input is refused at a multiple of it.
MAX_MARKUP_CHARS = 8_000_000
MAX_INPUT_CHARS = 4 * MAX_MARKUP_CHARS
