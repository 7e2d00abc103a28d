"""What trusting the search index costs a search session: the check that the
warehouse's row at the index's watermark is the version the index last read
(review r26), against opening the session, medians.

    uv run python -m bench.search_scale --articles 50000 --db /tmp/s50k/s.duckdb --build-only
    uv run python -m bench.search_index_check --db /tmp/s50k/s.duckdb
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from warehouse.search import SearchSession, _same_last_row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args()
    opens, checks = [], []
    for _ in range(args.repeat):
        started = time.perf_counter()
        session = SearchSession(args.db)
        opens.append(time.perf_counter() - started)
        if session.index is None:
            raise SystemExit(f"no usable index: {session.warning}")
        started = time.perf_counter()
        same = _same_last_row(session._con, "seq", session.index)
        checks.append(time.perf_counter() - started)
        session.close()
        if not same:
            raise SystemExit("the index does not match the warehouse")
    print(f"session open median {statistics.median(opens) * 1000:.1f} ms, watermark row check "
          f"median {statistics.median(checks) * 1000:.2f} ms (n={args.repeat}, load "
          f"{os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
