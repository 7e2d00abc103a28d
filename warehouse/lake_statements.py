"""Which statements ``pressroom sql`` runs on a lake: queries only, calling only
table functions that read.

A lake's sandbox must leave its data folder readable (DuckLake opens its Parquet
files as queries reach them), so DuckDB's walls would let a statement write
there too. Statements are therefore checked before they run, from DuckDB's own
parser: their type must be one of :data:`warehouse.lake_read.READ_STATEMENTS`,
and every table function a query (or a ``SET`` value) calls must be on
:data:`READ_TABLE_FUNCTIONS`. An allowlist, not a list of the harmful ones:
reviews r18b and v19 found writers behind every list (DuckLake's maintenance
functions; ``checkpoint()`` and ``force_checkpoint()``, which flush a lake's
inlined rows into new Parquet files; ``json_execute_serialized_sql`` and
``query``, which run SQL out of this check's sight; ``enable_logging``, which
writes log files into any allowed folder; a ``SET VARIABLE`` whose value is a
query).
"""

from __future__ import annotations

import json

import duckdb

from pressroom.errors import QueryRefused
from warehouse.sql_tokens import SqlText, read_once, sql_tokens

# Table functions that only read: series and unnesting, DuckDB's own catalog and
# settings views, file readers (external access is off: they reach only the
# lake's data folder), Parquet metadata, JSON, and DuckLake's catalog reads.
READ_TABLE_FUNCTIONS = frozenset({
    "range", "generate_series", "unnest", "repeat", "repeat_row", "json_each", "json_tree",
    "summary", "test_all_types", "test_vector_types", "icu_calendar_names",
    "pg_timezone_names", "histogram", "histogram_values",
    "duckdb_approx_database_count", "duckdb_columns", "duckdb_constraints",
    "duckdb_coordinate_systems", "duckdb_databases", "duckdb_dependencies",
    "duckdb_extensions", "duckdb_functions", "duckdb_indexes", "duckdb_keywords",
    "duckdb_memory", "duckdb_optimizers", "duckdb_prepared_statements", "duckdb_schemas",
    "duckdb_sequences", "duckdb_settings", "duckdb_table_sample", "duckdb_tables",
    "duckdb_temporary_files", "duckdb_types", "duckdb_variables", "duckdb_views",
    "pragma_collations", "pragma_database_size", "pragma_metadata_info", "pragma_platform",
    "pragma_show", "pragma_storage_info", "pragma_table_info", "pragma_user_agent",
    "pragma_version", "show", "show_databases", "show_tables", "show_tables_expanded",
    "table_info", "database_size", "storage_info", "metadata_info", "version", "platform",
    "user_agent", "functions", "collations", "database_list",
    "read_parquet", "parquet_scan", "parquet_metadata", "parquet_file_metadata",
    "parquet_full_metadata", "parquet_kv_metadata", "parquet_schema", "parquet_bloom_probe",
    "read_csv", "read_csv_auto", "sniff_csv", "read_json", "read_json_auto",
    "read_json_objects", "read_json_objects_auto", "read_ndjson", "read_ndjson_auto",
    "read_ndjson_objects", "read_text", "read_blob", "glob",
    "ducklake_snapshots", "ducklake_table_info", "ducklake_table_changes",
    "ducklake_table_insertions", "ducklake_table_deletions", "ducklake_current_snapshot",
    "ducklake_last_committed_snapshot", "ducklake_settings", "ducklake_options",
    "ducklake_list_files",
})

# Called as scalars, these too run SQL text or change the lake.
_REFUSED_ANYWHERE = ("query", "query_table", "json_execute_serialized_sql", "checkpoint",
                     "force_checkpoint")


def warehouse_macros(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The table macros the warehouse's migrations made (``search``): a session that
    may not create any can call these (their bodies are ours)."""
    rows = con.execute("SELECT DISTINCT lower(function_name) FROM duckdb_functions() "
                       "WHERE function_type = 'table_macro' AND NOT internal "
                       "AND database_name NOT IN ('system', 'temp')").fetchall()
    return frozenset(str(name) for (name,) in rows)


def refuse_unless_read(sql: str | SqlText, allowed: frozenset[str],
                       macros: frozenset[str] = frozenset()) -> None:
    """Raise QueryRefused unless every statement of ``sql`` is of an ``allowed`` type
    and calls only table functions that read, or the warehouse's own ``macros``
    (see the module doc)."""
    text = read_once(sql)
    try:
        statements = duckdb.extract_statements(text.sql)
    except duckdb.Error:
        return  # not SQL DuckDB can parse: running it fails with DuckDB's own message
    for statement in statements:
        kind = statement.type.name
        if kind == "SELECT" and "SELECT" in allowed:
            _refuse_functions(statement.query, macros)
            continue
        if kind == "SET" and "SET" in allowed:
            value = _set_value(statement.query)
            if value is not None:
                _refuse_functions("SELECT " + value, macros)
            continue
        if kind in allowed:
            continue
        if kind == "CREATE" and not statement.query and _says_pivot(text):
            raise QueryRefused(_PIVOT_REFUSED)
        if kind in _CHANGES:
            raise QueryRefused(f"refused: the warehouse is open read-only (a lake takes no "
                               f"--write yet; {kind} statements are refused)")
        raise QueryRefused(f"refused: `pressroom sql` has no file, network or extension "
                           f"access, and on a lake runs queries only ({kind} statements "
                           "are refused)")


# Statement types that change data, refused on a lake in the words a read-only file uses.
_CHANGES = frozenset({"INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "MERGE_INTO",
                      "CREATE_FUNC"})


# A PIVOT without an IN list: DuckDB plans it as a CREATE TYPE (an ENUM of the values
# found, made in the session's temp catalog, not the lake's) and a SELECT, neither
# with text; json_serialize_sql takes neither, so the functions it calls cannot be
# checked (its source could call checkpoint(), which writes Parquet files). Measured
# in ops37 (DuckDB 1.5); with the values listed it is one SELECT, checked and run.
_PIVOT_REFUSED = ("refused: on a lake `pressroom sql` runs PIVOT only with the values "
                  "listed (PIVOT t ON col IN ('a', 'b') USING ...: the values to find "
                  "make it a statement this check cannot read); or SELECT the values "
                  "first, or use sum(x) FILTER (WHERE col = 'a')")


def _says_pivot(sql: str | SqlText) -> bool:
    """True if ``sql`` has the keyword PIVOT or PIVOT_WIDER (not in a string, identifier
    or comment: :func:`warehouse.sql_tokens.sql_tokens`)."""
    return any(token.kind == "keyword" and token.name in ("pivot", "pivot_wider")
               for token in read_once(sql).tokens)


def _set_value(statement: str) -> str | None:
    """The expression a ``SET``/``SET VARIABLE`` statement assigns (the text after its
    first ``=`` or ``TO`` outside strings, identifiers and comments), or None (``USE``,
    ``RESET``)."""
    for token in sql_tokens(statement):
        if token.is_symbol("=") or (token.kind == "keyword" and token.name == "to"):
            return statement[token.end:]
    return None


def _refuse_functions(query: str, macros: frozenset[str]) -> None:
    """Refuse a query calling a table function not on :data:`READ_TABLE_FUNCTIONS`,
    or a function that runs SQL text; a query DuckDB cannot serialise is refused too."""
    with duckdb.connect() as con:
        row = con.execute("SELECT json_serialize_sql(?)", [query]).fetchone()
    tree = json.loads(row[0]) if row else {"error": True}
    if tree.get("error"):
        called = ["(a statement that cannot be checked)"]
    else:
        tables, names = _function_names(tree)
        called = sorted((tables - READ_TABLE_FUNCTIONS - macros)
                        | {n for n in names if n in _REFUSED_ANYWHERE
                           or (n.startswith("ducklake_") and n not in READ_TABLE_FUNCTIONS)})
    if called:
        raise QueryRefused(f"refused: `pressroom sql` has no file, network or extension "
                           f"access, and on a lake runs queries only ({', '.join(called)} "
                           "refused)")


def _function_names(node: object) -> tuple[set[str], set[str]]:
    """The table functions, and every function, named in a serialised parse tree
    (lower-cased)."""
    tables: set[str] = set()
    names: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            name = item.get("function_name")
            if isinstance(name, str):
                names.add(name.lower())
            function = item.get("function")
            if item.get("type") == "TABLE_FUNCTION" and isinstance(function, dict):
                tables.add(str(function.get("function_name", "")).lower())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return tables, names
