"""Author probes: made-up pages, one per byline category, scored for ``authors``.

    uv run python bench/author_probes.py

No measuring set holds enough pages of each byline shape the issue-17 author work
names (roles after the name, several authors, agency bylines, JSON-LD Person
objects and arrays, rel=author, a meta author that is the site), so each shape is
probed with one made-up story page. A miss prints what came back; the last line is
the count. The expected value is the name as a reader would file it: case and a
final dot are kept as printed (the extraction bench folds both), so "JANE DOE" and
"John Roe Jr" count as misses here and as matches there.
"""

# ruff: noqa: E501  (one made-up page per line reads better than wrapped HTML)
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from parsers import extract

BODY = (
    "<p>"
    + " ".join(["The council approved the new budget for the coming year after a long debate."] * 6)
    + "</p>"
)
BODY2 = (
    "<p>"
    + " ".join(["Officials said the plan would take effect next month across the region."] * 6)
    + "</p>"
)


def page(
    head: str = "",
    byline: str = "",
    after: str = "",
    h1: str = "Council approves budget for next year",
) -> str:
    return f"<html><head><title>{h1} | Daily Planet</title>{head}</head><body><header><nav><a href='/'>Home</a></nav></header><article><h1>{h1}</h1>{byline}{BODY}{BODY2}{after}</article><footer>Copyright Daily Planet</footer></body></html>"


def ld(obj: object) -> str:
    return '<script type="application/ld+json">' + json.dumps(obj) + "</script>"


CASES: dict[str, tuple[str, list[str]]] = {
    "role comma": (page(byline="<p class='byline'>By Jane Doe, Staff Writer</p>"), ["Jane Doe"]),
    "role pipe": (
        page(byline="<div class='byline'>Jane Doe | Senior Reporter</div>"),
        ["Jane Doe"],
    ),
    "role of site": (page(byline="<p>By Jane Doe, Daily Planet Staff Writer</p>"), ["Jane Doe"]),
    "role For": (page(byline="<p>By Jane Doe for the Daily Planet</p>"), ["Jane Doe"]),
    "two authors and": (
        page(byline="<p class='byline'>By Jane Doe and John Roe</p>"),
        ["Jane Doe", "John Roe"],
    ),
    "three authors": (
        page(byline="<p class='byline'>By Jane Doe, John Roe and Ann Poe</p>"),
        ["Jane Doe", "John Roe", "Ann Poe"],
    ),
    "authors oxford": (
        page(byline="<p class='byline'>By Jane Doe, John Roe, and Ann Poe</p>"),
        ["Jane Doe", "John Roe", "Ann Poe"],
    ),
    "agency only": (page(byline="<p class='byline'>By Reuters</p>"), ["Reuters"]),
    "AP": (page(byline="<p class='byline'>By The Associated Press</p>"), ["The Associated Press"]),
    "name, agency": (page(byline="<p class='byline'>By Jane Doe, Reuters</p>"), ["Jane Doe"]),
    "name | AFP": (page(byline="<p class='byline'>Jane Doe | AFP</p>"), ["Jane Doe"]),
    "name AP": (page(byline="<p class='byline'>By JANE DOE Associated Press</p>"), ["Jane Doe"]),
    "caps byline": (page(byline="<p class='byline'>By JANE DOE</p>"), ["Jane Doe"]),
    "ld person obj": (
        page(
            head=ld(
                {
                    "@type": "NewsArticle",
                    "headline": "x",
                    "author": {"@type": "Person", "name": "Jane Doe"},
                }
            )
        ),
        ["Jane Doe"],
    ),
    "ld person array": (
        page(
            head=ld(
                {
                    "@type": "NewsArticle",
                    "author": [
                        {"@type": "Person", "name": "Jane Doe"},
                        {"@type": "Person", "name": "John Roe"},
                    ],
                }
            )
        ),
        ["Jane Doe", "John Roe"],
    ),
    "ld graph": (
        page(
            head=ld(
                {
                    "@context": "https://schema.org",
                    "@graph": [
                        {"@type": "NewsArticle", "author": {"@id": "#p1"}},
                        {"@type": "Person", "@id": "#p1", "name": "Jane Doe"},
                    ],
                }
            )
        ),
        ["Jane Doe"],
    ),
    "ld author string": (
        page(head=ld({"@type": "NewsArticle", "author": "Jane Doe"})),
        ["Jane Doe"],
    ),
    "ld author list strings": (
        page(head=ld({"@type": "NewsArticle", "author": ["Jane Doe", "John Roe"]})),
        ["Jane Doe", "John Roe"],
    ),
    "ld author org agency": (
        page(
            head=ld(
                {"@type": "NewsArticle", "author": {"@type": "Organization", "name": "Reuters"}}
            )
        ),
        ["Reuters"],
    ),
    "ld author url name": (
        page(
            head=ld(
                {
                    "@type": "NewsArticle",
                    "author": {"@type": "Person", "name": "Jane Doe", "url": "https://x/jane"},
                }
            )
        ),
        ["Jane Doe"],
    ),
    "ld article array": (
        page(
            head=ld(
                [
                    {"@type": "WebPage"},
                    {"@type": "NewsArticle", "author": [{"@type": "Person", "name": "Jane Doe"}]},
                ]
            )
        ),
        ["Jane Doe"],
    ),
    "ld role in name": (
        page(
            head=ld(
                {
                    "@type": "NewsArticle",
                    "author": {"@type": "Person", "name": "Jane Doe, Staff Writer"},
                }
            )
        ),
        ["Jane Doe"],
    ),
    "ld name caps": (
        page(head=ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "JANE DOE"}})),
        ["Jane Doe"],
    ),
    "rel author": (
        page(byline="<p>Posted on March 3 by <a rel='author' href='/author/jane'>Jane Doe</a></p>"),
        ["Jane Doe"],
    ),
    "rel author handle": (
        page(byline="<p><a rel='author' href='/author/jdoe'>jdoe</a></p>"),
        ["jdoe"],
    ),
    "meta author site": (
        page(
            head="<meta name='author' content='Daily Planet'><meta property='og:site_name' content='Daily Planet'>",
            byline="<p class='byline'>By Jane Doe</p>",
        ),
        ["Jane Doe"],
    ),
    "meta author site no byline": (
        page(
            head="<meta name='author' content='Daily Planet'><meta property='og:site_name' content='Daily Planet'>"
        ),
        ["Daily Planet"],
    ),
    "meta author": (page(head="<meta name='author' content='Jane Doe'>"), ["Jane Doe"]),
    "meta article:author url": (
        page(
            head="<meta property='article:author' content='https://www.facebook.com/janedoe'>",
            byline="<p class='byline'>By Jane Doe</p>",
        ),
        ["Jane Doe"],
    ),
    "meta article:author name": (
        page(head="<meta property='article:author' content='Jane Doe'>"),
        ["Jane Doe"],
    ),
    "meta author and": (
        page(head="<meta name='author' content='Jane Doe and John Roe'>"),
        ["Jane Doe", "John Roe"],
    ),
    "meta author semicolon": (
        page(head="<meta name='author' content='Jane Doe; John Roe'>"),
        ["Jane Doe", "John Roe"],
    ),
    "byline span author": (
        page(
            byline="<div class='meta'><span class='author'>Jane Doe</span> <time>March 3, 2024</time></div>"
        ),
        ["Jane Doe"],
    ),
    "byline with date": (
        page(byline="<p class='byline'>By Jane Doe | March 3, 2024</p>"),
        ["Jane Doe"],
    ),
    "byline updated": (
        page(byline="<p class='byline'>By Jane Doe Updated 3:04 PM EST, March 3, 2024</p>"),
        ["Jane Doe"],
    ),
    "byline with In": (
        page(byline="<p class='byline'>By Jane Doe in Washington</p>"),
        ["Jane Doe"],
    ),
    "byline de": (page(byline="<p class='byline'>Von Jane Doe</p>"), ["Jane Doe"]),
    "byline fr": (page(byline="<p class='byline'>Par Jane Doe</p>"), ["Jane Doe"]),
    "byline es": (page(byline="<p class='byline'>Por Jane Doe</p>"), ["Jane Doe"]),
    "byline with email": (
        page(byline="<p class='byline'>By Jane Doe jane.doe@planet.com</p>"),
        ["Jane Doe"],
    ),
    "byline twitter": (page(byline="<p class='byline'>By Jane Doe @janedoe</p>"), ["Jane Doe"]),
    "byline staff": (
        page(byline="<p class='byline'>By Daily Planet Staff</p>"),
        ["Daily Planet Staff"],
    ),
    "byline with and agencies": (
        page(byline="<p class='byline'>By Jane Doe and Agencies</p>"),
        ["Jane Doe"],
    ),
    "byline Dr": (page(byline="<p class='byline'>By Dr. Jane Doe</p>"), ["Dr. Jane Doe"]),
    "byline special to": (
        page(byline="<p class='byline'>By Jane Doe, Special to the Planet</p>"),
        ["Jane Doe"],
    ),
    "byline contributor": (
        page(byline="<p class='byline'>Jane Doe, Contributor</p>"),
        ["Jane Doe"],
    ),
    "byline with photo caption credit": (
        page(
            byline="<figure><img src=a.jpg><figcaption>Photo by John Roe</figcaption></figure><p class='byline'>By Jane Doe</p>"
        ),
        ["Jane Doe"],
    ),
    "byline two links": (
        page(
            byline="<p class='byline'>By <a href='/author/jane-doe'>Jane Doe</a> and <a href='/author/john-roe'>John Roe</a></p>"
        ),
        ["Jane Doe", "John Roe"],
    ),
    "byline two links comma": (
        page(
            byline="<div class='byline'><a href='/author/jane-doe'>Jane Doe</a>, <a href='/author/john-roe'>John Roe</a></div>"
        ),
        ["Jane Doe", "John Roe"],
    ),
    "author box end": (
        page(
            after="<div class='author-bio'><h4>About the author</h4><p>Jane Doe is a reporter covering city hall.</p></div>"
        ),
        ["Jane Doe"],
    ),
    "byline with reporting": (
        page(byline="<p class='byline'>Reporting by Jane Doe; Editing by John Roe</p>"),
        ["Jane Doe"],
    ),
    "byline words by": (page(byline="<p class='byline'>Words by Jane Doe</p>"), ["Jane Doe"]),
    "byline middle initial": (page(byline="<p class='byline'>By Jane Q. Doe</p>"), ["Jane Q. Doe"]),
    "byline Jr": (page(byline="<p class='byline'>By John Roe Jr.</p>"), ["John Roe Jr."]),
    "byline hyphen": (
        page(byline="<p class='byline'>By Mary-Jane O'Neil</p>"),
        ["Mary-Jane O'Neil"],
    ),
    "meta parsely-author": (
        page(head="<meta name='parsely-author' content='Jane Doe'>"),
        ["Jane Doe"],
    ),
    "meta sailthru.author": (
        page(head="<meta name='sailthru.author' content='Jane Doe'>"),
        ["Jane Doe"],
    ),
    "meta dc.creator": (page(head="<meta name='dc.creator' content='Jane Doe'>"), ["Jane Doe"]),
    "meta byl": (page(head="<meta name='byl' content='By Jane Doe'>"), ["Jane Doe"]),
    "itemprop author": (
        page(
            byline="<div itemprop='author' itemscope itemtype='http://schema.org/Person'><span itemprop='name'>Jane Doe</span></div>"
        ),
        ["Jane Doe"],
    ),
    "ld author and site meta": (
        page(
            head=ld(
                {
                    "@type": "NewsArticle",
                    "author": {"@type": "Organization", "name": "Daily Planet"},
                }
            )
            + "<meta property='og:site_name' content='Daily Planet'>",
            byline="<p class='byline'>By Jane Doe</p>",
        ),
        ["Jane Doe"],
    ),
    "ld name with By": (
        page(
            head=ld({"@type": "NewsArticle", "author": {"@type": "Person", "name": "By Jane Doe"}})
        ),
        ["Jane Doe"],
    ),
    "ld name both": (
        page(
            head=ld(
                {
                    "@type": "NewsArticle",
                    "author": {"@type": "Person", "name": "Jane Doe and John Roe"},
                }
            )
        ),
        ["Jane Doe", "John Roe"],
    ),
    "byline CNN": (page(byline="<p class='byline'>By Jane Doe, CNN</p>"), ["Jane Doe"]),
    "byline staff writer glued": (
        page(byline="<div class='byline'><span>Jane Doe</span><span>Staff Writer</span></div>"),
        ["Jane Doe"],
    ),
}


def main() -> int:
    """Print each miss and the count."""
    bad = 0
    for name, (html, want) in CASES.items():
        got = list(
            extract(html, url="https://planet.example/news/2024/03/03/council-budget").authors
        )
        if got != want:
            bad += 1
            print(f"miss {name}: got {got}, want {want}")
    print(f"{len(CASES) - bad}/{len(CASES)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
