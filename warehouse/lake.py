"""The DuckLake backend: every way a lake warehouse differs from the DuckDB file.

``--db ducklake:<catalog>`` (DuckDB's own attach syntax) names a lake instead
of a file: ``ducklake:postgres:dbname=pressroom host=10.0.0.5 user=pressroom``
for a catalog on PostgreSQL (many hosts), ``ducklake:/srv/meta.ducklake`` for a
catalog in a local DuckDB file (one process, no server). ``--data-path`` is
where the Parquet files go. Everything else in ``warehouse/`` is one code path
over a connection whose default database is the lake; the differences live
here:

* **Attach.** An in-memory DuckDB loads ``ducklake`` (and ``postgres_scanner``
  for a Postgres catalog) from the pinned ``duckdb-extension-*`` wheels, so no
  download is needed, attaches the lake as ``lake`` and makes it the default
  (``USE lake``). Read-only sessions attach it ``READ_ONLY``: DuckLake then
  refuses every write to the lake and to its catalog database. A ``sql``
  session attaches a private copy of the catalog instead (never the
  postgres scanner, whose functions reach the catalog database around
  ``READ_ONLY``): :mod:`warehouse.lake_catalog`.
* **Schema** (:mod:`warehouse.lake_schema`). DuckLake refuses PRIMARY KEY,
  UNIQUE and CHECK constraints: the lake's tables are declared from the same
  numbered migrations without them. Uniqueness on the lake comes from
  ownership: a source's rows are written only by the run that owns the source
  (its lock, :func:`owner_path`, and in a cluster flows/concurrency.py), in one
  transaction per batch; cross-source rewrites (``stories --rebuild``) rely on
  DuckLake's conflict check (a commit that deletes rows another commit inserted
  into meanwhile fails, and is retried).
* **Write sessions** (:mod:`warehouse.lake_session`): an ingest run holds one
  attached session, and flushes inlined rows out to Parquet at its end.
* **Local state.** A lake has no file beside which to keep the spool and the
  per-source locks; they live in a per-host folder named after the catalog
  (:attr:`LakeTarget.local_path`).
* **Catalog outages.** A catalog that cannot be reached (PostgreSQL stopped,
  restarting, a broken connection) is :class:`CatalogUnavailable`, translated
  here (:func:`session_error`, and on attach): an ingest stages its batches in
  the spool, as for a locked file, and a later run merges them.
* **Storage that stops taking writes.** A data folder that is full, read-only or
  gone (an unmounted share) fails a batch's Parquet writes: DuckLake rolls the
  commit back and :func:`session_error` says :class:`StorageUnavailable`, so the
  batch is staged as in a catalog outage.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import duckdb

from pressroom.errors import DatabaseLocked, NotOnLake, WarehouseError
from warehouse.connection import (
    FIRST_DELAY,
    MAX_DELAY,
    Settings,
    configure_session,
    is_lock_error,
    real_file,
)
from warehouse.lake_errors import (
    _PASSWORD,
    FIRST_RUN_WAIT,
    catalog_unreachable,
    first_run_race,
    hide_password,
    one_line,
    unavailable,
)

PREFIX = "ducklake:"
ALIAS = "lake"

@dataclass(frozen=True, slots=True)
class LakeTarget:
    """A DuckLake warehouse: the catalog (text after ``ducklake:``) and the data path."""

    catalog: str
    data_path: str | None = None

    @property
    def uri(self) -> str:
        """The attach string, ``ducklake:<catalog>``."""
        return PREFIX + self.catalog

    @property
    def is_postgres(self) -> bool:
        """True when the catalog lives in PostgreSQL."""
        return self.catalog.startswith(("postgres:", "postgresql:"))

    @property
    def catalog_file(self) -> Path | None:
        """The local DuckDB catalog file, when the catalog is one."""
        if ":" in self.catalog.split("/", 1)[0]:  # postgres:, sqlite:, mysql:, ...
            return None
        return Path(self.catalog).expanduser()

    @property
    def local_path(self) -> Path:
        """This host's stand-in for the warehouse file: spool and locks go beside it.

        ``$PRESSROOM_STATE_DIR`` (else ``$XDG_STATE_HOME/pressroom``, else
        ``~/.local/state/pressroom``), one name per catalog: a catalog file's by
        its resolved path, so ``ducklake:data/meta.ducklake`` in two folders is two
        lakes (their spools, locks and search index apart) and its relative and
        absolute spellings (a deployment's) are one.
        """
        from warehouse.run_locks import state_folder

        file = self.catalog_file
        name = self.catalog if file is None else str(file.resolve())
        digest = hashlib.sha256(name.encode()).hexdigest()[:16]
        return state_folder() / f"lake-{digest}"

    def describe(self) -> str:
        """The lake for messages, without a password."""
        return hide_password(self.uri)

    def __str__(self) -> str:
        return self.describe()


Target = Path | LakeTarget


def is_lake(db: str | Path) -> bool:
    """True if ``--db`` names a DuckLake catalog rather than a file."""
    return str(db).startswith(PREFIX)


def parse_target(db: str | Path, data_path: str | None = None) -> Target:
    """The warehouse ``--db`` names: a DuckDB file path, or a lake with ``data_path``."""
    text = str(db)
    if not is_lake(text):
        if data_path:
            raise WarehouseError("--data-path is only for a DuckLake warehouse "
                                 "(--db ducklake:...)")
        return Path(text).expanduser()
    catalog = text[len(PREFIX):].strip()
    if not catalog:
        raise WarehouseError("--db ducklake: needs a catalog, e.g. "
                             "ducklake:postgres:dbname=pressroom or ducklake:/path/meta.ducklake")
    if catalog.startswith(_POSTGRESQL):  # DuckDB has no extension of that name
        rest = catalog[len(_POSTGRESQL):]
        catalog = "postgres:" + (catalog if rest.startswith("//") else rest)
    return LakeTarget(catalog, data_path or None)


# A catalog spelt ``postgresql:`` (PostgreSQL's own name, and its URIs' scheme): DuckDB
# 1.5 looked for a ``postgresql`` extension, or took ``postgresql://...`` for a file path,
# and failed the first run, after ``serve`` and ``deploy`` had registered it (o56). It is
# the ``postgres:`` catalog, with a URI after ``postgres:`` as DuckLake takes one.
_POSTGRESQL = "postgresql:"


def state_path(target: Target) -> Path:
    """Where this host keeps a warehouse's spool and source locks: beside the file
    (a symlink's target, :func:`warehouse.connection.real_file`), or beside a lake's
    :attr:`LakeTarget.local_path`."""
    return target.local_path if isinstance(target, LakeTarget) else real_file(target)


def lock_target(target: Target) -> Target:
    """What a source's run locks are taken for (``flows.locks.source_lock``): a file's
    :func:`state_path`, or the lake itself (its locks beside :attr:`LakeTarget.local_path`
    and by its catalog in one spelling: :func:`warehouse.run_locks.lock_folders`)."""
    return target if isinstance(target, LakeTarget) else state_path(target)


def flow_parameters(target: Target) -> tuple[str, str | None]:
    """The ``db_path`` and ``data_path`` parameters of a flow run on ``target``
    (:func:`parse_target` reads them back in the flow).

    Prefect stores a run's parameters in its database and shows them in its UI:
    a catalog string with a password is refused, the password belongs in
    ``PGPASSWORD`` or ``~/.pgpass`` (libpq reads both).
    """
    if isinstance(target, Path):
        return str(target), None
    if _PASSWORD.search(target.catalog):
        raise WarehouseError("a Prefect run stores --db among its parameters: put the "
                             "catalog's password in PGPASSWORD or ~/.pgpass, not in --db")
    return target.uri, target.data_path


def deployment_parameters(target: Target) -> dict[str, str]:
    """The warehouse parameters of a deployment (``deploy``, ``serve``): ``db_path``,
    and ``data_path`` for a lake, as :func:`flow_parameters` gives them (no password)
    but with every local path absolute, since the runs start on other hosts, in other
    folders. An object store URL or a Postgres catalog is kept as given. A symlink stays
    the link (absolute, not resolved): each run follows it when it starts, so a deploy
    that points ``current.duckdb`` at a new file moves the scheduled runs with it (k42:
    resolved here, they wrote the old file until the next ``serve`` or ``deploy``, while
    ``pressroom ingest --db current.duckdb`` wrote the new one)."""
    if isinstance(target, Path):
        return {"db_path": absolute(target)}
    file = target.catalog_file
    catalog = target.catalog if file is None else absolute(file)
    data = target.data_path
    if data and "://" not in data:
        data = absolute(Path(data))
    db_path, data_path = flow_parameters(LakeTarget(catalog, data))
    return {"db_path": db_path, **({"data_path": data_path} if data_path else {})}


def absolute(path: Path) -> str:
    """``path`` from the root, naming the file it names here: ``~`` expanded, ``..`` kept
    (``link/..`` is the folder above the link's target, not the link's own folder:
    ``os.path.abspath`` cut it as text, and a deployment's runs wrote another file than
    the one ``--db`` opened, o56), a link kept (k42)."""
    return str(path.expanduser().absolute())


def prepare_for_workers(target: Target) -> None:
    """Bring a lake's schema up to date from this one process before workers use it.

    Runs starting at once on several hosts would otherwise each create the schema
    of a new lake; the losers wait for the winner (:data:`FIRST_RUN_WAIT`), but
    once here costs nothing. A DuckDB file needs nothing: its one writer at a time
    migrates it.
    """
    if isinstance(target, LakeTarget):
        from warehouse.opening import open_warehouse

        open_warehouse(target).close()


def refuse(target: Target, command: str) -> None:
    """Raise :class:`NotOnLake` when ``command`` cannot run on ``target`` yet."""
    if isinstance(target, LakeTarget):
        raise NotOnLake(f"{command} does not support a DuckLake warehouse yet")


def target_exists(target: Target) -> bool:
    """Whether there is a warehouse to read (a lake's Postgres catalog is asked on attach)."""
    if isinstance(target, Path):
        return real_file(target).exists()  # a link to nothing: its own error line
    file = target.catalog_file
    return file is None or file.exists()


def bundled_extension(package: str, name: str) -> Path | None:
    """The extension file a ``duckdb-extension-*`` wheel ships for this DuckDB, if installed."""
    try:
        root = resources.files(package)
    except ModuleNotFoundError:
        return None
    candidate = (Path(str(root)) / "extensions" / f"v{duckdb.__version__}"
                 / f"{name}.duckdb_extension")
    return candidate if candidate.is_file() else None


def _load(con: duckdb.DuckDBPyConnection, package: str, name: str) -> None:
    """Load an extension from its pinned wheel, else from DuckDB's own extension cache."""
    bundled = bundled_extension(package, name)
    try:
        if bundled is None:
            con.execute(f"LOAD {name}")
        else:
            # The path comes from the installed package, quoted as a SQL literal.
            con.execute("LOAD " + _literal(str(bundled)))
    except duckdb.Error as exc:
        wheel = package.replace("_", "-")
        raise WarehouseError(f"DuckDB {name} extension unavailable ({one_line(exc)}); "
                             f"install {wheel}=={duckdb.__version__}") from exc


def connect_lake(target: LakeTarget, *, read_only: bool = False,
                 settings: Settings = ()) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the lake attached as ``lake`` and in use.

    ``settings`` are the session's DuckDB settings, as for a file (see
    :data:`warehouse.connection.BATCH_SETTINGS`): DuckDB's memory limit and
    threads are the process's own, whatever database is attached. Raises
    :class:`WarehouseError` with one line when the catalog cannot be reached or
    the lake cannot be attached.
    """
    file = target.catalog_file
    if file is not None:
        if read_only and not file.exists():
            raise WarehouseError(f"no warehouse at {target.describe()}")
        if not read_only:
            _mkdir(file.parent)
    made = None
    if target.data_path and not read_only and "://" not in target.data_path:
        folder = Path(target.data_path).expanduser()
        made = None if folder.exists() else folder
        _mkdir(folder)
    con = duckdb.connect()
    try:
        configure_session(con)
        try:
            for name, value in settings:
                con.execute(f"SET {name} = '{value}'")
        except duckdb.Error as exc:
            raise WarehouseError(f"cannot configure a session of {target.describe()}: "
                                 f"{one_line(exc)}") from exc
        attach_lake(con, target, alias=ALIAS, read_only=read_only)
        con.execute(f"USE {ALIAS}")
    except BaseException:
        con.close()
        if made is not None:  # a mistyped --data-path leaves no empty folder behind
            with contextlib.suppress(OSError):
                made.rmdir()
        raise
    return con


def attach_lake(con: duckdb.DuckDBPyConnection, target: LakeTarget, *, alias: str,
                read_only: bool) -> None:
    """Load the extensions from their pinned wheels and attach the lake to ``con`` as ``alias``."""
    _load(con, "duckdb_extension_ducklake", "ducklake")
    if target.is_postgres:
        _load(con, "duckdb_extension_postgres_scanner", "postgres_scanner")
    options = []
    if target.data_path:
        options.append("DATA_PATH " + _literal(_data_path(target.data_path)))
    if read_only:
        options.append("READ_ONLY")
    attach = f"ATTACH {_literal(_catalog_uri(target))} AS {ident(alias)}"
    if options:
        attach += f" ({', '.join(options)})"
    deadline = time.monotonic() + FIRST_RUN_WAIT
    delay = FIRST_DELAY
    while True:
        try:
            con.execute(attach)
            return
        except duckdb.Error as exc:
            if catalog_unreachable(exc):
                raise unavailable(target, exc) from exc
            if target.catalog_file is not None and is_lock_error(exc):
                # A catalog in a local file is a DuckDB file: one writing process at a
                # time. Another run holding it is a locked warehouse, not a broken one:
                # an ingest stages its batches and merges them when the lock frees.
                raise DatabaseLocked(
                    f"the catalog file {target.catalog_file} of DuckLake {target.describe()} "
                    "is locked by another process") from exc
            other = _OTHER_DATA_PATH.search(str(exc))
            if other:  # DuckLake's advice (OVERRIDE_DATA_PATH) is no option of ours
                raise WarehouseError(
                    f"--data-path {target.data_path} is not the data path of DuckLake "
                    f"{target.describe()}: its catalog names {other.group(1)} (give that, "
                    "or leave --data-path out)") from exc
            if not first_run_race(exc) or time.monotonic() >= deadline:
                detail = hide_password(one_line(exc))
                raise WarehouseError(
                    f"cannot attach DuckLake {target.describe()}: {detail}") from exc
        # Another process is creating the catalog's tables of a brand-new lake
        # right now: once it has committed, the attach finds them.
        time.sleep(delay)
        delay = min(delay * 2, MAX_DELAY)


_OTHER_DATA_PATH = re.compile(r'does not match existing data path in the catalog "([^"]*)"')


def _catalog_uri(target: LakeTarget) -> str:
    file = target.catalog_file
    return target.uri if file is None else PREFIX + str(file)


def _data_path(path: str) -> str:
    if "://" in path:
        return path
    # DuckLake joins file names to the data path as text: keep the separator.
    return str(Path(path).expanduser().resolve()) + os.sep


def _mkdir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WarehouseError(f"cannot create directory {path}: {exc}") from exc


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'

