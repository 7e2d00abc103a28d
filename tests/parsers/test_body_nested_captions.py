"""b45: a picture's caption written in paragraphs inside its ``figcaption`` is not the story
(parsers/body/captions.py; docs/BENCHMARKS.md "Body, b45: a census of surplus text").

Category "a caption nested in figcaption": Nine News, ZDF, Golem, Rheinische Post and other
CMSs put ``<p>`` or ``<div>`` blocks inside the ``figcaption``; the block's own tag was the
only one checked. A quote's attribution in a figure with the ``blockquote``, an overlong
figcaption (markup left open) and a gallery whose captions are its text stay."""

from __future__ import annotations

from parsers import extract
from tests.parsers.tram_story import TRAM_STORY as STORY
from tests.parsers.tram_story import TRAM_URL as URL
from tests.parsers.tram_story import page, paragraphs

CAPTION = "The new tram depot seen from the railway bridge on Sunday. AP Photo/Jane Doe"
CAPTION_BLOCKS = (
    # Nine News: the caption's text in a <p> of the figcaption.
    f"<figure><img src='/a.jpg'><figcaption><p>{CAPTION}</p></figcaption></figure>",
    # ZDF / Rheinische Post: a <div> with the text and a credit <span>.
    "<figure class='media'><img src='/a.jpg'><figcaption class='x1'><div class='x2'>"
    f"{CAPTION}</div></figcaption></figure>",
    # CNET's (Readability's test page): <span class='caption'><p>...</p></span>.
    "<figure><img src='/a.jpg'><figcaption><span class='caption'><p>"
    f"{CAPTION}</p></span><span class='credit'>Photo by Jane Doe</span></figcaption></figure>",
)


def _body(inner: str) -> str:
    return extract(page(inner), url=URL).body


def test_a_caption_in_paragraphs_inside_figcaption_is_dropped() -> None:
    for figure in CAPTION_BLOCKS:
        body = _body(paragraphs(STORY[:2]) + figure + paragraphs(STORY[2:]))
        assert "tram depot seen" not in body, figure
        assert body.split("\n\n") == STORY, figure


def test_a_quote_attribution_in_a_figure_stays() -> None:
    quote = (
        "<figure><blockquote><p>We will keep the old depot open until the last bus has been "
        "replaced, whatever the auditor says.</p></blockquote><figcaption><p>Jane Doe, head of "
        "the transport committee</p></figcaption></figure>"
    )
    body = _body(paragraphs(STORY[:2]) + quote + paragraphs(STORY[2:]))
    assert "Jane Doe, head of the transport committee" in body


def test_an_overlong_figcaption_is_not_a_caption() -> None:
    # An unclosed figcaption swallows the story's rest (over CAPTION_MAX_CHARS, under half
    # of the story): its paragraphs stay.
    before = [f"{line} (Part {n}.)" for n in (1, 2, 3) for line in STORY]
    rest = [f"{line} (Part {n}.)" for n in (4, 5) for line in STORY]
    inner = paragraphs(before) + f"<figure><figcaption>{paragraphs(rest)}</figcaption></figure>"
    body = _body(inner)
    assert rest[-1] in body


def test_a_gallery_whose_captions_are_its_text_keeps_them() -> None:
    long_captions = [line + " The photographs were taken this spring." for line in STORY]
    gallery = "".join(
        f"<figure><img src='/{i}.jpg'><figcaption><p>{line}</p></figcaption></figure>"
        for i, line in enumerate(long_captions)
    )
    body = _body("<p>Pictures of the new line.</p>" + gallery)
    assert long_captions[0] in body
