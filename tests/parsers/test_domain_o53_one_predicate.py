"""o53: one domain predicate (``domain_tlds.is_domain``), read against IANA's TLD list, for
the title's glued label (t52), the title's site cut and an outlet's credit.

1. An outlet and its address (g35, ``author_outlets.outlet_credit``): any token ending in a
   dot and two lower-case letters was a domain, so a declared credit "Node.js, Ryan" or
   "Three.js, Ricardo Cabello (mrdoob)" was read as an outlet and where it sits, and the
   writer after it dropped as the address.
2. The site cut (``title_site_cut``, k38's "Headline : sunherald.com"): six endings were
   domains ("com", "net", "org", "co.uk", "info", "biz"), so "Un juge se récuse :
   lemonde.fr" kept its site label.
"""

from __future__ import annotations

import pytest

from parsers.domain_tlds import is_domain, names_domain
from parsers.extract import extract
from parsers.title_site_cut import strip_site_name

BODY = "<p>" + " ".join(["The council met again to settle the budget for the year."] * 8) + "</p>"
URL = "https://example.com/news/budget-settled"


def _authors(author: str) -> tuple[str, ...]:
    html = (
        "<html lang='en'><head><title>Budget settled</title>"
        f"<meta name='author' content='{author}'></head><body><article>"
        f"<h1>Budget settled</h1>{BODY * 5}</article></body></html>"
    )
    return extract(html, url=URL, timezone="UTC").authors


@pytest.mark.parametrize(
    ("credit", "authors"),
    [
        # Each fails without: the writer dropped as the address of the "outlet" "Node.js".
        ("Node.js, Ryan", ("Node.js", "Ryan")),
        ("Vue.js, 尤雨溪", ("Vue.js", "尤雨溪")),
        ("Three.js, Ricardo Cabello (mrdoob)", ("Three.js", "Ricardo Cabello (mrdoob)")),
    ],
)
def test_a_software_name_is_no_outlet_with_an_address(
    credit: str, authors: tuple[str, ...]
) -> None:
    assert _authors(credit) == authors


@pytest.mark.parametrize(
    ("credit", "authors"),
    [
        # Guards (g35): a domain and its address is the outlet, whatever its TLD.
        ("hessenschau.de, Frankfurt, Germany", ("hessenschau.de",)),
        ("ORF.at, Wien", ("ORF.at",)),
        ("Socket.io, Berlin", ("Socket.io",)),
    ],
)
def test_a_domain_with_its_address_is_the_outlet(credit: str, authors: tuple[str, ...]) -> None:
    assert _authors(credit) == authors


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        # Each fails without: the lower-case site label after the spaced colon kept.
        ("Un juge se récuse : lemonde.fr", "Un juge se récuse"),
        ("Stürme über Hamburg : spiegel.de", "Stürme über Hamburg"),
        ("Council settles its budget : www.example.co.nz", "Council settles its budget"),
    ],
)
def test_a_domain_label_of_any_tld_is_cut(title: str, headline: str) -> None:
    assert strip_site_name(title, None) == headline


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        # Guards: k38's ".com" as before; a software name after the colon is the
        # headline's own ("js" is no TLD); an upper-case ending is a product's spelling.
        ("Bush declares victory : sunherald.com", "Bush declares victory"),
        ("Getting started with components : vue.js", "Getting started with components : vue.js"),
        ("Release notes : three.js", "Release notes : three.js"),
    ],
)
def test_site_cut_guards(title: str, headline: str) -> None:
    assert strip_site_name(title, None) == headline


@pytest.mark.parametrize(
    ("name", "domain"),
    [
        ("ChicagoSports.com", True),
        ("bbc.co.uk", True),
        ("www.example.co.nz", True),
        ("hessenschau.de", True),
        ("Node.js", False),
        ("Vue.js", False),
        ("Three.js", False),
        ("ASP.NET", False),
        ("E.ON", False),
        ("example.com.", False),
        (".com", False),
        ("Budget settled", False),
    ],
)
def test_is_domain(name: str, domain: bool) -> None:
    assert is_domain(name) is domain


def test_names_domain_reads_words() -> None:
    assert names_domain("Stars fall on ChicagoSports.com")
    assert not names_domain("Getting started with Node.js and Vue.js")
