"""k51c: c51 refused an ``--out`` name beginning or ending with white space (``' . '``) but
not one made of, or ending in, characters that show nothing: a zero-width space, a word
joiner, a BOM, a direction mark (Unicode's format characters) or a blank filler (Hangul,
braille). ``--out $'\\u200b'`` made a folder no listing shows; ``'.\\u200b'`` one that
looks like ``.``. They count as white space now; inside a name (a ZWNJ in a Persian word,
a ZWJ in an emoji sequence) they are letters of it and still work."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.test_out_names_c51 import _pressroom, db  # noqa: F401 (a fixture)


@pytest.mark.parametrize("out", ["\u200b", ".\u200b", "exports\u200b", "\ufeff", "\u3164",
                                 "a/\u2060/b", "\u200e..", "\u2800"])
@pytest.mark.parametrize("command", ["export", "report"])
def test_an_out_of_unseen_characters_is_refused_and_writes_nothing(
        tmp_path: Path, db: Path, command: str, out: str) -> None:  # noqa: F811
    before = sorted(tmp_path.rglob("*"))
    done = _pressroom(command, "--out", out, "--db", str(db), cwd=tmp_path)
    assert done.returncode == 2, done.stdout + done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(
        f"pressroom {command}: error: --out "), done.stderr
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("out", ["\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",
                                 "\U0001f468\u200d\U0001f469\u200d\U0001f467"])
def test_a_joiner_inside_a_name_still_exports(tmp_path: Path, db: Path, out: str) -> None:  # noqa: F811
    done = _pressroom("export", "--out", out, "--db", str(db), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (tmp_path / out).is_dir()
