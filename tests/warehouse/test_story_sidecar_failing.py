"""A story sidecar failing during ``--rebuild`` is one line, never a traceback (issue 16).

Real DuckDB files and real SQLite sidecars. Before, a rebuild whose sidecar
could not be created raised sqlite3's error out of ``rebuild_stories``, and a
rebuild chunk whose first-member lookup failed dropped the sidecar and went on,
so the next chunk's lookups hit an ``assert`` in ``Sidecar._rows``.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from tests.warehouse.storytext import seed_paragraphs
from tests.warehouse.test_stories import _clusters, _story, _write
from tests.warehouse.whtest import T0
from warehouse import open_warehouse, story_index
from warehouse.story_sidecar import Sidecar, sidecar_path, staged_path


def test_a_rebuild_whose_new_sidecar_cannot_be_made_is_one_line(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    paras = seed_paragraphs()
    db = tmp_path / "w.duckdb"
    with open_warehouse(db) as wh:
        ids = [_write(wh, src, "un", "UN resolution", "\n\n".join(paras[:k]), days=k)
               for src, k in (("belta", 10), ("mfa", 9), ("aze", 5))]
        incremental = _clusters(wh)
        assert len({_story(wh, i) for i in ids}) == 1
        # Something (here a directory) sits where this process stages the new sidecar.
        staged = staged_path(sidecar_path(db))
        staged.mkdir()
        assert staged.name.endswith(f"-{os.getpid()}")
        capfd.readouterr()
        wh.rebuild_stories()
        assert _clusters(wh) == incremental
        # The next batch builds a live sidecar again and clusters with it.
        late = _write(wh, "menafn", "un", "UN resolution", "\n\n".join(paras[:8]), days=11)
        assert _story(wh, late) == ids[0]
    err = capfd.readouterr().err
    assert "Traceback" not in err
    [line] = [line for line in err.splitlines() if str(staged) in line]
    assert line.endswith("stories rebuilt without it"), err
    assert staged.is_dir() and sidecar_path(db).is_file()


def test_a_rebuild_chunk_whose_first_member_lookup_fails_is_sidecar_failed(
        tmp_path: Path) -> None:
    """A chunk (``redo=False``, nothing of it written yet) raises SidecarFailed, which
    makes ``rebuild_stories`` start again without its sidecar."""
    paras = seed_paragraphs()
    db = tmp_path / "w.duckdb"
    with open_warehouse(db) as wh:
        # The first three paragraphs, then five: one story. The full release shares
        # band keys with the second but none with the first, so its story's first
        # member is looked up by id key in the sidecar.
        root = _write(wh, "belta", "un", "UN resolution", "\n\n".join(paras[:3]), days=0)
        assert _story(wh, _write(wh, "mfa", "un", "UN resolution", "\n\n".join(paras[:5]),
                                 days=1)) == root
    con = duckdb.connect(str(db))
    side = Sidecar(sidecar_path(db))
    try:
        seq = side.prepare(con)
        damage = sqlite3.connect(side.path)
        damage.execute("DROP TABLE members")  # the id-key lookup fails, bands still answer
        damage.close()
        docs = [story_index.Doc(f"x{n}", "aze", f"h{n}", "\n\n".join(paras[: 10 - n]))
                for n in range(2)]
        with pytest.raises(story_index.SidecarFailed) as failed:
            for n, doc in enumerate(docs):  # two chunks of a rebuild
                story_index.assign(con, [doc], T0 + timedelta(days=2), side, seq=seq + n,
                                   redo=False, absorb=True)
        assert "members" in str(failed.value.__cause__)
        assert any(entry.name == "_add_roots" for entry in failed.traceback)  # that lookup
    finally:
        side.close()
        con.close()
