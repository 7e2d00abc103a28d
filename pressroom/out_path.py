"""``--out`` of ``export`` and ``report``: the path it names, or one line saying why it
names nothing meant (f50, c51, k51c, c52)."""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from pressroom.home_path import expand_home, no_home

# Characters that show nothing, read as white space in an --out name (k51c): Unicode's
# format characters (zero-width space, word joiner, BOM, direction marks: category Cf)
# and the blank fillers (Hangul, braille). '\u200b' or '.\u200b' made a folder no
# listing shows, as ' . ' did.
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _unseen(ch: str) -> bool:
    return ch.isspace() or ch in _FILLERS or unicodedata.category(ch) == "Cf"


def _trim(name: str) -> str:
    """``name`` less the white space and unseen characters at either end."""
    start, end = 0, len(name)
    while start < end and _unseen(name[start]):
        start += 1
    while end > start and _unseen(name[end - 1]):
        end -= 1
    return name[start:end]


def out_path(command: str, out: str, what: str) -> Path | None:
    """The path ``--out`` names, a leading ``~`` or ``~user`` expanded as the shell does
    (c52: ``--out '~/x'``, quoted, made a folder named ``~``); None, after one line on
    stderr, when it names nothing meant: empty or blank
    (``Path('')`` is ``.``, so ``export --out ''`` wrote ``./articles``: k49a, f50), a
    name in it that begins or ends with white space (``--out ' . '`` made a folder named
    `` . ``: k50a, c51), or one made only of dots other than ``.`` and ``..``.
    A zero-width or filler character counts as white space (k51c). A ``~user`` with no
    home folder (or ``~`` with none) is refused, not made a folder. A usage error
    (exit 2) in one line, as a bad ``--parse-workers`` is."""
    if not _trim(out):
        problem = "is empty"
    else:
        names = [name for name in out.split("/") if name]
        if any(name != _trim(name) for name in names):
            problem = (f"{out!r} has a name that begins or ends with white space or a "
                       "character that shows nothing")
        elif any(not name.strip(".") and name not in (".", "..") for name in names):
            problem = f"{out!r} has a name made only of dots"
        elif (path := expand_home(out)) is None:  # the rule of every path option (k52c)
            problem = no_home(out)
        else:
            return Path(path)
    print(f"pressroom {command}: error: --out {problem}; name the {what} to write "
          f"(see pressroom {command} --help)", file=sys.stderr)
    return None
