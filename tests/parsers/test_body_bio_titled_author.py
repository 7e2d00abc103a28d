"""An author bio when the byline keeps the writer's title (k37c): "By Dr. Jane Doe" gives
the author "Dr. Jane Doe"; x37b's BIO_PREFIX_RE read the title off the paragraph only, so
"Dr. Jane Doe is a physician ..." no longer opened with the author's name and the bio,
cut before x37b, stayed. The paragraph is matched with and without its mark or title.
The first test fails without the fix; the guard passes both ways."""

from __future__ import annotations

import pytest

from parsers import extract

STORY = " ".join(["The trial enrolled patients at four hospitals in the region this spring."] * 6)


def _body(byline: str, last: str) -> str:
    paragraphs = "".join(f"<p>{STORY} Part {i}.</p>" for i in range(5))
    html = (
        '<html lang="en"><head><title>Trial</title></head><body><article><h1>Trial</h1>'
        f'<p class="byline">{byline}</p>{paragraphs}<p>{last}</p></article></body></html>'
    )
    return extract(html, url="https://news.example.com/2025/04/21/trial").body


@pytest.mark.parametrize(
    ("byline", "bio"),
    [
        ("By Dr. Jane Doe", "Dr. Jane Doe is a physician and writer based in Ohio."),
        ("By Prof. Jane Doe", "Prof. Jane Doe is a historian at the University of Leeds."),
    ],
)
def test_a_titled_author_s_titled_bio_is_cut(byline: str, bio: str) -> None:
    body = _body(byline, bio)
    assert "Part 4." in body
    assert bio[:20] not in body


def test_a_closing_paragraph_about_another_person_stays() -> None:
    last = "Dr. John Roe is leading the trial at the Mercy hospital."
    assert last in _body("By Dr. Jane Doe", last)
