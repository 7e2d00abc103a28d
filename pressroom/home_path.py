"""Every path the command line takes, from an option or the environment, with a leading
``~`` or ``~user`` expanded as the shell would (k52c).

c52 expanded ``--out`` only: ``--sources '~/s.toml'`` (quoted, or from
``PRESSROOM_SOURCES``, where no shell expands it) was looked for in a folder named ``~``,
and ``--db '~nosuchuser/x'`` reached ``Path.expanduser`` deep in the warehouse, which
raised a traceback. :func:`expand_home` is the one rule (``os.path.expanduser``: a ``~``
inside a path, or not before its first ``/``, is a name, as in the shell); ``pressroom.cli``
applies it to every option in PATH_OPTIONS once the options are read, and checks the
variables read where no option stands for them (the search index's when no --index is
given, the sources file export and report read their [warehouse] from, this host's state
folder), and refuses a ``~user`` with no home folder in one line, exit 2.
"""

from __future__ import annotations

import argparse
import os

# dest -> (option, the environment variable its default comes from, or None). A warehouse
# may be a DuckLake whose catalog is a file (ducklake:~/meta.ducklake: expand_target); an
# object store URL or a PostgreSQL catalog does not begin with "~", all expand_home reads.
PATH_OPTIONS = {
    "sources": ("--sources", "PRESSROOM_SOURCES"),
    "db": ("--db", "PRESSROOM_DB"),
    "source_db": ("--db", "PRESSROOM_DB"),  # migrate's
    "to": ("--to", None),  # migrate's lake
    "data_path": ("--data-path", "PRESSROOM_DATA_PATH"),
    "index": ("--index", "PRESSROOM_INDEX"),
}

TARGETS = frozenset({"db", "source_db", "to"})
LAKE = "ducklake:"  # warehouse.lake.PREFIX (not imported: it loads DuckDB)


def expand_home(path: str) -> str | None:
    """``path`` with a leading ``~`` or ``~user`` expanded as the shell would; None when
    it names no home folder (a ``~user`` no account has)."""
    expanded = os.path.expanduser(path)
    return None if expanded.startswith("~") else expanded


def expand_target(db: str) -> str | None:
    """A warehouse (``--db``, ``[warehouse] db``) with its file's ``~`` expanded, a
    DuckLake catalog file's (``ducklake:~/meta.ducklake``) included; None as
    :func:`expand_home`."""
    if db.startswith(LAKE):
        catalog = expand_home(db[len(LAKE):].strip())
        return None if catalog is None else LAKE + catalog
    return expand_home(db)


def no_home(path: str) -> str:
    """Why ``path`` (one :func:`expand_home` answered None for) names nothing."""
    home = path.removeprefix(LAKE).strip().split("/", 1)[0]
    return f"{path!r} begins with {home}, which names no home folder"


def expand_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str | None:
    """Expand the paths in ``args`` (those of PATH_OPTIONS the command has) and check the
    path variables the command reads where no option stands for them; the first
    refusal's words (naming the option, or the variable the value came from), or None."""
    given = {action.dest: action for action in parser._actions}
    for dest, (option, variable) in PATH_OPTIONS.items():
        value = getattr(args, dest, None)
        if dest not in given or not isinstance(value, str):
            continue
        # argparse leaves its default object in place when the option is not given (a
        # blank default can only be a variable's: the fallbacks are not)
        if variable and value is given[dest].default:
            if (problem := variable_problem(variable, value, dest in TARGETS)) is not None:
                return problem
        elif not value.strip():
            # u55: Path('') is '.', so `--db ''` said "warehouse . is not a file but a
            # folder" and `--sources ''` "cannot read sources file ."
            return f"{option} is empty; give a path"
        expanded = expand_target(value) if dest in TARGETS else expand_home(value)
        if expanded is None:
            return f"{option} {no_home(value)}"
        setattr(args, dest, expanded)
    # The sources file export, report, status and sql read for its [warehouse] table
    # when no --db names the warehouse (analyst_cli.resolve_target)
    sources_read = not isinstance(getattr(args, "sources", None), str) and "db" in given
    for variable, reads, empty_read in (
            ("PRESSROOM_INDEX", "index" in given and args.index is None, False),
            ("PRESSROOM_SOURCES", sources_read, sources_read and _reads_sources_file(args)),
            ("PRESSROOM_STATE_DIR", "db" in given or "source_db" in given, False)):
        value = os.environ.get(variable)
        # An empty index or state folder is read as unset (state_folder, index_choice); an
        # empty sources file is refused as ingest's is (k55a), where it is read (h56)
        if (reads and (value or (empty_read and value is not None))
                and (problem := variable_problem(variable, value or "")) is not None):
            return problem
    return None


def _reads_sources_file(args: argparse.Namespace) -> bool:
    """True when no --db (nor $PRESSROOM_DB) names the warehouse, or names a lake with no
    data path: the sources file's [warehouse] is read for it."""
    db = getattr(args, "db", None)
    return db is None or (db.startswith(LAKE) and getattr(args, "data_path", None) is None)


def variable_problem(variable: str, value: str, target: bool = False) -> str | None:
    """Why the path in ``variable`` (``value``) names nothing, or None: the one rule for
    every PRESSROOM_* path variable the command line reads. k55a: ``PRESSROOM_DB=''``
    said "warehouse . is not a file but a folder"; c55: ``PRESSROOM_STATE_DIR=' '`` and
    ``PRESSROOM_INDEX=' '`` named a folder or file called " " (k52c: a ~user with no home)."""
    if not value.strip():
        return f"{variable} is empty; set {variable} to a path (or unset it)"
    if (expand_target(value) if target else expand_home(value)) is None:
        return f"{variable} {no_home(value)}; set {variable} to another path (or unset it)"
    return None
