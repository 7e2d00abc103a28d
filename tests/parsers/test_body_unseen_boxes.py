"""Body rules for teaser streams, sidebar boxes (some of them <aside>s themselves), text ads
and picture posts beside the story, found on pages the parsers were not tuned on (issue 17,
second set); small hand-written pages."""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.body_rule_pages import HEADLINE, SHORT_POST, STORY, URL, story_html
from tests.parsers.test_body_unseen import WIDGET_PROSE

TEASERS = [
    (
        "Ten easy autumn crafts for the whole family",
        "Leaves, pine cones and a little glue are all you need for an afternoon of crafts "
        "that children of every age can enjoy at the kitchen table.",
    ),
    (
        "How we planned a week of school lunches",
        "A simple chart on the fridge saved us time every morning and cut the waste of "
        "uneaten sandwiches that came back home at the end of the day.",
    ),
    (
        "Our favourite picture books about the sea",
        "From lighthouses to whales, these stories kept our youngest reading long after "
        "bedtime, and a few of them are cheap enough to buy as gifts.",
    ),
    (
        "A printable chore chart that actually works",
        "We tried six different systems before settling on this one, which rewards the "
        "small jobs and leaves room for the weekend's bigger tasks.",
    ),
    (
        "Five rainy day games that need no screens",
        "Indoor treasure hunts and a cardboard bowling alley saved a wet half-term week, "
        "and the children now ask for them even when the sun is out.",
    ),
    (
        "What we learned from a month without a car",
        "Bikes, buses and a borrowed trailer took us further than we expected, and the "
        "savings paid for a long weekend by the sea in the summer.",
    ),
    (
        "Seven soups to batch cook before winter",
        "These freeze well, reheat in minutes and use the vegetables that are cheapest "
        "in the shops from October onwards, with a few pantry spices.",
    ),
]


def _stream() -> str:
    return "".join(
        f'<li class="slide"><h3><a href="/posts/{n}/">{head}</a></h3><p>{summary} '
        f'<a href="/posts/{n}/">Read more »</a></p></li>'
        for n, (head, summary) in enumerate(TEASERS)
    )


# Category: a teaser stream beating the article in container choice (a blog's slider
# of featured posts, a portal's stream of other stories' teasers): in all it holds
# more prose than the short story under the page's headline, so the element around
# both, or the stream itself, was chosen and the story was lost among the teasers.
@pytest.mark.parametrize(
    "layout",
    [
        # The slider above the post, both in the page's one wrapper.
        '<div class="wrapper"><div class="slider"><ul class="slides">{stream}</ul></div>'
        '<div class="post"><h1>{headline}</h1><div class="entry">{story}</div></div></div>',
        # The stream in a column beside the story's own wrapper.
        '<div id="page"><div class="col"><ul>{stream}</ul></div>'
        '<div class="col"><h1>{headline}</h1>{story}</div></div>',
    ],
)
def test_a_teaser_stream_does_not_beat_the_story_under_the_headline(layout: str) -> None:
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        + layout.format(stream=_stream(), headline=HEADLINE, story=story_html())
        + "</body></html>"
    )
    article = extract(html, url=URL)
    assert article.body.split("\n\n") == STORY
    assert article.kind == "article"


def test_a_teaser_list_under_its_section_headline_stays_the_body() -> None:
    # The control: a section front's <h1> names the list under it, not a story beside
    # it, so a box of prose elsewhere on the page is not taken for the story.
    html = (
        "<html><head><title>Family life</title></head><body>"
        f'<div class="section"><h1>Family life</h1><ul>{_stream()}</ul></div>'
        '<div class="about"><p>' + " ".join(STORY) + "</p></div></body></html>"
    )
    article = extract(html, url="https://news.example.org/family/")
    assert article.body.startswith(TEASERS[0][0])


# Category: a sidebar or footer box beating a short post (blogs: an about-me
# profile, a text widget longer than a post of one or two paragraphs, in a sidebar
# that then holds most of the page's text).
PROFILE = (
    "I have written about advertising in this city for nineteen years, first for agencies "
    "and then for myself. This blog collects the campaigns I love and the ones I cannot "
    "stand, with a running commentary on the trade. Send tips, complaints and samples to "
    "the address below; I read everything, and I answer most of it within the week. "
    "Before this I wrote copy for two small shops and one very large one."
)


@pytest.mark.parametrize("box", ['class="sidebar"', 'id="sidebar2"', 'class="footer"'])
def test_a_sidebar_box_does_not_beat_a_short_post(box: str) -> None:
    html = (
        "<html><head><title>Top posts of the week</title></head><body>"
        '<div class="main"><div class="post"><h3 class="post-title">Top posts of the week</h3>'
        '<div class="post-body">'
        + "".join(f"<p>{p}</p>" for p in SHORT_POST)
        + "</div></div></div>"
        f'<div {box}><h2>About me</h2><p class="profile-textblock">{PROFILE}</p></div>'
        "</body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == SHORT_POST


def test_a_story_column_named_sidebar_stays_the_body() -> None:
    # Control: templates name the story's own column "sidebar1 layout"; outside it
    # there is only the footer, which is not chosen instead.
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<div class="clearfix sidebar1 layout"><article class="post"><h1>{HEADLINE}</h1>'
        + story_html() + "</article></div>"
        f'<footer class="footer"><div class="footer-text">{PROFILE}</div></footer>'
        "</body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == STORY


# Category: text ads under a sponsored-links label (news portals of the 2000s): a
# label line, then ads of a headline, a line of copy and a display address, in the
# story's own column; the story may resume after them.
@pytest.mark.parametrize("label", ["Sponsored Links", "SPONSORED LINKS", "Ads by Google"])
def test_text_ads_under_a_sponsored_links_label_are_not_the_story(label: str) -> None:
    ads = (
        "<p>Energy Efficiency - CO2 Calculator</p>"
        "<p>Surveys that identify energy loss from your home, all from one thermal image.</p>"
        "<p>www.irtsurveys.example.co.uk</p>"
        "<p>Thinking of a New PDA?</p><p>Latest Models, Lower Prices.</p>"
        "<p>PDA.ClickCompare-example.info</p>"
    )
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<div class="wrap"><h1>{HEADLINE}</h1><p>{STORY[0]}</p><p>{STORY[1]}</p>'
        f"<div>{label}</div>{ads}"
        + "".join(f"<p>{p}</p>" for p in STORY[2:])
        + "</div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == STORY


def picture_post_page(post: str, box: bool = True) -> str:
    """A 2010 blog template: the blog's name, a post, recent posts, a licence box."""
    licence = (
        "All photos on this blog are licensed under a Creative Commons Attribution "
        "Non-Commercial Share Alike licence. This means that you may share and remix "
        "the photos, as long as you do it in a non-commercial way and link back here."
    )
    recent = "".join(
        f'<li><a href="/2011/07/{n}/">Summer outfit number {n}</a></li>' for n in range(1, 9)
    )
    return (
        "<html><head><title>Summertime</title></head><body>"
        '<div id="header"><h1><a href="/">The Street Diary</a></h1></div>'
        f'<div class="content"><div class="left-panel">{post}</div>'
        f'<div class="right-panel"><h3>Recent posts</h3><ul>{recent}</ul></div></div>'
        + (f'<div class="credit"><p>{licence}</p></div>' if box else "")
        + "<p>Copyright 2011 The Street Diary.</p>"
        "</body></html>"
    )


CAPTION = "Photos by Eirik, down by the harbour."


# Category: a picture or video post beside a site-wide box (blogs: the post is a
# photo and a caption line under its own headline; a licence or about-me box holds
# more prose and was chosen as the story).
@pytest.mark.parametrize(
    "post",
    [
        '<div class="post hentry"><h2><a href="/2011/07/summertime/">Summertime</a></h2>'
        f'<p class="meta">Posted July 26th, 2011</p><img src="a.jpg"><p>{CAPTION}</p></div>',
        '<div class="post-header"><h2>Summertime</h2><p>Posted July 26th, 2011</p>'
        f"<p>{CAPTION}</p></div>",
    ],
)
def test_a_picture_post_is_its_own_lines_not_the_site_box(post: str) -> None:
    article = extract(picture_post_page(post), url=URL)
    assert article.title == "Summertime"
    assert article.body == CAPTION


def test_a_short_story_beside_its_own_header_stays_the_story() -> None:
    # The headline's element holds a date line too, but the story sits beside it in
    # the same post: the header is not the post (a control: passes with the rule and
    # without it).
    short = "The harbour festival opens on Friday with music on the quay."
    post = (
        '<div class="post"><div class="post-header"><h2>Summertime</h2>'
        f'<p>Posted July 26th, 2011</p></div><div class="story"><p>{short}</p></div></div>'
    )
    assert extract(picture_post_page(post, box=False), url=URL).body == short


# Category: a sidebar widget that is itself an <aside> (WordPress themes wrap each widget
# so: <aside id="text-2" class="widget widget_text">), in a column with no furniture name,
# holding a text longer than a short story beside it. Its id or class word ("text",
# "content") must not make it outscore the story: its own tag cancels that word's bonus.
@pytest.mark.parametrize(
    "widget_open",
    ['<aside id="text-2" class="widget widget_text">', '<aside class="widget about-content">'],
)
def test_a_widget_that_is_an_aside_does_not_beat_a_short_story(widget_open: str) -> None:
    menu = "".join(f'<li><a href="/section/{i}">Section number {i}</a></li>' for i in range(12))
    months = "".join(
        f'<li><a href="/2024/{m:02d}/">Month {m} of 2024</a></li>' for m in range(1, 13)
    )
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><div id='page' class='site'>"
        f"<header><ul class='menu'>{menu}</ul></header><div class='row'><div class='col-md-8'>"
        f"<div class='entry-content'><h1>{HEADLINE}</h1>"
        + "".join(f"<p>{p}</p>" for p in STORY[:3])
        + f"</div></div><div class='col-md-4'>{widget_open}<h3 class='widget-title'>About us</h3>"
        + "<div class='textwidget'>"
        + "".join(f"<p>{p}</p>" for p in WIDGET_PROSE)
        + "</div></aside>"
        + "<aside id='archives-2' class='widget widget_archive'><h3 class='widget-title'>Archives"
        + f"</h3><ul>{months}</ul></aside></div></div></div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == STORY[:3]


# Control: a story set in an <aside> that holds most of the page's text (a theme misusing
# the tag) keeps its story word's bonus, so the page around it, which holds a line more,
# does not take its place (fails with score.FURNITURE_MAX_SHARE's guard left out).
def test_a_story_in_an_aside_holding_most_of_the_page_stays_the_body() -> None:
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news/'>News</a></nav>"
        f"<aside class='post-content'><h1>{HEADLINE}</h1>{story_html()}</aside>"
        f"<div class='col'><p>{WIDGET_PROSE[0]}</p></div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == STORY
