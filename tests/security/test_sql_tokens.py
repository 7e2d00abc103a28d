"""One walk over SQL text (o49): :func:`warehouse.sql_tokens.sql_tokens`, attacked, and
its four callers (``refuse_calls``, ``written``, ``_says_pivot``, ``_set_value``) on the
same hostile spellings.

Before o49 each caller sliced ``duckdb.tokenize``'s offsets out of the Python string and
stripped comments its own way. Those offsets are UTF-8 *bytes*: after a non-ASCII
character every slice was shifted, so ``pressroom sql --write "SELECT 'ééé', * FROM
query('...')"`` ran ``query()`` (SQL text built at run time) past the check, and on a lake
``SET VARIABLE ééé = (SELECT ... query(...))`` had its value never checked. And DuckDB's
parser turns a no-break space (and 17 other Unicode spaces) into a space before it parses,
where ``duckdb.tokenize`` reads one identifier: ``FROM<U+00A0>query(...)`` called ``query``
unseen. The oracle here is DuckDB itself: its parser's text (``extract_statements``), its
parse tree (``json_serialize_sql``), and the CLI.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import duckdb
import pytest

from pressroom.errors import QueryRefused
from tests.cli_run import run_cli
from tests.security.test_sql_view_writes import db as db
from warehouse.lake_read import READ_STATEMENTS
from warehouse.lake_statements import _says_pivot, _set_value, refuse_unless_read
from warehouse.sandbox import WRITE_REFUSED_CALLS, refuse_calls
from warehouse.sql_tokens import parser_text, sql_tokens
from warehouse.view_writes import written

# The characters DuckDB 1.5's parser reads as a space (probed over U+0080-U+2FFFF).
UNICODE_SPACES = ["\u00a0", *map(chr, range(0x2000, 0x200C)), "\u202f", "\u205f", "\u2060",
                  "\u3000", "\ufeff"]
E3 = "ééé"  # three characters, six bytes: what shifted every slice after it

# Text that holds the words ``query(``, ``PIVOT``, ``DELETE FROM articles`` and ``=`` but
# says none of them: strings of every spelling, quoted identifiers, comments.
HIDING = [
    "'{w}'", "'it''s {w}'", "E'\\' {w}'", "e'\\\\'", "$${w}$$", "$t$ $$ {w} $t$",
    "$é$ {w} $é$", "'{w} -- x'", "'/* {w}'", "\"{w}\"", "\"a\"\"{w}\"",
    "/* {w} */ 1", "/* a /* b */ {w} */ 1", "/*/ {w} */ 1", "-- {w}\n 1", "1 -- {w}\r",
    "'a'\n'{w}'", "'a' -- c\n '{w}'", "X'{w}'", "B'{w}'",
]
WORDS = ["query(", "PIVOT", "DELETE FROM articles", "SET x = "]


def _kinds(sql: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in sql_tokens(sql)]


# -- the helper -------------------------------------------------------------------------


def test_tokens_drop_comments_and_keep_strings_whole() -> None:
    assert _kinds('SELECT 1 -- x\n, "a""b" /* c /* d */ e */ FROM t') == [
        ("keyword", "SELECT"), ("number", "1"), ("symbol", ","), ("quoted", '"a""b"'),
        ("keyword", "FROM"), ("word", "t")]
    assert _kinds("SELECT E'a\\'b', $$x -- y$$, $t$ /* $t$, x::int, 'a' -- c\n 'b'") == [
        ("keyword", "SELECT"), ("string", "E'a\\'b'"), ("symbol", ","),
        ("string", "$$x -- y$$"), ("symbol", ","), ("string", "$t$ /* $t$"), ("symbol", ","),
        ("word", "x"), ("symbol", "::"), ("keyword", "int"), ("symbol", ","),
        ("string", "'a' -- c\n 'b'")]
    assert [t.name for t in sql_tokens('SELECT "Q""x", QUERY, café, \u212aelvin')] == [
        "select", 'q"x', ",", "query", ",", "café", ",", "\u212aelvin"]  # ASCII folding only


def test_offsets_are_characters_of_the_text_given() -> None:
    sql = f"SELECT '{E3}' AS \"{E3}\", query(1) /* {E3} */, {E3}"
    for token in sql_tokens(sql):
        assert sql[token.start:token.end] == token.text
    assert [t.text for t in sql_tokens(sql)][-3:] == [")", ",", E3]


@pytest.mark.parametrize("space", UNICODE_SPACES, ids=lambda c: f"U+{ord(c):04X}")
def test_unicode_spaces_split_words_as_duckdbs_parser_does(space: str) -> None:
    sql = f"SELECT{space}1 AS a{space}, 'x{space}y' AS \"p{space}q\" -- {space}\n"
    assert parser_text(sql) == duckdb.extract_statements(sql)[0].query
    assert [t.text for t in sql_tokens(sql)] == [
        "SELECT", "1", "AS", "a", ",", f"'x{space}y'", "AS", f'"p{space}q"']


# DuckDB's stripper has quirks (a quote inside /* */ counts; E'\'' ends at \'; bounds at
# the end of the text; a $tag$ closed on its own opening $): the port keeps each.
QUIRKS = [
    "SELECT /* ' */ 1 AS a, 'b' AS \u00a0c -- '",
    "SELECT E'\\'' AS x, 1 AS\u00a0y",
    "SELECT 1 AS x\u00a0",
    "SELECT 1 AS x \u3000",
    "SELECT $a$a$ AS x, 1\u00a0AS y",
    "SELECT $_a$ \u00a0 $_a$ AS x",
    "SELECT 1 AS a$b, 2\u00a0AS c",
    "SELECT $$x$$ AS a, 1 AS\u00a0b",
    "SELECT 'a''\u00a0' AS x, 1 AS\u2009y",
    "SELECT 1 -- c\u00a0\r, 2\u00a0AS z",
    "SELECT '\u00a0', \"\u00a0\", $$\u00a0$$, 1",
]


@pytest.mark.parametrize("sql", QUIRKS)
def test_parser_text_is_duckdbs_own(sql: str) -> None:
    try:
        theirs = duckdb.extract_statements(sql)[0].query
    except duckdb.ParserException:
        with pytest.raises(duckdb.ParserException):
            duckdb.extract_statements(parser_text(sql))
        return
    assert parser_text(sql) == theirs


@pytest.mark.parametrize("sql", [*QUIRKS, *(f"SELECT {h.format(w='query(')}, 1"
                                            for h in HIDING)])
def test_each_token_is_one_duckdb_token(sql: str) -> None:
    for token in sql_tokens(sql):
        if token.kind != "unlexed":
            assert len(duckdb.tokenize(token.text)) == 1, token


def test_nothing_after_a_nul_is_read_as_duckdb_reads_nothing_after_it() -> None:
    sql = "SELECT 42 AS a \x00, * FROM query('SELECT 1')"
    assert duckdb.connect().execute(sql).fetchall() == [(42,)]
    assert [t.text for t in sql_tokens(sql)] == ["SELECT", "42", "AS", "a"]


@pytest.mark.parametrize("sql", ["SELECT 'unterminated", "SELECT U&'d\\0061t', query(1)",
                                 'SELECT "a', "SELECT $$ x", "SELECT $a$ x $b$"])
def test_where_duckdbs_scanner_stops_the_rest_is_unlexed(sql: str) -> None:
    with pytest.raises(duckdb.ParserException):
        duckdb.extract_statements(sql)  # so it never runs
    assert sql_tokens(sql)[-1].kind == "unlexed"


def test_text_that_is_not_unicode_is_refused_not_guessed() -> None:
    with pytest.raises(UnicodeEncodeError):
        sql_tokens("SELECT '\udcff'")


# -- the four callers agree -------------------------------------------------------------


@pytest.mark.parametrize("hide", HIDING)
def test_no_caller_reads_words_that_are_strings_or_comments(hide: str) -> None:
    for word in WORDS:
        sql = f"SELECT {hide.format(w=word)}"
        refuse_calls(sql, WRITE_REFUSED_CALLS)
        assert written(sql) == [] and not _says_pivot(sql)
        assert _set_value(sql) is None


SAYING = [  # the same words, spelled to slip past a walk that slices or strips badly
    "SELECT '{e}' AS a, {w}",
    "SELECT \"{e}\" AS a, {w}",
    "SELECT 1 /* a /* {e} */ b */, {w}",
    "SELECT $${e} -- $$ AS a, {w}",
    "SELECT E'\\' {e} -- ' AS a, {w}",
    "SELECT 'x' /* ' */, {w}",
]


@pytest.mark.parametrize("spelling", SAYING)
def test_every_caller_reads_the_words_after_hostile_text(spelling: str) -> None:
    call = spelling.format(e=E3, w="* FROM query/* c */('SELECT 1')")
    with pytest.raises(QueryRefused, match=r"call query\(\)"):
        refuse_calls(call, WRITE_REFUSED_CALLS)
    assert _called(call) == {"query"}  # what DuckDB's parse tree calls: the same
    assert written(spelling.format(e=E3, w="1; DELETE FROM main.\"Articles\"")) == ["articles"]
    assert _says_pivot(spelling.format(e=E3, w="1; PIVOT/**/t ON x"))
    assert _set_value(f"SET VARIABLE \"{E3}\" /* = */ = 1 + 2") == " 1 + 2"


@pytest.mark.parametrize("space", UNICODE_SPACES, ids=lambda c: f"U+{ord(c):04X}")
def test_a_unicode_space_before_a_call_is_a_call(space: str) -> None:
    call = f"SELECT *{space}FROM{space}query('SELECT 1')"
    assert _called(call) == {"query"}
    with pytest.raises(QueryRefused):
        refuse_calls(call, WRITE_REFUSED_CALLS)


def test_a_set_value_after_unicode_is_checked_on_a_lake() -> None:
    # Before o49 the byte offset missed the "=": the value was never checked.
    for sql in (f"SET VARIABLE {E3} = (SELECT count(*) FROM query('SELECT 1'))",
                f"SET VARIABLE \"{E3}\" TO (SELECT * FROM checkpoint())"):
        with pytest.raises(QueryRefused, match="refused"):
            refuse_unless_read(sql, READ_STATEMENTS)
    refuse_unless_read(f"SET VARIABLE {E3} = (SELECT count(*) FROM range(3))", READ_STATEMENTS)


def test_a_pivot_after_a_comment_or_unicode_is_named_on_a_lake() -> None:
    for sql in ("PIVOT/**/t ON x USING sum(y)", f"SELECT '{E3}{E3}'; PIVOT t ON x"):
        with pytest.raises(QueryRefused, match="PIVOT only with the values listed"):
            refuse_unless_read(sql, READ_STATEMENTS)


def _called(sql: str) -> set[str]:
    """The functions DuckDB's own parse tree of ``sql`` calls, among the refused ones."""
    row = duckdb.connect().execute("SELECT json_serialize_sql(?)", [sql]).fetchone()
    assert row is not None
    names: set[str] = set()
    stack: list[object] = [json.loads(row[0])]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            if isinstance(item.get("function_name"), str):
                names.add(item["function_name"].lower())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return names & WRITE_REFUSED_CALLS


# -- the CLI ----------------------------------------------------------------------------


def _sql(db: Path, query: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("sql", query, "--db", str(db), *extra, timeout=120)


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("pressroom: error: "), lines
    return lines[0]


@pytest.mark.parametrize("query", [
    f"SELECT '{E3}' AS a, * FROM query('SELECT 42 AS b')",
    "SELECT * FROM\u00a0query('SELECT 42 AS b')",
    f"SELECT \"{E3}\" FROM (SELECT 1 AS \"{E3}\"), query_table('articles')",
])
def test_write_refuses_query_after_unicode(db: Path, query: str) -> None:
    line = _one_line(_sql(db, query, "--write"))
    assert "refused: `pressroom sql --write` does not call query" in line, line


def test_write_refuses_file_logging_after_unicode(db: Path) -> None:
    # Before o49 this reached DuckDB: the file log's writer, denied the folder, aborted
    # the process at the next statement (exit 134).
    logs = db.parent / "logs"
    query = (f"SELECT '{E3}'; CALL enable_logging(storage = 'file', storage_path = "
             f"'{logs}'); SELECT 1")
    assert "does not call enable_logging()" in _one_line(_sql(db, query, "--write"))
    assert not logs.exists()


def test_a_view_written_after_unicode_is_named(db: Path) -> None:
    line = _one_line(_sql(db, f"SELECT '{E3}'; DELETE FROM articles /* a /* b */ c */"))
    assert "`articles` is a view" in line and "read-only" in line, line


def test_the_names_in_strings_still_run_with_write(db: Path) -> None:
    done = _sql(db, f"SELECT '{E3} query(' AS a, $$enable_logging($$ AS b, 1 AS \"detach\"",
                "--write", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == f"{E3} query(,enable_logging(,1"


def test_sql_that_is_not_utf8_is_one_line(db: Path) -> None:
    for extra in ((), ("--write",)):
        line = _one_line(_sql(db, "SELECT '\udcff'", *extra))  # byte 0xff in argv
        assert "not UTF-8" in line, line


PIECES = ["'a'", "'it''s'", "E'\\''", "E'\\\\'", "$$x$$", "$t$ ' $t$", "\"q\"\"x\"", "/* ' */",
          "/* \" */", "-- '\n", "-- x\r", "1", "a$b", "x", "'\u00a0'", "$_a$\u00a0$_a$", "é"]


def test_parser_text_is_duckdbs_own_on_random_mixes() -> None:
    import random

    rng = random.Random(49)
    compared = 0
    for _ in range(3000):
        parts = [rng.choice([*PIECES, *UNICODE_SPACES, " ", ", "]) for _ in range(8)]
        sql = "SELECT 0 " + "".join(parts) + rng.choice(["", " ", "\u00a0", "x\u00a0"])
        try:
            theirs = duckdb.extract_statements(sql)
        except duckdb.ParserException:
            continue
        if len(theirs) == 1:
            assert parser_text(sql) == theirs[0].query, sql
            compared += 1
    assert compared > 200  # 295 of 3,000 parse (seed 49)
