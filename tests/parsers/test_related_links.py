"""A short story beside a related-links block is an article (review r25).

Category "a short story beside a related-links block" (parsers/page_kind.py): a
one-paragraph brief with its headline and date, then 20 or more links to other
stories, in an ``<aside>``, in an element named as related or more stories, or
after a "See also" heading. Before, the links outweighed the story's text and the
page was read as a listing: never stored as an article, never fetched again.
Small hand-written pages in the shapes real sites serve; the true listings stay
listings (tests/parsers/test_page_kind.py, test_dated_listings.py, and the last
case here).
"""

from __future__ import annotations

import pytest

from parsers import extract

PARA = ("MINSK, 16 November (BelTA) - The UN General Assembly adopted a Belarus-sponsored "
        "resolution against human trafficking on Friday, the Foreign Ministry said.")
CJK_PARA = ("新华社北京11月16日电 国务院总理今天主持召开国务院常务会议，部署进一步做好稳就业工作，"
            "确定支持民营企业发展的措施，要求各地区各部门切实抓好落实，确保各项政策尽快见效，"
            "让企业和群众有实实在在的获得感。会议指出，就业是最大的民生。")
HEAD = "<h1>UN adopts resolution on trafficking</h1><time>16.11.2019 14:30</time>"


def _links(n: int, item: str) -> str:
    return "".join(item.format(k=k, d=k % 28 + 1) for k in range(n))


DATED_LI = "<li><a href='/n/{k}'>Minister opens bridge number {k}</a> {d:02d}.11.2019 14:30</li>"
CARD = ("<div class='jp-relatedposts-post'><h4><a href='/p/{k}'>Regional council approves "
        "budget line {k}</a></h4><p>November {d}, 2019</p></div>")
PLAIN_LI = "<li><a href='/s/{k}'>Trade delegation visits the northern region {k}</a></li>"
CJK_LI = "<li><a href='/c/{k}'>国务院常务会议部署稳就业措施第{k}项</a>（11月{d}日）</li>"

PAGES = {
    # A news agency's brief: the related list in an <aside> after the <article>.
    "agency_aside_dated": (f"<article>{HEAD}<p>{PARA}</p></article>"
                           f"<aside><h3>Related</h3><ul>{_links(20, DATED_LI)}</ul></aside>"),
    # A blog post with a related-posts widget inside the post (Jetpack's markup).
    "blog_related_posts_widget": (
        f"<article class='post'>{HEAD}<div class='entry-content'><p>{PARA}</p>"
        "<div id='jp-relatedposts' class='jp-relatedposts'><h3>You might also like</h3>"
        f"{_links(24, CARD)}</div></div></article>"),
    # A press office: "More from the Ministry" as its own section after the story.
    "press_office_more_from": (
        f"<main><article>{HEAD}<p>{PARA}</p></article><section class='more-from'>"
        f"<h2>More from the Ministry of Foreign Affairs</h2><ul>{_links(30, PLAIN_LI)}</ul>"
        "</section></main>"),
    # No class or id at all: a "See also" heading and its list inside the story's div.
    "see_also_heading": (f"<div>{HEAD}<p>{PARA}</p><h3>See also</h3>"
                         f"<ul>{_links(22, DATED_LI)}</ul></div>"),
    # A Chinese brief with a "related news" block of dated headline links.
    "cjk_related_news": ("<div class='article'><h1>国务院部署稳就业工作</h1>"
                         f"<p>{CJK_PARA}</p></div><div class='related-news'><h3>相关新闻</h3>"
                         f"<ul>{_links(20, CJK_LI)}</ul></div>"),
}


def _page(body: str) -> str:
    return f"<html><head><title>Brief</title></head><body>{body}</body></html>"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_short_story_beside_related_links_is_an_article(name: str) -> None:
    article = extract(_page(PAGES[name]), url=f"https://news.example/a/{name}")
    assert article.kind == "article", name
    assert article.body.split("\n\n")[-1] in (PARA, CJK_PARA), article.body


def test_a_section_front_with_a_related_aside_stays_a_listing() -> None:
    # Teasers in the page's own column, one snippet long enough to read as prose:
    # the aside no longer counts, the section's own headline links still do.
    teasers = "".join(
        f"<div class='views-row'><h3><a href='/t/{k}'>Parliament debates the budget for "
        f"region {k}</a></h3><p>{PARA if k == 0 else 'Deputies met on Friday.'}</p></div>"
        for k in range(20))
    html = _page(f"<main><h1>Politics</h1>{teasers}</main>"
                 f"<aside><h3>Related</h3><ul>{_links(20, DATED_LI)}</ul></aside>")
    assert extract(html, url="https://news.example/politics/").kind == "listing"
