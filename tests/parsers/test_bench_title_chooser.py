"""bench/title_chooser.py and title_features.py: candidates, features, a deterministic trainer."""

from __future__ import annotations

from bench.title_chooser import choose, fold_of, train, without_rules
from bench.title_features import page_candidates

PAGE = """<html lang="en"><head><title>Harbour bridge reopens | Daily Times</title>
<meta property="og:title" content="Harbour bridge reopens">
<meta property="og:site_name" content="Daily Times">
</head><body><h1 class="site-title">Daily Times</h1>
<article><h1>Harbour bridge reopens</h1>
<p>The harbour bridge reopened to traffic on Thursday after four months of repairs to its
deck, the city's transport office said, and buses return to the route next week.</p>
<p>Engineers replaced the joints and resurfaced both lanes; the footpath opens in June.</p>
</article></body></html>"""


def test_candidates_carry_every_source_that_gives_them() -> None:
    page = page_candidates(PAGE)
    assert page.rules == "Harbour bridge reopens"
    found = dict(zip(page.texts, page.features, strict=True))
    headline = found["Harbour bridge reopens"]
    for source in ("src_rules", "src_og", "src_title_cut", "src_h1"):
        assert headline[source] == 1.0
    assert headline["meta_exact"] == 1.0  # og:title; <title> has the site after it
    assert found["Harbour bridge reopens | Daily Times"]["has_site"] == 1.0
    # The site's part of <title> is a candidate marked as the site; the logo <h1> is none.
    assert found["Daily Times"]["is_site"] == 1.0
    assert "src_h1" not in found["Daily Times"]


def _page(key: str, right: int) -> dict[str, object]:
    # Two candidates; the right one is the <h1> on every page.
    features = [{"src_h1": 1.0, "log_words": 1.5}, {"src_title": 1.0, "separator": 1.0}]
    if right:
        features.reverse()
    return {"key": key, "labels": [i == right for i in range(2)], "features": features,
            "texts": ["a", "b"]}


def test_the_trainer_is_deterministic_and_learns_the_right_source() -> None:
    pages = [_page(f"p{i}", i % 2) for i in range(8)]
    first, second = train(pages, steps=50), train(pages, steps=50)
    assert first == second
    assert first["src_h1"] > 0 > first["src_title"]
    assert all(page["labels"][choose(first, page)] for page in pages)  # type: ignore[index]


def test_folds_are_fixed_by_the_page_key_and_rules_can_be_hidden() -> None:
    assert fold_of("dev/0001") == fold_of("dev/0001")
    assert len({fold_of(f"dev/{i:04}") for i in range(50)}) == 5
    page = {"labels": [True, False], "texts": ["x", "y"],
            "features": [{"src_rules": 1.0, "src_og": 1.0}, {"src_rules": 1.0}]}
    hidden = without_rules(page)
    assert hidden["features"] == [{"src_og": 1.0}]  # a rules-only candidate goes
    assert hidden["labels"] == [True]
