"""Small pages for the body-rule tests: one story, with furniture put before or after it."""

from __future__ import annotations

from parsers import extract

URL = "https://news.example.org/2024/05/02/story/"


STORY = [
    "The city council on Monday approved a five-year plan that adds three tram lines to the east.",
    "The plan also replaces the entire bus fleet with electric buses by 2028, officials said.",
    "Opposition members said the cost estimates were too optimistic and asked for an audit.",
    "Construction of the first line is due to start next spring, after a last consultation.",
    "Residents of the eastern districts have waited over a decade for a direct tram link.",
]


HEADLINE = "Council approves transport plan"

# A blog post of two short paragraphs, which boxes and forms beside it outweigh.
SHORT_POST = [
    "The five most read posts of the week, from tube prank signs to museum billboards.",
    "A rejection letter from a very unusual church also made the list this time.",
]


def story_html() -> str:
    return "".join(f"<p>{p}</p>" for p in STORY)


def page(
    before: str = "", after: str = "", story: list[str] | None = None, published: str = ""
) -> str:
    """``published``: the page's publication moment in its meta (ISO 8601), when given."""
    paragraphs = "".join(f"<p>{p}</p>" for p in (story or STORY))
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (
        f"<html><head><title>Council approves transport plan</title>{meta}</head><body>"
        '<nav><a href="/">Home</a> <a href="/news/">News</a></nav>'
        f'<article><h1>Council approves transport plan</h1><div class="story">{before}'
        f"{paragraphs}{after}</div></article></body></html>"
    )


def body(html: str) -> str:
    return extract(html, url=URL).body


def story_with_headings(headings: list[str], before: int, after: int) -> str:
    """STORY-like paragraphs with a run of <h3> headings after ``before`` of them."""
    lines = [f"{p[:-1]}, part {i}." for i in range(3) for p in STORY][: before + after]
    paragraphs = [f"<p>{p}</p>" for p in lines]
    run = "".join(f"<h3>{h}</h3>" for h in headings)
    return (
        "<html><body><article><h1>Council approves transport plan</h1>"
        f"{''.join(paragraphs[:before])}{run}{''.join(paragraphs[before:])}"
        "</article></body></html>"
    )


TITLES = [f"Another story about the city, number {i}" for i in range(3)]


# Over AUTHOR_BIO_MIN_BEFORE characters: enough story for a bio to close.
LONG_STORY = (
    STORY
    + [f"{p[:-1]}, the report added." for p in STORY]
    + [f"{p[:-1]}, officials said." for p in STORY]
)


def bylined_page(after: str, story: list[str] | None = None) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in (story or LONG_STORY))
    return (
        "<html><head><title>Council approves transport plan</title>"
        '<meta name="author" content="Jane Doe"></head><body>'
        '<article><h1>Council approves transport plan</h1><p class="byline">By Jane Doe</p>'
        f'<div class="story">{paragraphs}{after}</div></article></body></html>'
    )

