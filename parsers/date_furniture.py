"""Whether a block holds only a date (and time): page furniture, not body text. The body's
line filters and the date-line rules ask it of most blocks of a page, so it is cheap first
(``DATE_ANCHOR_RE``) and remembered per page."""

from __future__ import annotations

from parsers.date_patterns import (
    DATE_ANCHOR_RE,
    DATE_WORDS_RE,
    MAX_DATE_LINE_CHARS,
    MDY_RE,
    MDY_TAIL_RE,
    TEXT_PATTERNS,
    TIME_ONLY_RE,
)


def is_date_line(text: str, known: dict[str, bool] | None = None) -> bool:
    """True for a block that holds only a date (and time): page furniture, not body text.

    ``known`` holds the answers already worked out on this page (``Scan.date_lines``),
    and takes this one: the body's and the date rules ask it of one block up to 4 times.
    """
    if known is None:
        return _date_line(text)
    answer = known.get(text)
    if answer is None:
        answer = known[text] = _date_line(text)
    return answer


def _date_line(text: str) -> bool:
    # A regex, not a generator over characters: this runs for most blocks of a page.
    if len(text) > MAX_DATE_LINE_CHARS or DATE_ANCHOR_RE.search(text) is None:
        return False
    rest = text
    for pattern in TEXT_PATTERNS:
        if pattern is not MDY_RE or MDY_TAIL_RE.search(rest) is not None:
            rest = pattern.sub(" ", rest)
    if rest == text:
        return False
    rest = TIME_ONLY_RE.sub(" ", DATE_WORDS_RE.sub(" ", rest))
    return not any(c.isalnum() for c in rest)
