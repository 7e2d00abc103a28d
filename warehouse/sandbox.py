"""The session behind ``pressroom sql``: DuckDB's own sandbox, a deadline and Ctrl-C.

The boundary is DuckDB's configuration, not a filter on the SQL text. The
warehouse is opened (read-only unless ``--write``), the ``fts`` extension is
loaded from the pinned package and the search index is attached read-only as
``ix``; then external access goes off and the configuration is locked, so the
statement can reach nothing but those two databases:

* no file is read or written (``COPY``, ``EXPORT``, ``ATTACH``, ``read_csv``,
  ``read_text``, ``glob``, ...), local or over http(s);
* no extension is installed or loaded, known or community, and no secret made;
* no ``SET``/``RESET``/``PRAGMA x=`` can undo any of it (``lock_configuration``);
* read-only, the local file system is off too, so the warehouse cannot be
  detached and attached again read-write (see ``NO_LOCAL_FILES``).

A read-only DuckLake session attaches a private copy of the lake's catalog
(a file's copied, a PostgreSQL catalog's tables copied into a scratch DuckDB
file by a separate DuckDB instance): the session never loads the postgres
scanner, whose ``postgres_execute``/``postgres_query`` would reach the catalog
database with its user's rights around the lake's ``READ_ONLY``. It keeps the
local file system (its Parquet files
are opened as queries reach them) and allows reading the lake's data folder,
so there only queries, ``SET``/``USE`` and transactions run, calling only
table functions that read (:mod:`warehouse.lake_statements`): every other
statement type (``COPY``, ``PREPARE``, ``EXPLAIN``, ``CALL``, ``ATTACH``, ...) and
function (``checkpoint()``, ``enable_logging()``, ``query()``, ...) is refused
before it runs, and DuckDB's spill folder is the session's scratch folder.

``--write`` opens the warehouse read-write inside the same walls; only
``allow_files`` (``--write --allow-files``) skips them: the owner's full DuckDB
power on that file and every file the user can reach. A ``--write`` session keeps
the local file system (for its WAL), and there DuckDB 1.5 lets ``enable_logging()``
pick a file storage past the lock: its writer, denied the folder, aborts the
process (``terminate called ...``, exit 134) at the next statement. So a
``--write`` session refuses calls of the functions in :data:`WRITE_REFUSED_CALLS`
(also those that run SQL text built at run time, out of sight of the check)
before they run.

The statement runs in a worker thread so the main thread stays free for
signals: Ctrl-C and the deadline both call ``connection.interrupt()``, which
stops DuckDB mid-query. DuckDB failures are translated here, once, into
:mod:`pressroom.errors` classes with a one-line message.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from pressroom.errors import PressroomError, QueryCancelled, QueryRefused, WarehouseError
from warehouse.lake import LakeTarget
from warehouse.lake_catalog import postgres_catalog_copy, private_catalog_copy
from warehouse.lake_read import READ_STATEMENTS, data_directory
from warehouse.lake_statements import refuse_unless_read, warehouse_macros
from warehouse.opening import open_warehouse
from warehouse.records import QueryResult
from warehouse.sql_parse_cost import refuse_slow_parse
from warehouse.sql_scan import refuse_slow_scan
from warehouse.sql_tokens import SqlText, read_once
from warehouse.store import Warehouse
from warehouse.view_writes import view_refusal

# Order matters: extension settings first, external access next, the lock last
# (after it no setting can change, including these).
LOCKDOWN = (
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET allow_community_extensions = false",
    "SET enable_external_access = false",
)
# DuckDB keeps every file it attached on ``allowed_paths`` (and no setting
# removes them), so ``USE ix; DETACH <warehouse>; ATTACH '<warehouse>'
# (READ_WRITE)`` would reopen the file writable. Read-only sessions therefore
# also switch the local file system off once both files are open: the open
# handles keep working, nothing can be opened again. The price: no spilling
# to disk, a query larger than DuckDB's memory limit fails. A --write session
# needs the file system for its WAL, and may write the warehouse anyway.
NO_LOCAL_FILES = "SET disabled_filesystems = 'LocalFileSystem'"
LOCK = "SET lock_configuration = true"
# Called in a --write session (without --allow-files), refused before the statement runs.
# The fts extension's two pragmas paste their arguments (stemmer, table name) unquoted
# into the SQL they run: a stemmer of ``porter' || (SELECT ... query('...')) || '`` ran
# query() from inside a string, and left a match_bm25 macro that calls it (k49b).
WRITE_REFUSED_CALLS = frozenset({"enable_logging", "query", "query_table",
                                 "json_execute_serialized_sql", "create_fts_index",
                                 "drop_fts_index"})

# After interrupt() DuckDB stops within milliseconds and the row conversion at
# its next chunk; one chunk of huge rows may take longer, so do not wait for ever.
STOP_WAIT = 5.0
# Rows converted to Python per step; the fetch stops between steps on Ctrl-C or --timeout.
FETCH_CHUNK = 10_000


class SqlSession:
    """An open warehouse for analyst statements, and the warnings met while opening it."""

    def __init__(self, warehouse: Warehouse, scratch: Path | None = None) -> None:
        self.warehouse = warehouse
        self.warnings: list[str] = []
        self._running: threading.Event | None = None
        self._scratch = scratch  # a folder removed on close (a lake catalog's copy)
        self.allowed: frozenset[str] | None = None  # statement types run (a lake's); None: all
        self.macros: frozenset[str] = frozenset()  # the warehouse's own table macros
        self.refused_calls: frozenset[str] = frozenset()  # functions not to call (--write)
        self.read_only = True  # opened without --write

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The (sandboxed) DuckDB connection."""
        return self.warehouse.connection

    def run(self, sql: str, *, timeout: float | None = None) -> QueryResult:
        """Run ``sql`` (see :func:`run_query`), remembering whether it may still run."""
        try:  # bytes that are no UTF-8 in argv arrive as lone surrogates: DuckDB takes none
            sql.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise WarehouseError(f"query failed: the statement is not UTF-8 text (at "
                                 f"character {exc.start + 1})") from None
        refuse_slow_scan(sql)  # before DuckDB's scanner (also duckdb.tokenize) reads it
        text = SqlText(sql)  # tokenized once, by the first check that reads tokens (c51)
        refuse_slow_parse(text)  # before its parser builds grouping sets or AND/OR chains
        if self.allowed is not None:
            refuse_unless_read(text, self.allowed, self.macros)
        refuse_calls(text, self.refused_calls)
        done = threading.Event()
        self._running = done
        try:
            return run_query(self.connection, sql, timeout=timeout, done=done)
        except WarehouseError as exc:  # a write to a view fails before the read-only check
            refused = view_refusal(exc.__cause__, text, self.connection,
                                   read_only=self.read_only)
            if refused is None:
                raise
            raise refused from exc.__cause__

    def close(self) -> None:
        """Release the file, unless a statement ignored its interrupt (the exit frees it),
        and remove the scratch folder (a lake catalog's private copy) in any case."""
        if self._running is None or self._running.is_set():
            self.warehouse.close()
        # A statement still running keeps the copy open: on POSIX an open file can be
        # unlinked, and the process is about to exit, which would leave the folder behind.
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def __enter__(self) -> SqlSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_session(
    db_path: str | Path | LakeTarget, *, write: bool = False, allow_files: bool = False,
    lock_timeout: float = 15.0, index_path: str | Path | None = None,
) -> SqlSession:
    """Open ``db_path`` for analyst SQL, sandboxed unless ``allow_files``.

    A DuckLake is attached READ_ONLY from a private copy of its catalog (taken
    here, before the walls go up) inside the same walls, with the local file system left
    on: the lake's Parquet files are opened as queries reach them. DuckDB keeps
    them on its allowed list, and nothing else can be read.
    """
    from warehouse.search_index import index_path_for

    if allow_files and not write:
        raise QueryRefused("--allow-files needs --write (it gives the query full file access)")
    scratch = None
    named = db_path
    if isinstance(db_path, LakeTarget) and not write:
        scratch = Path(tempfile.mkdtemp(prefix="pressroom-sql-"))
        try:
            if db_path.is_postgres:
                db_path = postgres_catalog_copy(db_path, scratch)
            else:
                db_path = private_catalog_copy(db_path, scratch, lock_timeout=lock_timeout)
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise
    try:
        # The lockdown below is the DuckDB instance's and cannot be undone: an instance
        # of its own, or a library user's Warehouse on the file stays locked (o44).
        wh = open_warehouse(db_path, read_only=not write, lock_timeout=lock_timeout,
                            own_instance=not allow_files)
    except BaseException as exc:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
        if isinstance(exc, WarehouseError) and named is not db_path:  # name the lake, not its copy
            raise WarehouseError(str(exc).replace(str(db_path), str(named))) from exc
        raise
    session = SqlSession(wh, scratch)
    session.read_only = not write
    lake = isinstance(db_path, LakeTarget)
    try:
        if isinstance(db_path, LakeTarget):
            _prepare(session, None)
        else:
            _prepare(session, Path(index_path) if index_path else index_path_for(db_path))
        if not allow_files:
            no_files = () if write or lake else (NO_LOCAL_FILES,)
            lake_files: tuple[str, ...] = ()
            if lake and not write:
                folder = data_directory(wh.connection)
                if folder is not None:
                    quoted = "'" + folder.replace("'", "''") + "'"
                    lake_files = (f"SET allowed_directories = [{quoted}]",)
                if scratch is not None:  # DuckDB allows its spill folder: make it ours
                    spill = "'" + str(scratch / "spill").replace("'", "''") + "'"
                    lake_files = (f"SET temp_directory = {spill}", *lake_files)
                session.allowed = READ_STATEMENTS
                session.macros = warehouse_macros(wh.connection)
            if write and not lake:
                session.refused_calls = WRITE_REFUSED_CALLS
            for statement in (*lake_files, *LOCKDOWN, *no_files, LOCK):
                wh.connection.execute(statement)
    except duckdb.Error as exc:
        session.close()
        raise WarehouseError(f"cannot set up the SQL sandbox: {one_line(exc)}") from exc
    except BaseException:
        session.close()
        raise
    return session


def refuse_calls(sql: str | SqlText, names: frozenset[str]) -> None:
    """Raise QueryRefused if ``sql`` calls a function named in ``names`` (a name,
    quoted or not, followed by a parenthesis; strings and comments are not calls),
    or detaches a database (``names`` given: a --write session). The SQL is read as
    DuckDB's parser reads it (:func:`warehouse.sql_tokens.sql_tokens`)."""
    if not names:
        return
    tokens = read_once(sql).tokens
    for token, after in zip(tokens, [*tokens[1:], None], strict=True):
        if token.kind == "keyword" and token.name == "detach":
            # The index file stays on DuckDB's allowed paths once attached: detached, it
            # could be attached again read-write (a --write session keeps the file system).
            raise QueryRefused("refused: `pressroom sql --write` does not DETACH (the search "
                               "index could be attached again writable); --allow-files "
                               "lifts this")
        if token.kind in ("word", "quoted", "keyword") and token.name in names \
                and after is not None and after.is_symbol("("):
            raise QueryRefused(f"refused: `pressroom sql --write` does not call {token.name}() "
                               "(file logging aborts the sandboxed process; the others run "
                               "SQL text out of sight, the fts pragmas SQL made of their "
                               "arguments); --allow-files lifts this")


def _prepare(session: SqlSession, index: Path | None) -> None:
    """Load ``fts`` (for ``stem()``) and attach the search index as ``ix``, if present."""
    from warehouse.fts import load_fts

    con = session.connection
    try:
        load_fts(con)
    except WarehouseError as exc:
        session.warnings.append(f"{exc}; stem() is unavailable")
    if index is None or not index.exists():
        return
    if not index.is_file():  # a pipe's ATTACH waited for a writer for ever (k42)
        session.warnings.append(f"search index {index} not attached: not a regular file")
        return
    literal = "'" + str(index).replace("'", "''") + "'"
    try:
        con.execute(f"ATTACH {literal} AS ix (READ_ONLY)")
    except duckdb.Error as exc:
        session.warnings.append(f"search index {index} not attached: {one_line(exc)}")


def one_line(exc: BaseException) -> str:
    """DuckDB's message without its ``LINE n:`` echo and caret, on one line."""
    kept = []
    # An INTERNAL error appends DuckDB's native stack trace: not for the user.
    for raw in str(exc).split("Stack Trace:", 1)[0].splitlines():
        line = raw.strip()
        if not line or line.startswith("LINE ") or set(line) <= {"^"}:
            continue
        kept.append(line)
    return " ".join(kept) or type(exc).__name__


def translate(exc: duckdb.Error) -> PressroomError:
    """The :mod:`pressroom.errors` class and one-line message for a failed statement."""
    text = one_line(exc)
    if isinstance(exc, duckdb.InterruptException):
        return QueryCancelled("query interrupted")
    if isinstance(exc, duckdb.PermissionException):
        return QueryRefused(f"refused: `pressroom sql` has no file, network or extension "
                            f"access ({text})")
    lowered = text.lower()
    if "configuration has been locked" in lowered:
        return QueryRefused(f"refused: settings are locked in `pressroom sql` ({text})")
    if "read-only mode" in lowered:
        return QueryRefused(f"refused: the warehouse is open read-only; use --write to change "
                            f"it ({text})")
    return WarehouseError(f"query failed: {text}")


def run_query(
    con: duckdb.DuckDBPyConnection, sql: str, *, timeout: float | None = None,
    done: threading.Event | None = None, clock: Callable[[], float] = time.monotonic,
) -> QueryResult:
    """Run ``sql`` and fetch its rows, interruptible by Ctrl-C and by ``timeout`` seconds.

    Ctrl-C re-raises KeyboardInterrupt once DuckDB has stopped; the deadline
    raises QueryCancelled; other DuckDB failures are translated by
    :func:`translate`.
    """
    outcome: dict[str, QueryResult | BaseException] = {}
    done = done if done is not None else threading.Event()

    stop = threading.Event()

    def work() -> None:
        try:
            outcome["result"] = _fetch(con, sql, stop)
        except BaseException as exc:  # handed to the main thread
            outcome["error"] = exc
        finally:
            done.set()

    worker = threading.Thread(target=work, name="pressroom-sql", daemon=True)
    worker.start()
    deadline = None if timeout is None else clock() + timeout
    try:
        while not done.is_set():
            # Event.wait returns on a signal too, so KeyboardInterrupt is
            # raised here at once while DuckDB runs in the worker.
            left = 1.0 if deadline is None else max(deadline - clock(), 0.0)
            if done.wait(min(left, 1.0)):
                break
            if deadline is not None and clock() >= deadline:
                _stop(con, done, stop)
                raise QueryCancelled(f"query cancelled after {timeout:g} s (--timeout)")
    except KeyboardInterrupt:
        _stop(con, done, stop)
        raise
    error = outcome.get("error")
    if isinstance(error, duckdb.Error):
        raise translate(error) from error
    if isinstance(error, BaseException):
        raise error
    result = outcome["result"]
    assert isinstance(result, QueryResult)
    return result


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, stop: threading.Event) -> QueryResult:
    """Run ``sql`` and convert its rows in chunks, giving up between chunks once ``stop`` is set.

    Converting rows to Python is outside DuckDB's memory limit and cannot be
    interrupted by it: chunks keep Ctrl-C and --timeout prompt, and a result
    too large for this process's memory is one line, not a traceback.
    """
    result = con.execute(sql)
    if result is None or result.description is None:  # no statement (empty, a comment)
        return QueryResult(columns=[], rows=[])
    columns = [d[0] for d in result.description]
    rows: list[tuple[object, ...]] = []
    try:
        while not stop.is_set():
            chunk = result.fetchmany(FETCH_CHUNK)
            if not chunk:
                return QueryResult(columns=columns, rows=rows)
            rows.extend(tuple(r) for r in chunk)
    except (MemoryError, RuntimeError) as exc:  # DuckDB: "Could not allocate tuple object!"
        fetched = len(rows)
        rows.clear()  # free the memory before anything else runs
        raise WarehouseError(f"query failed: the result does not fit in memory after "
                             f"{fetched} rows ({one_line(exc)}); add a LIMIT, aggregate, "
                             f"or use `pressroom export`") from exc
    raise duckdb.InterruptException("query interrupted while its rows were fetched")


def _stop(con: duckdb.DuckDBPyConnection, done: threading.Event, stop: threading.Event) -> None:
    """Interrupt the running statement (or the fetching of its rows) and let it unwind."""
    stop.set()
    con.interrupt()
    done.wait(STOP_WAIT)
