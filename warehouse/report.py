"""``pressroom report``: one self-contained HTML page (inline SVG, no scripts).

HTML rather than PNG: it needs no plotting library, opens in any browser
offline, points show their values on hover, and the health table can be
copied as text.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from html import escape
from pathlib import Path
from typing import Any

import duckdb

from pressroom.errors import ConfigError, WarehouseError, single_line
from warehouse import open_warehouse, svg
from warehouse.connection import is_duckdb_file
from warehouse.format import to_jsonable
from warehouse.lake import LakeTarget
from warehouse.leftovers import remove_dead, scratch_path

TMP_MARKER = ".tmp-"  # the page is written to <out>.tmp-<host>-<pid>, then renamed

_DAILY_SQL = """
SELECT day, source, n FROM daily_counts
WHERE day > $last - $days AND day <= $last
"""

_ERRORS_SQL = """
SELECT source, error_class AS kind, count(*) AS n FROM fetch_log
WHERE error_class IS NOT NULL AND started_at >= $start AND started_at < $stop
GROUP BY ALL
UNION ALL
SELECT source, 'run ' || status AS kind, count(*) AS n FROM runs
WHERE status IN ('failed', 'crashed') AND started_at >= $start AND started_at < $stop
GROUP BY ALL
"""

# Stories carried by the most sources (migration 007), most sources first.
_STORIES_SQL = """
SELECT title, n_sources, n_articles, first_source, first_published_at, sources
FROM stories WHERE n_sources > 1
ORDER BY n_sources DESC, first_published_at DESC, story_id
LIMIT 10
"""

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.4em; } h2 { font-size: 1.1em; margin-top: 2em; }
table { border-collapse: collapse; font-size: 0.85em; }
th, td { border: 1px solid #ccc; padding: 3px 6px; text-align: left; vertical-align: top; }
td.n { text-align: right; } .muted { color: #777; }
"""


def _last_day(con: duckdb.DuckDBPyConnection, today: date) -> date:
    """The newest day with articles, so a report of a backfill is not empty; else today.

    Days after tomorrow are passed over while an earlier one exists: one page dated
    years ahead (a typo, a hostile site) would otherwise move the whole window there.
    Tomorrow is kept for zones ahead of UTC; a clock behind every article falls back
    to the newest day.
    """
    row = con.execute("SELECT max(day) FILTER (WHERE day <= $cap), max(day) FROM daily_counts",
                      {"cap": today + timedelta(days=1)}).fetchone()
    if row is None:
        return today
    return row[0] or row[1] or today


def collect(
    con: duckdb.DuckDBPyConnection, *, days: int, today: date
) -> dict[str, Any]:
    """Everything the page shows, as plain Python values."""
    last = _last_day(con, today)
    span = [last - timedelta(days=days - 1 - i) for i in range(days)]
    daily: dict[str, dict[date, int]] = defaultdict(dict)
    for day, source, n in con.execute(_DAILY_SQL, {"last": last, "days": days}).fetchall():
        daily[str(source)][day] = int(n)
    # Errors are about operations, not publication dates: the last `days` days to today.
    stop = datetime.combine(today + timedelta(days=1), datetime.min.time(), UTC)
    start = stop - timedelta(days=days)
    errors: dict[str, dict[str, int]] = defaultdict(dict)
    for source, kind, n in con.execute(_ERRORS_SQL, {"start": start, "stop": stop}).fetchall():
        errors[str(source)][str(kind)] = errors[str(source)].get(str(kind), 0) + int(n)
    totals = {str(source): int(n) for source, n in con.execute(
        "SELECT source, count(*) FROM articles GROUP BY source").fetchall()}
    later = con.execute("SELECT coalesce(sum(n), 0) FROM daily_counts WHERE day > $last",
                        {"last": last}).fetchone()
    health = con.execute("SELECT * FROM source_health ORDER BY source")
    assert health.description is not None
    columns = [d[0] for d in health.description]
    return {
        "span": span,
        "errors_since": start.date(),
        "today": today,
        "series": {s: [daily[s].get(d, 0) for d in span] for s in sorted(daily)},
        "totals": totals,
        "dated_later": int(later[0]) if later else 0,
        "errors": {s: errors[s] for s in sorted(errors)},
        "health_columns": columns,
        "health_rows": health.fetchall(),
        "stories": con.execute(_STORIES_SQL).fetchall(),
    }


def _cell(value: Any) -> str:
    if value is None:
        return '<td class="muted">—</td>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'<td class="n">{value:g}</td>'
    return f"<td>{escape(str(to_jsonable(value)))}</td>"


def render_html(data: dict[str, Any], *, db_name: str, generated_at: datetime) -> str:
    """The report page for ``data`` from :func:`collect`."""
    span: list[date] = data["span"]
    title = f"Pressroom report: {span[0].isoformat()} to {span[-1].isoformat()}"
    articles_chart = (
        svg.line_chart(span, data["series"], title="Articles per day per source",
                       totals=data["totals"])
        if data["series"] else '<p class="muted">No articles in this period.</p>'
    )
    shown = sum(sum(v) for v in data["series"].values())
    stored = sum(data["totals"].values())
    window = (f"{len(span)} days, {span[0].isoformat()} to {span[-1].isoformat()} "
              f"(ending at the newest article): {shown} of {stored} stored articles; "
              "the legend says how many of each source's articles fall in the window "
              "(undated and older ones do not; widen it with --days)")
    if data.get("dated_later"):
        window += (f"; not shown: {data['dated_later']} dated after it (in the future: "
                   "a wrong date on the page)")
    errors_chart = (
        svg.stacked_bars(data["errors"], title="Errors per source")
        if data["errors"] else '<p class="muted">No errors in this period.</p>'
    )
    head = "".join(f"<th>{escape(c)}</th>" for c in data["health_columns"])
    body = "\n".join(
        "<tr>" + "".join(_cell(v) for v in row) + "</tr>" for row in data["health_rows"]
    )
    stories = "\n".join(
        "<tr>" + "".join(_cell(v) for v in (*row[:5], ", ".join(row[5]))) + "</tr>"
        for row in data["stories"]
    ) or '<tr><td colspan="6" class="muted">No story carried by two sources or more.</td></tr>'
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{escape(title)}</title>
<style>{_STYLE}</style></head>
<body>
<h1>{escape(title)}</h1>
<p class="muted">Warehouse {escape(db_name)}, generated {generated_at:%Y-%m-%d %H:%M} UTC.
Article days are publication dates in UTC, ending at the newest article (not one dated
after tomorrow).</p>
<h2>Articles per day per source</h2>
<p class="muted">{escape(window)}</p>
{articles_chart}
<h2>Errors per source, {data["errors_since"].isoformat()} to {data["today"].isoformat()}
(failed fetches by class, failed runs)</h2>
{errors_chart}
<h2>Stories carried by the most sources</h2>
<table><thead><tr><th>title (earliest copy)</th><th>sources</th><th>copies</th>
<th>first source</th><th>first published</th><th>carried by</th></tr></thead><tbody>
{stories}
</tbody></table>
<h2>Source health</h2>
<table><thead><tr>{head}</tr></thead><tbody>
{body}
</tbody></table>
</body></html>
"""


def _other_file(out: Path) -> bool:
    """True if ``out`` is a non-empty regular file (through links) that no report wrote."""
    try:
        if not out.is_file() or out.stat().st_size == 0:
            return False
        with out.open("rb") as f:
            head = f.read(256)
    except OSError:
        return False  # written below, or its own one-line error there
    return not (head.startswith(b"<!DOCTYPE html>") and b"<title>Pressroom report" in head)


def _reason(exc: OSError) -> str:
    """What went wrong, in words: ``No space left on device``, not Python's
    ``[Errno 28] No space left on device: '<out>.tmp-host-42'`` (the scratch name)."""
    return single_line(exc.strerror or type(exc).__name__)


def write_report(
    db_path: str | Path | LakeTarget, out: Path, *, days: int = 90, lock_timeout: float = 30.0,
    today: date | None = None,
) -> Path:
    """Render the report for the warehouse at ``db_path`` into ``out`` (atomically)."""
    if not 1 <= days <= 36_525:
        raise ConfigError("report needs 1 to 36525 days")
    if is_duckdb_file(out):  # --out mistyped as --db: the page would replace the warehouse
        raise ConfigError(f"cannot write report {out}: it is a DuckDB database; "
                          "choose another --out")
    if _other_file(out):  # the sources file, a page of a site: bad input loses nothing
        raise ConfigError(f"cannot write report {out}: it holds something other than a "
                          "Pressroom report; choose another --out")
    if out.is_dir():  # through links; before the warehouse is read (z40c)
        raise ConfigError(f"cannot write report {out}: it is a folder; give a file name, "
                          f"such as {out / 'report.html'}")
    above = next((d for d in out.parents if d.exists()), None)
    if above is not None and not above.is_dir():  # --out notes.txt/r.html: mkdir says "File exists"
        raise ConfigError(f"cannot write report {out}: {above} is a file, not a folder")
    # open_warehouse checks the schema: the views come from migration 002.
    with open_warehouse(db_path, read_only=True, lock_timeout=lock_timeout) as wh:
        try:
            data = collect(wh.connection, days=days, today=today or datetime.now(UTC).date())
        except duckdb.Error as exc:
            raise WarehouseError(f"report failed: {exc}") from exc
    name = db_path.describe() if isinstance(db_path, LakeTarget) else Path(db_path).name
    page = render_html(data, db_name=name, generated_at=datetime.now(UTC))
    # A link is written through (the link stays); a device, pipe or socket
    # (/dev/stdout) is written to in place: renaming over it would replace it.
    try:
        mode: int | None = os.stat(out).st_mode  # through links
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        try:
            with out.open("w", encoding="utf-8") as stream:
                stream.write(page)
        except OSError as exc:
            raise ConfigError(f"cannot write report {out}: {_reason(exc)}") from exc
        return out
    target = Path(os.path.realpath(out)) if out.is_symlink() else out
    # <out>.tmp-<host>-<pid>: a report killed before its rename left it for good; the
    # next report removes those of this host's dead processes (warehouse.leftovers).
    tmp = scratch_path(target, TMP_MARKER)
    remove_dead(target, TMP_MARKER)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(page, encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):  # a full disk must not leave a half page behind
            tmp.unlink()
        raise ConfigError(f"cannot write report {out}: {_reason(exc)}") from exc
    return out
