"""r43: the story cut into alike parts around ads, each part's name holding a furniture word,
is kept (parsers/body/parts.py, category "the story cut into alike parts around ads, each
part misnamed"; fundus's POLITICO Europe and Jyllands-Posten pages: docs/BENCHMARKS.md
"Body, r43"). Alike furniture (share buttons, ad slots) and a comment thread of alike
comments still leave the body."""

from __future__ import annotations

import pytest

from parsers import extract
from tests.parsers.tram_story import TRAM_STORY as STORY
from tests.parsers.tram_story import TRAM_URL as URL

# The two shapes seen: a layout grid with the story beside an ad column (POLITICO Europe,
# "sidebar" SOFT), and the story's runs in wrappers named for the paywall (Jyllands-Posten,
# "paywall" HARD; each run too short for b42's paywall-wrapper rule).
PARTS = {
    "sidebar grid": (
        "<div class='sidebar-grid__container'><div class='sidebar-grid__content "
        "article__content'><p>{}</p></div><aside class='sidebar-grid__sidebar'>"
        "<div class='ad'>Advertisement</div></aside></div>"
    ),
    "paywalled": "<div class='c-article-container__text-width paywalled'><p>{}</p></div>",
}
AD = "<div class='ad-slot'>Advertisement</div>"


def page(part: str, after: str = "") -> str:
    parts = AD.join(part.format(p) for p in STORY)
    return (
        "<html><head><title>Council approves tram plan</title></head><body><main>"
        "<nav><a href='/'>Home</a> <a href='/news/'>News</a> <a href='/sport/'>Sport</a></nav>"
        f"<article><h1>Council approves tram plan</h1>{parts}{after}</article>"
        "</main></body></html>"
    )


@pytest.mark.parametrize("shape", sorted(PARTS))
def test_the_story_cut_into_misnamed_parts_is_kept(shape: str) -> None:
    body = extract(page(PARTS[shape]), url=URL).body
    assert body.split("\n\n") == STORY


def test_alike_share_buttons_between_the_parts_still_go() -> None:
    share = (
        "<div class='share-bar'><div class='share-button'>Share on Facebook</div>"
        "<div class='share-button'>Share on X</div><div class='share-button'>Copy link</div></div>"
    )
    body = extract(page(PARTS["sidebar grid"], share), url=URL).body
    assert body.split("\n\n") == STORY


def test_a_thread_of_alike_comments_after_the_story_still_goes() -> None:
    replies = [
        "I have lived on the eastern side for twenty years and we have waited for this tram "
        "since the first plan was drawn up, so thank you to everyone who pushed for it.",
        "Five years is far too long for three lines; other cities have built more in less time "
        "and the council should explain why the work cannot start before next spring.",
        "Who pays for the new depots in the end? The article says the land was bought from the "
        "railway, but not what it cost or whether the state contributes anything at all.",
        "Electric buses by 2028 sounds good on paper, but the chargers at the old depot have "
        "been broken for months and nobody at the transport office answers the phone.",
    ]
    thread = (
        "<section class='comments'><h2>Comments</h2>"
        + "".join(f"<div class='comment'><p>{r}</p></div>" for r in replies)
        + "</section>"
    )
    body = extract(page(PARTS["paywalled"], thread), url=URL).body
    assert body.split("\n\n") == STORY


def test_alike_captions_of_a_photo_essay_still_go() -> None:
    # Dragnet's photo essays: "wp-caption" blocks whose "wp-caption-text" (a SOFT word and the
    # story word "text") hold most of the prose; they name no article or story, so no parts.
    captions = [
        "People walk past a huge pumpkin decoration on the square outside the old town hall.",
        "Two neighbours dressed as aliens entertain a crowd on the high street after dark.",
        "A man dressed as a toy soldier makes a call from a public phone near the station.",
        "A woman wearing fake blood rests her eyes on the last tram of the night home.",
    ]
    figures = "".join(
        f"<div class='wp-caption aligncenter'><img src='/{i}.jpg'>"
        f"<p class='wp-caption-text'>{c}</p></div>"
        for i, c in enumerate(captions)
    )
    html = (
        "<html><head><title>Council approves tram plan</title></head><body><main><article>"
        f"<h1>Council approves tram plan</h1><div class='entry'><p>{STORY[0]}</p>{figures}"
        "</div></article></main></body></html>"
    )
    body = extract(html, url=URL).body
    assert body.split("\n\n") == STORY[:1]


# k43: the same templates as a real site serves them with each part told apart, by a
# numbered id or a first part's modifier class: keyed by its whole name, each part was alone
# and dropped (the body came out empty or without its first part).
TOLD_APART = {
    "numbered ids": (
        "<div class='c-article-container__text-width paywalled' id='article-part-{i}'>"
        "<p>{p}</p></div>"
    ),
    "numbered grid": (
        "<div class='sidebar-grid__container'><div class='sidebar-grid__content "
        "article__content' id='content-{i}'><p>{p}</p></div><aside class='sidebar-grid__sidebar'>"
        "<div class='ad'>Advertisement</div></aside></div>"
    ),
}


def told_apart_page(part: str, first_class: str = "", after: str = "") -> str:
    runs = [
        part.format(i=i, p=p).replace("paywalled'", f"paywalled{first_class}'", i == 0)
        for i, p in enumerate(STORY)
    ]
    return (
        "<html><head><title>Council approves tram plan</title></head><body><main>"
        "<nav><a href='/'>Home</a> <a href='/news/'>News</a> <a href='/sport/'>Sport</a></nav>"
        f"<article><h1>Council approves tram plan</h1>{AD.join(runs)}{after}</article>"
        "</main></body></html>"
    )


@pytest.mark.parametrize("shape", sorted(TOLD_APART))
def test_the_story_in_parts_told_apart_by_a_number_is_kept(shape: str) -> None:
    body = extract(told_apart_page(TOLD_APART[shape]), url=URL).body
    assert body.split("\n\n") == STORY


def test_the_story_in_parts_whose_first_is_marked_is_kept() -> None:
    part = "<div class='c-article-container__text-width paywalled'><p>{p}</p></div>"
    body = extract(told_apart_page(part, first_class=" first"), url=URL).body
    assert body.split("\n\n") == STORY


def test_numbered_related_story_teasers_after_the_story_still_go() -> None:
    teasers = "".join(
        f"<div class='related-story related-story-{i}'><a href='/news/{i}'>{t}</a></div>"
        for i, t in enumerate(
            ["Bus lanes on the ring road open", "New depot plans shown", "Fares stay the same"]
        )
    )
    after = f"<aside class='related-stories'>{teasers}</aside>"
    body = extract(told_apart_page(TOLD_APART["numbered ids"], after=after), url=URL).body
    assert body.split("\n\n") == STORY
