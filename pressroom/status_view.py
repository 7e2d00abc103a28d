"""``pressroom status`` output: a table that fits 100 columns, errors below it.

The table keeps to the counts that matter at a glance; each source's error
follows on its own line, cut to the width unless ``--verbose``. CSV and JSON
carry every field in full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime

from warehouse.format import render, render_table
from warehouse.records import QueryResult, SourceStatus

WIDTH = 100
_TABLE_COLUMNS = ["source", "articles", "last run UTC", "status", "listed", "fetched", "new",
                  "upd", "same", "failed"]


def _when(value: datetime | None) -> str | None:
    return value.strftime("%m-%d %H:%M") if value else None


def _error_line(st: SourceStatus) -> str | None:
    if st.error:
        return f"{st.source}: {st.error}"
    if st.last_error:
        when = st.last_error_at.strftime("%Y-%m-%d %H:%M") if st.last_error_at else ""
        return f"{st.source}: last error {when}: {st.last_error}"
    return None


def _cut(line: str, width: int) -> str:
    return line if len(line) <= width else line[: width - 1] + "…"


def render_status(statuses: Sequence[SourceStatus], fmt: str, *, verbose: bool = False,
                  width: int = WIDTH) -> str:
    """The status of every source in ``fmt`` (table, csv or json)."""
    if fmt != "table":
        flat = []
        for st in statuses:
            row = asdict(st)
            counts = row.pop("counts")
            error = row.pop("error")
            flat.append({**row, **counts, "run_error": error})
        columns = list(flat[0]) if flat else ["source"]
        return render(QueryResult(columns=columns, rows=[tuple(r.values()) for r in flat]),
                      fmt)  # type: ignore[arg-type]
    rows = [
        (st.source, st.articles, _when(st.finished_at or st.started_at), st.status,
         st.counts.discovered, st.counts.fetched, st.counts.new, st.counts.updated,
         st.counts.unchanged, st.counts.failed)
        for st in statuses
    ]
    text = render_table(QueryResult(columns=_TABLE_COLUMNS, rows=rows), max_width=16)
    errors = [line for line in map(_error_line, statuses) if line]
    errors += [
        f"{st.source}: {st.pending_retry} URL(s) pending retry"
        + (f" (next {st.next_retry_at:%Y-%m-%d %H:%M})" if st.next_retry_at else "")
        + f", {st.given_up} given up; see pressroom status --retries"
        for st in statuses if st.pending_retry or st.given_up
    ]
    if not errors:
        return text
    shown = errors if verbose else [_cut(line, width) for line in errors]
    lines = [text, "", "errors:", *shown]
    if shown != errors:
        lines.append("(errors cut to fit; --verbose or --format json shows them in full)")
    return "\n".join(lines)
