"""d57, category "an update's date printed before the publication's", nothing declared.

Found by ``bench/date_census.py --printed-only`` (declared dates taken out, URL hidden: what a
page that declares nothing gives): Postlight's opposingviews.com prints "Author: Lauren Briggs
Updated: Mar 6, 2018 Original: Dec 21, 2016" and gave the 6 March update; dev 1708 ("Updated on
November 15, 2025 Published on November 5, 2025") and dev 4560 (NPR, "Updated November 11, 2022
... Originally published November 9, 2022") print the same order, their truth the
publication. With nothing declared the header's first date was taken, an update's too.
"""

from __future__ import annotations

import pytest

from tests.parsers.published_day import undeclared_day

FIXED = [
    (
        "update line over a published line",
        "<p>Updated: Mar 6, 2018</p><p>Published: Dec 21, 2016</p>",
        21,
    ),
    (
        "update then original on one byline",
        "<p>Author: Lauren Briggs Updated: Mar 6, 2018 Original: Dec 21, 2016</p>",
        21,
    ),
    (
        "update then published on one line",
        "<p>Updated on November 15, 2025 Published on November 5, 2025</p>",
        5,
    ),
    (
        "two updates over the posted line",
        "<p>Updated November 23, 2013</p><p>Updated September 26, 2011</p>"
        "<p>Posted July 10, 2004</p>",
        10,
    ),
    ("German labels", "<p>Aktualisiert: 06.03.2018</p><p>Veröffentlicht: 21.12.2016</p>", 21),
    ("French labels", "<p>Mis à jour le 6 mars 2018</p><p>Publié le 21 décembre 2016</p>", 21),
]

UPDATE = '<time datetime="2018-03-06T19:49:32-05:00">Mar 6, 2018</time>'
ORIGINAL = '<time datetime="2016-12-21T18:49:10-05:00">Dec 21, 2016</time>'
# The same on <time> tags (Opposing Views' own markup: the labels in their own cells).
FIXED += [
    (
        "time tags, labels in their own blocks",
        f"<div>Updated:</div><div>{UPDATE}</div><div>Original:</div><div>{ORIGINAL}</div>",
        21,
    ),
    (
        "printed dates, labels in their own blocks",
        "<div>Updated:</div><div>Mar 6, 2018</div><div>Original:</div><div>Dec 21, 2016</div>",
        21,
    ),
    ("time tags, labels on one line", f"<p>Updated: {UPDATE} Original: {ORIGINAL}</p>", 21),
]

GUARDS = [
    ("an update alone stays the page's date (d48's U)", "<p>Updated: Mar 6, 2018</p>", 6),
    (
        "a later date after the update is no publication",
        "<p>Updated: Mar 6, 2018</p><p>Event: Apr 1, 2018</p>",
        6,
    ),
    (
        "publication first: unchanged",
        "<p>Published: Dec 21, 2016 Updated: Mar 6, 2018</p>",
        21,
    ),
    ("an update's time tag alone stays", f"<div>Updated:</div><div>{UPDATE}</div>", 6),
    (
        "time tags, publication first",
        f"<p>Published: {ORIGINAL} | Updated: {UPDATE}</p>",
        21,
    ),

    (
        "a sentence's date after the update is the news's",
        "<p>Updated: Mar 6, 2018</p><p>On Dec 21, 2016 the council voted to approve the plan"
        " after a long debate in the chamber that lasted into the night.</p>",
        6,
    ),
]


CASES = FIXED + GUARDS


@pytest.mark.parametrize(("case", "before", "day"), CASES, ids=[c[0] for c in CASES])
def test_update_before_publication_nothing_declared(case: str, before: str, day: int) -> None:
    assert undeclared_day(before) == day, case
