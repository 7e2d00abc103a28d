"""A statement of ``pressroom sql`` that writes to a view, refused in one line (o48).

``articles``, ``articles_latest``, ``stories``, ``daily_counts``, ... are views
(README, "Tables"). DuckDB binds a ``DELETE`` or ``UPDATE`` on a view before it checks
that the database is read-only ("Binder Error: Can only delete from base table"), and an
``INSERT`` into one fails on the catalog ("articles is not an table"), so
:func:`warehouse.sandbox.translate` saw neither as a refusal. Here such a failure is
read again with the statement and the session: the view it names, or the first view the
SQL writes to (``DELETE FROM``, ``UPDATE``, ``INSERT INTO``), is named in the line, and
for the article views the table that keeps the versions. No row of ``article_versions``
is ever changed by the pipeline (article text is immutable), so the line points at it
only to say where the text lives, not as a table to edit.
"""

from __future__ import annotations

import re

import duckdb

from pressroom.errors import QueryRefused
from warehouse.sql_tokens import SqlText, read_once

# DuckDB's failures of a write to a view: DELETE / UPDATE / MERGE (binder; k48: MERGE
# INTO, DuckDB 1.4, "Can only merge into base tables!"), INSERT (catalog).
_WRITE_TO_VIEW = re.compile(r"Can only (?:delete from|update|merge into) base table"
                            r"|Catalog Error: (\S+) is not an? table", re.IGNORECASE)
# What the article views show; their rows are versions kept in article_versions.
_ARTICLE_VIEWS = {"articles": "each article's newest version",
                  "articles_latest": "each article's newest version"}
_VERSIONS = ("versions are kept, append-only, in `article_versions` (article text is "
             "immutable)")


def view_refusal(exc: BaseException | None, sql: str | SqlText, con: duckdb.DuckDBPyConnection,
                 *, read_only: bool) -> QueryRefused | None:
    """The refusal for ``exc``, DuckDB's failure of ``sql`` on ``con``, when it is a write
    to a view; else None (the failure is left as it was)."""
    if not isinstance(exc, duckdb.Error):
        return None
    found = _WRITE_TO_VIEW.search(str(exc))
    if found is None:
        return None
    try:
        views = {str(name).lower() for (name,) in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    except duckdb.Error:
        views = set()
    named = [_unquote(found.group(1))] if found.group(1) else written(sql)
    view = next((name for name in named if name.lower() in views), None)
    if view is None and found.group(1):
        return None  # an INSERT into something else that is no table (a macro's name)
    return QueryRefused(_line(view and view.lower(), read_only=read_only))


def _line(view: str | None, *, read_only: bool) -> str:
    if view is None:
        what = "the statement writes to a view"
    else:
        about = _ARTICLE_VIEWS.get(view, "computed from the tables")
        what = f"`{view}` is a view ({about})"
    rest = f"; {_VERSIONS}" if view in _ARTICLE_VIEWS else ""
    if read_only:
        return (f"refused: the warehouse is open read-only, and {what}: no statement changes "
                f"its rows, --write or not{rest}")
    return f"refused: {what}: no statement changes its rows{rest}"


def written(sql: str | SqlText) -> list[str]:
    """The names (a dotted name's last part, as DuckDB compares names: unquoted, ASCII
    lower case) that ``sql`` deletes from, updates, inserts or merges into or truncates,
    in order: a ``DELETE``'s ``FROM``, an ``UPDATE``, an ``INTO``, a ``TRUNCATE [TABLE]``
    (:func:`warehouse.sql_tokens.sql_tokens`: comments and strings are no words)."""
    tokens = read_once(sql).tokens
    names = []
    previous = ""
    for i, token in enumerate(tokens):
        word = token.name if token.kind == "keyword" else ""
        if (
            word in ("update", "into", "truncate")  # MERGE INTO; TRUNCATE [TABLE] (k48)
            or (word == "from" and previous == "delete")
            or (word == "table" and previous == "truncate")
        ):
            name = None
            at = i + 1  # a dotted name: keep its last part (by index: no copy of the rest, s50)
            while at < len(tokens) and (tokens[at].kind in ("word", "quoted")
                                        or tokens[at].is_symbol(".")):
                if tokens[at].kind != "symbol":
                    name = tokens[at].name
                at += 1
            if name:
                names.append(name)
        if word:
            previous = word
    return names


def _unquote(name: str) -> str:
    """An identifier without its double quotes."""
    if len(name) > 1 and name.startswith('"') and name.endswith('"'):
        return name[1:-1].replace('""', '"')
    return name
