"""``status``, ``status --retries`` and ``health`` output: a table that fits 100
columns, errors below it.

The table keeps to the fields that matter at a glance; each error follows on its
own line, cut to the width unless ``--verbose``. CSV and JSON carry every field
in full.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from warehouse.format import OutputFormat, clip, printable, render, render_table
from warehouse.records import QueryResult, SourceStatus

if TYPE_CHECKING:
    from warehouse.health import ClockEvidence

WIDTH = 100
_TABLE_COLUMNS = ["source", "articles", "last run UTC", "status", "listed", "fetched", "new",
                  "upd", "same", "failed"]
# What the "next UTC" column says for the URLs asked again with no date set.
_NEXT_WORDS = {"next_run": "next run", "next_backfill": "next backfill"}


def _when(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value.astimezone(UTC) if value.tzinfo else value).strftime("%m-%d %H:%M")


def _error_line(st: SourceStatus) -> str | None:
    if st.error:
        return f"{st.source}: {st.error}"
    if st.last_error:
        when = st.last_error_at.strftime("%Y-%m-%d %H:%M") if st.last_error_at else ""
        return f"{st.source}: last error {when}: {st.last_error}"
    return None


def render_status(statuses: Sequence[SourceStatus], fmt: str, *, verbose: bool = False,
                  width: int = WIDTH, held: Mapping[str, str] | None = None) -> str:
    """The status of every source in ``fmt`` (table, csv or json); ``held``: source ->
    pid of the backfills holding them now (scheduled runs skip those sources)."""
    held = held or {}
    if fmt != "table":
        flat = []
        for st in statuses:
            row = asdict(st)
            counts = row.pop("counts")
            error = row.pop("error")
            flat.append({**row, **counts, "run_error": error,
                         "held_by_backfill_pid": held.get(st.source)})
        columns = list(flat[0]) if flat else ["source"]
        return render(QueryResult(columns=columns, rows=[tuple(r.values()) for r in flat]),
                      fmt)  # type: ignore[arg-type]
    rows = [
        (st.source, st.articles,
         _when(st.finished_at or st.started_at or st.last_run_turned_away_at), st.status,
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
    # runs.status 'held' (migration 013): the runs the table's last run does not show.
    errors += [_held_line(st) for st in statuses if st.held_runs]
    errors += [_turned_away_line(st) for st in statuses if st.turned_away_backfills]
    errors += [_skipped_only_line(st) for st in statuses if st.ingests_turned_away]
    errors += [f"{name}: a backfill holds it (pid {pid}): scheduled runs skip it (exit 4) "
               "until it ends" for name, pid in sorted(held.items())]
    return with_notes(text, errors, verbose=verbose, width=width)


def _held_line(st: SourceStatus) -> str:
    """The scheduled runs a backfill held since the source's last run that ran (the
    table's row), or all of them when no such run is recorded (the row shows none)."""
    latest = f"the latest {_when(st.last_held_at)} UTC"
    if st.last_run_id is None:
        return (f"{st.source}: {st.held_runs} scheduled run(s) held by a backfill; no run of it "
                f"has run, {latest}")
    return (f"{st.source}: {st.held_runs} scheduled run(s) held by a backfill since the run "
            f"above, {latest}")


def _turned_away_line(st: SourceStatus) -> str:
    """A backfill another run turned away (exit 4) walked none of its history, and no
    backfill of the source has run since: it is still to run (README, exit code 4)."""
    holder = f"run {st.turned_away_by}" if st.turned_away_by else "another run"
    when = f"{_when(st.last_turned_away_at)} UTC"
    which = (f"backfill {when}" if st.turned_away_backfills == 1
             else f"{st.turned_away_backfills} backfills, the latest {when},")
    return f"{st.source}: {which} did nothing (held by {holder}): run it again"


def _skipped_only_line(st: SourceStatus) -> str:
    """No run of the source has run, and ingests of it were skipped because another
    run held it (the held and turned-away-backfill lines say the rest)."""
    holder = (f"run {st.last_run_turned_away_by}" if st.last_run_turned_away_by
              else "another run")
    return (f"{st.source}: no run of it has run; {st.runs_turned_away} run(s) turned away, "
            f"{st.ingests_turned_away} of them ingests while another run held it, the latest "
            f"{_when(st.last_run_turned_away_at)} UTC (held by {holder})")


def with_notes(text: str, notes: list[str], *, verbose: bool, width: int,
               cut: bool = False, heading: str = "errors") -> str:
    """``text``, then the ``heading:`` and note lines, cut to ``width`` unless
    ``verbose``; a hint follows when anything was cut (``cut``: the table was)."""
    if not notes:
        return text
    notes = [printable(line) for line in notes]  # a site's text, not terminal commands
    shown = notes if verbose else [clip(line, width) for line in notes]
    lines = [text, "", f"{heading}:", *shown]
    if cut or shown != notes:
        lines.append("(cut to fit; --verbose or --format json shows them in full)")
    return "\n".join(lines)


def _columns(result: QueryResult) -> list[dict[str, Any]]:
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def render_retries(result: QueryResult, fmt: OutputFormat, *, verbose: bool = False,
                   width: int = WIDTH) -> str:
    """``status --retries`` / ``health --retries``: one row per URL, its error below
    (``next_run``: failed in the latest run for a reason not scheduled, asked again
    by the next run; ``next_backfill``: a feed's older page, asked by the next backfill)."""
    if fmt != "table":
        return render(result, fmt)
    records = _columns(result)
    head = ["#", "source", "state", "tries", "next UTC", "http"]
    rows = [(n, clip(r["source"], 16), r["state"], r["attempts"],
             _NEXT_WORDS.get(r["state"]) or _when(r["next_attempt_at"]),
             r["status"]) for n, r in enumerate(records, 1)]
    text, cut = fit_last_column(head, rows, "url", [r["url"] for r in records],
                                verbose=verbose, width=width)
    errors = [
        f"#{n} " + (f"{r['url']}: " if verbose else "")
        + ": ".join(str(v) for v in (r["error_class"], r["error"]) if v)
        for n, r in enumerate(records, 1)
    ]
    return with_notes(text, errors, verbose=verbose, width=width, cut=cut)


def fit_last_column(head: list[str], rows: list[tuple[Any, ...]], name: str, values: list[str],
                    *, verbose: bool, width: int = WIDTH) -> tuple[str, bool]:
    """A table of ``rows`` (cells cut to 16) plus a last column ``name`` of ``values``
    cut to the room the others leave in ``width`` (at least 20); whether any was cut."""
    # The room: ``width`` less the other columns' widest line, less " | ".
    room = max(len(line) for line in
               render_table(QueryResult(columns=head, rows=rows), max_width=16).splitlines()[:-1])
    room = max(width - room - 3, 20)
    values = [printable(v) for v in values]
    shown = [v if verbose else clip(v, room) for v in values]
    text = render_table(QueryResult(columns=[*head, name],
                                    rows=[(*row, v) for row, v in zip(rows, shown, strict=True)]),
                        max_width=max(16, room, *map(len, shown)))
    return text, shown != values


def render_health(result: QueryResult, fmt: OutputFormat, *, verbose: bool = False,
                  width: int = WIDTH) -> str:
    """``health``: rates and retries per source, the last error of each below."""
    if fmt != "table":
        return render(result, fmt)
    records = _columns(result)
    head = ["source", "last ok UTC", "articles", "per day 7d", "fetch 7d", "failed 7d",
            "retry", "given up"]
    rows = [(r["source"], _when(r["last_success"]), r["articles"], r["articles_per_day_7d"],
             r["fetches_7d"], r["failed_fetches_7d"], r["pending_retry"], r["given_up"])
            for r in records]
    text = render_table(QueryResult(columns=head, rows=rows), max_width=16)
    errors = [f"{r['source']}: last error {_when(r['last_error_at']) or ''}: {r['last_error']}"
              for r in records if r["last_error"]]
    return with_notes(text, errors, verbose=verbose, width=width)


def clock_line(evidence: ClockEvidence | None) -> str | None:
    """``health``'s line when the latest run that could tell (votes of at least
    ``MIN_SITES`` sites, migration 017) found this host's clock behind: the run's own
    warning (warehouse.clock_votes), and which run said it; else None."""
    from warehouse.clock_votes import clock_warning

    said = None if evidence is None else clock_warning(evidence.votes)
    if evidence is None or said is None:
        return None
    started = evidence.started_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
    return f"{said}; said by run {evidence.run_id}, started {started} UTC by this host's clock"
