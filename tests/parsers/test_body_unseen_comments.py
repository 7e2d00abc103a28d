"""Body rules for comment threads, comment forms and post footers beside the story, found on
pages the parsers were not tuned on (issue 17, second set); small hand-written pages."""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.body_rule_pages import HEADLINE, SHORT_POST, STORY, URL

REPLIES = [
    "I have lived in the eastern districts for twenty years and the tram cannot come soon enough.",
    "Electric buses sound good, but who pays for the charging depots the plan does not mention?",
    "The audit is a fair request: the last transport plan ran three years late and over budget.",
    "Spring is optimistic. The consultation alone took eighteen months the last time around here.",
]


# A post of seven paragraphs (the story above and two more).
POST = [
    *STORY,
    "The council will publish the full timetable for each line on its website next month.",
    "A public meeting on the eastern line is planned for the last week of January in the hall.",
]


# Category: pages whose story sits beside long comments (a blog post with dozens of
# replies): the thread holds most of the page, so the "misnamed wrapper" guard kept it
# as story text and it outscored the post.
@pytest.mark.parametrize(
    "thread",
    [
        '<div id="comments">',
        '<div id="comment_tpl">',
        '<ol class="commentlist">',
        '<div id="disqus_thread">',
    ],
)
def test_a_long_comment_thread_after_the_story_is_not_the_story(thread: str) -> None:
    tag = thread[1:].split()[0]
    replies = "".join(
        f'<div class="reply"><span>Reader {i} said,</span><p>{REPLIES[i % 4]} ({i})</p></div>'
        for i in range(16)
    )
    if tag == "ol":
        replies = replies.replace('<div class="reply">', "<li>").replace("</div>", "</li>")
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<div class="wrap"><h1>{HEADLINE}</h1>' + "".join(f"<p>{p}</p>" for p in POST)
        + f"{thread}{replies}</{tag}></div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == POST


def test_a_story_wrapper_named_for_comments_is_still_the_story() -> None:
    # Control for the rule above: with no prose before it, a thread-named element
    # holding most of the page is the story's (misnamed) wrapper.
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<div class="has-comments"><h1>{HEADLINE}</h1>'
        + "".join(f"<p>{p}</p>" for p in POST)
        + "</div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == POST


# Category: comment threads named in camelCase ("postComments", "userComments",
# "commentWrapper"): lower-cased, "comments" has no word boundary left, so a short
# thread inside the story's wrapper was read as more of the story.
@pytest.mark.parametrize(
    "name", ["postComments", "userComments", "commentWrapper", "articleComments"]
)
def test_a_comment_thread_named_in_camel_case_is_not_the_story(name: str) -> None:
    replies = "".join(
        f'<dl><dt class="author">by reader{i} July 24, 2012 1:17 PM EDT</dt>'
        f"<dd>{REPLIES[i]}</dd></dl>"
        for i in range(3)
    )
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<div class="wrap"><h1>{HEADLINE}</h1>' + "".join(f"<p>{p}</p>" for p in POST)
        + f'<div id="{name}">{replies}</div></div></body></html>'
    )
    assert extract(html, url=URL).body.split("\n\n") == POST


# Category: comment threads whose name also holds a story word ("user-post-box
# comment-box", "comment-body", "post-comments"): read as content-like, the thread
# was never furniture and its replies joined the post they follow.
@pytest.mark.parametrize(
    "name", ["user-post-box comment-box", "comment-body", "post-comments", "comments-content"]
)
def test_a_comment_thread_named_with_a_story_word_is_not_the_story(name: str) -> None:
    replies = "".join(
        f'<div class="reply"><span>Reader {i} said,</span><p>{REPLIES[i % 4]} ({i})</p></div>'
        for i in range(16)
    )
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<div class="wrap"><h1>{HEADLINE}</h1>' + "".join(f"<p>{p}</p>" for p in POST)
        + f'<div class="{name}">{replies}</div></div></body></html>'
    )
    assert extract(html, url=URL).body.split("\n\n") == POST


# Category: comment threads without class names (older news sites, blogs): a label
# line, then unnamed replies in the story's own wrapper, longer than the story.
@pytest.mark.parametrize(
    "label", ["Comments", "42 Comments", "Comments (16)", "Have your say", "Leave a Reply"]
)
def test_replies_after_a_comments_label_are_not_the_story(label: str) -> None:
    replies = "".join(
        f"<p>{REPLIES[i % 4]} ({i})</p><p>Posted by Reader {i} on January 10, 2008 4:15 PM</p>"
        for i in range(12)
    )
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<div class="wrap"><h1>{HEADLINE}</h1>' + "".join(f"<p>{p}</p>" for p in POST)
        + f'<div class="yvhd">{label}</div>{replies}</div></body></html>'
    )
    assert extract(html, url=URL).body.split("\n\n") == POST


# Category: a comment thread under a heading named for it (blog engines print
# <h2 id="comments">Comments</h2> over unnamed replies): the heading goes by its name
# before the lines are read, and the replies were kept as the story.
@pytest.mark.parametrize(
    "heading",
    [
        '<h2 id="comments">Comments</h2>',
        '<h3 class="comments-title">12 Comments</h3>',
        '<div id="comments-header">Leave a Reply</div>',
    ],
)
def test_replies_under_a_comment_heading_named_for_them_are_not_the_story(heading: str) -> None:
    replies = "".join(
        f'<div id="c{i}"><p>{REPLIES[i % 4]} ({i})</p></div>'
        f'<p class="posted">Posted by: Reader {i} at October 28, 2012 02:30 PM</p>'
        for i in range(12)
    )
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<div class="wrap"><h1>{HEADLINE}</h1>' + "".join(f"<p>{p}</p>" for p in POST)
        + f"{heading}{replies}</div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == POST


def test_a_comment_section_of_the_story_is_kept() -> None:
    # Control: the singular "Comment" heads a story's own section (an expert's view).
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body>"
        f'<div class="wrap"><h1>{HEADLINE}</h1>' + "".join(f"<p>{p}</p>" for p in STORY)
        + f"<h2>Comment</h2><p>{POST[5]}</p><p>{POST[6]}</p></div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == [*STORY, "Comment", *POST[5:]]


# Category: the comment form beside a short post (WordPress prints it as
# <div id="respond"> and <form id="commentform">, unnamed otherwise): its field labels
# and the allowed-tags note read as prose and outscored a post of two paragraphs.
FORM_NOTE = (
    "You may use these HTML tags and attributes: a href title, abbr title, acronym title, "
    "b, blockquote cite, cite, code, del datetime, em, i, q cite, strike, strong"
)


@pytest.mark.parametrize("wrapper", ['id="respond"', 'id="commentform"'])
def test_a_comment_form_does_not_beat_a_short_post(wrapper: str) -> None:
    form = (
        "<h3>Post a Comment</h3><p>Your email is never published nor shared.</p>"
        "<p>Name (required)</p><p>Email (will not be published)</p>"
        f"<p>{FORM_NOTE}</p>"
    )
    # The blog's own short lines (topics, archive months) around the post and the form.
    lines = "".join(f"<p>Archive: {month} 2012</p>" for month in ("May", "June", "July") * 4)
    html = (
        "<html><head><title>Top posts of the week</title></head><body>"
        f'<div class="top">{lines}</div><div class="hfeed"><h1>Top posts of the week</h1>'
        + "".join(f"<p>{p}</p>" for p in SHORT_POST)
        + f"</div><div {wrapper}>{form}</div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == SHORT_POST


# Category: a blog theme's post footer (WordPress's default themes) after the post.
@pytest.mark.parametrize(
    "footer",
    [
        "This entry was posted on Monday, October 15th, 2012 at 4:48 pm and posted in Life. "
        "You can follow any responses to this entry through the RSS 2.0 feed.",
        "This entry was posted on 23 October 2012 at 8:14 pm and is filed under Issues and "
        "Ideas. You can follow any responses to this entry through the RSS 2.0 feed. You can "
        "leave a response, or trackback from your own site.",
        "This entry was posted on Thursday, August 9th, 2012 at 2:01 pm.",
    ],
)
def test_a_blog_theme_post_footer_is_not_the_story(footer: str) -> None:
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><div class='post'>"
        f"<h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in STORY)
        + f"<p class='postmetadata'>{footer}</p></div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == STORY


def test_a_sentence_on_an_entry_posted_is_kept() -> None:
    # Control: no time of day after the date, a sentence of the story.
    line = "This entry was posted on the council's website on Monday, the clerk said."
    story = [*STORY[:2], line, *STORY[2:]]
    html = (
        f"<html><head><title>{HEADLINE}</title></head><body><div class='post'>"
        f"<h1>{HEADLINE}</h1>" + "".join(f"<p>{p}</p>" for p in story) + "</div></body></html>"
    )
    assert extract(html, url=URL).body.split("\n\n") == story

