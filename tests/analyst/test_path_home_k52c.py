"""k52c: every path the command line takes expands a leading ``~`` as the shell would,
not ``--out`` alone (c52's leftover). ``--sources '~/s.toml'`` (quoted, or from
``PRESSROOM_SOURCES``, where no shell expands it) was looked for in a folder named ``~``;
``--index '~/i.duckdb'`` and ``PRESSROOM_INDEX`` likewise; ``--db '~nosuchuser/x'`` (or
``PRESSROOM_DB``, ``PRESSROOM_STATE_DIR``) reached ``Path.expanduser`` in the warehouse
and ended in a traceback. Now one rule (pressroom/home_path.py): expanded, or a ``~user``
with no home folder refused in one line naming the option or the variable, exit 2.
Real CLI subprocesses, ``HOME`` a temporary folder, real DuckDB files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.analyst.conftest import base_articles, write

NOBODY = "~k52c-no-such-user"
SOURCES = """\
[[source]]
name = "home-desk"
feeds = ["http://127.0.0.1:9/rss"]
"""


def _run(*args: str, cwd: Path, home: Path,
         **env: str) -> subprocess.CompletedProcess[str]:
    full = {key: value for key, value in os.environ.items()
            if not key.startswith("PRESSROOM_")}
    full.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", HOME=str(home), **env)
    return subprocess.run([sys.executable, "-m", "pressroom", *args], capture_output=True,
                          text=True, timeout=300, env=full, cwd=cwd, check=False)


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    cwd, home = tmp_path / "work", tmp_path / "home"
    cwd.mkdir()
    home.mkdir()
    (home / "s.toml").write_text(SOURCES)
    write(home / "w.duckdb", base_articles())
    return cwd, home


@pytest.mark.parametrize("how", ["option", "variable"])
def test_a_sources_file_under_a_quoted_tilde_is_read_from_home(
        dirs: tuple[Path, Path], how: str) -> None:
    cwd, home = dirs
    if how == "option":
        done = _run("sources", "list", "--sources", "~/s.toml", cwd=cwd, home=home)
    else:
        done = _run("sources", "list", cwd=cwd, home=home, PRESSROOM_SOURCES="~/s.toml")
    assert done.returncode == 0, done.stderr
    assert "home-desk" in done.stdout
    assert list(cwd.iterdir()) == []


@pytest.mark.parametrize("how", ["option", "variable"])
def test_a_search_index_under_a_quoted_tilde_is_written_in_home(
        dirs: tuple[Path, Path], how: str) -> None:
    cwd, home = dirs
    if how == "option":
        done = _run("index", "--db", "~/w.duckdb", "--index", "~/i.duckdb", cwd=cwd, home=home)
    else:
        done = _run("index", "--db", "~/w.duckdb", cwd=cwd, home=home,
                    PRESSROOM_INDEX="~/i.duckdb")
    assert done.returncode == 0, done.stderr
    assert f"into {home / 'i.duckdb'}" in done.stdout, done.stdout
    assert (home / "i.duckdb").is_file()
    assert list(cwd.iterdir()) == []  # no folder named '~'
    found = _run("search", "dairy", "--db", "~/w.duckdb", "--index", "~/i.duckdb",
                 cwd=cwd, home=home)
    assert found.returncode == 0 and "Dairy exports grow" in found.stdout, found.stderr


@pytest.mark.parametrize(("args", "env", "named"), [
    (("health", "--db", f"{NOBODY}/w.duckdb"), {}, "--db"),
    (("health",), {"PRESSROOM_DB": f"{NOBODY}/w.duckdb"}, "PRESSROOM_DB"),
    (("ingest", "--no-prefect", "--sources", f"{NOBODY}/s.toml"), {}, "--sources"),
    (("sources", "list"), {"PRESSROOM_SOURCES": f"{NOBODY}/s.toml"}, "PRESSROOM_SOURCES"),
    (("index", "--db", "~/w.duckdb", "--index", f"{NOBODY}/i.duckdb"), {}, "--index"),
    (("search", "x", "--db", "~/w.duckdb"), {"PRESSROOM_INDEX": f"{NOBODY}/i"},
     "PRESSROOM_INDEX"),
    (("health", "--db", "~/w.duckdb"), {"PRESSROOM_STATE_DIR": f"{NOBODY}/state"},
     "PRESSROOM_STATE_DIR"),
    (("migrate", "--db", f"{NOBODY}/w.duckdb", "--to", "ducklake:x.ducklake"), {}, "--db"),
    (("migrate", "--db", "~/w.duckdb", "--to", "ducklake:x.ducklake", "--data-path",
      f"{NOBODY}/lake"), {}, "--data-path"),
    (("migrate", "--db", "~/w.duckdb", "--to", f"ducklake:{NOBODY}/c.ducklake"), {}, "--to"),
    (("health", "--db", f"ducklake:{NOBODY}/c.ducklake"), {}, "--db"),
])
def test_a_tilde_user_with_no_home_is_refused_in_one_line_naming_where_it_came_from(
        dirs: tuple[Path, Path], args: tuple[str, ...], env: dict[str, str],
        named: str) -> None:
    cwd, home = dirs
    done = _run(*args, cwd=cwd, home=home, **env)
    lines = done.stderr.splitlines()
    assert (done.returncode, len(lines)) == (2, 1), done.stderr
    assert lines[0].startswith(f"pressroom {args[0]}: error: {named} '"), lines
    assert f"begins with {NOBODY}, which names no home folder" in lines[0]
    assert list(cwd.iterdir()) == [] and not (home / "state").exists()


def test_a_tilde_inside_a_path_or_a_given_option_over_the_variable_is_as_before(
        dirs: tuple[Path, Path]) -> None:
    cwd, home = dirs
    (cwd / "~").mkdir()
    write(cwd / "~" / "w.duckdb", base_articles()[:1])
    # './~/w.duckdb' is a folder named '~', as in the shell; --db wins over PRESSROOM_DB
    done = _run("health", "--db", "./~/w.duckdb", cwd=cwd, home=home,
                PRESSROOM_DB=f"{NOBODY}/w.duckdb")
    assert done.returncode == 0, done.stderr


def test_the_sources_files_warehouse_under_a_tilde_is_expanded_or_refused_in_one_line(
        dirs: tuple[Path, Path]) -> None:
    cwd, home = dirs
    (home / "good.toml").write_text('[warehouse]\ndb = "~/w.duckdb"\n')
    done = _run("health", cwd=cwd, home=home, PRESSROOM_SOURCES="~/good.toml")
    assert done.returncode == 0, done.stderr
    (home / "bad.toml").write_text(f'[warehouse]\ndb = "{NOBODY}/w.duckdb"\n')
    done = _run("health", cwd=cwd, home=home, PRESSROOM_SOURCES="~/bad.toml")
    assert (done.returncode, done.stderr.splitlines()) == (1, [
        f"pressroom: error: {home / 'bad.toml'}: [warehouse] db '{NOBODY}/w.duckdb' "
        f"begins with {NOBODY}, which names no home folder"]), done.stderr
    assert list(cwd.iterdir()) == []
