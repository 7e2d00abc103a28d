"""64-bit lookup keys: what the write path joins on instead of the text columns.

DuckDB has no index on the growing tables (see 001_init.sql), so every lookup
by ``article_id`` or ``url`` scans the table; scanning a 20-64 character text
column of a million rows costs 100-300 ms, scanning a BIGINT column of the
same rows 10-30 ms (measured on the dev box under load, see 008_write_keys.sql).
The key of a text is the lower 64 bits of its MD5 (DuckDB's
``md5_number_lower``) shifted right by one: a non-negative BIGINT (DuckDB
hands join filters on UBIGINT values above 2^63 to Arrow scans as C longs,
which overflow). Migrations and checks compute it in SQL (:func:`sql`), the
write path in Python (:func:`key`, about 2 us a text; computing a batch's keys in
DuckDB instead cost more: 4-8 ms for 100 texts and 16-18 ms for 5,000 against
0.1-0.2 ms and 11-12 ms here, per-statement overhead and no faster MD5); a test
holds the two equal. New ``article_state`` rows get theirs in the INSERT. The chance
that two of a million stored ids share a key is about 5 in 10^8 (n^2 / 2^64).
Were it to happen, the second article would be taken for the first (a new
version of it) were the write path to trust the key alone: it reads the text
id of each row whose key matched and takes only a row of the same text
(:mod:`warehouse.identity`), and updates match the key at the position
where the text was compared (:mod:`warehouse.rowranges`).
integrity_problems reports keys shared by two texts and keys that do not
match their text; `pressroom health` prints them.

Rows without keys (``article_state``, ``seen_urls`` or ``http_cache`` put
back from a backup taken before 008 or 010 with ``pressroom sql --write``)
would be invisible to the write path: each batch first fills them
(:func:`fill_missing`; a scan of BIGINT columns whose row groups without
NULLs are skipped on their statistics, about 1-4 ms at 100k rows).
"""

from __future__ import annotations

import hashlib
import re

import duckdb

_SURROGATE = re.compile("[\ud800-\udfff]")


def key(text: str) -> int:
    """The key of ``text`` as DuckDB stores it (see :func:`sql`).

    Lone surrogates are replaced by U+FFFD first, as :mod:`warehouse.arrow`
    does before the text reaches DuckDB.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        data = _SURROGATE.sub("\ufffd", text).encode("utf-8")
    return int.from_bytes(hashlib.md5(data, usedforsecurity=False).digest()[8:], "little") >> 1


def sql(expr: str) -> str:
    """The SQL expression of the key of ``expr``."""
    return f"(md5_number_lower({expr}) >> 1)::BIGINT"


_FILL_SQL = (
    "UPDATE article_state SET "
    f"id_key = {sql('article_id')}, url_key = {sql('url')}, "
    f"canon_key = {sql('canonical_url')}, content_key = {sql('content_hash')} "
    "WHERE id_key IS NULL OR url_key IS NULL OR canon_key IS NULL OR content_key IS NULL",
    f"UPDATE seen_urls SET url_key = {sql('url')} WHERE url_key IS NULL",
    f"UPDATE http_cache SET url_key = {sql('url')} WHERE url_key IS NULL",
)


def fill_missing(con: duckdb.DuckDBPyConnection) -> None:
    """Compute the keys of rows stored without them (inside the caller's transaction)."""
    for statement in _FILL_SQL:
        con.execute(statement)
