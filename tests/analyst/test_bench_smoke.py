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


def test_append_at_smoke(tmp_path: Path) -> None:
    """The --append-at mode: a seeded file at migration 007 opens, upgrades and takes writes."""
    import duckdb

    from bench.synthetic import SyntheticCorpus
    from bench.warehouse_append import append_at, seed

    db = tmp_path / "append-300.duckdb"
    corpus = SyntheticCorpus()
    seed(db, corpus, 300)
    res = append_at(db, corpus, 300, batches=1, modes=("plain", "stories"), sizes=(20,))
    assert res["integrity_problems"] == []
    assert res["ms_per_article_20_plain_stories"] > 0 and res["ms_per_article_20_stories"] > 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        # The seeded rows got their write sequence from migration 011: none is invisible.
        rows, with_seq = con.execute(
            "SELECT count(*), count(seq) FROM article_versions").fetchone() or (0, 0)
    finally:
        con.close()
    assert rows == 300 + 2 * 20 and with_seq == rows  # a plain and a clustered batch
