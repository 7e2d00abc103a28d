"""u54: a top-level key the sources file does not take is one line naming it, as TOML
spells it, and the known one it is closest to; nothing is created.

Before: `[[sources]]` (a typo for `[[source]]`) said "no [[source]] tables", and a
`[pipline]` table or a stray `foo = 1` beside the sources was read as if absent (exit 0:
the pipeline settings silently not applied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli_run import run_cli

SOURCE = 'name = "x"\nfeeds = ["https://example.org/rss.xml"]\n'


@pytest.mark.parametrize(("text", "said"), [
    (f"[[sources]]\n{SOURCE}", "unknown table [[sources]] in {}; did you mean [[source]]?"),
    (f"[[Source]]\n{SOURCE}", "unknown table [[Source]] in {}; did you mean [[source]]?"),
    (f"[[source]]\n{SOURCE}[pipline]\nparse_workers = 2\n",
     "unknown table [pipline] in {}; did you mean [pipeline]?"),
    (f"foo = 1\n[[source]]\n{SOURCE}",
     "unknown key foo in {}; a sources file takes [[source]], [pipeline], [warehouse]"),
    (f'"a\\nb" = {{ c = 1 }}\n[[source]]\n{SOURCE}',
     'unknown table ["a\\nb"] in {}; a sources file takes [[source]], [pipeline], [warehouse]'),
])
def test_an_unknown_top_level_key_is_one_line_naming_it(tmp_path: Path, text: str,
                                                        said: str) -> None:
    sources = tmp_path / "s.toml"
    sources.write_text(text, encoding="utf-8")
    db = tmp_path / "p.duckdb"
    for args in (("sources", "--sources", str(sources)),
                 ("ingest", "--no-prefect", "--sources", str(sources), "--db", str(db))):
        done = run_cli(*args)
        assert done.returncode == 1, done.stdout + done.stderr
        assert done.stderr == f"pressroom: error: {said.format(sources)}\n", done.stderr
    assert not db.exists()


def test_a_command_reading_only_the_warehouse_table_refuses_it_too(tmp_path: Path) -> None:
    """`status` without --db reads the file's [warehouse] table: a misspelt
    `[warehous]` had it open the default file instead of the one meant."""
    sources = tmp_path / "s.toml"
    sources.write_text(f'[[source]]\n{SOURCE}[warehous]\ndb = "{tmp_path / "p.duckdb"}"\n',
                       encoding="utf-8")
    done = run_cli("status", env={"PRESSROOM_SOURCES": str(sources)}, cwd=tmp_path)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr == (f"pressroom: error: unknown table [warehous] in {sources}; "
                           "did you mean [warehouse]?\n"), done.stderr
