"""What clustering asks of the stored story rows, and the same asked of DuckDB by scans.

:class:`Lookup` is the interface :mod:`warehouse.story_index` clusters through;
:class:`ScanLookup` answers it by scanning DuckDB's story tables (no index:
the cost grows with the warehouse), for a warehouse in memory or one whose
sidecar cannot be used. :class:`warehouse.story_sidecar.Sidecar` answers it
from SQLite B-trees beside the warehouse.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

import duckdb
import pyarrow as pa

from warehouse import txn

# A member as the sidecar keeps it: seq, id key, content key, source, paragraph hashes.
Member = tuple[int, int, int, str, Sequence[int]]


def registered(con: duckdb.DuckDBPyConnection, name: str, column: str,
               values: Iterable[int], sql: str) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` with ``values`` (sorted, distinct) registered as ``name(column)``."""
    with txn.registered(con, {name: pa.table({column: pa.array(sorted(set(values)), pa.int64())})}):
        return con.execute(sql).fetchall()


class Lookup(Protocol):
    """What clustering asks of the stored story rows."""

    def prepare(self, con: duckdb.DuckDBPyConnection) -> int:
        """Get ready for a batch; the highest committed seq."""
        ...

    def stored(self, con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> dict[int, int]:
        """Content key of each clustered article among ``ids`` (id keys)."""
        ...

    def seqs(self, con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> list[int]:
        """Seqs of the stored members with one of ``ids`` (id keys; a stale seq may be
        among them: the caller reads the members by seq)."""
        ...

    def bands(self, con: duckdb.DuckDBPyConnection, keys: set[int]) -> list[tuple[int, int]]:
        """(band key, seq) of the stored rows with one of ``keys``."""
        ...

    def paragraph_counts(self, con: duckdb.DuckDBPyConnection, pairs: set[tuple[str, int]]
                         ) -> dict[tuple[str, int], int]:
        """Stored document counts of the given (source, paragraph hash) pairs."""
        ...

    def absorb(self, members: Sequence[Member], bands: Sequence[tuple[int, int]]) -> None:
        """Rows just written by the caller (only a rebuild's private sidecar takes them)."""
        ...

    def wrote(self, members: Sequence[Member], bands: Sequence[tuple[int, int]],
              stamp: int) -> None:
        """Rows the open write transaction stored (the last member's ``assigned_at`` in
        epoch µs): held until :meth:`committed`, dropped by :meth:`forget`."""
        ...

    def committed(self) -> None:
        """The transaction that :meth:`wrote` rows committed: take them."""
        ...

    def forget(self) -> None:
        """Drop rows held from a transaction that did not commit."""
        ...


class ScanLookup:
    """The lookups as DuckDB scans (no index: cost grows with the warehouse)."""

    def prepare(self, con: duckdb.DuckDBPyConnection) -> int:
        row = con.execute("SELECT coalesce(max(seq), 0) FROM story_members").fetchone()
        return int(row[0]) if row else 0

    def stored(self, con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> dict[int, int]:
        return {int(k): int(c) for k, c in registered(
            con, "_pr_story_ids", "k", ids,
            "SELECT id_key, content_key FROM story_members WHERE id_key IN "
            "(SELECT k FROM _pr_story_ids)")}

    def seqs(self, con: duckdb.DuckDBPyConnection, ids: Sequence[int]) -> list[int]:
        return [int(q) for (q,) in registered(
            con, "_pr_story_ids", "k", ids,
            "SELECT seq FROM story_members WHERE id_key IN (SELECT k FROM _pr_story_ids)")]

    def bands(self, con: duckdb.DuckDBPyConnection, keys: set[int]) -> list[tuple[int, int]]:
        return [(int(k), int(q)) for k, q in registered(
            con, "_pr_story_keys", "band_key", keys,
            "SELECT band_key, seq FROM story_bands "
            "WHERE band_key IN (SELECT band_key FROM _pr_story_keys)")]

    def paragraph_counts(self, con: duckdb.DuckDBPyConnection, pairs: set[tuple[str, int]]
                         ) -> dict[tuple[str, int], int]:
        rows = registered(con, "_pr_story_paras", "para_hash", [h for _, h in pairs],
                          "SELECT source, para_hash, sum(docs) FROM story_paragraphs "
                          "WHERE para_hash IN (SELECT para_hash FROM _pr_story_paras) "
                          "GROUP BY ALL")  # rows are changes (warehouse.story_rows)
        return {(str(s), int(h)): int(n) for s, h, n in rows if (s, h) in pairs}

    def absorb(self, members: Sequence[Member], bands: Sequence[tuple[int, int]]) -> None:
        return None

    def wrote(self, members: Sequence[Member], bands: Sequence[tuple[int, int]],
              stamp: int) -> None:
        return None

    def committed(self) -> None:
        return None

    def forget(self) -> None:
        return None
