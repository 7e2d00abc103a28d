"""t52 on the glued-label rule (``parsers.title_glued_label``): what counts as a domain.

A title's end names a domain, and so is a site's label, only when it ends in a top-level
domain IANA delegates ("on ChicagoSports.com", "on news.example.co.uk"). A software name
spelt with a dot ("Node.js", "Vue.js", "Three.js", "Chart.js") ends in none: a tutorial's
step heading or a release's deck printing the title's start leaves it in the title. The
first test's cases took the printed block as the title before t52."""

from __future__ import annotations

import pytest

from parsers import extract

STORY = "".join(
    f"<p>{p}</p>"
    for p in (
        "The team moved its services over the course of a year and said the change cut its "
        "response times by half while the number of servers it runs fell by a third.",
        "Engineers said the hardest part was the build tooling, which had to be rewritten "
        "from scratch, and that the old code was retired at the end of the summer.",
        "Other companies have made the same move in recent years and most of them report "
        "that their developers write and ship new features faster than before.",
    )
)
NAV = "".join(
    f"<td><a href='/s{n}'>{word}</a></td>"
    for n, word in enumerate(["Home", "News", "Tutorials", "Releases", "About Us"])
)
URL = "http://dev.example.com/read/story/2245.htm"


def _page(title: str, printed: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body><table><tr>{NAV}</tr></table>"
        f"<div class='story'><h3>{printed}</h3>{STORY}</div></body></html>"
    )


@pytest.mark.parametrize(
    ("title", "printed"),
    [
        ("Building a REST API with Express in Node.js", "Building a REST API with Express"),
        ("Managing state across many pages in Vue.js", "Managing state across many pages"),
        ("Rendering 3D scenes in the browser with Three.js", "Rendering 3D scenes in the browser"),
        ("Drawing live dashboards for a team using Chart.js", "Drawing live dashboards for a team"),
    ],
)
def test_a_dotted_software_name_is_no_domain(title: str, printed: str) -> None:
    assert extract(_page(title, printed), url=URL).title == title


@pytest.mark.parametrize(
    "label",
    [" on ChicagoSports.com", " on news.example.co.uk", " via xinhuanet.com"],
)
def test_a_domain_ending_in_a_real_tld_is_still_a_label(label: str) -> None:
    headline = "Coverity Venture Resolves Security Flaws in Open-Source Projects"
    assert extract(_page(headline + label, headline), url=URL).title == headline
