"""CI smoke of the warehouse scale benchmark: 2,000 synthetic articles, every measurement."""

from __future__ import annotations

from pathlib import Path

from bench.warehouse_scale import markdown, run_size


def test_warehouse_scale_smoke(tmp_path: Path) -> None:
    res = run_size(2000, tmp_path, batch=500, repeat=2, memory_limit=None, reuse=None)
    assert res["fresh_found"] and res["tail_rows"] == 100
    assert res["edited"] > 0 and res["insert_per_s"] > 0
    # 3–4 KB of text per article: the file cannot be much smaller than ~1 KB each.
    assert 1000 < res["bytes_per_article"] < 20000
    for key in ("daily_counts_ms", "latest_by_id_ms", "search_p50_ms", "search_p95_ms"):
        assert res[key] > 0, key
    assert res["search_p95_ms"] >= res["search_p50_ms"]
    assert "| 2,000 |" in markdown([res])
