"""k53o: a site's name spelt as its domain in capitals is still the site's name.

o53 made one domain predicate (``domain_tlds.is_domain``) whose top-level domain is
lower-case letters, as t52's glued label and g35's outlet credit read it ("ASP.NET",
"Socket.IO" are products). The title's site rules read any case before (k38's
``DOMAIN_RE``, ``re.IGNORECASE``): a title whose longest part is the site's domain
("News | Africa - Reuters.com", Reuters' 2008 pages in the second set) names no story,
and the headline set over the story is taken (``title._unless_site``). Spelt in capitals
("REUTERS.COM", "WWW.KANSASCITY.COM") or as Earth.Org spells its own name (dev set), the
domain became the page's title on 09feb27.
"""

from __future__ import annotations

import pytest

from parsers.domain_tlds import is_domain
from parsers.extract import extract

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
HEADLINE = "Sarkozy defends himself against rights critics"


def _title(title: str) -> str:
    html = (
        f"<html><head><title>{title}</title></head><body>"
        "<div>You are here: <a href='/'>Home</a> &gt; <a href='/wire/news/'>News</a></div>"
        f"<h4>{HEADLINE}</h4><div class='timestamp'>Tue  8 Jan 2008, 13:59 GMT</div>"
        f"{BODY * 3}</body></html>"
    )
    return extract(html, url="https://example.com/article/idUSL08", timezone="UTC").title


@pytest.mark.parametrize(
    "title",
    [
        # Each fails on 09feb27: the domain in capitals was the title.
        "News | Africa - REUTERS.COM",
        "Climate | Earth.Org",
        "WWW.KANSASCITY.COM | 01/17/2008 | Review",
        # Guard: spelt in lower case it is the site's, as on 648b78e.
        "News | Africa - Reuters.com",
    ],
)
def test_a_site_domain_in_capitals_gives_way_to_the_headline(title: str) -> None:
    assert _title(title) == HEADLINE


@pytest.mark.parametrize(
    ("name", "any_case", "expected"),
    [
        ("REUTERS.COM", True, True),
        ("Earth.Org", True, True),
        ("NCSC.GOV.UK", True, True),
        ("Node.JS", True, False),  # "js" is no top-level domain in any case
        # Guards: t52's and g35's readers keep the lower-case top-level domain.
        ("REUTERS.COM", False, False),
        ("ASP.NET", False, False),
        ("Socket.IO", False, False),
        ("reuters.com", False, True),
    ],
)
def test_the_predicate_in_any_case(name: str, any_case: bool, expected: bool) -> None:
    assert is_domain(name, any_case=any_case) is expected
