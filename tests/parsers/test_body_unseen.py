"""Body rules found on pages the parsers were not tuned on (issue 17, second set): broken
titles, widgets, metered paragraphs, slug-named sections, share and link bars (comment threads:
test_body_unseen_comments.py; boxes and streams beside the story: test_body_unseen_boxes.py).

Each test names the category of pages its rule serves; the pages are small and
hand-written in the shape those pages share, never copies of a measured page.
"""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.body_rule_pages import HEADLINE, STORY, URL, story_html


# Category: a <title> whose end tag is missing or mangled (a crawl's spliced bytes,
# a template's broken comment): the tokenizer reads the rest of the page as the title.
@pytest.mark.parametrize(
    "title_end",
    [
        '</titavaScript" src="/general.js"></script>',  # the end tag spliced into a script
        '</titlevalue="true" -->',  # a template comment run into it
        "",  # no end tag at all
    ],
)
def test_a_title_without_its_end_tag_does_not_swallow_the_page(title_end: str) -> None:
    html = (
        f"<html><head><title>{HEADLINE}{title_end}\n"
        '<meta name="robots" content="index"></head><body>'
        '<div id="menu"><a href="/">Home</a> <a href="/news/">News</a></div>'
        f'<div id="story"><h1>{HEADLINE}</h1>{story_html()}</div></body></html>'
    )
    article = extract(html, url=URL)
    assert article.body.split("\n\n") == STORY
    assert article.title == HEADLINE


WIDGET_PROSE = [
    "Our weekend market opens every Saturday at eight with fresh produce from local farms.",
    "Volunteers are welcome to help set up the stalls and guide visitors around the square.",
    "Bring your own bags, since the market has been free of plastic packaging for two years.",
    "Children can join the cooking workshop at noon, led by chefs from the town's restaurants.",
]


# Category: a widget in the sidebar or footer outscoring a short story (a blog post
# of a few lines beside a long "about us" text box named "textwidget").
@pytest.mark.parametrize(
    ("wrapper_open", "wrapper_close"),
    [
        ('<div class="sidebar">', "</div>"),
        ('<div id="footer-widgets">', "</div>"),
        ("<aside>", "</aside>"),
        ("<footer>", "</footer>"),
    ],
)
def test_a_widget_in_the_sidebar_or_footer_does_not_beat_a_short_story(
    wrapper_open: str, wrapper_close: str
) -> None:
    widget = "".join(f"<p>{p}</p>" for p in WIDGET_PROSE)
    menu = "".join(f'<a href="/section/{i}">Section number {i}</a> ' for i in range(12))
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<div id="menu">{menu}</div><div class="entry"><h1>{HEADLINE}</h1>'
        + "".join(f"<p>{p}</p>" for p in STORY[:3])
        + f'</div>{wrapper_open}<div class="textwidget">{widget}</div>{wrapper_close}'
        "</body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == STORY[:3]


# Category: story paragraphs marked as metered: each <p> behind the meter carries
# "paywall" in its class, while the paywall prompt is a box of its own.
@pytest.mark.parametrize("label", ["paywall", "body-text paywall", "paywall-paragraph"])
def test_paragraphs_marked_paywall_are_the_story_and_the_prompt_is_not(label: str) -> None:
    metered = "".join(f'<p class="{label}">{p}</p>' for p in STORY[1:])
    prompt = (
        '<div class="paywall-prompt"><p>Subscribe to keep reading: you have read all of '
        "your free articles this month, and a subscription starts at one dollar.</p></div>"
    )
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<article><h1>{HEADLINE}</h1><div class="body"><p>{STORY[0]}</p>'
        f"{metered}{prompt}</div></article></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == STORY


# Category: sections named by their heading's slug (documentation generators, wikis):
# the slug's words ("sharing", "social", "ads") name the section's subject, not furniture.
@pytest.mark.parametrize(
    "heading", ["Sharing the cost of the new line", "Social housing near the stations",
                "Ads on the new trams"]
)
def test_a_section_named_by_its_heading_slug_is_kept(heading: str) -> None:
    slug = "-".join(heading.lower().split())
    named = (
        f'<div class="section" id="{slug}"><h2>{heading}</h2>'
        f"<p>{STORY[2]}</p><p>{STORY[3]}</p></div>"
    )
    others = "".join(
        f'<div class="section" id="part-{i}"><h2>Part {i} of the plan</h2><p>{STORY[i]}</p></div>'
        for i in (0, 1, 4)
    )
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<div class="document"><h1>{HEADLINE}</h1>{others}{named}</div>'
        "</body></html>"
    )
    assert f"{heading}\n\n{STORY[2]}\n\n{STORY[3]}" in extract(html, url=URL).body


# Category: share bars printed as a line of items ("Digg | Facebook | E-mail", "Post
# this story to: del.icio.us | Digg | Reddit"), set between the story's paragraphs.
@pytest.mark.parametrize(
    "bar",
    [
        "Post this story to: del.icio.us | Digg | Newsvine | Reddit | Fark",
        "Email | Print |",
        "Share: Facebook • Twitter • WhatsApp",
        "Story Tools: E-MAIL | PRINT | Text Size: S M L XL",
    ],
)
def test_a_share_bar_line_is_not_the_story(bar: str) -> None:
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><div class='wrap'>"
        f"<h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in STORY[:3])
        + f"<p>{bar}</p>" + "".join(f"<p>{p}</p>" for p in STORY[3:]) + "</div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == STORY


def test_a_sentence_about_social_networks_is_kept() -> None:
    # Control: items that are sentences, not a target's name, are the story's.
    line = "Facebook reported higher profits | Twitter lost users again"
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><div class='wrap'>"
        f"<h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in STORY[:3])
        + f"<p>{line}</p>" + "".join(f"<p>{p}</p>" for p in STORY[3:]) + "</div></body></html>"
    )
    assert line in extract(html, url=URL).body


# Category: a portal's link bars printed as a line (older news portals laid out in
# tables: a section bar, a footer's site links, the story's reader tools), set between
# the story's paragraphs or in a cell of the story's column.
@pytest.mark.parametrize(
    "bar",
    [
        "News: ePaper | Front Page | National | Tamil Nadu | International | Business | Sport",
        "The Indian Express Group | Advertise With Us | Privacy Policy | Feedback | Site Map",
        "View all news | Send to a friend | Print | Back to top",
        "Send this article to Friends by E-Mail",
        "Font Size -",
        "Rate this Article",
    ],
)
@pytest.mark.parametrize("cell", [False, True])
def test_a_portal_link_bar_line_is_not_the_story(bar: str, cell: bool) -> None:
    line = f"<table><tr><td>{bar}</td></tr></table>" if cell else f"<p>{bar}</p>"
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><div class='wrap'>"
        f"<h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in STORY[:3])
        + line + "".join(f"<p>{p}</p>" for p in STORY[3:]) + "</div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == STORY


def test_a_line_of_headlines_split_by_bars_is_kept() -> None:
    # Control: items of more than a few words are sentences of the story, not links.
    line = (
        "Markets rallied on Monday after the report | Oil fell for a third day running | "
        "Gold held steady near its record high | The dollar slipped against the yen"
    )
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><div class='wrap'>"
        f"<h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in STORY[:3])
        + f"<p>{line}</p>" + "".join(f"<p>{p}</p>" for p in STORY[3:]) + "</div></body></html>"
    )
    assert line in extract(html, url=URL).body


def test_an_email_label_is_not_a_tool_bar() -> None:
    # Control: "Email:" alone labels a contact block's field (CleanEval's gold keeps it).
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><div class='wrap'>"
        f"<h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in STORY)
        + "<p>Email:</p><p>press@council.example.org</p></div></body></html>"
    )
    assert "Email:" in extract(html, url=URL).body

