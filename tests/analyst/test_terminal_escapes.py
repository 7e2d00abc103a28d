"""A hostile page cannot drive the reader's terminal through Pressroom's tables.

Review r24: titles and bodies keep the control characters a page puts in them (the
article text is stored as the site sent it), and ``search``, ``sql`` and ``stories``
printed them raw: ESC and CSI sequences recolour or clear the screen, retitle the
window, or (OSC 52) write the clipboard. Tables now show them escaped; json and csv
keep the text as stored.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.analyst.conftest import TRAFFICKING, CliRunner, article, write

# Clear the screen, set the window title, write "rm -rf ~" to the clipboard (OSC 52),
# then a C1 CSI (one byte) and a BEL.
EVIL = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;cm0gLXJmIH4=\x07\x9b31m\x7f"
TITLE = f"Trafficking {EVIL} resolution"


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    db = tmp_path / "t.duckdb"
    write(db, [article("evil", TITLE, f"{TRAFFICKING} {EVIL} trafficking again.")])
    return db


@pytest.mark.parametrize("command", [
    ("search", "trafficking"),
    ("search", "trafficking", "--verbose"),
    ("search", "trafficking", "--collapse"),
    ("sql", "SELECT title, body FROM articles"),
    ("stories",),
])
def test_tables_show_control_characters_escaped(hostile_db: Path, cli: CliRunner,
                                                command: tuple[str, ...]) -> None:
    proc = cli(*command, "--db", str(hostile_db))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert not [ch for ch in out if ch != "\n" and (ord(ch) < 0x20 or 0x7f <= ord(ch) <= 0x9f)
                ], ascii(out)
    assert "\\x1b[2J\\x1b]0;pwned\\x07" in out, out  # shown, as text


def test_json_keeps_the_text_as_stored(hostile_db: Path, cli: CliRunner) -> None:
    proc = cli("sql", "SELECT title FROM articles", "--format", "json", "--db", str(hostile_db))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [{"title": TITLE}]


# Review k37: a right-to-left override (U+202E) or isolate (U+2066-2069) in a title
# reverses, on a terminal that lays out bidirectional text, what follows it on the
# line: the next columns too ("SELECT title, url": the url shown backwards, another
# address spelt). Tables now show them escaped like the controls above.
BIDI = "\u202egro.elpmaxe\u202c \u2067x\u2069 \u202a\u202b\u202d"


@pytest.mark.parametrize("command", [
    ("search", "trafficking"),
    ("sql", "SELECT title, url FROM articles"),
    ("stories",),
])
def test_tables_show_bidi_overrides_escaped(tmp_path: Path, cli: CliRunner,
                                            command: tuple[str, ...]) -> None:
    db = tmp_path / "b.duckdb"
    write(db, [article("bidi", f"Trafficking {BIDI} resolution", f"{TRAFFICKING} trafficking.")])
    proc = cli(*command, "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert not [ch for ch in proc.stdout if "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069"
                ], ascii(proc.stdout)
    assert "\\u202egro.elpmaxe\\u202c" in proc.stdout, ascii(proc.stdout)
