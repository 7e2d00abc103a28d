"""d56 (issue 17): categories htmldate's own unit tests name that we missed
(``bench/date_snippets.py``), each on a press page of our own.

Category "Dublin Core's issue date spelt otherwise": a page whose only declared date is
``<meta name="DC.Issued">`` (government and agency press offices' Dublin Core sets), or the
RDFa spelling with a colon (``property="dcterms:issued"``, ``"dc:created"``: Drupal's and
RDFa templates), gave no date: the key list held only ``dc.date.issued``, ``dcterms.issued``
and ``dcterms.created``.

Category "a registration date in a compact stamp": Korean portals declare the publication as
``<meta property="og:regDate" content="20210820030646">`` (YYYYMMDDhhmmss): neither the name
nor the 14-digit value was read.

Category "the update's <time> before the publication's": WordPress themes print
``<time class="updated">`` before ``<time class="entry-date published">``; on a page whose
<time> tags are its only dates (text the header does not show: an empty tag, a hidden span),
the first one, the update, was taken. The original is the publication (as for
``itemprop="dateModified"``, d43); an "updated" <time> alone is still read.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.parsers.body_rule_pages import page
from tests.parsers.published_day import published_day


def _with_head(head: str, before: str = "") -> str:
    return page(before=before).replace("</head>", f"{head}</head>")


# Each fails on main 41bc77d (no date).
@pytest.mark.parametrize(
    "head",
    [
        '<meta name="DC.Issued" content="2021-07-13">',
        '<meta name="dc.issued" content="2021-07-13T10:00:00+02:00">',
        '<meta property="dcterms:issued" content="2021-07-13">',
        '<meta property="dc:issued" content="2021-07-13">',
        '<meta property="dc:created" content="2021-07-13">',
        '<meta property="dcterms:created" content="2021-07-13">',
        '<meta property="og:regDate" content="20210713093015">',
        '<meta name="og:regdate" content="20210713093015">',
    ],
)
def test_declared_name_gives_the_day(head: str) -> None:
    assert published_day(_with_head(head)) == date(2021, 7, 13)


# Guards (hold on main and after): the order of the key list, and no modification taken.
@pytest.mark.parametrize(
    ("head", "day"),
    [
        # The Open Graph publication stays first over Dublin Core's issue date.
        (
            '<meta name="DC.Issued" content="2021-07-13">'
            '<meta property="article:published_time" content="2021-07-12T08:00:00+02:00">',
            date(2021, 7, 12),
        ),
        # A modification alone is no publication (d50).
        ('<meta property="dcterms:modified" content="2021-07-13">', None),
        ('<meta property="og:updated_time" content="20210713093015">', None),
        # A compact stamp that names no day is none.
        ('<meta property="og:regDate" content="20211350093015">', None),
    ],
)
def test_declared_name_guards(head: str, day: date | None) -> None:
    assert published_day(_with_head(head)) == day


UPDATED = '<time class="updated" datetime="2011-09-28T10:00:00+00:00"></time>'
PUBLISHED = '<time class="entry-date published" datetime="2011-09-27T09:00:00+00:00"></time>'


def test_update_time_before_the_publication_time() -> None:
    """Fails on main (the 28th, the update's)."""
    assert published_day(page(before=UPDATED + PUBLISHED)) == date(2011, 9, 27)


def test_update_time_with_modified_class_before_an_entry_date() -> None:
    """Fails on main (the 28th)."""
    before = (
        '<span class="posted-on"><time class="post-modified" datetime="2011-09-28"></time>'
        '<time class="entry-date" datetime="2011-09-27"></time></span>'
    )
    assert published_day(page(before=before)) == date(2011, 9, 27)


@pytest.mark.parametrize(
    ("before", "day"),
    [
        (PUBLISHED + UPDATED, date(2011, 9, 27)),
        # An "updated" <time> alone is the page's only date (hAtom's required class).
        (UPDATED, date(2011, 9, 28)),
        # Both classes on one tag: WordPress's never-edited post.
        (
            '<time class="entry-date published updated" datetime="2011-09-28"></time>',
            date(2011, 9, 28),
        ),
    ],
)
def test_update_time_guards(before: str, day: date) -> None:
    assert published_day(page(before=before)) == day
