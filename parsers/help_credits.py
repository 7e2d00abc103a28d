"""A help credit printed without "with": a story's closing line "Additional reporting by
John Roe", a wire story's "(Additional reporting by John Roe; Editing by Mary Poe)". It
credits who helped, not who wrote; ``parsers.byline_lines`` reads no author from it, only
the writer printed before it on the same line ("Jane Doe, additional reporting by John
Roe"). ``parsers.byline_with`` keeps the credits after "with"."""

from __future__ import annotations

import re

# Category "a help credit alone is no byline" (a38b; second set googlenews' Reuters
# stories, fundus TheNamibian's "– additional reporting by Donald Matthys", Postlight's
# mashable): the words before a "by" that make it a credit for help. Not "reporting by"
# alone nor "writing by": a wire story's "Reporting by Jane Doe; Editing by John Roe"
# names its author first (fundus' Reuters truths count the reporter).
HELP_BY_WORDS = (
    r"(?:additional|further|extra)\s+reporting",
    r"editing",
    r"edited",
)
HELP_BY_RE = re.compile(
    rf"(?:^|(?<=[\s(\[,;:|–—-]))(?:{'|'.join(HELP_BY_WORDS)})\s+by\s+$", re.IGNORECASE
)
LEAD_PUNCT = " \t,;:|([–—-"


def help_credit_at(line: str, by_end: int) -> int | None:
    """Where the help credit starts in ``line`` when the "by" ending at ``by_end`` closes
    one ("Jane Doe, additional reporting by John Roe" -> 10), else ``None``."""
    match = HELP_BY_RE.search(line, 0, by_end)
    return match.start() if match else None


def writer_before(line: str, start: int) -> str:
    """What ``line`` prints before its help credit at ``start``, without the punctuation
    that joined them ("" when the credit leads the line)."""
    return line[:start].rstrip(LEAD_PUNCT).lstrip(LEAD_PUNCT)
