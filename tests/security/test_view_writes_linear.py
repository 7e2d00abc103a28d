"""s50: :func:`warehouse.view_writes.written` walks the tokens once (it copied the rest
of the list at each UPDATE/INTO/FROM: quadratic on a hostile 128 KiB statement) and
answers as before: the walk of 5d9df25, kept here, is the reference."""

from __future__ import annotations

import pytest

from warehouse.sql_tokens import sql_tokens
from warehouse.view_writes import written


def written_before(sql: str) -> list[str]:
    """``written`` as it was on 5d9df25 (the slice per keyword)."""
    tokens = sql_tokens(sql)
    names = []
    previous = ""
    for i, token in enumerate(tokens):
        word = token.name if token.kind == "keyword" else ""
        if (
            word in ("update", "into", "truncate")
            or (word == "from" and previous == "delete")
            or (word == "table" and previous == "truncate")
        ):
            name = None
            for follow in tokens[i + 1:]:
                if follow.kind in ("word", "quoted"):
                    name = follow.name
                elif not follow.is_symbol("."):
                    break
            if name:
                names.append(name)
        if word:
            previous = word
    return names


STATEMENTS = [
    "DELETE FROM articles",
    "delete from main.Articles WHERE 1",
    'UPDATE "Articles" SET title = 1',
    'UPDATE wh.main."arti""cles" SET x = 1',
    "INSERT INTO articles_latest SELECT * FROM runs",
    "INSERT INTO x.y.z VALUES (1); DELETE FROM stories; UPDATE daily_counts SET n = 0",
    "MERGE INTO articles USING runs ON true WHEN MATCHED THEN DELETE",
    "TRUNCATE articles", "TRUNCATE TABLE stories", "truncate table main.runs",
    "SELECT 'DELETE FROM articles' /* UPDATE stories */ -- INTO x",
    "SELECT * FROM articles", "COPY t TO 'f'", "INSERT INTO . . articles VALUES (1)",
    "INSERT INTO", "UPDATE", "DELETE FROM", "INSERT INTO 1", "UPDATE (SELECT 1)",
    "INSERT INTO a . \"b\" . c VALUES (1)", "UPDATE a.", "DELETE FROM .a",
    "INSERT INTO INTO INTO x", "UPDATE\u00a0articles SET a = 1",
    "INSERT INTO ar$t VALUES (1); INSERT INTO é VALUES (2)",
    "SELECT 1; DELETE\nFROM\n\"a\".\"b\"",
]


@pytest.mark.parametrize("sql", STATEMENTS)
def test_written_answers_as_before(sql: str) -> None:
    assert written(sql) == written_before(sql)


def test_a_long_statement_of_writes_answers_as_before() -> None:
    sql = "".join(f"INSERT INTO s{i}.t{i} VALUES (1); UPDATE \"u{i}\" SET a = 1; "
                  f"DELETE FROM d{i}; " for i in range(300))
    assert written(sql) == written_before(sql)
    assert len(written(sql)) == 900
