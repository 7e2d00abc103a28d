"""``pressroom export`` killed (SIGKILL) at each of its renames, then run again.

README: "export ... idempotent", and an export "replaces only its own format's files
in the months it writes". A JSONL export over a Parquet one (both formats in one
month folder) renames files and folders; a kill between two of those renames must
leave nothing that a reader of ``articles/`` counts twice and must not cost the other
format's files. The kill lands exactly on the Nth rename or link system call:
``strace`` injects SIGKILL on its entry (a real kill of a real process; skipped where
strace is missing or may not trace).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from tests.analyst.conftest import CliRunner
from tests.strace_kill import signalled_at, strace_works
from warehouse.export_staging import Staging

# Every call that moves or links a file or a folder.
CALLS = "rename,renameat,renameat2,link,linkat"
MONTHS = ["source=belta/month=2026-03", "source=un_press/month=2026-03"]


pytestmark = pytest.mark.skipif(not strace_works(), reason="needs a working strace")


def _killed_export(db: Path, out: Path, nth: int, signal: str = "KILL") -> int:
    """Run a JSONL export, sent ``signal`` on entry to its ``nth`` rename/link; its exit
    code."""
    return signalled_at(["export", "--db", str(db), "--out", str(out), "--format", "jsonl"],
                        CALLS, nth, signal)


def _layout(out: Path) -> list[str]:
    """Every file under ``out/articles``, relative to it."""
    root = out / "articles"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def _parquet_ids(out: Path) -> list[str]:
    con = duckdb.connect()
    try:
        rows = con.execute("SELECT article_id FROM read_parquet(?, hive_partitioning = true)",
                           [str(out / "articles" / "**" / "*.parquet")]).fetchall()
    finally:
        con.close()
    return sorted(str(r[0]) for r in rows)


def _jsonl_ids(out: Path) -> list[str]:
    ids = []
    for path in (out / "articles").rglob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            ids.append(str(json.loads(line)["article_id"]))
    return sorted(ids)


# SIGKILL on entry to the Nth call: nothing of the export runs after it, so the next
# export must put things right. Ctrl-C (SIGINT): Python raises KeyboardInterrupt right
# after the call, and the export's own error path must leave both formats whole.
@pytest.mark.parametrize(("signal", "codes", "export_again", "what"), [
    ("KILL", (-9, 128 + 9, 137), True, "kill"),
    ("INT", (130,), False, "Ctrl-C"),
])
def test_a_jsonl_export_stopped_at_any_rename_costs_nothing_and_doubles_nothing(
        db: Path, tmp_path: Path, cli: CliRunner, signal: str, codes: tuple[int, ...],
        export_again: bool, what: str) -> None:
    base = tmp_path / "base"
    assert cli("export", "--db", str(db), "--out", str(base)).returncode == 0
    assert cli("export", "--db", str(db), "--out", str(base),
               "--format", "jsonl").returncode == 0
    expected = _layout(base)
    assert expected == [f"{m}/part-0.{ext}" for m in MONTHS for ext in ("jsonl", "parquet")]
    ids = _parquet_ids(base)
    assert len(ids) == 5 and _jsonl_ids(base) == ids

    stopped = 0
    problems: list[str] = []
    for nth in range(1, 40):
        out = tmp_path / f"{signal}-{nth}"
        shutil.copytree(base, out, symlinks=True)
        code = _killed_export(db, out, nth, signal)
        if code == 0:  # fewer calls than nth: the export ran to its end
            break
        assert code in codes, code
        stopped += 1
        if export_again:
            again = cli("export", "--db", str(db), "--out", str(out), "--format", "jsonl")
            assert again.returncode == 0, (nth, again.stderr)
        if _layout(out) != expected:
            problems.append(f"{what} at call {nth}: files {_layout(out)}")
        elif _parquet_ids(out) != ids or _jsonl_ids(out) != ids:
            problems.append(f"{what} at call {nth}: {len(_parquet_ids(out))} Parquet rows, "
                            f"{len(_jsonl_ids(out))} JSONL rows, not 5 each")
        # Nothing of the stopped export is left beside articles/ either.
        if sorted(p.name for p in out.iterdir()) != ["articles"]:
            problems.append(f"{what} at call {nth}: left {sorted(os.listdir(out))}")
    else:
        pytest.fail("the export never ran to its end")
    assert not problems, "\n".join(problems)
    assert stopped >= 4  # two months, each with at least two renames


def test_an_export_running_beside_keeps_its_staging_folder(
        db: Path, tmp_path: Path, cli: CliRunner) -> None:
    # The staging folder of an export still running (its lock held: here by this test
    # process, a real export's Staging) is not taken for a killed one's.
    out = tmp_path / "out"
    running = Staging(out, out / "articles")
    out.mkdir()
    running.open()
    try:
        (running.new / "marker").parent.mkdir(parents=True)
        (running.new / "marker").write_text("mine", encoding="utf-8")
        proc = cli("export", "--db", str(db), "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        assert (running.new / "marker").read_text(encoding="utf-8") == "mine"
        assert sorted(p.name for p in out.iterdir()) == sorted(["articles", running.path.name])
    finally:
        running.close()
    assert sorted(p.name for p in out.iterdir()) == ["articles"]
    assert len(_parquet_ids(out)) == 5
