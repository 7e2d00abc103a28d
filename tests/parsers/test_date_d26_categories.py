"""Publication dates by category, fifth pass (issue 17, d26): misses across the fundus,
URL-day and dev sets that generalise; each rule's case fails without it, guards pass both ways."""

from __future__ import annotations

from datetime import date

from tests.parsers.published_day import published_day as _day

BODY = "<p>" + " ".join(["The story goes on with enough words to be a story."] * 8) + "</p>"


# Category "a dated sentence over the date line" (Malay Mail, Público, Mallorca Magazin,
# VentureBeat): nothing declared; the header's first date is in a photo caption with no
# credit label, or in a teaser line, written as a sentence; the byline's own date line
# comes under it.
def _captioned_page(date_line: str) -> str:
    return (
        "<html lang='en'><head></head><body><article><h1>All paid their own way</h1>"
        "<figure><img src='a.jpg'><figcaption>A file photograph shows the minister speaking"
        " at the ministry in Shah Alam on November 19, 2024.</figcaption></figure>"
        f"<p>By Jane Doe</p><p>{date_line}</p>{BODY * 6}</article></body></html>"
    )


def test_a_date_line_under_a_dated_sentence_dates_the_story() -> None:
    assert _day(_captioned_page("Friday, 22 Nov 2024 4:55 PM MYT")) == date(2024, 11, 22)


def test_a_dated_sentence_with_no_date_line_under_it_still_dates_the_story() -> None:
    # The guard: with no short date line below, the sentence's date is the one printed.
    assert _day(_captioned_page("Share this story")) == date(2024, 11, 19)


def test_an_update_line_under_a_dated_sentence_is_not_the_date_line() -> None:
    # The guard: "Updated Nov 22, 2024" is the update, not the story's date line.
    assert _day(_captioned_page("Updated Nov 22, 2024")) == date(2024, 11, 19)


def test_a_short_dated_line_under_a_short_one_is_not_taken() -> None:
    # The guard: the header's first date is itself a date line, not a sentence: it stands.
    html = (
        "<html lang='en'><head></head><body><article><h1>All paid their own way</h1>"
        "<p>November 19, 2024</p><p>Event: 22 Nov 2024</p>"
        f"{BODY * 6}</article></body></html>"
    )
    assert _day(html) == date(2024, 11, 19)


# Category "the headline inside the body's element" (Postmedia: canada.com, National
# Post, The Province): nothing declared; the story's element opens with a "Trending"
# list of other headlines, so the headline and the date line under it sat past the
# header's window.
def _trending_page(date_line: str) -> str:
    trending = "".join(
        f"<div><p>Trending</p><p>Travel</p><p><a href='/t{i}'>Other story number {i} takes"
        " its place in the list</a></p></div>"
        for i in range(4)
    )
    return (
        "<html lang='en'><head></head><body><article>"
        f"{trending}<h1>Iconic resort reopens after revamp</h1>"
        "<p>The resort completes a sweeping overhaul after the wildfire</p>"
        "<div>Author of the article:</div><div>Jody Robbins</div>"
        f"<div>{date_line}</div><div>Join the conversation</div>"
        f"{BODY * 6}</article></body></html>"
    )


def test_a_date_line_under_a_headline_inside_the_story_element_is_read() -> None:
    assert _day(_trending_page("Published Aug 28, 2024 • 3 minute read")) == date(2024, 8, 28)


def test_an_update_line_under_a_headline_inside_the_story_element_is_not_the_date() -> None:
    # The guard: the wider window reads the lines under the headline as any header's.
    assert _day(_trending_page("Updated 1 hour ago • 3 minute read")) is None


# Category "date line under a tool bar" (Daily Maverick, Focus, Corriere della Sera):
# nothing declared; tabs and share buttons under the headline push the byline's date
# past the header's window, and a comment's date line further down was read instead.
def _toolbar_page(date_line: str) -> str:
    bar = "".join(f"<div>{label}</div>" for label in ["DIVE DEEPER", "SPEED READ", "SUMMARY",
                                                      "LISTEN", "Share", "E-Mail", "Print",
                                                      "Comments", "Feedback", "Twitter"])
    return (
        "<html lang='en'><head></head><body><main><h1>Legal opinion expected after the"
        f" hearings</h1>{bar}<div>By Victoria Regan</div><div>{date_line}</div>"
        f"<article>{BODY * 6}</article><section><h3>Comments</h3>"
        "<div>Jane Roe</div><div>5 May 2025 at 00:46</div><p>A comment on the story that"
        " goes on for a while.</p></section></main></body></html>"
    )


def test_a_date_line_under_a_tool_bar_dates_the_story() -> None:
    assert _day(_toolbar_page("03 May 2025 4")) == date(2025, 5, 3)


def test_a_sentence_under_a_tool_bar_is_no_date_line() -> None:
    # The guard: a date inside a sentence under the headline is the news, not the page's;
    # the rule passes it over and the older fallbacks answer as before (the comment's).
    line = "The court heard a final day of arguments on Friday, 2 May 2025, in The Hague."
    assert _day(_toolbar_page(line)) == date(2025, 5, 5)
