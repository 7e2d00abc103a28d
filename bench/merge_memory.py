"""Peak RSS of one run-end compaction of ``article_versions`` (issue 15).

    uv run python bench/merge_memory.py --groups 40 --rows 150 --kb 6

Builds a warehouse whose ``article_versions`` has ``--groups`` row groups of
``--rows`` rows each (one short batch session per group, as a bulk ingest's
batches leave them), each row with ``--kb`` KB of body text, then runs
``Warehouse.compact_tails`` in a fresh process with the batch sessions' settings
(``warehouse.connection.BATCH_SETTINGS``) and prints that process's RSS and peak
RSS (VmHWM) before and after, the groups merged and the seconds it took, as one
JSON line. No fetching or parsing: the merge alone. ``--root`` merges with
another checkout's code (e.g. a worktree of an older commit, its own virtualenv).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Text that does not compress to nothing: hex digests, one per 33 characters.
_INSERT = """
INSERT INTO article_versions BY NAME
SELECT 'a' || (? + i) AS article_id, 1 AS version, 'bench' AS source,
       'http://127.0.0.1/p/' || (? + i) AS url, 'http://127.0.0.1/p/' || (? + i) AS canonical_url,
       'title ' || i AS title,
       (SELECT string_agg(md5((? + i) || '-' || j), ' ') FROM range(?) t(j)) AS body,
       [] AS authors, [] AS tags, md5('h' || (? + i)) AS content_hash,
       now() AS fetched_at, 'run' AS run_id, ? + i AS seq
FROM range(?) r(i)
"""


def memory() -> tuple[int, int]:
    """(RSS, peak RSS) of this process in MB."""
    fields = dict(line.split(":", 1) for line in
                  Path("/proc/self/status").read_text(encoding="utf-8").splitlines())
    return int(fields["VmRSS"].split()[0]) // 1024, int(fields["VmHWM"].split()[0]) // 1024


def build(db: Path, groups: int, rows: int, kb: int) -> None:
    """``groups`` sessions, each appending ``rows`` rows (a row group each)."""
    from warehouse.connection import BATCH_SETTINGS
    from warehouse.opening import open_warehouse

    words = max(1, kb * 1024 // 33)
    for g in range(groups):
        with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
            first = g * rows
            wh.connection.execute(_INSERT, [first, first, first, first, words, first, first, rows])


def merge(db: Path) -> dict[str, object]:
    """One compaction in this process; its memory before and after."""
    from warehouse.connection import BATCH_SETTINGS
    from warehouse.opening import open_warehouse

    with open_warehouse(db, settings=BATCH_SETTINGS) as wh:
        rss0, hwm0 = memory()
        t0 = time.perf_counter()
        merged = wh.compact_tails()
        seconds = time.perf_counter() - t0
        rss1, hwm1 = memory()
    rss2, hwm2 = memory()
    return {"merged": merged, "seconds": round(seconds, 2), "rss_before": rss0, "hwm_before": hwm0,
            "rss_after_merge": rss1, "hwm_after_merge": hwm1,
            "rss_after_close": rss2, "hwm_after_close": hwm2,
            "peak_added_mb": hwm2 - hwm0}


def main() -> None:
    """Build, then merge in a child process; print the child's figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--groups", type=int, default=40)
    parser.add_argument("--rows", type=int, default=150)
    parser.add_argument("--kb", type=int, default=6)
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--merge-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    root = args.root.resolve()
    sys.path.insert(0, str(root))
    if args.merge_only:
        print(json.dumps(merge(args.merge_only)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "m.duckdb"
        build(db, args.groups, args.rows, args.kb)
        out = subprocess.run([str(root / ".venv" / "bin" / "python"), __file__, "--merge-only",
                              str(db), "--root", str(root)],
                             capture_output=True, text=True, check=True).stdout
        result = json.loads(out)
        result.update(root=str(root), groups=args.groups, rows=args.rows, kb=args.kb,
                      file_mb=round(db.stat().st_size / 2**20, 1))
        print(json.dumps(result))


if __name__ == "__main__":
    main()
