"""The benchmark's metrics: they decide what the extraction figures mean."""

from __future__ import annotations

from datetime import UTC, datetime

from bench.metrics import (
    authors_match,
    body_precision_recall,
    date_matches,
    date_printed_in,
    title_matches,
)


def test_body_precision_and_recall_count_shingles() -> None:
    gold = "one two three four five six"
    assert body_precision_recall(gold, gold) == (1.0, 1.0)
    precision, recall = body_precision_recall("one two three four", gold)
    assert (precision, recall) == (1.0, 1 / 3)


def test_field_matches_fold_and_compare_days() -> None:
    assert title_matches("The Headline!", "the headline")
    assert not title_matches("The Headline | Site", "the headline")
    assert date_matches(datetime(2019, 11, 16, 23, tzinfo=UTC), "2019-11-16")
    assert not date_matches(None, "2019-11-16")
    assert authors_match(("Jane Doe", "John Roe"), "John Roe and Jane Doe")


def test_with_joins_two_names_in_an_author_string() -> None:
    # a38: the truth "Dieter Hogen with Uta Pippig" names two people (fails without
    # "with" in NAME_SPLIT_RE); a surname "With" and "Withers" are no joins.
    assert authors_match(("Dieter Hogen", "Uta Pippig"), "Dieter Hogen with Uta Pippig")
    assert authors_match(("Kristian With",), "Kristian With")
    assert not authors_match(("Kristian",), "Kristian With")
    assert authors_match(("Jane Withers", "John Roe"), "Jane Withers and John Roe")


def test_date_printed_in_finds_common_spellings_only() -> None:
    assert date_printed_in('<time datetime="2024-10-31">x</time>', "2024-10-31")
    assert date_printed_in("<i>Updated: 10/31/2024</i>", "2024-10-31")
    assert date_printed_in("Posted on October 31st, 2024", "2024-10-31")
    assert date_printed_in("31 Oct. 2024", "2024-10-31")
    assert not date_printed_in("Posted on October 30, 2024", "2024-10-31")
    assert not date_printed_in("anything", "2003-11")


def test_the_third_set_summary_reports_f1_as_f1() -> None:
    # bench/cleaneval_set.py printed the mean recall under "f1" (b23).
    from bench.cleaneval_set import summarize
    from bench.metrics import f1_of_means

    summary = summarize([(1.0, 0.5), (0.5, 0.5)], f1_of_means)
    assert summary == {"pages": 2, "precision": 0.75, "recall": 0.5, "f1": 0.6}


def test_an_empty_body_scores_precision_zero_not_one() -> None:
    """scrapinghub's evaluate.py: giving up on a page must not raise mean precision."""
    gold = "one two three four five six"
    assert body_precision_recall("", gold) == (0.0, 0.0)
    assert body_precision_recall("one two three four", "") == (0.0, 0.0)
    assert body_precision_recall("", "") == (1.0, 1.0)
