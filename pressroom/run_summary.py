"""The console summary of ``ingest`` and ``backfill``: a table that fits 100 columns,
the totals, then one line per failed or partial source.

``--verbose`` shows every column of the run's rows (story counts, fetch times, notes),
errors uncut and each failed URL with its reason; the Prefect artifact
``ingest-summary`` holds the same rows (``ingest-failures`` the failed URLs).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from warehouse.format import clip, printable, render, render_table
from warehouse.records import QueryResult, did_none_of_its_work

WIDTH = 100
# Row key -> compact header; the outcome columns in the order the totals name them.
_COMPACT = {"source": "source", "status": "status", "listed": "listed", "fetched": "fetched",
            "new": "new", "updated": "upd", "unchanged": "same", "not_articles": "not art",
            "retry_list": "retry", "failed": "failed"}


def _n(row: dict[str, Any], key: str) -> int:
    return int(row.get(key) or 0)


def summary_table(rows: Sequence[dict[str, Any]], *, verbose: bool = False) -> str:
    """The per-source table: compact, or every column with ``verbose``."""
    if verbose:
        # Errors and failed URLs go below, one line each.
        columns = [c for c in rows[0] if c not in ("error", "failures")]
        return render(QueryResult(columns=columns,
                                  rows=[tuple(r.get(c) for c in columns) for r in rows]),
                      "table")
    keys = list(_COMPACT)
    headers = list(_COMPACT.values())
    for key in ("later", "older"):  # only when some: over max_articles, older than --since
        if any(_n(r, key) for r in rows):
            keys.append(key)
            headers.append(key)
    table = [tuple(clip(str(r["source"]), 16) if k == "source" else r.get(k) for k in keys)
             for r in rows]
    text = render_table(QueryResult(columns=headers, rows=table), max_width=16)
    notes = [f"{r['source']}: {r['note']}" for r in rows if r.get("note")]
    return "\n".join([text, *(clip(n, WIDTH) for n in notes)])


def totals_lines(rows: Sequence[dict[str, Any]], *, backfill: bool = False) -> list[str]:
    """The run's totals, each line within 100 columns:
    ``total: 60 listed, 0 fetched, 0 new (0 new stories, 0 copies of existing stories),``
    then the other outcomes.

    'listed' counts what the feeds list, known articles included, so a quiet
    run reads "60 listed, 0 new" rather than nothing found. A backfill's leftovers
    wait for the next backfill: a scheduled run reads only the newest pages.
    """
    t = {k: sum(_n(r, k) for r in rows)
         for k in ("listed", "fetched", "new", "updated", "unchanged", "not_articles",
                   "retry_list", "failed", "new_stories", "new_copies", "later", "older")}
    lines = [f"total: {t['listed']} listed, {t['fetched']} fetched, {t['new']} new "
             f"({t['new_stories']} new stories, {t['new_copies']} copies of existing stories),",
             f"       {t['updated']} updated, {t['unchanged']} unchanged, "
             f"{t['not_articles']} not articles, {t['retry_list']} on the retry list, "
             f"{t['failed']} failed"]
    later_run = "backfill" if backfill else "run"
    more = [f"{t['later']} left for the next {later_run} (max_articles)" if t["later"] else "",
            f"{t['older']} older than --since (fetched, not stored)" if t["older"] else ""]
    if any(more):
        lines.append("       " + ", ".join(m for m in more if m))
    return lines


def failed_words(row: dict[str, Any]) -> str:
    """How a partial source's failures are asked again, in the words `status --retries`
    uses: ``3 failed: 2 on the retry schedule, 1 asked again next run``. A feed's older
    pages are read by a backfill only: ``1 asked again by the next backfill``."""
    failed, scheduled, unparsed = _n(row, "failed"), _n(row, "scheduled"), _n(row, "unparsed")
    older = _n(row, "older_pages")
    rest = failed - scheduled - unparsed - older
    parts = [f"{scheduled} on the retry schedule" if scheduled else "",
             f"{rest} asked again next run" if rest else "",
             f"{older} asked again by the next backfill" if older else "",
             f"{unparsed} refused by the parsers (not asked again)" if unparsed else ""]
    return f"{failed} failed: " + ", ".join(p for p in parts if p)


def failure_notes(rows: Sequence[dict[str, Any]]) -> list[str]:
    """One line per failed URL: ``source: url: ErrorClass: reason``, control
    characters escaped (a site's text, not terminal commands)."""
    return [
        printable(f"{r['source']}: {f['url']}: {f['error_class']}: {f['reason']}")
        for r in rows for f in r.get("failures") or ()
        if f["url"] != r["source"]  # the source's own error: its error line says it
    ]


def print_summary(rows: list[dict[str, Any]], *, verbose: bool = False,
                  backfill: bool = False) -> int:
    """Print the summary; the exit code says how the run went (see README).

    EXIT_ERROR when a whole source failed, else EXIT_PARTIAL when some URLs or
    feeds of a source failed, else EXIT_HELD when a backfill held a source (it did
    not run) or, in a backfill, any run did (its history is still to walk), else 0.
    """
    from flows.run import run_clock_warning, source_error_line
    from pressroom.cli import EXIT_ERROR, EXIT_HELD, EXIT_PARTIAL

    if not rows:
        return 0
    sys.stdout.write(summary_table(rows, verbose=verbose) + "\n")
    print("\n".join(totals_lines(rows, backfill=backfill)))
    notes = failure_notes(rows) if verbose else []
    if notes:
        print("\n".join(["", "failed URLs:", *notes]))
    failed = [r for r in rows if r["status"] == "failed"]
    for row in failed:
        line = source_error_line(str(row["source"]), str(row.get("error") or "failed"),
                                 full=verbose)
        print(f"pressroom: error: {line}", file=sys.stderr)
    partial = [r for r in rows if r["status"] == "partial"]
    for row in partial:
        print(f"pressroom: warning: source {row['source']}: {failed_words(row)}",
              file=sys.stderr)
    if partial:
        print("pressroom: warning: `pressroom status --retries` lists each URL to be asked "
              "again and when", file=sys.stderr)
    held = [r for r in rows if did_none_of_its_work(r["status"], backfill=backfill)]
    for row in held:
        print(f"pressroom: warning: source {row['source']} {row['note']}", file=sys.stderr)
    clock = run_clock_warning(rows)  # a host clock set back (o44): said, not an exit code
    if clock:
        print(f"pressroom: warning: {clock}", file=sys.stderr)
    if failed:
        return EXIT_ERROR
    if partial:
        return EXIT_PARTIAL
    return EXIT_HELD if held else 0
