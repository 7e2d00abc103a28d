"""Date categories d43 found by mining disagreements with htmldate (issue 17).

- "a microdata date on a <time>": a page that declares nothing in its head and prints the
update over the publication, each in a <time> whose microdata says which is which (Le
Figaro: ``Mis à jour <time itemprop="dateModified" ...>`` then ``Publié <time
itemprop="datePublished" ...>``; WordPress themes' ``<time class="updated"
itemprop="dateModified">`` before ``<time class="entry-date published">``). The
dateModified <time> is no publication candidate (before: the first <time>, the update, a
day late on the fifth set's lefigaro page).
- "a weekday names the reading": "Tuesday, 11.06.2012" on a page whose order nothing
  else settles is 6 November (a Tuesday; 11 June 2012 was a Monday). Before: no date
  (second set: NHL's 10 dragnet pages, rightwingwatch's and zerohedge's "Thu, 08/09/2012").

The cases fail without the rule; the guards pass both ways.
"""

from __future__ import annotations

from datetime import UTC, datetime

from parsers import extract

PARAGRAPH = "<p>" + " ".join(["Le ministre envisage des cessions partielles cette année."] * 8)
BODY = (PARAGRAPH + "</p>") * 6


def _page(first: str, second: str, lang: str = "fr") -> str:
    return (
        f'<html lang="{lang}"><head><title>Des privatisations partielles</title></head><body>'
        "<article><h1>Des privatisations partielles</h1><p>Par Jeanne Martin</p>"
        f"<ul><li>{first}</li><li>{second}</li></ul>{BODY}</article></body></html>"
    )


URL = "https://www.example.fr/conjoncture/des-privatisations-partielles.php"


def test_figaro_update_time_printed_first_is_not_the_publication() -> None:
    html = _page(
        'Mis à jour <time itemprop="dateModified" datetime="2013-04-06T10:37:32+02:00">'
        "le 06/04/2013 à 10:37</time>",
        'Publié <time itemprop="datePublished" datetime="2013-04-05T17:08:23+02:00">'
        "le 05/04/2013 à 17:08</time>",
    )
    found = extract(html, url=URL).published_at
    assert found is not None
    assert found.astimezone(UTC) == datetime(2013, 4, 5, 15, 8, 23, tzinfo=UTC)


def test_wordpress_updated_time_before_the_published_one() -> None:
    html = _page(
        '<time class="updated" datetime="2025-05-21T14:06:47+00:00" '
        'itemprop="dateModified">21/05/2025</time>',
        '<time class="entry-date published" datetime="2025-04-24T16:12:49+00:00" '
        'itemprop="datePublished">24/04/2025</time>',
    )
    found = extract(html, url=URL).published_at
    assert found is not None and found.date().isoformat() == "2025-04-24"


# Guards: <time> tags with no microdata keep their order; a lone dateModified <time> is no
# publication from the <time> tags (the page prints no other date).
def test_times_without_microdata_keep_their_order() -> None:
    html = _page(
        '<time datetime="2013-04-05T17:08:23+02:00">le 05/04/2013 à 17:08</time>',
        '<time datetime="2013-04-06T10:37:32+02:00">le 06/04/2013 à 10:37</time>',
    )
    found = extract(html, url=URL).published_at
    assert found is not None and found.date().isoformat() == "2013-04-05"


# Category "a weekday names the reading" (parsers/date_order.py): an English page with no
# region prints only numeric dates that read both ways; the weekday before one of them
# fits one reading only (before: no date, as an order nothing settles).
def _numeric(line: str) -> str:
    return (
        '<html lang="en"><head><title>Whalers defeat Spirit</title></head><body>'
        f'<div class="article"><h1>Whalers defeat Spirit</h1><div class="date">{line}</div>'
        f"{BODY}</div></body></html>"
    )


NUMERIC_URL = "https://www.example.com/news/index.htm?id=647417"


def test_a_weekday_before_a_dotted_date_settles_month_first() -> None:
    # 6 November 2012 was a Tuesday, 11 June 2012 a Monday.
    found = extract(_numeric("Tuesday, 11.06.2012 / 4:54 PM"), url=NUMERIC_URL).published_at
    assert found is not None and found.date().isoformat() == "2012-11-06"


def test_an_abbreviated_weekday_before_a_slashed_date() -> None:
    # 9 August 2012 was a Thursday, 8 September 2012 a Saturday.
    html = _numeric("Submitted by Kyle Mantyla on Thu, 08/09/2012 - 3:04pm")
    found = extract(html, url=NUMERIC_URL).published_at
    assert found is not None and found.date().isoformat() == "2012-08-09"


def test_a_weekday_settles_day_first_too() -> None:
    # 11 June 2012 was a Monday.
    found = extract(_numeric("Monday, 11.06.2012"), url=NUMERIC_URL).published_at
    assert found is not None and found.date().isoformat() == "2012-06-11"


# Guards: a weekday neither reading falls on, and no weekday, still give no date.
def test_a_weekday_no_reading_fits_gives_no_date() -> None:
    found = extract(_numeric("Friday, 11.06.2012"), url=NUMERIC_URL).published_at
    assert found is None


def test_no_weekday_still_no_date() -> None:
    found = extract(_numeric("Posted: 11.06.2012"), url=NUMERIC_URL).published_at
    assert found is None
