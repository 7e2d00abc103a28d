"""k55b, attacking b55's embed rule (``labels.EMBED_WORDS``, d6d301c) with press-release
shapes; a guard for any rule that drops embedded posts again (lead55 took b55's out,
b3ad6ae: tests/parsers/test_body_b55_social_embeds.py pins that a post stays).

b55 dropped an embedded post's fallback text like any HARD box, and kept it where the
page is mostly the post (a HARD box over half the container or page stays). A release
that is mostly posts, several of them (a ministry's round-up of its ministers'
statements on X), lost them all under that rule: each post under half the page,
together nearly all of it, the body was the one line that introduces them. Passes on
main since b3ad6ae; fails on abbdc90 (b55's rule).
"""

from __future__ import annotations

from tests.parsers.body_rule_pages import body, page


def post(ministry: str, text: str) -> str:
    return (
        f'<blockquote class="twitter-tweet"><p lang="en" dir="ltr">{text}</p>&mdash; '
        f"Ministry of {ministry} (@{ministry}_example) "
        f'<a href="https://twitter.com/{ministry}_example/status/1">May 6, 2025</a>'
        "</blockquote>"
    )


POSTS = [
    post("Health", "Today we signed the agreement with the World Bank on a 50 million dollar "
                   "loan to modernise twelve regional hospitals, with work starting in March."),
    post("Finance", "The budget amendment passed its second reading: 4 billion for the roads "
                    "programme, with the first tenders announced before the end of the month."),
    post("Education", "From September every school in the eastern districts will offer free "
                      "lunches; the ministry will publish the list of schools next week."),
]


def test_a_release_that_is_mostly_embedded_posts_keeps_them() -> None:
    html = page(story=["Statements of the ministries on Tuesday."], after="".join(POSTS))
    kept = body(html)
    assert "World Bank" in kept, kept
    assert "budget amendment" in kept, kept
    assert "free lunches" in kept, kept

