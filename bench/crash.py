"""Kill campaign: SIGKILL real ``pressroom ingest`` runs at many points, then audit.

    uv run python bench/crash.py --articles 500 --kills 50 --seed 1

Prints kills done, articles expected, stored, duplicates, lost, orphaned
versions and crashed runs (the same audit as tests/crash/test_kill.py, larger).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.crash.bulk_site import BulkSite
from tests.crash.campaign import run_campaign


def main() -> None:
    """Run one campaign and print its figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--kills", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, BulkSite(args.articles, delay=0.01) as site:
        sources = Path(tmp) / "bulk.toml"
        sources.write_text(site.sources_toml(), encoding="utf-8")
        figures = run_campaign(site, sources, Path(tmp) / "kill.duckdb", args.kills, args.seed)
    result = asdict(figures)
    result["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
