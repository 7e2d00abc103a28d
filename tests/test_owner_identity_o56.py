"""Which spellings of a warehouse are one owner (flows/owners.py), attacked (o56).

A deployment belongs to the sources file and warehouse it was made for; ``serve``,
``deploy`` and a served run refuse another owner's. Two spellings of one warehouse must be
one owner (else a restart is refused, or with ``--take-over`` its own ``serve`` stops);
two warehouses must never be one (else another project's deploy takes the deployments
over with no word, and its runs write the other's data). What is one:

* a PostgreSQL catalog's host spelt otherwise: a name in any case, an address in any of
  its forms (``::0:1``, an IPv4 address mapped into IPv6); no name is looked up (a
  name's address differs from host to host and hour to hour, and a lookup that fails or
  hangs would change whose a run is). ``localhost``, ``127.0.0.1`` and ``::1`` are three
  (k56a: one host may hold a server on each loopback at one port,
  tests/test_owner_loopback_two_servers_k56a.py);
* a socket folder (``host=/run/postgresql``) and a link to it, as any other path;
* a value quoted or not (``host='db'``), an address spelt otherwise (``::0:1``);
* ``ducklake:postgresql:`` and ``ducklake:postgres:`` (DuckDB has only the latter: the
  former is taken as it, warehouse/lake.py).

Every path is resolved on the host that compares, as before: a warehouse through a
symlink, with ``~`` or ``..``, is its file; two folders' relative spellings are two.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flows.owners import owner

SOURCES = "/p/sources.toml"


def _lake(catalog: str) -> tuple[str | None, ...]:
    return owner({"sources_file": SOURCES, "db_path": "ducklake:" + catalog})


@pytest.mark.parametrize("other", [
    "postgres:dbname=news host=LocalHost user=u",
    "postgres:dbname=news host='localhost' user=u",
    "postgres:dbname='news' host=localhost user='u'",
    "postgresql:dbname=news host=localhost user=u",
])
def test_loopback_and_quoted_spellings_are_one_owner(other: str) -> None:
    assert _lake(other) == _lake("postgres:dbname=news host=localhost user=u")


@pytest.mark.parametrize("other", [
    "postgres:dbname=news host=0:0:0:0:0:0:0:1 user=u",
    "postgres:dbname=news host='::1' user=u",
    "postgres:postgresql://u@[::1]/news",
])
def test_spellings_of_one_loopback_address_are_one_owner(other: str) -> None:
    assert _lake(other) == _lake("postgres:dbname=news host=::1 user=u")


@pytest.mark.parametrize("other", [
    "postgres:dbname=news host=127.0.0.2 user=u",  # another server may listen there
    "postgres:dbname=news host=db user=u",
    "postgres:dbname=news host=localhost port=5433 user=u",
    "postgres:dbname=news user=u",  # the default socket folder (or PGHOST): not TCP
    "postgres:dbname=news host=/run/postgresql user=u",
    "postgres:dbname=news host=localhost,db user=u",
    "postgres:dbname=news2 host=localhost user=u",
    "postgres:dbname=news host=127.0.0.1 user=u",  # a server on each loopback (k56a)
    "postgres:dbname=news host=::1 user=u",
])
def test_another_server_or_database_is_another_owner(other: str) -> None:
    assert _lake(other) != _lake("postgres:dbname=news host=localhost user=u")


def test_a_socket_folder_through_a_link_is_one_owner(tmp_path: Path) -> None:
    folder = tmp_path / "run" / "postgresql"
    folder.mkdir(parents=True)
    (tmp_path / "pg").symlink_to(folder)
    real = _lake(f"postgres:dbname=news host={folder} user=u")
    for spelt in (tmp_path / "pg", f"{tmp_path}/run/../pg/", f"'{folder}'"):
        assert _lake(f"postgres:dbname=news host={spelt} user=u") == real, spelt
    other = tmp_path / "other"
    other.mkdir()
    assert _lake(f"postgres:dbname=news host={other} user=u") != real


def test_a_uri_after_postgresql_is_the_same_as_after_postgres() -> None:
    uri = "postgresql://u@localhost/news"
    assert _lake("postgresql:" + uri.removeprefix("postgresql:")) == _lake("postgres:" + uri)


@pytest.mark.parametrize("uri", [
    "postgres:postgresql://u@localhost/news",
    "postgres:postgres://u@LOCALHOST/news",
    "postgres:postgresql://u@db/news?host=localhost",  # the query's host: libpq's
    "postgresql://u@localhost/news",
    "postgres:postgresql://%75@localhost/%6Eews",
])
def test_a_uri_is_the_same_owner_as_its_keywords(uri: str) -> None:
    assert _lake(uri) == _lake("postgres:dbname=news host=localhost user=u")


@pytest.mark.parametrize("uri", [
    "postgres:postgresql://u@localhost/news2",
    "postgres:postgresql://u@localhost:5433/news",
    "postgres:postgresql://localhost/news",
    "postgres:postgresql://u@db/news",
])
def test_a_uri_of_another_server_or_database_is_another_owner(uri: str) -> None:
    assert _lake(uri) != _lake("postgres:dbname=news host=localhost user=u")


def test_a_uri_with_a_socket_folder_through_a_link_is_one_owner(tmp_path: Path) -> None:
    (tmp_path / "run").mkdir()
    (tmp_path / "pg").symlink_to(tmp_path / "run")
    assert _lake(f"postgres:postgresql://u@/news?host={tmp_path / 'pg'}") == _lake(
        f"postgres:dbname=news host={tmp_path / 'run'} user=u")
    encoded = str(tmp_path / "pg").replace("/", "%2F")
    assert _lake(f"postgres:postgresql://u@{encoded}/news") == _lake(
        f"postgres:dbname=news host={tmp_path / 'run'} user=u")


def test_a_warehouse_through_a_link_or_with_dots_or_tilde_is_its_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    real = home / "data" / "pressroom.duckdb"
    (tmp_path / "current.duckdb").symlink_to(real)
    (tmp_path / "elsewhere").mkdir()
    ours = owner({"sources_file": SOURCES, "db_path": str(real)})
    for spelt in ("~/data/pressroom.duckdb", str(tmp_path / "current.duckdb"),
                  f"{tmp_path}/elsewhere/../home/data/pressroom.duckdb"):
        assert owner({"sources_file": SOURCES, "db_path": spelt}) == ours, spelt
    assert owner({"sources_file": SOURCES, "db_path": str(tmp_path / "pressroom.duckdb")}) != ours


def test_two_folders_with_the_same_relative_paths_are_two_owners(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from flows.deploy import where_parameters
    from warehouse.lake import parse_target

    seen = []
    for folder in (tmp_path / "one", tmp_path / "two"):
        folder.mkdir()
        monkeypatch.chdir(folder)
        seen.append(owner(where_parameters(Path("sources.toml"),
                                           parse_target("pressroom.duckdb"))))
    assert seen[0] != seen[1]
    assert os.path.dirname(str(seen[0][1])) == str(tmp_path / "one")


def test_a_deployment_names_the_file_its_dotted_spelling_opens(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--db link/../w.duckdb`` opens the ``w.duckdb`` beside the link's target (the
    system resolves the link before ``..``); the deployment named the one beside the link
    (``os.path.abspath`` drops ``link/..`` as text): its runs wrote another file than
    ``pressroom ingest --db`` the same words, and the owner check compared that file."""
    from flows.deploy import where_parameters
    from warehouse.lake import parse_target

    (tmp_path / "real" / "sub").mkdir(parents=True)
    (tmp_path / "real" / "s.toml").write_text("")
    (tmp_path / "real" / "w.duckdb").write_text("")
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "link").symlink_to(tmp_path / "real" / "sub")
    monkeypatch.chdir(tmp_path / "project")
    for db in ("link/../w.duckdb", "ducklake:link/../w.duckdb"):
        where = where_parameters(Path("link/../s.toml"), parse_target(db, None))
        assert os.path.realpath(where["sources_file"]) == str(tmp_path / "real" / "s.toml")
        opened = where["db_path"].removeprefix("ducklake:")
        assert os.path.realpath(opened) == str(tmp_path / "real" / "w.duckdb"), where
