"""parsers/tree.py builds the tree BeautifulSoup builds, and answers its calls alike.

The extractor's output must not change with the tree it reads, so each case compares
our tree with BeautifulSoup's (lxml builder, plain-string attributes) node for node,
string for string, including the string's kind, over hand-written markup for every
rule in the module's docstring and over the golden WCXB pages.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from bs4.element import (
    NavigableString,
    RubyParenthesisString,
    RubyTextString,
    Script,
    Stylesheet,
    TemplateString,
)

from parsers.tree import Node, parse, release

GOLDEN = Path(__file__).parent / "golden"
KINDS: dict[type, str] = {
    NavigableString: "",
    Script: "script",
    Stylesheet: "style",
    TemplateString: "template",
    RubyTextString: "rt",
    RubyParenthesisString: "rp",
}
CASES = {
    # Comments and processing instructions split a string; they are not kept.
    "comment splits": "<p>one <!-- c --> two<?php echo 1; ?>three</p>",
    # ASCII-whitespace-only strings become "\n" or " "; other whitespace stays.
    "whitespace": "<div>\n   <p>a</p>  \t <p>b</p>\u00a0<span> </span></div>",
    "pre keeps": "<pre>\n  <b>x</b>   \n</pre><textarea>  \n </textarea><div>  </div>",
    "script and style": "<head><style> p {} </style><script type='x'> var a; </script></head>"
    "<body><template><p>t</p></template><p>x</p></body>",
    "ruby": "<ruby>漢<rp>(</rp><rt>kan <b>ji</b></rt><rp>)</rp></ruby>",
    "unbalanced": "<div><p>a<span>b</div>c</p><li>one<li>two</ul><table><td>x</table>",
    "doctype and bom": "\ufeff<!DOCTYPE html><html lang='de'><p>x</p></html>",
    "attributes": "<div class='a  b' id=x data-x='1' hidden><meta charset=utf-8>"
    "<meta http-equiv=content-type content='text/html; charset=utf-8'><input disabled></div>",
    "entities": "<p>&amp; &nbsp;&eacute; &bogus; <a href='/author/jane-doe'>Jane</a></p>",
    "xml prolog": "<?xml version='1.0'?><html><body><p>x</p></body></html>",
}


def _ours(node: Node | str) -> Any:
    if isinstance(node, Node):
        return (node.name, dict(node.attrs), [_ours(child) for child in node.contents])
    return (getattr(node, "kind", ""), str(node))


def _theirs(node: Any) -> Any:
    if isinstance(node, Tag):
        children = [_theirs(c) for c in node.contents if isinstance(c, Tag) or type(c) in KINDS]
        return (node.name, {k: str(v) for k, v in node.attrs.items()}, children)
    return (KINDS[type(node)], str(node))


def _soup(text: str) -> BeautifulSoup:
    return BeautifulSoup(text, "lxml", multi_valued_attributes=None)


def _same_tree(text: str) -> None:
    root, elements = parse(text)
    soup = _soup(text)
    assert _ours(root) == _theirs(soup)
    assert [n.name for n in elements] == [t.name for t in soup.find_all(True)]
    for node, tag in zip(elements, soup.find_all(True), strict=True):
        assert node.get_text() == tag.get_text()
        assert node.get_text(" ") == tag.get_text(" ")
        assert list(node.stripped_strings) == list(tag.stripped_strings)
    release(elements)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_tree_is_beautifulsoups(name: str) -> None:
    _same_tree(CASES[name])


@pytest.mark.parametrize(
    "key", sorted(path.name.removesuffix(".html.gz") for path in GOLDEN.glob("*.html.gz"))
)
def test_the_tree_is_beautifulsoups_on_golden_pages(key: str) -> None:
    _same_tree(gzip.decompress((GOLDEN / f"{key}.html.gz").read_bytes()).decode("utf-8"))


def test_finding_elements_matches_beautifulsoup() -> None:
    text = (
        "<nav><ul><li><a href='/author/ann-lee'>Ann</a></li><li><a href='/x'>X</a></li>"
        "<li><a href='/authors/bo-ray/'>Bo</a></li></ul></nav>"
        "<div><button><p>inside</p></button><span rel=author>Cy</span></div>"
    )
    root, elements = parse(text)
    soup = _soup(text)
    pattern = re.compile(r"/authors?/[^/]+")
    ours = root.find_all("a", href=pattern, limit=1)
    theirs = soup.find_all("a", href=pattern, limit=1)
    assert [n.get("href") for n in ours] == [t.get("href") for t in theirs] == ["/author/ann-lee"]
    assert len(root.find_all("a", href=pattern)) == len(soup.find_all("a", href=pattern)) == 2
    rel = root.find_all(lambda n: n.get("rel") == "author")
    assert [n.get_text() for n in rel] == ["Cy"]
    button = root.find_all("button")[0]
    found = button.find(["p", "div"])
    assert found is not None and found.get_text() == "inside"
    assert button.find("h1") is None
    link = ours[0]
    assert [p.name for p in link.parents] == [p.name for p in theirs[0].parents]
    release(elements)
    assert all(n.parent is None for n in elements)


def test_text_lxml_cannot_take_fails_as_with_beautifulsoup() -> None:
    text = "\ud800<p>a lone surrogate</p>"
    with pytest.raises(UnicodeEncodeError) as theirs:
        _soup(text)
    with pytest.raises(UnicodeEncodeError) as ours:
        parse(text)
    assert str(ours.value) == str(theirs.value)


def test_an_extracted_pages_tree_is_freed_without_the_collector() -> None:
    import gc

    from parsers import extract

    page = "<html><body><article><h1>Title</h1>" + "<p>Words <b>of</b> the story.</p>" * 2000
    extract(page, url="https://news.example.org/a/")  # imports, caches
    gc.collect()
    gc.disable()
    try:
        before = len(gc.get_objects())
        extract(page, url="https://news.example.org/a/")
        left = len(gc.get_objects()) - before
    finally:
        gc.enable()
    # 4,000 elements parsed: their nodes are gone, by reference counting alone.
    assert left < 400
