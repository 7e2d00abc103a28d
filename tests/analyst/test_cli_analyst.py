"""The analyst commands as real subprocesses: search, index, report, health."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from pathlib import Path

import duckdb

from tests.analyst.conftest import T0, CliRunner, article, write


def test_search_table_json_csv(db: Path, cli: CliRunner) -> None:
    proc = cli("index", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    assert "indexed 5 article versions" in proc.stdout
    proc = cli("search", "human trafficking", "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split(" | ")[:4] == ["#", "score ", "published ", "source  "]
    assert "**trafficking**" in proc.stdout.lower()
    assert lines[4] == "(2 rows)" and lines[6] == "hits:"
    verbose = cli("search", "human trafficking", "--db", str(db), "--verbose").stdout
    assert "**human** **trafficking**" in verbose.lower()
    hits = json.loads(cli("search", "trafficking", "--db", str(db), "--format", "json",
                          "--source", "un_press").stdout)
    assert [h["url"] for h in hits] == ["https://un_press.example/news/gashc"]
    assert hits[0]["published"] == "2026-03-08" and hits[0]["article_id"]
    rows = list(csv.DictReader(io.StringIO(cli(
        "search", "trafficking", "--db", str(db), "--format", "csv", "--limit", "1",
        "--until", "2026-03-07").stdout)))
    assert [r["url"].rsplit("/", 1)[1] for r in rows] == ["un-trafficking"]


def test_search_finds_fresh_articles_and_reindex(db: Path, cli: CliRunner) -> None:
    assert cli("index", "--db", str(db)).returncode == 0
    write(db, [article("fresh", "Border guards stop traffickers", "Traffickers were stopped.")],
          run_id="run-2")
    hits = json.loads(cli("search", "traffickers", "--db", str(db), "--format", "json").stdout)
    assert [h["url"].rsplit("/", 1)[1] for h in hits][:1] == ["fresh"]
    proc = cli("search", "--reindex", "--db", str(db))
    assert proc.returncode == 0 and "indexed 6 versions" in proc.stderr


def test_search_without_index_warns_once(db: Path, cli: CliRunner) -> None:
    proc = cli("search", "hockey", "--db", str(db), "--format", "json")
    assert proc.returncode == 0
    assert [h["url"].rsplit("/", 1)[1] for h in json.loads(proc.stdout)] == ["hockey"]
    assert proc.stderr.count("pressroom: warning:") == 1


def test_search_errors_are_one_line(db: Path, tmp_path: Path, cli: CliRunner) -> None:
    for args, needle in [
        (("search", "x", "--db", str(tmp_path / "missing.duckdb")), "does not exist"),
        (("search", "-- -x", "--db", str(db)), "no words"),
    ]:
        proc = cli(*args)
        assert proc.returncode == 1, (args, proc.stdout)
        assert proc.stderr.startswith("pressroom: error:") and needle in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    bad = cli("search", "x", "--db", str(db), "--since", "yesterday")
    assert bad.returncode == 2 and "not an ISO date" in bad.stderr


def test_search_without_a_query_is_a_usage_error(db: Path, cli: CliRunner) -> None:
    for query in ([], [""], ["   "]):
        proc = cli("search", *query, "--db", str(db))
        assert proc.returncode == 2, (query, proc.stderr)
        assert proc.stderr == ("pressroom search: error: needs a query (or --reindex alone) "
                               "(see pressroom search --help)\n")  # r54: argparse's form


def test_search_refuses_a_duckdb_file_that_is_no_warehouse(tmp_path: Path,
                                                           cli: CliRunner) -> None:
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    proc = cli("search", "hello", "--db", str(other))
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == (f"pressroom: error: {other} is not a Pressroom warehouse "
                           "(no article_versions table)\n")


def test_search_names_an_unknown_source(db: Path, cli: CliRunner) -> None:
    assert cli("index", "--db", str(db)).returncode == 0
    proc = cli("search", "trafficking", "--source", "nosuch", "--db", str(db))
    assert proc.returncode == 1 and proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pressroom: error: no source 'nosuch' "), lines
    # A known source with no match is an empty result, not an error.
    empty = cli("search", "trafficking", "--source", "belta", "--since", "2030-01-01",
                "--db", str(db), "--format", "json")
    assert empty.returncode == 0 and json.loads(empty.stdout) == [], empty.stderr


def test_report_is_self_contained_html(db: Path, tmp_path: Path, cli: CliRunner) -> None:
    out = tmp_path / "reports" / "report.html"
    proc = cli("report", "--db", str(db), "--out", str(out), "--days", "5")
    assert proc.returncode == 0, proc.stderr
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    # Nothing to fetch, nothing to run: no scripts, no external resources.
    assert "<script" not in page and not re.search(r"(src|href)=", page)
    svgs = re.findall(r"<svg.*?</svg>", page, flags=re.S)
    assert len(svgs) == 2
    for svg in svgs:
        ET.fromstring(svg)  # well-formed
    articles_svg, errors_svg = svgs
    assert "belta (4)" in articles_svg and "un_press (1)" in articles_svg
    # The period ends at the newest article (published the day before T0).
    assert (T0 - timedelta(days=1)).date().isoformat() in articles_svg
    assert T0.date().isoformat() not in articles_svg
    assert "FetchTimeout" in errors_svg and "ServerError" in errors_svg
    assert "run failed" in errors_svg
    assert "<td>un_press</td>" in page


def test_health_command(db: Path, cli: CliRunner) -> None:
    proc = cli("health", "--db", str(db), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    health = {r["source"]: r for r in json.loads(proc.stdout)}
    assert health["un_press"]["error_rate_7d"] == 0.5
    assert health["belta"]["articles"] == 4


def test_existing_commands_still_dispatch(db: Path, cli: CliRunner) -> None:
    proc = cli("sql", "SELECT count(*) AS n FROM daily_counts", "--db", str(db),
               "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [{"n": 4}]


def test_report_on_an_unmigrated_warehouse_is_one_line(tmp_path: Path, cli: CliRunner) -> None:
    import duckdb

    from warehouse.schema import apply_migrations, load_migrations

    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    try:
        apply_migrations(con, load_migrations()[:1])  # a file from before the analyst views
    finally:
        con.close()
    proc = cli("report", "--db", str(db), "--out", str(tmp_path / "r.html"))
    assert proc.returncode == 1
    assert proc.stderr.startswith("pressroom: error:") and "needs migrations" in proc.stderr
    # Search needs only article_versions, so it works on the old file.
    assert cli("search", "anything", "--db", str(db)).returncode == 0


def test_health_reports_integrity_problems_and_exits_1(db: Path, cli: CliRunner) -> None:
    # A stored key that no longer matches its text (as a bad restore or a
    # collision leaves it): health still prints the table, then one line per
    # broken invariant on stderr, and exits 1.
    con = duckdb.connect(str(db))
    con.execute("UPDATE article_state SET content_key = content_key + 1 "
                "WHERE url = (SELECT min(url) FROM article_state)")
    con.close()
    proc = cli("health", "--db", str(db), "--format", "json")
    assert proc.returncode == 1, proc.stderr
    assert {r["source"] for r in json.loads(proc.stdout)} == {"belta", "un_press"}
    assert proc.stderr.splitlines() == [
        "pressroom: integrity: article_state keys that do not match their text "
        "(see warehouse/keys.py): 1"]
