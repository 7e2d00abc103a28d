"""bench/date_sources.py: each evidence source read on its own, and the pipeline left as it was."""

from __future__ import annotations

import importlib

from bench.date_sources import evidence, recording

PAGE = """<html lang="en"><head><title>Harbour bridge reopens</title>
<meta property="article:published_time" content="2024-05-02T09:00:00+00:00">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour bridge reopens",
 "datePublished": "2024-05-01T21:00:00+00:00"}</script></head>
<body><article><h1>Harbour bridge reopens</h1><p>By Jane Doe | May 2, 2024</p>
<p>The harbour bridge reopened to traffic on Thursday after four months of repairs to its
deck, the city's transport office said, and buses return to the route next week.</p>
<p>Engineers replaced the joints and resurfaced both lanes; the footpath opens in June.</p>
</article></body></html>"""


def test_each_source_gives_its_own_day_beside_ours() -> None:
    page = ("bridge", PAGE, "https://example.com/2024/05/03/bridge", "2024-05-02")
    (row,) = evidence(iter([page]))
    assert row["jsonld"] == "2024-05-01"
    assert row["meta"] == "2024-05-02"
    assert row["printed"] == "2024-05-02"
    assert row["url"] == "2024-05-03"
    assert row["ours"] is not None


def test_the_recording_is_taken_off_after_the_run() -> None:
    module = importlib.import_module("parsers.extract")
    before = module.published_date
    with recording():
        assert module.published_date is not before
    assert module.published_date is before
