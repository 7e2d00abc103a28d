"""Story clustering on and off, for ``bench/pipeline.py --stories-ab R``.

The same pages ingested (no Prefect, fresh warehouse each time) with clustering
on and off, alternating, R times each; see bench/pipeline.py's docstring.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
from pathlib import Path

import duckdb

# ``python -c`` this, then "on" or "off", then the CLI's arguments: the ingest CLI
# with story clustering as asked. Both arms start the same way, so start-up is
# the same; "off" opens the pipeline's sessions with stories=False. With it on,
# the clustering step (story_index.assign_written, called inside each batch's
# write) is timed, wall and thread CPU, and printed as a last stderr line.
STORIES_SWITCH = (
    "import functools, json, sys, time\n"
    "import flows.gateway as p\n"
    "from warehouse import story_index as si\n"
    "from pressroom.cli import main\n"
    "if sys.argv.pop(1) == 'off':\n"
    "    p.open_warehouse = functools.partial(p.open_warehouse, stories=False)\n"
    "spent = {'calls': 0, 'wall_s': 0.0, 'cpu_s': 0.0}\n"
    "inner = si.assign_written\n"
    "def timed(*a, **k):\n"
    "    w, c = time.perf_counter(), time.thread_time()\n"
    "    try:\n"
    "        return inner(*a, **k)\n"
    "    finally:\n"
    "        spent['calls'] += 1\n"
    "        spent['wall_s'] += time.perf_counter() - w\n"
    "        spent['cpu_s'] += time.thread_time() - c\n"
    "si.assign_written = timed\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "finally:\n"
    "    print('stories-step ' + json.dumps(spent), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def stories_ab(sources: Path, tmp: Path, pages: int, repeats: int,
               workers: int | None) -> dict[str, object]:
    """The same pages ingested with clustering on and off, alternating, ``repeats`` each."""
    from bench.pipeline import run_ingest_logged, stored

    runs: dict[str, list[dict[str, object]]] = {"on": [], "off": []}
    for r in range(repeats):
        order = ("on", "off") if r % 2 == 0 else ("off", "on")
        for arm in order:
            db = tmp / f"ab-{arm}-{r}.duckdb"
            load_before = os.getloadavg()
            secs, rss, err = run_ingest_logged(sources, db, prefect=False, workers=workers,
                                               stories=arm == "on")
            members, story_ids = story_counts(db)
            if (members > 0) != (arm == "on"):
                raise SystemExit(f"clustering {arm} but {members} story members in {db}")
            step = json.loads(err.split("stories-step ")[-1].splitlines()[0])
            tree_cpu = float(err.split("tree-cpu-s ")[-1].split()[0])
            runs[arm].append({"repeat": r, "seconds": round(secs, 2),
                              "pps": round(pages / secs, 1), "stored": stored(db),
                              "story_members": members, "stories": story_ids,
                              "peak_rss_mb": round(rss), "tree_cpu_s": round(tree_cpu, 2),
                              "clustering_calls": step["calls"],
                              "clustering_wall_s": round(step["wall_s"], 3),
                              "clustering_cpu_s": round(step["cpu_s"], 3),
                              "clustering_cpu_share": round(step["cpu_s"] / tree_cpu, 4),
                              "load_before": [round(x, 2) for x in load_before],
                              "load_after": [round(x, 2) for x in os.getloadavg()]})
            for p in tmp.glob(f"ab-{arm}-{r}.*"):
                shutil.rmtree(p) if p.is_dir() else p.unlink()
            print(json.dumps({arm: runs[arm][-1]}), file=sys.stderr)
    on = statistics.median(float(x["seconds"]) for x in runs["on"])  # type: ignore[arg-type]
    off = statistics.median(float(x["seconds"]) for x in runs["off"])  # type: ignore[arg-type]
    pairs = [float(b["seconds"]) / float(a["seconds"])  # type: ignore[arg-type]
             for a, b in zip(runs["on"], runs["off"], strict=True)]
    share = statistics.median(float(x["clustering_cpu_share"])  # type: ignore[arg-type]
                              for x in runs["on"])
    cpu_on = statistics.median(float(x["tree_cpu_s"]) for x in runs["on"])  # type: ignore[arg-type]
    cpu_off = statistics.median(float(x["tree_cpu_s"]) for x in runs["off"])  # type: ignore[arg-type]
    return {"pages": pages, "repeats": repeats, "runs": runs,
            "median_clustering_cpu_share_on": share,
            "median_tree_cpu_s_on": round(cpu_on, 2), "median_tree_cpu_s_off": round(cpu_off, 2),
            "median_seconds_on": round(on, 2), "median_seconds_off": round(off, 2),
            "median_pps_on": round(pages / on, 1), "median_pps_off": round(pages / off, 1),
            "throughput_on_vs_off": round(off / on, 4),
            "throughput_drop_pct": round(100 * (1 - off / on), 2),
            "per_repeat_on_vs_off": [round(x, 4) for x in pairs],
            "median_per_repeat_on_vs_off": round(statistics.median(pairs), 4)}


def story_counts(db: Path) -> tuple[int, int]:
    """(story members, distinct story ids of articles) in the warehouse."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute("SELECT (SELECT count(*) FROM story_members), "
                          "(SELECT count(DISTINCT story_id) FROM articles)").fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1])
